"""The edits a person makes, each built from primitive operations with its consequences.

A function here takes a Recorder, changes the document through it and leaves the primitives in
`recorder.operations`: the editor wraps them into one undo step. Consequences live beside the edit
that causes them (a shape dropped in a lane joins it and the lane grows to fit; a lane that moves
carries its shapes), not in mouse handlers. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flowedit.i18n import N_, _, format_percent
from flowedit.model import rules
from flowedit.model.document import Document, copy_process
from flowedit.model.elements import (
    DEFAULT_SIZES,
    MAX_SIZE,
    MIN_SIZE,
    OUTCOME_KINDS,
    Colour,
    Edge,
    Lane,
    ModelError,
    Node,
    NodeKind,
    Outcome,
)
from flowedit.model.geometry import (
    LANE_PADDING,
    LANES_TOP,
    lane_at,
    lane_bands,
    lane_min_height,
    node_extent,
)
from flowedit.model.operations import (
    AddEdge,
    AddLane,
    AddNode,
    MoveLane,
    Recorder,
    RemoveEdge,
    RemoveLane,
    RemoveNode,
    SetTitle,
    UpdateEdge,
    UpdateLane,
    UpdateNode,
)

#: A new shape's name until the user types one, in the user's language (marked with N_()).
DEFAULT_NAMES = {
    NodeKind.START: N_("Lead received"),
    NodeKind.STAGE: N_("New stage"),
    NodeKind.DECISION: N_("Decision?"),
    NodeKind.END: N_("End"),
}
_ID_PREFIXES = {NodeKind.START: "start", NodeKind.STAGE: "stage", NodeKind.DECISION: "decision",
                NodeKind.END: "end"}


def place_node(rec: Recorder, kind: NodeKind, x: float, y: float, name: str | None = None) -> str:
    """A new shape centred at (x, y); it joins the lane it is dropped in."""
    doc = rec.doc
    node_id = doc.new_node_id(_ID_PREFIXES[kind])
    lane = lane_at(doc, y) if doc.lanes else None
    rec.do(AddNode(Node(node_id, kind, name if name is not None else _(DEFAULT_NAMES[kind]),
                        x=round(x, 2), y=round(y, 2), lane=lane)))
    fit_lanes(rec, [node_id])
    return node_id


def connect(rec: Recorder, source: str, target: str, label: str | None = None) -> str:
    """A new arrow; the first two branches of a decision are labelled Yes and No to start with."""
    doc = rec.doc
    reason = rules.connect_refusal(doc, source, target)
    if reason:
        raise ModelError(_("Cannot connect: {reason}").format(reason=reason))
    if label is None and doc.nodes[source].kind is NodeKind.DECISION:
        used = {doc.edges[e].label for e in doc.out_edges(source)}
        label = next((word for word in ("Yes", "No") if word not in used), None)
    edge_id = doc.new_edge_id()
    rec.do(AddEdge(Edge(edge_id, source, target, label)))
    return edge_id


def reconnect(rec: Recorder, edge_id: str, source: str | None = None,
              target: str | None = None) -> None:
    """Re-attaches one or both ends of an arrow to other shapes."""
    edge = rec.doc.edges[edge_id]
    new_source, new_target = source or edge.source, target or edge.target
    reason = rules.connect_refusal(rec.doc, new_source, new_target, ignoring_edge=edge_id)
    if reason:
        raise ModelError(_("Cannot connect: {reason}").format(reason=reason))
    rec.do(UpdateEdge(edge_id, {"source": new_source, "target": new_target}))


def move_nodes(rec: Recorder, positions: dict[str, tuple[float, float]]) -> None:
    """Moves shapes; each joins the lane its centre lands in (or none outside every lane)."""
    doc = rec.doc
    for node_id, (x, y) in positions.items():
        fields: dict[str, Any] = {"x": round(x, 2), "y": round(y, 2)}
        if doc.lanes:
            fields["lane"] = lane_at(doc, y)
        rec.do(UpdateNode(node_id, fields))
    fit_lanes(rec, list(positions))


def update_node(rec: Recorder, node_id: str, **fields: Any) -> None:
    """Changes properties; a new lane moves the shape into that lane's band, and a new kind
    goes through change_kind (with what the new kind cannot keep)."""
    doc = rec.doc
    if "kind" in fields:
        change_kind(rec, node_id, fields.pop("kind"))
        if not fields:
            return
    node = doc.nodes[node_id]
    if "outcome" in fields and fields["outcome"] is not None:
        fields["outcome"] = Outcome(fields["outcome"])
    if "lane" in fields and fields["lane"] != node.lane and fields["lane"] is not None:
        top, bottom = lane_bands(doc)[fields["lane"]]
        fields.setdefault("y", top + (bottom - top) / 2)
    rec.do(UpdateNode(node_id, fields))
    fit_lanes(rec, [node_id])


@dataclass(frozen=True, slots=True)
class KindChangeCost:
    """What a shape cannot keep when it becomes another kind; `lost` says each for a person."""

    edge_ids: tuple[str, ...] = ()
    outcome: Outcome | None = None
    lost: tuple[str, ...] = ()


def kind_change_cost(doc: Document, node_id: str, kind: NodeKind) -> KindChangeCost:
    """The arrows the rules refuse for the new kind (an end has none out, a start none in, only
    a stage loops) and the outcome, which only an end or a stage (a milestone) has. Arrows the
    rules already refused before (files may hold them) are not this change's doing and stay."""
    node = doc.nodes[node_id]

    def refusal(edge: Edge, as_kind: NodeKind) -> str | None:
        source = as_kind if edge.source == node_id else doc.nodes[edge.source].kind
        target = as_kind if edge.target == node_id else doc.nodes[edge.target].kind
        return rules.kind_refusal(source, target, edge.source == edge.target)

    edge_ids = tuple(edge_id for edge_id in doc.edges_of(node_id)
                     if refusal(doc.edges[edge_id], kind)
                     and not refusal(doc.edges[edge_id], node.kind))
    lost = [_describe_arrow(doc, edge_id, node_id) for edge_id in edge_ids]
    outcome = node.outcome if kind not in OUTCOME_KINDS else None
    if outcome is not None:
        lost.append(_("its outcome (won): only an end or a stage has one")
                    if outcome is Outcome.WON else
                    _("its outcome (lost): only an end or a stage has one"))
    return KindChangeCost(edge_ids, outcome, tuple(lost))


