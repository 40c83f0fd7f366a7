"""A diagram's colours (as #rrggbb) and text rules as plain values, no Qt: render/style.py makes
the painter's QColors and QFonts from these, and the fast SVG writer (render/svg_stream.py)
writes them as they are, so both pictures use one set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from flowedit.model import Colour, Node, NodeKind, Outcome

INK = "#263238"
ARROW = "#455a64"
SELECTION = "#1e88e5"
PROBLEM = "#d32f2f"
REFUSED = "#e53935"
ACCEPTED = "#43a047"
LANE_HEADER = "#eceff1"
METRICS = "#37474f"
GUIDE = "#e91e63"
BOTTLENECK = "#ef6c00"
LEAK = "#c62828"
LANE_FILLS = ("#fafbfc", "#f3f6f8")
LANE_BORDER = "#b0bec5"

FILLS = {NodeKind.START: "#e8f5e9", NodeKind.STAGE: "#e3f2fd", NodeKind.DECISION: "#fff8e1",
         NodeKind.END: "#eceff1"}
BORDERS = {NodeKind.START: "#2e7d32", NodeKind.STAGE: "#1565c0", NodeKind.DECISION: "#f9a825",
           NodeKind.END: "#546e7a"}
OUTCOME_FILLS = {Outcome.WON: "#c8e6c9", Outcome.LOST: "#ffcdd2"}
OUTCOME_BORDERS = {Outcome.WON: "#2e7d32", Outcome.LOST: "#c62828"}

#: (fill, line) of each colour a user can give a shape; a lane takes a paler tint of the fill.
PALETTE: dict[Colour, tuple[str, str]] = {
    Colour.BLUE: ("#e3f2fd", "#1565c0"),
    Colour.GREEN: ("#e8f5e9", "#2e7d32"),
    Colour.AMBER: ("#fff8e1", "#f9a825"),
    Colour.RED: ("#ffebee", "#c62828"),
    Colour.PURPLE: ("#f3e5f5", "#6a1b9a"),
    Colour.TEAL: ("#e0f2f1", "#00695c"),
    Colour.GREY: ("#eceff1", "#546e7a"),
}
#: A coloured lane's band: its palette fill made 3 % lighter (QColor.lighter(103), which
#: tests/render/test_fast_svg.py checks these against).
LANE_TINTS: dict[Colour, str] = {
    Colour.BLUE: "#eaf6ff",
    Colour.GREEN: "#effcf0",
    Colour.AMBER: "#fffae9",
    Colour.RED: "#fff3f5",
    Colour.PURPLE: "#faecfc",
    Colour.TEAL: "#e7f9f8",
    Colour.GREY: "#f3f6f8",
}


def node_fill(node: Node) -> str:
    return _node_colour(node, 0, OUTCOME_FILLS, FILLS)


def node_border(node: Node) -> str:
    return _node_colour(node, 1, OUTCOME_BORDERS, BORDERS)


def _node_colour(node: Node, part: int, by_outcome: Mapping[Outcome, str],
                 by_kind: Mapping[NodeKind, str]) -> str:
    """A shape's own colour (its fill or border: `part` of the palette pair), else its end's
    outcome's, else its kind's."""
    if node.color is not None:
        return PALETTE[node.color][part]
    if node.kind is NodeKind.END and node.outcome is not None:
        return by_outcome[node.outcome]
    return by_kind[node.kind]


def node_bold(node: Node) -> bool:
    return node.bold if node.bold is not None else node.kind is not NodeKind.STAGE


_UNDRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def drawable(text: str) -> str:
    """Text as it is drawn: control characters (Word's line break \\v, ESC, NUL...) become
    spaces, since SVG and PDF cannot hold them; the document keeps them as they are."""
    return _UNDRAWABLE.sub(" ", text)


_KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HANGUL = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_HAN = re.compile("[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  "\uff00-\uff65]")


def cjk_language(text: str) -> str | None:
    """The language a name's CJK characters are written in, by script: kana means Japanese,
    hangul Korean, Han characters alone Chinese (Simplified); None when there are none."""
    if _KANA.search(text):
        return "ja"
    if _HANGUL.search(text):
        return "ko"
    if _HAN.search(text):
        return "zh"
    return None


def pixel_size(point_size: float) -> int:
    """The whole pixel size text of `point_size` is set in (style.text_font)."""
    return max(1, round(point_size * 96 / 72))
