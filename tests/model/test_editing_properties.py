"""Every edit of model/editing.py, on random documents: reverting its operations gives back the
document exactly (content(), order included), applying them again gives the edited document, and
the edited document still saves and reads back the same. Then the consequences that the editor's
gestures rely on: lanes shifting shapes, the first lane taking in every shape, fit_lanes, paste,
align and distribute. These run without Qt, in a fraction of the GUI tests' time.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowedit.io import dumps_document, loads_document
from flowedit.model import Document, Edge, Lane, Node, NodeKind, Outcome, editing
from flowedit.model.elements import Colour, ModelError
from flowedit.model.generate import generate_process
from flowedit.model.geometry import LANE_PADDING, lane_at, lane_bands, node_extent
from flowedit.model.operations import (
    AddEdge,
    AddLane,
    AddNode,
    Recorder,
    RemoveNode,
    apply_all,
    revert_all,
)

KINDS = list(NodeKind)
COLOURS = [None, *Colour]


# ------------------------------------------------------------------------- random documents
@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A small valid document: 0-3 lanes, 0-7 shapes inside (or, without lanes, anywhere),
    arrows between them that the document accepts."""
    doc = Document(draw(st.sampled_from(["Sales", "Process ü", ""])) or "Untitled")
    for number in range(draw(st.integers(0, 3))):
        doc.add_lane(Lane(f"lane-{number}", f"Lane {number}",
                          height=float(draw(st.integers(120, 260))),
                          color=draw(st.sampled_from(COLOURS))))
    bands = list(lane_bands(doc).items())
    for number in range(draw(st.integers(0, 7))):
        kind = draw(st.sampled_from(KINDS))
        node = Node(f"n{number}", kind, f"Shape {number}", x=float(draw(st.integers(-200, 900))),
                    y=0.0, outcome=draw(st.sampled_from([None, Outcome.WON, Outcome.LOST]))
                    if kind is NodeKind.END else None,
                    color=draw(st.sampled_from(COLOURS)),
                    bold=draw(st.sampled_from([None, True, False])))
        if bands and draw(st.booleans()):
            lane_id, (top, bottom) = draw(st.sampled_from(bands))
            half = node.size[1] / 2
            y = draw(st.integers(int(top + LANE_PADDING + half),
                                 max(int(top + LANE_PADDING + half), int(bottom - half - 20))))
            node = Node(**{**_fields(node), "y": float(y), "lane": lane_id})
        else:
            below = max((bottom for _, (_, bottom) in bands), default=-300.0)
            node = Node(**{**_fields(node), "y": float(draw(st.integers(int(below) + 60,
                                                                          int(below) + 600)))})
        doc.add_node(node)
    ids = list(doc.nodes)
    for _ in range(draw(st.integers(0, 2 * len(ids))) if len(ids) > 1 else 0):
        source, target = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        with contextlib.suppress(ModelError):
            doc.add_edge(Edge(doc.new_edge_id(), source, target,
                              label=draw(st.sampled_from([None, "Yes", "No"]))))
    return doc


def _fields(node: Node) -> dict[str, Any]:
    return {name: getattr(node, name) for name in Node.__slots__}


# ------------------------------------------------------------------------- random edits
Edit = Callable[[Recorder], Any]