def change_kind(rec: Recorder, node_id: str, kind: NodeKind | str) -> KindChangeCost:
    """Makes a shape another kind in place: same id, name, lane, centre and the arrows the new
    kind allows. A size set by hand scales with the kinds' default sizes (a stage made larger
    becomes a decision as much larger than a default decision); a default size stays default."""
    doc = rec.doc
    try:
        kind = NodeKind(kind)
    except ValueError:
        raise ModelError(_("Unknown node kind {kind}: use start, stage, decision or end").format(
            kind=repr(kind))) from None
    node = doc.nodes[node_id]
    if kind is node.kind:
        return KindChangeCost()
    cost = kind_change_cost(doc, node_id, kind)
    for edge_id in [e for e in reversed(doc.edges) if e in cost.edge_ids]:
        rec.do(RemoveEdge(edge_id))
    fields: dict[str, Any] = {"kind": kind}
    if cost.outcome is not None:
        fields["outcome"] = None
    for index, name in enumerate(("width", "height")):
        value = getattr(node, name)
        if value is not None:
            scaled = value * DEFAULT_SIZES[kind][index] / DEFAULT_SIZES[node.kind][index]
            fields[name] = round(min(max(scaled, MIN_SIZE), MAX_SIZE), 2)
    rec.do(UpdateNode(node_id, fields))
    fit_lanes(rec, [node_id])
    return cost


def _describe_arrow(doc: Document, edge_id: str, node_id: str) -> str:
    edge = doc.edges[edge_id]
    if edge.source == edge.target:
        text = _("the arrow looping back to itself")
    elif edge.source == node_id:
        text = _("the arrow to {name}").format(name=shown_name(doc, edge.target))
    else:
        text = _("the arrow from {name}").format(name=shown_name(doc, edge.source))
    details = [f"'{edge.label}'"] if edge.label else []
    if edge.probability is not None:
        details.append(format_percent(edge.probability, 0))
    return f"{text} ({', '.join(details)})" if details else text


def shown_name(doc: Document, node_id: str) -> str:
    """A shape's name on one line, quoted, for messages (its kind and id when it has none)."""
    name = " ".join(doc.nodes[node_id].name.split())
    return (f"'{name}'" if name else _("the unnamed {kind} ({id})").format(
        kind=_(doc.nodes[node_id].kind.value), id=node_id))


