"""Colours, pens and fonts of a diagram: one place, so canvas and export look the same."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont

from flowedit.model import Colour, Lane, Node, NodeKind, Outcome

INK = QColor("#263238")
ARROW = QColor("#455a64")
SELECTION = QColor("#1e88e5")
PROBLEM = QColor("#d32f2f")
REFUSED = QColor("#e53935")
ACCEPTED = QColor("#43a047")
LANE_HEADER = QColor("#eceff1")
METRICS = QColor("#37474f")
GUIDE = QColor("#e91e63")
BOTTLENECK = QColor("#ef6c00")
LEAK = QColor("#c62828")
LANE_FILLS = (QColor("#fafbfc"), QColor("#f3f6f8"))
LANE_BORDER = QColor("#b0bec5")

_FILLS = {
    NodeKind.START: QColor("#e8f5e9"),
    NodeKind.STAGE: QColor("#e3f2fd"),
    NodeKind.DECISION: QColor("#fff8e1"),
    NodeKind.END: QColor("#eceff1"),
}
_BORDERS = {
    NodeKind.START: QColor("#2e7d32"),
    NodeKind.STAGE: QColor("#1565c0"),
    NodeKind.DECISION: QColor("#f9a825"),
    NodeKind.END: QColor("#546e7a"),
}
_OUTCOME_FILLS = {Outcome.WON: QColor("#c8e6c9"), Outcome.LOST: QColor("#ffcdd2")}
_OUTCOME_BORDERS = {Outcome.WON: QColor("#2e7d32"), Outcome.LOST: QColor("#c62828")}


#: (fill, line) of each colour a user can give a shape; a lane takes a paler tint of the fill.
PALETTE: dict[Colour, tuple[QColor, QColor]] = {
    Colour.BLUE: (QColor("#e3f2fd"), QColor("#1565c0")),
    Colour.GREEN: (QColor("#e8f5e9"), QColor("#2e7d32")),
    Colour.AMBER: (QColor("#fff8e1"), QColor("#f9a825")),
    Colour.RED: (QColor("#ffebee"), QColor("#c62828")),
    Colour.PURPLE: (QColor("#f3e5f5"), QColor("#6a1b9a")),
    Colour.TEAL: (QColor("#e0f2f1"), QColor("#00695c")),
    Colour.GREY: (QColor("#eceff1"), QColor("#546e7a")),
}


def node_fill(node: Node) -> QColor:
    if node.color is not None:
        return PALETTE[node.color][0]
    if node.kind is NodeKind.END and node.outcome is not None:
        return _OUTCOME_FILLS[node.outcome]
    return _FILLS[node.kind]


def node_border(node: Node) -> QColor:
    if node.color is not None:
        return PALETTE[node.color][1]
    if node.kind is NodeKind.END and node.outcome is not None:
        return _OUTCOME_BORDERS[node.outcome]
    return _BORDERS[node.kind]


def outcome_colour(outcome: Outcome) -> QColor:
    """The line colour of an outcome: green for won, red for lost (ends and milestone flags)."""
    return _OUTCOME_BORDERS[outcome]


def node_bold(node: Node) -> bool:
    return node.bold if node.bold is not None else node.kind is not NodeKind.STAGE


def lane_fill(lane: Lane, index: int) -> QColor:
    if lane.color is not None:
        return PALETTE[lane.color][0].lighter(103)
    return LANE_FILLS[index % 2]


_UNDRAWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def drawable(text: str) -> str:
    """Text as it is drawn: control characters (Word's line break \\v, ESC, NUL...) become
    spaces, since SVG and PDF cannot hold them; the document keeps them as they are."""
    return _UNDRAWABLE.sub(" ", text)


#: CJK fonts per language, first choice first: the Noto/Source Han families on Linux, the system
#: fonts on Windows and macOS. Han characters are drawn differently in Chinese, Japanese and
#: Korean, so a font made for the text's language is picked (never Japanese for Chinese).
CJK_FAMILIES = {
    "zh": ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC"),
    "ja": ("Noto Sans CJK JP", "Source Han Sans JP", "Yu Gothic", "Hiragino Sans"),
    "ko": ("Noto Sans CJK KR", "Source Han Sans KR", "Malgun Gothic", "Apple SD Gothic Neo"),
}
#: Qt caches a font's engine under its first family alone, not the ones after it: DejaVu Sans with
#: the Japanese families and DejaVu Sans with the Chinese ones shared one engine, so whichever
#: language was drawn first at a size set the other's Han characters too (a Chinese PDF embedded
#: the Japanese font). A style strategy of its own per language, which changes nothing drawn with
#: outline fonts, keeps the engines apart.
_CJK_STRATEGY = {"zh": QFont.StyleStrategy.PreferOutline, "ja": QFont.StyleStrategy.ForceOutline,
                 "ko": QFont.StyleStrategy.PreferQuality}
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


def text_font(point_size: float = 10.0, bold: bool = False, text: str = "") -> QFont:
    """DejaVu Sans, with the CJK font of `text`'s language (see `cjk_language`) for the
    characters DejaVu lacks. The size is set in whole scene pixels (a point is 96/72 of them):
    Qt lays text out at a whole pixel size anyway, 10 pt as 13 px, but wrote 13.33 px into SVG,
    so other renderers drew names wider than they were measured and cut them at the shape's
    edge. Unhinted, for the same reason: measured with the advances every viewer uses."""
    font = QFont("DejaVu Sans")
    language = cjk_language(text)
    if language is not None:
        font.setFamilies(["DejaVu Sans", *CJK_FAMILIES[language]])
    font.setStyleHint(QFont.StyleHint.SansSerif)  # (resets the style strategy)
    if language is not None:
        font.setStyleStrategy(_CJK_STRATEGY[language])
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setPixelSize(max(1, round(point_size * 96 / 72)))
    font.setBold(bold)
    return font
