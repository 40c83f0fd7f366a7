"""Where lanes lie: the bands follow from lane order and heights, starting at y = 0. No Qt here.

Lane membership is a field of each node; these helpers only tell the editor which band a point
falls in and how tall a lane must stay so that its shapes remain inside it.
"""

from __future__ import annotations

from flowedit.model.document import Document
from flowedit.model.elements import Node

LANES_TOP = 0.0
#: Width of the header on the left of a lane, where its name is written.
LANE_HEADER_WIDTH = 40.0
#: Room kept between a shape and its lane's edge when a lane grows to fit it.
LANE_PADDING = 20.0


def lane_bands(doc: Document) -> dict[str, tuple[float, float]]:
    """Each lane's (top, bottom), top to bottom."""
    bands: dict[str, tuple[float, float]] = {}
    top = LANES_TOP
    for lane in doc.lanes:
        bands[lane.id] = (top, top + lane.height)
        top += lane.height
    return bands


def lane_at(doc: Document, y: float) -> str | None:
    """The lane whose band holds y, or None above or below every lane."""
    for lane_id, (top, bottom) in lane_bands(doc).items():
        if top <= y < bottom:
            return lane_id
    return None


def node_extent(node: Node) -> tuple[float, float, float, float]:
    """The node's (left, top, right, bottom) in scene coordinates."""
    width, height = node.size
    return (node.x - width / 2, node.y - height / 2, node.x + width / 2, node.y + height / 2)


def lane_min_height(doc: Document, lane_id: str, top: float) -> float:
    """The least height that keeps every shape of the lane inside it, given the lane's top."""
    needed = 0.0
    for node in doc.nodes.values():
        if node.lane == lane_id:
            needed = max(needed, node_extent(node)[3] + LANE_PADDING - top)
    return needed
