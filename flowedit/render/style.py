"""Colours, pens and fonts of a diagram: one place, so canvas and export look the same."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont

from flowedit.model import Colour, Lane, Node, Outcome
from flowedit.render import look

INK = QColor(look.INK)
ARROW = QColor(look.ARROW)
SELECTION = QColor(look.SELECTION)
PROBLEM = QColor(look.PROBLEM)
REFUSED = QColor(look.REFUSED)
ACCEPTED = QColor(look.ACCEPTED)
LANE_HEADER = QColor(look.LANE_HEADER)
METRICS = QColor(look.METRICS)
GUIDE = QColor(look.GUIDE)
BOTTLENECK = QColor(look.BOTTLENECK)
LEAK = QColor(look.LEAK)
LANE_FILLS = tuple(QColor(fill) for fill in look.LANE_FILLS)
LANE_BORDER = QColor(look.LANE_BORDER)

#: (fill, line) of each colour a user can give a shape; a lane takes a paler tint of the fill.
PALETTE: dict[Colour, tuple[QColor, QColor]] = {
    colour: (QColor(fill), QColor(line)) for colour, (fill, line) in look.PALETTE.items()}


def node_fill(node: Node) -> QColor:
    return QColor(look.node_fill(node))


def node_border(node: Node) -> QColor:
    return QColor(look.node_border(node))


def outcome_colour(outcome: Outcome) -> QColor:
    """The line colour of an outcome: green for won, red for lost (ends and milestone flags)."""
    return QColor(look.OUTCOME_BORDERS[outcome])


node_bold = look.node_bold


def lane_fill(lane: Lane, index: int) -> QColor:
    if lane.color is not None:
        return PALETTE[lane.color][0].lighter(103)
    return LANE_FILLS[index % 2]


drawable = look.drawable
cjk_language = look.cjk_language


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
    font.setPixelSize(look.pixel_size(point_size))
    font.setBold(bold)
    return font
