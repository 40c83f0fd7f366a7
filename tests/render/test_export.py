"""Export to PNG, SVG and PDF (flowedit.render.export), in process: what the files contain.

The content is checked, not just that a file appears: SVG is parsed as XML and every name is found
in its <text> elements; the PDF's text is extracted with pypdf and its fonts must be embedded; the
PNG has the expected pixel size, DPI, colours and (with `transparent`) see-through corners.
"""

from __future__ import annotations

import io
import math
import os
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QFontDatabase, QImage

from flowedit.io import load_document, loads_document
from flowedit.model import Document, Lane
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, lane_bands
from flowedit.render import style
from flowedit.render.export import (
    MARGIN,
    Diagram,
    ExportError,
    ExportOptions,
    export_document,
    format_of,
    png_size,
    render_bytes,
)
from flowedit.render.shapes import node_rect

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.yaml"))
SVG = "{http://www.w3.org/2000/svg}"

#: Chinese names, and names with the characters XML and PDF strings must escape.
CHINESE = """\
flowedit: 1
title: "销售流程 <测试> & \\"引号\\""
lanes:
  - {id: sales, name: 销售部, height: 220}
  - {id: legal, name: 财务 & 法务, height: 200}
nodes:
  - {id: lead, kind: start, name: 新线索, lane: sales, x: 140, y: 90}
  - {id: qual, kind: decision, name: 资格审查?, lane: sales, x: 340, y: 90}
  - {id: offer, kind: stage, name: "报价 <草案> & \\"谈判\\" 'OK'", lane: sales, x: 560, y: 90}
  - {id: won, kind: end, name: 赢单, lane: legal, x: 560, y: 310, outcome: won}
  - {id: lost, kind: end, name: 丢单, lane: legal, x: 340, y: 310, outcome: lost}
edges:
  - {from: lead, to: qual}
  - {from: qual, to: offer, label: 是}
  - {from: qual, to: lost, label: 否}
  - {from: offer, to: won, label: "签约 & 付款"}
"""