def edits(doc: Document, data: st.DataObject, only: str | None = None) -> tuple[str, Edit]:
    """One random edit of `doc`, by name (for the failure message) and as a function; the edit
    named `only` whenever it applies to this document."""
    nodes, edges, lanes = list(doc.nodes), list(doc.edges), [lane.id for lane in doc.lanes]
    some_nodes = st.lists(st.sampled_from(nodes), unique=True, min_size=1) if nodes else None
    number = st.integers(-300, 1200).map(float)
    choices: list[tuple[str, Callable[[], Edit]]] = [
        ("place_node", lambda: _call(editing.place_node, data.draw(st.sampled_from(KINDS)),
                                     data.draw(number), data.draw(number))),
        ("set_title", lambda: _call(editing.set_title, data.draw(st.text(max_size=8)))),
        ("add_lane", lambda: _call(editing.add_lane, "New lane",
                                   data.draw(st.integers(0, len(lanes))))),
    ]
    if nodes:
        def some() -> list[str]:
            return data.draw(some_nodes)  # type: ignore[arg-type]

        def one() -> str:
            return data.draw(st.sampled_from(nodes))

        choices += [
            ("connect", lambda: _call(editing.connect, one(), one())),
            ("move_nodes", lambda: _call(editing.move_nodes,
                                         {n: (data.draw(number), data.draw(number))
                                          for n in some()})),
            ("update_node", lambda: _call(editing.update_node, one(), **data.draw(
                st.fixed_dictionaries({}, optional={
                    "name": st.text(min_size=1, max_size=6),
                    "kind": st.sampled_from(KINDS),
                    "lane": st.sampled_from([None, *lanes]),
                    "color": st.sampled_from(COLOURS),
                    "bold": st.sampled_from([None, True, False]),
                    "outcome": st.sampled_from([None, "won", "lost"]),
                    "duration_days": st.sampled_from([None, 0.5, 3.0])})))),
            ("resize_node", lambda: _call(editing.resize_node, one(),
                                          float(data.draw(st.integers(10, 400))),
                                          float(data.draw(st.integers(10, 400))))),
            ("delete", lambda: _call(editing.delete, some(),
                                     data.draw(st.lists(st.sampled_from(edges), unique=True))
                                     if edges else [])),
            ("fit_lanes", lambda: _call(editing.fit_lanes, some())),
            ("paste", lambda: _paste(some(), data.draw(number), data.draw(number))),
            ("align", lambda: _call(editing.align, some(),
                                    data.draw(st.sampled_from(editing.ALIGNMENTS)))),
            ("distribute", lambda: _call(editing.distribute, some(),
                                         data.draw(st.sampled_from(["horizontal",
                                                                    "vertical"])))),
            ("add_stage_after", lambda: _call(editing.add_stage_after, one())),
        ]
    if edges:
        def edge() -> str:
            return data.draw(st.sampled_from(edges))

        choices += [
            ("reconnect", lambda: _call(editing.reconnect, edge(),
                                        data.draw(st.sampled_from([None, *nodes])),
                                        data.draw(st.sampled_from([None, *nodes])))),
            ("update_edge", lambda: _call(editing.update_edge, edge(), **data.draw(
                st.fixed_dictionaries({}, optional={
                    "label": st.sampled_from([None, "Yes", "Maybe"]),
                    "probability": st.sampled_from([None, 0.0, 0.25, 1.0])})))),
        ]
    if lanes:
        def lane() -> str:
            return data.draw(st.sampled_from(lanes))

        choices += [
            ("resize_lane", lambda: _call(editing.resize_lane, lane(),
                                          float(data.draw(st.integers(10, 500))))),
            ("rename_lane", lambda: _call(editing.rename_lane, lane(), "Renamed")),
            ("update_lane", lambda: _call(editing.update_lane, lane(),
                                          color=data.draw(st.sampled_from(COLOURS)))),
            ("move_lane", lambda: _call(editing.move_lane, lane(),
                                        data.draw(st.integers(0, len(lanes) - 1)))),
            ("delete_lane", lambda: _call(editing.delete_lane, lane(), data.draw(st.booleans()))),
        ]
    named = dict(choices)
    if only in named:
        return only, named[only]()  # type: ignore[index]
    name, make = data.draw(st.sampled_from(choices))
    return name, make()


def _call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Edit:
    return lambda rec: function(rec, *args, **kwargs)


def _paste(node_ids: list[str], dx: float, dy: float) -> Edit:
    def paste(rec: Recorder) -> Any:
        return editing.paste_fragment(rec, editing.copy_fragment(rec.doc, node_ids), dx, dy)
    return paste


