"""Slides: the presentation as pictures a trainer puts into a deck (`flowedit present FILE
--slides DIR`). One PNG per step of the walk, drawn by the presentation window itself at 1920×1080
(what the room would see at that step), plus a 16:9 overview of the whole process.

The walk is the one Page Down alone gives: the default branches, or the routes given, one after
another. Nothing is shown on screen; the window is drawn off screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication

from flowedit.model import Document
from flowedit.model.routes import Route
from flowedit.render import style
from flowedit.render.export import Diagram
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.presentation import PresentationWindow

SLIDE_WIDTH, SLIDE_HEIGHT = 1920, 1080
#: Steps at most (a walk that could go round for ever still ends).
MAX_SLIDES = 500


def write_slides(doc: Document, folder: Path, *, routes: list[Route] | None = None,
                 lane: str | None = None) -> list[Path]:
    """Writes overview.png and step-001.png, step-002.png, … into `folder` (made if missing);
    returns the files written, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "overview.png"]
    overview(doc, lane).save(str(written[0]), "PNG")
    animation = presentation_canvas.ANIMATION_MS
    presentation_canvas.ANIMATION_MS = 0  # every slide shows its step, not a glide to it
    window = PresentationWindow(doc, lane=lane, routes=routes)
    try:
        window.fixed_size = True
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(SLIDE_WIDTH, SLIDE_HEIGHT)
        window.show()
        for number in range(1, MAX_SLIDES + 1):
            QApplication.processEvents()
            window.canvas.settle()
            path = folder / f"step-{number:03d}.png"
            window.grab().toImage().save(str(path), "PNG")
            written.append(path)
            if not window.next():
                break
    finally:
        presentation_canvas.ANIMATION_MS = animation
        window.close()
        window.deleteLater()
    return written


def overview(doc: Document, lane: str | None = None) -> QImage:
    """The whole process on a 16:9 picture under its title, as large as it fits."""
    image = QImage(SLIDE_WIDTH, SLIDE_HEIGHT, QImage.Format.Format_ARGB32)
    image.fill(QColor(Qt.GlobalColor.white))
    diagram = Diagram(doc, lane=lane)
    painter = QPainter(image)
    try:
        title_font = QFont(style.text_font(10, bold=True, text=doc.title))
        title_font.setPixelSize(48)
        painter.setFont(title_font)
        painter.setPen(style.INK)
        band = QRectF(60, 30, SLIDE_WIDTH - 120, 80)
        painter.drawText(band, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         " ".join(doc.title.split()))
        area = QRectF(60, band.bottom() + 20, SLIDE_WIDTH - 120,
                      SLIDE_HEIGHT - band.bottom() - 80)
        bounds = diagram.bounds
        scale = min(area.width() / bounds.width(), area.height() / bounds.height())
        painter.translate(area.center().x() - bounds.center().x() * scale,
                          area.center().y() - bounds.center().y() * scale)
        painter.scale(scale, scale)
        diagram.paint(painter)
    finally:
        painter.end()
    return image
