"""The diagram part of the presentation screen: the process drawn with the editor's own painting
code (`flowedit.render.painting`), zoomed in on the current shape, the rest dimmed.

What it draws, back to front: the lanes, arrows and shapes as in an export (no handles, no grid, no
selection); a translucent white veil over all of it; then, above the veil, the arrows taken so far,
the ways out of the current shape (numbered when there are several, with their targets), and the
current shape with a blue glow. In a quiz the names of shapes not reached yet are replaced by '?'.
The camera glides to each new shape so that the audience keeps its bearings.

Reads the document only; a click on a shape is reported by `node_clicked`, nothing else.
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QEasingCurve, QPoint, QPointF, QRectF, Qt, QVariantAnimation, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from flowedit.analysis.tour import Tour
from flowedit.i18n import _
from flowedit.model import Node
from flowedit.render import style
from flowedit.render.edges import EdgeRoute
from flowedit.render.export import Diagram
from flowedit.render.painting import paint_edge, paint_node
from flowedit.render.shapes import node_rect, shape_path

#: How long the camera takes to glide to the next shape, in milliseconds (0: jump).
ANIMATION_MS = 380
#: The current shape fills about this share of the canvas's width or height...
SHAPE_SHARE_W, SHAPE_SHARE_H = 0.30, 0.36
#: ... at most this zoom; zoomed out to show its next shapes, but never below MIN_ZOOM on a
#: 1080-line screen (text stays readable from the back of the room), less on smaller screens.
MAX_ZOOM, MIN_ZOOM = 3.2, 1.6

BACKGROUND = QColor("#dfe6ea")
VEIL = QColor(255, 255, 255, 190)
GLOW = QColor(style.SELECTION)
TRAIL = QColor(30, 136, 229, 120)
BADGE = QColor("#ffb300")
HUD_BACK = QColor(38, 50, 56, 225)


def pixel_font(pixels: float, bold: bool = False) -> QFont:
    font = QFont(style.text_font(10, bold))
    font.setPixelSize(max(1, round(pixels)))
    return font


class PresentationCanvas(QWidget):
    #: A shape was clicked: its node id.
    node_clicked = Signal(str)

    def __init__(self, tour: Tour, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tour = tour
        doc = tour.doc
        self.diagram = Diagram(doc)
        #: Each arrow's route and label box, as the diagram draws it: the tour's highlights
        #: are drawn over the very same lines.
        self.routes: dict[str, tuple[EdgeRoute, QRectF | None]] = {
            arrow.edge_id: (arrow.route, arrow.label_rect) for arrow in self.diagram.arrows}
        self.centre = QPointF()
        self.zoom = 1.0
        self._from: tuple[QPointF, float] = (QPointF(), 1.0)
        self._to: tuple[QPointF, float] = (QPointF(), 1.0)
        self._animation = QVariantAnimation(self)
        self._animation.setStartValue(0.0)
        self._animation.setEndValue(1.0)
        self._animation.setEasingCurve(QEasingCurve.Type.InOutCubic)
        self._animation.valueChanged.connect(self._glide)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMouseTracking(True)
        self.setAutoFillBackground(False)
        self.setMinimumSize(200, 120)

    # ------------------------------------------------------------------ camera
    def follow(self, animate: bool = True) -> None:
        """Moves the camera to the current shape (gliding when shown and `animate`)."""
        target = self.camera_for(self.tour.current)
        self._animation.stop()
        if not animate or ANIMATION_MS <= 0 or not self.isVisible():
            self.centre, self.zoom = target
            self.update()
            return
        self._from = (QPointF(self.centre), self.zoom)
        self._to = target
        self._animation.setDuration(ANIMATION_MS)
        self._animation.start()

    def settle(self) -> None:
        """Ends a glide at once (tests and screenshots)."""
        if self._animation.state() == QVariantAnimation.State.Running:
            self._animation.stop()
            self.centre, self.zoom = self._to
            self.update()

    def _glide(self, value: object) -> None:
        t = float(value)  # type: ignore[arg-type]
        (start, zoom_a), (end, zoom_b) = self._from, self._to
        self.centre = start + (end - start) * t
        self.zoom = math.exp(math.log(zoom_a) + (math.log(zoom_b) - math.log(zoom_a)) * t)
        self.update()

    def camera_for(self, node_id: str | None) -> tuple[QPointF, float]:
        """(scene point at the canvas's centre, zoom) that shows `node_id` big and centred, with
        its next shapes in view when the zoom can stay readable."""
        doc = self.tour.doc
        width, height = max(self.width(), 1), max(self.height(), 1)
        if node_id is None:
            bounds = self.diagram.bounds
            zoom = min(width / bounds.width(), height / bounds.height(), MAX_ZOOM)
            return bounds.center(), zoom
        node = doc.nodes[node_id]
        node_w, node_h = node.size
        big = min(width * SHAPE_SHARE_W / node_w, height * SHAPE_SHARE_H / node_h, MAX_ZOOM)
        fit = big
        for edge in self.tour.options:
            target = doc.nodes[edge.target]
            target_w, target_h = target.size
            reach_x = abs(target.x - node.x) + target_w / 2 + 24
            reach_y = abs(target.y - node.y) + target_h / 2 + 24
            fit = min(fit, width / 2 / reach_x, height / 2 / reach_y)
        floor = min(MIN_ZOOM, max(1.0, self.window().height() / 675))
        return QPointF(node.x, node.y), max(fit, min(big, floor))

    def transform(self) -> QTransform:
        """Scene to widget coordinates."""
        transform = QTransform()
        transform.translate(self.width() / 2, self.height() / 2)
        transform.scale(self.zoom, self.zoom)
        transform.translate(-self.centre.x(), -self.centre.y())
        return transform

    def point_of(self, node_id: str) -> QPoint:
        """Where a shape's centre is on the canvas (widget coordinates)."""
        node = self.tour.doc.nodes[node_id]
        return self.transform().map(QPointF(node.x, node.y)).toPoint()

    def node_at(self, pos: QPointF) -> str | None:
        inverted, ok = self.transform().inverted()
        if not ok:
            return None
        point = inverted.map(pos)
        for node in reversed(self.tour.doc.nodes.values()):  # topmost first, as painted
            if shape_path(node.kind, node_rect(node)).contains(point):
                return node.id
        return None

    # ------------------------------------------------------------------ input
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            node_id = self.node_at(event.position())
            if node_id is not None:
                self.node_clicked.emit(node_id)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        node_id = self.node_at(event.position())
        targets = {edge.target for edge in self.tour.options}
        clickable = node_id is not None and node_id in targets and node_id != self.tour.current
        self.setCursor(Qt.CursorShape.PointingHandCursor if clickable
                       else Qt.CursorShape.ArrowCursor)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._animation.stop()
        self.centre, self.zoom = self.camera_for(self.tour.current)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.setRenderHints(QPainter.RenderHint.Antialiasing
                                   | QPainter.RenderHint.TextAntialiasing)
            painter.fillRect(self.rect(), BACKGROUND)
            painter.save()
            painter.setTransform(self.transform())
            self._paint_diagram(painter)
            painter.restore()
            self._paint_hud(painter)
        finally:
            painter.end()

    def _shown(self, node: Node) -> Node:
        """The node as the audience may see it: in a quiz, unreached shapes have no name."""
        if self.tour.revealed(node.id):
            return node
        return dataclasses.replace(node, name="?", outcome=None)

    def _paint_diagram(self, painter: QPainter) -> None:
        tour, doc = self.tour, self.tour.doc
        self.diagram.paint(painter, shown=self._shown)
        if tour.current is None:
            return
        # Everything above the veil stands out.
        visible, _invertible = self.transform().inverted()
        painter.fillRect(visible.mapRect(QRectF(self.rect())).adjusted(-10, -10, 10, 10), VEIL)
        for step in tour.steps:
            self._paint_trail(painter, self.routes[step.edge][0])
        options = tour.options
        chosen = tour.branch
        for number, edge in enumerate(options, start=1):
            if chosen is not None and edge.id != chosen:
                continue
            path, label_rect = self.routes[edge.id]
            painter.save()
            paint_edge(painter, path, edge.label, selected=True, width=2.4, label_rect=label_rect)
            painter.restore()
            if edge.target != tour.current:
                painter.save()
                paint_node(painter, self._shown(doc.nodes[edge.target]))
                painter.restore()
            if len(options) > 1:
                self._paint_badge(painter, path, label_rect, number)
        current = doc.nodes[tour.current]
        self._paint_glow(painter, current)
        painter.save()
        paint_node(painter, current)
        painter.restore()

    def _paint_trail(self, painter: QPainter, path: EdgeRoute) -> None:
        painter.setPen(QPen(TRAIL, 4.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path.line)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(TRAIL)
        painter.drawPath(path.head)

    def _paint_glow(self, painter: QPainter, node: Node) -> None:
        outline = shape_path(node.kind, node_rect(node))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for width, alpha in ((18.0, 40), (11.0, 70), (5.0, 255)):
            colour = QColor(GLOW)
            colour.setAlpha(alpha)
            painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                                Qt.PenJoinStyle.RoundJoin))
            painter.drawPath(outline)

    def _paint_badge(self, painter: QPainter, path: EdgeRoute, label_rect: QRectF | None,
                     number: int) -> None:
        """The branch's number in an amber disc: just left of the arrow's label, or on the
        middle of an arrow without one."""
        radius = 11.0
        if label_rect is not None:
            centre = QPointF(label_rect.left() - radius - 1, label_rect.center().y())
        elif path.start == path.end:
            centre = path.label_anchor
        else:
            centre = (path.start + path.end) / 2
        painter.setPen(QPen(QColor(Qt.GlobalColor.white), 2.0))
        painter.setBrush(BADGE)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(style.INK)
        painter.setFont(pixel_font(14, bold=True))
        painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
                         int(Qt.AlignmentFlag.AlignCenter), str(number))

    def _paint_hud(self, painter: QPainter) -> None:
        """The process title top left and, in a quiz, the score top right."""
        size = max(13.0, self.window().height() / 45)
        pad = size * 0.6
        font = pixel_font(size, bold=True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        title = metrics.elidedText(" ".join(self.tour.doc.title.split()),
                                   Qt.TextElideMode.ElideRight, self.width() * 0.6)
        self._pill(painter, QPointF(pad, pad), title, metrics, pad, QColor(Qt.GlobalColor.white))
        if self.tour.quiz:
            right, asked = self.tour.score
            text = _("Quiz · {right} of {asked} right").format(right=right, asked=asked)
            width = metrics.horizontalAdvance(text) + 2 * pad
            self._pill(painter, QPointF(self.width() - pad - width, pad), text, metrics, pad,
                       BADGE)

    def _pill(self, painter: QPainter, at: QPointF, text: str, metrics: QFontMetricsF,
              pad: float, colour: QColor) -> None:
        rect = QRectF(at.x(), at.y(), metrics.horizontalAdvance(text) + 2 * pad,
                      metrics.height() + pad)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(HUD_BACK)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        painter.setPen(colour)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), text)
