"""The metrics overlay says which figures were computed from a sub-process (issue 18)."""

from __future__ import annotations

from pathlib import Path

from flowedit.analysis.metrics import compute_metrics
from flowedit.io import load_document
from flowedit.render.metrics_overlay import overlay_for

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-with-prospecting.yaml"


def test_a_stage_with_a_sub_process_shows_its_computed_days_from_the_sub_process() -> None:
    doc = load_document(SAMPLE)
    metrics = compute_metrics(doc, 1000)
    badges = overlay_for(doc, metrics).badges
    rolled = metrics.from_subprocess["prospecting"]
    assert badges["prospecting"].endswith(" · from sub-process")
    assert f"{rolled.days:.1f} d" in badges["prospecting"]  # not its own (it has none)
    assert not any("from sub-process" in text for node_id, text in badges.items()
                   if node_id != "prospecting")


def test_own_figures_are_not_marked() -> None:
    doc = load_document(SAMPLE)
    doc.update_node("prospecting", own_figures=True, duration_days=3)
    badges = overlay_for(doc, compute_metrics(doc, 1000)).badges
    assert "from sub-process" not in badges["prospecting"]
    assert "3 d" in badges["prospecting"]