def run(doc: Document, edit: Edit) -> Recorder | None:
    """Runs the edit as the editor does (all or nothing); None if the document refused it."""
    rec = Recorder(doc)
    try:
        with rec.all_or_nothing():
            edit(rec)
    except ModelError:
        return None
    return rec


# ------------------------------------------------------------------------- the property
EDIT_NAMES = ("place_node", "set_title", "add_lane", "connect", "move_nodes", "update_node",
              "resize_node", "delete", "fit_lanes", "paste", "align", "distribute",
              "add_stage_after", "reconnect", "update_edge", "resize_lane", "rename_lane",
              "update_lane", "move_lane", "delete_lane")


@pytest.mark.parametrize("focus", [None, *EDIT_NAMES])
@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=documents(), data=st.data())
def test_every_edit_reverts_exactly_and_reapplies_to_the_same_document(
        focus: str | None, doc: Document, data: st.DataObject) -> None:
    """`focus`: the edit made whenever it applies (hypothesis alone favours the first few)."""
    original = doc.content()
    history: list[tuple[str, Recorder, tuple[Any, ...]]] = []
    for _ in range(data.draw(st.integers(1, 5))):
        name, edit = edits(doc, data, focus)
        before = doc.content()
        rec = run(doc, edit)
        if rec is None:
            assert doc.content() == before, f"{name} was refused but changed the document"
            continue
        after = doc.content()
        revert_all(doc, rec.operations)
        assert doc.content() == before, f"undoing {name} did not restore the document"
        apply_all(doc, rec.operations)
        assert doc.content() == after, f"redoing {name} did not give the same document"
        assert loads_document(dumps_document(doc)) == doc, f"{name} left an unsaveable doc"
        history.append((name, rec, after))
    for name, rec, after in reversed(history):  # undo everything, then redo everything
        assert doc.content() == after, name
        revert_all(doc, rec.operations)
    assert doc.content() == original
    for name, rec, after in history:
        apply_all(doc, rec.operations)
        assert doc.content() == after, name


@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=documents(), data=st.data())
def test_shapes_stay_inside_their_lanes_after_placing_moving_and_pasting(
        doc: Document, data: st.DataObject) -> None:
    """The lane rule the editor shows: a shape in a lane lies inside the lane's band.

    A file may hold a shape that overhangs its lane (the generated documents do too); an edit
    that does not touch such a shape is not asked to fix it (a one-shape align once failed so)."""
    for _ in range(3):
        name, edit = edits(doc, data)
        if name not in {"place_node", "move_nodes", "paste", "resize_node", "fit_lanes",
                        "add_stage_after", "align", "distribute"}:
            continue
        bands = lane_bands(doc)
        inside_before = {node.id for node in doc.nodes.values()
                         if node.lane is not None and _inside(node, bands[node.lane])}
        placed_before = {node.id: (node.x, node.y, node.lane, node.size)
                         for node in doc.nodes.values()}
        rec = run(doc, edit)
        if rec is None:
            continue
        bands = lane_bands(doc)
        for node in doc.nodes.values():
            touched = placed_before.get(node.id) != (node.x, node.y, node.lane, node.size)
            if node.lane is None or not (touched or node.id in inside_before):
                continue
            top, bottom = bands[node.lane]
            _, node_top, _, node_bottom = node_extent(node)
            assert node_bottom <= bottom - LANE_PADDING + 1e-6, (name, node)
            if name != "fit_lanes" or node.id in doc.nodes:
                assert node_top >= top - 1e-6 or node.y < top, (name, node)


def _inside(node: Node, band: tuple[float, float]) -> bool:
    top, bottom = band
    _, node_top, _, node_bottom = node_extent(node)
    return node_top >= top - 1e-6 and node_bottom <= bottom - LANE_PADDING + 1e-6


