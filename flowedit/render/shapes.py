"""Shape outlines and where arrows meet them: plain geometry in floats, shared by canvas and export.

No QGraphicsScene here; QPainterPath is the only Qt type, so export can use it headless.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from flowedit.model import Node, NodeKind


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
    width, height = node.size
    dx, dy = toward.x() - node.x, toward.y() - node.y
    if dx == 0 and dy == 0:
        return QPointF(node.x, node.y)
    half_w, half_h = width / 2, height / 2
    if node.kind is NodeKind.DECISION:
        scale = 1.0 / (abs(dx) / half_w + abs(dy) / half_h)
    else:
        scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        if node.kind in (NodeKind.START, NodeKind.END):
            scale = _pill_scale(dx, dy, half_w, half_h, scale)
    return QPointF(node.x + dx * scale, node.y + dy * scale)


def _pill_scale(dx: float, dy: float, half_w: float, half_h: float, box_scale: float) -> float:
    """A pill is a box with semicircle ends: correct the box hit where it falls on a round end."""
    radius = half_h
    hit_x = dx * box_scale
    straight = half_w - radius
    if abs(hit_x) <= straight:
        return box_scale
    centre_x = math.copysign(straight, dx)
    # Solve |t*(dx,dy) - (centre_x, 0)| = radius for the larger t.
    a = dx * dx + dy * dy
    b = -2 * dx * centre_x
    c = centre_x * centre_x - radius * radius
    disc = max(b * b - 4 * a * c, 0.0)
    return (-b + math.sqrt(disc)) / (2 * a)


def arrow_head(tip: QPointF, tail: QPointF, size: float = 11.0) -> QPainterPath:
    """A filled triangle at `tip` pointing away from `tail`."""
    angle = math.atan2(tip.y() - tail.y(), tip.x() - tail.x())
    path = QPainterPath(tip)
    for side in (-1, 1):
        a = angle + math.pi - side * math.radians(24)
        path.lineTo(tip.x() + size * math.cos(a), tip.y() + size * math.sin(a))
    path.closeSubpath()
    return path
