"""PNG export in strips (render/png_stream.py, render/png_export.py): the same pixels as one
whole image, memory bounded by the strip whatever the picture's size (counted by wrapping the
strip-image factory, no clock), the metadata Qt's encoder wrote, a full disk that leaves
nothing behind, and a refusal naming the file for a picture no viewer could open."""

from __future__ import annotations

import errno
import io
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect
from PySide6.QtGui import QImage, QImageReader, QPainter

from flowedit import __version__
from flowedit.io import load_document
from flowedit.model.generate import generate_process
from flowedit.render.decorations import Decorations
from flowedit.render.export import (
    MAX_PNG_PIXELS,
    MAX_PNG_SIDE,
    Diagram,
    ExportError,
    ExportOptions,
    export_document,
    png_bytes,
    png_size,
)
from flowedit.render.png_export import check_png_size, write_diagram_png
from flowedit.render.png_stream import (
    MARGIN_ROWS,
    STRIP_BYTES,
    PngWriter,
    new_strip,
    strip_rows_for,
    write_png,
)

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Fonts need a QGuiApplication."""


class CountingFactory:
    """The strip-image factory, wrapped: remembers every image it made."""

    def __init__(self) -> None:
        self.made: list[QImage] = []

    def __call__(self, width: int, height: int) -> QImage:
        image = new_strip(width, height)
        self.made.append(image)
        return image


def diagram_for(doc, options: ExportOptions) -> Diagram:  # type: ignore[no-untyped-def]
    return Diagram(doc, lane=options.lane, flags=options.flags, metrics=options.metrics,
                   leads=options.leads, decorations=Decorations.of(options))


def pixels(data: bytes) -> np.ndarray:
    """The PNG decoded as 0xAARRGGBB (not premultiplied), rows by columns."""
    QImageReader.setAllocationLimit(0)
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    plain = image.convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(plain.constBits(), dtype=np.uint32,
                         count=plain.width() * plain.height()).reshape(
        plain.height(), plain.width()).copy()


def qt_encoded(image: QImage) -> bytes:
    """The image through Qt's own PNG encoder, as every PNG export was written before."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(data.data())


