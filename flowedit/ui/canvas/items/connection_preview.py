"""The arrow that follows the pointer while connecting, green where it may land and red with the
reason where the rules refuse it. Transient: it exists only during the gesture."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from flowedit.render import style
from flowedit.render.shapes import arrow_head


class ConnectionPreview(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self.start = QPointF()
        self.end = QPointF()
        self.target_outline = QPainterPath()
        self.refusal: str | None = None
        self.setZValue(100)

    def show_line(self, start: QPointF, end: QPointF, target_outline: QPainterPath | None,
                  refusal: str | None) -> None:
        self.prepareGeometryChange()
        self.start, self.end = start, end
        self.target_outline = target_outline or QPainterPath()
        self.refusal = refusal
        self.update()

    def _hint_rect(self) -> QRectF:
        if not self.refusal:
            return QRectF()
        metrics = QFontMetricsF(style.text_font(9))
        width = metrics.horizontalAdvance(self.refusal) + 12
        return QRectF(self.end.x() + 12, self.end.y() + 10, width, metrics.height() + 6)

    def boundingRect(self) -> QRectF:
        rect = QRectF(self.start, self.end).normalized().adjusted(-14, -14, 14, 14)
        return rect.united(self._hint_rect()).united(
            self.target_outline.boundingRect().adjusted(-4, -4, 4, 4))

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = style.REFUSED if self.refusal else (
            style.ACCEPTED if not self.target_outline.isEmpty() else style.SELECTION)
        if not self.target_outline.isEmpty():
            painter.setPen(QPen(colour, 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(self.target_outline)
        painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
        painter.drawLine(self.start, self.end)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour)
        painter.drawPath(arrow_head(self.end, self.start))
        if self.refusal:
            rect = self._hint_rect()
            painter.setPen(QPen(style.REFUSED, 1))
            painter.setBrush(Qt.GlobalColor.white)
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(style.REFUSED)
            painter.setFont(style.text_font(9))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), self.refusal)