#: 'Stuck' has no way out and 'Orphan' no way in: both are flagged as errors.
FLAWED = """\
flowedit: 1
title: Flawed
nodes:
  - {id: lead, kind: start, name: Lead, x: 100, y: 100}
  - {id: stuck, kind: stage, name: Stuck, x: 300, y: 100}
  - {id: orphan, kind: stage, name: Orphan, x: 300, y: 250}
  - {id: won, kind: end, name: Won, x: 500, y: 250, outcome: won}
edges:
  - {from: lead, to: stuck}
  - {from: orphan, to: won}
"""


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Fonts need a (Q)GuiApplication; pytest-qt's QApplication serves, and keeps later widget
    tests working."""


@pytest.fixture
def chinese() -> Document:
    require_chinese_font()
    return loads_document(CHINESE)


def require_chinese_font() -> None:
    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.fail("no installed font can draw Chinese: install one, e.g. Debian's "
                    "fonts-noto-cjk (see 'Fonts' in README.md); .ci/run does it as root")


def squash(text: str) -> str:
    """Without whitespace: wrapping may break a name anywhere (Chinese between any characters).
    NFKC-normalised: DejaVu Sans draws 'fi' as the ligature 'ﬁ', which a PDF's text gives back."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def svg_text(data: bytes) -> str:
    """All text the SVG shows, in document order (Qt writes one <text> per line and font run)."""
    root = ET.fromstring(data)
    return "".join("".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def pixels(data: bytes) -> tuple[QImage, np.ndarray]:
    """The PNG decoded, and its pixels as 0xAARRGGBB (not premultiplied), rows by columns."""
    image = QImage.fromData(data, "PNG")
    assert not image.isNull()
    plain = image.convertToFormat(QImage.Format.Format_ARGB32)
    array = np.frombuffer(plain.constBits(), dtype=np.uint32,
                          count=plain.width() * plain.height()).copy()
    return image, array.reshape(plain.height(), plain.width())


def names(doc: Document) -> list[str]:
    """Every text a full export must show: shapes, lanes and arrow labels."""
    return ([node.name for node in doc.nodes.values()] + [lane.name for lane in doc.lanes]
            + [edge.label for edge in doc.edges.values() if edge.label])


# ---------------------------------------------------------------------------------- layout
def test_the_diagram_is_cropped_to_its_content_with_a_margin(chinese: Document) -> None:
    diagram = Diagram(chinese)
    lefts = [node_rect(node).left() for node in chinese.nodes.values()]
    rights = [node_rect(node).right() for node in chinese.nodes.values()]
    band_left = min(lefts) - 2 - LANE_PADDING - LANE_HEADER_WIDTH
    assert diagram.bounds.left() == pytest.approx(band_left - MARGIN)
    assert diagram.bounds.right() == pytest.approx(max(rights) + 2 + LANE_PADDING + MARGIN)
    bands = lane_bands(chinese)
    assert diagram.bounds.top() == pytest.approx(bands["sales"][0] - MARGIN)
    assert diagram.bounds.bottom() == pytest.approx(bands["legal"][1] + MARGIN)
    # Lanes span the diagram from its left to its right, one band per lane, in order.
    assert [lane.id for lane, _, _ in diagram.lanes] == ["sales", "legal"]
    for _, band, _ in diagram.lanes:
        assert band.left() == pytest.approx(band_left)
        assert band.right() == pytest.approx(diagram.bounds.right() - MARGIN)


@pytest.mark.parametrize("path", SAMPLES, ids=[path.name for path in SAMPLES])
def test_every_shape_arrow_and_label_lies_inside_the_export(path: Path) -> None:
    diagram = Diagram(load_document(path))
    inner = diagram.bounds.adjusted(MARGIN - 0.01, MARGIN - 0.01, 0.01 - MARGIN, 0.01 - MARGIN)
    rects = [node_rect(node) for node in diagram.nodes]
    for arrow in diagram.arrows:
        rects += [arrow.route.line.boundingRect(), arrow.route.head.boundingRect()]
        if arrow.label_rect is not None:
            rects.append(arrow.label_rect)
    for rect in rects:  # by corners: a straight arrow's box has no height, so no contains()
        assert inner.contains(rect.topLeft()) and inner.contains(rect.bottomRight()), rect


def test_a_lane_export_keeps_only_that_lane(chinese: Document) -> None:
    diagram = Diagram(chinese, lane="legal")
    assert {node.id for node in diagram.nodes} == {"won", "lost"}
    assert diagram.arrows == []  # every arrow into the lane starts outside it
    assert [(lane.id, index) for lane, _, index in diagram.lanes] == [("legal", 1)]
    top, bottom = lane_bands(chinese)["legal"]
    assert diagram.bounds.top() == pytest.approx(top - MARGIN)
    assert diagram.bounds.bottom() == pytest.approx(bottom + MARGIN)


def test_an_unknown_lane_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ExportError, match="no lane 'nope'; the lanes are: sales, legal"):
        Diagram(loads_document(CHINESE), lane="nope")


def test_flags_mark_exactly_the_shapes_with_an_error() -> None:
    doc = loads_document(FLAWED)
    assert Diagram(doc).flagged == frozenset()
    assert Diagram(doc, flags=True).flagged == {"stuck", "orphan", "won"}


# ---------------------------------------------------------------------------------- PNG
def test_png_has_the_diagram_size_times_the_scale(chinese: Document) -> None:
    diagram = Diagram(chinese)
    for scale in (1.0, 2.0, 0.5):
        image, _ = pixels(render_bytes(chinese, "png", ExportOptions(scale=scale)))
        assert (image.width(), image.height()) == (
            math.ceil(diagram.bounds.width() * scale - 1e-6),
            math.ceil(diagram.bounds.height() * scale - 1e-6))


