"""Exporting a document as PNG, SVG or PDF: the canvas's own painting code, headless.

One rendering path: `Diagram` lays out what to draw (lanes, arrows, shapes) in scene coordinates
and paints it with the same functions the canvas items use (`paint_lane`, `route` + `paint_edge`,
`paint_node`), cropped to the diagram with a margin. It draws no selection, no handles and no grid;
problem flags only when asked. The editor's File > Export and `flowedit export` both call
`export_document` (or `render_bytes` to get the file's bytes without writing them).

Needs a QGuiApplication (fonts); paints on QImage, QSvgGenerator and QPdfWriter, so it works with
the offscreen platform and no display.
"""

from __future__ import annotations

import io
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)
from PySide6.QtSvg import QSvgGenerator

from flowedit import __version__
from flowedit.analysis import Severity, check_document
from flowedit.i18n import _, format_general
from flowedit.io import FlowSaveError
from flowedit.io.atomic import write_atomic
from flowedit.model import Document, Lane, Node, NodeKind
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, lane_bands
from flowedit.render import style
from flowedit.render.decorations import DecorationError, Decorations, DiagramFrame
from flowedit.render.edges import EdgeRoute
from flowedit.render.labels import label_layout
from flowedit.render.painting import (
    paint_edge,
    paint_lane,
    paint_metrics_badge,
    paint_metrics_highlight,
    paint_node,
)
from flowedit.render.pdf_text import restore_han
from flowedit.render.shapes import node_rect
from flowedit.render.svg_fonts import embed_fonts

if TYPE_CHECKING:  # the metrics (numpy, scipy) load only for an export that draws them
    from flowedit.render.metrics_overlay import Overlay

#: Output formats, by file extension (without the dot, lower case).
FORMATS = ("png", "svg", "pdf")
#: Paper sizes for `page` (PDF only); the page is landscape with the diagram fitted on it.
PAGES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter,
         "a3": QPageSize.PageSizeId.A3}  # A3: a handout's diagram on fewer, bigger pages

#: Empty room around the diagram, in scene pixels.
MARGIN = 20.0
#: The size of the owner and duration written under a shape (`details`).
DETAILS_PT = 7.5
#: Room between the paper's edge and the diagram on an A4 or Letter page, in millimetres.
PAGE_MARGIN_MM = 10.0
#: Scene and SVG/PDF user units are CSS pixels: 96 to the inch, as on a screen at 100 %.
SCENE_DPI = 96
#: The largest PDF page viewers accept (Acrobat: 200 inches); a bigger diagram is scaled down.
MAX_PDF_POINTS = 14_400.0
MAX_SCALE = 50.0
MIN_DPI, MAX_DPI = 10.0, 2400.0
#: Limits on a PNG's size: what PNG viewers open. Painting in strips keeps the export's own
#: memory bounded at any size (render/png_stream.py), but a viewer decodes the whole picture, 4
#: bytes a pixel: sides beyond 16 bits, or beyond 2 GiB decoded, where 32-bit sizes overflow,
#: are past many viewers and image libraries.
MAX_PNG_SIDE = 65_535
MAX_PNG_PIXELS = 2**29

#: Width of the band an empty lane shows to the right of its header.
_EMPTY_LANE_WIDTH = 200.0
#: How far the red badge of a flagged shape reaches beyond its outline.
_BADGE_REACH = 12.0
#: How far the metrics overlay (badges, tags, highlight) reaches beyond a shape's outline.
_OVERLAY_REACH = 30.0
_MM_PER_INCH = 25.4


class ExportError(Exception):
    """An export that cannot be made; the message says why, for the person who asked for it."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to export; `dpi` is for PNG only and `page` for PDF only."""

    scale: float = 1.0
    dpi: float | None = None
    transparent: bool = False
    lane: str | None = None
    page: str | None = None
    flags: bool = False
    #: Draw the metrics overlay (shares, days, flow widths, bottleneck) for this many leads.
    metrics: bool = False
    leads: float = 1000.0
    #: A title above the diagram ("" for the process's own title; None for none).
    title: str | None = None
    #: A legend under the diagram: the shapes and colours it uses.
    legend: bool = False
    #: The headline figures (leads, win rate, days to win, bottleneck) under the title.
    headline: bool = False
    #: Each shape's owner and duration written under it.
    details: bool = False


