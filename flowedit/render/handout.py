"""A printable handout of a process for training new reps: the diagram, then one section per stage.

`flowedit export FILE -o handout.pdf --handout` (and `render_handout`, `export_handout`) write a
PDF: first the diagram (landscape, drawn by `Diagram` as every export is) with each shape's section
number, its text never below MIN_TEXT_PT (a lane to a page when the whole does not fit one page);
then portrait pages with one section per shape: the main path from the start to a won end, the
branches, the shapes no start reaches (`flowedit.analysis.walk.reading_order`), then a part per
sub-process level. Each section says the shape's name, kind, lane, owner, description, duration
and where it leads on which condition ("If 'Yes' → Proposal (40%) (section 6)"), with lines for
notes. Bookmarks and the links from the diagram's numbers and the "Then" items to the sections
are added afterwards (`flowedit.render.pdf_marks`: QPdfWriter writes neither).

Text is laid out by QTextDocument from HTML (every piece of the document's text escaped) and drawn
with QPainter, so the PDF's text can be selected and extracted, Chinese included (Qt falls back to
an installed CJK font such as Noto Sans CJK). A section is kept on one page when it fits.

The wording helpers (`duration_text`, `branch_text`, `paragraphs`) are shared with the editor's
presentation mode, so that both say the same thing the same way; the walk itself (`outgoing`,
`handout_order`) is `flowedit.analysis.walk`.
"""

from __future__ import annotations

import html
import math
import os
import re
from dataclasses import dataclass

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QPointF,
    QRectF,
    QSizeF,
    Qt,
)
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
from flowedit.analysis.walk import display_name, outgoing, reading_order
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
from flowedit.render.pdf_marks import Bookmark, PdfMarks
from flowedit.render.pdf_text import restore_han
from flowedit.render.shapes import node_rect

#: What each kind is called in a handout and on the presentation screen.
KIND_NAMES = {NodeKind.START: N_("Start"), NodeKind.STAGE: N_("Stage"),
              NodeKind.DECISION: N_("Decision"), NodeKind.END: N_("End")}
#: Room between the paper's edge and the text or diagram, in millimetres.
HANDOUT_MARGIN_MM = 16.0
#: Paper used when no --page is given.
DEFAULT_PAGE = "a4"
#: Gap between two sections, in scene pixels (1/96 inch).
_SECTION_GAP = 14.0
#: Ruled lines for notes under each section, and their spacing, in scene pixels.
_NOTE_LINES = 3
_NOTE_LINE_GAP = 22.0
_NOTES_HEIGHT = 8 + _NOTE_LINES * _NOTE_LINE_GAP
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
    number: str = ""  # "5", or "2.3" inside the sub-process of section 2
    title: str = ""  # "5. Qualified?": its bookmark
    #: The section numbers the "Then" items point to, in item order ('' : not in the handout).
    links: tuple[str, ...] = ()
    node: str = ""  # the shape's id (top level only: the diagram's numbers)


def _nowrap(text: str) -> str:
    """Escaped, with no line break inside ('about 14 days (≈ 2 weeks)' stays whole)."""
    return html.escape(text, quote=True).replace(" ", "&nbsp;")


def _section_html(doc: Document, node: Node, number: int | str,
                  numbers: dict[str, str] | None = None) -> str:
    def esc(text: str) -> str:
        return html.escape(text, quote=True)

    numbers = numbers or {}
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
        facts.append(esc(_("Duration: {duration}").format(duration="\0")).replace(
            "\0", _nowrap(duration)))
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
        items = []
        for edge in edges:
            item = esc(branch_text(doc, edge))
            target = numbers.get(edge.target)
            if target:
                item += (" <span style='color:#1565c0'>"
                         + _nowrap(_("(section {number})").format(number=target)) + "</span>")
            items.append(f"<li>{item}</li>")
        parts.append(f"<p style='margin-top:4px; margin-bottom:0'><b>{title}</b></p><ul "
                     "style='margin-top:0'>" + "".join(items) + "</ul>")
    elif node.kind is not NodeKind.END:
        stops = _("No arrow leaves this shape: the process stops here without an end.")
        parts.append(f"<p style='margin-top:4px'><i>{esc(stops)}</i></p>")
    return "".join(parts)


