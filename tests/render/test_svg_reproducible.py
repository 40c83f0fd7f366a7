"""Exporting the same process twice gives the same SVG, byte for byte (issue 13): the embedded
font subsets carry no time stamp of when they were made. The clock fontTools reads is replaced by
one that moves on at every call, so two exports within the same second cannot hide a stamp."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fontTools.ttLib.tables import _h_e_a_d

from flowedit.io import load_document
from flowedit.render.export import render_bytes

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Exports need a QGuiApplication for fonts."""


def test_two_svg_exports_are_byte_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = itertools.count(3_000_000_000, 1_000)
    monkeypatch.setattr(_h_e_a_d, "timestampNow", lambda: next(ticks))
    doc = load_document(SAMPLES / "b2b-sales.yaml")
    first = render_bytes(doc, "svg")
    second = render_bytes(doc, "svg")
    assert b"@font-face" in first  # the fonts are embedded, so the stamp had a place to hide
    assert first == second