def format_of(path: str | os.PathLike[str]) -> str:
    """The format a file name asks for ('png', 'svg' or 'pdf'), from its extension."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        given = (_("'.{suffix}' is not an export format").format(suffix=suffix) if suffix
                 else _("the name has no extension"))
        raise ExportError(_("cannot export to {file}: {reason}; end the name with .png, .svg or "
                            ".pdf").format(file=os.fspath(path), reason=given))
    return suffix


def check_options(fmt: str, options: ExportOptions) -> None:
    """Raises ExportError when an option is out of range or does not apply to the format."""
    if not (math.isfinite(options.scale) and 0 < options.scale <= MAX_SCALE):
        raise ExportError(_("the scale must be greater than 0 and at most {most}, not "
                            "{value}").format(most=format_general(MAX_SCALE),
                                              value=f"{options.scale:g}"))
    if options.dpi is not None:
        if fmt != "png":
            raise ExportError(_("--dpi applies to PNG only; {format} is drawn as vectors at "
                                "any resolution (use --scale to change its size)").format(
                format=fmt.upper()))
        if not (math.isfinite(options.dpi) and MIN_DPI <= options.dpi <= MAX_DPI):
            raise ExportError(_("the dpi must be between {least} and {most}, not {value}").format(
                least=format_general(MIN_DPI), most=format_general(MAX_DPI),
                value=f"{options.dpi:g}"))
    if options.page is not None:
        if fmt != "pdf":
            raise ExportError(_("--page applies to PDF only, not to {format}").format(
                format=fmt.upper()))
        if options.page not in PAGES:
            raise ExportError(_("unknown page size {page}: use {pages}").format(
                page=repr(options.page), pages=_(" or ").join(PAGES)))


# ---------------------------------------------------------------------------------- layout
@dataclass(frozen=True, slots=True)
class _Arrow:
    edge_id: str
    route: EdgeRoute
    label: str | None
    label_rect: QRectF | None


class Diagram:
    """What an export draws, laid out in scene coordinates, and the rectangle it fills.

    `lane` keeps only that lane's band, the shapes in it and the arrows between them. `flags`
    marks the shapes the checks find an error in, as the canvas does.
    """

    def __init__(self, doc: Document, *, lane: str | None = None, flags: bool = False,
                 metrics: bool = False, leads: float = 1000.0,
                 decorations: Decorations | None = None) -> None:
        if lane is not None and not doc.has_lane(lane):
            known = ", ".join(item.id for item in doc.lanes)
            raise ExportError(_("there is no lane {lane}; {known}").format(
                lane=repr(lane), known=_("the lanes are: {lanes}").format(lanes=known) if known
                else _("the process has none")))
        self.doc = doc
        self.nodes: list[Node] = [node for node in doc.nodes.values()
                                  if lane is None or node.lane == lane]
        kept = {node.id for node in self.nodes}
        self.details: dict[str, tuple[str, QRectF]] = {}
        self.flagged: frozenset[str] = frozenset()
        if flags:
            self.flagged = frozenset(
                problem.node for problem in check_document(doc)
                if problem.node in kept and problem.severity is Severity.ERROR)
        self.overlay: Overlay | None = None
        if metrics:
            from flowedit.analysis.metrics import MetricsError, compute_metrics
            from flowedit.render.metrics_overlay import overlay_for

            try:
                self.overlay = overlay_for(doc, compute_metrics(doc, leads))
            except MetricsError as error:
                raise ExportError(_("cannot draw the metrics: {reason}").format(
                    reason=error)) from None
        decorations = decorations or Decorations()
        if decorations.details:
            self.details = {node.id: (text, _details_rect(node, text, self.overlay is not None))
                            for node in self.nodes if (text := details_text(node))}
        self.arrows: list[_Arrow] = []
        shown = [edge.id for edge in doc.edges.values()
                 if edge.source in kept and edge.target in kept]
        captions = [rect for _text, rect in self.details.values()]
        for edge_id, (path, rect) in label_layout(doc, shown, captions).items():
            self.arrows.append(_Arrow(edge_id, path, doc.edges[edge_id].label, rect))
        content = self._content_rect()
        #: (lane, band, index in the document): the index picks the band's colour, as on canvas.
        self.lanes: list[tuple[Lane, QRectF, int]] = []
        bands = lane_bands(doc)
        if content.isNull():
            left, right = 0.0, LANE_HEADER_WIDTH + _EMPTY_LANE_WIDTH
        else:
            left = content.left() - LANE_PADDING - LANE_HEADER_WIDTH
            right = content.right() + LANE_PADDING
        for index, item in enumerate(doc.lanes):
            if lane is None or item.id == lane:
                top, bottom = bands[item.id]
                self.lanes.append((item, QRectF(left, top, right - left, bottom - top), index))
        area = content
        for _lane, band, _colour in self.lanes:
            area = area.united(band)
        if area.isNull():  # nothing at all to draw: an empty page of margin
            area = QRectF(0, 0, 1, 1)
        try:
            self.frame = DiagramFrame(doc, area, decorations, self.overlay, leads, self.nodes)
        except DecorationError as error:
            raise ExportError(str(error)) from None
        area = area.united(self.frame.rect)
        #: The rectangle an export shows, margin included, in scene coordinates.
        self.bounds = area.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        self._cells: _ReachIndex | None = None
        self._meeting_routes: dict[str, list[EdgeRoute]] | None = None

    def _content_rect(self) -> QRectF:
        """Shapes, arrows and labels, with room for pens (and badges when flagged)."""
        rect = QRectF()
        for _text, rect_of_text in self.details.values():
            rect = rect.united(rect_of_text)
        for node in self.nodes:
            reach = _BADGE_REACH if node.id in self.flagged else 2.0
            if self.overlay is not None:
                reach = max(reach, _OVERLAY_REACH)
            rect = rect.united(node_rect(node).adjusted(-reach, -reach, reach, reach))
        for arrow in self.arrows:
            rect = rect.united(arrow.route.line.boundingRect().adjusted(-2, -2, 2, 2))
            rect = rect.united(arrow.route.head.boundingRect().adjusted(-1, -1, 1, 1))
            if arrow.label_rect is not None:
                rect = rect.united(arrow.label_rect)
        return rect

    def paint_at_origin(self, painter: QPainter, white: bool = True) -> None:
        """Paints with the top-left of `bounds` at the painter's origin, on white unless asked
        not to: what every export format and the handout do."""
        painter.translate(-self.bounds.topLeft())
        if white:
            painter.fillRect(self.bounds, QColor(Qt.GlobalColor.white))
        self.paint(painter)

    def paint(self, painter: QPainter, shown: Callable[[Node], Node] | None = None,
              label: Callable[[str], str | None] | None = None,
              area: QRectF | None = None) -> None:
        """Paints in scene coordinates: lanes, arrows, then shapes, as the canvas stacks them.
        The one drawing of a whole diagram, for every export, the handout and the presenter;
        `shown` lets a caller change what a shape shows and `label` (edge id -> text) what an
        arrow's label says (the presenter's quiz hides the names of the shapes not reached yet
        and the labels of their arrows). With `area` (scene coordinates) only the arrows,
        shapes and captions that reach into it are painted: a PNG painted in strips asks for
        each strip's own, so a strip costs what it shows (render/png_stream.py)."""
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing
                               | QPainter.RenderHint.SmoothPixmapTransform)
        for lane, band, index in self.lanes:
            painter.save()
            paint_lane(painter, lane, band, index, LANE_HEADER_WIDTH)
            painter.restore()
        self.paint_contents(painter, shown, label, area)
        self.frame.paint(painter)

    def paint_contents(self, painter: QPainter, shown: Callable[[Node], Node] | None = None,
                       label: Callable[[str], str | None] | None = None,
                       area: QRectF | None = None) -> None:
        """Arrows, shapes and the text under them, without the lanes and the frame (a slide
        shows pieces of them under lane bands of its own, render/slides.py); only those that
        reach into `area` when given (see `paint`)."""
        overlay = self.overlay
        arrows, nodes, details = (self._reaching(area) if area is not None
                                  else (self.arrows, self.nodes, list(self.details.values())))
        for arrow in arrows:
            painter.save()
            width = overlay.edge_widths.get(arrow.edge_id, 1.6) if overlay else 1.6
            paint_edge(painter, arrow.route,
                       label(arrow.edge_id) if label else arrow.label,
                       label_rect=arrow.label_rect, width=width)
            painter.restore()
        meeting = self._meeting() if overlay else {}
        for node in nodes:
            painter.save()
            tag = overlay.tags.get(node.id) if overlay else None
            if tag:
                paint_metrics_highlight(painter, node, tag[1])
            paint_node(painter, shown(node) if shown else node, flagged=node.id in self.flagged)
            if overlay and node.id in overlay.badges:
                paint_metrics_badge(painter, node, overlay.badges[node.id],
                                    *(tag if tag else (None, None)),
                                    arrows=meeting.get(node.id, ()))
            painter.restore()
        for text, rect in details:
            painter.setPen(style.ARROW)
            painter.setFont(style.text_font(DETAILS_PT, text=text))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), style.drawable(text))

    def _meeting(self) -> dict[str, list[EdgeRoute]]:
        """The arrows that meet each shape (its overlay pills slide clear of them); once."""
        if self._meeting_routes is None:
            meeting: dict[str, list[EdgeRoute]] = {}
            for arrow in self.arrows:
                edge = self.doc.edges[arrow.edge_id]
                for end in {edge.source, edge.target}:
                    meeting.setdefault(end, []).append(arrow.route)
            self._meeting_routes = meeting
        return self._meeting_routes

    def _reaching(self, area: QRectF) -> tuple[list[_Arrow], list[Node], list[tuple[str, QRectF]]]:
        """The arrows, shapes and captions whose drawing may reach into `area`, in painting
        order. Found through bands of _CELL scene units, indexed on first use, so the strips of
        a tall PNG do not each look at every item."""
        if self._cells is None:
            self._cells = _ReachIndex(self)
        return self._cells.reaching(area)


