"""Makes the text of Qt's PDFs extract as it was written.

CJK fonts draw some characters with one shared glyph: 无 (U+65E0) and the Kangxi radical ⽆
(U+2F46), 人 and ⼈, and in the Japanese font 户 and 戶. Qt writes each glyph's character into the
PDF's ToUnicode map as the *lowest* code point the font maps to that glyph, so `pdftotext`
returned "⽆效联系⼈" and a search for 无效联系人 found nothing. Here Qt's choice is worked out
again for the characters that were drawn (`shared_glyph_aliases`) and undone in the PDF
(`restore_text`). Each ToUnicode entry keeps its four hex digits, so the file keeps its length
and its cross-reference table stays valid.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QRawFont, QTextLayout

from flowedit.render import style

_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
#: Every BMP character but the surrogates: what Qt scans for a glyph's character.
_BMP = "".join(chr(code) for code in range(1, 0x10000) if not 0xD800 <= code < 0xE000)


def shared_glyph_aliases(drawn: str) -> dict[int, int]:
    """{code point Qt writes: character drawn} for the drawn characters whose glyph the font also
    maps to a lower code point that was not drawn (the ones Qt's PDF would extract wrongly)."""
    fonts: dict[tuple[str, str], QRawFont] = {}
    used: dict[tuple[str, str], set[str]] = {}
    for line in {line for line in drawn.splitlines() if not line.isascii()}:
        # the names' fonts (by language), and Qt's own fallback for text set without a hint
        for bold, hint in ((False, line), (True, line), (False, ""), (True, "")):
            layout = QTextLayout(style.drawable(line), style.text_font(10, bold, hint))
            layout.beginLayout()
            text_line = layout.createLine()
            layout.endLayout()
            flags = QTextLayout.GlyphRunRetrievalFlag.RetrieveAll
            for run in text_line.glyphRuns(-1, -1, flags):
                raw = run.rawFont()
                key = (raw.familyName(), raw.styleName())
                fonts[key] = raw
                used.setdefault(key, set()).update(line[i] for i in run.stringIndexes()
                                                   if i < len(line))
    drawn_chars = set(drawn)
    aliases: dict[int, int] = {}
    for key, raw in fonts.items():
        glyphs = raw.glyphIndexesForString(_BMP)
        lowest: dict[int, int] = {}
        for char, glyph in zip(_BMP, glyphs, strict=False):
            if glyph and glyph not in lowest:
                lowest[glyph] = ord(char)
        for char in used[key]:
            if ord(char) > 0xFFFF or not char.strip():
                continue
            glyph = raw.glyphIndexesForString(char)
            written = lowest.get(glyph[0]) if glyph else None
            if written is not None and written != ord(char) and chr(written) not in drawn_chars:
                aliases[written] = ord(char)
    return aliases


def restore_text(pdf: bytes, aliases: dict[int, int]) -> bytes:
    """`pdf` with the characters of its ToUnicode maps replaced as `aliases` says."""
    if not aliases:
        return pdf

    def entry(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        return b"<%04X>" % aliases[code] if code in aliases else match.group(0)

    def line(text: bytes, sources: int) -> bytes:
        """One mapping line: its first `sources` codes are glyphs, the rest characters."""
        seen = 0

        def code(match: re.Match[bytes]) -> bytes:
            nonlocal seen
            seen += 1
            return match.group(0) if seen <= sources else entry(match)

        return _HEX4.sub(code, text)

    def cmap(match: re.Match[bytes]) -> bytes:
        lines = match.group(0).split(b"\n")
        sources = 0  # outside a bfchar or bfrange section nothing is a character
        for index, text in enumerate(lines):
            stripped = text.rstrip()
            if stripped.endswith((b"beginbfchar", b"beginbfrange")):
                sources = 1 if stripped.endswith(b"beginbfchar") else 2
            elif stripped.startswith((b"endbfchar", b"endbfrange")):
                sources = 0
            elif sources:
                lines[index] = line(text, sources)
        return b"\n".join(lines)

    return _CMAP.sub(cmap, pdf)


def restore_han(pdf: bytes, drawn: str) -> bytes:
    """`pdf`, drawn with the canvas's fonts from the text `drawn`, with its ToUnicode maps
    naming the characters that were drawn (see the module's docstring)."""
    return restore_text(pdf, shared_glyph_aliases(drawn))
