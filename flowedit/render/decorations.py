"""What an export may add around the diagram so it reads on its own in a slide or a print: a
title, the headline figures under it, and a legend of the shapes and colours the diagram uses.

Laid out in scene coordinates around the diagram's area and painted after it; the canvas draws
none of it (the editor has its window title, status bar and panels for that).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from flowedit.i18n import N_, _
from flowedit.model import Colour, Document, Node, NodeKind, Outcome
from flowedit.render import style
from flowedit.render.shapes import shape_path

if TYPE_CHECKING:  # the metrics (numpy, scipy) load only for a headline that shows them
    from collections.abc import Iterable

    from flowedit.render.metrics_overlay import Overlay

#: Room between the diagram and the title block or the legend.
GAP = 14.0
_TITLE_PT, _HEADLINE_PT, _LEGEND_PT = 16.0, 9.5, 8.5
_SWATCH_W, _SWATCH_H = 30.0, 16.0
_LEGEND_ROW = 24.0


class _Asked(Protocol):
    title: str | None
    legend: bool
    headline: bool
    details: bool


@dataclass(frozen=True, slots=True)
class Decorations:
    """Which extras to draw; `title` "" means the process's own title, None no title."""

    title: str | None = None
    legend: bool = False
    headline: bool = False
    details: bool = False

    @classmethod
    def of(cls, options: _Asked) -> Decorations:
        return cls(options.title, options.legend, options.headline, options.details)


class DecorationError(Exception):
    """An extra that cannot be drawn (the headline of a process whose figures fail)."""


@dataclass(frozen=True, slots=True)
class _Entry:
    text: str
    kind: NodeKind | None
    fill: QColor
    line: QColor