#: Height of a band of the reach index, in scene units.
_CELL = 512.0
#: How far past its shape a shape's drawing may reach (flag badge, metrics pills and highlight,
#: milestone flag), with room to spare: a strip skips a shape only when it is farther away.
_NODE_REACH = 2 * _OVERLAY_REACH


class _ReachIndex:
    """Which items' drawings reach into a rectangle, by bands of _CELL scene units."""

    def __init__(self, diagram: Diagram) -> None:
        overlay = diagram.overlay
        arrows = []
        for arrow in diagram.arrows:
            width = overlay.edge_widths.get(arrow.edge_id, 1.6) if overlay else 1.6
            rect = arrow.route.line.boundingRect().united(arrow.route.head.boundingRect())
            if arrow.label_rect is not None:
                rect = rect.united(arrow.label_rect)
            reach = 8 + 4 * width  # round caps and joins, and a head drawn for a wide arrow
            arrows.append(rect.adjusted(-reach, -reach, reach, reach))
        nodes = [node_rect(node).adjusted(-_NODE_REACH, -_NODE_REACH, _NODE_REACH, _NODE_REACH)
                 for node in diagram.nodes]
        details = [rect.adjusted(-8, -8, 8, 8) for _text, rect in diagram.details.values()]
        self._items = (diagram.arrows, diagram.nodes, list(diagram.details.values()))
        self._rects = (arrows, nodes, details)
        self._bands: dict[int, tuple[list[int], list[int], list[int]]] = {}
        for group, rects in enumerate(self._rects):
            for number, rect in enumerate(rects):
                for band in range(_band(rect.top()), _band(rect.bottom()) + 1):
                    self._bands.setdefault(band, ([], [], []))[group].append(number)

    def reaching(self, area: QRectF) -> tuple[list[_Arrow], list[Node], list[tuple[str, QRectF]]]:
        found: tuple[set[int], set[int], set[int]] = (set(), set(), set())
        for band in range(_band(area.top()), _band(area.bottom()) + 1):
            for group, numbers in enumerate(self._bands.get(band, ())):
                found[group].update(numbers)
        arrows, nodes, details = (
            [items[number] for number in sorted(numbers) if rects[number].intersects(area)]
            for items, rects, numbers in zip(self._items, self._rects, found, strict=True))
        return arrows, nodes, details