def update_edge(rec: Recorder, edge_id: str, **fields: Any) -> None:
    rec.do(UpdateEdge(edge_id, fields))


def resize_node(rec: Recorder, node_id: str, width: float, height: float) -> None:
    rec.do(UpdateNode(node_id, {"width": round(width, 2), "height": round(height, 2)}))
    fit_lanes(rec, [node_id])


def delete(rec: Recorder, node_ids: list[str], edge_ids: list[str]) -> None:
    """Deletes shapes and arrows; arrows attached to a deleted shape go with it."""
    doc = rec.doc
    gone = set(node_ids)
    # Last first: each removal then takes the current last place, so undo appends instead of
    # re-inserting in the middle (deleting and restoring 5,000 shapes stays linear).
    doomed = set(edge_ids)
    for node_id in gone:
        if node_id in doc.nodes:
            doomed.update(doc.edges_of(node_id))
    for edge_id in [e for e in reversed(doc.edges) if e in doomed]:
        rec.do(RemoveEdge(edge_id))
    for node_id in [n for n in reversed(doc.nodes) if n in gone]:
        rec.do(RemoveNode(node_id))


# ------------------------------------------------------------------------------------ lanes
def fit_lanes(rec: Recorder, node_ids: list[str]) -> None:
    """Keeps each shape inside its lane: pushed down below the lane's top, and the lane grows
    (carrying the lanes below and their shapes down) so that its bottom clears the shape."""
    doc = rec.doc
    for node_id in node_ids:
        node = doc.nodes.get(node_id)
        if node is None or node.lane is None:
            continue
        top, _bottom = lane_bands(doc)[node.lane]
        half_height = node.size[1] / 2
        if node.y - half_height < top + LANE_PADDING:
            rec.do(UpdateNode(node_id, {"y": top + LANE_PADDING + half_height}))
    for lane in doc.lanes:
        top, bottom = lane_bands(doc)[lane.id]
        needed = lane_min_height(doc, lane.id, top)
        if needed > bottom - top:
            _set_lane_height(rec, lane.id, needed)


def _set_lane_height(rec: Recorder, lane_id: str, height: float) -> None:
    doc = rec.doc
    top, bottom = lane_bands(doc)[lane_id]
    delta = height - (bottom - top)
    rec.do(UpdateLane(lane_id, {"height": height}))
    _shift_below(rec, lane_id, bottom, delta)


def _shift_below(rec: Recorder, lane_id: str, old_bottom: float, delta: float) -> None:
    """Moves down by `delta` the shapes of the lanes below `lane_id` and free shapes below it."""
    doc = rec.doc
    if delta == 0:
        return
    below = {lane.id for lane in doc.lanes[doc.lane_index(lane_id) + 1:]}
    for node in list(doc.nodes.values()):
        if node.lane in below or (node.lane is None and node.y >= old_bottom):
            rec.do(UpdateNode(node.id, {"y": node.y + delta}))


def resize_lane(rec: Recorder, lane_id: str, height: float) -> None:
    """A lane can be made taller, or shorter only as long as its shapes stay inside it."""
    top, _bottom = lane_bands(rec.doc)[lane_id]
    floor = max(lane_min_height(rec.doc, lane_id, top), 60.0)
    _set_lane_height(rec, lane_id, max(round(height, 2), floor))


def add_lane(rec: Recorder, name: str, index: int | None = None) -> str:
    """A new lane at `index` (default: the bottom); the lanes below move down with their shapes."""
    doc = rec.doc
    if not doc.lanes and doc.nodes:
        return _first_lane_around(rec, name)
    index = len(doc.lanes) if index is None else index
    lane = Lane(doc.new_lane_id(), name)
    bands = lane_bands(doc)
    if index < len(doc.lanes):
        at_y = bands[doc.lanes[index].id][0]
        moved = {lane.id for lane in doc.lanes[index:]}
    else:
        at_y = lanes_bottom(doc)
        moved = set()
    for node in list(doc.nodes.values()):
        if node.lane in moved or (node.lane is None and node.y >= at_y):
            rec.do(UpdateNode(node.id, {"y": node.y + lane.height}))
    rec.do(AddLane(lane, index))
    return lane.id


