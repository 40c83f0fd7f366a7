"""A shape that sticks out of its lane band is reported (`outside-lane`, issue 11); the editor's
Fix is tested in tests/ui/test_outside_lane_fix.py."""

from __future__ import annotations

from outside_lane_example import RETAIL

from flowedit.analysis import check_document
from flowedit.io import loads_document


def _outside(doc) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {p.node: p.message for p in check_document(doc) if p.code == "outside-lane"}


def test_shapes_across_their_lane_border_are_reported_with_the_amount() -> None:
    found = _outside(loads_document(RETAIL, "toko.yaml"))
    assert set(found) == {"cek", "bayar"}
    assert "'Bayar di kasir' sticks out of its lane 'Kasir' by 25 units" in found["bayar"]
    assert "by 5 units" in found["cek"]
