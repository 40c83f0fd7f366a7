"""A shape that sticks out of its lane band is reported (`outside-lane`, issue 11); the editor's
Fix is tested in tests/ui/test_outside_lane_fix.py."""

from __future__ import annotations

from flowedit.analysis import check_document
from flowedit.io import loads_document

#: "Bayar di kasir" (70 tall) at y 290 in the 120-unit lane Kasir starting at 180: its bottom is
#: 325, 25 below the lane; "Cek stok" at y 210 pokes 5 above the top of its lane.
RETAIL = """\
flowedit: 1
title: Toko
lanes:
  - {id: toko, name: Area Toko, height: 180}
  - {id: kasir, name: Kasir, height: 120}
nodes:
  - {id: masuk, kind: start, name: Pelanggan masuk, lane: toko, x: 160, y: 90}
  - {id: cek, kind: stage, name: Cek stok, lane: kasir, x: 360, y: 210}
  - {id: bayar, kind: stage, name: Bayar di kasir, lane: kasir, x: 560, y: 290}
  - {id: selesai, kind: end, name: Selesai, lane: toko, x: 760, y: 90, outcome: won}
edges:
  - {from: masuk, to: cek}
  - {from: cek, to: bayar}
  - {from: bayar, to: selesai}
"""


def _outside(doc) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p.node: p.message for p in check_document(doc) if p.code == "outside-lane"}


def test_shapes_across_their_lane_border_are_reported_with_the_amount() -> None:
    found = _outside(loads_document(RETAIL, "toko.yaml"))
    assert set(found) == {"cek", "bayar"}
    assert "'Bayar di kasir' sticks out of its lane 'Kasir' by 25 units" in found["bayar"]
    assert "by 5 units" in found["cek"]
