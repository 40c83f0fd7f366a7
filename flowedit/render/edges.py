"""The route of an arrow between two shapes: straight, clipped to both outlines; a loop on a stage
is drawn as a small arc over its top. Shared by the canvas and export."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath

from flowedit.model import Node
from flowedit.render.shapes import arrow_head, boundary_point

#: How far a label sits from its arrow's middle, so it never covers the line.
_LABEL_OFFSET = 10.0


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


def route(source: Node, target: Node) -> EdgeRoute:
    if source.id == target.id:
        return _loop(source)
    start = boundary_point(source, QPointF(target.x, target.y))
    end = boundary_point(target, QPointF(source.x, source.y))
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


def _loop(node: Node) -> EdgeRoute:
    width, height = node.size
    top = node.y - height / 2
    start = QPointF(node.x + width / 4, top)
    end = QPointF(node.x - width / 4, top)
    line = QPainterPath(start)
    line.cubicTo(QPointF(node.x + width / 3, top - 55), QPointF(node.x - width / 3, top - 55), end)
    tail = QPointF(node.x - width / 3.2, top - 20)
    return EdgeRoute(line, arrow_head(end, tail), start, end, QPointF(node.x, top - 52), tail)
