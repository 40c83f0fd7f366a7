"""Changing a shape's kind in place (issue 10): one edit that keeps the shape's id, name, lane,
centre and every arrow the new kind allows, and says what it cannot keep."""

from __future__ import annotations

import pytest

from flowedit.model import (
    DEFAULT_SIZES,
    Document,
    Lane,
    ModelError,
    Node,
    NodeKind,
    Outcome,
    editing,
)
from flowedit.model.geometry import lane_bands
from flowedit.model.operations import Recorder, revert_all


def sample() -> Document:
    """start -> qualify -> demo -> won; qualify loops on itself; demo -> lost (40 %)."""
    doc = Document("Kinds")
    doc.add_lane(Lane("sales", "Sales", 200.0))
    doc.add_node(Node("start", NodeKind.START, "Lead in", x=100, y=100, lane="sales"))
    doc.add_node(Node("qualify", NodeKind.STAGE, "Qualify", x=300, y=100, lane="sales",
                      owner="SDR", duration_days=2.0))
    doc.add_node(Node("demo", NodeKind.STAGE, "Demo\nday", x=500, y=100, lane="sales"))
    doc.add_node(Node("won", NodeKind.END, "Won", x=700, y=60, lane="sales",
                      outcome=Outcome.WON))
    doc.add_node(Node("lost", NodeKind.END, "Lost", x=700, y=150, lane="sales",
                      outcome=Outcome.LOST))
    doc.connect("start", "qualify", edge_id="e1")
    doc.connect("qualify", "qualify", label="Retry", edge_id="loop")
    doc.connect("qualify", "demo", edge_id="e2")
    doc.connect("demo", "won", label="Yes", probability=0.6, edge_id="e3")
    doc.connect("demo", "lost", label="No", probability=0.4, edge_id="e4")
    return doc


def change(doc: Document, node_id: str, kind: NodeKind) -> tuple[Recorder, editing.KindChangeCost]:
    rec = Recorder(doc)
    with rec.all_or_nothing():
        cost = editing.change_kind(rec, node_id, kind)
    return rec, cost


def test_a_stage_becomes_a_decision_keeping_id_name_lane_centre_and_arrows() -> None:
    doc = sample()
    rec, cost = change(doc, "demo", NodeKind.DECISION)
    node = doc.nodes["demo"]
    assert (node.kind, node.name, node.lane, node.x, node.y) == (
        NodeKind.DECISION, "Demo\nday", "sales", 500, 100)
    assert node.size == DEFAULT_SIZES[NodeKind.DECISION]
    assert sorted(doc.edges_of("demo")) == ["e2", "e3", "e4"]
    assert cost.lost == ()
    revert_all(doc, rec.operations)
    assert doc == sample()


def test_a_stage_that_loops_loses_only_its_loop_when_it_becomes_a_decision() -> None:
    doc = sample()
    _, cost = change(doc, "qualify", NodeKind.DECISION)
    assert cost.edge_ids == ("loop",)
    assert cost.lost == ("the arrow looping back to itself ('Retry')",)
    assert "loop" not in doc.edges and {"e1", "e2"} <= set(doc.edges)
    assert (doc.nodes["qualify"].owner, doc.nodes["qualify"].duration_days) == ("SDR", 2.0)


def test_an_end_keeps_no_outgoing_arrows_and_says_which_it_dropped() -> None:
    doc = sample()
    assert editing.kind_change_cost(doc, "demo", NodeKind.END).lost == (
        "the arrow to 'Won' ('Yes', 60%)", "the arrow to 'Lost' ('No', 40%)")
    _, cost = change(doc, "demo", NodeKind.END)
    assert set(cost.edge_ids) == {"e3", "e4"}
    assert doc.out_edges("demo") == () and doc.in_edges("demo") == ("e2",)
    assert doc.nodes["demo"].outcome is None


def test_a_start_keeps_no_incoming_arrows() -> None:
    doc = sample()
    _, cost = change(doc, "demo", NodeKind.START)
    assert cost.edge_ids == ("e2",) and cost.lost == ("the arrow from 'Qualify'",)
    assert doc.in_edges("demo") == () and set(doc.out_edges("demo")) == {"e3", "e4"}


def test_an_end_that_becomes_a_decision_drops_its_outcome_and_keeps_its_arrows() -> None:
    doc = sample()
    _, cost = change(doc, "won", NodeKind.DECISION)
    assert cost.lost == ("its outcome (won): only an end or a stage has one",)
    assert doc.nodes["won"].outcome is None and doc.in_edges("won") == ("e3",)


def test_an_end_that_becomes_a_stage_keeps_its_outcome_as_a_milestone() -> None:
    doc = sample()
    _, cost = change(doc, "won", NodeKind.STAGE)
    assert cost.lost == () and doc.nodes["won"].outcome is Outcome.WON


def test_a_size_set_by_hand_scales_with_the_default_sizes_around_the_same_centre() -> None:
    doc = sample()
    rec = Recorder(doc)
    editing.resize_node(rec, "demo", 300.0, 105.0)  # twice and 1.5 times a stage's default
    change(doc, "demo", NodeKind.DECISION)
    width, height = DEFAULT_SIZES[NodeKind.DECISION]
    node = doc.nodes["demo"]
    assert (node.width, node.height) == (2 * width, 1.5 * height)
    assert (node.x, node.y) == (500, 100)


def test_a_taller_kind_grows_the_lane_instead_of_leaving_it() -> None:
    doc = Document("Tight")
    doc.add_lane(Lane("sales", "Sales", 80.0))
    doc.add_node(Node("s", NodeKind.START, "In", x=100, y=40, lane="sales"))
    change(doc, "s", NodeKind.DECISION)
    top, bottom = lane_bands(doc)["sales"]
    node = doc.nodes["s"]
    assert node.lane == "sales"
    assert top <= node.y - node.size[1] / 2 and node.y + node.size[1] / 2 <= bottom


def test_choosing_the_same_kind_changes_nothing() -> None:
    doc = sample()
    rec, cost = change(doc, "demo", NodeKind.STAGE)
    assert rec.operations == [] and cost.lost == () and doc == sample()


@pytest.mark.parametrize("kind", list(NodeKind))
@pytest.mark.parametrize("node_id", ["start", "qualify", "demo", "won"])
def test_every_change_of_kind_is_allowed_and_undoes_exactly(node_id, kind) -> None:
    doc = sample()
    rec, _ = change(doc, node_id, kind)
    assert doc.nodes[node_id].kind is kind
    revert_all(doc, rec.operations)
    assert doc == sample()


def test_an_unknown_kind_is_refused_with_the_kinds_to_choose_from() -> None:
    doc = sample()
    with pytest.raises(ModelError, match="use start, stage, decision or end"):
        change(doc, "demo", "milestone")  # type: ignore[arg-type]
    assert doc == sample()


def test_update_node_with_a_kind_changes_it_like_change_kind() -> None:
    doc = sample()
    rec = Recorder(doc)
    with rec.all_or_nothing():
        editing.update_node(rec, "demo", kind="end", name="Demo done")
    assert doc.nodes["demo"].kind is NodeKind.END and doc.nodes["demo"].name == "Demo done"
    assert doc.out_edges("demo") == ()
