"""16:9 slides of a process (`flowedit export FILE -o OUT.png --slide`, File › Export): the
diagram cut into pieces that each fit a 1920×1080 slide at a size where its smallest text stays
at least 10 pt, stacked as rows on as few slides as that allows.

A long process is wrapped into rows: it is cut between columns of shapes (never through a shape
or a label), each piece keeps every lane and gets the lane headers again, and the pieces go one
under the other. When the lanes together are too tall for a slide at that size, each lane is cut
and stacked on its own instead ("split by lane"). The slide is 1920 × 1080 pixels at 96 pixels
per inch, the unit of every export (`--scale 1`: one scene pixel per pixel, or per 1/96 inch), so
a text of 10 pt on it is 13.3 pixels high.

Pieces are planned first (`plan_slides`, in scene and slide coordinates, which the tests check)
and then drawn with the one drawing of a diagram (`Diagram.paint_contents`) under lane bands of
their own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from flowedit import __version__
from flowedit.i18n import _
from flowedit.io import FlowSaveError
from flowedit.io.atomic import write_atomic
from flowedit.model import Document
from flowedit.model.geometry import LANE_HEADER_WIDTH, lane_bands
from flowedit.render import style
from flowedit.render.decorations import Decorations
from flowedit.render.export import (
    DETAILS_PT,
    SCENE_DPI,
    Diagram,
    ExportError,
    ExportOptions,
    check_options,
    document_text,
    format_of,
    png_bytes,
)
from flowedit.render.painting import EDGE_LABEL_PT, LANE_NAME_PT, name_point_size, paint_lane
from flowedit.render.pdf_text import restore_han
from flowedit.render.shapes import node_rect
from flowedit.render.svg_fonts import embed_fonts

#: The slide, in pixels (16:9, full HD).
SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
#: No text on a slide smaller than this, in points (1/72 inch at 96 pixels per inch).
MIN_TEXT_PT = 10.0
#: Free space around a slide's content and between its rows, in slide pixels.
SLIDE_MARGIN = 48.0
ROW_GAP = 32.0
#: Room kept beside a cut so an arrow reaching the edge of a piece still reads as going on.
_CUT_ROOM = 12.0


@dataclass(frozen=True, slots=True)
class SlidePiece:
    """A piece of the diagram on a slide: the scene rectangle `source` (without the lane
    header, which the piece draws again on its left) shown at `target` on the slide."""

    source: QRectF
    lanes: tuple[str, ...]  # the lanes whose bands it shows (none for a process without lanes)
    target: QRectF


@dataclass(frozen=True, slots=True)
class SlidePlan:
    scale: float  # slide pixels per scene unit
    smallest_text_pt: float  # the smallest text of the diagram, at scale 1
    slides: list[list[SlidePiece]]

    @property
    def text_pt(self) -> float:
        """The smallest text as the slides show it."""
        return self.smallest_text_pt * self.scale


def smallest_text_pt(diagram: Diagram) -> float:
    """The smallest text the diagram draws: shape names (shrunk to fit, down to 7 pt), arrow
    labels, lane names and the details under shapes."""
    sizes = [name_point_size(node) for node in diagram.nodes if node.name]
    sizes += [EDGE_LABEL_PT for arrow in diagram.arrows if arrow.label]
    sizes += [LANE_NAME_PT for _lane in diagram.lanes]
    sizes += [DETAILS_PT for _text in diagram.details.values()]
    return min(sizes, default=LANE_NAME_PT)


def plan_slides(diagram: Diagram) -> SlidePlan:
    """Where each piece of the diagram goes on which slide (see the module's docstring)."""
    smallest = smallest_text_pt(diagram)
    room_w = SLIDE_WIDTH - 2 * SLIDE_MARGIN
    room_h = SLIDE_HEIGHT - 2 * SLIDE_MARGIN
    header = LANE_HEADER_WIDTH if diagram.lanes else 0.0
    content = diagram.bounds
    start = diagram.lanes[0][1].left() + header if diagram.lanes else content.left()
    whole = QRectF(start, content.top(), content.right() - start, content.height())
    everything = [lane.id for lane, _band, _index in diagram.lanes]
    scale = MIN_TEXT_PT / smallest
    fit = min(room_w / content.width(), room_h / content.height())
    if fit >= scale:  # all on one slide, as large as it goes
        return SlidePlan(fit, smallest, [[_piece(whole, tuple(everything), fit, header,
                                                 None)]])
    bands: list[tuple[QRectF, tuple[str, ...]]] = [(whole, tuple(everything))]
    if whole.height() * scale > room_h and diagram.lanes:  # split by lane
        spans = lane_bands(diagram.doc)
        bands = []
        for lane, _band, _index in diagram.lanes:
            members = [node_rect(node) for node in diagram.nodes if node.lane == lane.id]
            if not members:
                continue
            left = min(rect.left() for rect in members) - 2 * _CUT_ROOM
            right = max(rect.right() for rect in members) + 2 * _CUT_ROOM
            top, bottom = spans[lane.id]
            bands.append((QRectF(left, top, right - left, bottom - top), (lane.id,)))
    tallest = max(band.height() for band, _lanes in bands)
    scale = min(scale, room_h / tallest)  # a lane taller than a slide: it must shrink
    pieces: list[tuple[QRectF, tuple[str, ...]]] = []
    for band, lanes in bands:
        for left, right in _cuts(diagram, band, lanes, room_w / scale - header):
            source = QRectF(left, band.top(), right - left, band.height())
            if any(source.intersects(node_rect(node)) for node in diagram.nodes):
                pieces.append((source, lanes))
    slides: list[list[SlidePiece]] = [[]]
    top = SLIDE_MARGIN
    for source, lanes in pieces:
        height = source.height() * scale
        if slides[-1] and top + height > SLIDE_HEIGHT - SLIDE_MARGIN + 0.01:
            slides.append([])
            top = SLIDE_MARGIN
        slides[-1].append(_piece(source, lanes, scale, header, top))
        top += height + ROW_GAP
    return SlidePlan(scale, smallest, slides)


def _piece(source: QRectF, lanes: tuple[str, ...], scale: float, header: float,
           top: float | None) -> SlidePiece:
    """The piece at `top` on its slide, or in the middle of it (None)."""
    width, height = (source.width() + header) * scale, source.height() * scale
    if top is None:
        return SlidePiece(source, lanes, QRectF((SLIDE_WIDTH - width) / 2,
                                                (SLIDE_HEIGHT - height) / 2, width, height))
    return SlidePiece(source, lanes, QRectF(SLIDE_MARGIN, top, width, height))


def _cuts(diagram: Diagram, band: QRectF, lanes: tuple[str, ...], widest: float
          ) -> list[tuple[float, float]]:
    """Left and right edges of the pieces a band is cut into: each at most `widest` wide, cut
    in the gaps between shapes and labels (a shape wider than a piece gets a piece of its
    own)."""
    solid: list[tuple[float, float]] = []
    for node in diagram.nodes:
        rect = node_rect(node)
        if (not lanes or node.lane in lanes) and rect.intersects(band):
            solid.append((rect.left() - _CUT_ROOM, rect.right() + _CUT_ROOM))
    for arrow in diagram.arrows:
        if arrow.label_rect is not None and arrow.label_rect.intersects(band):
            solid.append((arrow.label_rect.left() - 2, arrow.label_rect.right() + 2))
    for text_rect in (rect for _text, rect in diagram.details.values()):
        if text_rect.intersects(band):
            solid.append((text_rect.left() - 2, text_rect.right() + 2))
    solid.sort()
    blocks: list[list[float]] = []  # overlapping spans merged: never cut inside one
    for low, high in solid:
        if blocks and low <= blocks[-1][1]:
            blocks[-1][1] = max(blocks[-1][1], high)
        else:
            blocks.append([low, high])
    cuts: list[tuple[float, float]] = []
    left, right_end = band.left(), band.right()
    index = 0
    while right_end - left > widest + 0.01:
        limit = left + widest
        cut = None
        while index < len(blocks) and blocks[index][1] <= limit:
            if blocks[index][1] > left:
                cut = blocks[index][1]  # just after the last block that fits
            index += 1
        if cut is None and index < len(blocks) and blocks[index][0] > limit:
            cut = blocks[index][0] - _CUT_ROOM  # an empty stretch: skipped (no shape in it)
        elif cut is None:  # one block wider than a piece: it gets a piece of its own
            cut = max(blocks[index][1], left + 1.0) if index < len(blocks) else limit
            index += 1
        if index < len(blocks) and blocks[index][0] > cut:  # cut in the middle of the gap
            cut = min((cut + blocks[index][0]) / 2, limit)
        cuts.append((left, cut))
        left = cut
    cuts.append((left, right_end))
    return cuts


# ---------------------------------------------------------------------------------- drawing
def paint_slide(painter: QPainter, diagram: Diagram, pieces: list[SlidePiece],
                scale: float) -> None:
    """One slide: white, then each piece under lane bands and headers of its own."""
    painter.fillRect(QRectF(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT), QColor(Qt.GlobalColor.white))
    lanes = {lane.id: (lane, index) for lane, _band, index in diagram.lanes}
    spans = lane_bands(diagram.doc)
    header = LANE_HEADER_WIDTH if diagram.lanes else 0.0
    for piece in pieces:
        source = piece.source
        painter.save()
        painter.translate(piece.target.topLeft())
        painter.scale(scale, scale)
        painter.translate(-(source.left() - header), -source.top())
        painter.setRenderHints(QPainter.RenderHint.Antialiasing
                               | QPainter.RenderHint.TextAntialiasing)
        for lane_id in piece.lanes:
            lane, index = lanes[lane_id]
            top, bottom = spans[lane_id]
            band = QRectF(source.left() - header, top, source.width() + header, bottom - top)
            painter.save()
            paint_lane(painter, lane, band, index, header)
            painter.restore()
        painter.setClipRect(source)
        diagram.paint_contents(painter)
        painter.restore()


def slide_paths(path: str | os.PathLike[str], count: int) -> list[Path]:
    """OUT.png for one slide; OUT-1.png, OUT-2.png … for more (a PDF has them as pages)."""
    path = Path(path)
    if count == 1 or path.suffix.lower() == ".pdf":
        return [path]
    return [path.with_name(f"{path.stem}-{number}{path.suffix}")
            for number in range(1, count + 1)]


def export_slides(doc: Document, path: str | os.PathLike[str],
                  options: ExportOptions | None = None) -> list[Path]:
    """Writes the slides (PNG or SVG: one file each; PDF: one page each) and returns the files
    written. Raises ExportError saying why it cannot."""
    options = options or ExportOptions()
    fmt = format_of(path)
    check_options(fmt, options)
    if options.title is not None or options.legend or options.headline or options.page:
        raise ExportError(_("a slide shows the diagram alone: leave out the title, legend, "
                            "headline and page options"))
    diagram = Diagram(doc, lane=options.lane, flags=options.flags, metrics=options.metrics,
                      leads=options.leads, decorations=Decorations.of(options))
    plan = plan_slides(diagram)
    paths = slide_paths(path, len(plan.slides))
    if fmt == "pdf":
        files = [_pdf(diagram, plan)]
    else:
        render = _png if fmt == "png" else _svg
        files = [render(diagram, pieces, plan.scale) for pieces in plan.slides]
    for target, data in zip(paths, files, strict=True):
        try:
            write_atomic(target, data)
        except FlowSaveError as error:
            raise ExportError(_("cannot write {file}: {reason}").format(
                file=os.fspath(target), reason=error.reason)) from None
    return paths


def _png(diagram: Diagram, pieces: list[SlidePiece], scale: float) -> bytes:
    image = QImage(QSize(SLIDE_WIDTH, SLIDE_HEIGHT), QImage.Format.Format_ARGB32_Premultiplied)
    dots_per_metre = round(SCENE_DPI * 1000 / 25.4)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        paint_slide(painter, diagram, pieces, scale)
    finally:
        painter.end()
    return png_bytes(image)


def _svg(diagram: Diagram, pieces: list[SlidePiece], scale: float) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator(QSvgGenerator.SvgVersion.Svg11)
    generator.setOutputDevice(buffer)
    generator.setResolution(SCENE_DPI)
    generator.setSize(QSize(SLIDE_WIDTH, SLIDE_HEIGHT))
    generator.setViewBox(QRectF(0, 0, SLIDE_WIDTH, SLIDE_HEIGHT))
    generator.setTitle(style.drawable(diagram.doc.title))
    generator.setDescription(f"Exported by flowedit {__version__}")
    painter = QPainter(generator)
    try:
        paint_slide(painter, diagram, pieces, scale)
    finally:
        painter.end()
    buffer.close()
    return embed_fonts(bytes(data.data()))


def _pdf(diagram: Diagram, plan: SlidePlan) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(SCENE_DPI)  # one painter unit = one slide pixel
    writer.setTitle(style.drawable(diagram.doc.title))
    writer.setCreator(f"flowedit {__version__}")
    points = QSizeF(SLIDE_WIDTH * 72 / SCENE_DPI, SLIDE_HEIGHT * 72 / SCENE_DPI)
    page = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    if not writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                            QMarginsF())):
        raise ExportError(_("Qt refused the PDF page size"))
    painter = QPainter(writer)
    try:
        for number, pieces in enumerate(plan.slides):
            if number:
                writer.newPage()
            paint_slide(painter, diagram, pieces, plan.scale)
    finally:
        painter.end()
    buffer.close()
    return restore_han(bytes(data.data()), document_text(diagram.doc))