def test_png_dpi_scales_the_image_and_is_written_into_it(chinese: Document) -> None:
    plain, _ = pixels(render_bytes(chinese, "png"))
    assert plain.dotsPerMeterX() == round(96 / 0.0254)
    image, _ = pixels(render_bytes(chinese, "png", ExportOptions(dpi=300, scale=1.5)))
    size = png_size(Diagram(chinese), ExportOptions(dpi=300, scale=1.5))
    assert (image.width(), image.height()) == (size.width(), size.height())
    assert image.width() == pytest.approx(plain.width() * 300 / 96 * 1.5, abs=2)
    assert image.dotsPerMeterX() == image.dotsPerMeterY() == round(300 / 0.0254)


def test_png_is_antialiased_on_white_with_the_canvas_colours(chinese: Document) -> None:
    _, array = pixels(render_bytes(chinese, "png"))
    corners = {array[0, 0], array[0, -1], array[-1, 0], array[-1, -1]}
    assert corners == {0xFFFFFFFF}
    colours = set(np.unique(array).tolist())
    for colour in (style.node_fill(chinese.nodes["lead"]), style.node_fill(chinese.nodes["qual"]),
                   style.LANE_HEADER, style.LANE_FILLS[0], style.LANE_FILLS[1]):
        assert colour.rgba() in colours, colour.name()
    assert len(colours) > 100  # antialiased edges and text blend many shades
    assert style.PROBLEM.rgba() not in colours  # no flags unless asked


def test_png_transparent_leaves_the_margin_see_through(chinese: Document) -> None:
    _, array = pixels(render_bytes(chinese, "png", ExportOptions(transparent=True)))
    for corner in (array[0, 0], array[0, -1], array[-1, 0], array[-1, -1]):
        assert corner >> 24 == 0
    assert (array >> 24 == 255).sum() > array.size / 2  # the lanes are opaque


def test_png_flags_paint_the_red_outline_and_badge() -> None:
    doc = loads_document(FLAWED)
    _, plain = pixels(render_bytes(doc, "png"))
    _, flagged = pixels(render_bytes(doc, "png", ExportOptions(flags=True)))
    red = style.PROBLEM.rgba()
    assert (plain == red).sum() == 0
    assert (flagged == red).sum() > 3 * 200  # three badges and outlines


def test_png_without_lanes_is_transparent_around_the_shapes() -> None:
    doc = loads_document(FLAWED)
    _, array = pixels(render_bytes(doc, "png", ExportOptions(transparent=True)))
    opaque = (array >> 24) > 0
    assert 0 < opaque.sum() < array.size / 2


def test_an_empty_document_exports_a_blank_margin() -> None:
    for doc in (Document("Empty"), _lanes_only()):
        for fmt in ("png", "svg", "pdf"):
            assert render_bytes(doc, fmt)


def _lanes_only() -> Document:
    doc = Document("Lanes only")
    doc.add_lane(Lane("a", "Empty lane"))
    return doc


def test_a_png_too_big_to_make_is_refused_before_drawing(chinese: Document) -> None:
    with pytest.raises(ExportError, match=r"lower --scale or --dpi, or export SVG or PDF"):
        render_bytes(chinese, "png", ExportOptions(scale=50, dpi=2400))


# ---------------------------------------------------------------------------------- SVG
def test_svg_is_xml_with_every_name_as_plain_text(chinese: Document) -> None:
    data = render_bytes(chinese, "svg")
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    assert not list(root.iter(f"{SVG}foreignObject"))
    assert root.findtext(f"{SVG}title") == '销售流程 <测试> & "引号"'
    text = squash(svg_text(data))
    for name in names(chinese):
        assert squash(name) in text, name


def test_svg_size_is_in_mm_with_a_viewbox_of_the_diagram(chinese: Document) -> None:
    bounds = Diagram(chinese).bounds
    for scale in (1.0, 2.0):
        root = ET.fromstring(render_bytes(chinese, "svg", ExportOptions(scale=scale)))
        view = [float(part) for part in root.get("viewBox", "").split()]
        assert view == pytest.approx([0, 0, bounds.width(), bounds.height()])
        width, height = root.get("width", ""), root.get("height", "")
        assert width.endswith("mm") and height.endswith("mm")
        assert float(width[:-2]) == pytest.approx(bounds.width() * scale * 25.4 / 96, abs=0.3)
        assert float(height[:-2]) == pytest.approx(bounds.height() * scale * 25.4 / 96, abs=0.3)


