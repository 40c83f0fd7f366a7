"""A printable handout of a process for training new reps: the diagram, then one section per stage.

`flowedit export FILE -o handout.pdf --handout` (and `render_handout`, `export_handout`) write a
PDF: the first page holds the whole diagram (landscape, drawn by `Diagram` as every export is), then
portrait pages with one section per shape in flow order: its name, kind, lane, owner, description,
duration and where it leads on which condition ("If 'Yes' → Proposal (40%)"). Flow order is the
outline panel's: breadth-first from the starts along the arrows, a decision's branches in arrow
order; shapes no start reaches follow under "Not reachable from the start".

Text is laid out by QTextDocument from HTML (every piece of the document's text escaped) and drawn
with QPainter, so the PDF's text can be selected and extracted, Chinese included (Qt falls back to
an installed CJK font such as Noto Sans CJK). A section is kept on one page when it fits.

The wording helpers (`duration_text`, `branch_text`, `paragraphs`) are shared with the editor's
presentation mode, so that both say the same thing the same way; the walk itself (`outgoing`,
`handout_order`) is `flowedit.analysis.walk`.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from flowedit import __version__
from flowedit.analysis.checks import outcome_text
from flowedit.analysis.walk import display_name, handout_order, outgoing
from flowedit.i18n import N_, _, format_general, ngettext
from flowedit.io import FlowSaveError
from flowedit.io.atomic import write_atomic
from flowedit.model import Document, Edge, Node, NodeKind, Outcome, is_milestone
from flowedit.render import style
from flowedit.render.export import (
    PAGES,
    SCENE_DPI,
    Diagram,
    ExportError,
    ExportOptions,
    check_options,
    document_text,
)
from flowedit.render.pdf_text import restore_han

#: What each kind is called in a handout and on the presentation screen.
KIND_NAMES = {NodeKind.START: N_("Start"), NodeKind.STAGE: N_("Stage"),
              NodeKind.DECISION: N_("Decision"), NodeKind.END: N_("End")}
#: Room between the paper's edge and the text or diagram, in millimetres.
HANDOUT_MARGIN_MM = 16.0
#: Paper used when no --page is given.
DEFAULT_PAGE = "a4"
#: Gap between two sections, in scene pixels (1/96 inch).
_SECTION_GAP = 14.0
_MM_PER_INCH = 25.4
_SENTENCE_END = re.compile(r"[.!?:;。！？：；]$")


# ---------------------------------------------------------------------------------- wording
def kind_name(kind: NodeKind) -> str:
    """'Stage', 'Decision' … in the reader's language (KIND_NAMES holds the English)."""
    return _(KIND_NAMES[kind])


def number_text(value: float) -> str:
    """2 -> '2', 2.5 -> '2.5' (Indonesian '2,5'), 0.333 -> '0.3'."""
    return format_general(round(value, 1))


def duration_text(days: float | None) -> str | None:
    """'about 2 days', 'about 1 day', 'about 12 hours'; None when the duration is not known."""
    if days is None:
        return None
    if days < 1:
        hours = days * 24
        if hours < 1:
            return _("less than an hour")
        hours_text = number_text(hours)
        return ngettext("about {count} hour", "about {count} hours",
                        1 if hours_text == "1" else 2).format(count=hours_text)
    days_text = number_text(days)
    text = ngettext("about {count} day", "about {count} days",
                    1 if days_text == "1" else 2).format(count=days_text)
    if days >= 60:
        text += _(" (≈ {count} months)").format(count=number_text(days / 30.4))
    elif days >= 14:
        text += _(" (≈ {count} weeks)").format(count=number_text(days / 7))
    return text


def percent_text(probability: float) -> str:
    """0.4 -> '40%', 0.125 -> '12.5%'."""
    return f"{number_text(probability * 100)}%"


def branch_text(doc: Document, edge: Edge, target_name: str | None = None) -> str:
    """Where an arrow leads and on which condition: "If 'Yes' → Proposal (40%)"; `target_name`
    replaces the target's name (the presentation's quiz hides it)."""
    name = display_name(doc.nodes[edge.target]) if target_name is None else target_name
    label = " ".join((edge.label or "").split())
    text = _("If '{label}' → {name}").format(label=label, name=name) if label else f"→ {name}"
    if edge.probability is not None:
        text += f" ({percent_text(edge.probability)})"
    return text


def paragraphs(text: str | None) -> list[str]:
    """A description as paragraphs of lines. Files wrap long descriptions by hand: a line break
    inside a sentence is a space, one after a sentence's end starts a new line, and a blank line a
    new paragraph. Each paragraph is a list of its lines."""
    result: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines: list[str] = []
        for raw in block.splitlines():
            line = " ".join(raw.split())
            if not line:
                continue
            if lines and not _SENTENCE_END.search(lines[-1]):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            result.append("\n".join(lines))
    return result


def lane_name(doc: Document, node: Node) -> str | None:
    if node.lane is None or not doc.has_lane(node.lane):
        return None
    return " ".join(doc.lane(node.lane).name.split()) or node.lane