# ------------------------------------------------------------------------- consequences
def three_lanes() -> Document:
    doc = Document("Lanes")
    for number, height in enumerate((200.0, 150.0, 250.0)):
        doc.add_lane(Lane(f"l{number}", f"Lane {number}", height=height))
    doc.add_node(Node("a", NodeKind.START, "A", x=100, y=100, lane="l0"))
    doc.add_node(Node("b", NodeKind.STAGE, "B", x=300, y=275, lane="l1"))
    doc.add_node(Node("c", NodeKind.END, "C", x=500, y=480, lane="l2"))
    doc.add_node(Node("free", NodeKind.STAGE, "Free", x=500, y=800))
    doc.add_node(Node("above", NodeKind.STAGE, "Above", x=500, y=-200))
    return doc


def edited(doc: Document, edit: Edit) -> Recorder:
    rec = run(doc, edit)
    assert rec is not None
    return rec


@pytest.mark.parametrize(("index", "moved"), [(0, {"a", "b", "c", "free"}),
                                              (1, {"b", "c", "free"}), (2, {"c", "free"}),
                                              (3, {"free"})])
def test_inserting_a_lane_moves_exactly_the_shapes_below_it_by_its_height(
        index: int, moved: set[str]) -> None:
    doc = three_lanes()
    ys = {n.id: n.y for n in doc.nodes.values()}
    added: list[str] = []
    edited(doc, lambda r: added.append(editing.add_lane(r, "New", index)))
    new_lane = doc.lane(added[0])
    assert doc.lane_index(new_lane.id) == index
    for node in doc.nodes.values():
        shift = new_lane.height if node.id in moved else 0.0
        assert node.y == ys[node.id] + shift, node.id
    # Every shape keeps its lane and stays inside it.
    bands = lane_bands(doc)
    for node_id in ("a", "b", "c"):
        top, bottom = bands[doc.nodes[node_id].lane]  # type: ignore[index]
        assert top <= doc.nodes[node_id].y < bottom


def test_the_first_lane_takes_in_every_shape_and_keeps_the_drawing() -> None:
    doc = Document()
    doc.add_node(Node("s", NodeKind.START, "S", x=0, y=-500))
    doc.add_node(Node("d", NodeKind.DECISION, "D", x=300, y=40, height=200))
    doc.add_node(Node("e", NodeKind.END, "E", x=600, y=900))
    gaps = (doc.nodes["d"].y - doc.nodes["s"].y, doc.nodes["e"].y - doc.nodes["d"].y)
    xs = {n.id: n.x for n in doc.nodes.values()}
    edited(doc, lambda r: editing.add_lane(r, "Everyone", 3))
    (lane,) = doc.lanes
    top, bottom = lane_bands(doc)[lane.id]
    assert all(node.lane == lane.id for node in doc.nodes.values())
    extents = [node_extent(node) for node in doc.nodes.values()]
    assert min(e[1] for e in extents) == top + LANE_PADDING
    assert max(e[3] for e in extents) == bottom - LANE_PADDING
    assert (doc.nodes["d"].y - doc.nodes["s"].y, doc.nodes["e"].y - doc.nodes["d"].y) == gaps
    assert {n.id: n.x for n in doc.nodes.values()} == xs


def test_fit_lanes_pushes_a_shape_below_the_top_and_grows_its_lane_carrying_the_rest() -> None:
    doc = three_lanes()
    doc.update_node("b", y=205.0, height=300.0)  # sticks out above and below lane l1
    c_before, free_before = doc.nodes["c"].y, doc.nodes["free"].y
    edited(doc, lambda r: editing.fit_lanes(r, ["b"]))
    top, bottom = lane_bands(doc)["l1"]
    b = node_extent(doc.nodes["b"])
    assert b[1] == top + LANE_PADDING and b[3] == bottom - LANE_PADDING
    grown = doc.lane("l1").height - 150.0
    assert grown > 0
    assert doc.nodes["c"].y == c_before + grown
    assert doc.nodes["free"].y == free_before + grown
    assert doc.nodes["a"].y == 100 and doc.nodes["above"].y == -200


def test_fit_lanes_leaves_a_shape_that_fits_alone() -> None:
    doc = three_lanes()
    before = doc.content()
    rec = edited(doc, lambda r: editing.fit_lanes(r, list(doc.nodes)))
    assert rec.operations == [] and doc.content() == before