def _band(y: float) -> int:
    return math.floor(y / _CELL)


def details_text(node: Node) -> str:
    """What `details` writes under a shape: its owner and how long it takes."""
    parts = [node.owner or ""]
    if node.kind is not NodeKind.END and node.duration_days:
        parts.append(f"{node.duration_days:g} d")
    return " · ".join(part for part in parts if part)


def _details_rect(node: Node, text: str, overlay: bool) -> QRectF:
    rect = node_rect(node)
    width = max(rect.width() + 40, QFontMetricsF(style.text_font(DETAILS_PT, text=text))
                .horizontalAdvance(text) + 6)
    top = rect.bottom() + (10 if overlay else 2)
    return QRectF(rect.center().x() - width / 2, top, width, 14)


# ---------------------------------------------------------------------------------- formats
def export_document(doc: Document, path: str | os.PathLike[str],
                    options: ExportOptions | None = None) -> None:
    """Writes the document to `path` as the format its extension names; atomically: the file is
    rendered in memory, written beside `path` and renamed over it, so a failure never leaves a
    half-written file. Raises ExportError saying why it failed."""
    options = options or ExportOptions()
    fmt = format_of(path)
    if fmt == "png":  # streamed into the file strip by strip, never whole in memory
        from flowedit.render.png_export import export_png

        export_png(_diagram(doc, fmt, options), path, options)
        return
    data = render_bytes(doc, fmt, options)
    try:
        write_atomic(path, data)
    except FlowSaveError as error:
        raise ExportError(_("cannot write {file}: {reason}").format(
            file=os.fspath(path), reason=error.reason)) from None


