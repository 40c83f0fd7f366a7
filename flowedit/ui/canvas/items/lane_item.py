"""A swimlane band: drawn from the model's lane; its place follows the lane order and heights."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from flowedit.model.geometry import LANE_HEADER_WIDTH
from flowedit.render.painting import paint_lane

if TYPE_CHECKING:
    from flowedit.ui.canvas.scene import DiagramScene

BORDER_GRIP = 5.0


class LaneItem(QGraphicsItem):
    def __init__(self, lane_id: str) -> None:
        super().__init__()
        self.lane_id = lane_id
        self.band = QRectF()
        self.index = 0
        self._shape = QPainterPath()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(0)

    def diagram(self) -> DiagramScene:
        return self.scene()  # type: ignore[return-value]

    def place(self, band: QRectF, index: int) -> None:
        self.prepareGeometryChange()
        self.band = band
        self.index = index
        header, border = QPainterPath(), QPainterPath()
        header.addRect(self.header_rect())
        border.addRect(QRectF(band.left(), band.bottom() - BORDER_GRIP, band.width(),
                              2 * BORDER_GRIP))
        self._shape = header.united(border)
        self.update()

    def boundingRect(self) -> QRectF:
        return self.band.adjusted(-1, -1, 1, 1)

    def shape(self) -> QPainterPath:
        """Only the header and the bottom border are the lane's to click: a press on the band's
        body starts a rubber band, as on an empty canvas. Built when the lane is placed."""
        return self._shape

    def header_rect(self) -> QRectF:
        return QRectF(self.band.left(), self.band.top(), LANE_HEADER_WIDTH, self.band.height())

    def in_header(self, scene_pos: QPointF) -> bool:
        return self.header_rect().contains(scene_pos)

    def on_bottom_border(self, scene_pos: QPointF) -> bool:
        return (abs(scene_pos.y() - self.band.bottom()) <= BORDER_GRIP
                and self.band.left() <= scene_pos.x() <= self.band.right())

    def name_area(self, visible: QRectF | None) -> QRectF:
        """Where the name goes: the part of the header within `visible` (scene coordinates),
        so that a lane partly scrolled out keeps its name in view; the whole header when
        nothing of it is hidden or nothing is known of the view."""
        header = self.header_rect()
        if visible is None:
            return header
        top, bottom = max(header.top(), visible.top()), min(header.bottom(), visible.bottom())
        if bottom <= top or (top <= header.top() and bottom >= header.bottom()):
            return header
        return QRectF(header.left(), top, header.width(), bottom - top)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lane = self.diagram().doc.lane(self.lane_id)
        # the painter maps the scene to the widget (a view's viewport)
        visible = shown_area(painter, QRectF(widget.rect())) if widget is not None else None
        paint_lane(painter, lane, self.band, self.index, LANE_HEADER_WIDTH,
                   selected=self.isSelected(), name_in=self.name_area(visible))


def shown_area(painter: QPainter, device: QRectF) -> QRectF | None:
    """The scene area `device` (a view's viewport rectangle) shows, for a painter whose
    transform maps the scene onto it; None when that cannot be worked out."""
    inverse, invertible = painter.worldTransform().inverted()
    return inverse.mapRect(device) if invertible else None
