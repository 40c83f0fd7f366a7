"""The process document: the single source of truth the editor, checks, metrics and files share.

Pure Python, no Qt. Every change goes through a method here that validates it first (a refused edit
changes nothing) and reports it as a `Change`. Observers get the changes of one transaction as one
batch, so the editor refreshes and re-checks once per user edit, not once per field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from flowedit.i18n import _, format_number, ngettext
from flowedit.model import rules
from flowedit.model.elements import (
    Edge,
    Lane,
    ModelError,
    Node,
    NodeKind,
    Routing,
    check_text,
    validate_edge,
    validate_lane,
    validate_node,
)
from flowedit.model.limits import MAX_LANES, MAX_NODES

if TYPE_CHECKING:
    from flowedit.model.routes import Route


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that changed: `what` is node/edge/lane/title/routing, `how` is
    added/removed/changed."""

    what: str
    how: str
    id: str = ""
    fields: frozenset[str] = frozenset()


Listener = Callable[[list[Change]], None]


class Document:
    def __init__(self, title: str = "Untitled process",
                 routing: Routing = Routing.STRAIGHT) -> None:
        self._title = title
        #: How arrows are drawn. Straight by default, as every file written before routing
        #: existed is drawn; the editor's New gives orthogonal.
        self._routing = Routing(routing)
        self._lanes: list[Lane] = []
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self._out: dict[str, dict[str, None]] = {}
        self._in: dict[str, dict[str, None]] = {}
        self._listeners: list[Listener] = []
        self._pending: list[Change] = []
        self._depth = 0
        #: Grows whenever nodes, arrows or node kinds change (not on moves or renames), so that
        #: graph analysis can be cached between edits that leave the graph as it was.
        self.structure_version = 0
        #: Stages holding a nested sub-process, in no particular order: the total size of the
        #: tree is counted over these alone, so documents without sub-processes pay nothing.
        self._with_process: dict[str, None] = {}
        #: Linked sub-processes as read by io (stage id -> document), and why a link could not be
        #: followed (stage id -> (check code, message)). Not content: the file keeps the path.
        self.linked: dict[str, Document] = {}
        self.link_problems: dict[str, tuple[str, str]] = {}
        #: Grows with every change of any kind: what a cache of drawn geometry compares.
        self.version = 0
        #: The trainer's saved walks (model/routes.py), top-level processes only. Plain data the
        #: drawing never depends on: edits leave them alone and nobody observes them.
        self.routes: list[Route] = []

    # ----------------------------------------------------------------- observing
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def listeners(self) -> tuple[Listener, ...]:
        return tuple(self._listeners)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Groups changes: observers hear of them once, when the outermost transaction ends."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
            if self._depth == 0 and self._pending:
                batch, self._pending = self._pending, []
                self._deliver(batch)

    @contextmanager
    def atomic(self, revert: Callable[[], None]) -> Iterator[None]:
        """A compound edit that happens whole or not at all. If the body raises, `revert` puts
        the document back exactly as it was, and observers never hear of the changes made and
        unmade: told afterwards, they would be told of shapes that no longer exist, and a
        refused edit is no edit (no re-check, no unsaved state)."""
        with self.transaction():
            mark = len(self._pending)
            try:
                yield
            except BaseException:
                revert()  # if this fails too, observers hear everything and resynchronise
                del self._pending[mark:]
                raise

    def _deliver(self, batch: list[Change]) -> None:
        """Every observer hears of the batch, even if one of them fails; afterwards the failure is
        raised, or all of them together (an ExceptionGroup) when several observers failed."""
        failures: list[Exception] = []
        for listener in list(self._listeners):
            try:
                listener(batch)
            except Exception as error:  # re-raised below, after the others
                failures.append(error)
        if len(failures) == 1:
            raise failures[0]
        if failures:
            raise ExceptionGroup("several observers of the document failed", failures)

    def _emit(self, change: Change) -> None:
        self.version += 1
        with self.transaction():
            self._pending.append(change)

    # ----------------------------------------------------------------- reading
    @property
    def title(self) -> str:
        return self._title

    @property
    def routing(self) -> Routing:
        return self._routing

    def set_routing(self, routing: Routing) -> None:
        if not isinstance(routing, Routing):
            raise ModelError(_("Unknown routing {routing}: use orthogonal or straight").format(
                routing=repr(routing)))
        if routing is not self._routing:
            self._routing = routing
            self._emit(Change("routing", "changed"))

    @property
    def lanes(self) -> tuple[Lane, ...]:
        return tuple(self._lanes)

    def lane(self, lane_id: str) -> Lane:
        for lane in self._lanes:
            if lane.id == lane_id:
                return lane
        raise ModelError(_("There is no lane with id {id}").format(id=repr(lane_id)))

    def lane_index(self, lane_id: str) -> int:
        for index, lane in enumerate(self._lanes):
            if lane.id == lane_id:
                return index
        raise ModelError(_("There is no lane with id {id}").format(id=repr(lane_id)))

    def has_lane(self, lane_id: str) -> bool:
        return any(lane.id == lane_id for lane in self._lanes)

    def out_edges(self, node_id: str) -> tuple[str, ...]:
        return tuple(self._out.get(node_id, ()))

    def in_edges(self, node_id: str) -> tuple[str, ...]:
        return tuple(self._in.get(node_id, ()))

    def edges_of(self, node_id: str) -> tuple[str, ...]:
        """Every arrow touching the node, each once (a loop is both in and out)."""
        return tuple(dict.fromkeys((*self.out_edges(node_id), *self.in_edges(node_id))))

    def nodes_in_lane(self, lane_id: str | None) -> list[str]:
        return [node.id for node in self.nodes.values() if node.lane == lane_id]

    def node_index(self, node_id: str) -> int:
        return _index_of(self.nodes, node_id)

    def edge_index(self, edge_id: str) -> int:
        return _index_of(self.edges, edge_id)

    def new_node_id(self, prefix: str = "stage") -> str:
        return _fresh_id(prefix, self.nodes)

    def new_edge_id(self) -> str:
        return _fresh_id("e", self.edges, separator="")

    def new_lane_id(self, prefix: str = "lane") -> str:
        return _fresh_id(prefix, {lane.id for lane in self._lanes})

    # ----------------------------------------------------------------- title
    def set_title(self, title: str) -> None:
        check_text(title, "Title", optional=False)
        if title != self._title:
            self._title = title
            self._emit(Change("title", "changed"))

    # ----------------------------------------------------------------- nodes
    def adopt(self, nodes: dict[str, Node], edges: dict[str, Edge]) -> None:
        """Fills a new, unobserved document with records a reader has already checked against
        every rule add_node/add_edge apply (flowedit/io/fast_reader.py): one step instead of one
        change per record, which took longer than reading the file. Leaves the document exactly
        as adding them one by one would (tests/io/test_fast_file_reader.py compares it all)."""
        assert not self.nodes and not self.edges and not self._listeners
        out_edges: dict[str, dict[str, None]] = {node_id: {} for node_id in nodes}
        in_edges: dict[str, dict[str, None]] = {node_id: {} for node_id in nodes}
        for edge in edges.values():
            out_edges[edge.source][edge.id] = None
            in_edges[edge.target][edge.id] = None
        self.nodes, self.edges = nodes, edges
        self._out, self._in = out_edges, in_edges
        self._with_process = {node_id: None for node_id, node in nodes.items()
                              if node.process is not None}
        added = len(nodes) + len(edges)
        self.structure_version += added
        self.version += added

    def add_node(self, node: Node, index: int | None = None) -> Node:
        validate_node(node)
        if node.id in self.nodes:
            raise ModelError(_("There is already a shape with id {id}").format(id=repr(node.id)))
        if len(self.nodes) >= MAX_NODES or (
                (self._with_process or node.process is not None)
                and self.total_nodes() + 1 + _tree_size(node) > MAX_NODES):
            raise ModelError(_("A process can have at most {count} shapes, its "
                               "sub-processes included").format(count=format_number(MAX_NODES, 0)))
        if node.lane is not None and not self.has_lane(node.lane):
            raise ModelError(_("There is no lane with id {id}").format(id=repr(node.lane)))
        if index is None or index >= len(self.nodes):
            self.nodes[node.id] = node
        else:
            items = list(self.nodes.items())
            items.insert(max(index, 0), (node.id, node))
            self.nodes = dict(items)
        self._out[node.id] = {}
        self._in[node.id] = {}
        if node.process is not None:
            self._with_process[node.id] = None
        self.structure_version += 1
        self._emit(Change("node", "added", node.id))
        return node

    def update_node(self, node_id: str, **fields: Any) -> Node:
        """Changes some fields of a node, all or none; returns the node as it was before."""
        old = self._node(node_id)
        if "id" in fields and fields["id"] != node_id:
            raise ModelError(_("A shape's id cannot change"))
        new = _replaced(old, fields, "shape")
        validate_node(new)
        if new.kind != old.kind and new.kind is not NodeKind.STAGE and self._loops(node_id):
            raise ModelError(_("Only a stage can loop back to itself: remove the loop on "
                               "{name} before making it a {kind}").format(
                name=repr(old.name or node_id), kind=_(new.kind.value)))
        if new.lane is not None and new.lane != old.lane and not self.has_lane(new.lane):
            raise ModelError(_("There is no lane with id {id}").format(id=repr(new.lane)))
        if (new.process is not None and new.process is not old.process
                and self.total_nodes() - _tree_size(old) + _tree_size(new) > MAX_NODES):
            raise ModelError(_("A process can have at most {count} shapes, its "
                               "sub-processes included").format(count=format_number(MAX_NODES, 0)))
        changed = frozenset(name for name in fields
                            if not _same(getattr(old, name), getattr(new, name)))
        if changed:
            self.nodes[node_id] = new
            if new.process is not None:
                self._with_process[node_id] = None
            else:
                self._with_process.pop(node_id, None)
            if changed & {"kind", "process", "subprocess", "exit", "own_figures"}:
                self.structure_version += 1
            self._emit(Change("node", "changed", node_id, changed))
        return old

    def move_node(self, node_id: str, x: float, y: float) -> Node:
        return self.update_node(node_id, x=x, y=y)

    def rename_node(self, node_id: str, name: str) -> Node:
        return self.update_node(node_id, name=name)

    def assign_lane(self, node_id: str, lane_id: str | None) -> Node:
        return self.update_node(node_id, lane=lane_id)

    def remove_node(self, node_id: str) -> tuple[Node, int, list[tuple[Edge, int]]]:
        """Removes a node and its arrows; returns what undo needs to put them back in place."""
        node = self._node(node_id)
        with self.transaction():
            removed_edges = [self.disconnect(edge_id) for edge_id in self.edges_of(node_id)]
            index = self.node_index(node_id)
            del self.nodes[node_id]
            del self._out[node_id]
            del self._in[node_id]
            self._with_process.pop(node_id, None)
            self.structure_version += 1
            self._emit(Change("node", "removed", node_id))
        return node, index, removed_edges

    def _loops(self, node_id: str) -> bool:
        return any(self.edges[e].target == node_id for e in self._out.get(node_id, ()))

    def _node(self, node_id: str) -> Node:
        try:
            return self.nodes[node_id]
        except KeyError:
            raise ModelError(_("There is no shape with id {id}").format(id=repr(node_id))) from None

    # ----------------------------------------------------------------- edges
    def add_edge(self, edge: Edge, index: int | None = None) -> Edge:
        validate_edge(edge)
        if edge.id in self.edges:
            raise ModelError(_("There is already an arrow with id {id}").format(id=repr(edge.id)))
        reason = rules.structural_refusal(self, edge.source, edge.target)
        if reason:
            raise ModelError(_("Cannot connect: {reason}").format(reason=reason))
        if index is None or index >= len(self.edges):
            self.edges[edge.id] = edge
        else:
            items = list(self.edges.items())
            items.insert(max(index, 0), (edge.id, edge))
            self.edges = dict(items)
        self._out[edge.source][edge.id] = None
        self._in[edge.target][edge.id] = None
        self.structure_version += 1
        self._emit(Change("edge", "added", edge.id))
        return edge

    def connect(
        self,
        source: str,
        target: str,
        label: str | None = None,
        probability: float | None = None,
        edge_id: str | None = None,
    ) -> Edge:
        return self.add_edge(
            Edge(edge_id or self.new_edge_id(), source, target, label, probability)
        )

    def update_edge(self, edge_id: str, **fields: Any) -> Edge:
        """Changes label, probability or either end of an arrow; returns the arrow as it was."""
        old = self._edge(edge_id)
        if "id" in fields and fields["id"] != edge_id:
            raise ModelError(_("An arrow's id cannot change"))
        new = _replaced(old, fields, "arrow")
        validate_edge(new)
        reason = rules.structural_refusal(self, new.source, new.target, edge_id)
        if reason:
            raise ModelError(_("Cannot connect: {reason}").format(reason=reason))
        changed = frozenset(name for name in fields if getattr(old, name) != getattr(new, name))
        if changed:
            if new.source != old.source:
                del self._out[old.source][edge_id]
                self._out[new.source][edge_id] = None
            if new.target != old.target:
                del self._in[old.target][edge_id]
                self._in[new.target][edge_id] = None
            self.edges[edge_id] = new
            if {"source", "target"} & changed:
                self.structure_version += 1
            self._emit(Change("edge", "changed", edge_id, changed))
        return old

    def disconnect(self, edge_id: str) -> tuple[Edge, int]:
        edge = self._edge(edge_id)
        index = self.edge_index(edge_id)
        del self.edges[edge_id]
        del self._out[edge.source][edge_id]
        del self._in[edge.target][edge_id]
        self.structure_version += 1
        self._emit(Change("edge", "removed", edge_id))
        return edge, index

    def _edge(self, edge_id: str) -> Edge:
        try:
            return self.edges[edge_id]
        except KeyError:
            raise ModelError(_("There is no arrow with id {id}").format(id=repr(edge_id))) from None

    # ----------------------------------------------------------------- lanes
    def add_lane(self, lane: Lane, index: int | None = None) -> Lane:
        validate_lane(lane)
        if self.has_lane(lane.id):
            raise ModelError(_("There is already a lane with id {id}").format(id=repr(lane.id)))
        if len(self._lanes) >= MAX_LANES:
            raise ModelError(_("A process can have at most {count} lanes").format(count=MAX_LANES))
        position = len(self._lanes) if index is None else min(max(index, 0), len(self._lanes))
        self._lanes.insert(position, lane)
        self._emit(Change("lane", "added", lane.id))
        return lane

    def update_lane(self, lane_id: str, **fields: Any) -> Lane:
        index = self.lane_index(lane_id)
        old = self._lanes[index]
        if "id" in fields and fields["id"] != lane_id:
            raise ModelError(_("A lane's id cannot change"))
        new = _replaced(old, fields, "lane")
        validate_lane(new)
        changed = frozenset(name for name in fields if getattr(old, name) != getattr(new, name))
        if changed:
            self._lanes[index] = new
            self._emit(Change("lane", "changed", lane_id, changed))
        return old

    def rename_lane(self, lane_id: str, name: str) -> Lane:
        return self.update_lane(lane_id, name=name)

    def move_lane(self, lane_id: str, index: int) -> int:
        """Puts a lane at `index` in the top-to-bottom order; returns its old index."""
        old_index = self.lane_index(lane_id)
        if not 0 <= index < len(self._lanes):
            raise ModelError(_("Lane position {index} is outside 0..{last}").format(
                index=index, last=len(self._lanes) - 1))
        if index != old_index:
            self._lanes.insert(index, self._lanes.pop(old_index))
            self._emit(Change("lane", "moved", lane_id))
        return old_index

    def remove_lane(self, lane_id: str) -> tuple[Lane, int]:
        """Removes an empty lane; its shapes must be deleted or moved out first (editor asks)."""
        index = self.lane_index(lane_id)
        members = self.nodes_in_lane(lane_id)
        if members:
            raise ModelError(ngettext(
                "Lane {name} still holds {count} shape: delete it or move it out first",
                "Lane {name} still holds {count} shapes: delete them or move them out first",
                len(members)).format(name=repr(self._lanes[index].name), count=len(members)))
        lane = self._lanes.pop(index)
        self._emit(Change("lane", "removed", lane_id))
        return lane, index

    # ----------------------------------------------------------------- sub-processes
    def total_nodes(self) -> int:
        """Shapes at this level and in every nested sub-process below it (what MAX_NODES
        bounds; linked files are counted by the reader, which loads them)."""
        return len(self.nodes) + sum(_tree_size(self.nodes[n]) for n in self._with_process)

    def has_subprocesses(self) -> bool:
        return bool(self._with_process) or any(
            node.subprocess is not None for node in self.nodes.values())

    def child(self, node_id: str) -> Document | None:
        """The stage's sub-process: its own, or the linked file as read (None when it has
        none, or the link could not be followed)."""
        node = self._node(node_id)
        if node.process is not None:
            return node.process
        if node.subprocess is not None:
            return self.linked.get(node_id)
        return None

    def level(self, path: tuple[str, ...]) -> Document:
        """The process `path` leads to: () is this one, ('prospecting',) the sub-process of
        the stage 'prospecting', ('prospecting', 'research') one further down."""
        doc: Document = self
        for depth, node_id in enumerate(path):
            child = doc.child(node_id)
            if child is None:
                where = " › ".join(path[:depth + 1])
                raise ModelError(_("There is no sub-process at {where}").format(where=where))
            doc = child
        return doc

    def process_changed(self, node_id: str) -> None:
        """Tells this level's observers that something inside the stage's sub-process changed
        (the figures computed from it, the file's unsaved state)."""
        self._node(node_id)
        self.structure_version += 1
        self._emit(Change("node", "changed", node_id, frozenset({"process"})))

    # ----------------------------------------------------------------- comparing
    def content(self) -> tuple[Any, ...]:
        """Everything a file keeps, in order: two documents with equal content save identically."""
        return (self._title, self._routing, tuple(self._lanes), tuple(self.nodes.values()),
                tuple(self.edges.values()), tuple(self.routes))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Document) and self.content() == other.content()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"Document({self._title!r}, {len(self._lanes)} lanes, {len(self.nodes)} nodes, "
                f"{len(self.edges)} edges)")