def render_bytes(doc: Document, fmt: str, options: ExportOptions | None = None) -> bytes:
    """The bytes of the document exported as `fmt` ('png', 'svg' or 'pdf')."""
    options = options or ExportOptions()
    if fmt == "pdf" and doc.has_subprocesses():  # a page per level, linked
        _check_export(fmt, options)
        return _render_pdf_pages(_level_diagrams(doc, options), options)
    diagram = _diagram(doc, fmt, options)
    render = {"png": _render_png, "svg": _render_svg, "pdf": _render_pdf}[fmt]
    return render(diagram, options)


def _check_export(fmt: str, options: ExportOptions) -> None:
    if fmt not in FORMATS:
        raise ExportError(_("unknown export format {format}: use png, svg or pdf").format(
            format=repr(fmt)))
    check_options(fmt, options)
    if QGuiApplication.instance() is None:
        raise ExportError(_("exporting needs a QGuiApplication (for fonts); create one first"))


def _diagram(doc: Document, fmt: str, options: ExportOptions) -> Diagram:
    """The diagram an export of `fmt` draws, once the format and options are checked."""
    _check_export(fmt, options)
    return Diagram(doc, lane=options.lane, flags=options.flags, metrics=options.metrics,
                   leads=options.leads, decorations=Decorations.of(options))


def png_size(diagram: Diagram, options: ExportOptions) -> QSize:
    """The pixel size a PNG of the diagram gets: scene size × scale × dpi / 96."""
    factor = _png_factor(options)
    return QSize(max(1, math.ceil(diagram.bounds.width() * factor - 1e-6)),
                 max(1, math.ceil(diagram.bounds.height() * factor - 1e-6)))


def _png_factor(options: ExportOptions) -> float:
    return options.scale * (options.dpi / SCENE_DPI if options.dpi else 1.0)


def _render_png(diagram: Diagram, options: ExportOptions) -> bytes:
    from flowedit.render.png_export import write_diagram_png

    out = io.BytesIO()
    write_diagram_png(out, diagram, options)
    return out.getvalue()


def png_bytes(image: QImage) -> bytes:
    """The image as PNG bytes, signed with flowedit's version (every PNG export ends here:
    through png_stream's encoder, as the diagram's PNG streamed strip by strip)."""
    from flowedit.render.png_stream import PngWriter

    texts = {key: image.text(key) for key in image.textKeys() if key}
    texts["Software"] = f"flowedit {__version__}"
    out = io.BytesIO()
    writer = PngWriter(out, image.width(), image.height(), alpha=image.hasAlphaChannel(),
                       dpi=image.dotsPerMeterX() * _MM_PER_INCH / 1000, texts=texts.items())
    writer.add_rows(image, image.height())
    writer.finish()
    return out.getvalue()


def _render_svg(diagram: Diagram, options: ExportOptions) -> bytes:
    bounds = diagram.bounds
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # SVG 1.1 (not the default Tiny 1.2) keeps the canvas's text clipping as clip-paths.
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setOutputDevice(buffer)
    generator.setResolution(SCENE_DPI)
    generator.setSize(QSize(max(1, round(bounds.width() * options.scale)),
                            max(1, round(bounds.height() * options.scale))))
    generator.setViewBox(QRectF(0, 0, bounds.width(), bounds.height()))
    generator.setTitle(style.drawable(diagram.doc.title))
    generator.setDescription(f"Exported by flowedit {__version__}")
    painter = QPainter(generator)
    try:
        diagram.paint_at_origin(painter, white=not options.transparent)
    finally:
        painter.end()
    buffer.close()
    return embed_fonts(bytes(data.data()))


def _render_pdf(diagram: Diagram, options: ExportOptions) -> bytes:
    return _render_pdf_pages([((), diagram)], options)


