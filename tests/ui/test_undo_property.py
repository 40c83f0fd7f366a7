"""Undo and redo give back every state exactly: random sequences of the editor's edits, each run
as one command on a QUndoStack the way the editor runs them (flowedit.ui.commands.perform).

After the sequence, undoing step by step must walk back through every intermediate state to the
original document, and redoing must walk forward to the final one. A refused edit (ModelError)
must leave the document as it was and push nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QUndoStack
from ui_helpers import make_doc

from flowedit.io import dumps_document, loads_document
from flowedit.model import Document, ModelError, NodeKind, editing
from flowedit.model.operations import Recorder
from flowedit.ui.commands import perform

KINDS = list(NodeKind)
EDITS = ("place_node", "connect", "move_nodes", "delete", "update_node", "add_lane", "move_lane",
         "resize_lane", "delete_lane", "reconnect", "change_kind")

coordinate = st.integers(-300, 1500)
step = st.tuples(st.sampled_from(EDITS), st.integers(0, 99), st.integers(0, 99),
                 coordinate, coordinate, st.integers(0, 99))


def snapshot(doc: Document) -> Document:
    """A deep, independent copy, through the file format."""
    return loads_document(dumps_document(doc))


def pick(items: list[str], index: int) -> str:
    return items[index % len(items)]


def build_edit(doc: Document, edit: str, a: int, b: int, x: int, y: int,
               c: int) -> Callable[[Recorder], object] | None:
    """The edit to run against the document as it is now (None when it does not apply)."""
    nodes, edges, lanes = list(doc.nodes), list(doc.edges), [lane.id for lane in doc.lanes]
    if edit == "place_node":
        kind = KINDS[a % len(KINDS)]
        return lambda rec: editing.place_node(rec, kind, x, y)
    if edit == "add_lane":
        index = None if not lanes or c % 3 == 0 else c % (len(lanes) + 1)
        return lambda rec: editing.add_lane(rec, f"Lane {a}", index)
    if edit in ("connect", "move_nodes", "update_node", "change_kind") and not nodes:
        return None
    if edit == "connect":
        source, target = pick(nodes, a), pick(nodes, b)
        return lambda rec: editing.connect(rec, source, target)
    if edit == "move_nodes":
        first, second = pick(nodes, a), pick(nodes, b)
        positions = {first: (float(x), float(y))}
        if c % 2:
            positions[second] = (float(x + 40), float(y + 60))
        return lambda rec: editing.move_nodes(rec, positions)
    if edit == "update_node":
        node_id = pick(nodes, a)
        fields: dict[str, Any] = [
            {"name": f"Stage {b}"},
            {"duration_days": b / 4},
            {"lane": None if not lanes or b % 4 == 0 else pick(lanes, b)},
            {"kind": KINDS[b % len(KINDS)]},
            {"outcome": ("won", "lost", None)[b % 3]},
            {"owner": None if b % 2 else "SDR team", "description": f"Step {b}"},
        ][c % 6]
        return lambda rec: editing.update_node(rec, node_id, **fields)
    if edit == "change_kind":
        node_id, kind = pick(nodes, a), KINDS[b % len(KINDS)]
        return lambda rec: editing.change_kind(rec, node_id, kind)
    if edit == "delete":
        node_ids = [pick(nodes, a)] if nodes and c % 3 != 0 else []
        edge_ids = [pick(edges, b)] if edges and c % 3 != 1 else []
        if not node_ids and not edge_ids:
            return None
        return lambda rec: editing.delete(rec, node_ids, edge_ids)
    if edit == "reconnect":
        if not edges or not nodes:
            return None
        edge_id, other = pick(edges, a), pick(nodes, b)
        end = {"target": other} if c % 2 else {"source": other}
        return lambda rec: editing.reconnect(rec, edge_id, **end)
    if not lanes:
        return None
    lane_id = pick(lanes, a)
    if edit == "move_lane":
        index = b % len(lanes)
        return lambda rec: editing.move_lane(rec, lane_id, index)
    if edit == "resize_lane":
        return lambda rec: editing.resize_lane(rec, lane_id, float(y % 400 + 20))
    assert edit == "delete_lane"
    delete_shapes = bool(c % 2)
    return lambda rec: editing.delete_lane(rec, lane_id, delete_shapes)


def assert_consistent(doc: Document) -> None:
    """The document's arrow indexes agree with its arrows (what undo must also restore)."""
    for node_id in doc.nodes:
        assert set(doc.out_edges(node_id)) == {e.id for e in doc.edges.values()
                                               if e.source == node_id}
        assert set(doc.in_edges(node_id)) == {e.id for e in doc.edges.values()
                                              if e.target == node_id}


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(step, min_size=1, max_size=14))
def test_undo_all_then_redo_all_walks_back_and_forth_through_every_state(qapp, steps):
    doc = make_doc()
    stack = QUndoStack()
    states = [snapshot(doc).content()]
    for edit, a, b, x, y, c in steps:
        build = build_edit(doc, edit, a, b, x, y, c)
        if build is None:
            continue
        before = snapshot(doc).content()
        count = stack.count()
        try:
            perform(stack, doc, edit, build)
        except ModelError:
            assert doc.content() == before, f"refused {edit} changed the document"
            assert stack.count() == count, f"refused {edit} was pushed"
            continue
        assert_consistent(doc)
        if stack.count() > count:
            states.append(snapshot(doc).content())
        else:
            assert doc.content() == before, f"{edit} changed the document but pushed nothing"
    assert stack.count() == len(states) - 1

    for index in range(len(states) - 2, -1, -1):
        stack.undo()
        assert doc.content() == states[index], f"undo to state {index} differs"
        assert_consistent(doc)
    assert doc.content() == make_doc().content()

    for index in range(1, len(states)):
        stack.redo()
        assert doc.content() == states[index], f"redo to state {index} differs"
        assert_consistent(doc)
