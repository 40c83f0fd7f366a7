"""Figures that roll up: a stage's probabilities and days computed from its sub-process, equal to
the flattened process (the sub-process drawn inline)."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from subprocess_helpers import hand_example, random_process

from flowedit.analysis.metrics import Metrics, compute_metrics
from flowedit.model import Document, Node, NodeKind, Outcome
from flowedit.model.subprocess import exit_mapping, flatten


def test_the_hand_example_rolls_up_as_computed_by_hand() -> None:
    # Sub-process: 30% sign, 70% walk away; every lead spends 4 days in talks, and those who
    # walk away 2 more in the debrief: 4 + 0.7 * 2 = 5.4 days in the stage.
    metrics = compute_metrics(hand_example(exit_days=(0.0, 2.0)))
    figures = metrics.from_subprocess["nego"]
    assert figures.probabilities == pytest.approx({"to-won": 0.3, "to-lost": 0.7})
    assert figures.days == pytest.approx(5.4)
    assert figures.dropped == pytest.approx(0.0)
    # The stage's own 99 days and 50/50 arrows are replaced by the computed ones.
    assert metrics.win_rate == pytest.approx(0.3)
    assert metrics.ends["lost"].leads == pytest.approx(700)
    assert metrics.nodes["nego"].lead_days == pytest.approx(5400)
    assert metrics.days_to_win == pytest.approx(5.4)
    assert {e.id: e.flow for e in metrics.edges} == pytest.approx(
        {"in": 1000, "to-won": 300, "to-lost": 700})


def test_the_hand_example_equals_its_flattened_process() -> None:
    doc = hand_example(exit_days=(1.0, 1.0))  # both exits take 5 days: days agree too
    rolled, flat = compute_metrics(doc), compute_metrics(flatten(doc))
    assert rolled.win_rate == pytest.approx(flat.win_rate)
    assert rolled.days_to_win == pytest.approx(flat.days_to_win) == pytest.approx(5.0)
    assert _total_days(doc, rolled) == pytest.approx(_total_days(flatten(doc), flat))


def test_days_to_win_is_the_average_when_exits_take_different_times() -> None:
    """Documented limit: the stage has one figure of days, the mean over every lead."""
    doc = hand_example(exit_days=(0.0, 2.0))
    assert compute_metrics(flatten(doc)).days_to_win == pytest.approx(4.0)
    assert compute_metrics(doc).days_to_win == pytest.approx(5.4)


def test_own_figures_override_the_sub_process() -> None:
    doc = hand_example()
    doc.update_node("nego", own_figures=True)
    metrics = compute_metrics(doc)
    assert metrics.from_subprocess == {}
    assert metrics.win_rate == pytest.approx(0.5)
    assert metrics.nodes["nego"].lead_days == pytest.approx(99_000)


def test_an_end_that_maps_to_no_arrow_drops_its_leads_at_the_stage() -> None:
    doc = hand_example()
    doc.nodes["nego"].process.update_node("walked", name="Parked")  # matches no arrow now
    figures = compute_metrics(doc).from_subprocess["nego"]
    assert figures.probabilities == pytest.approx({"to-won": 0.3, "to-lost": 0.0})
    assert figures.dropped == pytest.approx(0.7)
    assert compute_metrics(doc).dropped == pytest.approx(700)


def test_a_sub_process_without_start_leaves_the_stage_s_own_figures() -> None:
    doc = hand_example()
    doc.nodes["nego"].process.remove_node("start")
    metrics = compute_metrics(doc)
    assert "nego" not in metrics.from_subprocess
    assert metrics.win_rate == pytest.approx(0.5)


def test_the_json_names_the_rolled_up_figures_only_when_there_are_some() -> None:
    data = compute_metrics(hand_example()).to_json()
    assert data["from_subprocess"]["nego"]["probabilities"] == pytest.approx(
        {"to-won": 0.3, "to-lost": 0.7})
    flat = compute_metrics(flatten(hand_example())).to_json()
    assert "from_subprocess" not in flat


# ------------------------------------------------------------------------ exit mapping
def _stage_with_arrows() -> Document:
    doc = Document("p")
    doc.add_node(Node("s", NodeKind.STAGE, "Stage", x=0, y=0))
    doc.add_node(Node("yes", NodeKind.END, "Deal won", x=0, y=0, outcome=Outcome.WON))
    doc.add_node(Node("no", NodeKind.END, "Deal lost", x=0, y=0, outcome=Outcome.LOST))
    doc.connect("s", "yes", "Signed", edge_id="a")
    doc.connect("s", "no", "Walked away", edge_id="b")
    return doc


@pytest.mark.parametrize(("end", "expected"), [
    (Node("x", NodeKind.END, "anything", exit="walked  AWAY"), "b"),  # exit = label
    (Node("x", NodeKind.END, "anything", exit="yes"), "a"),  # exit = target id
    (Node("x", NodeKind.END, "anything", exit="deal lost"), "b"),  # exit = target name
    (Node("x", NodeKind.END, "anything", exit="elsewhere"), None),  # names nothing
    (Node("x", NodeKind.END, "Signed"), "a"),  # name = label
    (Node("x", NodeKind.END, "Deal Lost"), "b"),  # name = target name
    (Node("x", NodeKind.END, "Done", outcome=Outcome.WON), "a"),  # by outcome
    (Node("x", NodeKind.END, "Done"), None),  # two arrows, nothing to go by
])
def test_each_end_maps_by_exit_then_name_then_outcome(end: Node, expected: str | None) -> None:
    child = Document("c")
    child.add_node(end)
    assert exit_mapping(_stage_with_arrows(), "s", child) == {"x": expected}


def test_a_stage_with_one_arrow_takes_every_end() -> None:
    doc = _stage_with_arrows()
    doc.disconnect("b")
    child = Document("c")
    child.add_node(Node("x", NodeKind.END, "Done"))
    assert exit_mapping(doc, "s", child) == {"x": "a"}


# ------------------------------------------------------------------------ the strong property
def _total_days(doc: Document, metrics: Metrics) -> float:
    return math.fsum(m.lead_days for node_id, m in metrics.nodes.items()
                     if doc.nodes[node_id].kind is not NodeKind.END)


@settings(max_examples=150, deadline=None)
@given(seed=st.integers(0, 10**9), depth=st.integers(1, 3))
def test_the_parent_s_figures_equal_the_flattened_process(seed: int, depth: int) -> None:
    doc = random_process(random.Random(seed), depth)
    flat = flatten(doc)
    assert not flat.has_subprocesses()
    rolled, inline = compute_metrics(doc), compute_metrics(flat)
    assert rolled.win_rate == pytest.approx(inline.win_rate, rel=1e-9, abs=1e-9)
    for end_id, end in rolled.ends.items():
        assert end.leads == pytest.approx(inline.ends[end_id].leads, rel=1e-9, abs=1e-9)
    if inline.stuck == 0:  # leads circling forever count the days of where they got caught
        assert _total_days(doc, rolled) == pytest.approx(_total_days(flat, inline), rel=1e-9,
                                                          abs=1e-6)
    # Leads that stop inside a sub-process drop out at its stage in the rolled-up figures.
    assert rolled.dropped + rolled.stuck == pytest.approx(inline.dropped + inline.stuck,
                                                          rel=1e-9, abs=1e-9)
    plain = [e for e in rolled.edges
             if doc.child(e.source) is None and doc.child(e.target) is None]
    inline_flow = {e.id: e.flow for e in inline.edges}
    for edge in plain:
        assert edge.flow == pytest.approx(inline_flow[edge.id], rel=1e-9, abs=1e-9)


def test_the_random_processes_do_nest() -> None:
    """The property above is about something: the generator makes sub-processes."""
    nested = [random_process(random.Random(seed), 2).has_subprocesses() for seed in range(20)]
    assert sum(nested) >= 10