def test_paste_gives_fresh_ids_keeps_arrows_and_joins_the_lanes_it_lands_in() -> None:
    doc = three_lanes()
    doc.connect("a", "b", edge_id="ab", label="go")
    doc.connect("b", "c", edge_id="bc")
    fragment = editing.copy_fragment(doc, ["a", "b"])
    assert list(fragment.nodes) == ["a", "b"] and list(fragment.edges) == ["ab"]
    assert [lane.id for lane in fragment.lanes] == ["l0", "l1"]
    result: list[str] = []
    edited(doc, lambda r: result.extend(editing.paste_fragment(r, fragment, 40, 200)))
    assert len(result) == 2 and not set(result) & {"a", "b", "c", "free", "above"}
    first, second = (doc.nodes[n] for n in result)
    assert (first.x, first.y, first.lane) == (140, 300, "l1")
    assert (second.x, second.y, second.lane) == (340, 475, "l2")
    (new_edge,) = [e for e in doc.edges.values() if e.source == first.id]
    assert (new_edge.target, new_edge.label) == (second.id, "go")
    assert new_edge.id not in ("ab", "bc")
    # Pasting twice gives two more copies, never an id already used.
    again: list[str] = []
    edited(doc, lambda r: again.extend(editing.paste_fragment(r, fragment, 0, 0)))
    assert not set(again) & set(result)
    assert len(set(doc.edges)) == len(doc.edges) == 4


@pytest.mark.parametrize(("how", "check"), [
    ("left", lambda e: e[0]), ("center", lambda e: (e[0] + e[2]) / 2), ("right", lambda e: e[2]),
    ("top", lambda e: e[1]), ("middle", lambda e: (e[1] + e[3]) / 2), ("bottom", lambda e: e[3])])
def test_align_lines_shapes_up_on_the_first_ones_edge(how: str, check: Callable) -> None:
    doc = Document()
    doc.add_node(Node("a", NodeKind.STAGE, "A", x=100, y=100, width=200, height=80))
    doc.add_node(Node("b", NodeKind.DECISION, "B", x=400, y=260))
    doc.add_node(Node("c", NodeKind.END, "C", x=250, y=420))
    reference = check(node_extent(doc.nodes["a"]))
    others = {n.id: (n.x, n.y) for n in doc.nodes.values()}
    edited(doc, lambda r: editing.align(r, ["a", "b", "c"], how))
    for node in doc.nodes.values():
        assert check(node_extent(node)) == pytest.approx(reference), node.id
        # Only the aligned coordinate changes.
        kept = node.y if how in ("left", "center", "right") else node.x
        assert kept == others[node.id][1 if how in ("left", "center", "right") else 0]


def test_align_with_an_unknown_way_is_refused_and_changes_nothing() -> None:
    doc = three_lanes()
    before = doc.content()
    assert run(doc, lambda r: editing.align(r, ["a", "b"], "diagonal")) is None
    assert doc.content() == before


@pytest.mark.parametrize("axis", ["horizontal", "vertical"])
def test_distribute_makes_equal_gaps_and_keeps_the_outer_shapes(axis: str) -> None:
    doc = Document()
    positions = [(0, 0), (500, 900), (90, 200), (700, 400)]
    for number, (x, y) in enumerate(positions):
        doc.add_node(Node(f"n{number}", KINDS[number], f"N{number}", x=x, y=y))
    edited(doc, lambda r: editing.distribute(r, list(doc.nodes), axis))
    lo, hi = (0, 2) if axis == "horizontal" else (1, 3)
    ordered = sorted((node_extent(n) for n in doc.nodes.values()), key=lambda e: e[lo])
    gaps = [b[lo] - a[hi] for a, b in itertools.pairwise(ordered)]
    assert gaps == pytest.approx([gaps[0]] * 3, abs=0.011)  # positions are rounded to 0.01
    key = 0 if axis == "horizontal" else 1
    outer = sorted(positions, key=lambda p: p[key])
    coordinates = sorted(getattr(n, "xy"[key]) for n in doc.nodes.values())
    assert (coordinates[0], coordinates[-1]) == (outer[0][key], outer[-1][key])


