"""Text widths and word wrapping of DejaVu Sans, without Qt: a table Qt measured once.

The fast SVG writer (render/svg_stream.py) lays out a shape's name, an arrow's label and a lane's
name with the numbers Qt would give, from `fonts/dejavu-latin.json` (tools/make_font_tables.py):
each character's advance and each pair's kerning, in 1/64 px as Qt keeps them, at the pixel
sizes diagrams use. A text the table cannot answer for exactly (a character outside it, a
break rule it does not know) gets None, and the caller asks Qt instead; so the answer is
always Qt's. No Qt here.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

#: The characters the table and the embedded Latin subsets hold: ASCII, Latin-1 and the common
#: typographic marks (no soft hyphen: Qt draws it only at a break).
COVERED = "".join(
    [chr(code) for code in range(0x20, 0x7F)]
    + [chr(code) for code in range(0xA0, 0x100) if code != 0xAD]
    + list("\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026\u20ac\u2192"))
#: The pixel sizes of text_font(7 pt … 10 pt): names shrink to fit, labels 9 pt, lanes 10 pt.
PIXEL_SIZES = (9, 10, 11, 12, 13)
FONTS = Path(__file__).resolve().parent / "fonts"

#: Characters around which Qt's line breaking (UAX #14) is plain: a line may break after a run of
#: spaces and after a hyphen between two letters, nowhere else. Text with anything else (a
#: slash, brackets, quotes, dashes...) is wrapped by Qt.
_PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;?!&%-"
                   + "".join(chr(code) for code in range(0xC0, 0x100)
                             if code not in (0xD7, 0xF7)))


class _Face:
    """One weight at one pixel size: advances and kerning in 1/64 px."""

    __slots__ = ("advance", "ascent", "height", "kerning", "overhang")

    def __init__(self, data: dict[str, object], chars: str) -> None:
        self.advance: dict[str, int] = dict(zip(chars, data["advance"], strict=True))  # type: ignore[arg-type]
        self.kerning: dict[str, int] = data["kerning"]  # type: ignore[assignment]
        #: Ink a character puts past its advance when it ends a line (Qt counts it in the
        #: line's width and in whether a word still fits).
        self.overhang: dict[str, int] = data["overhang"]  # type: ignore[assignment]
        self.ascent: int = data["ascent"]  # type: ignore[assignment]
        self.height: int = data["height"]  # type: ignore[assignment]

    def advances(self, text: str) -> list[int]:
        """Each character's advance as shaped in `text` (its kerning with the next one added)."""
        advance, kerning = self.advance, self.kerning
        out = [advance[char] for char in text]
        if kerning:
            for index in range(len(text) - 1):
                pair = kerning.get(text[index:index + 2])
                if pair:
                    out[index] += pair
        return out


@lru_cache(maxsize=1)
def _table() -> dict[tuple[bool, int], _Face]:
    data = json.loads((FONTS / "dejavu-latin.json").read_text(encoding="utf-8"))
    chars = data["chars"]
    return {(bold, int(px)): _Face(face, chars)
            for bold, key in ((False, "regular"), (True, "bold"))
            for px, face in data[key].items()}


_COVERED_SET = frozenset(COVERED)


def face(bold: bool, pixels: int) -> _Face | None:
    """The table of a weight at a pixel size, or None when it has none."""
    return _table().get((bold, pixels))


def covers(text: str) -> bool:
    return _COVERED_SET.issuperset(text)


def width(text: str, bold: bool, pixels: int) -> float | None:
    """Qt's horizontalAdvance of `text`, or None when the table cannot say."""
    table = face(bold, pixels)
    if table is None or not _COVERED_SET.issuperset(text):
        return None
    return sum(table.advances(text)) / 64


_DIGITS = str.maketrans("123456789", "000000000")


def wrap(text: str, line_width: float, bold: bool, pixels: int
         ) -> tuple[list[tuple[str, float]], float] | None:
    """Qt's word wrap of `text` in lines of `line_width` px: [(line, its width)] and the widest
    line; None when the table cannot say (the caller asks Qt). Trailing spaces of a line are
    kept in its text but not counted in its width, as Qt does.

    Digits are all as wide as each other in DejaVu Sans and kern with nothing (`_table` checks),
    so "Stage 17" and "Stage 42" wrap alike: the wrap is remembered for the text with its
    digits made zeros, and a process of numbered stages is laid out a few times, not once per
    stage."""
    pattern = text.translate(_DIGITS) if _uniform_digits() else text
    found = _wrap_pattern(pattern, round(line_width * 64), bold, pixels)
    if found is None:
        return None
    ends, widths, widest = found
    lines = []
    start = 0
    for end, used in zip(ends, widths, strict=True):
        lines.append((text[start:end], used))
        start = end
    return lines, widest


