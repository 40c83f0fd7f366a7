"""The base of every gesture: started by a press, fed moves, finished by a release or cancelled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor


class Interaction:
    def __init__(self, editor: Editor) -> None:
        self.editor = editor
        self.scene = editor.scene
        self.doc = editor.doc

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        """The press that started the gesture (scene coordinates)."""

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        """The pointer moved with the gesture active."""

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        """The gesture ends: commit it as one edit."""

    def cancel(self) -> None:
        """Esc or losing the mouse: put everything back as it was."""
