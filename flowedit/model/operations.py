"""Primitive, reversible edits of a Document, and a recorder that builds compound edits from them.

Every user edit in the editor is a list of these primitives (one undo step); each knows how to
apply and revert itself exactly, positions in the document's order included, so undoing any
sequence of edits gives back the very same document. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from flowedit.i18n import _, format_number
from flowedit.model.document import Document
from flowedit.model.elements import Edge, Lane, ModelError, Node, Routing
from flowedit.model.limits import MAX_NODES


class Operation:
    def apply(self, doc: Document) -> None:
        raise NotImplementedError

    def revert(self, doc: Document) -> None:
        raise NotImplementedError


@dataclass
class AddNode(Operation):
    node: Node
    index: int | None = None

    def apply(self, doc: Document) -> None:
        doc.add_node(self.node, self.index)

    def revert(self, doc: Document) -> None:
        doc.remove_node(self.node.id)


@dataclass
class RemoveNode(Operation):
    node_id: str
    _removed: tuple[Node, int, list[tuple[Edge, int]]] | None = None

    def apply(self, doc: Document) -> None:
        self._removed = doc.remove_node(self.node_id)

    def revert(self, doc: Document) -> None:
        assert self._removed is not None
        node, index, edges = self._removed
        doc.add_node(node, index)
        for edge, edge_index in reversed(edges):
            doc.add_edge(edge, edge_index)


@dataclass
class UpdateNode(Operation):
    node_id: str
    after: dict[str, Any]
    before: dict[str, Any] = field(default_factory=dict)

    def apply(self, doc: Document) -> None:
        old = doc.update_node(self.node_id, **self.after)
        self.before = {name: getattr(old, name) for name in self.after}

    def revert(self, doc: Document) -> None:
        doc.update_node(self.node_id, **self.before)


@dataclass
class AddEdge(Operation):
    edge: Edge
    index: int | None = None

    def apply(self, doc: Document) -> None:
        doc.add_edge(self.edge, self.index)

    def revert(self, doc: Document) -> None:
        doc.disconnect(self.edge.id)


@dataclass
class RemoveEdge(Operation):
    edge_id: str
    _removed: tuple[Edge, int] | None = None

    def apply(self, doc: Document) -> None:
        self._removed = doc.disconnect(self.edge_id)

    def revert(self, doc: Document) -> None:
        assert self._removed is not None
        doc.add_edge(*self._removed)


@dataclass
class UpdateEdge(Operation):
    edge_id: str
    after: dict[str, Any]
    before: dict[str, Any] = field(default_factory=dict)

    def apply(self, doc: Document) -> None:
        old = doc.update_edge(self.edge_id, **self.after)
        self.before = {name: getattr(old, name) for name in self.after}

    def revert(self, doc: Document) -> None:
        doc.update_edge(self.edge_id, **self.before)


@dataclass
class AddLane(Operation):
    lane: Lane
    index: int | None = None

    def apply(self, doc: Document) -> None:
        doc.add_lane(self.lane, self.index)

    def revert(self, doc: Document) -> None:
        doc.remove_lane(self.lane.id)


@dataclass
class RemoveLane(Operation):
    lane_id: str
    _removed: tuple[Lane, int] | None = None

    def apply(self, doc: Document) -> None:
        self._removed = doc.remove_lane(self.lane_id)

    def revert(self, doc: Document) -> None:
        assert self._removed is not None
        doc.add_lane(*self._removed)


@dataclass
class UpdateLane(Operation):
    lane_id: str
    after: dict[str, Any]
    before: dict[str, Any] = field(default_factory=dict)

    def apply(self, doc: Document) -> None:
        old = doc.update_lane(self.lane_id, **self.after)
        self.before = {name: getattr(old, name) for name in self.after}

    def revert(self, doc: Document) -> None:
        doc.update_lane(self.lane_id, **self.before)


@dataclass
class MoveLane(Operation):
    lane_id: str
    index: int
    _old_index: int = 0

    def apply(self, doc: Document) -> None:
        self._old_index = doc.move_lane(self.lane_id, self.index)

    def revert(self, doc: Document) -> None:
        doc.move_lane(self.lane_id, self._old_index)


@dataclass
class SetTitle(Operation):
    title: str
    _old: str = ""

    def apply(self, doc: Document) -> None:
        self._old = doc.title
        doc.set_title(self.title)

    def revert(self, doc: Document) -> None:
        doc.set_title(self._old)


@dataclass
class AtLevel(Operation):
    """Any primitive applied inside a sub-process: `path` names the stages leading there from
    the document the operation is applied to. One undo stack can then span every level: each
    step finds its level again by path, whatever was undone or redone in between. The stages on
    the path hear that their sub-process changed, and the limits count the whole tree."""

    path: tuple[str, ...]
    operation: Operation

    def apply(self, doc: Document) -> None:
        self._run(doc, self.operation.apply, self.operation.revert)

    def revert(self, doc: Document) -> None:
        self._run(doc, self.operation.revert, self.operation.apply)

    def _run(self, doc: Document, step: Any, undo: Any) -> None:
        level = doc.level(self.path)
        with doc.transaction():
            step(level)
            if self.path and doc.total_nodes() > MAX_NODES:
                undo(level)
                raise ModelError(_("A process can have at most {count} shapes, its "
                                   "sub-processes included").format(
                    count=format_number(MAX_NODES, 0)))
            for depth in range(len(self.path)):
                doc.level(self.path[:depth]).process_changed(self.path[depth])


@dataclass
class SetRouting(Operation):
    routing: Routing
    _old: Routing = Routing.STRAIGHT

    def apply(self, doc: Document) -> None:
        self._old = doc.routing
        doc.set_routing(self.routing)

    def revert(self, doc: Document) -> None:
        doc.set_routing(self._old)


class Recorder:
    """Applies primitives one by one and keeps them, so later steps of a compound edit see the
    document as the earlier steps left it. If a step is refused, everything is reverted."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.operations: list[Operation] = []

    def do(self, operation: Operation) -> None:
        operation.apply(self.doc)
        self.operations.append(operation)

    @contextmanager
    def all_or_nothing(self) -> Iterator[Recorder]:
        with self.doc.atomic(self._revert):
            yield self

    def _revert(self) -> None:
        revert_all(self.doc, self.operations)
        self.operations.clear()


class LevelRecorder(Recorder):
    """A Recorder for edits inside a sub-process: every edit function of model.editing works
    on `doc` (the level) as usual, while the operations it records are AtLevel steps on `root`,
    so that the undo step they make is replayed on the whole file, whichever level is shown."""

    def __init__(self, root: Document, path: tuple[str, ...]) -> None:
        super().__init__(root.level(path))
        self.root = root
        self.path = path

    def do(self, operation: Operation) -> None:
        step = AtLevel(self.path, operation) if self.path else operation
        step.apply(self.root)
        self.operations.append(step)

    @contextmanager
    def all_or_nothing(self) -> Iterator[Recorder]:
        with self.root.atomic(self._revert):
            yield self

    def _revert(self) -> None:
        revert_all(self.root, self.operations)
        self.operations.clear()


def apply_all(doc: Document, operations: list[Operation]) -> None:
    with doc.transaction():
        for operation in operations:
            operation.apply(doc)


def revert_all(doc: Document, operations: list[Operation]) -> None:
    with doc.transaction():
        for operation in reversed(operations):
            operation.revert(doc)