class DiagramFrame:
    """The title block above a diagram's `area` and the legend below it; `rect` is what they
    cover (empty when nothing was asked for)."""

    def __init__(self, doc: Document, area: QRectF, asked: Decorations,
                 overlay: Overlay | None, leads: float, nodes: Iterable[Node]) -> None:
        self.title = (asked.title or doc.title) if asked.title is not None else ""
        self.headline = ""
        if asked.headline:
            from flowedit.analysis.metrics import MetricsError, compute_metrics
            from flowedit.render.metrics_overlay import headline

            try:
                self.headline = headline(compute_metrics(doc, leads), doc)
            except MetricsError as error:
                raise DecorationError(_("cannot work out the headline figures: {reason}").format(
                    reason=error)) from None
        self.entries = legend_entries(list(nodes), overlay) if asked.legend else []
        self.rect = QRectF()
        self.title_rect = QRectF()
        self.headline_rect = QRectF()
        self.legend_cells: list[tuple[_Entry, QRectF]] = []
        top = area.top()
        lines = [(text, size, bold) for text, size, bold in
                 ((self.title, _TITLE_PT, True), (self.headline, _HEADLINE_PT, False)) if text]
        heights = [_line_height(size, bold) for _text, size, bold in lines]
        y = top - GAP - sum(heights)
        for (text, size, bold), height in zip(lines, heights, strict=True):
            width = QFontMetricsF(style.text_font(size, bold, text)).horizontalAdvance(text) + 4
            rect = QRectF(area.left(), y, width, height)
            if bold and text == self.title:
                self.title_rect = rect
            else:
                self.headline_rect = rect
            self.rect = self.rect.united(rect)
            y += height
        if self.entries:
            self._lay_out_legend(area)

    def _lay_out_legend(self, area: QRectF) -> None:
        metrics = QFontMetricsF(style.text_font(_LEGEND_PT))
        width_allowed = max(area.width(), 520.0)
        x, y = area.left(), area.bottom() + GAP
        for entry in self.entries:
            width = _SWATCH_W + 6 + metrics.horizontalAdvance(entry.text) + 18
            if x > area.left() and x + width > area.left() + width_allowed:
                x, y = area.left(), y + _LEGEND_ROW
            cell = QRectF(x, y, width, _LEGEND_ROW)
            self.legend_cells.append((entry, cell))
            self.rect = self.rect.united(cell)
            x += width

    def paint(self, painter: QPainter) -> None:
        painter.setPen(style.INK)
        if self.title_rect.isValid():
            painter.setFont(style.text_font(_TITLE_PT, True, self.title))
            painter.drawText(self.title_rect, int(Qt.AlignmentFlag.AlignLeft
                                                  | Qt.AlignmentFlag.AlignVCenter),
                             style.drawable(self.title))
        if self.headline_rect.isValid():
            painter.setPen(style.METRICS)
            painter.setFont(style.text_font(_HEADLINE_PT, False, self.headline))
            painter.drawText(self.headline_rect, int(Qt.AlignmentFlag.AlignLeft
                                                     | Qt.AlignmentFlag.AlignVCenter),
                             style.drawable(self.headline))
        painter.setFont(style.text_font(_LEGEND_PT))
        for entry, cell in self.legend_cells:
            swatch = QRectF(cell.left(), cell.center().y() - _SWATCH_H / 2, _SWATCH_W, _SWATCH_H)
            painter.setPen(QPen(entry.line, 1.4))
            painter.setBrush(QBrush(entry.fill))
            if entry.kind is None:  # a highlight: the ring drawn around a shape
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(entry.line, 3))
                painter.drawRoundedRect(swatch, 4, 4)
            else:
                painter.drawPath(shape_path(entry.kind, swatch))
            painter.setPen(style.INK)
            painter.drawText(QRectF(swatch.right() + 6, cell.top(), cell.width(), cell.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             entry.text)


def _line_height(size: float, bold: bool) -> float:
    return QFontMetricsF(style.text_font(size, bold)).height() + 4


_KIND_TEXT = {NodeKind.START: N_("Start"), NodeKind.STAGE: N_("Stage"),
              NodeKind.DECISION: N_("Decision"), NodeKind.END: N_("End")}
_OUTCOME_TEXT = {Outcome.WON: N_("End: won"), Outcome.LOST: N_("End: lost")}
_COLOUR_TEXT = {Colour.BLUE: N_("Blue (marked)"), Colour.GREEN: N_("Green (marked)"),
                Colour.AMBER: N_("Amber (marked)"), Colour.RED: N_("Red (marked)"),
                Colour.PURPLE: N_("Purple (marked)"), Colour.TEAL: N_("Teal (marked)"),
                Colour.GREY: N_("Grey (marked)")}


def legend_entries(nodes: list[Node], overlay: Overlay | None) -> list[_Entry]:
    """One entry per kind of shape (and outcome of an end) and per colour given to a shape that
    the diagram shows, in a fixed order; the overlay's highlights when it is drawn."""
    entries: list[_Entry] = []
    seen: set[tuple[object, ...]] = set()
    order = {kind: index for index, kind in enumerate(NodeKind)}
    for node in sorted(nodes, key=lambda n: (order[n.kind], str(n.outcome))):
        plain = Node(node.id, node.kind, "", outcome=node.outcome)
        key = (node.kind, node.outcome)
        if key not in seen:
            seen.add(key)
            text = _OUTCOME_TEXT.get(node.outcome, _KIND_TEXT[node.kind]) \
                if node.kind is NodeKind.END and node.outcome else _KIND_TEXT[node.kind]
            entries.append(_Entry(_(text), node.kind, style.node_fill(plain),
                                  style.node_border(plain)))
    for colour in Colour:
        if any(node.color is colour for node in nodes):
            fill, line = style.PALETTE[colour]
            entries.append(_Entry(_(_COLOUR_TEXT[colour]), NodeKind.STAGE, fill, line))
    if overlay is not None:
        for text, colour in dict(overlay.tags.values()).items():
            entries.append(_Entry(text, None, QColor(Qt.GlobalColor.white), colour))
    return entries
