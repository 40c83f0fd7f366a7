"""What the canvas shows after calibrating: a note on each measured arrow ("planned 40 % →
measured 27 % (n = 310)") and a dashed ghost arrow, with its count of deals, for each transition
the deals made that the drawing lacks; one click on a ghost adds the arrow (one undo step). Not
part of the model: they are redrawn from the document and the findings after every edit."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from flowedit.analysis.data_checks import DataFindings
from flowedit.i18n import _, format_number, ngettext
from flowedit.model import Document, Node
from flowedit.render import style
from flowedit.render.painting import paint_edge_label
from flowedit.render.shapes import node_rect

GHOST_COLOUR = QColor(120, 80, 170)
NOTE_FILL = QColor(232, 240, 254)
#: A note further than this from its arrow gets a line leading to it.
LEADER_FROM = 6.0


def _one_line_size(text: str) -> tuple[float, float]:
    """A note's box: its text on one line (arrow labels wrap; a figure must not)."""
    metrics = QFontMetricsF(style.text_font(9, text=text))
    return metrics.horizontalAdvance(text) + 10, metrics.height() + 2


def _border_point(node: Node, towards: QPointF) -> QPointF:
    """Where the line from the shape's centre towards a point leaves its rectangle."""
    rect = node_rect(node)
    centre = rect.center()
    dx, dy = towards.x() - centre.x(), towards.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(rect.width() / 2 / abs(dx) if dx else math.inf,
                rect.height() / 2 / abs(dy) if dy else math.inf)
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)


class GhostArrowItem(QGraphicsItem):
    """A transition the deals made and the drawing lacks; a click asks for the arrow."""

    #: The canvas starts no gesture on it (ui/canvas/view.py): the click is the item's own.
    handles_own_clicks = True

    def __init__(self, doc: Document, source: str, target: str, count: int,
                 on_click: Callable[[str, str], None]) -> None:
        super().__init__()
        self.source, self.target, self.count = source, target, count
        self._on_click = on_click
        start_node, end_node = doc.nodes[source], doc.nodes[target]
        self.start = _border_point(start_node, QPointF(end_node.x, end_node.y))
        self.end = _border_point(end_node, QPointF(start_node.x, start_node.y))
        self.text = ngettext("{count} deal", "{count} deals", count).format(
            count=format_number(count, 0))
        width, height = _one_line_size(self.text)
        middle = (self.start + self.end) / 2
        self.label_rect = QRectF(middle.x() - width / 2, middle.y() - height / 2, width, height)
        line = QPainterPath(self.start)
        line.lineTo(self.end)
        self.line = line
        stroker = QPainterPathStroker()
        stroker.setWidth(8)
        self._shape = stroker.createStroke(line)
        self._shape.addRect(self.label_rect)
        self.setZValue(12)  # over the shapes: its count must stay readable wherever it falls
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(_("{count} in the CRM export; click to add this arrow").format(
            count=self.text))

    def boundingRect(self) -> QRectF:
        return self._shape.boundingRect().adjusted(-10, -10, 10, 10)

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(GHOST_COLOUR, 1.6, Qt.PenStyle.DashLine))
        painter.drawPath(self.line)
        angle = math.atan2(self.end.y() - self.start.y(), self.end.x() - self.start.x())
        head = QPainterPath(self.end)
        for side in (-0.45, 0.45):
            head.lineTo(self.end - QPointF(10 * math.cos(angle + side),
                                           10 * math.sin(angle + side)))
        head.closeSubpath()
        painter.setPen(QPen(GHOST_COLOUR, 1.0))
        painter.setBrush(GHOST_COLOUR)
        painter.drawPath(head)
        paint_edge_label(painter, self.label_rect, self.text)
        painter.setPen(QPen(GHOST_COLOUR, 1.0, Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(self.label_rect, 3, 3)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            event.accept()
            self._on_click(self.source, self.target)
        else:
            super().mousePressEvent(event)


class MeasuredNoteItem(QGraphicsItem):
    """A small note beside a measured arrow, in `rect` (placed as its label would be). When a
    crowded drawing pushed it away from its arrow, a thin line leads from it to `anchor`, the
    arrow's nearest point, so that it is clear which arrow it speaks of."""

    def __init__(self, rect: QRectF, text: str, anchor: QPointF) -> None:
        super().__init__()
        self.text = text
        self.rect = rect
        # the point of the note's outline nearest the arrow
        self.foot = QPointF(min(max(anchor.x(), rect.left()), rect.right()),
                            min(max(anchor.y(), rect.top()), rect.bottom()))
        gap = self.foot - anchor
        self.anchor = anchor if math.hypot(gap.x(), gap.y()) > LEADER_FROM else None
        self.setZValue(7)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    def boundingRect(self) -> QRectF:
        bounds = self.rect.adjusted(-2, -2, 2, 2)
        if self.anchor is not None:
            bounds = bounds.united(QRectF(self.anchor, self.anchor).adjusted(-3, -3, 3, 3))
        return bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.anchor is not None:
            painter.setPen(QPen(style.ARROW, 0.8, Qt.PenStyle.DotLine))
            painter.drawLine(self.foot, self.anchor)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.ARROW)
            painter.drawEllipse(self.anchor, 2.2, 2.2)
        painter.setPen(QPen(style.ARROW, 0.8))
        painter.setBrush(NOTE_FILL)
        painter.drawRoundedRect(self.rect, 3, 3)
        painter.setPen(style.INK)
        painter.setFont(style.text_font(9, text=self.text))
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, style.drawable(self.text))


class CalibrationLayer:
    """The notes and ghost arrows of one editor's scene, replaced as a whole on each refresh."""

    def __init__(self, scene: QGraphicsScene, on_ghost_click: Callable[[str, str], None]) -> None:
        self.scene = scene
        self.on_ghost_click = on_ghost_click
        self.ghosts: list[GhostArrowItem] = []
        self.notes: list[MeasuredNoteItem] = []

    def show(self, doc: Document, findings: DataFindings | None, notes: dict[str, str],
             place: Callable[[str, tuple[float, float], list[QRectF]],
                             tuple[QRectF, QPointF] | None]) -> None:
        """`place(edge_id, size, placed)` gives where a note of that size goes beside the
        arrow, clear of the notes `placed` before it, and the arrow's point nearest to it
        (None: the arrow is not shown)."""
        self.clear()
        placed: list[QRectF] = []
        for edge_id, text in notes.items():
            where = place(edge_id, _one_line_size(text), placed)
            if where is not None:
                placed.append(where[0])
                self.notes.append(MeasuredNoteItem(where[0], text, where[1]))
        if findings is not None:
            self.ghosts = [GhostArrowItem(doc, s, t, n, self.on_ghost_click)
                           for s, t, n in findings.missing_now(doc)]
        for item in (*self.notes, *self.ghosts):
            self.scene.addItem(item)

    def clear(self) -> None:
        for item in (*self.notes, *self.ghosts):
            if item.scene() is self.scene:
                self.scene.removeItem(item)
        self.notes, self.ghosts = [], []
