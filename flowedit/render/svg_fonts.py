"""Makes an SVG written by Qt show its names the same in every viewer.

Qt's SVG only names its fonts ("DejaVu Sans") and places each line of text by its left end, at
the width Qt measured. A viewer without that font, or one that lays text out a little wider
(rsvg rounds each glyph's advance), drew names past their shape's clip: "Follow-up and demc".
So, after Qt has written the SVG:

- each <text> is anchored at its middle, where Qt centred it, so a small difference in width
  spreads to both sides instead of running off the right end;
- the glyphs it uses are embedded as @font-face subsets (WOFF, made with fontTools), under
  family names of our own ('flowedit DejaVu Sans'), so a browser draws the names in the very fonts
  Qt measured, whatever it has installed; the original names stay listed as fallbacks.

Needs a QGuiApplication (fonts). Works on the SVG text, not on the drawing.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass, field

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont
from fontTools.ttLib.sfnt import SFNTWriter
from PySide6.QtGui import QFontMetricsF, QRawFont, QTextLayout

from flowedit.render import style

#: The tables a subset needs; a font's other tables (hinting programs, bitmaps...) are dropped.
_TABLES = ("head", "hhea", "hmtx", "maxp", "cmap", "name", "OS/2", "post", "glyf", "loca",
           "CFF ", "GSUB", "GPOS", "GDEF", "kern", "vhea", "vmtx")
_TEXT = re.compile(r"<text\b([^>]*)>([^<]*)</text>", re.DOTALL)
_ATTR = re.compile(r'\s([\w:-]+)="([^"]*)"')
_FAMILY = re.compile(r'font-family="[^"]*"')


@dataclass
class _Face:
    """One font file Qt drew with, and the characters drawn in it."""

    raw: QRawFont
    family: str
    weight: int
    chars: set[str] = field(default_factory=set)


def embed_fonts(svg: bytes) -> bytes:
    """`svg` (as QSvgGenerator writes it) with text anchored at its middle and the fonts it
    uses embedded as subsets; unchanged when it has no text."""
    text = svg.decode("utf-8")
    faces: dict[tuple[str, str], _Face] = {}

    def anchor(match: re.Match[str]) -> str:
        attrs = dict(_ATTR.findall(match.group(1)))
        content = html.unescape(match.group(2))
        if "x" not in attrs or not content.strip():
            return match.group(0)
        bold = int(attrs.get("font-weight", "400")) >= 600
        font = style.text_font(10, bold, content)
        font.setPixelSize(max(1, round(float(attrs.get("font-size", "13")))))
        _collect(faces, font, content)
        middle = float(attrs["x"]) + QFontMetricsF(font).horizontalAdvance(content) / 2
        head = match.group(1).replace(f'x="{attrs["x"]}"', f'x="{middle:.4g}" '
                                      'text-anchor="middle"', 1)
        return f"<text{head}>{match.group(2)}</text>"

    text = _TEXT.sub(anchor, text)
    if not faces:
        return svg
    rules, families = [], []
    for face in faces.values():
        data = _subset(face)
        if data is None:
            continue
        name = f"flowedit {face.family}"
        if name not in families:
            families.append(name)
        rules.append(f"@font-face {{ font-family: '{name}'; font-weight: {face.weight}; "
                     f"src: url(data:font/woff;base64,{base64.b64encode(data).decode()}) "
                     "format('woff'); }")
    if not rules:
        return svg
    stack = ", ".join([*(f"'{name}'" for name in families), "'DejaVu Sans'", "sans-serif"])
    text = _FAMILY.sub(f'font-family="{stack}"', text)
    css = "<style type=\"text/css\"><![CDATA[\n" + "\n".join(rules) + "\n]]></style>\n"
    text = text.replace("<defs>", "<defs>\n" + css, 1) if "<defs>" in text else re.sub(
        r"(<svg\b[^>]*>)", lambda m: m.group(1) + "\n<defs>\n" + css + "</defs>", text, count=1)
    return text.encode("utf-8")


def _collect(faces: dict[tuple[str, str], _Face], font: object, content: str) -> None:
    """Notes which real font (after Qt's fallback) draws each character of `content`."""
    # Qt counts in UTF-16 code units: a character beyond the BMP (an emoji) takes two
    at = [index for index, char in enumerate(content)
          for _unit in range(2 if ord(char) > 0xFFFF else 1)]
    layout = QTextLayout(content, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    for run in line.glyphRuns(-1, -1, QTextLayout.GlyphRunRetrievalFlag.RetrieveAll):
        raw = run.rawFont()
        key = (raw.familyName(), raw.styleName())
        face = faces.get(key)
        if face is None:
            face = faces[key] = _Face(raw, raw.familyName(), 700 if raw.weight() >= 600 else 400)
        for index in run.stringIndexes():
            face.chars.add(content[at[index]])


def _subset(face: _Face) -> bytes | None:
    """A WOFF with only the face's characters, or None when Qt cannot hand out its tables."""
    tables = {tag: bytes(face.raw.fontTable(tag).data()) for tag in _TABLES}
    tables = {tag: data for tag, data in tables.items() if data}
    if "cmap" not in tables or not ({"glyf", "CFF "} & tables.keys()):
        return None
    sfnt = io.BytesIO()
    writer = SFNTWriter(sfnt, len(tables), "OTTO" if "CFF " in tables else "\x00\x01\x00\x00")
    for tag in sorted(tables):
        writer[tag] = tables[tag]
    writer.close()
    # No time stamp: head.modified stays the source font's, so the same export gives the same bytes.
    font = TTFont(io.BytesIO(sfnt.getvalue()), recalcTimestamp=False)
    options = Options()
    options.flavor = "woff"
    options.hinting = False
    options.desubroutinize = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes={ord(char) for char in face.chars})
    subsetter.subset(font)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
