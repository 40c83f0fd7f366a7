"""Painting the funnel chart: centred bars whose widths follow the leads reaching each stage, with
the conversion between consecutive bars. Shared by the editor's panel and its PNG/SVG export."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgGenerator

from flowedit.analysis.funnel import FunnelBar
from flowedit.i18n import _, format_number, format_percent
from flowedit.render import style

BAR_HEIGHT = 34.0
GAP = 22.0
_BAR = QColor("#90caf9")  # light enough for dark text on the bar and beside it
_LAST = QColor("#a5d6a7")


def funnel_size(bars: list[FunnelBar], width: float = 420.0) -> QSize:
    height = 20 + len(bars) * BAR_HEIGHT + max(len(bars) - 1, 0) * GAP + 20
    return QSize(int(width), int(max(height, 80)))


def paint_funnel(painter: QPainter, area: QRectF, bars: list[FunnelBar]) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if not bars:
        painter.setPen(style.INK)
        painter.setFont(style.text_font(10))
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
                         _("No funnel: no end or milestone of the process is marked as won, or "
                           "no lead reaches one."))
        return
    widest = max(bar.visits for bar in bars) or 1.0
    usable = area.width() - 20
    y = area.top() + 20
    for index, bar in enumerate(bars):
        if index:
            painter.setPen(style.INK)
            painter.setFont(style.text_font(8.5))
            if bar.conversion is None:
                conversion = ""
            elif bar.conversion <= 1.0 + 1e-9:
                conversion = "↓ " + _("{share} go on").format(
                    share=format_percent(bar.conversion, 0))
            else:  # a loop sends leads through this stage more than once
                conversion = "↓ " + _("×{count} (visited again after a loop)").format(
                    count=format_number(bar.conversion, 2, grouping=False))
            painter.drawText(QRectF(area.left(), y - GAP, area.width(), GAP),
                             int(Qt.AlignmentFlag.AlignCenter), conversion)
        width = max(usable * bar.visits / widest, 6.0)
        rect = QRectF(area.center().x() - width / 2, y, width, BAR_HEIGHT)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_LAST if index == len(bars) - 1 else _BAR)
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QPen(style.INK))
        painter.setFont(style.text_font(9, bold=True))
        # A loop on the way brings leads back: "×1.7 visits" as on the canvas, not "166.7%".
        share = (_("×{count} visits").format(count=format_number(bar.share, 1, grouping=False))
                 if bar.share > 1.005 else format_percent(bar.share, 1))
        text = f"{bar.name} — {format_number(bar.visits, 0)} ({share})"
        painter.drawText(QRectF(area.left() + 4, y, area.width() - 8, BAR_HEIGHT),
                         int(Qt.AlignmentFlag.AlignCenter), text)
        y += BAR_HEIGHT + GAP


def funnel_png(bars: list[FunnelBar], scale: float = 2.0) -> QImage:
    size = funnel_size(bars)
    image = QImage(int(size.width() * scale), int(size.height() * scale),
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_funnel(painter, QRectF(0, 0, size.width(), size.height()), bars)
    painter.end()
    return image


def funnel_svg(bars: list[FunnelBar], title: str = "Funnel") -> bytes:
    size = funnel_size(bars)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setResolution(96)
    painter = QPainter(generator)
    paint_funnel(painter, QRectF(0, 0, size.width(), size.height()), bars)
    painter.end()
    return bytes(buffer.data().data())
