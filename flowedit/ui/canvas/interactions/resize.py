"""Resizing a shape by its corner grip, and a lane by its bottom border: shown in the scene while
dragging (the model is untouched), then one edit."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF
from PySide6.QtGui import QMouseEvent

from flowedit.i18n import _
from flowedit.model.elements import MAX_SIZE, MIN_SIZE
from flowedit.model.geometry import lane_bands, lane_min_height
from flowedit.ui.canvas.interactions.base import Interaction
from flowedit.ui.lazy import editing


class ResizeNodeInteraction(Interaction):
    """Keeps the top-left corner in place while the bottom-right grip follows the pointer."""

    def __init__(self, editor, node_id: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(editor)
        self.node_id = node_id
        node = self.doc.nodes[node_id]
        width, height = node.size
        self.top_left = QPointF(node.x - width / 2, node.y - height / 2)
        self.started = False

    def _geometry(self, pos: QPointF) -> dict[str, float]:
        grid = self.editor.grid_size
        width = min(max(round((pos.x() - self.top_left.x()) / grid) * grid, MIN_SIZE * 4),
                    MAX_SIZE)
        height = min(max(round((pos.y() - self.top_left.y()) / grid) * grid, MIN_SIZE * 3),
                     MAX_SIZE)
        return {"width": width, "height": height, "x": self.top_left.x() + width / 2,
                "y": self.top_left.y() + height / 2}

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        self.started = True
        self.scene.preview({self.node_id: replace(self.doc.nodes[self.node_id],
                                                  **self._geometry(pos))})

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started:
            return
        final = self._geometry(pos)
        self.scene.preview({})

        def build(rec: editing.Recorder) -> None:
            editing.move_nodes(rec, {self.node_id: (final["x"], final["y"])})
            editing.resize_node(rec, self.node_id, final["width"], final["height"])

        self.editor.edit(lambda: _("Resize shape"), build)

    def cancel(self) -> None:
        self.scene.preview({})


class ResizeLaneInteraction(Interaction):
    """Drags a lane's bottom border; it never gets so short that a shape falls out."""

    def __init__(self, editor, lane_id: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(editor)
        self.lane_id = lane_id
        self.top = lane_bands(self.doc)[lane_id][0]
        self.started = False

    def _height(self, pos: QPointF) -> float:
        floor = max(lane_min_height(self.doc, self.lane_id, self.top), 60.0)
        return max(pos.y() - self.top, floor)

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        self.started = True
        self.editor.show_lane_guide(self.top + self._height(pos))

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        self.editor.show_lane_guide(None)
        if self.started:
            height = self._height(pos)
            self.editor.edit(lambda: _("Resize lane"),
                             lambda rec: editing.resize_lane(rec, self.lane_id, height))

    def cancel(self) -> None:
        self.editor.show_lane_guide(None)


class ReorderLaneInteraction(Interaction):
    """Drags a lane by its header to another place in the order; its shapes go with it."""

    def __init__(self, editor, lane_id: str) -> None:  # type: ignore[no-untyped-def]
        super().__init__(editor)
        self.lane_id = lane_id
        self.started = False
        self.origin = QPointF()

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.origin = pos

    def _index_at(self, pos: QPointF) -> int:
        bands = lane_bands(self.doc)
        lanes = self.doc.lanes
        for index, lane in enumerate(lanes):
            if pos.y() < bands[lane.id][1]:
                return index
        return len(lanes) - 1

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if abs(pos.y() - self.origin.y()) < 6:
            return
        self.started = True
        index = self._index_at(pos)
        bands = lane_bands(self.doc)
        top, bottom = bands[self.doc.lanes[index].id]
        self.editor.show_lane_guide(top if index <= self.doc.lane_index(self.lane_id) else bottom)

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        self.editor.show_lane_guide(None)
        if not self.started:
            return
        index = self._index_at(pos)
        if index != self.doc.lane_index(self.lane_id):
            self.editor.edit(lambda: _("Move lane"),
                             lambda rec: editing.move_lane(rec, self.lane_id, index))

    def cancel(self) -> None:
        self.editor.show_lane_guide(None)
