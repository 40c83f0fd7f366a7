"""An exported SVG shows every name as the PNG does, in another renderer too (issue 11).

rsvg-convert (librsvg, Debian's librsvg2-bin; .ci/run installs it) draws the SVG on its own, with
its own text layout; the rightmost ink of each name inside its shape must match the PNG export's.
Before the fix Qt measured names with hinted (narrower) advances, centred them by that width, and
rsvg drew them wider: "Follow-up and demo" lost its "o" at the clip of the shape.
"""

from __future__ import annotations

import base64
import io
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from fontTools.ttLib import TTFont
from PySide6.QtGui import QImage

from flowedit.io import load_document
from flowedit.render.export import Diagram, render_bytes
from flowedit.render.shapes import node_rect

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
RSVG = shutil.which("rsvg-convert")


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Exports need a QGuiApplication for fonts."""


def _ink(image: QImage) -> np.ndarray:
    """True where a pixel is dark grey text ink (#263238), not a shape's coloured border."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(
        image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), :3].astype(int)
    grey = (pixels[:, :, 2] - pixels[:, :, 0]) < 40
    return (pixels.sum(axis=2) < 300) & grey


def _rightmost_ink(ink: np.ndarray, box: tuple[int, int, int, int]) -> int:
    left, top, right, bottom = box
    columns = np.nonzero(ink[top:bottom, left:right].any(axis=0))[0]
    assert columns.size, f"no text ink in {box}"
    return left + int(columns[-1])


@pytest.mark.skipif(RSVG is None, reason="rsvg-convert (Debian: librsvg2-bin) is not installed; "
                                         ".ci/run installs it")
def test_rsvg_draws_every_name_as_wide_as_the_png(tmp_path: Path) -> None:
    doc = load_document(SAMPLES / "b2b-sales.yaml")
    diagram = Diagram(doc)
    svg = tmp_path / "b2b.svg"
    svg.write_bytes(render_bytes(doc, "svg"))
    png = QImage.fromData(render_bytes(doc, "png"), "PNG")
    drawn = tmp_path / "rsvg.png"
    subprocess.run([RSVG, "--background-color", "white", "-w", str(png.width()), "-h",
                    str(png.height()), str(svg), "-o", str(drawn)], check=True)
    ours = _ink(png)
    theirs = _ink(QImage(str(drawn)))
    assert theirs.shape == ours.shape
    origin = diagram.bounds.topLeft()
    for node in doc.nodes.values():
        rect = node_rect(node).translated(-origin)
        # inside the border (which is not ink-dark) and away from any badge
        box = (round(rect.left()) + 4, round(rect.top()) + 4, round(rect.right()) - 3,
               round(rect.bottom()) - 4)
        expected = _rightmost_ink(ours, box)
        actual = _rightmost_ink(theirs, box)
        assert abs(actual - expected) <= 2, (
            f"{node.name!r}: rsvg's text ends at x={actual}, the PNG's at x={expected}")


def _font_faces(svg: str) -> dict[tuple[str, str], TTFont]:
    faces = {}
    for family, weight, data in re.findall(
            r"font-family:\s*'([^']+)'; font-weight: (\d+);\s*"
            r"src:\s*url\(data:font/\w+;base64,([A-Za-z0-9+/=]+)\)", svg):
        faces[family, weight] = TTFont(io.BytesIO(base64.b64decode(data)))
    return faces


def test_svg_embeds_the_glyphs_of_every_name(tmp_path: Path) -> None:
    """The fonts travel with the SVG (a subset, as @font-face data), so a browser without
    DejaVu Sans or a CJK font draws the names with the very fonts they were measured in."""
    doc = load_document(SAMPLES / "b2b-sales.yaml")
    doc.rename_node("follow-up", "Follow-up 演示")
    svg = render_bytes(doc, "svg").decode()
    faces = _font_faces(svg)
    assert faces, "no embedded @font-face"
    covered = set()
    for font in faces.values():
        covered |= set(map(chr, font.getBestCmap()))
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    needed = {char for text in texts for char in text if not char.isspace()}
    needed -= {"&", ";"}
    assert needed - covered == set()
    assert len(svg) < 400_000, "the fonts must be subset, not embedded whole"
    families = set(re.findall(r'font-family="([^"]*)"', svg))
    assert all(family.startswith("'flowedit ") for family in families), families
