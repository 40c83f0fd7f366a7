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
from flowedit.render import arrow_geometry
from flowedit.render.shapes import arrow_head

#: How far each of two opposite arrows between the same shapes is moved off the centre line.
PAIR_OFFSET = arrow_geometry.PAIR_OFFSET

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
        return _loop(source, arrow_geometry.free_side(doc, source, node))
    opposite = arrow_geometry.has_opposite(doc, source.id, target.id)
    return route(source, target, PAIR_OFFSET if opposite else 0.0)


def qt_route(geometry: arrow_geometry.Straight | arrow_geometry.Loop) -> EdgeRoute:
    """A straight arrow or a loop (render/arrow_geometry.py) as the painter draws it."""
    if isinstance(geometry, arrow_geometry.Loop):
        start, end = QPointF(*geometry.start), QPointF(*geometry.end)
        tail = QPointF(*geometry.tail)
        line = QPainterPath(start)
        line.cubicTo(QPointF(*geometry.control1), QPointF(*geometry.control2), end)
        return EdgeRoute(line, arrow_head(end, tail), start, end, QPointF(*geometry.anchor),
                         tail)
    start, end = QPointF(*geometry.start), QPointF(*geometry.end)
    line = QPainterPath(start)
    line.lineTo(end)
    return EdgeRoute(line, arrow_head(end, start), start, end, QPointF(*geometry.anchor), start)


def route(source: Node, target: Node, offset: float = 0.0) -> EdgeRoute:
    """A straight arrow between the outlines; `offset` moves it that far to its right."""
    if source.id == target.id:
        return _loop(source)
    return qt_route(arrow_geometry.straight_xy(source, target, offset))


def _loop(node: Node, side: tuple[int, int] = (0, -1)) -> EdgeRoute:
    """An arc leaving and re-entering one side of the shape (the top unless told otherwise)."""
    return qt_route(arrow_geometry.loop_xy(node, side))


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