def _first_lane_around(rec: Recorder, name: str) -> str:
    """The first lane of a drawing takes in every shape: the drawing moves down so its top sits
    inside the lane, and the lane is as tall as the drawing (nothing is split or left out)."""
    doc = rec.doc
    extents = [node_extent(node) for node in doc.nodes.values()]
    top = min(extent[1] for extent in extents)
    bottom = max(extent[3] for extent in extents)
    shift = LANES_TOP + LANE_PADDING - top
    lane = Lane(doc.new_lane_id(), name,
                height=max(round(bottom - top + 2 * LANE_PADDING, 2), Lane("x", "x").height))
    rec.do(AddLane(lane, 0))
    for node in list(doc.nodes.values()):
        rec.do(UpdateNode(node.id, {"y": round(node.y + shift, 2), "lane": lane.id}))
    return lane.id


def rename_lane(rec: Recorder, lane_id: str, name: str) -> None:
    rec.do(UpdateLane(lane_id, {"name": name}))


def update_lane(rec: Recorder, lane_id: str, **fields: Any) -> None:
    """Name, colour...; height goes through resize_lane, which keeps shapes inside."""
    if "color" in fields and fields["color"] is not None:
        fields["color"] = Colour(fields["color"])
    rec.do(UpdateLane(lane_id, fields))


def set_title(rec: Recorder, title: str) -> None:
    rec.do(SetTitle(title))


def move_lane(rec: Recorder, lane_id: str, index: int) -> None:
    """Puts a lane elsewhere in the order; every lane's shapes move with their lane."""
    doc = rec.doc
    before = lane_bands(doc)
    rec.do(MoveLane(lane_id, index))
    after = lane_bands(doc)
    for node in list(doc.nodes.values()):
        if node.lane is not None and after[node.lane][0] != before[node.lane][0]:
            rec.do(UpdateNode(node.id, {"y": node.y + after[node.lane][0] - before[node.lane][0]}))


def delete_lane(rec: Recorder, lane_id: str, delete_shapes: bool) -> None:
    """Deletes a lane with its shapes, or moves its shapes out below the remaining lanes."""
    doc = rec.doc
    top, bottom = lane_bands(doc)[lane_id]
    members = doc.nodes_in_lane(lane_id)
    if delete_shapes:
        delete(rec, members, [])
    else:
        for node_id in members:
            rec.do(UpdateNode(node_id, {"lane": None}))
    height = bottom - top
    _shift_below(rec, lane_id, bottom, -height)
    rec.do(RemoveLane(lane_id))
    if not delete_shapes:
        bottom_now = lanes_bottom(doc)
        for node_id in members:
            node = doc.nodes[node_id]
            rec.do(UpdateNode(node_id, {"y": bottom_now + LANE_PADDING + (node.y - top)}))


def lanes_bottom(doc: Document) -> float:
    return max((bottom for _top, bottom in lane_bands(doc).values()), default=0.0)


# ------------------------------------------------------------------------------ clipboard
def copy_fragment(doc: Document, node_ids: list[str]) -> Document:
    """The shapes with the arrows between them, as a small document of their own (what the
    clipboard carries). Lanes the shapes are in come along, so the fragment is a valid file."""
    wanted = set(node_ids)
    chosen = [doc.nodes[node_id] for node_id in doc.nodes if node_id in wanted]
    fragment = Document(doc.title)
    used_lanes = {node.lane for node in chosen}
    for lane in doc.lanes:
        if lane.id in used_lanes:
            fragment.add_lane(lane)
    for node in chosen:
        fragment.add_node(node)
    for edge in doc.edges.values():
        if edge.source in fragment.nodes and edge.target in fragment.nodes:
            fragment.add_edge(edge)
    return fragment


def paste_fragment(rec: Recorder, fragment: Document, dx: float, dy: float) -> list[str]:
    """Adds a copy of the fragment moved by (dx, dy), with fresh ids; each shape joins the lane
    it lands in, like a dropped shape. Returns the new shapes' ids in fragment order."""
    doc = rec.doc
    new_ids: dict[str, str] = {}
    for node in fragment.nodes.values():
        new_id = doc.new_node_id(_ID_PREFIXES[node.kind])
        new_ids[node.id] = new_id
        x, y = round(node.x + dx, 2), round(node.y + dy, 2)
        lane = lane_at(doc, y) if doc.lanes else None
        process = copy_process(node.process) if node.process is not None else None
        rec.do(AddNode(replace(node, id=new_id, x=x, y=y, lane=lane, process=process)))
    for edge in fragment.edges.values():
        rec.do(AddEdge(replace(edge, id=doc.new_edge_id(), source=new_ids[edge.source],
                               target=new_ids[edge.target])))
    fit_lanes(rec, list(new_ids.values()))
    return list(new_ids.values())