def _level_diagrams(doc: Document, options: ExportOptions) -> list[tuple[tuple[str, ...],
                                                                        Diagram]]:
    """One diagram per level of the process, the top first (issue 18): a PDF has a page for
    each. The lane option picks a lane of the top level only."""
    from flowedit.model.subprocess import levels

    return [(level.path, Diagram(level.doc, lane=options.lane if not level.path else None,
                                 flags=options.flags, metrics=options.metrics,
                                 leads=options.leads, decorations=Decorations.of(options)))
            for level in levels(doc)]


def _render_pdf_pages(pages: list[tuple[tuple[str, ...], Diagram]],
                      options: ExportOptions) -> bytes:
    """A PDF with a page per diagram; a stage whose sub-process has a page of its own is a
    link to that page (render/pdf_links.py)."""
    from flowedit.render.pdf_links import PageLink, PdfLinkError, add_page_links

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(SCENE_DPI)  # one painter unit = one scene pixel at scale 1
    writer.setTitle(style.drawable(pages[0][1].doc.title))
    writer.setCreator(f"flowedit {__version__}")
    page_of = {path: number for number, (path, _diagram) in enumerate(pages)}
    links: list[PageLink] = []
    painter = QPainter()
    try:
        for number, (path, diagram) in enumerate(pages):
            layout, margin = _pdf_layout(diagram, options)
            if not writer.setPageLayout(layout):
                raise ExportError(_("Qt refused the PDF page size"))
            if number == 0:
                painter.begin(writer)
            else:
                writer.newPage()
            bounds = diagram.bounds
            # Fit the diagram into the page and centre it: a page made to its size takes it
            # exactly (× scale); an A4 or Letter sheet is filled to its margins.
            room_w = writer.width() - 2 * margin
            room_h = writer.height() - 2 * margin
            factor = min(room_w / bounds.width(), room_h / bounds.height())
            if options.page is None:
                factor = min(factor, options.scale)
            left = (writer.width() - bounds.width() * factor) / 2
            top = (writer.height() - bounds.height() * factor) / 2
            painter.save()
            painter.translate(left, top)
            painter.scale(factor, factor)
            diagram.paint_at_origin(painter, white=not options.transparent)
            painter.restore()
            height = layout.fullRectPoints().height()
            points = 72 / SCENE_DPI
            for node in diagram.doc.nodes.values():
                target = page_of.get((*path, node.id))
                if target is None:
                    continue
                rect = node_rect(node)
                x0 = (left + (rect.left() - bounds.left()) * factor) * points
                x1 = (left + (rect.right() - bounds.left()) * factor) * points
                y0 = (top + (rect.top() - bounds.top()) * factor) * points
                y1 = (top + (rect.bottom() - bounds.top()) * factor) * points
                links.append(PageLink(number, (x0, height - y1, x1, height - y0), target))
    finally:
        if painter.isActive():
            painter.end()
    buffer.close()
    pdf = restore_han(bytes(data.data()),
                      "\n".join(document_text(diagram.doc) for _path, diagram in pages))
    try:
        return add_page_links(pdf, links)
    except PdfLinkError:
        return pdf  # the pages without their links rather than no file


def _pdf_layout(diagram: Diagram, options: ExportOptions) -> tuple[QPageLayout, float]:
    """The page a diagram is drawn on, and its margin in scene pixels."""
    bounds = diagram.bounds
    if options.page is None:
        points_per_px = 72 / SCENE_DPI * options.scale
        width, height = bounds.width() * points_per_px, bounds.height() * points_per_px
        shrink = min(1.0, MAX_PDF_POINTS / width, MAX_PDF_POINTS / height)
        page = QPageSize(QSizeF(max(1.0, width * shrink), max(1.0, height * shrink)),
                         QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
        return QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF()), 0.0
    # the sheet turned the way the diagram is: a tall process on a portrait page
    orientation = (QPageLayout.Orientation.Portrait if bounds.height() > bounds.width()
                   else QPageLayout.Orientation.Landscape)
    return (QPageLayout(QPageSize(PAGES[options.page]), orientation, QMarginsF()),
            PAGE_MARGIN_MM / _MM_PER_INCH * SCENE_DPI)


def document_text(doc: Document) -> str:
    """Every piece of text a document can show: what a PDF of it may have drawn."""
    parts = [doc.title]
    parts += [lane.name for lane in doc.lanes]
    for node in doc.nodes.values():
        parts += [node.name, node.owner or "", node.description or ""]
    parts += [edge.label or "" for edge in doc.edges.values()]
    return "\n".join(parts)
