"""Makes the text of Qt's PDFs extract as it was written: no Qt here, only bytes.

CJK fonts draw a Han character and the Kangxi radical that looks like it (无 U+65E0 and ⽆
U+2F46, 人 and ⼈) with one glyph. Qt writes each glyph's character into the PDF's ToUnicode map
as the lowest code point the font maps to it, which is the radical, so `pdftotext` returned
"⽆效联系⼈" and a search for 无效联系人 found nothing. The radicals are put back to the
characters that were drawn. Each entry keeps its four hex digits, so the file keeps its length
and its cross-reference table stays valid.
"""

from __future__ import annotations

import re
import unicodedata

_CMAP = re.compile(rb"begincmap.*?endcmap", re.DOTALL)
_HEX4 = re.compile(rb"<([0-9A-Fa-f]{4})>")
#: CJK Radicals Supplement and Kangxi Radicals: the code points that share glyphs with Han.
_RADICALS = range(0x2E80, 0x2FE0)


def restore_han(pdf: bytes, drawn: str) -> bytes:
    """`pdf` with every radical in its ToUnicode maps replaced by the Han character it stands
    for, unless the radical itself is among the `drawn` characters and that character is not."""
    drawn_chars = set(drawn)

    def entry(match: re.Match[bytes]) -> bytes:
        code = int(match.group(1), 16)
        if code not in _RADICALS:
            return match.group(0)
        radical = chr(code)
        han = unicodedata.normalize("NFKC", radical)
        if len(han) != 1 or ord(han) > 0xFFFF or han == radical:
            return match.group(0)
        if radical in drawn_chars and han not in drawn_chars:
            return match.group(0)
        return b"<%04X>" % ord(han)

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
            if text.rstrip().endswith((b"beginbfchar", b"beginbfrange")):
                sources = 1 if text.rstrip().endswith(b"beginbfchar") else 2
            elif text.startswith((b"endbfchar", b"endbfrange")):
                sources = 0
            elif sources:
                lines[index] = line(text, sources)
        return b"\n".join(lines)

    return _CMAP.sub(cmap, pdf)