def _level_sections(doc: Document, lane: str | None, prefix: str, depth: int,
                    inside: str | None) -> list[_Section]:
    """The sections of one level of the process: the main path (start to won), the branches,
    the shapes no start reaches; then, for each stage holding a sub-process, its own level."""
    main, branches, unreached = reading_order(doc)
    if inside is None:
        parts = [(main, _("The main path: from the start to a won deal")),
                 (branches, _("The branches")), (unreached, _("Not reachable from the start"))]
    else:
        parts = [(main + branches, inside), (unreached, _("Not reachable from the start"))]
    kept = [(ids, heading) for ids, heading in
            (([node_id for node_id in ids if lane is None or doc.nodes[node_id].lane == lane],
              heading) for ids, heading in parts)]
    numbers: dict[str, str] = {}
    for ids, _heading in kept:
        for node_id in ids:
            numbers[node_id] = f"{prefix}{len(numbers) + 1}"
    sections: list[_Section] = []
    nested: list[_Section] = []
    for ids, heading in kept:
        first = True
        for node_id in ids:
            node = doc.nodes[node_id]
            number = numbers[node_id]
            links = tuple(numbers.get(edge.target, "") for edge in outgoing(doc, node_id))
            sections.append(_Section(_section_html(doc, node, number, numbers),
                                     heading if first else None, number,
                                     f"{number}. {display_name(node)}", links,
                                     node_id if not prefix else ""))
            first = False
            if node.process is not None and node.process.nodes and depth < MAX_HANDOUT_LEVELS:
                title = _("Inside {number}. {stage}: its sub-process").format(
                    number=number, stage=display_name(node))
                nested += _level_sections(node.process, None, f"{number}.", depth + 1, title)
    return sections + nested


#: How many levels of sub-processes the handout goes into.
MAX_HANDOUT_LEVELS = 8