def copy_process(doc: Document) -> Document:
    """A deep copy (nested sub-processes copied too, links and what they read kept): a pasted,
    duplicated or embedded stage must not share a sub-process with another one."""
    copy = Document(doc.title, doc.routing)
    for lane in doc.lanes:
        copy.add_lane(lane)
    for node in doc.nodes.values():
        copy.add_node(dataclasses.replace(node, process=copy_process(node.process))
                      if node.process is not None else node)
    for edge in doc.edges.values():
        copy.add_edge(edge)
    copy.linked = dict(doc.linked)
    copy.routes = list(doc.routes)
    copy.link_problems = dict(doc.link_problems)
    return copy


def _tree_size(node: Node) -> int:
    """Shapes in the node's nested sub-process, all levels (0 without one)."""
    return node.process.total_nodes() if node.process is not None else 0


def _same(old: Any, new: Any) -> bool:
    """Equal for the observers: a sub-process replaced by another one counts as a change even
    when both hold the same (they are different documents to edit)."""
    if isinstance(old, Document) or isinstance(new, Document):
        return old is new
    return bool(old == new)


def _index_of(records: dict[str, Any], key: str) -> int:
    """Position of `key`; the last one (what deleting from the end asks) without a scan."""
    if records and next(reversed(records)) == key:
        return len(records) - 1
    return list(records).index(key)


def _replaced(record: Any, fields: dict[str, Any], what: str) -> Any:
    try:
        return dataclasses.replace(record, **fields)
    except TypeError:
        known = ", ".join(f.name for f in dataclasses.fields(record))
        unknown = ", ".join(sorted(set(fields) - {f.name for f in dataclasses.fields(record)}))
        raise ModelError(f"A {what} has no field {unknown}; its fields are {known}") from None


def _fresh_id(prefix: str, taken: Any, separator: str = "-") -> str:
    number = len(taken) + 1
    while f"{prefix}{separator}{number}" in taken:
        number += 1
    return f"{prefix}{separator}{number}"