def test_moving_a_lane_carries_its_shapes_and_swaps_the_bands() -> None:
    doc = three_lanes()
    offsets = {n.id: n.y - lane_bands(doc)[n.lane][0] for n in doc.nodes.values() if n.lane}
    edited(doc, lambda r: editing.move_lane(r, "l2", 0))
    assert [lane.id for lane in doc.lanes] == ["l2", "l0", "l1"]
    bands = lane_bands(doc)
    for node_id, offset in offsets.items():
        node = doc.nodes[node_id]
        assert node.y - bands[node.lane][0] == offset  # type: ignore[index]
        assert lane_at(doc, node.y) == node.lane


def test_deleting_a_lane_keeping_shapes_puts_them_below_the_rest() -> None:
    doc = three_lanes()
    edited(doc, lambda r: editing.delete_lane(r, "l0", delete_shapes=False))
    assert doc.nodes["a"].lane is None
    assert doc.nodes["a"].y > max(bottom for _, bottom in lane_bands(doc).values())
    assert doc.nodes["b"].lane == "l1" and lane_at(doc, doc.nodes["b"].y) == "l1"


def test_big_generated_process_edits_revert_exactly() -> None:
    doc = generate_process(200)
    before = doc.content()
    rec = edited(doc, lambda r: editing.add_lane(r, "Top", 0))
    rec.operations += edited(doc, lambda r: editing.delete(r, ["s5", "d8"], [])).operations
    revert_all(doc, rec.operations)
    assert doc.content() == before


# ------------------------------------------------------------------------- each edit's effect
def test_the_simple_edits_do_what_they_say() -> None:
    doc = three_lanes()
    doc.connect("a", "b", edge_id="ab")
    doc.update_node("c", outcome=Outcome.WON)
    edited(doc, lambda r: editing.set_title(r, "Renamed process"))
    edited(doc, lambda r: editing.update_edge(r, "ab", label="Qualified", probability=0.25))
    edited(doc, lambda r: editing.rename_lane(r, "l1", "Account executives"))
    edited(doc, lambda r: editing.update_lane(r, "l2", color="teal", name="Ops"))
    edited(doc, lambda r: editing.update_node(r, "b", name="Demo", duration_days=2.5))
    edited(doc, lambda r: editing.resize_node(r, "a", 200.456, 60))
    assert doc.title == "Renamed process"
    assert (doc.edges["ab"].label, doc.edges["ab"].probability) == ("Qualified", 0.25)
    assert doc.lane("l1").name == "Account executives"
    assert (doc.lane("l2").color, doc.lane("l2").name) == (Colour.TEAL, "Ops")
    assert (doc.nodes["b"].name, doc.nodes["b"].duration_days) == ("Demo", 2.5)
    assert (doc.nodes["a"].width, doc.nodes["a"].height) == (200.46, 60)


def test_reconnect_moves_the_given_end_and_keeps_the_other() -> None:
    doc = three_lanes()
    doc.connect("a", "b", edge_id="ab")
    edited(doc, lambda r: editing.reconnect(r, "ab", target="free"))
    assert (doc.edges["ab"].source, doc.edges["ab"].target) == ("a", "free")
    edited(doc, lambda r: editing.reconnect(r, "ab", source="above"))
    assert (doc.edges["ab"].source, doc.edges["ab"].target) == ("above", "free")
    before = doc.content()
    assert run(doc, lambda r: editing.reconnect(r, "ab", target="a")) is None  # into a start
    assert doc.content() == before


