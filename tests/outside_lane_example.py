"""A retail process with two shapes out of their lane bands, shared by the check's tests and
the editor's Fix tests (issue 11)."""

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