# ---------------------------------------------------------------------------------- sections
@dataclass(frozen=True, slots=True)
class _Section:
    html: str
    heading: str | None = None  # a part heading that stays with this section


def _section_html(doc: Document, node: Node, number: int) -> str:
    def esc(text: str) -> str:
        return html.escape(text, quote=True)

    kind = kind_name(node.kind)
    if node.kind is NodeKind.END and node.outcome is not None:
        kind += f" ({outcome_text(node.outcome)})"
    elif is_milestone(node):
        kind += _(" ({outcome} milestone)").format(outcome=outcome_text(node.outcome))
    facts = [f"<b>{esc(kind)}</b>"]
    lane = lane_name(doc, node)
    if lane:
        facts.append(esc(_("Lane: {lane}").format(lane=lane)))
    if node.owner and node.owner.strip():
        facts.append(esc(_("Owner: {owner}").format(owner=" ".join(node.owner.split()))))
    duration = duration_text(node.duration_days)
    if duration:
        facts.append(esc(_("Duration: {duration}").format(duration=duration)))
    parts = [
        f"<h2 style='margin:0; font-size:15pt; color:#1565c0'>{number}. "
        f"{esc(display_name(node))}</h2>",
        f"<p style='margin-top:2px; color:#455a64'>{' &nbsp;·&nbsp; '.join(facts)}</p>",
    ]
    for paragraph in paragraphs(node.description):
        parts.append("<p style='margin-top:4px'>"
                     + "<br>".join(esc(line) for line in paragraph.split("\n")) + "</p>")
    edges = outgoing(doc, node.id)
    if node.kind is NodeKind.END:
        ends = {Outcome.WON: _("The process ends here: the deal is won."),
                Outcome.LOST: _("The process ends here: the deal is lost."),
                None: _("The process ends here.")}[node.outcome]
        parts.append(f"<p style='margin-top:4px'><i>{esc(ends)}</i></p>")
    elif is_milestone(node):
        counts = (_("The deal counts as won here; the process goes on.")
                  if node.outcome is Outcome.WON else
                  _("The deal counts as lost here; the process goes on."))
        parts.append(f"<p style='margin-top:4px'><i>{esc(counts)}</i></p>")
    if edges:
        title = esc(_("Then, depending on the answer:") if len(edges) > 1 else _("Then:"))
        parts.append(f"<p style='margin-top:4px; margin-bottom:0'><b>{title}</b></p><ul "
                     "style='margin-top:0'>"
                     + "".join(f"<li>{esc(branch_text(doc, edge))}</li>" for edge in edges)
                     + "</ul>")
    elif node.kind is not NodeKind.END:
        stops = _("No arrow leaves this shape: the process stops here without an end.")
        parts.append(f"<p style='margin-top:4px'><i>{esc(stops)}</i></p>")
    return "".join(parts)


def handout_sections(doc: Document, lane: str | None = None) -> list[_Section]:
    """The sections in print order; `lane` keeps only that lane's shapes (flow order is still
    the whole process's)."""
    reached, unreached = handout_order(doc)
    sections: list[_Section] = []
    number = 0
    for ids, heading in ((reached, _("Stages in flow order")),
                         (unreached, _("Not reachable from the start"))):
        first = True
        for node_id in ids:
            node = doc.nodes[node_id]
            if lane is not None and node.lane != lane:
                continue
            number += 1
            sections.append(_Section(_section_html(doc, node, number), heading if first else None))
            first = False
    return sections


# ---------------------------------------------------------------------------------- pdf
def export_handout(doc: Document, path: str | os.PathLike[str],
                   options: ExportOptions | None = None) -> None:
    """Writes the handout PDF to `path` atomically; raises ExportError saying why it failed."""
    data = render_handout(doc, options)
    try:
        write_atomic(path, data)
    except FlowSaveError as error:
        raise ExportError(_("cannot write {file}: {reason}").format(
            file=os.fspath(path), reason=error.reason)) from None


def render_handout(doc: Document, options: ExportOptions | None = None) -> bytes:
    """The bytes of the handout PDF. Uses `page` (default A4), `lane`, `flags` and `scale` (the
    diagram is fitted to its page, never enlarged beyond its size × scale)."""
    options = options or ExportOptions()
    check_options("pdf", options)
    if QGuiApplication.instance() is None:
        raise ExportError(_("exporting needs a QGuiApplication (for fonts); create one first"))
    diagram = Diagram(doc, lane=options.lane, flags=options.flags, metrics=options.metrics,
                      leads=options.leads)
    page = QPageSize(PAGES[options.page or DEFAULT_PAGE])
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(SCENE_DPI)
    writer.setTitle(_("{title} — handout").format(title=doc.title))
    writer.setCreator(f"flowedit {__version__}")
    if not writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Landscape,
                                            QMarginsF())):
        raise ExportError(_("Qt refused the PDF page size"))
    painter = QPainter(writer)
    try:
        margin = HANDOUT_MARGIN_MM / _MM_PER_INCH * SCENE_DPI
        _paint_diagram_page(painter, writer, diagram, doc, margin, options.scale)
        writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
        writer.newPage()
        _Pages(painter, writer, doc, margin).print(handout_sections(doc, options.lane))
    finally:
        painter.end()
    buffer.close()
    return restore_han(bytes(data.data()), document_text(doc))


