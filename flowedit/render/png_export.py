"""A diagram exported as PNG: painted strip by strip and streamed to the file (png_stream.py).

The drawing is `Diagram.paint`, the same as every other export's, asked for each strip's area
only; memory stays that of one strip whatever the picture's size. The one limit left is what a
PNG viewer can open (`MAX_PNG_SIDE`, `MAX_PNG_PIXELS` in export.py): a bigger picture is refused
before anything is drawn, with the largest --scale that fits.
"""

from __future__ import annotations

import math
import os

from PySide6.QtCore import QRect, QRectF, QSize

from flowedit import __version__
from flowedit.i18n import _, format_number
from flowedit.io import FlowSaveError
from flowedit.io.atomic import write_atomic_stream
from flowedit.render.export import (
    MAX_PNG_PIXELS,
    MAX_PNG_SIDE,
    SCENE_DPI,
    Diagram,
    ExportError,
    ExportOptions,
    png_size,
)
from flowedit.render.png_stream import ImageFactory, Output, new_strip, write_png


def write_diagram_png(out: Output, diagram: Diagram, options: ExportOptions, *,
                      strip_rows: int | None = None, new_image: ImageFactory = new_strip,
                      file: str | os.PathLike[str] | None = None) -> None:
    """Writes the diagram to `out` as a PNG, the size `png_size` gives. `strip_rows` and
    `new_image` choose the strips (see png_stream.write_png); `file` names the output in a
    refusal. Raises ExportError when the picture is too big for a PNG or memory runs out."""
    size = png_size(diagram, options)
    check_png_size(size, options, file)
    factor = options.scale * (options.dpi / SCENE_DPI if options.dpi else 1.0)
    bounds = diagram.bounds

    def paint(painter, strip: QRect) -> None:  # type: ignore[no-untyped-def]
        painter.scale(factor, factor)
        painter.translate(-bounds.topLeft())
        diagram.paint(painter, area=QRectF(bounds.left() + strip.x() / factor,
                                           bounds.top() + strip.y() / factor,
                                           strip.width() / factor, strip.height() / factor))

    texts = [("Software", f"flowedit {__version__}")]
    if diagram.doc.title:
        texts.append(("Title", diagram.doc.title))
    try:
        # Painted at 96 dpi so point-sized fonts keep their canvas size; the dpi asked for is
        # only written into the file.
        write_png(out, size.width(), size.height(), paint, transparent=options.transparent,
                  dpi=options.dpi or SCENE_DPI, paint_dpi=SCENE_DPI, texts=texts,
                  strip_rows=strip_rows, new_image=new_image)
    except MemoryError:
        raise ExportError(_("not enough memory for a {width} × {height} pixel image; lower "
                            "--scale or --dpi").format(width=format_number(size.width(), 0),
                                                       height=format_number(size.height(), 0))
                          ) from None


def export_png(diagram: Diagram, path: str | os.PathLike[str], options: ExportOptions, *,
               strip_rows: int | None = None, new_image: ImageFactory = new_strip) -> None:
    """Streams the PNG into a temporary file beside `path` and renames it over `path` once
    complete: a refusal, a failure to draw or a full disk leaves `path` as it was."""
    check_png_size(png_size(diagram, options), options, path)  # before any file is made
    try:
        write_atomic_stream(path, lambda handle: write_diagram_png(
            handle, diagram, options, strip_rows=strip_rows, new_image=new_image, file=path))
    except FlowSaveError as error:
        raise ExportError(_("cannot write {file}: {reason}").format(
            file=os.fspath(path), reason=error.reason)) from None


def check_png_size(size: QSize, options: ExportOptions,
                   file: str | os.PathLike[str] | None = None) -> None:
    """Refuses a picture a PNG viewer could not open, saying the largest --scale that fits."""
    width, height = size.width(), size.height()
    if width <= MAX_PNG_SIDE and height <= MAX_PNG_SIDE and width * height <= MAX_PNG_PIXELS:
        return
    shrink = min(MAX_PNG_SIDE / width, MAX_PNG_SIDE / height,
                 math.sqrt(MAX_PNG_PIXELS / (width * height)))
    reason = _("the image would be {width} × {height} pixels, more than PNG viewers open "
               "({side} a side, {megapixels} megapixels); lower --scale or --dpi, or export "
               "SVG or PDF (--scale {scale} fits)").format(
        width=format_number(width, 0), height=format_number(height, 0),
        side=format_number(MAX_PNG_SIDE, 0),
        megapixels=format_number(MAX_PNG_PIXELS // 1_000_000, 0),
        scale=f"{_rounded_down(options.scale * shrink):g}")
    if file is not None:
        reason = _("cannot export {file}: {reason}").format(file=os.fspath(file), reason=reason)
    raise ExportError(reason)


def _rounded_down(value: float) -> float:
    """Two significant digits, rounded down (so the scale suggested does fit)."""
    digits = max(2, 1 - math.floor(math.log10(value)))
    return math.floor(value * 10 ** digits * (1 - 1e-9)) / 10 ** digits
