"""The text of the streamed SVG (render/svg_stream.py): laid out by Qt where the text table
(render/text_table.py) cannot say, and the fonts it is drawn in.

`SvgText` starts Qt only when asked for text the table does not know; `SvgFonts` notes the faces
used and writes their @font-face rules: the shipped Latin subsets as they are, and subsets made
with fontTools (render/svg_fonts.py) only for glyphs beyond them (Chinese, Greek...).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Callable
from typing import Any

from flowedit.render import look, text_table
from flowedit.render.boxes import Box

#: The family the embedded Latin subsets go by (svg_fonts names Qt's faces the same way).
FAMILY = "flowedit DejaVu Sans"
#: The size an arrow's label is drawn at (painting.EDGE_LABEL_PT).
EDGE_LABEL_PT = 9.0


class SvgFonts:
    """The faces the SVG's text is drawn in: the shipped Latin subsets, and faces Qt picked for
    text outside them (subset when the file is finished)."""

    def __init__(self) -> None:
        self.latin: set[bool] = set()  # the weights drawn from the shipped subsets (bold?)
        self.qt_faces: dict[tuple[str, str], Any] = {}  # svg_fonts._Face by (family, style)

    def css(self) -> str:
        rules = []
        extra_latin: dict[int, Any] = {}
        faces = []
        for face in self.qt_faces.values():
            if face.family != "DejaVu Sans":
                faces.append(face)
            elif face.chars <= _COVERED:  # Qt laid it out, but the shipped subset has it all
                self.latin.add(face.weight >= 600)
            else:  # beyond the shipped subset: that and the rest, subset at run time
                face.chars.update(_COVERED)
                extra_latin[face.weight] = face
                faces.append(face)
        for bold in sorted(self.latin):
            weight = 700 if bold else 400
            if weight in extra_latin:
                continue
            name = "DejaVuSans-Bold-latin.woff" if bold else "DejaVuSans-latin.woff"
            data = (text_table.FONTS / name).read_bytes()
            rules.append(_font_face(FAMILY, weight, data))
        for face in faces:
            from flowedit.render import svg_fonts  # fontTools: only for text outside the table

            data = svg_fonts._subset(face)
            if data is not None:
                rules.append(_font_face(f"flowedit {face.family}", face.weight, data))
        return "\n".join(rules)


_COVERED = frozenset(text_table.COVERED)


def _font_face(family: str, weight: int, data: bytes) -> str:
    return (f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
            f"src: url(data:font/woff;base64,{base64.b64encode(data).decode()}) "
            "format('woff'); }")


class SvgText:
    """Lays out text as Qt does: from the table, or by Qt when the table cannot say."""

    def __init__(self, start_qt: Callable[[], None], fonts: SvgFonts) -> None:
        self.start_qt = start_qt
        self.fonts = fonts
        self.qt_ready = False

    def qt(self) -> None:
        if not self.qt_ready:
            self.start_qt()
            self.qt_ready = True

    def label_size(self, label: str) -> tuple[float, float]:
        """painting.edge_label_size."""
        pixels = look.pixel_size(EDGE_LABEL_PT)
        wrapped = text_table.wrap(label, 160.0, False, pixels)
        if wrapped is None:
            self.qt()
            from flowedit.render.painting import edge_label_size

            return edge_label_size(label)
        lines, widest = wrapped
        face = text_table.face(False, pixels)
        assert face is not None
        return widest + 8, text_table.block_height(face, len(lines)) + 2

    def qt_lines(self, text: str, box: Box, flags: int, point_size: float, bold: bool
                 ) -> list[tuple[str, float, float, int, bool]]:
        """Lines Qt lays out (text the table cannot say): (line, middle x, baseline y, pixel
        size, bold); notes the fonts they use."""
        self.qt()
        from PySide6.QtGui import QFontMetricsF, QTextLayout, QTextOption

        from flowedit.render import style, svg_fonts

        font = style.text_font(point_size, bold, text)
        metrics = QFontMetricsF(font)
        x, y, w, h = box
        option = QTextOption()
        anywhere = flags & 0x2000  # Qt.TextFlag.TextWrapAnywhere
        option.setWrapMode(QTextOption.WrapMode.WrapAnywhere if anywhere
                           else QTextOption.WrapMode.WordWrap if flags & 0x1000
                           else QTextOption.WrapMode.NoWrap)
        layout = QTextLayout(text, font)
        layout.setTextOption(option)
        layout.beginLayout()
        found = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(w)
            found.append(line)
        layout.endLayout()
        # stacked as qt_format_text stacks them: each line at a whole pixel below the last
        offsets, stacked = [], 0.0
        for line in found:
            stacked = float(math.ceil(stacked))
            offsets.append(stacked)
            stacked += line.ascent() + line.descent()
        top = y + (h - stacked) / 2
        out = []
        for line, offset in zip(found, offsets, strict=True):
            content = text[line.textStart():line.textStart() + line.textLength()].rstrip(" ")
            left = x + (w - line.horizontalAdvance()) / 2  # as qt_format_text centres
            middle = left + metrics.horizontalAdvance(content) / 2
            out.append((content, middle, top + offset + line.ascent(), font.pixelSize(), bold))
            svg_fonts._collect(self.fonts.qt_faces, font, content)
        return out
