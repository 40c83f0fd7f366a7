"""The funnel chart of the B2B sample: it ends at the won milestone, and a stage visited again
after a loop reads "×1.7 visits", as on the canvas, never a share over 100%."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowedit.analysis.funnel import funnel_bars
from flowedit.analysis.metrics import compute_metrics
from flowedit.io import load_document
from flowedit.render.funnel import funnel_svg

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Painting needs a QGuiApplication: pytest-qt's."""


def test_the_chart_reads_loops_as_visits_and_ends_at_the_signature() -> None:
    doc = load_document(SAMPLE)
    bars = funnel_bars(doc, compute_metrics(doc))
    svg = funnel_svg(bars).decode("utf-8")
    assert "Qualification call — 1,667 (×1.7 visits)" in svg
    assert "166.7%" not in svg
    assert bars[-1].name == "Contract signed"
    assert "Contract signed — 417 (41.7%)" in svg
