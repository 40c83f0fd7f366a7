"""One open document in the editor: the model, its undo stack, scene and view, and the edits the
menus, palette and gestures ask for. Every edit goes through `edit()`: one command, one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from flowedit.analysis import Problem, check_document
from flowedit.model import Document, ModelError, NodeKind, editing
from flowedit.model.geometry import lane_bands
from flowedit.model.operations import Recorder
from flowedit.render.outline import node_rect
from flowedit.render.painting import text_rect
from flowedit.ui.commands import perform
from flowedit.ui.inline_editor import InlineTextEditor
from flowedit.ui.interactions.place import LANE
from flowedit.ui.scene import DiagramScene
from flowedit.ui.view import DiagramView

if TYPE_CHECKING:
    from flowedit.analysis.metrics import Metrics

DEFAULT_LEADS = 1000.0
#: Checks wait this long after the last edit, so typing and dragging never stutter.
CHECK_DELAY_MS = 150
_NUDGE_MERGE_KEY = 1


class Editor(QObject):
    problems_changed = Signal(list)
    message = Signal(str)
    #: (Metrics or None, error text or None), after every edit while anyone wants metrics.
    metrics_changed = Signal(object, object)

    def __init__(self, doc: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.grid_size = 10
        self.stack = QUndoStack(self)
        self.scene = DiagramScene(doc)
        self.view = DiagramView(self)
        self.problems: list[Problem] = []
        self.leads = DEFAULT_LEADS
        self.overlay_on = False
        self.metrics_wanted = False  # e.g. the funnel panel is open
        self.metrics: Metrics | None = None
        self.metrics_error: str | None = None
        self.inline: InlineTextEditor | None = None
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.run_checks)
        self.scene.changed_model.connect(self._check_timer.start)
        self.run_checks()

    def close(self) -> None:
        """Stops following the document; the scene tells no one anything any more."""
        self._check_timer.stop()
        self.scene.detach()
        self.scene.blockSignals(True)

    # ------------------------------------------------------------------ edits
    def edit(self, text: str, build: Callable[[Recorder], object], merge_key: int = -1,
             merge_tag: object = None) -> object:
        """Runs one edit; a refusal is shown to the user and changes nothing."""
        try:
            return perform(self.stack, self.doc, text, build, merge_key, merge_tag)
        except ModelError as error:
            self.report(str(error))
            return None

    def show_lane_guide(self, y: float | None) -> None:
        """A dashed line across the canvas where a dragged lane border or lane would land."""
        self.view.lane_guide_y = y
        self.view.viewport().update()

    def report(self, text: str) -> None:
        self.message.emit(text)

    def run_checks(self) -> None:
        self.problems = check_document(self.doc)
        self.scene.show_problems(self.problems)
        self.problems_changed.emit(self.problems)
        self.update_metrics()

    def update_metrics(self) -> None:
        """Recomputes the lead flow when the overlay or a metrics panel is showing."""
        if not (self.overlay_on or self.metrics_wanted):
            self.scene.show_metrics(None)
            return
        # numpy and scipy load on first use, not when the editor starts.
        from flowedit.analysis.metrics import MetricsError, compute_metrics
        from flowedit.render.metrics_overlay import overlay_for

        try:
            self.metrics, self.metrics_error = compute_metrics(self.doc, self.leads), None
        except MetricsError as error:
            self.metrics, self.metrics_error = None, str(error)
        overlay = overlay_for(self.doc, self.metrics) if self.metrics and self.overlay_on else None
        self.scene.show_metrics(overlay)
        self.metrics_changed.emit(self.metrics, self.metrics_error)

    def set_overlay(self, on: bool) -> None:
        self.overlay_on = on
        self.update_metrics()

    def set_leads(self, leads: float) -> None:
        self.leads = leads
        self.update_metrics()

    def place(self, kind: str, pos: QPointF) -> None:
        """A new shape (or lane) where the user clicked or dropped, selected with its name ready
        to type."""
        if kind == LANE:
            self.add_lane_at(pos.y())
            return
        x = round(pos.x() / self.grid_size) * self.grid_size
        y = round(pos.y() / self.grid_size) * self.grid_size
        node_kind = NodeKind(kind)
        node_id = self.edit(f"Add {node_kind.value}",
                            lambda rec: editing.place_node(rec, node_kind, x, y))
        if isinstance(node_id, str):
            self.scene.select_only([node_id])
            self.edit_text_of_node(node_id, select_all=True)

    def add_lane_at(self, y: float | None = None) -> None:
        index = None
        if y is not None:
            for i, (top, bottom) in enumerate(lane_bands(self.doc).values()):
                if y < bottom:
                    index = i if y < (top + bottom) / 2 else i + 1
                    break
        number = len(self.doc.lanes) + 1
        lane_id = self.edit("Add lane",
                            lambda rec: editing.add_lane(rec, f"Lane {number}", index))
        if isinstance(lane_id, str):
            self.scene.select_only(lane_ids=[lane_id])
            self.edit_text_of_lane(lane_id, select_all=True)

    def delete_selection(self) -> None:
        node_ids, edge_ids, lane_ids = self.scene.selected_ids()
        if node_ids or edge_ids:
            count = len(node_ids) + len(edge_ids)
            self.edit("Delete" if count == 1 else f"Delete {count} items",
                      lambda rec: editing.delete(rec, node_ids, edge_ids))
        elif lane_ids:
            for lane_id in lane_ids:
                self.delete_lane(lane_id)

    def delete_lane(self, lane_id: str) -> None:
        """Asks what to do with the lane's shapes when it has any."""
        members = self.doc.nodes_in_lane(lane_id)
        delete_shapes = False
        if members:
            lane = self.doc.lane(lane_id)
            box = QMessageBox(QMessageBox.Icon.Question, "Delete lane",
                              f"Lane '{lane.name}' holds {len(members)} shape(s).",
                              parent=self.view)
            box.setInformativeText("Delete the shapes with the lane, or keep them outside "
                                   "every lane?")
            delete_button = box.addButton("Delete shapes", QMessageBox.ButtonRole.DestructiveRole)
            keep_button = box.addButton("Keep shapes", QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(keep_button)
            box.exec()
            clicked = box.clickedButton()
            if clicked not in (delete_button, keep_button):
                return
            delete_shapes = clicked is delete_button
        self.edit("Delete lane",
                  lambda rec: editing.delete_lane(rec, lane_id, delete_shapes))

    def move_selected_lane(self, step: int) -> None:
        _, _, lane_ids = self.scene.selected_ids()
        if len(lane_ids) != 1:
            self.report("Select a lane (click its header) to move it")
            return
        index = self.doc.lane_index(lane_ids[0]) + step
        if 0 <= index < len(self.doc.lanes):
            self.edit("Move lane", lambda rec: editing.move_lane(rec, lane_ids[0], index))
            self.scene.select_only(lane_ids=lane_ids)

    def nudge_selection(self, dx: float, dy: float) -> bool:
        """Arrow keys: moves the selected shapes; repeated nudges merge into one undo step."""
        node_ids, _, _ = self.scene.selected_ids()
        if not node_ids:
            return False
        positions = {n: (self.doc.nodes[n].x + dx, self.doc.nodes[n].y + dy) for n in node_ids}
        self.edit("Move with keys", lambda rec: editing.move_nodes(rec, positions),
                  _NUDGE_MERGE_KEY, tuple(node_ids))
        return True

    def select_all(self) -> None:
        self.scene.select_only(list(self.doc.nodes), list(self.doc.edges))

    def set_node_fields(self, node_id: str, text: str, **fields: object) -> None:
        self.edit(text, lambda rec: editing.update_node(rec, node_id, **fields))

    def set_edge_fields(self, edge_id: str, text: str, **fields: object) -> None:
        self.edit(text, lambda rec: editing.update_edge(rec, edge_id, **fields))

    def focus_node(self, node_id: str) -> None:
        """Selects and centres a shape (from the problems panel, find, outline...)."""
        if node_id in self.scene.node_items:
            self.scene.select_only([node_id])
            self.view.centerOn(self.scene.node_items[node_id])

    # ------------------------------------------------------------------ in-place text
    def edit_text_of_node(self, node_id: str, select_all: bool = False) -> None:
        node = self.doc.nodes[node_id]
        rect = text_rect(node) if node.kind is not NodeKind.STAGE else node_rect(node)
        self._open_inline(rect.adjusted(-6, -6, 6, 6), node.name, select_all,
                          lambda text: self.set_node_fields(node_id, "Rename", name=text))

    def edit_text_of_edge(self, edge_id: str) -> None:
        item = self.scene.edge_items[edge_id]
        if item.route is None:
            return
        anchor = item.route.label_anchor
        from PySide6.QtCore import QRectF

        rect = QRectF(anchor.x() - 70, anchor.y() - 16, 140, 32)
        self._open_inline(rect, self.doc.edges[edge_id].label or "", True,
                          lambda text: self.set_edge_fields(edge_id, "Edit label",
                                                            label=text or None))

    def edit_text_of_lane(self, lane_id: str, select_all: bool = False) -> None:
        rect = self.scene.lane_items[lane_id].header_rect()
        from PySide6.QtCore import QRectF

        header = QRectF(rect.left(), rect.center().y() - 16, 180, 32)
        self._open_inline(header, self.doc.lane(lane_id).name, select_all,
                          lambda text: self.edit("Rename lane", lambda rec: editing.rename_lane(
                              rec, lane_id, text)) if text.strip() else None)

    def _open_inline(self, scene_rect, text: str, select_all: bool,  # type: ignore[no-untyped-def]
                     commit: Callable[[str], object]) -> None:
        self.close_inline_editor(commit=True)
        self.inline = InlineTextEditor(self.view, scene_rect, text, select_all, commit)
        self.inline.finished.connect(self._inline_finished)

    def _inline_finished(self) -> None:
        self.inline = None
        self.view.setFocus()

    def close_inline_editor(self, commit: bool) -> None:
        if self.inline is not None:
            self.inline.finish(commit)
