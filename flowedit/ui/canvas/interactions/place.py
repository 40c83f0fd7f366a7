"""Placing a new shape or lane: armed by a palette button, completed by a click on the canvas."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent

from flowedit.ui.canvas.interactions.base import Interaction

LANE = "lane"


class PlaceInteraction(Interaction):
    def __init__(self, editor, kind: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(editor)
        self.kind = kind

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        self.editor.place(self.kind, pos)