def one_image_and_strips(doc, options: ExportOptions, strip_rows: int  # type: ignore[no-untyped-def]
                         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(whole image through Qt's encoder, whole image through ours, strips through ours)."""
    diagram = diagram_for(doc, options)
    height = png_size(diagram, options).height()
    whole = CountingFactory()
    one = io.BytesIO()
    write_diagram_png(one, diagram, options, strip_rows=height, new_image=whole)
    assert [image.height() for image in whole.made] == [height]  # one image: today's way
    strips = io.BytesIO()
    write_diagram_png(strips, diagram, options, strip_rows=strip_rows)
    assert strip_rows * 3 < height  # it does span several strips
    return (pixels(qt_encoded(whole.made[0])), pixels(one.getvalue()),
            pixels(strips.getvalue()))


# ------------------------------------------------------------------------------- pixels
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("options", [
    ExportOptions(),
    ExportOptions(transparent=True),
    ExportOptions(scale=1.37, flags=True, metrics=True, details=True, title="", legend=True,
                  headline=True),
], ids=["plain", "transparent", "decorated"])
def test_strips_give_the_pixels_of_one_whole_image(sample: Path,
                                                   options: ExportOptions) -> None:
    qt_whole, whole, strips = one_image_and_strips(load_document(sample), options, 97)
    assert np.array_equal(whole, qt_whole)
    assert whole.shape == strips.shape
    assert np.array_equal(strips, whole), f"{int((strips != whole).sum())} pixels differ"


def test_a_generated_canvas_of_many_strips_differs_only_in_antialiasing_shades() -> None:
    """Qt's rasterizer starts a slanted line that crosses the image's edge from where it meets
    the edge, so such a line's antialiased pixels may be a shade lighter or darker (here at
    most 3 levels of 255, on 878 of 13.5 million pixels) in a strip than in the whole image;
    nothing else may change: a shape, arrow or label missing from a strip would differ by far
    more (about 150 levels), and in far more pixels."""
    qt_whole, whole, strips = one_image_and_strips(generate_process(300), ExportOptions(), 64)
    assert np.array_equal(whole, qt_whole)
    a = whole.view(np.uint8).astype(np.int16)
    b = strips.view(np.uint8).astype(np.int16)
    assert int(np.abs(a - b).max()) <= 4
    assert int((whole != strips).sum()) <= whole.size // 5000


# ------------------------------------------------------------------------------- memory
def test_only_strip_sized_images_are_made_however_tall_the_picture() -> None:
    doc = generate_process(300)
    options = ExportOptions()
    diagram = diagram_for(doc, options)
    size = png_size(diagram, options)
    factory = CountingFactory()
    written: list[int] = []

    class Sink:
        def write(self, data: bytes) -> int:
            written.append(len(data))
            return len(data)

    write_diagram_png(Sink(), diagram, options, strip_rows=50, new_image=factory)
    # The first strip's (no margin above), the middle ones' (reused), then the two last ones'
    # (their margin below, then their rows, cut at the picture's bottom).
    assert len(factory.made) <= 4
    assert all(image.width() == size.width() for image in factory.made)
    assert max(image.height() for image in factory.made) <= 50 + 2 * MARGIN_ROWS < size.height()
    # The output is written as it comes, never held whole: no write is bigger than a strip.
    assert sum(written) > max(written)
    assert max(written) <= (50 + 2 * MARGIN_ROWS) * size.width() * 4


def test_the_default_strip_stays_within_its_byte_budget() -> None:
    factory = CountingFactory()
    painted: list[QRect] = []

    def paint(painter: QPainter, area: QRect) -> None:
        painted.append(area)

    width, height = 8192, 2500
    write_png(io.BytesIO(), width, height, paint, new_image=factory)
    rows = strip_rows_for(width)
    assert len(painted) == -(-height // rows) > 1
    assert all(image.sizeInBytes() <= STRIP_BYTES for image in factory.made)


# ----------------------------------------------------------------------------- the file
def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    found, at = [], 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(body, zlib.crc32(kind)), kind
        found.append((kind, body))
        at += 12 + length
    return found


@pytest.mark.parametrize("title", ["Complex B2B sales process", "销售流程 <测试>", "x" * 60, ""])
def test_the_file_keeps_the_chunks_qt_wrote(title: str) -> None:
    image = QImage(40, 30, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFF336699)
    image.setDotsPerMeterX(11811)  # 300 dpi
    image.setDotsPerMeterY(11811)
    if title:
        image.setText("Title", title)
    ours = png_bytes(image)
    image.setText("Software", f"flowedit {__version__}")
    theirs = qt_encoded(image)
    kinds = [kind for kind, _body in chunks(ours) if kind != b"IDAT"]
    assert kinds == [kind for kind, _body in chunks(theirs) if kind != b"IDAT"]
    assert dict(chunks(ours))[b"pHYs"] == dict(chunks(theirs))[b"pHYs"]
    decoded = QImage.fromData(ours, "PNG")
    assert decoded.text("Title") == title
    assert decoded.text("Software").startswith("flowedit ")
    assert decoded.dotsPerMeterX() == 11811
    assert np.array_equal(pixels(ours), pixels(theirs))


def test_an_opaque_export_is_rgb_and_a_transparent_one_rgba(tmp_path: Path) -> None:
    doc = load_document(SAMPLES[0])
    for transparent, colour_type in ((False, 2), (True, 6)):
        target = tmp_path / f"{transparent}.png"
        export_document(doc, target, ExportOptions(transparent=transparent, dpi=150))
        found = chunks(target.read_bytes())
        depth, kind = struct.unpack(">BB", found[0][1][8:10])
        assert (depth, kind) == (8, colour_type)
        assert QImage.fromData(target.read_bytes()).dotsPerMeterX() == round(150 / 0.0254)
        assert found[-1] == (b"IEND", b"")


def test_a_full_disk_leaves_the_old_file_and_no_temporary_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import flowedit.io.atomic as atomic

    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    real_fdopen = os.fdopen
    budget = [20_000]

    class FullDisk(io.RawIOBase):
        """The temporary file, on a disk that fills after 20,000 bytes."""

        def __init__(self, fd: int, mode: str) -> None:
            self.file = real_fdopen(fd, mode)

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:  # type: ignore[no-untyped-def,override]
            budget[0] -= len(data)
            if budget[0] < 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self.file.write(data)

        def fileno(self) -> int:
            return self.file.fileno()

        def close(self) -> None:
            self.file.close()
            super().close()

    monkeypatch.setattr(atomic.os, "fdopen", FullDisk)
    with pytest.raises(ExportError, match=r"cannot write .*out\.png: the disk is full"):
        export_document(generate_process(200), target, ExportOptions())
    assert budget[0] < 0  # the disk did fill, in the middle of the picture
    assert target.read_bytes() == b"old"
    assert sorted(os.listdir(tmp_path)) == ["out.png"]


# ------------------------------------------------------------------------------- limits
def test_a_picture_no_viewer_could_open_is_refused_naming_the_file_and_a_scale_that_fits(
        tmp_path: Path) -> None:
    doc = load_document(SAMPLES[0])
    target = tmp_path / "huge.png"
    options = ExportOptions(scale=40)
    size = png_size(Diagram(doc), options)
    assert size.width() > MAX_PNG_SIDE or size.width() * size.height() > MAX_PNG_PIXELS
    with pytest.raises(ExportError) as refused:
        export_document(doc, target, options)
    message = str(refused.value)
    assert str(target) in message and "lower --scale or --dpi" in message
    assert not target.exists() and not os.listdir(tmp_path)
    scale = float(message.rsplit("--scale ", 1)[1].split()[0])
    fitting = ExportOptions(scale=scale)
    check_png_size(png_size(Diagram(doc), fitting), fitting)  # does not raise
    bigger = ExportOptions(scale=scale * 1.1)
    with pytest.raises(ExportError):
        check_png_size(png_size(Diagram(doc), bigger), bigger)


def test_a_writer_refuses_rows_it_was_not_promised() -> None:
    writer = PngWriter(io.BytesIO(), 10, 2, alpha=False, dpi=96)
    image = new_strip(10, 3)
    with pytest.raises(AssertionError):
        writer.add_rows(image, 3)
    writer.add_rows(image, 1)
    with pytest.raises(AssertionError):
        writer.finish()