def test_an_outcome_stays_on_a_stage_and_goes_from_a_decision() -> None:
    doc = three_lanes()
    edited(doc, lambda r: editing.update_node(r, "c", outcome="lost"))
    assert doc.nodes["c"].outcome is Outcome.LOST
    edited(doc, lambda r: editing.update_node(r, "c", kind=NodeKind.STAGE))  # a milestone
    assert (doc.nodes["c"].kind, doc.nodes["c"].outcome) == (NodeKind.STAGE, Outcome.LOST)
    edited(doc, lambda r: editing.update_node(r, "c", kind=NodeKind.DECISION))
    assert (doc.nodes["c"].kind, doc.nodes["c"].outcome) == (NodeKind.DECISION, None)


def test_a_shape_given_another_lane_moves_into_its_band() -> None:
    doc = three_lanes()
    edited(doc, lambda r: editing.update_node(r, "a", lane="l2"))
    top, bottom = lane_bands(doc)["l2"]
    assert doc.nodes["a"].lane == "l2" and doc.nodes["a"].y == (top + bottom) / 2
    edited(doc, lambda r: editing.update_node(r, "b", lane="l2", y=500.0))
    assert doc.nodes["b"].y == 500.0  # a given y wins


def test_placing_a_shape_names_it_by_kind_and_puts_it_in_the_lane_under_it() -> None:
    doc = three_lanes()
    placed: list[str] = []
    edited(doc, lambda r: placed.append(editing.place_node(r, NodeKind.DECISION, 333.333,
                                                           260.0)))
    node = doc.nodes[placed[0]]
    assert (node.kind, node.name, node.lane, node.x) == (NodeKind.DECISION, "Decision?", "l1",
                                                         333.33)
    assert placed[0].startswith("decision")
    edited(doc, lambda r: placed.append(editing.place_node(r, NodeKind.START, 0, 2000, "In")))
    assert (doc.nodes[placed[1]].name, doc.nodes[placed[1]].lane) == ("In", None)


def test_a_decisions_first_two_branches_are_labelled_yes_and_no() -> None:
    doc = three_lanes()
    doc.add_node(Node("d", NodeKind.DECISION, "D?", x=700, y=100, lane="l0"))
    ids: list[str] = []
    for target in ("b", "c", "free"):
        edited(doc, lambda r, t=target: ids.append(editing.connect(r, "d", t)))
    assert [doc.edges[e].label for e in ids] == ["Yes", "No", None]
    edited(doc, lambda r: ids.append(editing.connect(r, "a", "b")))
    assert doc.edges[ids[-1]].label is None


def test_add_stage_after_connects_a_new_stage_to_the_right_clear_of_other_shapes() -> None:
    doc = three_lanes()
    doc.add_node(Node("blocker", NodeKind.STAGE, "In the way", x=335, y=100, lane="l0"))
    new: list[str] = []
    edited(doc, lambda r: new.append(editing.add_stage_after(r, "a")))
    node = doc.nodes[new[0]]
    a = doc.nodes["a"]
    assert node.x == a.x + a.size[0] / 2 + 80 + node.size[0] / 2
    assert node.lane == "l0" and node.y > 100
    assert [(e.source, e.target) for e in doc.edges.values()] == [("a", new[0])]


# ------------------------------------------------------------------------- primitives alone
def test_primitives_with_places_revert_to_the_same_order() -> None:
    """Operations the edits above never give a place (index) or never use on a connected
    shape: removing a shape with its arrows, and adding at a place."""
    doc = generate_process(30)
    before = doc.content()
    node_id = next(n for n in doc.nodes if len(doc.edges_of(n)) >= 2)
    operations = [RemoveNode(node_id),
                  AddNode(Node("first", NodeKind.STAGE, "First"), 0),
                  AddEdge(Edge("e-first", "first", "won"), 0),
                  AddLane(Lane("top", "Top"), 0)]
    apply_all(doc, operations)
    assert node_id not in doc.nodes and not [e for e in doc.edges.values()
                                             if node_id in (e.source, e.target)]
    assert next(iter(doc.nodes)) == "first" and next(iter(doc.edges)) == "e-first"
    assert doc.lanes[0].id == "top"
    revert_all(doc, operations)
    assert doc.content() == before
