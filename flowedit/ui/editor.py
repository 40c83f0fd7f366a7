"""One open document in the editor: the model, its undo stack, scene and view, and the edits the
menus, palette and gestures ask for. Every edit goes through `edit()`: one command, one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from flowedit.i18n import N_, _, ngettext
from flowedit.io import FlowFileError
from flowedit.model import Change, Document, ModelError, NodeKind, Routing
from flowedit.model.geometry import lane_bands
from flowedit.render.painting import text_rect
from flowedit.render.shapes import node_rect
from flowedit.ui.canvas.interactions.place import LANE
from flowedit.ui.canvas.scene import DiagramScene
from flowedit.ui.canvas.view import SHOW_MARGIN, DiagramView
from flowedit.ui.command_names import command_name
from flowedit.ui.kind_change import install_context_menu
from flowedit.ui.labels import one_line
from flowedit.ui.lazy import editing, operations

if TYPE_CHECKING:
    from flowedit.analysis import Problem
    from flowedit.analysis.data_checks import DataFindings
    from flowedit.analysis.drawing import DrawingProblems
    from flowedit.analysis.metrics import Metrics
    from flowedit.model.operations import Recorder
    from flowedit.ui.calibration.items import CalibrationLayer
    from flowedit.ui.canvas.inline_editor import InlineTextEditor

DEFAULT_LEADS = 1000.0
#: Checks wait this long after the last edit, so typing and dragging never stutter.
CHECK_DELAY_MS = 150
_NUDGE_MERGE_KEY = 1


#: Points along an arrow tried for the one nearest its note (the note's leader line ends there).
NOTE_SAMPLES = 40


class Editor(QObject):
    problems_changed = Signal(list)
    #: The process shown changed: a sub-process was opened, or its parent shown again.
    level_changed = Signal()
    message = Signal(str)
    #: (Metrics or None, error text or None), after every edit while anyone wants metrics.
    metrics_changed = Signal(object, object)

    def __init__(self, doc: Document, parent: QWidget | None = None,
                 staged: bool = False) -> None:
        """`staged` (opening a file): the first paint waits only for the shapes and arrows;
        label placement and the checks follow in `finish_start`, which the window calls once
        the canvas has painted (a check result may arrive a moment after the picture)."""
        super().__init__(parent)
        #: The file's process; `doc` is the level shown (the same, or a sub-process of a stage,
        #: `path` naming the stages that lead there). Files are saved from `root`.
        self.root = doc
        self.path: tuple[str, ...] = ()
        self.doc = doc
        self.grid_size = 10
        self.snap = True
        self.stack = QUndoStack(self)
        self.scene = DiagramScene(doc, place_labels=not staged)
        #: Whether `finish_start` still has work to do.
        self.starting = staged
        self.view = DiagramView(self)
        self.context_menu: QMenu | None = None  # the shape's right-click menu, while open
        install_context_menu(self)
        self.problems: list[Problem] = []
        #: The problems as the editor shows them: while the process has no end yet, the ones
        #: that only say "unfinished" are folded into one hint (analysis/drawing.py).
        self._drawing: DrawingProblems | None = None  # none until the first check
        #: Once the process has had an end, every problem shows again, even if an edit breaks
        #: the way to it: then they say what the edit broke, not what is still to draw.
        self.had_end = False
        self._paste_count = 0
        self._came_from: tuple[str, bool] | None = None
        self.scene.selectionChanged.connect(self._forget_arrow_walk)
        self.leads = DEFAULT_LEADS
        self.overlay_on = False
        self.metrics_wanted = False  # e.g. the funnel panel is open
        self.metrics: Metrics | None = None
        self.metrics_error: str | None = None
        self.inline: InlineTextEditor | None = None
        #: What the last calibration found (File › Calibrate from CRM Export…), kept for the
        #: overlay's notes and ghost arrows and the Problems panel's data warnings.
        self.data: DataFindings | None = None
        self._calibration_layer: CalibrationLayer | None = None
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.run_checks)
        doc.subscribe(self._on_changes)
        if not staged:
            self.run_checks()

    @property
    def drawing(self) -> DrawingProblems:
        if self._drawing is None:
            from flowedit.analysis.drawing import DrawingProblems

            self._drawing = DrawingProblems([])
        return self._drawing

    @property
    def calibration_layer(self) -> CalibrationLayer:
        """The overlay's data notes and ghost arrows, made on first use."""
        if self._calibration_layer is None:
            from flowedit.ui.calibration.items import CalibrationLayer

            self._calibration_layer = CalibrationLayer(self.scene, self.add_arrow_from_data)
        return self._calibration_layer

    def finish_start(self) -> None:
        """What a staged start left for after the first paint: labels clear of shapes and the
        first check. Runs once; later calls do nothing."""
        if not self.starting:
            return
        self.starting = False
        self.scene.place_labels()
        self.run_checks()

    # ------------------------------------------------------------------ levels
    def show_level(self, path: tuple[str, ...]) -> bool:
        """Shows the process `path` leads to in this window (() is the file's own); False when
        there is none. A gesture or a name being typed belongs to the level left: dropped."""
        try:
            doc = self.root.level(tuple(path))
        except ModelError as error:
            self.report(str(error))
            return False
        if doc is self.doc and tuple(path) == self.path:
            return True
        self.view.end_gesture()
        self.close_inline_editor(commit=False)
        self.path, self.doc = tuple(path), doc
        self.scene.show_document(doc)
        self.had_end = False
        self.run_checks()
        self.level_changed.emit()
        QTimer.singleShot(0, lambda: self.doc is doc and self.view.zoom_to_fit())
        return True

    def open_subprocess(self, stage_id: str | None = None) -> bool:
        """View › Open Sub-process (Ctrl+Down), or a double-click on the stage's mark: the
        selected stage's sub-process, shown in its place."""
        if stage_id is None:
            node_ids = self.scene.selected_ids()[0]
            stage_id = node_ids[0] if len(node_ids) == 1 else None
        if stage_id is None or stage_id not in self.doc.nodes:
            self.report(_("Select a stage with a sub-process to open it"))
            return False
        if self.doc.child(stage_id) is None:
            reason = self.doc.link_problems.get(stage_id)
            self.report(reason[1] if reason else _("{name} has no sub-process").format(
                name=editing.shown_name(self.doc, stage_id)))
            return False
        return self.show_level((*self.path, stage_id))

    def close_subprocess(self) -> bool:
        """View › Back to Parent Process (Ctrl+Up): the level above, its stage selected."""
        if not self.path:
            return False
        stage_id = self.path[-1]
        self.show_level(self.path[:-1])
        self.focus_node(stage_id)
        return True

    def go_to(self, path: tuple[str, ...], node_id: str | None) -> None:
        """Shows the level `path` (from the top) and selects a shape there: what a problem,
        the outline or find inside a sub-process leads to."""
        if self.show_level(path) and node_id:
            self.focus_node(node_id)

    def level_names(self) -> list[str]:
        """The breadcrumb: the file's title, then the name of each stage on the way down."""
        names = [self.root.title or _("Process")]
        level = self.root
        for node_id in self.path:
            names.append(level.nodes[node_id].name.strip() or node_id)
            level = level.level((node_id,))
        return names

    def linked_file_on_path(self) -> str | None:
        """The file a level shown belongs to when a stage on the way links to another file."""
        level = self.root
        for node_id in self.path:
            node = level.nodes[node_id]
            if node.subprocess is not None:
                return node.subprocess
            level = level.level((node_id,))
        return None

    def _level_still_there(self) -> bool:
        try:
            return self.root.level(self.path) is self.doc
        except ModelError:
            return False

    def _deepest_level_there(self) -> tuple[str, ...]:
        path = self.path
        while path:
            path = path[:-1]
            try:
                self.root.level(path)
                return path
            except ModelError:
                continue
        return ()

    def _on_changes(self, batch: list[Change]) -> None:
        """Checks and figures run (debounced) after every edit. A drag changes the model once,
        at its release (gestures preview in the scene only), so it costs one check. An edit
        that took away the level shown (e.g. its stage deleted at the level above, from the
        History panel) shows the nearest level still there."""
        self._check_timer.start()
        if self.path and not self._level_still_there():
            self.show_level(self._deepest_level_there())

    def close(self) -> None:
        """Stops following the document; the scene tells no one anything any more."""
        self._check_timer.stop()
        self.starting = False
        if self._on_changes in self.root.listeners():
            self.root.unsubscribe(self._on_changes)
        self.scene.detach()
        self.scene.blockSignals(True)

    # ------------------------------------------------------------------ edits
    def edit(self, text: str | Callable[[], str], build: Callable[[Recorder], object],
             merge_key: int = -1, merge_tag: object = None) -> object:
        """Runs one edit; a refusal is shown to the user and changes nothing. A gesture still in
        progress is cancelled first: it was planned on the document as it was before this edit."""
        self.view.end_gesture()
        linked = self.linked_file_on_path()
        if linked is not None:
            self.report(_("This sub-process is kept in the file {file}: open that file to change "
                          "it, or choose Unlink (Embed) on its stage to keep a copy in this "
                          "one").format(file=linked))
            return None
        try:
            from flowedit.ui.commands import perform  # with the first edit

            return perform(self.stack, self.root, text, build, merge_key, merge_tag, self.path,
                           self._show_level_of_edit)
        except ModelError as error:
            self.report(str(error))
            return None

    def _show_level_of_edit(self, path: tuple[str, ...]) -> None:
        """Undo and redo show the level the edit was made at first (commands.py)."""
        if path != self.path or not self._level_still_there():
            self.show_level(path)

    def fix_problem(self, code: str, node_id: str) -> None:
        """Mends a problem the checks found, as one undo step (the Problems panel's Fix)."""
        if code == "outside-lane" and node_id in self.doc.nodes:
            self.edit(lambda: _("Fit shape into lane"),
                      lambda rec: editing.fit_lanes(rec, [node_id]))
            self.focus_node(node_id)

    def show_lane_guide(self, y: float | None) -> None:
        """A dashed line across the canvas where a dragged lane border or lane would land."""
        self.view.lane_guide_y = y
        self.view.viewport().update()

    def undo(self) -> None:
        self.view.end_gesture()
        self.close_inline_editor(commit=False)
        self.stack.undo()

    def redo(self) -> None:
        self.view.end_gesture()
        self.close_inline_editor(commit=False)
        self.stack.redo()

    def report(self, text: str) -> None:
        self.message.emit(text)

    def run_checks(self) -> None:
        """The problems of the level shown (and, on its stages, of the sub-processes below);
        what a CRM export says about the process belongs to the top level it was mapped to.
        (The checks load with the first of them, after the first paint of a staged start.)"""
        from flowedit.analysis import check_document
        from flowedit.analysis.data_checks import data_problems
        from flowedit.analysis.drawing import DrawingProblems, while_drawing

        problems = check_document(self.doc)
        if self.path:
            from flowedit.analysis.subprocess_checks import TOP_LEVEL_ONLY

            problems = [p for p in problems if p.level or p.code not in TOP_LEVEL_ONLY]
        else:
            problems += data_problems(self.doc, self.data)
        self.problems = problems
        self._drawing = (DrawingProblems(list(self.problems), has_end=True) if self.had_end
                         else while_drawing(self.doc, self.problems))
        self.had_end = self.drawing.has_end
        self.scene.show_problems(self.drawing.shown)
        self.problems_changed.emit(self.problems)
        self.update_metrics()

    def update_metrics(self) -> None:
        """Recomputes the lead flow when the overlay or a metrics panel is showing."""
        if not (self.overlay_on or self.metrics_wanted):
            self.scene.show_metrics(None)
            if self._calibration_layer is not None:
                self._calibration_layer.clear()
            if self.metrics is not None or self.metrics_error is not None:
                # Figures nobody keeps current any more are dropped, not left to go stale.
                self.metrics, self.metrics_error = None, None
                self.metrics_changed.emit(None, None)
            return
        # numpy and scipy load on first use, not when the editor starts.
        from flowedit.analysis.metrics import MetricsError, compute_metrics
        from flowedit.render.metrics_overlay import overlay_for

        try:
            self.metrics, self.metrics_error = compute_metrics(self.doc, self.leads), None
        except MetricsError as error:
            self.metrics, self.metrics_error = None, str(error)
        overlay = (overlay_for(self.doc, self.metrics, self.data.planned if self.data else None)
                   if self.metrics and self.overlay_on else None)
        self.scene.show_metrics(overlay)
        if self.overlay_on:
            self.calibration_layer.show(self.doc, self.data,
                                        overlay.edge_notes if overlay else {}, self._place_note)
        else:
            self.calibration_layer.clear()
        self.metrics_changed.emit(self.metrics, self.metrics_error)

    def _place_note(self, edge_id: str, size: tuple[float, float], placed: list[QRectF]
                    ) -> tuple[QRectF, QPointF] | None:
        """Where the note on a measured arrow goes: beside the arrow, as its label would, clear
        of the shapes and their overlay pills, the arrows' labels and the notes placed before
        it (`placed`); and the point of the arrow nearest to it, which a note pushed away
        points at. None when the arrow is not shown."""
        from flowedit.render.labels import obstacle_array, place, search_area

        item = self.scene.edge_items.get(edge_id)
        if item is None or item.route is None:
            return None
        area = search_area(item.route, size)
        near = [rect for rect in placed if rect.intersects(area)]
        rect = place(item.route, size,
                     obstacle_array([*self.scene.note_obstacles(area), *near]))
        line, centre = item.route.line, rect.center()
        points = (line.pointAtPercent(step / NOTE_SAMPLES) for step in range(NOTE_SAMPLES + 1))
        return rect, min(points, key=lambda p: (p.x() - centre.x()) ** 2
                         + (p.y() - centre.y()) ** 2)

    def apply_calibration(self, calibrated: Document, findings: DataFindings) -> None:
        """The measured probabilities and days of `calibrated` (a calibrated copy of this
        document) as one undo step; `findings` are kept for the overlay and the checks."""
        def build(rec: Recorder) -> None:
            for edge_id, edge in calibrated.edges.items():
                old = self.doc.edges.get(edge_id)
                if old is not None and (old.probability, old.measured) != (edge.probability,
                                                                           edge.measured):
                    editing.update_edge(rec, edge_id, probability=edge.probability,
                                        measured=edge.measured)
            for node_id, node in calibrated.nodes.items():
                old_node = self.doc.nodes.get(node_id)
                if old_node is not None and (old_node.duration_days, old_node.measured) != (
                        node.duration_days, node.measured):
                    rec.do(operations.UpdateNode(node_id, {"duration_days": node.duration_days,
                                                "measured": node.measured}))

        self.data = findings
        self.edit(lambda: _("Calibrate from CRM Export"), build)
        self.run_checks()

    def add_arrow_from_data(self, source: str, target: str) -> None:
        """A ghost arrow was clicked: the transition the deals made becomes an arrow."""
        edge_id = self.edit(lambda: _("Add Arrow from CRM Data"),
                            lambda rec: editing.connect(rec, source, target))
        if isinstance(edge_id, str):
            self.scene.select_only(edge_ids=[edge_id])

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
        self.report("")  # the "click on the canvas to place..." hint is done
        x = round(pos.x() / self.grid_size) * self.grid_size
        y = round(pos.y() / self.grid_size) * self.grid_size
        node_kind = NodeKind(kind)
        node_id = self.edit(lambda: _(_ADD[node_kind]),
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
        lane_id = self.edit(lambda: command_name("add-lane"),
                            lambda rec: editing.add_lane(
                                rec, _("Lane {number}").format(number=number), index))
        if isinstance(lane_id, str):
            self.scene.select_only(lane_ids=[lane_id])
            header = self.scene.lane_items[lane_id].header_rect()
            # The new lane's top-left, where its name is and its shapes will go, comes into view.
            self.view.show_scene_rect(QRectF(header.left(), header.top(), header.width(),
                                             min(header.height(), 120)))
            self.edit_text_of_lane(lane_id, select_all=True)

    def delete_selection(self) -> None:
        node_ids, edge_ids, lane_ids = self.scene.selected_ids()
        if node_ids or edge_ids:
            count = len(node_ids) + len(edge_ids)
            self.edit(lambda: _("Delete") if count == 1
                      else ngettext("Delete {count} item", "Delete {count} items",
                                    count).format(count=count),
                      lambda rec: editing.delete(rec, node_ids, edge_ids))
        elif lane_ids:
            for lane_id in lane_ids:
                self.delete_lane(lane_id)

    def delete_lane(self, lane_id: str) -> None:
        """Asks what to do with the lane's shapes when it has any."""
        from PySide6.QtWidgets import QMessageBox

        members = self.doc.nodes_in_lane(lane_id)
        delete_shapes = False
        if members:
            lane = self.doc.lane(lane_id)
            box = QMessageBox(QMessageBox.Icon.Question, _("Delete lane"),
                              ngettext("Lane '{name}' holds {count} shape.",
                                       "Lane '{name}' holds {count} shapes.",
                                       len(members)).format(name=one_line(lane.name),
                                                            count=len(members)),
                              parent=self.view)
            box.setInformativeText(_("Delete the shapes with the lane, or keep them outside "
                                     "every lane?"))
            delete_button = box.addButton(_("Delete shapes"),
                                          QMessageBox.ButtonRole.DestructiveRole)
            keep_button = box.addButton(_("Keep shapes"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(keep_button)
            box.exec()
            clicked = box.clickedButton()
            if clicked not in (delete_button, keep_button):
                return
            delete_shapes = clicked is delete_button
        self.edit(lambda: command_name("delete-lane"),
                  lambda rec: editing.delete_lane(rec, lane_id, delete_shapes))

    def move_selected_lane(self, step: int) -> None:
        _nodes, _edges, lane_ids = self.scene.selected_ids()
        if len(lane_ids) != 1:
            self.report(_("Select a lane (click its header) to move it"))
            return
        index = self.doc.lane_index(lane_ids[0]) + step
        if 0 <= index < len(self.doc.lanes):
            self.edit(lambda: command_name("move-lane-up" if step < 0 else "move-lane-down"),
                      lambda rec: editing.move_lane(rec, lane_ids[0], index))
            self.scene.select_only(lane_ids=lane_ids)

    def nudge_selection(self, dx: float, dy: float) -> bool:
        """Arrow keys: moves the selected shapes; repeated nudges merge into one undo step."""
        node_ids, _edges, _lanes = self.scene.selected_ids()
        if not node_ids:
            return False
        positions = {n: (self.doc.nodes[n].x + dx, self.doc.nodes[n].y + dy) for n in node_ids}
        self.edit(lambda: _("Move with keys"), lambda rec: editing.move_nodes(rec, positions),
                  _NUDGE_MERGE_KEY, tuple(node_ids))
        return True

    # ------------------------------------------------------------------ clipboard
    def copy(self) -> bool:
        from flowedit.ui.clipboard import put_fragment

        node_ids = self.scene.selected_ids()[0]
        if not node_ids:
            self.report(_("Select the shapes to copy"))
            return False
        put_fragment(editing.copy_fragment(self.doc, node_ids))
        self._paste_count = 0
        self.report(ngettext("Copied {count} shape", "Copied {count} shapes",
                             len(node_ids)).format(count=len(node_ids)))
        return True

    def cut(self) -> None:
        node_ids = self.scene.selected_ids()[0]
        if self.copy():
            self.edit(lambda: _shapes("cut", len(node_ids)),
                      lambda rec: editing.delete(rec, node_ids, []))

    def paste(self) -> list[str]:
        """Pastes at the mouse when it is over the canvas, otherwise a little below and right of
        the originals (further with each paste, so copies never hide each other)."""
        from flowedit.ui.clipboard import take_fragment

        try:
            fragment = take_fragment()
        except FlowFileError as error:
            self.report(_("Cannot paste: {error}").format(error=error))
            return []
        if fragment is None or not fragment.nodes:
            self.report(_("The clipboard holds no flowedit shapes"))
            return []
        return self._paste(fragment, self.view.pointer_in_scene(), "paste")

    def duplicate(self) -> list[str]:
        node_ids = self.scene.selected_ids()[0]
        if not node_ids:
            self.report(_("Select the shapes to duplicate"))
            return []
        self._paste_count = 0
        return self._paste(editing.copy_fragment(self.doc, node_ids), None, "duplicate")

    def _paste(self, fragment: Document, at: QPointF | None, command: str) -> list[str]:
        if at is not None:
            xs = [n.x for n in fragment.nodes.values()]
            ys = [n.y for n in fragment.nodes.values()]
            grid = self.grid_size
            dx = round((at.x() - (min(xs) + max(xs)) / 2) / grid) * grid
            dy = round((at.y() - (min(ys) + max(ys)) / 2) / grid) * grid
        else:
            self._paste_count += 1
            dx = dy = 30.0 * self._paste_count
        count = len(fragment.nodes)
        new_ids = self.edit(lambda: _shapes(command, count),
                            lambda rec: editing.paste_fragment(rec, fragment, dx, dy))
        if isinstance(new_ids, list):
            self.scene.select_only(new_ids)
            return new_ids
        return []

    # ------------------------------------------------------------------ arranging
    def align_selection(self, how: str) -> None:
        """Lines the selection up on its anchor, the shape selected first."""
        node_ids = self.scene.selected_nodes_anchor_first()
        if len(node_ids) < 2:
            self.report(_("Select two or more shapes to align"))
            return
        self.edit(lambda: command_name(f"align-{how}"),
                  lambda rec: editing.align(rec, node_ids, how))

    def distribute_selection(self, axis: str) -> None:
        node_ids = self.scene.selected_ids()[0]
        if len(node_ids) < 3:
            self.report(_("Select three or more shapes to space them evenly"))
            return
        self.edit(lambda: command_name(f"distribute-{axis}"),
                  lambda rec: editing.distribute(rec, node_ids, axis))

    def tidy_up(self) -> None:
        """Arrange › Tidy Up: the lane-aware layered layout (layout/tidy.py) of the selected
        shapes when two or more are selected, else of the whole process; one undo step. The
        bend points of the arrows among the tidied shapes are dropped: they were placed for
        the old layout. A whole process wider than a 1400×900 window at 60 % is wrapped into
        rows (the same default width as `flowedit layout`, so a file tidies the same on every
        screen), and its arrows then go around shapes."""
        node_ids = self.scene.selected_ids()[0]
        only = node_ids if len(node_ids) >= 2 else None
        if not self.doc.nodes:
            self.report(_("There is nothing to tidy up"))
            return
        from flowedit.layout.tidy import tidy  # loads on first use

        result = tidy(self.doc, only=only)
        moved = set(result.positions)
        rows = max(result.bands.values(), default=0) + 1
        # a wrapped process needs arrows that go around shapes: a straight line from the end
        # of one band to the start of the next would cut across the whole drawing
        route_around = rows > 1 and self.doc.routing is Routing.STRAIGHT

        def build(rec: Recorder) -> bool:
            if route_around:
                rec.do(operations.SetRouting(Routing.ORTHOGONAL))
            for lane_id, height in result.lane_heights.items():
                if self.doc.lane(lane_id).height != height:
                    rec.do(operations.UpdateLane(lane_id, {"height": height}))
            for node_id, (x, y) in result.positions.items():
                node = self.doc.nodes[node_id]
                if (node.x, node.y) != (x, y):
                    rec.do(operations.UpdateNode(node_id, {"x": x, "y": y}))
            for edge in list(self.doc.edges.values()):
                if edge.points and edge.source in moved and edge.target in moved:
                    rec.do(operations.UpdateEdge(edge.id, {"points": ()}))
            return True

        if self.edit(lambda: command_name("tidy-up"), build) is None:
            return
        self.scene.fit_lanes()
        if route_around:
            self.report(ngettext(
                "Tidy Up wrapped the process into {count} row to fit the window; arrows now "
                "go around shapes", "Tidy Up wrapped the process into {count} rows to fit the "
                "window; arrows now go around shapes", rows).format(count=rows))
        elif rows > 1:
            self.report(ngettext("Tidy Up wrapped the process into {count} row to fit the "
                                 "window", "Tidy Up wrapped the process into {count} rows to "
                                 "fit the window", rows).format(count=rows))

    def set_routing(self, routing: Routing) -> None:
        """Arrange › Route Arrows Around Shapes: the document's routing, undoable."""
        if routing is not self.doc.routing:
            self.edit(lambda: command_name("route-around" if routing is Routing.ORTHOGONAL
                                   else "route-straight"),
                      lambda rec: rec.do(operations.SetRouting(routing)))

    def reset_route(self, edge_id: str) -> None:
        """The arrow's context menu › Reset Route: back to the automatic route."""
        if edge_id in self.doc.edges and self.doc.edges[edge_id].points:
            self.edit(lambda: command_name("reset-route"),
                      lambda rec: rec.do(operations.UpdateEdge(edge_id, {"points": ()})))

    def add_bend(self, edge_id: str, pos: QPointF) -> None:
        """Double-click on an orthogonal arrow's line: a bend point there, ready to drag."""
        from flowedit.ui.canvas.interactions.bend import with_bend

        route = list(self.scene.route_book().routes.get(edge_id, ()))
        if not route:
            return
        bends = tuple(with_bend(route, list(self.doc.edges[edge_id].points), pos))
        self.edit(lambda: _("Add bend point"),
                  lambda rec: rec.do(operations.UpdateEdge(edge_id, {"points": bends})))

    def add_stage_after_selection(self) -> str | None:
        """Keyboard-only drawing: a connected stage after the selected shape, name ready."""
        node_ids = self.scene.selected_ids()[0]
        if len(node_ids) != 1:
            self.report(_("Select one shape to add a stage after it"))
            return None
        new_id = self.edit(lambda: command_name("add-connected-stage"),
                           lambda rec: editing.add_stage_after(rec, node_ids[0]))
        if isinstance(new_id, str):
            self.scene.select_only([new_id])
            self.view.show_scene_rect(self.scene.node_items[new_id].sceneBoundingRect())
            self.edit_text_of_node(new_id, select_all=True)
            return new_id
        return None

    # ------------------------------------------------------------------ keyboard walking
    def walk(self, step: int) -> str | None:
        """Tab / Shift+Tab: the next or previous shape in flow order (from the start along the
        arrows), selected and centred."""
        from flowedit.analysis.flow_order import flow_order

        order = flow_order(self.doc)
        if not order:
            return None
        selected = self.scene.selected_ids()[0]
        if len(selected) == 1 and selected[0] in order:
            index = (order.index(selected[0]) + step) % len(order)
        else:
            index = 0 if step > 0 else len(order) - 1
        self._came_from = None
        self.focus_node(order[index])
        return order[index]

    def follow_arrow(self, outgoing: bool) -> str | None:
        """Alt+Right / Alt+Left: along the selected shape's first outgoing (incoming) arrow."""
        selected = self.scene.selected_ids()[0]
        if len(selected) != 1:
            return None
        here = selected[0]
        edges = self.doc.out_edges(here) if outgoing else self.doc.in_edges(here)
        ends = [self.doc.edges[e].target if outgoing else self.doc.edges[e].source
                for e in edges]
        ends = [n for n in ends if n != here]
        if not ends:
            self.report(_("No arrow leads on from this shape") if outgoing
                        else _("No arrow leads here from this shape"))
            return None
        self._came_from = (here, outgoing)
        self.focus_node(ends[0])
        return ends[0]

    def next_branch(self, step: int) -> str | None:
        """Alt+Down / Alt+Up after following an arrow: the other arrows of the shape we came
        from, in turn (the other branches of a decision)."""
        selected = self.scene.selected_ids()[0]
        if self._came_from is None or len(selected) != 1:
            return None
        origin, outgoing = self._came_from
        edges = self.doc.out_edges(origin) if outgoing else self.doc.in_edges(origin)
        ends = [self.doc.edges[e].target if outgoing else self.doc.edges[e].source
                for e in edges]
        ends = [n for n in dict.fromkeys(ends) if n != origin]
        if selected[0] not in ends or len(ends) < 2:
            return None
        chosen = ends[(ends.index(selected[0]) + step) % len(ends)]
        self.focus_node(chosen)
        self._came_from = (origin, outgoing)
        return chosen

    def _forget_arrow_walk(self) -> None:
        self._came_from = None

    def select_all(self) -> None:
        self.scene.select_only(list(self.doc.nodes), list(self.doc.edges))

    def set_node_fields(self, node_id: str, text: str | Callable[[], str],
                        **fields: object) -> None:
        self.edit(text, lambda rec: editing.update_node(rec, node_id, **fields))

    def set_edge_fields(self, edge_id: str, text: str | Callable[[], str],
                        **fields: object) -> None:
        self.edit(text, lambda rec: editing.update_edge(rec, edge_id, **fields))

    def focus_node(self, node_id: str) -> None:
        """Selects and centres a shape (from the problems panel, find, outline...)."""
        if node_id in self.scene.node_items:
            came_from = self._came_from
            self.scene.select_only([node_id])
            self._came_from = came_from  # selection changes elsewhere forget it
            self.view.centerOn(self.scene.node_items[node_id])

    # ------------------------------------------------------------------ in-place text
    def edit_text_of_node(self, node_id: str, select_all: bool = False) -> None:
        node = self.doc.nodes[node_id]
        inner = node_rect(node).adjusted(4, 4, -4, -4)  # inside the outline, not over it
        rect = inner if node.kind is NodeKind.STAGE else text_rect(node).united(
            inner.adjusted(inner.width() * 0.15, inner.height() * 0.2, -inner.width() * 0.15,
                           -inner.height() * 0.2))
        self._open_inline(rect, node.name, select_all,
                          lambda text: self.set_node_fields(node_id, lambda: command_name("rename"),
                                                            name=text))

    def edit_text_of_edge(self, edge_id: str) -> None:
        item = self.scene.edge_items[edge_id]
        if item.route is None:
            return
        anchor = item.route.label_anchor
        rect = QRectF(anchor.x() - 70, anchor.y() - 16, 140, 32)
        self._open_inline(rect, self.doc.edges[edge_id].label or "", True,
                          lambda text: self.set_edge_fields(edge_id, lambda: _("Edit label"),
                                                            label=text or None))

    def edit_text_of_lane(self, lane_id: str, select_all: bool = False) -> None:
        rect = self.scene.lane_items[lane_id].header_rect()
        # Beside the header, so the upright name stays readable while the new one is typed;
        # beside the pinned header at the canvas's left edge when the real one is scrolled out.
        left = max(rect.right() + 6, self.view.mapToScene(SHOW_MARGIN + 1, 0).x())
        header = QRectF(left, rect.center().y() - 16, 200, 32)
        self._open_inline(header, self.doc.lane(lane_id).name, select_all,
                          lambda text: self._rename_lane(lane_id, text))

    def _rename_lane(self, lane_id: str, text: str) -> None:
        if text.strip():
            self.edit(lambda: command_name("rename-lane"),
                      lambda rec: editing.rename_lane(rec, lane_id, text))

    def _open_inline(self, scene_rect, text: str, select_all: bool,  # type: ignore[no-untyped-def]
                     commit: Callable[[str], object]) -> None:
        self.close_inline_editor(commit=True)
        self.view.show_scene_rect(scene_rect)  # a box typed into unseen loses what is typed
        from flowedit.ui.canvas.inline_editor import InlineTextEditor

        self.inline = InlineTextEditor(self.view, scene_rect, text, select_all, commit)
        self.inline.finished.connect(self._inline_finished)

    def _inline_finished(self) -> None:
        """Back to the canvas, unless the user clicked into another field (the Properties
        panel): taking the focus from there would lose what they type next."""
        left_for = self.inline.left_for if self.inline is not None else None
        self.inline = None
        if left_for is None:
            self.view.setFocus()

    def close_inline_editor(self, commit: bool) -> None:
        if self.inline is not None:
            self.inline.finish(commit)


#: The undo text of placing a shape, per kind.
_ADD = {NodeKind.START: N_("Add start"), NodeKind.STAGE: N_("Add stage"),
        NodeKind.DECISION: N_("Add decision"), NodeKind.END: N_("Add end")}


def _shapes(command: str, count: int) -> str:
    """The undo text of a cut, paste or duplicate of `count` shapes."""
    if command == "cut":
        text = ngettext("Cut {count} shape", "Cut {count} shapes", count)
    elif command == "paste":
        text = ngettext("Paste {count} shape", "Paste {count} shapes", count)
    else:
        text = ngettext("Duplicate {count} shape", "Duplicate {count} shapes", count)
    return text.format(count=count)