# ------------------------------------------------------------------------------ arranging
ALIGNMENTS = ("left", "center", "right", "top", "middle", "bottom")


def align(rec: Recorder, node_ids: list[str], how: str) -> None:
    """Lines the shapes up on the first one's edge or centre: the editor puts the anchor, the
    shape the user selected first, there (as Visio and draw.io do)."""
    doc = rec.doc
    if how not in ALIGNMENTS:
        raise ModelError(_("Unknown alignment {how}: use one of {options}").format(
            how=repr(how), options=", ".join(ALIGNMENTS)))
    if len(node_ids) < 2:
        return
    extents = {node_id: node_extent(doc.nodes[node_id]) for node_id in node_ids}
    left, top, right, bottom = extents[node_ids[0]]
    reference = {"left": left, "center": (left + right) / 2, "right": right,
                 "top": top, "middle": (top + bottom) / 2, "bottom": bottom}[how]
    positions = {}
    for node_id in node_ids:
        node = doc.nodes[node_id]
        width, height = node.size
        x, y = node.x, node.y
        if how == "left":
            x = reference + width / 2
        elif how == "center":
            x = reference
        elif how == "right":
            x = reference - width / 2
        elif how == "top":
            y = reference + height / 2
        elif how == "middle":
            y = reference
        elif how == "bottom":
            y = reference - height / 2
        positions[node_id] = (x, y)
    move_nodes(rec, positions)


def distribute(rec: Recorder, node_ids: list[str], axis: str) -> None:
    """Equal gaps between the shapes along 'horizontal' or 'vertical', the outer ones staying."""
    doc = rec.doc
    if len(node_ids) < 3:
        return
    horizontal = axis == "horizontal"
    ordered = sorted(node_ids, key=lambda n: doc.nodes[n].x if horizontal else doc.nodes[n].y)
    sizes = [doc.nodes[n].size[0 if horizontal else 1] for n in ordered]
    first, last = doc.nodes[ordered[0]], doc.nodes[ordered[-1]]
    start = (first.x if horizontal else first.y) - sizes[0] / 2
    end = (last.x if horizontal else last.y) + sizes[-1] / 2
    gap = (end - start - sum(sizes)) / (len(ordered) - 1)
    positions = {}
    cursor = start
    for node_id, size in zip(ordered, sizes, strict=True):
        centre = cursor + size / 2
        node = doc.nodes[node_id]
        positions[node_id] = (centre, node.y) if horizontal else (node.x, centre)
        cursor += size + gap
    move_nodes(rec, positions)


def add_stage_after(rec: Recorder, node_id: str, gap: float = 80.0) -> str:
    """Keyboard-only drawing: a new stage to the right of `node_id`, in its lane, connected
    from it; moved down past any shape already in the way."""
    doc = rec.doc
    node = doc.nodes[node_id]
    reason = rules.kind_refusal(node.kind, NodeKind.STAGE, loop=False)
    if reason:
        raise ModelError(_("Cannot add a stage after {name}: {reason}").format(
            name=shown_name(doc, node_id), reason=reason))
    width = DEFAULT_SIZES[NodeKind.STAGE][0]
    x = node.x + node.size[0] / 2 + gap + width / 2
    y = node.y
    probe = Node("probe", NodeKind.STAGE, "", x=x, y=y)
    while any(_overlap(node_extent(probe), node_extent(other)) for other in doc.nodes.values()):
        probe = replace(probe, y=probe.y + probe.size[1] + 30)
    new_id = doc.new_node_id(_ID_PREFIXES[NodeKind.STAGE])
    rec.do(AddNode(Node(new_id, NodeKind.STAGE, _(DEFAULT_NAMES[NodeKind.STAGE]), x=round(x, 2),
                        y=round(probe.y, 2), lane=node.lane)))
    fit_lanes(rec, [new_id])
    connect(rec, node_id, new_id)
    return new_id




def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