@lru_cache(maxsize=1)
def _uniform_digits() -> bool:
    """Every digit has the same advance and overhang at every size, and none kerns."""
    for table in _table().values():
        if len({table.advance[d] for d in "0123456789"}) != 1:
            return False
        if len({table.overhang.get(d, 0) for d in "0123456789"}) != 1:
            return False
        if any(char.isdigit() for pair in table.kerning for char in pair):
            return False
    return True


@lru_cache(maxsize=4096)
def _wrap_pattern(text: str, limit: int, bold: bool, pixels: int
                  ) -> tuple[tuple[int, ...], tuple[float, ...], float] | None:
    """`wrap` of one text: the end of each line, each line's width and the widest."""
    table = face(bold, pixels)
    if (table is None or not text or not _PLAIN.issuperset(text) or text[0] == " "
            or text[-1] == " " or "  " in text):
        return None
    advances = table.advances(text)
    breaks = _break_after(text)
    ends: list[int] = []
    widths: list[float] = []
    start = 0
    widest = 0
    count = len(text)
    while start < count:
        # the longest run of words from `start` whose width (trailing spaces left out) fits
        end = _next_break(breaks, start, count)  # one word at least, even when too wide
        while end < count:
            longer = _next_break(breaks, end, count)
            if _ink_width(text, advances, table.overhang, start, longer) > limit:
                break
            end = longer
        used = _ink_width(text, advances, table.overhang, start, end)
        ends.append(end)
        widths.append(used / 64)
        widest = max(widest, used)
        start = end
    return tuple(ends), tuple(widths), widest / 64


def pattern_of(text: str) -> str:
    """The text `wrap` and `placed` lay out in place of `text` (digits made zeros when that
    changes no width)."""
    return text.translate(_DIGITS) if _uniform_digits() else text


#: (pixel size, lines as (end index, middle x, baseline y) from the box's top-left, whether
#: the lines are taller than the box)
Placed = tuple[int, tuple[tuple[int, float, float], ...], bool]


@lru_cache(maxsize=8192)
def placed(pattern: str, width: float, height: float, bold: bool, sizes: tuple[int, ...]
           ) -> Placed | None:
    """Lines of `pattern` (see `pattern_of`) as Qt's drawText(box, AlignCenter | WordWrap)
    writes them in a box of `width` × `height`, at the first of `sizes` (pixels) at which the
    wrapped text fits across and down, else the last (painting._fitting_size); each line
    anchored at its middle, as svg_fonts.embed_fonts anchors Qt's. None when the table cannot
    say, or when no size fits across (Qt then wraps anywhere)."""
    for pixels in sizes:
        table = face(bold, pixels)
        found = _wrap_pattern(pattern, round(width * 64), bold, pixels)
        if table is None or found is None:
            return None
        ends, _widths, widest = found
        block = block_height(table, len(ends))
        fits_across = widest <= width + 0.5
        if fits_across and block <= height:
            break
    if not fits_across:
        return None
    advances = table.advances(pattern)
    step = -(-table.height // 64)
    top = (height - block) / 2
    ascent = table.ascent / 64
    lines = []
    start = 0
    for index, end in enumerate(ends):
        shown = end
        while shown > start and pattern[shown - 1] == " ":
            shown -= 1
        # Qt centres a line by its advance (no overhang), and the SVG's text is the line
        # alone, whose last character kerns with nothing
        line_advance = sum(advances[start:shown])
        alone = line_advance - advances[shown - 1] + table.advance[pattern[shown - 1]] \
            if shown > start else 0
        middle = (width - line_advance / 64) / 2 + alone / 64 / 2
        lines.append((end, middle, top + index * step + ascent))
        start = end
    return pixels, tuple(lines), block > height


def _break_after(text: str) -> set[int]:
    """Positions (end indexes) after which a line may break."""
    out = set()
    for index, char in enumerate(text[:-1]):
        after = text[index + 1]
        spaced = char == " " and after != " "
        hyphen = char == "-" and index > 0 and text[index - 1].isalpha() and after.isalpha()
        if spaced or hyphen:
            out.add(index + 1)
    return out


def _next_break(breaks: set[int], start: int, count: int) -> int:
    for end in range(start + 1, count):
        if end in breaks:
            return end
    return count


def _ink_width(text: str, advances: list[int], overhang: dict[str, int], start: int,
               end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return sum(advances[start:end]) + (overhang.get(text[end - 1], 0) if end > start else 0)


def block_height(face: _Face, lines: int) -> float:
    """Height of `lines` wrapped lines, as Qt stacks them: every line but the last takes a whole
    number of pixels."""
    step = -(-face.height // 64)
    return ((lines - 1) * step * 64 + face.height) / 64
