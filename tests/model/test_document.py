"""The process document: what every edit does, what it refuses, and what observers hear of it.

A refused edit raises ModelError and leaves the document exactly as it was: same content, same
arrows in and out of every shape, same structure version, and no change reported to observers.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from flowedit.model import Change, Document, Edge, Lane, ModelError, Node, NodeKind, Outcome, rules
from flowedit.model.elements import MAX_COORDINATE, MAX_ID_LENGTH, MAX_TEXT_LENGTH

START, STAGE, DECISION, END = NodeKind.START, NodeKind.STAGE, NodeKind.DECISION, NodeKind.END


# ---------------------------------------------------------------------------------- helpers
class Recorder:
    """An observer that keeps every batch it is told about."""

    def __init__(self, doc: Document) -> None:
        self.batches: list[list[Change]] = []
        doc.subscribe(self)

    def __call__(self, batch: list[Change]) -> None:
        self.batches.append(list(batch))

    @property
    def changes(self) -> list[Change]:
        return [change for batch in self.batches for change in batch]


def sample() -> Document:
    """lead (start) -> qualify (stage, loops) -> ask (decision) -> won / lost, in two lanes."""
    doc = Document("B2B sales")
    doc.add_lane(Lane("sales", "Sales"))
    doc.add_lane(Lane("legal", "Legal", height=240.0))
    doc.add_node(Node("lead", START, "Lead received", x=100, y=90, lane="sales"))
    doc.add_node(Node("qualify", STAGE, "Qualify", x=300, y=90, lane="sales", owner="SDR",
                      description="Call the lead", duration_days=2))
    doc.add_node(Node("ask", DECISION, "Qualified?", x=500, y=90, lane="sales"))
    doc.add_node(Node("won", END, "Deal won", x=700, y=90, lane="legal", outcome=Outcome.WON))
    doc.add_node(Node("lost", END, "Deal lost", x=500, y=300, lane="legal",
                      outcome=Outcome.LOST))
    doc.connect("lead", "qualify", edge_id="e1")
    doc.connect("qualify", "qualify", label="Follow up", edge_id="loop")
    doc.connect("qualify", "ask", edge_id="e2")
    doc.connect("ask", "won", label="Yes", probability=0.4, edge_id="yes")
    doc.connect("ask", "lost", label="No", probability=0.6, edge_id="no")
    return doc


def state(doc: Document) -> tuple[object, ...]:
    """Everything observable about a document, including its arrow indexes and version."""
    adjacency = tuple((node_id, doc.out_edges(node_id), doc.in_edges(node_id))
                      for node_id in doc.nodes)
    return (doc.content(), adjacency, doc.structure_version, doc.title, doc.lanes)


def assert_refused(doc: Document, edit: Callable[[], object], match: str | None = None) -> None:
    """The edit raises ModelError, and the document and its observers see no change at all."""
    before = state(doc)
    recorder = Recorder(doc)
    with pytest.raises(ModelError, match=match):
        edit()
    assert state(doc) == before
    assert recorder.batches == []
    doc.unsubscribe(recorder)


# ---------------------------------------------------------------------------------- title
def test_a_new_document_is_empty_and_has_a_default_title() -> None:
    doc = Document()
    assert doc.title == "Untitled process"
    assert (doc.lanes, doc.nodes, doc.edges) == ((), {}, {})


def test_set_title_changes_the_title_and_reports_it() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.set_title("Enterprise sales")
    assert doc.title == "Enterprise sales"
    assert recorder.batches == [[Change("title", "changed")]]


def test_setting_the_same_title_reports_nothing() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.set_title(doc.title)
    assert recorder.batches == []


@pytest.mark.parametrize("title", [None, 42, "x" * (MAX_TEXT_LENGTH + 1)])
def test_set_title_refuses_what_is_not_text_or_too_long(title: object) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.set_title(title))  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------- nodes
def test_add_node_appends_it_and_reports_it() -> None:
    doc = sample()
    recorder = Recorder(doc)
    node = Node("call", STAGE, "Discovery call", x=10, y=20, lane="sales")
    assert doc.add_node(node) is node
    assert list(doc.nodes)[-1] == "call"
    assert doc.nodes["call"] == node
    assert doc.out_edges("call") == () and doc.in_edges("call") == ()
    assert recorder.batches == [[Change("node", "added", "call")]]


@pytest.mark.parametrize(("index", "expected"), [(0, 0), (2, 2), (-3, 0), (99, 5)])
def test_add_node_at_an_index_puts_it_there(index: int, expected: int) -> None:
    doc = sample()
    doc.add_node(Node("call", STAGE, "Call"), index=index)
    assert doc.node_index("call") == expected
    assert len(doc.nodes) == 6


def test_a_node_without_lane_is_allowed_even_when_lanes_exist() -> None:
    doc = sample()
    doc.add_node(Node("free", STAGE, "Floating"))
    assert doc.nodes["free"].lane is None


@pytest.mark.parametrize(
    ("node", "match"),
    [
        (Node("lead", STAGE, "Again"), "already"),
        (Node("new one", STAGE, "Space in id"), "may only use"),
        (Node("", STAGE, "Empty id"), "non-empty"),
        (Node("n" * (MAX_ID_LENGTH + 1), STAGE, "Long id"), "longer"),
        (Node("n", STAGE, "In a missing lane", lane="finance"), "no lane"),
        (Node("n", "stage", "Kind as plain text"), "kind"),  # type: ignore[arg-type]
        (Node("n", STAGE, None), "Name"),  # type: ignore[arg-type]
        (Node("n", STAGE, "x" * (MAX_TEXT_LENGTH + 1)), "longer"),
        (Node("n", STAGE, "Far away", x=MAX_COORDINATE * 2), "between"),
        (Node("n", STAGE, "Not a number", x=math.nan), "finite"),
        (Node("n", STAGE, "Infinite", y=math.inf), "finite"),
        (Node("n", STAGE, "Bool", x=True), "number"),  # type: ignore[arg-type]
        (Node("n", STAGE, "Text", y="3"), "number"),  # type: ignore[arg-type]
        (Node("n", DECISION, "Won decision", outcome=Outcome.WON), "Only an end or a stage"),
        (Node("n", START, "Won start", outcome=Outcome.WON), "Only an end or a stage"),
        (Node("n", END, "Outcome as text", outcome="won"), "outcome"),  # type: ignore[arg-type]
        (Node("n", STAGE, "Tiny", width=1), "Width"),
        (Node("n", STAGE, "Huge", height=1e9), "Height"),
        (Node("n", STAGE, "Negative duration", duration_days=-1), "Duration"),
        (Node("n", STAGE, "Owner", owner=7), "Owner"),  # type: ignore[arg-type]
        (Node("n", STAGE, "Description", description=b"x"), "Description"),  # type: ignore[arg-type]
    ],
)
def test_add_node_refuses_an_invalid_node(node: Node, match: str) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.add_node(node), match)


def test_move_node_changes_only_the_position() -> None:
    doc = sample()
    recorder = Recorder(doc)
    old = doc.move_node("ask", 510.5, -40)
    assert old.x == 500 and old.y == 90
    assert (doc.nodes["ask"].x, doc.nodes["ask"].y) == (510.5, -40)
    assert doc.nodes["ask"].name == "Qualified?"
    assert recorder.batches == [[Change("node", "changed", "ask", frozenset({"x", "y"}))]]


def test_moving_along_one_axis_reports_only_that_axis() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.move_node("ask", 500, 120)
    assert recorder.changes == [Change("node", "changed", "ask", frozenset({"y"}))]


def test_moving_a_node_to_where_it_is_reports_nothing() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.move_node("ask", 500, 90)
    assert recorder.batches == []


@pytest.mark.parametrize(
    ("x", "y", "match"),
    [(math.nan, 0, "finite"), (0, math.inf, "finite"), (MAX_COORDINATE + 1, 0, "between"),
     (0, -MAX_COORDINATE - 1, "between")],
)
def test_move_node_refuses_positions_outside_the_canvas(x: float, y: float, match: str) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.move_node("ask", x, y), match)


def test_rename_node_changes_the_name_and_returns_the_old_node() -> None:
    doc = sample()
    recorder = Recorder(doc)
    old = doc.rename_node("qualify", "Qualify the lead")
    assert old.name == "Qualify" and doc.nodes["qualify"].name == "Qualify the lead"
    assert recorder.changes == [Change("node", "changed", "qualify", frozenset({"name"}))]


@pytest.mark.parametrize("name", [None, 3, "x" * (MAX_TEXT_LENGTH + 1)])
def test_rename_node_refuses_what_is_not_a_name(name: object) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.rename_node("qualify", name), "Name")  # type: ignore[arg-type]


def test_update_node_changes_several_fields_at_once() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.update_node("qualify", owner="AE", description=None, duration_days=3.5)
    node = doc.nodes["qualify"]
    assert (node.owner, node.description, node.duration_days) == ("AE", None, 3.5)
    assert recorder.changes == [Change("node", "changed", "qualify",
                                       frozenset({"owner", "description", "duration_days"}))]


def test_update_node_is_all_or_nothing() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.update_node("qualify", name="Fine", x=math.nan))


@pytest.mark.parametrize(
    ("node_id", "fields", "match"),
    [
        ("nowhere", {"name": "X"}, "no shape"),
        ("qualify", {"id": "other"}, "id cannot change"),
        ("qualify", {"kind": "decision"}, "kind"),
        ("ask", {"outcome": Outcome.WON}, "Only an end or a stage"),
        ("won", {"kind": DECISION}, "Only an end or a stage"),
        ("qualify", {"lane": "finance"}, "no lane"),
        ("qualify", {"lane": "bad lane id"}, "may only use"),
    ],
)
def test_update_node_refuses_invalid_changes(node_id: str, fields: dict[str, object],
                                              match: str) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.update_node(node_id, **fields), match)


def test_update_node_with_its_own_id_is_allowed() -> None:
    doc = sample()
    doc.update_node("qualify", id="qualify", name="Qualify!")
    assert doc.nodes["qualify"].name == "Qualify!"


def test_changing_the_kind_of_a_node_keeps_its_arrows() -> None:
    doc = sample()
    doc.update_node("won", kind=STAGE, outcome=None)
    assert doc.nodes["won"].kind is STAGE
    assert doc.in_edges("won") == ("yes",)


def test_a_looping_stage_cannot_become_a_decision() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.update_node("qualify", kind=DECISION), "loop")


def test_update_node_refuses_an_unknown_field_with_model_error() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.update_node("qualify", colour="red"))


def test_text_that_is_not_valid_unicode_is_refused() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.rename_node("qualify", "broken \ud800"))


def test_assign_lane_moves_a_node_into_another_lane_or_none() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.assign_lane("qualify", "legal")
    assert doc.nodes["qualify"].lane == "legal"
    assert "qualify" in doc.nodes_in_lane("legal")
    doc.assign_lane("qualify", None)
    assert doc.nodes["qualify"].lane is None
    assert doc.nodes_in_lane(None) == ["qualify"]
    assert recorder.changes == [Change("node", "changed", "qualify", frozenset({"lane"}))] * 2


def test_assign_lane_refuses_a_lane_that_does_not_exist() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.assign_lane("qualify", "finance"), "no lane")


def test_remove_node_removes_it_with_every_arrow_touching_it() -> None:
    doc = sample()
    doc.remove_node("qualify")
    assert "qualify" not in doc.nodes
    assert set(doc.edges) == {"yes", "no"}
    assert doc.out_edges("lead") == ()
    assert doc.in_edges("ask") == ()
    assert doc.edges_of("qualify") == ()


def test_remove_node_reports_the_arrows_then_the_node_in_one_batch() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.remove_node("qualify")
    assert len(recorder.batches) == 1
    batch = recorder.batches[0]
    assert batch[-1] == Change("node", "removed", "qualify")
    assert sorted(change.id for change in batch[:-1]) == ["e1", "e2", "loop"]
    assert all(change.what == "edge" and change.how == "removed" for change in batch[:-1])


@pytest.mark.parametrize("node_id", ["lead", "qualify", "ask", "won", "lost"])
def test_remove_node_returns_what_puts_the_document_back_as_it_was(node_id: str) -> None:
    doc = sample()
    original = sample()
    adjacency = {n: (set(doc.out_edges(n)), set(doc.in_edges(n))) for n in doc.nodes}
    node, index, edges = doc.remove_node(node_id)
    assert node == original.nodes[node_id]
    assert index == original.node_index(node_id)
    assert doc != original
    doc.add_node(node, index)
    for edge, edge_index in reversed(edges):
        doc.add_edge(edge, edge_index)
    assert doc == original
    assert list(doc.nodes) == list(original.nodes)
    assert list(doc.edges) == list(original.edges)
    assert {n: (set(doc.out_edges(n)), set(doc.in_edges(n))) for n in doc.nodes} == adjacency


def test_remove_node_refuses_a_missing_node() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.remove_node("nowhere"), "no shape")


def test_new_ids_are_never_taken() -> None:
    doc = sample()
    doc.add_node(Node("stage-6", STAGE, "Taken"))
    assert doc.new_node_id() not in doc.nodes
    assert doc.new_node_id("call").startswith("call-")
    doc.connect("lead", "ask", edge_id="e6")
    assert doc.new_edge_id() not in doc.edges
    assert doc.new_lane_id() not in {lane.id for lane in doc.lanes}


# ---------------------------------------------------------------------------------- edges
def test_connect_adds_an_arrow_and_indexes_it_at_both_ends() -> None:
    doc = sample()
    recorder = Recorder(doc)
    edge = doc.connect("lead", "ask", label="Hot lead", probability=0.25)
    assert doc.edges[edge.id] == Edge(edge.id, "lead", "ask", "Hot lead", 0.25)
    assert doc.out_edges("lead") == ("e1", edge.id)
    assert doc.in_edges("ask") == ("e2", edge.id)
    assert recorder.batches == [[Change("edge", "added", edge.id)]]


def test_connect_gives_each_arrow_a_fresh_id() -> None:
    doc = sample()
    first = doc.connect("lead", "ask")
    second = doc.connect("lead", "won")
    assert first.id != second.id
    assert {first.id, second.id}.isdisjoint({"e1", "e2", "loop", "yes", "no"})


def test_a_second_arrow_between_the_same_shapes_is_allowed_in_a_document() -> None:
    # Only the editor refuses it (rules.connect_refusal); files with one can still be opened.
    doc = sample()
    doc.connect("lead", "qualify", edge_id="again")
    assert doc.out_edges("lead") == ("e1", "again")


def test_add_edge_at_an_index_puts_it_there() -> None:
    doc = sample()
    doc.add_edge(Edge("first", "lead", "ask"), 0)
    assert doc.edge_index("first") == 0


def test_a_stage_may_loop_back_to_itself() -> None:
    doc = Document()
    doc.add_node(Node("follow", STAGE, "Follow up"))
    edge = doc.connect("follow", "follow")
    assert doc.out_edges("follow") == doc.in_edges("follow") == (edge.id,)
    assert doc.edges_of("follow") == (edge.id,)


@pytest.mark.parametrize("kind", [START, DECISION, END])
def test_only_a_stage_may_loop_back_to_itself(kind: NodeKind) -> None:
    doc = sample()
    node_id = {START: "lead", DECISION: "ask", END: "won"}[kind]
    assert_refused(doc, lambda: doc.connect(node_id, node_id), "only a stage")


@pytest.mark.parametrize(
    ("edge", "match"),
    [
        (Edge("e1", "lead", "ask"), "already"),
        (Edge("x", "nowhere", "ask"), "no shape"),
        (Edge("x", "lead", "nowhere"), "no shape"),
        (Edge("bad id", "lead", "ask"), "may only use"),
        (Edge("x", "lead", "ask", probability=1.5), "between 0 and 1"),
        (Edge("x", "lead", "ask", probability=-0.1), "between 0 and 1"),
        (Edge("x", "lead", "ask", probability=math.nan), "finite"),
        (Edge("x", "lead", "ask", label=5), "Label"),  # type: ignore[arg-type]
    ],
)
def test_add_edge_refuses_an_invalid_arrow(edge: Edge, match: str) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.add_edge(edge), match)


def test_update_edge_changes_label_and_probability() -> None:
    doc = sample()
    recorder = Recorder(doc)
    old = doc.update_edge("yes", label="Qualified", probability=0.5)
    assert (old.label, old.probability) == ("Yes", 0.4)
    assert doc.edges["yes"] == Edge("yes", "ask", "won", "Qualified", 0.5)
    assert recorder.changes == [Change("edge", "changed", "yes",
                                       frozenset({"label", "probability"}))]


def test_update_edge_can_clear_label_and_probability() -> None:
    doc = sample()
    doc.update_edge("yes", label=None, probability=None)
    assert doc.edges["yes"] == Edge("yes", "ask", "won")


def test_update_edge_reconnects_either_end_and_reindexes_it() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.update_edge("yes", target="lost")
    assert doc.edges["yes"].target == "lost"
    assert doc.in_edges("won") == ()
    assert doc.in_edges("lost") == ("no", "yes")
    doc.update_edge("e1", source="ask")
    assert doc.out_edges("lead") == ()
    assert doc.out_edges("ask") == ("yes", "no", "e1")
    assert recorder.changes == [Change("edge", "changed", "yes", frozenset({"target"})),
                                Change("edge", "changed", "e1", frozenset({"source"}))]


def test_update_edge_reconnects_both_ends_at_once() -> None:
    doc = sample()
    doc.update_edge("e2", source="lead", target="won")
    assert doc.out_edges("qualify") == ("loop",)
    assert doc.out_edges("lead") == ("e1", "e2")
    assert doc.in_edges("won") == ("yes", "e2")


def test_an_arrow_can_be_turned_into_a_loop_on_a_stage() -> None:
    doc = sample()
    doc.update_edge("e2", target="qualify")
    assert set(doc.in_edges("qualify")) == {"e1", "loop", "e2"}


@pytest.mark.parametrize(
    ("edge_id", "fields", "match"),
    [
        ("nowhere", {"label": "x"}, "no arrow"),
        ("yes", {"id": "other"}, "id cannot change"),
        ("yes", {"target": "nowhere"}, "no shape"),
        ("yes", {"source": "nowhere"}, "no shape"),
        ("yes", {"target": "ask"}, "only a stage"),
        ("e1", {"source": "won", "target": "won"}, "only a stage"),
        ("yes", {"probability": 2}, "between 0 and 1"),
        ("yes", {"label": "fine", "probability": math.inf}, "finite"),
    ],
)
def test_update_edge_refuses_invalid_changes(edge_id: str, fields: dict[str, object],
                                              match: str) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.update_edge(edge_id, **fields), match)


def test_update_edge_with_nothing_new_reports_nothing() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.update_edge("yes", label="Yes", target="won")
    assert recorder.batches == []


def test_disconnect_removes_the_arrow_and_returns_it_with_its_index() -> None:
    doc = sample()
    original = sample()
    recorder = Recorder(doc)
    edge, index = doc.disconnect("e2")
    assert edge == original.edges["e2"] and index == original.edge_index("e2")
    assert "e2" not in doc.edges
    assert doc.out_edges("qualify") == ("loop",) and doc.in_edges("ask") == ()
    assert recorder.batches == [[Change("edge", "removed", "e2")]]
    doc.add_edge(edge, index)
    assert doc == original


def test_disconnect_refuses_a_missing_arrow() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.disconnect("nowhere"), "no arrow")


# ---------------------------------------------------------------------------------- lanes
def test_add_lane_appends_or_inserts_and_reports_it() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.add_lane(Lane("finance", "Finance"))
    doc.add_lane(Lane("sdr", "SDR"), index=0)
    assert [lane.id for lane in doc.lanes] == ["sdr", "sales", "legal", "finance"]
    assert doc.lane("finance") == Lane("finance", "Finance", 180.0)
    assert doc.lane_index("finance") == 3
    assert doc.has_lane("sdr") and not doc.has_lane("cs")
    assert recorder.changes == [Change("lane", "added", "finance"), Change("lane", "added", "sdr")]


@pytest.mark.parametrize(
    ("lane", "match"),
    [
        (Lane("sales", "Again"), "already"),
        (Lane("bad id", "Bad"), "may only use"),
        (Lane("x", None), "Lane name"),  # type: ignore[arg-type]
        (Lane("x", "Flat", height=1), "Lane height"),
        (Lane("x", "NaN", height=math.nan), "finite"),
    ],
)
def test_add_lane_refuses_an_invalid_lane(lane: Lane, match: str) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.add_lane(lane), match)


def test_lookups_of_a_missing_lane_are_model_errors() -> None:
    doc = sample()
    with pytest.raises(ModelError):
        doc.lane("finance")
    with pytest.raises(ModelError):
        doc.lane_index("finance")


def test_rename_lane_and_update_lane() -> None:
    doc = sample()
    recorder = Recorder(doc)
    old = doc.rename_lane("legal", "Finance & Legal")
    assert old == Lane("legal", "Legal", 240.0)
    doc.update_lane("legal", height=300)
    assert doc.lane("legal") == Lane("legal", "Finance & Legal", 300)
    assert recorder.changes == [Change("lane", "changed", "legal", frozenset({"name"})),
                                Change("lane", "changed", "legal", frozenset({"height"}))]


@pytest.mark.parametrize(
    ("lane_id", "fields", "match"),
    [
        ("finance", {"name": "x"}, "no lane"),
        ("legal", {"id": "law"}, "id cannot change"),
        ("legal", {"name": None}, "Lane name"),
        ("legal", {"height": 0}, "Lane height"),
    ],
)
def test_update_lane_refuses_invalid_changes(lane_id: str, fields: dict[str, object],
                                              match: str) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.update_lane(lane_id, **fields), match)


def test_move_lane_reorders_lanes_and_returns_the_old_index() -> None:
    doc = sample()
    doc.add_lane(Lane("finance", "Finance"))
    recorder = Recorder(doc)
    assert doc.move_lane("finance", 0) == 2
    assert [lane.id for lane in doc.lanes] == ["finance", "sales", "legal"]
    assert doc.move_lane("finance", 2) == 0
    assert [lane.id for lane in doc.lanes] == ["sales", "legal", "finance"]
    assert recorder.changes == [Change("lane", "moved", "finance")] * 2


def test_moving_a_lane_to_where_it_is_reports_nothing() -> None:
    doc = sample()
    recorder = Recorder(doc)
    assert doc.move_lane("legal", 1) == 1
    assert recorder.batches == []


@pytest.mark.parametrize(("lane_id", "index"), [("legal", 2), ("legal", -1), ("finance", 0)])
def test_move_lane_refuses_positions_outside_the_lanes(lane_id: str, index: int) -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.move_lane(lane_id, index))


def test_remove_lane_removes_an_empty_lane_and_returns_where_it_was() -> None:
    doc = sample()
    doc.add_lane(Lane("finance", "Finance"), index=1)
    recorder = Recorder(doc)
    lane, index = doc.remove_lane("finance")
    assert (lane, index) == (Lane("finance", "Finance"), 1)
    assert doc == sample()
    assert recorder.batches == [[Change("lane", "removed", "finance")]]


def test_remove_lane_refuses_a_lane_that_still_holds_shapes() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.remove_lane("legal"), "still holds 2 shape")


def test_remove_lane_refuses_a_missing_lane() -> None:
    doc = sample()
    assert_refused(doc, lambda: doc.remove_lane("finance"), "no lane")


def test_a_lane_emptied_by_moving_its_shapes_out_can_be_removed() -> None:
    doc = sample()
    with doc.transaction():
        for node_id in doc.nodes_in_lane("legal"):
            doc.assign_lane(node_id, "sales")
        doc.remove_lane("legal")
    assert [lane.id for lane in doc.lanes] == ["sales"]


# ---------------------------------------------------------------------------------- observing
def test_a_transaction_reports_all_its_changes_in_one_batch_in_order() -> None:
    doc = sample()
    recorder = Recorder(doc)
    with doc.transaction():
        doc.add_node(Node("call", STAGE, "Call", lane="sales"))
        doc.connect("lead", "call", edge_id="to-call")
        doc.move_node("call", 5, 5)
        assert recorder.batches == []
    assert recorder.batches == [[
        Change("node", "added", "call"),
        Change("edge", "added", "to-call"),
        Change("node", "changed", "call", frozenset({"x", "y"})),
    ]]


def test_nested_transactions_report_once_when_the_outermost_ends() -> None:
    doc = sample()
    recorder = Recorder(doc)
    with doc.transaction():
        doc.set_title("One")
        with doc.transaction():
            doc.rename_node("ask", "Two")
        assert recorder.batches == []
        doc.rename_lane("sales", "Three")
    assert len(recorder.batches) == 1
    assert [change.what for change in recorder.batches[0]] == ["title", "node", "lane"]


def test_a_transaction_without_changes_reports_nothing() -> None:
    doc = sample()
    recorder = Recorder(doc)
    with doc.transaction():
        doc.move_node("ask", 500, 90)
    assert recorder.batches == []


def test_a_refused_edit_inside_a_transaction_drops_only_itself() -> None:
    doc = sample()
    recorder = Recorder(doc)
    with doc.transaction():
        doc.rename_node("ask", "Go?")
        with pytest.raises(ModelError):
            doc.connect("won", "won")
    assert recorder.batches == [[Change("node", "changed", "ask", frozenset({"name"}))]]


def test_every_listener_hears_each_batch_and_unsubscribed_ones_do_not() -> None:
    doc = sample()
    first, second = Recorder(doc), Recorder(doc)
    doc.set_title("A")
    doc.unsubscribe(second)
    doc.set_title("B")
    assert len(first.batches) == 2
    assert len(second.batches) == 1


def test_each_edit_outside_a_transaction_is_its_own_batch() -> None:
    doc = sample()
    recorder = Recorder(doc)
    doc.rename_node("ask", "A")
    doc.rename_node("ask", "B")
    assert len(recorder.batches) == 2


# ---------------------------------------------------------------------------------- rules
@pytest.fixture
def ruled() -> Document:
    doc = sample()
    doc.add_node(Node("call", STAGE, "Call"))
    return doc


@pytest.mark.parametrize(
    ("source", "target", "reason"),
    [
        ("lead", "ask", None),
        ("ask", "qualify", None),
        ("call", "call", None),
        ("qualify", "qualify", "already connected"),
        ("qualify", "lead", "nothing leads into"),
        ("won", "ask", "nothing leaves it"),
        ("won", "won", "only a stage"),
        ("ask", "ask", "only a stage"),
        ("lead", "lead", "only a stage"),
        ("lead", "qualify", "already connected"),
        ("nowhere", "ask", "no shape with id 'nowhere'"),
        ("lead", "nowhere", "no shape with id 'nowhere'"),
    ],
)
def test_connect_refusal(ruled: Document, source: str, target: str, reason: str | None) -> None:
    refusal = rules.connect_refusal(ruled, source, target)
    if reason is None:
        assert refusal is None
    else:
        assert refusal is not None and reason in refusal


def test_connect_refusal_ignores_the_arrow_being_reattached(ruled: Document) -> None:
    assert rules.connect_refusal(ruled, "lead", "qualify", ignoring_edge="e1") is None
    ruled.connect("lead", "ask", edge_id="other")
    assert "already" in (rules.connect_refusal(ruled, "lead", "qualify", ignoring_edge="other")
                         or "")


def test_connecting_back_the_other_way_is_not_a_duplicate(ruled: Document) -> None:
    assert rules.connect_refusal(ruled, "qualify", "lead") is not None  # into a start
    assert rules.connect_refusal(ruled, "ask", "qualify") is None


def test_structural_refusal_allows_what_only_the_editor_refuses(ruled: Document) -> None:
    assert rules.structural_refusal(ruled, "won", "lead") is None
    assert rules.structural_refusal(ruled, "lead", "qualify") is None
    assert rules.structural_refusal(ruled, "ask", "ask") is not None


# ---------------------------------------------------------------------------------- versions
STRUCTURAL: dict[str, Callable[[Document], object]] = {
    "add node": lambda d: d.add_node(Node("n", STAGE, "N")),
    "remove node": lambda d: d.remove_node("lost"),
    "remove node without arrows": lambda d: (d.disconnect("no"), d.remove_node("lost")),
    "connect": lambda d: d.connect("lead", "ask"),
    "disconnect": lambda d: d.disconnect("e2"),
    "reconnect target": lambda d: d.update_edge("yes", target="lost"),
    "reconnect source": lambda d: d.update_edge("e2", source="lead"),
    "change kind": lambda d: d.update_node("ask", kind=STAGE),
}

NOT_STRUCTURAL: dict[str, Callable[[Document], object]] = {
    "move node": lambda d: d.move_node("ask", 1, 2),
    "rename node": lambda d: d.rename_node("ask", "Go?"),
    "assign lane": lambda d: d.assign_lane("ask", "legal"),
    "describe node": lambda d: d.update_node("ask", description="Why", owner="AE"),
    "relabel arrow": lambda d: d.update_edge("yes", label="Qualified", probability=0.3),
    "set title": lambda d: d.set_title("New"),
    "add lane": lambda d: d.add_lane(Lane("finance", "Finance")),
    "rename lane": lambda d: d.rename_lane("sales", "Sales team"),
    "move lane": lambda d: d.move_lane("sales", 1),
    "remove lane": lambda d: (d.add_lane(Lane("x", "X")), d.remove_lane("x")),
    "no-op update": lambda d: d.update_node("ask", kind=DECISION),
    "refused edit": lambda d: _refused_loop(d),
}


def _refused_loop(doc: Document) -> None:
    with pytest.raises(ModelError):
        doc.connect("ask", "ask")


@pytest.mark.parametrize("edit", STRUCTURAL.values(), ids=STRUCTURAL.keys())
def test_structure_version_grows_on_structural_changes(edit: Callable[[Document], object]) -> None:
    doc = sample()
    before = doc.structure_version
    edit(doc)
    assert doc.structure_version > before


@pytest.mark.parametrize("edit", NOT_STRUCTURAL.values(), ids=NOT_STRUCTURAL.keys())
def test_structure_version_stays_on_other_changes(edit: Callable[[Document], object]) -> None:
    doc = sample()
    before = doc.structure_version
    edit(doc)
    assert doc.structure_version == before


# ---------------------------------------------------------------------------------- comparing
def test_documents_are_equal_when_their_content_is() -> None:
    assert sample() == sample()
    other = sample()
    other.move_node("ask", 501, 90)
    assert other != sample()
    assert sample() != "not a document"


def test_node_order_is_part_of_the_content() -> None:
    doc = sample()
    node, _, edges = doc.remove_node("ask")
    doc.add_node(node)
    for edge, _ in reversed(edges):
        doc.add_edge(edge)
    assert doc != sample()
    assert set(doc.nodes) == set(sample().nodes)
