"""Panning the canvas with the middle button or Space + drag."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent

from flowedit.ui.canvas.interactions.base import Interaction


class PanInteraction(Interaction):
    def __init__(self, editor) -> None:  # type: ignore[no-untyped-def]
        super().__init__(editor)
        self.last = QPoint()

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.last = event.position().toPoint()
        self.editor.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        now = event.position().toPoint()
        delta = now - self.last
        self.last = now
        view = self.editor.view
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() - delta.x())
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() - delta.y())

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        self.editor.view.viewport().unsetCursor()

    def cancel(self) -> None:
        self.editor.view.viewport().unsetCursor()
