"""A shape that the compared older version had and this one does not: drawn dashed and faded
where it used to be, so a manager sees what was taken out. Not selectable, not part of the model."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from flowedit.i18n import _
from flowedit.model import Node
from flowedit.render import style
from flowedit.render.painting import paint_wrapped_text, text_rect
from flowedit.render.shapes import node_rect, shape_path


class GhostItem(QGraphicsItem):
    def __init__(self, node: Node) -> None:
        super().__init__()
        self.node = node
        self.setZValue(8)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        return node_rect(self.node).adjusted(-4, -4, 4, 4)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setOpacity(0.6)
        painter.setPen(QPen(style.LEAK, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(255, 235, 238, 160))
        painter.drawPath(shape_path(self.node.kind, node_rect(self.node)))
        paint_wrapped_text(painter, text_rect(self.node),
                           _("{name} (removed)").format(name=self.node.name))
