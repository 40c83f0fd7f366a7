"""The edits a person makes, each built from primitive operations with its consequences.

A function here takes a Recorder, changes the document through it and leaves the primitives in
`recorder.operations`: the editor wraps them into one undo step. Consequences live beside the edit
that causes them (a shape dropped in a lane joins it and the lane grows to fit; a lane that moves
carries its shapes), not in mouse handlers. No Qt here.
"""

from __future__ import annotations

from typing import Any

from flowedit.model import rules
from flowedit.model.document import Document
from flowedit.model.elements import Edge, Lane, ModelError, Node, NodeKind, Outcome
from flowedit.model.geometry import LANE_PADDING, lane_at, lane_bands, lane_min_height
from flowedit.model.operations import (
    AddEdge,
    AddLane,
    AddNode,
    MoveLane,
    Recorder,
    RemoveEdge,
    RemoveLane,
    RemoveNode,
    UpdateEdge,
    UpdateLane,
    UpdateNode,
)

DEFAULT_NAMES = {
    NodeKind.START: "Lead received",
    NodeKind.STAGE: "New stage",
    NodeKind.DECISION: "Decision?",
    NodeKind.END: "End",
}
_ID_PREFIXES = {NodeKind.START: "start", NodeKind.STAGE: "stage", NodeKind.DECISION: "decision",
                NodeKind.END: "end"}


def place_node(rec: Recorder, kind: NodeKind, x: float, y: float, name: str | None = None) -> str:
    """A new shape centred at (x, y); it joins the lane it is dropped in."""
    doc = rec.doc
    node_id = doc.new_node_id(_ID_PREFIXES[kind])
    lane = lane_at(doc, y) if doc.lanes else None
    rec.do(AddNode(Node(node_id, kind, name if name is not None else DEFAULT_NAMES[kind],
                        x=round(x, 2), y=round(y, 2), lane=lane)))
    fit_lanes(rec, [node_id])
    return node_id


def connect(rec: Recorder, source: str, target: str, label: str | None = None) -> str:
    """A new arrow; the first two branches of a decision are labelled Yes and No to start with."""
    doc = rec.doc
    reason = rules.connect_refusal(doc, source, target)
    if reason:
        raise ModelError(f"Cannot connect: {reason}")
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
        raise ModelError(f"Cannot connect: {reason}")
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
    """Changes properties; a new lane moves the shape into that lane's band."""
    doc = rec.doc
    node = doc.nodes[node_id]
    if "kind" in fields and fields["kind"] is not NodeKind.END and node.outcome is not None:
        fields.setdefault("outcome", None)
    if "outcome" in fields and fields["outcome"] is not None:
        fields["outcome"] = Outcome(fields["outcome"])
    if "lane" in fields and fields["lane"] != node.lane and fields["lane"] is not None:
        top, bottom = lane_bands(doc)[fields["lane"]]
        fields.setdefault("y", top + (bottom - top) / 2)
    rec.do(UpdateNode(node_id, fields))
    fit_lanes(rec, [node_id])


def update_edge(rec: Recorder, edge_id: str, **fields: Any) -> None:
    rec.do(UpdateEdge(edge_id, fields))


def resize_node(rec: Recorder, node_id: str, width: float, height: float) -> None:
    rec.do(UpdateNode(node_id, {"width": round(width, 2), "height": round(height, 2)}))
    fit_lanes(rec, [node_id])


def delete(rec: Recorder, node_ids: list[str], edge_ids: list[str]) -> None:
    """Deletes shapes and arrows; arrows attached to a deleted shape go with it."""
    doc = rec.doc
    gone = set(node_ids)
    for edge_id in edge_ids:
        edge = doc.edges.get(edge_id)
        if edge and edge.source not in gone and edge.target not in gone:
            rec.do(RemoveEdge(edge_id))
    for node_id in node_ids:
        if node_id in doc.nodes:
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
        top, _ = lane_bands(doc)[node.lane]
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
    top, _ = lane_bands(rec.doc)[lane_id]
    floor = max(lane_min_height(rec.doc, lane_id, top), 60.0)
    _set_lane_height(rec, lane_id, max(round(height, 2), floor))


def add_lane(rec: Recorder, name: str, index: int | None = None) -> str:
    """A new lane at `index` (default: the bottom); the lanes below move down with their shapes."""
    doc = rec.doc
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


def rename_lane(rec: Recorder, lane_id: str, name: str) -> None:
    rec.do(UpdateLane(lane_id, {"name": name}))


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
    return max((bottom for _, bottom in lane_bands(doc).values()), default=0.0)
