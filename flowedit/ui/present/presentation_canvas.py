"""The diagram part of the presentation screen: the process drawn with the editor's own painting
code (`flowedit.render.painting`), zoomed in on the current shape, the rest dimmed.

What it draws, back to front: the lanes, arrows and shapes as in an export (no handles, no grid, no
selection); a translucent white veil over all of it; then, above the veil, the arrows taken so far,
the ways out of the current shape (numbered when there are several, with their targets), and the
current shape with a blue glow. In a quiz the names of shapes not reached yet are replaced by '?'.
The camera glides to each new shape so that the audience keeps its bearings; at a branch it
keeps the branch targets in view with their names readable (`READ_PX`), below the title pill. O
shows the whole process (`set_overview`). Inside a sub-process the child process is drawn.

Reads the document only; a click on a shape is reported by `node_clicked`, nothing else.
"""

from __future__ import annotations

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
from flowedit.model import Document, Node
from flowedit.model.subprocess import breadcrumb
from flowedit.render import style
from flowedit.render.edges import EdgeRoute
from flowedit.render.export import Diagram
from flowedit.render.painting import (
    edge_label_rect as path_label_rect,
)
from flowedit.render.painting import name_pixel_size, paint_edge, paint_edge_label, paint_node
from flowedit.render.shapes import node_rect, shape_path
from flowedit.ui.present.quiz_caption import score_text

