"""The text table (render/text_table.py) gives Qt's numbers, or says it cannot (issue 13).

The fast SVG writer lays text out from a table Qt measured once (tools/make_font_tables.py);
a width or a line break that differed from Qt's would move a name or wrap it elsewhere. These
compare the table with Qt itself, on every name of the samples and templates and on random
texts made of words that kern, wrap at hyphens and carry accents.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from flowedit.io import load_document
from flowedit.render import style, text_table
from flowedit.render.painting import _TEXT_FLAGS

ROOT = Path(__file__).resolve().parents[2]
WORDS = ["Stage", "Go", "on", "after", "stage", "Lost", "Follow-up", "and", "demo",
         "Qualified?", "Deal", "won", "AVATAR", "Finance", "&", "Négociation", "Ürün", "Tindak",
         "lanjut", "5", "12", "Tea", "Yes", "No", "e-mail", "50%", "x-2", "WAVY", "To,", "Lt."]


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Qt measures with a QGuiApplication."""


def _metrics(bold: bool, pixels: int) -> QFontMetricsF:
    font = style.text_font(10, bold)
    font.setPixelSize(pixels)
    return QFontMetricsF(font)


def _texts() -> list[str]:
    rng = random.Random(13)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 7))) for _ in range(300)]
    for folder in (ROOT / "samples", *sorted((ROOT / "flowedit" / "templates").iterdir())):
        for path in sorted(folder.glob("*.yaml")):
            doc = load_document(path)
            texts += [node.name for node in doc.nodes.values()]
            texts += [edge.label for edge in doc.edges.values() if edge.label]
    return texts


def test_widths_are_qts() -> None:
    for index, text in enumerate(_texts()):
        bold, pixels = index % 2 == 1, text_table.PIXEL_SIZES[index % 5]
        width = text_table.width(text, bold, pixels)
        if width is None:
            assert not text_table.covers(text)
            continue
        assert width == _metrics(bold, pixels).horizontalAdvance(text), text


def test_wrapped_lines_are_qts() -> None:
    rng = random.Random(7)
    checked = 0
    for index, text in enumerate(_texts()):
        bold, pixels = index % 2 == 1, text_table.PIXEL_SIZES[index % 5]
        line_width = rng.uniform(30, 170)
        wrapped = text_table.wrap(text, line_width, bold, pixels)
        if wrapped is None:
            continue
        checked += 1
        lines, widest = wrapped
        needed = _metrics(bold, pixels).boundingRect(QRectF(0, 0, line_width, 1000),
                                                     _TEXT_FLAGS, text)
        face = text_table.face(bold, pixels)
        assert face is not None
        assert (widest, text_table.block_height(face, len(lines))) == (
            needed.width(), needed.height()), (text, line_width, lines)
    assert checked > 250


def test_text_the_table_does_not_know_is_left_to_qt() -> None:
    assert text_table.width("跟进", False, 13) is None
    assert text_table.wrap("Yes/No", 100, False, 13) is None  # a slash: its break rules
    assert text_table.wrap(" leading space", 100, False, 13) is None
    assert text_table.width("Yes", False, 30) is None  # a size the table lacks
