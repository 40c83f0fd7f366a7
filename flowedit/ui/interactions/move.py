"""Dragging shapes: the model follows the pointer live (so arrows follow too), and the release
turns the whole drag into one undoable edit. Snaps to the grid unless Alt is held."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent

from flowedit.model import editing
from flowedit.ui.interactions.base import Interaction

DRAG_THRESHOLD = 4.0


def snap(value: float, grid: float) -> float:
    return round(value / grid) * grid


class MoveInteraction(Interaction):
    def __init__(self, editor, node_ids: list[str], anchor: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(editor)
        self.node_ids = node_ids
        self.anchor = anchor
        self.origin = QPointF()
        self.started = False
        self.original = {n: (self.doc.nodes[n].x, self.doc.nodes[n].y) for n in node_ids}

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.origin = pos

    def _target_positions(self, pos: QPointF, free: bool) -> dict[str, tuple[float, float]]:
        delta = pos - self.origin
        ax, ay = self.original[self.anchor]
        if free:
            dx, dy = delta.x(), delta.y()
        else:
            grid = self.editor.grid_size
            dx, dy = snap(ax + delta.x(), grid) - ax, snap(ay + delta.y(), grid) - ay
        return {n: (x + dx, y + dy) for n, (x, y) in self.original.items()}

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started and (pos - self.origin).manhattanLength() < DRAG_THRESHOLD:
            return
        self.started = True
        free = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        with self.doc.transaction():
            for node_id, (x, y) in self._target_positions(pos, free).items():
                self.doc.move_node(node_id, x, y)

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started:
            return
        free = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        targets = self._target_positions(pos, free)
        with self.doc.transaction():
            self._restore()
            if any(targets[n] != self.original[n] for n in targets):
                text = "Move shape" if len(targets) == 1 else f"Move {len(targets)} shapes"
                self.editor.edit(text, lambda rec: editing.move_nodes(rec, targets))

    def cancel(self) -> None:
        with self.doc.transaction():
            self._restore()

    def _restore(self) -> None:
        for node_id, (x, y) in self.original.items():
            self.doc.move_node(node_id, x, y)