#: How long the camera takes to glide to the next shape, in milliseconds (0: jump).
ANIMATION_MS = 380
#: The current shape fills about this share of the canvas's width or height...
SHAPE_SHARE_W, SHAPE_SHARE_H = 0.30, 0.36
#: ... at most this zoom; zoomed out to show its next shapes, but never below MIN_ZOOM on a
#: 1080-line screen (text stays readable from the back of the room), less on smaller screens.
MAX_ZOOM, MIN_ZOOM = 3.2, 1.6
#: Shape names at a branch stay at least this many pixels high on a 720-line window (the back
#: row of a training room), in proportion on smaller and larger ones.
READ_PX = 18.0
#: Room kept around the shapes the camera must show, in widget pixels.
FRAME_MARGIN = 8.0
BADGE_RADIUS = 11.0

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
        self._diagrams: dict[tuple[str, ...], Diagram] = {}
        self._routes: dict[tuple[str, ...], dict[str, tuple[EdgeRoute, QRectF | None]]] = {}
        #: O: the whole process is shown (until O again, or the walk moves).
        self.overview = False
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

    # ------------------------------------------------------------------ levels
    @property
    def doc(self) -> Document:
        """The process drawn: the top one, or the sub-process the walk is in."""
        return self.tour.level_doc

    @property
    def diagram(self) -> Diagram:
        level = self.tour.level
        if level not in self._diagrams:  # (a lane alone is drawn in its process, its arrows
            self._diagrams[level] = Diagram(self.doc)  # to the other lanes too)
        return self._diagrams[level]

    @property
    def routes(self) -> dict[str, tuple[EdgeRoute, QRectF | None]]:
        """Each arrow's route and label box, as the diagram draws it: the tour's highlights are
        drawn over the very same lines."""
        level = self.tour.level
        if level not in self._routes:
            self._routes[level] = {arrow.edge_id: (arrow.route, arrow.label_rect)
                                   for arrow in self.diagram.arrows}
        return self._routes[level]

    # ------------------------------------------------------------------ camera
    def set_overview(self, on: bool) -> None:
        self.overview = on
        self.follow()

    def free_area(self) -> QRectF:
        """Where the camera may put what matters: the canvas below the title pill's band."""
        return QRectF(self.rect()).adjusted(FRAME_MARGIN, self.pill_rect().bottom() + 4,
                                            -FRAME_MARGIN, -FRAME_MARGIN)

    def follow(self, animate: bool = True) -> None:
        """Moves the camera to the current shape (gliding when shown and `animate`)."""
        target = self.overview_camera() if self.overview else self.camera_for(self.tour.current)
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

    def overview_camera(self) -> tuple[QPointF, float]:
        """The whole process in the free area."""
        area = self.free_area()
        bounds = self.diagram.bounds
        zoom = min(max(area.width(), 1) / bounds.width(), max(area.height(), 1) / bounds.height(),
                   MAX_ZOOM)
        return bounds.center(), zoom

    def readable_zoom(self, nodes: list[Node]) -> float:
        """The least zoom at which every name of `nodes` is READ_PX high (scaled to the window)."""
        scale = min(1.5, max(0.75, self.window().height() / 720))
        return max(READ_PX * scale / name_pixel_size(node) for node in nodes)

    def focus_nodes(self) -> list[Node]:
        """What the camera must show: the current shape, then the branch targets (the branch
        Next follows first)."""
        tour = self.tour
        if tour.current is None:
            return []
        doc = self.doc
        nodes = [doc.nodes[tour.current]]
        if tour.leaving:  # the arrows out are in the process around: not drawn here
            return nodes
        default = tour.default_branch
        options = sorted(tour.options, key=lambda edge: edge is not default)
        if tour.branch is not None:
            options = [edge for edge in options if edge.id == tour.branch]
        for edge in options:
            target = doc.nodes[edge.target]
            if target not in nodes:
                nodes.append(target)
        return nodes

    def camera_for(self, node_id: str | None) -> tuple[QPointF, float]:
        """(scene point at the free area's centre, zoom) that shows `node_id` big, with its
        branch targets in view at a zoom where their names stay readable: as many of them as
        fit at that zoom, the default branch's first."""
        area = self.free_area()
        width, height = max(area.width(), 1.0), max(area.height(), 1.0)
        if node_id is None or node_id != self.tour.current:
            bounds = self.diagram.bounds
            zoom = min(width / bounds.width(), height / bounds.height(), MAX_ZOOM)
            return bounds.center(), zoom
        focus = self.focus_nodes()
        node = focus[0]
        node_w, node_h = node.size
        big = min(width * SHAPE_SHARE_W / node_w, height * SHAPE_SHARE_H / node_h, MAX_ZOOM)
        pad = 12.0  # scene room around the shapes: the glow

        def box(nodes: list[Node]) -> QRectF:
            rect = QRectF()
            for item in nodes:
                rect = rect.united(node_rect(item).adjusted(-pad, -pad, pad, pad))
            return rect

        def fit(rect: QRectF) -> float:
            return min(width / rect.width(), height / rect.height())

        readable = self.readable_zoom(focus)
        reach = QRectF()  # the focus mirrored around the current shape: it stays centred
        for item in focus:
            rect = node_rect(item).adjusted(-pad, -pad, pad, pad)
            dx = max(abs(rect.left() - node.x), abs(rect.right() - node.x))
            dy = max(abs(rect.top() - node.y), abs(rect.bottom() - node.y))
            reach = reach.united(QRectF(node.x - dx, node.y - dy, 2 * dx, 2 * dy))
        if fit(reach) >= min(big, readable):
            return QPointF(node.x, node.y), min(big, fit(reach))
        shown = [node]
        for target in focus[1:]:  # as many targets as stay readable, the default's first
            candidate = [*shown, target]
            if fit(box(candidate)) >= min(big, self.readable_zoom(candidate)):
                shown = candidate
        zoom = min(big, max(fit(box(shown)), self.readable_zoom(shown)))
        return box(shown).center(), zoom

    def transform(self) -> QTransform:
        """Scene to widget coordinates."""
        area = self.free_area()
        transform = QTransform()
        transform.translate(area.center().x(), area.center().y())
        transform.scale(self.zoom, self.zoom)
        transform.translate(-self.centre.x(), -self.centre.y())
        return transform

    def point_of(self, node_id: str) -> QPoint:
        """Where a shape's centre is on the canvas (widget coordinates)."""
        node = self.doc.nodes[node_id]
        return self.transform().map(QPointF(node.x, node.y)).toPoint()

    def rect_of(self, node_id: str) -> QRectF:
        """Where a shape is on the canvas (widget coordinates)."""
        return self.transform().mapRect(node_rect(self.doc.nodes[node_id]))

    def node_at(self, pos: QPointF) -> str | None:
        inverted, ok = self.transform().inverted()
        if not ok:
            return None
        point = inverted.map(pos)
        for node in reversed(self.doc.nodes.values()):  # topmost first, as painted
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
        self.centre, self.zoom = (self.overview_camera() if self.overview
                                  else self.camera_for(self.tour.current))

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
        return self.tour.shown(node)

    def trail(self) -> list[str]:
        """The arrows taken so far in the process drawn."""
        level = self.tour.level
        return [step.edge for step in self.tour.steps
                if step.edge is not None and step.level == level and step.edge in self.routes]

    def _paint_diagram(self, painter: QPainter) -> None:
        tour, doc = self.tour, self.doc
        self.diagram.paint(painter, shown=self._shown, label=tour.label_shown)
        if tour.current is None:
            return
        # Everything above the veil stands out.
        visible, _invertible = self.transform().inverted()
        painter.fillRect(visible.mapRect(QRectF(self.rect())).adjusted(-10, -10, 10, 10), VEIL)
        trail = self.trail()
        for edge_id in trail:
            self._paint_trail(painter, self.routes[edge_id][0])
        for edge_id in dict.fromkeys(trail):  # the labels above the trail, never struck through
            edge, (path, label_rect) = doc.edges[edge_id], self.routes[edge_id]
            if edge.label:
                painter.save()
                paint_edge_label(painter, label_rect or path_label_rect(path, edge.label),
                                 edge.label)
                painter.restore()
        options = [] if tour.leaving else tour.options
        chosen = tour.branch
        badges = []
        for number, edge in enumerate(options, start=1):
            if (chosen is not None and edge.id != chosen) or edge.id not in self.routes:
                continue
            path, label_rect = self.routes[edge.id]
            if len(options) > 1:  # numbered even when the target is a quiz's hidden answer
                badges.append((edge.id, number))
            if not tour.revealed(edge.target):  # a quiz's answer: not singled out
                continue
            painter.save()
            paint_edge(painter, path, edge.label, selected=True, width=2.4, label_rect=label_rect)
            painter.restore()
            if edge.target != tour.current:
                painter.save()
                paint_node(painter, self._shown(doc.nodes[edge.target]))
                painter.restore()
        for edge_id, number in badges:  # above the shapes, clear of them
            self._paint_badge(painter, self.badge_centre(edge_id), number)
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

    def badge_centre(self, edge_id: str) -> QPointF:
        """Where a branch's number sits (scene): beside the arrow's label — left, right, above
        or below, the first place clear of the shapes the arrow joins — or along the arrow,
        clear of them."""
        edge = self.doc.edges[edge_id]
        path, label_rect = self.routes[edge_id]
        radius = BADGE_RADIUS
        shapes = [shape_path(node.kind, node_rect(node)) for node in
                  (self.doc.nodes[edge.source], self.doc.nodes[edge.target])]

        def clear(centre: QPointF) -> bool:
            disc = QRectF(centre.x() - radius - 6, centre.y() - radius - 6,
                          2 * radius + 12, 2 * radius + 12)  # clear of the glow too
            return not any(shape.intersects(disc) for shape in shapes)

        candidates = []
        if label_rect is not None:
            middle = label_rect.center()
            candidates += [QPointF(label_rect.left() - radius - 2, middle.y()),
                           QPointF(label_rect.right() + radius + 2, middle.y()),
                           QPointF(middle.x(), label_rect.top() - radius - 2),
                           QPointF(middle.x(), label_rect.bottom() + radius + 2)]
        line = path.line
        candidates += [line.pointAtPercent(t) for t in (0.5, 0.35, 0.65, 0.25, 0.75)]
        return next((centre for centre in candidates if clear(centre)), candidates[0])

    def _paint_badge(self, painter: QPainter, centre: QPointF, number: int) -> None:
        """The branch's number in an amber disc (`badge_centre`)."""
        radius = BADGE_RADIUS
        painter.setPen(QPen(QColor(Qt.GlobalColor.white), 2.0))
        painter.setBrush(BADGE)
        painter.drawEllipse(centre, radius, radius)
        painter.setPen(style.INK)
        painter.setFont(pixel_font(14, bold=True))
        painter.drawText(QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius),
                         int(Qt.AlignmentFlag.AlignCenter), str(number))

    def _hud_font(self) -> tuple[QFont, float]:
        size = max(13.0, self.window().height() / 45)
        return pixel_font(size, bold=True), size * 0.6

    def title_text(self) -> str:
        """The title pill: the process title, and inside a sub-process where it is."""
        tour = self.tour
        text = breadcrumb(tour.doc, tour.level) if tour.level else tour.doc.title
        return " ".join(text.split())

    def pill_rect(self) -> QRectF:
        """The title pill's rectangle (widget coordinates): no shape that matters goes under
        it (`free_area`)."""
        font, pad = self._hud_font()
        metrics = QFontMetricsF(font)
        title = metrics.elidedText(self.title_text(), Qt.TextElideMode.ElideMiddle,
                                   self.width() * 0.6)
        return QRectF(pad, pad, metrics.horizontalAdvance(title) + 2 * pad,
                      metrics.height() + pad)

    def _paint_hud(self, painter: QPainter) -> None:
        """The process title top left and, in a quiz, the score top right."""
        font, pad = self._hud_font()
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        title = metrics.elidedText(self.title_text(), Qt.TextElideMode.ElideMiddle,
                                   self.width() * 0.6)
        self._pill(painter, QPointF(pad, pad), title, metrics, pad, QColor(Qt.GlobalColor.white))
        if self.tour.quiz:
            text = score_text(self.tour)
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