def test_svg_background_is_white_unless_transparent(chinese: Document) -> None:
    def white_fills(data: bytes) -> int:
        return sum(1 for element in ET.fromstring(data).iter()
                   if element.get("fill", "").lower() == "#ffffff")

    assert white_fills(render_bytes(chinese, "svg")) > white_fills(
        render_bytes(chinese, "svg", ExportOptions(transparent=True)))


# ---------------------------------------------------------------------------------- PDF
def test_pdf_text_is_extractable_with_embedded_fonts(chinese: Document) -> None:
    data = render_bytes(chinese, "pdf")
    text = squash(pdf_text(data))
    for name in names(chinese):
        assert squash(name) in text, name
    reader = PdfReader(io.BytesIO(data))
    assert reader.metadata is not None and reader.metadata.title == '销售流程 <测试> & "引号"'
    page = reader.pages[0]
    fonts = page["/Resources"]["/Font"]
    assert len(fonts) >= 2  # DejaVu Sans for Latin, a CJK font for Chinese
    for font in fonts.values():
        descendant = font.get_object()["/DescendantFonts"][0].get_object()
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font["/BaseFont"]
    # Vector: no picture of the diagram pasted on the page.
    xobjects = page["/Resources"].get("/XObject") or {}
    assert all(item.get_object()["/Subtype"] != "/Image" for item in xobjects.values())


def test_pdf_page_is_the_diagram_size_by_default(chinese: Document) -> None:
    bounds = Diagram(chinese).bounds
    for scale in (1.0, 2.0):
        page = PdfReader(io.BytesIO(render_bytes(chinese, "pdf", ExportOptions(scale=scale)))
                         ).pages[0]
        assert float(page.mediabox.width) == pytest.approx(bounds.width() * 0.75 * scale, abs=1)
        assert float(page.mediabox.height) == pytest.approx(bounds.height() * 0.75 * scale,
                                                            abs=1)


@pytest.mark.parametrize(("page", "size"), [("a4", (842, 595)), ("letter", (792, 612))])
def test_pdf_on_a_landscape_page_with_the_diagram_fitted(page: str, size: tuple[int, int]) -> None:
    doc = load_document(SAMPLES[0])
    data = render_bytes(doc, "pdf", ExportOptions(page=page))
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    text = squash(pdf_text(data))
    for node in doc.nodes.values():
        assert squash(node.name) in text


# ---------------------------------------------------------------------------------- files
def test_format_comes_from_the_extension() -> None:
    assert [format_of(name) for name in ("a.png", "b.SVG", "c.Pdf")] == ["png", "svg", "pdf"]
    for name in ("a.jpg", "b", "c.png.txt"):
        with pytest.raises(ExportError, match=r"end the name with \.png, \.svg or \.pdf"):
            format_of(name)


@pytest.mark.parametrize("options", [ExportOptions(dpi=300), ExportOptions(page="a4"),
                                     ExportOptions(scale=0), ExportOptions(scale=math.inf)])
def test_options_that_do_not_apply_are_refused(chinese: Document, options: ExportOptions) -> None:
    with pytest.raises(ExportError):
        render_bytes(chinese, "svg", options)


def test_a_failed_export_leaves_the_old_file_and_no_temporary_one(chinese: Document,
                                                                   tmp_path: Path) -> None:
    target = tmp_path / "out.png"
    target.write_bytes(b"old")
    with pytest.raises(ExportError):
        export_document(chinese, target, ExportOptions(scale=50, dpi=2400))
    assert target.read_bytes() == b"old"
    export_document(chinese, target)
    assert target.read_bytes().startswith(b"\x89PNG")
    assert os.listdir(tmp_path) == ["out.png"]


def test_a_missing_folder_is_reported_with_the_reason(chinese: Document, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"cannot write .*: the folder does not exist"):
        export_document(chinese, tmp_path / "missing" / "out.svg")
