"""Shape outlines and where arrows meet them: plain geometry in floats, shared by canvas and export.

No QGraphicsScene here; QPainterPath is the only Qt type, so export can use it headless.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from flowedit.model import Node, NodeKind
from flowedit.render.arrow_geometry import HEAD_SIZE, boundary_xy, head_xy


def node_rect(node: Node) -> QRectF:
    """The node's bounding rectangle in scene coordinates."""
    width, height = node.size
    return QRectF(node.x - width / 2, node.y - height / 2, width, height)


def shape_path(kind: NodeKind, rect: QRectF) -> QPainterPath:
    """The outline a kind is drawn with: pill for start/end, rounded box, diamond."""
    path = QPainterPath()
    if kind is NodeKind.DECISION:
        path.moveTo(rect.center().x(), rect.top())
        path.lineTo(rect.right(), rect.center().y())
        path.lineTo(rect.center().x(), rect.bottom())
        path.lineTo(rect.left(), rect.center().y())
        path.closeSubpath()
    elif kind in (NodeKind.START, NodeKind.END):
        radius = rect.height() / 2
        path.addRoundedRect(rect, radius, radius)
    else:
        path.addRoundedRect(rect, 10, 10)
    return path


def boundary_point(node: Node, toward: QPointF) -> QPointF:
    """Where the line from the node's centre toward `toward` leaves its outline."""
    return QPointF(*boundary_xy(node, toward.x(), toward.y()))


def arrow_head(tip: QPointF, tail: QPointF, size: float = HEAD_SIZE) -> QPainterPath:
    """A filled triangle at `tip` pointing away from `tail`."""
    path = QPainterPath(tip)
    for corner in head_xy((tip.x(), tip.y()), (tail.x(), tail.y()), size):
        path.lineTo(*corner)
    path.closeSubpath()
    return path
