"""A shape on the canvas: draws the model's node with its id; holds no state of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from flowedit.model import Node
from flowedit.render import style
from flowedit.render.painting import (
    SKETCH_SCALE,
    paint_metrics_badge,
    paint_metrics_highlight,
    paint_node,
    paint_node_sketch,
)
from flowedit.render.shapes import shape_path

if TYPE_CHECKING:
    from flowedit.ui.canvas.scene import DiagramScene

HANDLE_RADIUS = 6.0
RESIZE_GRIP = 10.0
_MARGIN = 22.0


class NodeItem(QGraphicsItem):
    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node_id = node.id
        self._synced: Node = node
        self._bounds = self._bounds_of(node)
        self.hovered = False
        self._shape = QPainterPath()
        self._shape_key: tuple[object, ...] | None = None
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    def diagram(self) -> DiagramScene:
        return self.scene()  # type: ignore[return-value]

    @property
    def node(self) -> Node:
        """The model's node as of the last sync: Qt's index must see the geometry change only
        through prepareGeometryChange(), never by a live read of a model that already moved on
        (a shape that shrank while still indexed at its old size crashed Qt on removal)."""
        return self._synced

    def sync(self) -> None:
        """Follows the model, or a gesture's preview of it: position, size and everything drawn."""
        node = self.diagram().shown_node(self.node_id)
        self.prepareGeometryChange()
        self._synced = node
        self._bounds = self._bounds_of(node)
        self.setPos(node.x, node.y)
        self.update()
        self.diagram().sketch_version += 1

    def local_rect(self) -> QRectF:
        width, height = self.node.size
        return QRectF(-width / 2, -height / 2, width, height)

    def boundingRect(self) -> QRectF:
        return self._bounds  # kept from the last sync: Qt asks for it on every repaint

    @staticmethod
    def _bounds_of(node: Node) -> QRectF:
        width, height = node.size
        return QRectF(-width / 2 - _MARGIN, -height / 2 - _MARGIN, width + 2 * _MARGIN,
                      height + 2 * _MARGIN)

    def shape(self) -> QPainterPath:
        """The outline, the connection handles and (when selected) the resize grip; united, so
        that overlapping parts never cancel out. Cached until the node's size or kind changes."""
        node = self.node
        key = (node.kind, node.size, self.isSelected())
        if self._shape_key != key:
            extras = QPainterPath()
            extras.setFillRule(Qt.FillRule.WindingFill)
            for point in self.handle_points():
                extras.addEllipse(point, HANDLE_RADIUS + 2, HANDLE_RADIUS + 2)
            if self.isSelected():
                extras.addRect(self.resize_grip())
            self._shape = shape_path(node.kind, self.local_rect()).united(extras.simplified())
            self._shape_key = key
        return self._shape

    def handle_points(self) -> list[QPointF]:
        """Connection handles (item coordinates): the middle of each side of the outline."""
        rect = self.local_rect()
        return [QPointF(0, rect.top()), QPointF(rect.right(), 0), QPointF(0, rect.bottom()),
                QPointF(rect.left(), 0)]

    def handle_at(self, scene_pos: QPointF) -> bool:
        local = self.mapFromScene(scene_pos)
        return any(
            (local - p).manhattanLength() <= HANDLE_RADIUS * 1.6 for p in self.handle_points())

    def resize_grip(self) -> QRectF:
        rect = self.local_rect()
        return QRectF(rect.right() - RESIZE_GRIP / 2, rect.bottom() - RESIZE_GRIP / 2,
                      RESIZE_GRIP, RESIZE_GRIP)

    def grip_at(self, scene_pos: QPointF) -> bool:
        return self.isSelected() and self.resize_grip().adjusted(-3, -3, 3, 3).contains(
            self.mapFromScene(scene_pos))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        node = self.node
        painter.translate(-node.x, -node.y)
        if option.levelOfDetailFromTransform(painter.worldTransform()) < SKETCH_SCALE:
            paint_node_sketch(painter, node, self.diagram().is_flagged(self.node_id))
            return
        overlay = self.diagram().overlay
        tag = self.diagram().tag_of(self.node_id)
        if tag:
            paint_metrics_highlight(painter, node, tag[1])
        paint_node(painter, node, selected=self.isSelected(),
                   flagged=self.diagram().is_flagged(self.node_id))
        badge = overlay.badges.get(self.node_id, "") if overlay else ""
        if badge or tag:  # a comparison's "New"/"Changed" is written out without the overlay too
            paint_metrics_badge(painter, node, badge, *(tag if tag else (None, None)),
                                arrows=self.diagram().routes_meeting(self.node_id))
        painter.translate(node.x, node.y)
        if self.hovered:
            painter.setPen(QPen(style.SELECTION, 1.5))
            painter.setBrush(Qt.GlobalColor.white)
            for point in self.handle_points():
                painter.drawEllipse(point, HANDLE_RADIUS, HANDLE_RADIUS)
        if self.isSelected():
            painter.setPen(QPen(style.SELECTION, 1))
            painter.setBrush(style.SELECTION)
            painter.drawRect(self.resize_grip())
        if self.diagram().anchor() == self.node_id:
            # The shape the others align to: a solid outline, where the others' is dashed.
            painter.setPen(QPen(style.SELECTION, 2.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.local_rect().adjusted(-4, -4, 4, 4))

    def hoverEnterEvent(self, event: object) -> None:
        self.hovered = True
        self.update()

    def hoverLeaveEvent(self, event: object) -> None:
        self.hovered = False
        self.update()

