"""The route of an arrow between two shapes: straight, clipped to both outlines; a loop on a stage
is drawn as a small arc over its top (or the first free side). Shared by the canvas and export.

Two arrows between the same shapes in opposite directions are drawn apart, each moved a little to
its own right, so neither hides the other (`edge_route`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

from flowedit.model import Document, Edge, Node
from flowedit.render.shapes import arrow_head, boundary_point

#: How far a label sits from its arrow's middle, so it never covers the line.
_LABEL_OFFSET = 10.0
#: How far each of two opposite arrows between the same shapes is moved off the centre line.
PAIR_OFFSET = 7.0
#: The sides of a shape a loop may sit on, in order of preference: (dx, dy) outward.
_LOOP_SIDES = ((0, -1), (1, 0), (0, 1), (-1, 0))


@dataclass(frozen=True, slots=True)
class EdgeRoute:
    line: QPainterPath
    head: QPainterPath
    start: QPointF
    end: QPointF
    label_anchor: QPointF  # where the label's centre goes
    tail: QPointF  # the head points from here to `end`

    def head_for(self, width: float) -> QPainterPath:
        """The arrowhead, grown with the line so a thick line never pokes out around it."""
        return self.head if width <= 2.5 else arrow_head(self.end, self.tail, 8 + width * 2)


def edge_route(doc: Document, edge: Edge,
               shown: Callable[[str], Node] | None = None) -> EdgeRoute:
    """The route `edge` is drawn with in `doc`: moved aside when an arrow runs the other way
    between the same shapes, and a loop on the side of its shape that no other arrow uses.
    `shown` gives a shape as drawn when that is not the model's (a gesture's preview)."""
    node = shown or doc.nodes.__getitem__
    source, target = node(edge.source), node(edge.target)
    if source.id == target.id:
        return _loop(source, _free_side(doc, source, node))
    opposite = any(doc.edges[other].target == source.id for other in doc.out_edges(target.id))
    return route(source, target, PAIR_OFFSET if opposite else 0.0)


def _free_side(doc: Document, node: Node, shown: Callable[[str], Node]) -> tuple[int, int]:
    """The first side (top, right, bottom, left) of `node` no other arrow meets."""
    used = set()
    for edge_id in doc.edges_of(node.id):
        edge = doc.edges[edge_id]
        other = shown(edge.target if edge.source == node.id else edge.source)
        if other.id == node.id:
            continue
        dx, dy = other.x - node.x, other.y - node.y
        width, height = node.size
        if abs(dx) * height >= abs(dy) * width:
            used.add((1 if dx > 0 else -1, 0))
        else:
            used.add((0, 1 if dy > 0 else -1))
    return next((side for side in _LOOP_SIDES if side not in used), _LOOP_SIDES[0])


def route(source: Node, target: Node, offset: float = 0.0) -> EdgeRoute:
    """A straight arrow between the outlines; `offset` moves it that far to its right."""
    if source.id == target.id:
        return _loop(source)
    shift = QPointF()
    if offset:
        dx, dy = target.x - source.x, target.y - source.y
        length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
        shift = QPointF(-dy / length, dx / length) * offset
    # the outline points of the centre line, moved: exact on a flat side met square on
    start = boundary_point(source, QPointF(target.x, target.y)) + shift
    end = boundary_point(target, QPointF(source.x, source.y)) + shift
    line = QPainterPath(start)
    line.lineTo(end)
    middle = (start + end) / 2
    dx, dy = end.x() - start.x(), end.y() - start.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    normal = QPointF(dy / length, -dx / length)
    if normal.y() > 0:  # keep labels above (or left of) their arrow
        normal = -normal
    anchor = middle + normal * _LABEL_OFFSET
    return EdgeRoute(line, arrow_head(end, start), start, end, anchor, start)


def _loop(node: Node, side: tuple[int, int] = (0, -1)) -> EdgeRoute:
    """An arc leaving and re-entering one side of the shape (the top unless told otherwise)."""
    width, height = node.size
    out_x, out_y = side
    # along: the direction the side runs in; reach: half the side's length
    along = QPointF(-out_y, out_x) if out_y else QPointF(out_y, out_x)
    half = width / 2 if out_y else height / 2
    edge_centre = QPointF(node.x + out_x * width / 2, node.y + out_y * height / 2)
    outward = QPointF(out_x, out_y)
    start = edge_centre + along * (half / 2)
    end = edge_centre - along * (half / 2)
    line = QPainterPath(start)
    line.cubicTo(edge_centre + along * (half * 2 / 3) + outward * 55,
                 edge_centre - along * (half * 2 / 3) + outward * 55, end)
    tail = edge_centre - along * (half / 1.6) + outward * 20
    return EdgeRoute(line, arrow_head(end, tail), start, end, edge_centre + outward * 52, tail)


#: Radius of an orthogonal route's rounded bends (smaller where a segment is short).
BEND_RADIUS = 6.0


def polyline_route(points: Sequence[tuple[float, float]],
                   label_box: tuple[float, float, float, float] | None = None) -> EdgeRoute:
    """An orthogonal route (layout/routing.py) as drawn: straight segments with small rounded
    bends, the head along the last segment; the label's centre is its placed box's."""
    corners = [QPointF(x, y) for x, y in points]
    line = QPainterPath(corners[0])
    for before, at, after in zip(corners, corners[1:], corners[2:], strict=False):
        into, out = at - before, after - at
        reach = min(BEND_RADIUS, _length(into) / 2, _length(out) / 2)
        if reach <= 0.01:
            line.lineTo(at)
            continue
        line.lineTo(at - into * (reach / _length(into)))
        line.quadTo(at, at + out * (reach / _length(out)))
    line.lineTo(corners[-1])
    start, end = corners[0], corners[-1]
    tail = corners[-2] if len(corners) > 1 else start
    if label_box is not None:
        left, top, right, bottom = label_box
        anchor = QPointF((left + right) / 2, (top + bottom) / 2)
    else:
        anchor = corners[len(corners) // 2]
    return EdgeRoute(line, arrow_head(end, tail), start, end, anchor, tail)


def _length(vector: QPointF) -> float:
    return max((vector.x() ** 2 + vector.y() ** 2) ** 0.5, 1e-9)
