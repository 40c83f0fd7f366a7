"""Dragging shapes: the scene shows them (and their arrows) following the pointer while the model
stays as it was; the release commits the whole drag as one undoable edit. Snaps to the grid
unless Alt is held."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QMouseEvent

from flowedit.i18n import ngettext
from flowedit.ui.canvas.interactions.base import Interaction
from flowedit.ui.lazy import editing

DRAG_THRESHOLD = 4.0
#: How close (in screen pixels) a dragged shape must come to another's line to snap to it.
GUIDE_REACH_PX = 6.0


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

    def _free(self, event: QMouseEvent) -> bool:
        """No snapping while Alt is held, or when snapping is switched off."""
        return not self.editor.snap or bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)

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
        free = self._free(event)
        targets = self._target_positions(pos, free)
        if not free:
            targets = self._align_with_neighbours(targets)
        self.scene.preview({node_id: replace(self.doc.nodes[node_id], x=x, y=y)
                            for node_id, (x, y) in targets.items()})

    def _align_with_neighbours(
            self, targets: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        """Alignment guides: when the dragged shape's centre or edge comes within a few pixels
        of a visible shape's, it snaps there and a guide line shows it. Only shapes on screen
        are compared, so the cost does not grow with the diagram."""
        view = self.editor.view
        reach = GUIDE_REACH_PX / max(view.zoom(), 0.05)
        anchor = self.doc.nodes[self.anchor]
        ax, ay = targets[self.anchor]
        width, height = anchor.size
        mine_x = {ax: 0.0, ax - width / 2: width / 2, ax + width / 2: -width / 2}
        mine_y = {ay: 0.0, ay - height / 2: height / 2, ay + height / 2: -height / 2}
        best_x = best_y = None
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        for item in self.scene.items(visible):
            node_id = getattr(item, "node_id", None)
            if node_id is None or node_id in self.original:
                continue
            other = self.doc.nodes[node_id]
            ow, oh = other.size
            for line in (other.x, other.x - ow / 2, other.x + ow / 2):
                for edge, offset in mine_x.items():
                    gap = abs(line - edge)
                    if gap <= reach and (best_x is None or gap < best_x[0]):
                        best_x = (gap, line + offset, line)
            for line in (other.y, other.y - oh / 2, other.y + oh / 2):
                for edge, offset in mine_y.items():
                    gap = abs(line - edge)
                    if gap <= reach and (best_y is None or gap < best_y[0]):
                        best_y = (gap, line + offset, line)
        dx = best_x[1] - ax if best_x else 0.0
        dy = best_y[1] - ay if best_y else 0.0
        view.show_guides(best_x[2] if best_x else None, best_y[2] if best_y else None)
        return {n: (x + dx, y + dy) for n, (x, y) in targets.items()}

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started:
            return
        free = self._free(event)
        targets = self._target_positions(pos, free)
        if not free:
            targets = self._align_with_neighbours(targets)
        self.editor.view.show_guides(None, None)
        self.scene.preview({})
        if any(targets[n] != self.original[n] for n in targets):
            count = len(targets)
            self.editor.edit(lambda: ngettext("Move shape", "Move {count} shapes",
                                              count).format(count=count),
                             lambda rec: editing.move_nodes(rec, targets))

    def cancel(self) -> None:
        self.editor.view.show_guides(None, None)
        self.scene.preview({})
