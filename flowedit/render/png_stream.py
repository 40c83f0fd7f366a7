"""PNG files of any size in bounded memory: painted in horizontal strips, encoded as they come.

A huge canvas (50,000 stages is ~7,700 × 163,000 pixels at 1:1) cannot be one QImage: that
would take gigabytes. Here one strip image of at most `STRIP_BYTES` is painted again and again,
the painter moved up by the strip's top each time, with the very drawing code a whole image
would get, so the pixels are the same; its rows go through one zlib stream (filter 0, "none")
into IDAT chunks written to the output as soon as they fill, each CRC computed as it is written.

Only the encoder and the strip loop live here: what to paint, and the limits on what a PNG may
be, are the export's (render/export.py).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter

#: The most memory one strip image takes (ARGB, 4 bytes a pixel): 1,092 rows of a 5,000-stage
#: process, 128 rows at the widest PNG an export makes.
STRIP_BYTES = 32 * 1024 * 1024
#: Rows painted above and below each strip and thrown away. Qt's antialiasing gives a pixel
#: within a few rows of the image's edge a shade that can differ by one level from the same pixel
#: farther in (where a path is cut at the edge), so each strip's own rows are kept this far
#: from the edges of the image they are painted on, except the picture's first and last rows,
#: which lie on its own edges as they would in one whole image.
MARGIN_ROWS = 32
#: How much compressed data an IDAT chunk collects before it is written.
IDAT_BYTES = 256 * 1024
#: zlib level: 3 takes half the time of 6 (libpng's default, which Qt uses) and, with no
#: row filters, still gives smaller files than Qt's adaptive filters did (17.0 MB for
#: 5,000 stages, against 18.3 MB).
ZLIB_LEVEL = 3
#: Texts longer than this go compressed (zTXt, or compressed iTXt), as Qt writes them.
_COMPRESS_TEXT_FROM = 40
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_MM_PER_INCH = 25.4
_FILTER_NONE = b"\x00"


class Output(Protocol):
    """Where the PNG goes: a binary file, or anything with its write()."""

    def write(self, data: bytes, /) -> object: ...


#: Makes a strip image (width, height); tests wrap it to count what is allocated.
ImageFactory = Callable[[int, int], QImage]
#: Paints the picture with the painter's origin at its top-left pixel; `area` is the part of
#: the picture, in pixels, that the current strip shows (so a caller may skip the rest).
Painter = Callable[[QPainter, QRect], None]


def new_strip(width: int, height: int) -> QImage:
    """The strip image every export paints on: premultiplied ARGB, the format QPainter draws
    fastest and the one a whole-canvas export always used."""
    return QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)


def dots_per_metre(dpi: float) -> int:
    return round(dpi * 1000 / _MM_PER_INCH)


def strip_rows_for(width: int, budget: int = STRIP_BYTES) -> int:
    """How many rows of `width` pixels a strip gives when its image, margins included, takes
    at most `budget` bytes of ARGB (at least one row)."""
    return max(1, budget // (4 * max(1, width)) - 2 * MARGIN_ROWS)


class PngWriter:
    """Writes a PNG to `out` row by row: signature, IHDR, pHYs, texts at once; then IDAT chunks
    as the compressed rows fill them; IEND at `finish`. 8 bits a channel, RGBA when `alpha`
    (see-through exports) and RGB otherwise (an opaque picture loses nothing and compresses in
    three quarters of the work)."""

    def __init__(self, out: Output, width: int, height: int, *, alpha: bool, dpi: float,
                 texts: Iterable[tuple[str, str]] = ()) -> None:
        assert width > 0 and height > 0, (width, height)  # a caller's mistake, never a person's
        self._out = out
        self.width, self.height, self.alpha = width, height, alpha
        self._rows_left = height
        self._format = (QImage.Format.Format_RGBA8888 if alpha
                        else QImage.Format.Format_RGB888)
        self._row_bytes = width * (4 if alpha else 3)
        self._zlib = zlib.compressobj(ZLIB_LEVEL)
        self._pending: list[bytes] = []
        self._pending_size = 0
        out.write(_SIGNATURE)
        self._chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6 if alpha else 2, 0, 0, 0))
        dots = dots_per_metre(dpi)
        self._chunk(b"pHYs", struct.pack(">IIB", dots, dots, 1))
        for key, value in sorted(texts):
            self._chunk(*_text_chunk(key, value))

    def add_rows(self, image: QImage, rows: int, first: int = 0) -> None:
        """Encodes `rows` rows of `image` from row `first` on (any format; as wide as the PNG)."""
        assert image.width() == self.width, (image.width(), self.width)
        assert 0 < rows <= self._rows_left and 0 <= first <= image.height() - rows, (
            first, rows, image.height(), self._rows_left)
        plain = image.convertToFormat(self._format)
        bits = memoryview(plain.constBits())
        stride, length = plain.bytesPerLine(), self._row_bytes
        compress = self._zlib.compress
        for row in range(first, first + rows):
            start = row * stride
            self._collect(compress(_FILTER_NONE))
            self._collect(compress(bits[start:start + length]))
        self._rows_left -= rows
        del bits

    def finish(self) -> None:
        """The last IDAT and IEND; every row must have been added."""
        assert not self._rows_left, self._rows_left  # a short picture is never written out
        self._collect(self._zlib.flush())
        self._flush_idat()
        self._chunk(b"IEND", b"")

    def _collect(self, data: bytes) -> None:
        if data:
            self._pending.append(data)
            self._pending_size += len(data)
            if self._pending_size >= IDAT_BYTES:
                self._flush_idat()

    def _flush_idat(self) -> None:
        if self._pending:
            self._chunk(b"IDAT", b"".join(self._pending))
            self._pending.clear()
            self._pending_size = 0

    def _chunk(self, kind: bytes, body: bytes) -> None:
        crc = zlib.crc32(body, zlib.crc32(kind))
        self._out.write(struct.pack(">I", len(body)) + kind)
        self._out.write(body)
        self._out.write(struct.pack(">I", crc))


def _text_chunk(key: str, value: str) -> tuple[bytes, bytes]:
    """tEXt for printable Latin-1, iTXt (UTF-8) otherwise; compressed when long, as Qt does."""
    name = key.encode("latin-1")[:79]
    long = len(value) >= _COMPRESS_TEXT_FROM
    if all(ch == "\n" or " " <= ch <= "~" or "\xa0" <= ch <= "\xff" for ch in value):
        text = value.encode("latin-1")
        if long:
            return b"zTXt", name + b"\x00\x00" + zlib.compress(text)
        return b"tEXt", name + b"\x00" + text
    text = value.encode("utf-8")
    if long:
        return b"iTXt", name + b"\x00\x01\x00\x00\x00" + zlib.compress(text)
    return b"iTXt", name + b"\x00\x00\x00\x00\x00" + text


def write_png(out: Output, width: int, height: int, paint: Painter, *, transparent: bool = False,
              dpi: float = 96.0, paint_dpi: float = 96.0, texts: Iterable[tuple[str, str]] = (),
              strip_rows: int | None = None, new_image: ImageFactory = new_strip) -> None:
    """Paints a `width` × `height` picture strip by strip and writes it to `out` as a PNG.

    Each strip image is filled (white, or see-through when `transparent`) and painted with the
    painter moved up by its top; it holds the strip's `strip_rows` rows (default: as many as fit
    in STRIP_BYTES) and MARGIN_ROWS more above and below, within the picture. `paint_dpi` is its
    resolution while painting (point-sized fonts take their size from it); `dpi` is what the
    file says. `new_image` makes the strip images (one for the first strip, one reused for the
    middle ones, one for the last): they are the only images made, so memory stays bounded
    whatever the size. Raises MemoryError when a strip image cannot be allocated."""
    rows = min(height, strip_rows if strip_rows is not None else strip_rows_for(width))
    assert rows > 0, rows
    writer = PngWriter(out, width, height, alpha=transparent, dpi=dpi, texts=texts)
    background = Qt.GlobalColor.transparent if transparent else Qt.GlobalColor.white
    image = QImage()
    for top in range(0, height, rows):
        first, last = max(0, top - MARGIN_ROWS), min(height, top + rows + MARGIN_ROWS)
        if image.height() != last - first:
            image = QImage()  # the previous strip's memory goes before the next is made
            image = new_image(width, last - first)
            if image.isNull():
                raise MemoryError(f"cannot allocate a {width} × {last - first} pixel strip")
            image.setDotsPerMeterX(dots_per_metre(paint_dpi))
            image.setDotsPerMeterY(dots_per_metre(paint_dpi))
        image.fill(background)
        painter = QPainter(image)
        try:
            painter.translate(0, -first)
            paint(painter, QRect(0, first, width, last - first))
        finally:
            painter.end()
        writer.add_rows(image, min(rows, height - top), top - first)
    writer.finish()