def handout_sections(doc: Document, lane: str | None = None) -> list[_Section]:
    """The sections in print order: the main path first (start to won), then the branches, then
    the shapes no start reaches, then the sub-processes, a level at a time; `lane` keeps only
    that lane's shapes (numbered among themselves)."""
    return _level_sections(doc, lane, "", 0, None)


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
    diagram is never printed smaller than readable, `MIN_TEXT_PT`, nor larger than its size ×
    scale when that is readable)."""
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
    sections = handout_sections(doc, options.lane)
    marks = PdfMarks()
    painter = QPainter(writer)
    try:
        margin = HANDOUT_MARGIN_MM / _MM_PER_INCH * SCENE_DPI
        numbers = {section.node: section.number for section in sections if section.node}
        count = _paint_diagram_pages(painter, writer, diagram, doc, margin, options.scale,
                                     numbers, marks)
        writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()))
        writer.newPage()
        _Pages(painter, writer, doc, margin, count, marks).print(sections)
    finally:
        painter.end()
    buffer.close()
    return marks.apply(restore_han(bytes(data.data()), document_text(doc)))


#: The smallest text the handout's diagram may print, in points (issue 16: 3.5 pt was unreadable).
MIN_TEXT_PT = 7.0
#: The smallest text the diagram draws, in points as laid out: 7 pt names are set at whole
#: pixels (9 px = 6.75 pt, see style.text_font).
_SMALLEST_DRAWN_PT = round(7.0 * SCENE_DPI / 72) * 72 / SCENE_DPI
#: The diagram's smallest scale on paper.
MIN_DIAGRAM_FACTOR = MIN_TEXT_PT / _SMALLEST_DRAWN_PT * 1.01
_BADGE_RADIUS = 11.0
#: What two neighbouring diagram pages both show, in scene pixels.
_TILE_OVERLAP = 60.0
#: Room for a piece's label (its lane) above it, and between two pieces, in device pixels.
_PIECE_LABEL = 18.0
_PIECE_GAP = 10.0


@dataclass(frozen=True, slots=True)
class _Piece:
    """A part of the diagram printed on a diagram page: `area` in scene coordinates."""

    label: str
    area: QRectF


def diagram_pieces(diagram: Diagram, room: QSizeF, scale: float) -> tuple[float, list[_Piece]]:
    """(factor, pieces): the whole diagram as one piece when its text stays readable on one
    page; else one piece per lane (the stretch of the lane its shapes use), cut into pages'
    widths where longer (full pages spread evenly along it, neighbours sharing at least
    `_TILE_OVERLAP`)."""
    bounds = diagram.bounds
    fit = min(room.width() / bounds.width(), room.height() / bounds.height())
    if fit >= MIN_DIAGRAM_FACTOR:
        return min(fit, max(scale, MIN_DIAGRAM_FACTOR)), [_Piece("", QRectF(bounds))]
    factor = MIN_DIAGRAM_FACTOR
    bands: list[tuple[str, QRectF]] = []
    placed: set[str] = set()
    for lane, band, _index in diagram.lanes:
        used = QRectF()
        for node in diagram.nodes:
            if node.lane == lane.id:
                used = used.united(node_rect(node))
                placed.add(node.id)
        if not used.isNull():
            left = max(band.left(), used.left() - _BADGE_RADIUS - 6)
            right = min(band.right(), used.right() + 12)
            bands.append((" ".join(lane.name.split()) or lane.id,
                          QRectF(left, band.top(), right - left, band.height())))
    rest = QRectF()
    for node in diagram.nodes:
        if node.id not in placed:
            rest = rest.united(node_rect(node).adjusted(-_BADGE_RADIUS - 30, -_BADGE_RADIUS - 20,
                                                        30, 20))
    if not rest.isNull():
        bands.append(("", rest.intersected(bounds)))
    room_w, room_h = room.width() / factor, (room.height() - _PIECE_LABEL) / factor
    pieces = []
    for label, band in bands:
        columns = max(1, math.ceil((band.width() - _TILE_OVERLAP)
                                   / (room_w - _TILE_OVERLAP) - 1e-9))
        rows = max(1, math.ceil((band.height() - _TILE_OVERLAP)
                                / (room_h - _TILE_OVERLAP) - 1e-9))
        # full pages, the parts spread evenly so the last ends at the band's end (no sliver)
        tile_w, tile_h = min(room_w, band.width()), min(room_h, band.height())
        step_w = (band.width() - tile_w) / (columns - 1) if columns > 1 else 0.0
        step_h = (band.height() - tile_h) / (rows - 1) if rows > 1 else 0.0
        for row in range(rows):
            for column in range(columns):
                area = QRectF(band.left() + column * step_w, band.top() + row * step_h,
                              tile_w, tile_h)
                part = label
                if columns * rows > 1:
                    part = _("{lane} (part {number} of {count})").format(
                        lane=label, number=row * columns + column + 1, count=columns * rows)
                pieces.append(_Piece(part, area.intersected(band)))
    return factor, pieces


def _paint_diagram_pages(painter: QPainter, writer: QPdfWriter, diagram: Diagram, doc: Document,
                         margin: float, scale: float, numbers: dict[str, str],
                         marks: PdfMarks) -> int:
    """The diagram with each shape's section number, at a readable size (a lane at a time,
    as many to a page as fit, when the whole is too big for one page); each number links to its
    section. Returns the number of pages."""
    width = writer.width() - 2 * margin
    heading = _text_document(
        f"<h1 style='margin:0; font-size:14pt'>{html.escape(doc.title)}</h1>"
        "<p style='margin-top:1px; color:#546e7a'>"
        + html.escape(_("The whole process; each shape carries the number of its section in "
                        "the pages that follow.")) + "</p>", writer, width)
    top = margin + heading.size().height() + 6
    room = QSizeF(width, writer.height() - top - margin)
    factor, pieces = diagram_pieces(diagram, room, scale)
    marks.bookmarks.append(Bookmark(_("Diagram"), 0, margin))
    page, y = 0, top

    def start_page() -> None:
        painter.save()
        painter.translate(margin, margin)
        heading.drawContents(painter)
        painter.restore()

    start_page()
    for piece in pieces:
        label = _PIECE_LABEL if piece.label else 0.0
        height = piece.area.height() * factor + label
        if y > top and y + height > top + room.height():
            writer.newPage()
            page += 1
            y = top
            start_page()
        if label:
            painter.save()
            painter.setPen(QColor("#455a64"))
            painter.setFont(style.text_font(9, bold=True, text=piece.label))
            painter.drawText(QRectF(margin, y, width, label),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                             piece.label)
            painter.restore()
        used_w = piece.area.width() * factor
        origin = QPointF(margin + (width - used_w) / 2 if len(pieces) == 1 else margin,
                         y + label + (room.height() - height) / 2 * (len(pieces) == 1))
        _paint_piece(painter, diagram, piece.area, origin, factor, numbers, marks, page)
        y += height + _PIECE_GAP
    return page + 1


def _paint_piece(painter: QPainter, diagram: Diagram, area: QRectF, origin: QPointF,
                 factor: float, numbers: dict[str, str], marks: PdfMarks, page: int) -> None:
    painter.save()
    painter.setClipRect(QRectF(origin, area.size() * factor))
    painter.translate(origin)
    painter.scale(factor, factor)
    painter.translate(-area.topLeft())
    painter.fillRect(area, QColor(Qt.GlobalColor.white))
    diagram.paint(painter)
    for node in diagram.nodes:
        number = numbers.get(node.id)
        if number is None:
            continue
        rect = node_rect(node)
        _paint_number(painter, QPointF(rect.left() + 2, rect.top() + 2), number)
        shown = rect.adjusted(-_BADGE_RADIUS, -_BADGE_RADIUS, 0, 0).intersected(area)
        if not shown.isEmpty():
            x = origin.x() + (shown.left() - area.left()) * factor
            y = origin.y() + (shown.top() - area.top()) * factor
            marks.links.append((page, (x, y, shown.width() * factor, shown.height() * factor),
                                number))
    painter.setPen(QPen(QColor("#b0bec5"), 1.0 / factor))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(area)
    painter.restore()


def _paint_number(painter: QPainter, centre: QPointF, number: str) -> None:
    """A shape's section number in a blue disc on its top-left corner."""
    font = style.text_font(8, bold=True)
    width = max(2 * _BADGE_RADIUS, QFontMetricsF(font).horizontalAdvance(number) + 8)
    rect = QRectF(centre.x() - width / 2, centre.y() - _BADGE_RADIUS, width, 2 * _BADGE_RADIUS)
    painter.setPen(QPen(QColor(Qt.GlobalColor.white), 1.5))
    painter.setBrush(QColor("#1565c0"))
    painter.drawRoundedRect(rect, _BADGE_RADIUS, _BADGE_RADIUS)
    painter.setPen(QColor(Qt.GlobalColor.white))
    painter.setFont(font)
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), number)


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
    """Prints sections on portrait pages: a section that fits on a page is never split (its
    lines for notes included); one longer than a page runs over as many pages as it needs.
    Records in `marks` where each section starts (bookmarks, link targets) and where each of
    its "Then" items is (links to the section it names)."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, doc: Document,
                 margin: float, diagram_pages: int = 1, marks: PdfMarks | None = None) -> None:
        self.painter = painter
        self.writer = writer
        self.doc = doc
        self.margin = margin
        self.marks = marks if marks is not None else PdfMarks()
        self.width = writer.width() - 2 * margin
        self.number = diagram_pages + 1  # the diagram's pages come first
        self.footer = 22.0
        self.bottom = writer.height() - margin - self.footer
        self.y = margin
        self._paint_footer()

    def print(self, sections: list[_Section]) -> None:
        if not sections:
            self._draw(_text_document(
                f"<p><i>{html.escape(_('The process has no shapes yet.'))}</i></p>",
                                      self.writer, self.width))
        part = ""
        for section in sections:
            markup = section.html
            if section.heading:
                markup = (f"<h1 style='margin:0 0 6px 0; font-size:18pt; color:#263238'>"
                          f"{html.escape(section.heading)}</h1>" + markup)
            text = _text_document(markup, self.writer, self.width)
            page, y = self._draw(text, notes=True)
            if section.heading:
                part = section.heading
                self.marks.bookmarks.append(Bookmark(part, page, y))
            self.marks.bookmarks.append(Bookmark(section.title, page, y, part))
            self.marks.targets[section.number] = (page, y)
            if section.links and page == self.number - 1:  # on one page: link its items
                self._link_items(text, page, y, section.links)

    def _link_items(self, text: QTextDocument, page: int, y: float,
                    links: tuple[str, ...]) -> None:
        block = text.begin()
        items = iter(links)
        layout = text.documentLayout()
        while block.isValid():
            if block.textList() is not None:
                target = next(items, "")
                rect = layout.blockBoundingRect(block)
                if target:
                    self.marks.links.append((page, (self.margin + rect.left(), y + rect.top(),
                                                    rect.width(), rect.height()), target))
            block = block.next()

    def _draw(self, text: QTextDocument, notes: bool = False) -> tuple[int, float]:
        """Draws `text` (and the lines for notes); returns the page index and y it starts at."""
        height = text.size().height()
        extra = _NOTES_HEIGHT if notes else 0.0
        room = self.bottom - self.margin
        if self.y + height + extra > self.bottom and self.y > self.margin:
            self._new_page()
        start = (self.number - 1, self.y)
        if height + extra <= room:
            self.painter.save()
            self.painter.translate(self.margin, self.y)
            text.drawContents(self.painter)
            self.painter.restore()
            self.y += height
            if notes:
                self._notes()
            self.y += _SECTION_GAP
            self._rule()
            return start
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
        return start

    def _notes(self) -> None:
        """'Notes' and a few ruled lines for the trainee's own words."""
        painter = self.painter
        painter.save()
        painter.setFont(style.text_font(8))
        painter.setPen(QColor("#90a4ae"))
        painter.drawText(QRectF(self.margin, self.y + 2, self.width, 14),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         _("Notes"))
        painter.setPen(QPen(QColor("#cfd8dc"), 0.8, Qt.PenStyle.DotLine))
        for line in range(1, _NOTE_LINES + 1):
            line_y = self.y + 4 + line * _NOTE_LINE_GAP
            painter.drawLine(QPointF(self.margin, line_y), QPointF(self.margin + self.width,
                                                                   line_y))
        painter.restore()
        self.y += _NOTES_HEIGHT

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