def _paint_diagram_page(painter: QPainter, writer: QPdfWriter, diagram: Diagram, doc: Document,
                        margin: float, scale: float) -> None:
    title = _text_document(
        f"<h1 style='margin:0; font-size:20pt'>{html.escape(doc.title)}</h1>"
        "<p style='margin-top:2px; color:#546e7a'>"
        + html.escape(_("Sales process handout: the whole process on this page, then every stage "
                        "in the order a lead meets it.")) + "</p>",
        writer, writer.width() - 2 * margin)
    painter.save()
    painter.translate(margin, margin)
    title.drawContents(painter)
    painter.restore()
    top = margin + title.size().height() + 10
    bounds = diagram.bounds
    room_w = writer.width() - 2 * margin
    room_h = writer.height() - top - margin
    factor = min(room_w / bounds.width(), room_h / bounds.height(), scale)
    painter.save()
    painter.translate(margin + (room_w - bounds.width() * factor) / 2,
                      top + (room_h - bounds.height() * factor) / 2)
    painter.scale(factor, factor)
    diagram.paint_at_origin(painter)
    painter.restore()


def _text_document(markup: str, writer: QPdfWriter, width: float) -> QTextDocument:
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    text.setDefaultFont(style.text_font(10.5))
    text.setDocumentMargin(0)
    text.setDefaultStyleSheet("h1, h2 { font-weight: bold; } li { margin-bottom: 2px; }")
    text.setHtml(markup)
    text.setTextWidth(width)
    return text


class _Pages:
    """Prints sections on portrait pages: a section that fits on a page is never split; one
    longer than a page runs over as many pages as it needs."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, doc: Document,
                 margin: float) -> None:
        self.painter = painter
        self.writer = writer
        self.doc = doc
        self.margin = margin
        self.width = writer.width() - 2 * margin
        self.number = 2  # the diagram is page 1
        self.footer = 22.0
        self.bottom = writer.height() - margin - self.footer
        self.y = margin
        self._paint_footer()

    def print(self, sections: list[_Section]) -> None:
        if not sections:
            self._draw(_text_document(
                f"<p><i>{html.escape(_('The process has no shapes yet.'))}</i></p>",
                                      self.writer, self.width))
        for section in sections:
            markup = section.html
            if section.heading:
                markup = (f"<h1 style='margin:0 0 6px 0; font-size:18pt; color:#263238'>"
                          f"{html.escape(section.heading)}</h1>" + markup)
            self._draw(_text_document(markup, self.writer, self.width))

    def _draw(self, text: QTextDocument) -> None:
        height = text.size().height()
        room = self.bottom - self.margin
        if self.y + height > self.bottom and self.y > self.margin:
            self._new_page()
        if height <= room:
            self.painter.save()
            self.painter.translate(self.margin, self.y)
            text.drawContents(self.painter)
            self.painter.restore()
            self.y += height + _SECTION_GAP
            self._rule()
            return
        # Longer than a page: let the text layout paginate it (it never cuts a line in two).
        text.setPageSize(QSizeF(self.width, room))
        for index in range(text.pageCount()):
            if index:
                self._new_page()
            self.painter.save()
            self.painter.translate(self.margin, self.margin - index * room)
            text.drawContents(self.painter, QRectF(0, index * room, self.width, room))
            self.painter.restore()
        last = text.documentLayout().documentSize().height() - (text.pageCount() - 1) * room
        self.y = self.margin + max(0.0, min(last, room)) + _SECTION_GAP

    def _rule(self) -> None:
        if self.y < self.bottom:
            self.painter.setPen(QPen(style.LANE_BORDER, 0.8))
            line_y = self.y - _SECTION_GAP / 2
            self.painter.drawLine(int(self.margin), int(line_y),
                                  int(self.margin + self.width), int(line_y))

    def _new_page(self) -> None:
        self.writer.newPage()
        self.number += 1
        self.y = self.margin
        self._paint_footer()

    def _paint_footer(self) -> None:
        self.painter.save()
        self.painter.setPen(QColor("#78909c"))
        self.painter.setFont(style.text_font(8))
        rect = QRectF(self.margin, self.writer.height() - self.margin - 14, self.width, 14)
        title = QFontMetricsF(self.painter.font()).elidedText(
            " ".join(self.doc.title.split()), Qt.TextElideMode.ElideRight, self.width * 0.8)
        self.painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                              title)
        self.painter.drawText(rect,
                              int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                              _("page {number}").format(number=self.number))
        self.painter.restore()
