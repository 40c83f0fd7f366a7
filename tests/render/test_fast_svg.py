"""The streamed SVG (render/svg_stream.py) shows what the painter paints (issue 13).

One drawing path: every sample, with straight and with orthogonal arrows, with Chinese names,
loops and arrows both ways, is painted by the Qt painter (export.Diagram, as PNG export and the
canvas paint it) and drawn from the fast SVG by QSvgRenderer at the same size; the pictures
must match within a small tolerance (text may sit a fraction of a pixel apart, and the
sub-process mark is antialiased in SVG). Then the SVG's structure: valid XML, every shape,
arrow, head and name in it, the fonts embedded, written in pieces, atomically.
"""

from __future__ import annotations

import base64
import io
import math
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from flowedit.io import load_document
from flowedit.model import Document, Routing
from flowedit.model.generate import generate_process
from flowedit.render import look, svg_stream
from flowedit.render.export import (
    Diagram,
    ExportError,
    ExportOptions,
    export_document,
    render_bytes,
)
from flowedit.render.export_options import PAGE_NAMES

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
CHINESE = ROOT / "flowedit" / "templates" / "zh_CN" / "b2b-sales.yaml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """The painter and QSvgRenderer need a QGuiApplication."""


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].astype(int)


def _painted(doc: Document) -> np.ndarray:
    diagram = Diagram(doc)
    bounds = diagram.bounds
    image = QImage(math.ceil(bounds.width()), math.ceil(bounds.height()),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.translate(-bounds.topLeft())
    diagram.paint(painter)
    painter.end()
    return _pixels(image)


def _drawn(svg: bytes, shape: tuple[int, ...]) -> np.ndarray:
    renderer = QSvgRenderer(QByteArray(svg))
    assert renderer.isValid()
    view = renderer.viewBoxF()
    image = QImage(shape[1], shape[0], QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, view.width(), view.height()))
    painter.end()
    return _pixels(image)


def _fast(doc: Document, options: ExportOptions | None = None) -> bytes:
    return svg_stream.svg_bytes(doc, options or ExportOptions(), lambda: None)


def _busy(doc: Document) -> Document:
    """Chinese and Latin in one name, a labelled loop, two arrows both ways."""
    nodes = list(doc.nodes)
    doc.rename_node(nodes[1], "Follow-up 跟进 and demo")
    doc.connect(nodes[2], nodes[2], label="retry")
    doc.connect(nodes[3], nodes[2], label="back")
    return doc


CASES = [*((path.stem, path, False) for path in SAMPLES), ("chinese", CHINESE, False),
         ("busy", SAMPLES[0], True)]


@pytest.mark.parametrize("routing", [Routing.STRAIGHT, Routing.ORTHOGONAL],
                         ids=["straight", "orthogonal"])
@pytest.mark.parametrize(("name", "path", "busy"), CASES, ids=[case[0] for case in CASES])
def test_the_fast_svg_shows_what_the_painter_paints(name: str, path: Path, busy: bool,
                                                    routing: Routing) -> None:
    doc = load_document(path)
    if busy:
        _busy(doc)
    doc.set_routing(routing)
    painted = _painted(doc)
    drawn = _drawn(_fast(doc), painted.shape)
    apart = np.abs(painted - drawn).max(axis=2)
    assert (apart > 64).mean() < 0.001, f"{(apart > 64).mean():.4%} of the pixels differ"
    # 8 × 8 blocks: nothing drawn in one picture is missing in the other
    height, width = (apart.shape[0] // 8) * 8, (apart.shape[1] // 8) * 8

    def blocks(pixels: np.ndarray) -> np.ndarray:
        return pixels[:height, :width].reshape(height // 8, 8, width // 8, 8, 3).mean(axis=(1, 3))

    assert np.abs(blocks(painted) - blocks(drawn)).max() < 64


def _elements(svg: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # raises on anything but well-formed XML


def test_every_shape_arrow_head_and_name_is_in_the_svg() -> None:
    doc = load_document(SAMPLES[0])
    root = _elements(_fast(doc))
    assert root.find(f"{SVG}title").text == doc.title
    outlines = [e for e in root.iter() if e.get("stroke-width") == "1.6"
                and e.get("fill") != "none"]
    assert len(outlines) == len(doc.nodes)
    lines = [e for e in root.iter(f"{SVG}path") if e.get("stroke") == look.ARROW
             and e.get("fill") == "none"]
    heads = [e for e in root.iter(f"{SVG}path") if e.get("fill") == look.ARROW]
    assert len(lines) == len(heads) == len(doc.edges)
    written = [e.text or "" for e in root.iter(f"{SVG}text")]
    words = " ".join(written).split()
    for node in doc.nodes.values():
        for word in node.name.split():
            assert word in words, node.name
    labels = [edge.label for edge in doc.edges.values() if edge.label]
    for label in labels:
        assert label in written
    for lane in doc.lanes:
        assert lane.name in written


def _faces(svg: str) -> dict[tuple[str, str], TTFont]:
    return {(family, weight): TTFont(io.BytesIO(base64.b64decode(data)))
            for family, weight, data in re.findall(
                r"font-family:\s*'([^']+)'; font-weight: (\d+);\s*"
                r"src:\s*url\(data:font/\w+;base64,([A-Za-z0-9+/=]+)\)", svg)}


@pytest.mark.parametrize(("path", "name"), [(SAMPLES[0], None), (CHINESE, None),
                                            (SAMPLES[0], "Ελληνικά / Yes")],
                         ids=["latin", "chinese", "greek"])
def test_the_fonts_travel_with_the_svg(path: Path, name: str | None) -> None:
    doc = load_document(path)
    if name:
        doc.rename_node(next(iter(doc.nodes)), name)
    svg = _fast(doc).decode()
    faces = _faces(svg)
    assert ("flowedit DejaVu Sans", "700") in faces
    covered = set()
    for font in faces.values():
        covered |= set(map(chr, font.getBestCmap()))
    used = {char for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg) for char in text
            if not char.isspace()} - {"&", ";"}
    assert used - covered == set()
    assert all(family.startswith("'flowedit ")
               for family in re.findall(r'font-family="([^"]*)"', svg))


def test_a_latin_process_is_exported_without_loading_qt(tmp_path: Path) -> None:
    """The common case needs no Qt at all: the table answers for every text."""
    out = tmp_path / "b2b.svg"
    code = ("import sys\n"
            "from flowedit.io import load_document\n"
            "from flowedit.render import svg_stream\n"
            "from flowedit.render.export_options import ExportOptions\n"
            "def refuse(): raise SystemExit('Qt was asked for')\n"
            f"svg_stream.export_svg(load_document({str(SAMPLES[0])!r}), {str(out)!r}, "
            "ExportOptions(), refuse)\n"
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'numpy', "
            "'fontTools'))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    assert done.stdout.strip() == "[]"
    _elements(out.read_bytes())


def test_flowedit_export_of_a_latin_process_starts_no_qt(tmp_path: Path) -> None:
    """`flowedit export FILE -o OUT.svg`: read, streamed, done, without loading Qt."""
    out = tmp_path / "b2b.svg"
    code = ("import sys\n"
            "from flowedit.cli.main import main\n"
            "status = main(sys.argv[1:])\n"
            "print(status, any(m.startswith('PySide6') for m in sys.modules))\n")
    env = {"PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code, "export", str(SAMPLES[0]), "-o", str(out)],
                          capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["0", "False"], done.stderr
    assert _elements(out.read_bytes()).find(f"{SVG}title").text == load_document(
        SAMPLES[0]).title


def test_text_the_table_cannot_answer_starts_qt_once() -> None:
    asked = []
    svg = svg_stream.svg_bytes(load_document(CHINESE), ExportOptions(),
                               lambda: asked.append(True))
    assert asked == [True]
    assert "flowedit Noto Sans CJK" in svg.decode()


def test_the_svg_is_written_in_pieces() -> None:
    """Streamed: the file gets many pieces, none of them the whole document."""
    pieces: list[int] = []
    svg_stream.write_svg(generate_process(2000), lambda text: pieces.append(len(text)),
                         ExportOptions(), lambda: None)
    assert len(pieces) > 10
    assert max(pieces[:-1]) < sum(pieces) / 5


def test_a_failed_export_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "out.svg"

    def refuse() -> None:
        raise ExportError("no fonts here")

    with pytest.raises(ExportError, match="no fonts here"):
        svg_stream.export_svg(load_document(CHINESE), target, ExportOptions(), refuse)
    assert list(tmp_path.iterdir()) == []


def test_export_document_streams_the_svg_and_keeps_the_old_file_permissions(
        tmp_path: Path) -> None:
    target = tmp_path / "out.svg"
    target.write_text("old")
    target.chmod(0o640)
    export_document(load_document(SAMPLES[0]), target)
    assert target.stat().st_mode & 0o777 == 0o640
    assert target.read_bytes() == render_bytes(load_document(SAMPLES[0]), "svg")


def test_options_the_writer_does_not_draw_go_through_qt() -> None:
    for options in (ExportOptions(title=""), ExportOptions(legend=True),
                    ExportOptions(metrics=True), ExportOptions(flags=True),
                    ExportOptions(headline=True), ExportOptions(details=True)):
        assert not svg_stream.covers(options)
    for options in (ExportOptions(), ExportOptions(scale=2, transparent=True, lane="sales")):
        assert svg_stream.covers(options)
    doc = load_document(SAMPLES[0])
    svg = render_bytes(doc, "svg", ExportOptions(title="Quarterly plan")).decode()
    assert "Quarterly plan" in svg


def test_lane_scale_and_transparent_are_drawn() -> None:
    doc = load_document(SAMPLES[0])
    lane = doc.lanes[0]
    svg = _fast(doc, ExportOptions(scale=2, transparent=True, lane=lane.id)).decode()
    root = _elements(svg.encode())
    kept = [node for node in doc.nodes.values() if node.lane == lane.id]
    outlines = [e for e in root.iter() if e.get("stroke-width") == "1.6"
                and e.get("fill") != "none"]
    assert len(outlines) == len(kept)
    assert 'fill="#ffffff"/>' not in svg.split("</title>")[1].split("<rect")[1]
    view = [float(v) for v in root.get("viewBox").split()]
    assert float(root.get("width").removesuffix("mm")) == pytest.approx(
        round(view[2] * 2) * 25.4 / 96, abs=0.01)


def test_the_constants_and_colours_agree_with_the_painter() -> None:
    from PySide6.QtGui import QColor

    from flowedit.render import export, painting

    assert svg_stream.MARGIN == export.MARGIN and svg_stream.SCENE_DPI == export.SCENE_DPI
    assert svg_stream.EDGE_LABEL_PT == painting.EDGE_LABEL_PT
    assert svg_stream.LANE_NAME_PT == painting.LANE_NAME_PT
    assert set(export.PAGES) == set(PAGE_NAMES)
    for colour, (fill, _line) in look.PALETTE.items():
        assert look.LANE_TINTS[colour] == QColor(fill).lighter(103).name()


def test_an_unknown_lane_is_refused_with_the_lanes_named(tmp_path: Path) -> None:
    doc = load_document(SAMPLES[0])
    target = tmp_path / "out.svg"
    with pytest.raises(ExportError, match="there is no lane 'finance'; the lanes are: "):
        svg_stream.export_svg(doc, target, ExportOptions(lane="finance"), lambda: None)
    assert list(tmp_path.iterdir()) == []
