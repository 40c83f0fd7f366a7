"""Sub-processes: a stage that opens into a process of its own. No Qt, no files here.

A stage holds its sub-process itself (`Node.process`, a nested Document) or links to another
process file (`Node.subprocess`, a relative path that io follows into `Document.linked`). Each end
of a sub-process says which of the stage's outgoing arrows a lead leaves by (`exit_mapping`), so
that analysis can compute the stage's days and arrow probabilities from the sub-process.

The edits here are built from primitive operations like those of model.editing, so each is one undo
step that reverts exactly; edits *inside* a sub-process go through `LevelRecorder` (operations.py).
`flatten` gives the process with every sub-process drawn inline: the reference the rolled-up
figures are tested against.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, replace

from flowedit.i18n import _
from flowedit.model.document import Document, copy_process
from flowedit.model.editing import fit_lanes, shown_name
from flowedit.model.elements import Edge, ModelError, Node, NodeKind, Outcome, check_link
from flowedit.model.geometry import lane_bands
from flowedit.model.limits import MAX_LEVELS
from flowedit.model.operations import (
    AddEdge,
    AddNode,
    Recorder,
    RemoveEdge,
    RemoveNode,
    UpdateEdge,
    UpdateNode,
)

#: Between the names of the levels in a breadcrumb: "B2B sales › Prospecting".
CRUMB = " › "


# ------------------------------------------------------------------------------ reading
def _plain(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def exit_mapping(parent: Document, stage_id: str, child: Document) -> dict[str, str | None]:
    """Which outgoing arrow of the stage each end of `child` leads to (None: no arrow fits).

    In this order (docs/file-format.md#sub-processes): the end's `exit` names the arrow by its
    label, its target's id or its target's name; else the end's name is an arrow's label or its
    target's name; else the end's outcome is that of exactly one arrow's target; else the stage
    has a single outgoing arrow. Names are compared without case and extra spaces."""
    arrows = [parent.edges[e] for e in parent.out_edges(stage_id)]
    mapping: dict[str, str | None] = {}
    for end in child.nodes.values():
        if end.kind is NodeKind.END:
            mapping[end.id] = _exit_of(parent, arrows, end)
    return mapping


def _exit_of(parent: Document, arrows: list[Edge], end: Node) -> str | None:
    def target_name(edge: Edge) -> str:
        return _plain(parent.nodes[edge.target].name)

    if end.exit is not None:
        wanted = _plain(end.exit)
        for matches in ([a for a in arrows if _plain(a.label) == wanted and a.label],
                        [a for a in arrows if a.target == end.exit],
                        [a for a in arrows if target_name(a) == wanted]):
            if matches:
                return matches[0].id
        return None
    name = _plain(end.name)
    if name:
        for matches in ([a for a in arrows if a.label and _plain(a.label) == name],
                        [a for a in arrows if target_name(a) == name]):
            if len(matches) == 1:
                return matches[0].id
    if end.outcome is not None:
        matches = [a for a in arrows if parent.nodes[a.target].outcome is end.outcome]
        if len(matches) == 1:
            return matches[0].id
    return arrows[0].id if len(arrows) == 1 else None


@dataclass(frozen=True, slots=True)
class Level:
    """One process of the tree: `path` leads to it from the top (stage ids), `names` are the
    titles and stage names a breadcrumb shows."""

    path: tuple[str, ...]
    names: tuple[str, ...]
    doc: Document

    @property
    def crumb(self) -> str:
        return CRUMB.join(self.names)


def levels(doc: Document) -> Iterator[Level]:
    """The top process, then every sub-process below it, depth first in document order."""
    yield from _levels(doc, (), (doc.title or "Process",), 0)


def _levels(doc: Document, path: tuple[str, ...], names: tuple[str, ...],
            depth: int) -> Iterator[Level]:
    yield Level(path, names, doc)
    if depth >= MAX_LEVELS:
        return
    for node in doc.nodes.values():
        child = doc.child(node.id) if node.kind is NodeKind.STAGE else None
        if child is not None:
            yield from _levels(child, (*path, node.id), (*names, node.name.strip() or node.id),
                               depth + 1)


def breadcrumb(doc: Document, path: tuple[str, ...]) -> str:
    """'B2B sales › Prospecting' for the path ('prospecting',)."""
    names = [doc.title or "Process"]
    level = doc
    for node_id in path:
        names.append(level.nodes[node_id].name.strip() or node_id)
        level = level.level((node_id,))
    return CRUMB.join(names)


# ------------------------------------------------------------------------------ edits
def _stage(doc: Document, stage_id: str) -> Node:
    node = doc.nodes.get(stage_id)
    if node is None:
        raise ModelError(_("There is no shape with id {id}").format(id=repr(stage_id)))
    if node.kind is not NodeKind.STAGE:
        raise ModelError(_("Only a stage can hold a sub-process, and {name} is a {kind}").format(
            name=shown_name(doc, stage_id), kind=_(node.kind.value)))
    return node


def make_subprocess(rec: Recorder, stage_id: str) -> Document:
    """Gives a stage a sub-process to fill in: a start, one step doing what the stage did (its
    name and days) and one end per outgoing arrow, leaving by it with the arrow's probability.
    The figures computed from it are the stage's figures as they were."""
    doc = rec.doc
    stage = _stage(doc, stage_id)
    if stage.process is not None or stage.subprocess is not None:
        raise ModelError(_("{name} already has a sub-process").format(
            name=shown_name(doc, stage_id)))
    child = Document(stage.name.strip() or stage_id, doc.routing)
    child.add_node(Node("start", NodeKind.START, "Start", x=140, y=100))
    child.add_node(Node("step", NodeKind.STAGE, stage.name, x=340, y=100,
                        duration_days=stage.duration_days))
    child.connect("start", "step", edge_id="e1")
    for number, edge_id in enumerate(doc.out_edges(stage_id), start=1):
        arrow = doc.edges[edge_id]
        target = doc.nodes[arrow.target]
        end = Node(f"end-{number}", NodeKind.END, arrow.label or target.name.strip() or target.id,
                   x=560, y=100 + 90 * (number - 1),
                   outcome=target.outcome if target.kind is NodeKind.END else None,
                   exit=arrow.label or arrow.target)
        child.add_node(end)
        child.connect("step", end.id, label=arrow.label, probability=arrow.probability,
                      edge_id=f"e{number + 1}")
    rec.do(UpdateNode(stage_id, {"process": child}))
    return child


def link_to_file(rec: Recorder, stage_id: str, path: str) -> None:
    """The stage's sub-process becomes the process in another file (relative to this one's
    folder); a sub-process it held is dropped (undo brings it back). io reads the file."""
    _stage(rec.doc, stage_id)
    rec.do(UpdateNode(stage_id, {"subprocess": check_link(path), "process": None}))


def unlink(rec: Recorder, stage_id: str) -> None:
    """The stage no longer opens into the linked file; the file itself is untouched."""
    _stage(rec.doc, stage_id)
    rec.do(UpdateNode(stage_id, {"subprocess": None}))


def embed_linked(rec: Recorder, stage_id: str) -> Document:
    """The linked file's process, as read, becomes the stage's own (a copy: later changes to
    the file no longer reach it)."""
    doc = rec.doc
    _stage(doc, stage_id)
    linked = doc.linked.get(stage_id)
    if linked is None:
        raise ModelError(_("{name} links to no file that could be read").format(
            name=shown_name(doc, stage_id)))
    copy = copy_process(linked)
    rec.do(UpdateNode(stage_id, {"subprocess": None, "process": copy}))
    return copy


def remove_subprocess(rec: Recorder, stage_id: str) -> None:
    """The stage becomes a plain stage again (its own days and probabilities count)."""
    _stage(rec.doc, stage_id)
    rec.do(UpdateNode(stage_id, {"process": None, "subprocess": None}))


def group_into_subprocess(rec: Recorder, node_ids: list[str], name: str = "Sub-process") -> str:
    """Moves the shapes and the arrows between them into the sub-process of a new stage.

    Arrows coming in now point at the new stage, and its sub-process starts where they pointed;
    arrows going out now leave the new stage, one per shape they went to, and the sub-process
    has one end for each (its `exit` names that shape). Returns the new stage's id."""
    doc = rec.doc
    chosen = [n for n in doc.nodes if n in set(node_ids)]
    if not chosen:
        raise ModelError(_("Select the shapes to group into a sub-process"))
    for node_id in chosen:
        if doc.nodes[node_id].kind in (NodeKind.START, NodeKind.END):
            raise ModelError(_("{name} begins or ends the whole process: group the stages and "
                               "decisions between them").format(name=shown_name(doc, node_id)))
        if doc.nodes[node_id].outcome is not None:
            message = (_("{name} marks the lead won for the whole process: keep it out of the "
                         "sub-process") if doc.nodes[node_id].outcome is Outcome.WON else
                       _("{name} marks the lead lost for the whole process: keep it out of the "
                         "sub-process"))
            raise ModelError(message.format(name=shown_name(doc, node_id)))
    inside = set(chosen)
    inner, entering, leaving = [], [], []
    for edge_id, edge in doc.edges.items():
        if edge.source in inside and edge.target in inside:
            inner.append(edge_id)
        elif edge.target in inside:
            entering.append(edge_id)
        elif edge.source in inside:
            leaving.append(edge_id)
    child = _grouped_child(doc, chosen, inner, entering, leaving, name)
    first = doc.nodes[chosen[0]]
    xs = [doc.nodes[n].x for n in chosen]
    ys = [doc.nodes[n].y for n in chosen if doc.nodes[n].lane == first.lane]
    stage_id = doc.new_node_id("stage")
    rec.do(AddNode(Node(stage_id, NodeKind.STAGE, name, x=round(sum(xs) / len(xs), 2),
                        y=round(sum(ys) / len(ys), 2), lane=first.lane, process=child)))
    for edge_id in entering:
        rec.do(UpdateEdge(edge_id, {"target": stage_id}))
    kept: dict[str, str] = {}
    for edge_id in leaving:
        target = doc.edges[edge_id].target
        if target in kept:
            rec.do(RemoveEdge(edge_id))
        else:
            kept[target] = edge_id
            rec.do(UpdateEdge(edge_id, {"source": stage_id, "probability": None}))
    for edge_id in [e for e in reversed(doc.edges) if e in set(inner)]:
        rec.do(RemoveEdge(edge_id))
    for node_id in reversed(chosen):
        rec.do(RemoveNode(node_id))
    fit_lanes(rec, [stage_id])
    return stage_id


def _grouped_child(doc: Document, chosen: list[str], inner: list[str], entering: list[str],
                   leaving: list[str], name: str) -> Document:
    child = Document(name, doc.routing)
    used = {doc.nodes[n].lane for n in chosen}
    for lane in doc.lanes:
        if lane.id in used:
            child.add_lane(lane)
    shift = _lane_shift(doc, child)
    for node_id in chosen:
        node = doc.nodes[node_id]
        child.add_node(replace(node, y=round(node.y + shift.get(node.lane, 0.0), 2)))
    for edge_id in inner:
        child.add_edge(doc.edges[edge_id])
    left = min(child.nodes[n].x - child.nodes[n].size[0] / 2 for n in chosen)
    right = max(child.nodes[n].x + child.nodes[n].size[0] / 2 for n in chosen)
    ends: dict[str, str] = {}
    for edge_id in leaving:  # before the start's arrows: these keep their ids
        edge = doc.edges[edge_id]
        if edge.target not in ends:
            target = doc.nodes[edge.target]
            source = child.nodes[edge.source]
            end_id = child.new_node_id("end")
            child.add_node(Node(end_id, NodeKind.END, target.name, x=round(right + 100, 2),
                                y=round(source.y + 70 * len(ends), 2), lane=source.lane,
                                exit=edge.target))
            ends[edge.target] = end_id
        child.add_edge(replace(edge, target=ends[edge.target]))
    entries = list(dict.fromkeys(doc.edges[e].target for e in entering)) or chosen[:1]
    first_entry = child.nodes[entries[0]]
    start_id = child.new_node_id("start")
    child.add_node(Node(start_id, NodeKind.START, "Start", x=round(left - 100, 2),
                        y=first_entry.y, lane=first_entry.lane))
    for entry in entries:
        child.add_edge(Edge(child.new_edge_id(), start_id, entry))
    return child


def _lane_shift(source: Document, dest: Document) -> dict[str | None, float]:
    """How far a shape moves down when it goes from `source` to the lane of the same id in
    `dest`, so that it keeps its place in its lane's band."""
    before, after = lane_bands(source), lane_bands(dest)
    return {lane: after[lane][0] - before[lane][0] for lane in after if lane in before}


def ungroup_subprocess(rec: Recorder, stage_id: str) -> list[str]:
    """Draws the stage's sub-process in its place (the inverse of grouping): its shapes and
    arrows join this process, arrows into the stage go where the sub-process starts, and each
    arrow into an end of it goes where that end leaves by. An end that leaves by no arrow stays
    an end. Returns the ids the sub-process's shapes have now."""
    doc = rec.doc
    stage = _stage(doc, stage_id)
    child = doc.child(stage_id)
    if child is None:
        raise ModelError(_("{name} has no sub-process to draw in its place").format(
            name=shown_name(doc, stage_id)))
    if any(doc.edges[e].target == stage_id for e in doc.out_edges(stage_id)):
        raise ModelError(_("{name} loops back to itself: remove the loop before drawing its "
                           "sub-process in its place").format(name=shown_name(doc, stage_id)))
    mapping = exit_mapping(doc, stage_id, child)
    exits = {e: doc.edges[edge_id] for e, edge_id in mapping.items() if edge_id is not None}
    incoming = list(doc.in_edges(stage_id))
    for edge_id in [e for e in reversed(doc.edges) if e in set(doc.out_edges(stage_id))]:
        rec.do(RemoveEdge(edge_id))
    new_ids = _add_child_nodes(rec, stage, child, set(exits))
    taken_edges = set(doc.edges)

    def edge_id_for(wanted: str) -> str:
        fresh = wanted if wanted not in taken_edges else doc.new_edge_id()
        taken_edges.add(fresh)
        return fresh

    starts = {n.id for n in child.nodes.values() if n.kind is NodeKind.START}
    entries: list[tuple[str, float]] = []
    for edge in child.edges.values():
        if edge.source in starts:
            share = _shares_of(child, edge.source)[edge.id] / len(starts)
            # a start may lead straight to an end that leaves by an arrow: enter where it goes
            entry = (exits[edge.target].target if edge.target in exits
                     else new_ids[edge.target])
            entries.append((entry, share))
        elif edge.target in exits:
            rec.do(AddEdge(replace(edge, id=edge_id_for(edge.id), source=new_ids[edge.source],
                                   target=exits[edge.target].target)))
        elif edge.source in new_ids and edge.target in new_ids:
            rec.do(AddEdge(replace(edge, id=edge_id_for(edge.id), source=new_ids[edge.source],
                                   target=new_ids[edge.target])))
    for edge_id in incoming:
        _redirect(rec, edge_id, entries, edge_id_for)
    rec.do(RemoveNode(stage_id))
    fit_lanes(rec, list(new_ids.values()))
    return list(new_ids.values())


def _add_child_nodes(rec: Recorder, stage: Node, child: Document,
                     mapped_ends: set[str]) -> dict[str, str]:
    doc = rec.doc
    parent_bands = lane_bands(doc)
    shift = _lane_shift(child, doc)
    new_ids: dict[str, str] = {}
    for node in child.nodes.values():
        if node.kind is NodeKind.START or node.id in mapped_ends:
            continue
        lane, y = node.lane, node.y + shift.get(node.lane, 0.0)
        if lane is not None and lane not in parent_bands:
            lane, y = stage.lane, stage.y + (node.y - child.nodes[node.id].y)
        node_id = node.id if node.id not in doc.nodes else doc.new_node_id(node.kind.value)
        rec.do(AddNode(replace(node, id=node_id, lane=lane, y=round(y, 2))))
        new_ids[node.id] = node_id
    return new_ids


def _redirect(rec: Recorder, edge_id: str, entries: list[tuple[str, float]],
              edge_id_for: object) -> None:
    """An arrow into the grouped stage goes to where its sub-process starts: re-attached when
    that is one shape, else split into one arrow per entry with its share of the leads."""
    doc = rec.doc
    if len(entries) == 1:
        rec.do(UpdateEdge(edge_id, {"target": entries[0][0]}))
        return
    edge = doc.edges[edge_id]
    share = _shares_of(doc, edge.source)[edge_id]
    rec.do(RemoveEdge(edge_id))
    assert callable(edge_id_for)
    for target, entry_share in entries:
        rec.do(AddEdge(replace(edge, id=edge_id_for(edge_id), target=target,
                               probability=min(1.0, share * entry_share))))


def _shares_of(doc: Document, node_id: str) -> dict[str, float]:
    """The share of leads taking each arrow out of a node, by the rule of the metrics: arrows
    without a probability share equally what the others leave."""
    arrows = [doc.edges[e] for e in doc.out_edges(node_id)]
    given = math.fsum(a.probability for a in arrows if a.probability is not None)
    missing = sum(a.probability is None for a in arrows)
    rest = max(0.0, 1.0 - given)
    return {a.id: a.probability if a.probability is not None else rest / missing
            for a in arrows}


# ------------------------------------------------------------------------------ flattening
def flatten(doc: Document) -> Document:
    """The process with every sub-process drawn inline, as one level (nothing is changed in
    `doc`). The stage stays as a step of no days leading to the sub-process's starts (now
    stages); an end that leaves by an arrow becomes a step of no days leading where the arrow
    goes; an end that leaves by none becomes a step with no way on (its leads stop there, as
    they drop out of the rolled-up figures). Milestones inside a
    sub-process lose their outcome: a lead's outcome is where it leaves the sub-process.
    Shape ids inside are prefixed with the stage's id ('prospecting.research')."""
    flat = Document(doc.title, doc.routing)
    for lane in doc.lanes:
        flat.add_lane(lane)
    children = {n: flatten(c) for n in doc.nodes
                if doc.nodes[n].kind is NodeKind.STAGE and (c := doc.child(n)) is not None}
    for node in doc.nodes.values():
        if node.id in children:
            flat.add_node(replace(node, process=None, subprocess=None, duration_days=None,
                                  own_figures=None))
        else:
            flat.add_node(replace(node, process=None, subprocess=None))
    for edge in doc.edges.values():
        if edge.source not in children:
            flat.add_edge(edge)
    for stage_id, child in children.items():
        _inline(flat, doc, stage_id, child)
    return flat


def _inline(flat: Document, doc: Document, stage_id: str, child: Document) -> None:
    mapping = exit_mapping(doc, stage_id, child)
    lane = doc.nodes[stage_id].lane
    ids: dict[str, str] = {}
    for node in child.nodes.values():
        new_id = f"{stage_id}.{node.id}"
        if len(new_id) > 100 or new_id in flat.nodes:
            new_id = flat.new_node_id("inlined")
        ids[node.id] = new_id
        fields: dict[str, object] = {"id": new_id, "lane": lane, "exit": None}
        if node.kind is NodeKind.START:
            fields.update(kind=NodeKind.STAGE)
        elif node.kind is NodeKind.END:  # leads on where it leaves by, or stop here
            fields.update(kind=NodeKind.STAGE, outcome=None, duration_days=None)
        elif node.outcome is not None:
            fields.update(outcome=None)
        flat.add_node(replace(node, **fields))
    for edge in child.edges.values():
        flat.add_edge(replace(edge, id=flat.new_edge_id(), source=ids[edge.source],
                              target=ids[edge.target]))
    for node in child.nodes.values():
        if node.kind is NodeKind.START:
            flat.add_edge(Edge(flat.new_edge_id(), stage_id, ids[node.id]))
        elif node.kind is NodeKind.END and mapping.get(node.id) is not None:
            arrow = doc.edges[mapping[node.id] or ""]
            flat.add_edge(Edge(flat.new_edge_id(), ids[node.id], arrow.target, arrow.label))
