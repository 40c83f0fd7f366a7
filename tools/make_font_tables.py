"""Writes flowedit/render/fonts/: what the fast SVG writer (render/svg_stream.py) needs to lay
out and embed text without Qt or fontTools at export time.

- `dejavu-latin.json`: for DejaVu Sans and DejaVu Sans Bold at every pixel size a diagram
  draws text in (9 to 13 px), each character's advance, each pair's kerning and the ink a
  character puts past its advance when it ends a line (Qt counts it in the line's width), in
  1/64 px, and the line's ascent and height; measured with Qt itself (QFontMetricsF, unhinted, as
  style.text_font sets it), so a width worked out from the table is the width Qt lays out.
- `DejaVuSans-latin.woff`, `DejaVuSans-Bold-latin.woff`: subsets of the very fonts Qt drew
  with, holding those characters, embedded as they are in every SVG.

Run after a change of style.text_font or of the fonts: `python tools/make_font_tables.py`;
tests/render/test_fast_svg_text.py fails when the table no longer matches Qt.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QFontMetricsF, QGuiApplication, QRawFont, QTextLayout  # noqa: E402

from flowedit.render import style  # noqa: E402
from flowedit.render.svg_fonts import _Face, _subset  # noqa: E402
from flowedit.render.text_table import COVERED, PIXEL_SIZES  # noqa: E402

OUT = ROOT / "flowedit" / "render" / "fonts"


def measure(bold: bool, pixels: int) -> dict[str, object]:
    font = style.text_font(10, bold)
    font.setPixelSize(pixels)
    metrics = QFontMetricsF(font)
    advance = {c: round(metrics.horizontalAdvance(c) * 64) for c in COVERED}
    kerning = {}
    for a in COVERED:
        for b in COVERED:
            pair = round(metrics.horizontalAdvance(a + b) * 64) - advance[a] - advance[b]
            if pair:
                kerning[a + b] = pair
    overhang = {}
    for c in COVERED:
        extra = round((_natural_width(font, c) - metrics.horizontalAdvance(c)) * 64)
        if extra:
            overhang[c] = extra
    return {"advance": [advance[c] for c in COVERED], "kerning": kerning, "overhang": overhang,
            "ascent": round(metrics.ascent() * 64), "height": round(metrics.height() * 64)}


def _natural_width(font: object, text: str) -> float:
    """What a line ending in `text` is wide to Qt: its advance plus the ink a last glyph puts
    past it (a pixel-rounded right bearing)."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(10_000)
    layout.endLayout()
    return line.naturalTextWidth()


def main() -> None:
    app = QGuiApplication([])  # noqa: F841  (fonts need it)
    table: dict[str, object] = {"chars": COVERED}
    for bold in (False, True):
        table["bold" if bold else "regular"] = {str(px): measure(bold, px)
                                                for px in PIXEL_SIZES}
    OUT.mkdir(exist_ok=True)
    (OUT / "dejavu-latin.json").write_text(json.dumps(table, separators=(",", ":")),
                                           encoding="utf-8")
    for bold, name in ((False, "DejaVuSans-latin.woff"), (True, "DejaVuSans-Bold-latin.woff")):
        font = style.text_font(10, bold)
        raw = QRawFont.fromFont(font)
        face = _Face(raw, raw.familyName(), 700 if bold else 400, set(COVERED))
        data = _subset(face)
        assert data is not None, name
        (OUT / name).write_bytes(data)
        print(name, raw.familyName(), raw.styleName(), len(data))


if __name__ == "__main__":
    main()
