"""The main window: menus, docks and files (new, open, save, recent, the unsaved-changes prompt).

A file that cannot be read is reported and the open document stays as it was; a failed save says
why and leaves both the document and the file on disk intact.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSpinBox,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from flowedit.io import (
    FlowFileError,
    FlowReadOnlyError,
    FlowSaveError,
    load_document,
    save_document,
)
from flowedit.io.atomic import remove_stale_temporaries
from flowedit.io.recovery import RecoveryStore
from flowedit.model import Document
from flowedit.ui.autosave import Autosaver
from flowedit.ui.docks.funnel import FunnelPanel
from flowedit.ui.docks.minimap import Minimap
from flowedit.ui.docks.outline import OutlinePanel
from flowedit.ui.docks.palette import Palette
from flowedit.ui.docks.problems import ProblemsPanel
from flowedit.ui.docks.properties import PropertiesPanel
from flowedit.ui.editor import Editor
from flowedit.ui.find_bar import FindBar
from flowedit.ui.labels import button_text, one_line
from flowedit.ui.menus import build_menus, shortcut_rows
from flowedit.ui.preferences import OPEN_FIT, Preferences, PreferencesDialog
from flowedit.ui.recovery_offer import RecoveryBar

FILE_FILTER = "Process files (*.yaml *.yml);;All files (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, restore_layout: bool = False) -> None:
        """`restore_layout` brings back the window size and panels of the last session (the
        application does; tests start from the default layout)."""
        super().__init__()
        self.path: Path | None = None
        self.editor: Editor | None = None
        self.settings = QSettings("flowedit", "flowedit")
        self.autosaver = Autosaver(RecoveryStore(), self)
        self.preferences = Preferences.load(self.settings)
        self.extra_docks: list[QDockWidget] = []
        self.presentation = None
        #: (modification time, size) of the file as last read or written by us.
        self.disk_signature: tuple[int, int] | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._file_changed_on_disk)
        self._asking_about_disk = False
        self.resize(1400, 900)
        self.palette_panel = Palette()
        self.problems_panel = ProblemsPanel()
        self.undo_view = QUndoView()
        self._dock("Shapes", self.palette_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        # The canvas and the properties panel change with the document; their holders stay, so
        # the window layout does not jump when another file is opened.
        self.canvas_holder = _Holder()
        self.setCentralWidget(self.canvas_holder)
        self.properties_holder = _Holder()
        self.properties_dock = self._dock("Properties", self.properties_holder,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = self._dock("History", self.undo_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock("Problems", self.problems_panel,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.funnel_panel = FunnelPanel()
        self.funnel_dock = self._dock("Funnel", self.funnel_panel,
                                      Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.history_dock, self.funnel_dock)
        self.funnel_dock.visibilityChanged.connect(self._funnel_visibility)
        self.outline_panel = OutlinePanel()
        self.outline_panel.setAccessibleName("Process outline")
        self.outline_dock = self._dock("Outline", self.outline_panel,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.minimap = Minimap()
        self.minimap_dock = self._dock("Overview", self.minimap,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        # One tab group on the right: panels a user switches between, canvas keeps its width.
        self.tabifyDockWidget(self.history_dock, self.outline_dock)
        self.tabifyDockWidget(self.outline_dock, self.minimap_dock)
        self.outline_dock.raise_()
        self.find_bar = FindBar()
        self.canvas_holder.add_bar(self.find_bar)
        self.recovery_bar = RecoveryBar(self)
        self.canvas_holder.add_bar(self.recovery_bar)
        self.funnel_panel.message.connect(lambda text: self.show_message(text, 8000))
        self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)
        self.resizeDocks([self.properties_dock], [330], Qt.Orientation.Horizontal)
        self.zoom_label = QLabel()
        self.metrics_label = QLabel()
        self.statusBar().addPermanentWidget(self.metrics_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._build_metrics_toolbar()
        build_menus(self)
        if restore_layout:
            self._restore_layout()
        self.palette_panel.armed.connect(self._arm)
        self.problems_panel.node_chosen.connect(lambda node_id: self.editor.focus_node(node_id))
        self.problems_panel.fix_chosen.connect(
            lambda code, node_id: self.editor.fix_problem(code, node_id))
        self.set_document(Document(), None)

    def _dock(self, title: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:  # type: ignore[no-untyped-def]
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title}")
        if widget is not None:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_metrics_toolbar(self) -> None:
        bar = self.addToolBar("Metrics")
        bar.setObjectName("metricsToolbar")
        self.overlay_action = QAction("Metrics overlay", self)
        self.overlay_action.setCheckable(True)
        self.overlay_action.setShortcut(QKeySequence("Ctrl+M"))
        self.overlay_action.setToolTip("Show each stage's share of leads and days, arrows as "
                                       "thick as the flow, the bottleneck and the biggest leak "
                                       "(Ctrl+M)")
        self.overlay_action.toggled.connect(lambda on: self.editor.set_overlay(on))
        bar.addAction(self.overlay_action)
        bar.addWidget(QLabel("  Leads: "))
        self.leads_field = QSpinBox()
        self.leads_field.setObjectName("leads")
        self.leads_field.setRange(1, 1_000_000_000)
        self.leads_field.setValue(1000)
        self.leads_field.setGroupSeparatorShown(True)
        self.leads_field.setToolTip("How many leads enter the process (shared by its starts)")
        self.leads_field.valueChanged.connect(lambda value: self.editor.set_leads(float(value)))
        bar.addWidget(self.leads_field)

    def _funnel_visibility(self, visible: bool) -> None:
        self.editor.metrics_wanted = visible
        self.editor.update_metrics()

    def _show_metrics(self, metrics, error) -> None:  # type: ignore[no-untyped-def]
        from flowedit.render.metrics_overlay import headline

        if metrics is not None:
            self.metrics_label.setText(one_line(headline(metrics, self.editor.doc)))
        else:
            self.metrics_label.setText(one_line(f"No figures: {error}") if error else "")
        self.metrics_label.setToolTip(error or "")
        self.metrics_label.setVisible(bool(self.metrics_label.text()))
        if self.funnel_dock.isVisible():
            self.funnel_panel.show_metrics(self.editor.doc, metrics, error)

    def _arm(self, kind: str) -> None:
        self.editor.view.arm(kind)
        self.editor.view.setFocus()
        self.show_message(f"Click on the canvas to place the {kind} (Esc cancels)", 5000)

    def show_message(self, text: str, timeout: int) -> None:
        """A status bar message on one line, whatever names it quotes."""
        self.statusBar().showMessage(one_line(text), timeout)

    def rename_selection(self) -> None:
        node_ids, edge_ids, lane_ids = self.editor.scene.selected_ids()
        if len(node_ids) == 1:
            self.editor.edit_text_of_node(node_ids[0], select_all=True)
        elif len(edge_ids) == 1:
            self.editor.edit_text_of_edge(edge_ids[0])
        elif len(lane_ids) == 1:
            self.editor.edit_text_of_lane(lane_ids[0], select_all=True)

    def docks(self) -> list[QDockWidget]:
        return [self.problems_dock, self.properties_dock, self.history_dock, self.funnel_dock,
                self.outline_dock, self.minimap_dock, *self.extra_docks]

    def _apply_preferences(self, editor: Editor) -> None:
        editor.grid_size = self.preferences.grid_size
        editor.snap = self.preferences.snap
        editor.view.show_grid(editor.grid_size)

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.preferences, self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            self.preferences = dialog.chosen()
            self.preferences.save(self.settings)
            self._apply_preferences(self.editor)

    def delete_selected_lanes(self) -> None:
        lane_ids = self.editor.scene.selected_ids()[2]
        if not lane_ids:
            self.statusBar().showMessage("Select a lane (click its header) to delete it", 5000)
        for lane_id in lane_ids:
            self.editor.delete_lane(lane_id)

    def open_find(self) -> None:
        self.find_bar.open()

    def show_shortcuts(self) -> None:
        from flowedit.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(shortcut_rows(self), self).open()

    def export_dialog(self) -> None:
        from flowedit.ui.export_dialog import run_export_dialog

        run_export_dialog(self)

    def compare_dialog(self) -> None:
        from flowedit.ui.compare import run_compare_dialog

        run_compare_dialog(self)

    def present(self) -> None:
        from flowedit.ui.presentation import PresentationWindow

        self.editor.close_inline_editor(commit=True)
        self.presentation = PresentationWindow(self.editor.doc, parent=None)
        self.presentation.closed.connect(self._presentation_closed)
        self.hide()
        self.presentation.start()

    def _presentation_closed(self) -> None:
        """Back to the editor exactly where it was: same document, selection, zoom and scroll."""
        if self.presentation is not None:
            self.presentation.deleteLater()
            self.presentation = None
        self.show()
        self.activateWindow()
        self.editor.view.setFocus()

    # ------------------------------------------------------------------ layout and settings
    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def _save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())

    def about(self) -> None:
        from flowedit import __version__

        QMessageBox.about(self, "About flowedit",
                          f"flowedit {__version__}\nA flowchart editor for sales processes.")

    # ------------------------------------------------------------------ documents
    def set_document(self, doc: Document, path: Path | None,
                     recovery_key: str | None = None) -> None:
        """Shows `doc`; a document restored from the recovery copy `recovery_key` starts out
        marked as unsaved and keeps that copy until it is saved."""
        old = self.editor
        editor = Editor(doc, self)
        self.editor = editor
        self.path = path
        if path is not None:
            remove_stale_temporaries(path)  # left by a save that was killed
        if recovery_key:
            editor.stack.resetClean()
        self._watch(path)
        self.autosaver.follow(editor, path, recovery_key)
        self.canvas_holder.show_widget(editor.view)
        self.properties_holder.show_widget(PropertiesPanel(editor))
        for follower in (self.outline_panel, self.minimap, self.find_bar):
            follower.set_editor(editor)
        self.undo_view.setStack(editor.stack)
        editor.problems_changed.connect(lambda _problems: self._show_problems(editor))
        editor.message.connect(lambda text: self.show_message(text, 8000))
        editor.stack.cleanChanged.connect(self._update_title)
        editor.view.zoom_changed.connect(
            lambda zoom: self.zoom_label.setText(f"Zoom {zoom:.0%}"))
        editor.metrics_changed.connect(self._show_metrics)
        editor.leads = float(self.leads_field.value())
        editor.overlay_on = self.overlay_action.isChecked()
        editor.metrics_wanted = self.funnel_dock.isVisible()
        self.metrics_label.setText("")
        self.metrics_label.hide()
        editor.update_metrics()
        self._show_problems(editor)
        self.zoom_label.setText("Zoom 100%")
        if old is not None:
            old.close()
            old.deleteLater()
        self._update_title()
        self._apply_preferences(editor)
        if doc.nodes and self.preferences.open_zoom == OPEN_FIT:
            QTimer.singleShot(0, lambda: self.editor is editor
                              and editor.view.zoom_to_fit())
        editor.view.setFocus()

    def _show_problems(self, editor: Editor) -> None:
        drawing = editor.drawing
        self.problems_panel.show_problems(drawing.shown, not editor.doc.nodes, drawing.folded,
                                          drawing.frontier)

    def _update_title(self) -> None:
        name = one_line(self.path.name) if self.path else "Untitled"
        self.setWindowTitle(f"{name}[*] — flowedit")
        self.setWindowModified(not self.editor.stack.isClean())

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or unchanged)."""
        self.commit_pending_input()
        if self.editor.stack.isClean():
            return True
        name = one_line(self.path.name) if self.path else "Untitled"
        answer = QMessageBox.warning(
            self, "Unsaved changes", f"Save the changes to {name} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_document(self) -> None:
        if self.maybe_save():
            self.set_document(Document(), None)

    def close_document(self) -> None:
        """File › Close: the window stays, with an empty untitled process, once unsaved work is
        saved or deliberately discarded."""
        if self.maybe_save():
            self.autosaver.discard()
            self.set_document(Document(), None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.path.parent) if self.path else os.getcwd()
        path, _ = QFileDialog.getOpenFileName(self, "Open process", start, FILE_FILTER)
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Opens a file; on error shows why and keeps the current document."""
        if ask and not self.maybe_save():
            return False
        try:
            doc = load_document(path)
        except FlowFileError as error:
            self._show_error("Cannot open the file", str(error))
            return False
        self.set_document(doc, path)
        self.remember_recent(path)
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path) if self.path else os.path.join(os.getcwd(), "process.yaml")
        path, _ = QFileDialog.getSaveFileName(self, "Save process as", start, FILE_FILTER)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".yaml"
            # The dialog confirmed overwriting the name as typed, not the name with .yaml.
            if Path(path).exists() and path != str(self.path) and QMessageBox.question(
                    self, "Replace the file?", f"{Path(path).name} already exists. Replace it?"
                    ) != QMessageBox.StandardButton.Yes:
                return False
        return self._save_to(Path(path))

    def commit_pending_input(self) -> None:
        """Text being typed (on the canvas or in a panel field) and a gesture in progress are
        settled before anything asks whether the document has unsaved changes."""
        self.editor.view.end_gesture()
        self.editor.close_inline_editor(commit=True)
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # fires editingFinished / focus-out, which commit the field
            self.editor.view.setFocus()

    def _save_to(self, path: Path) -> bool:
        self.commit_pending_input()
        decision = self._overwrite_decision(path)
        if decision == "elsewhere":
            return self.save_as()
        if decision == "reload":
            self.reload_from_disk()
            return False
        if decision == "cancel":
            return False
        try:
            save_document(self.editor.doc, path)
        except FlowReadOnlyError as error:
            return self._offer_save_as(error)
        except FlowSaveError as error:
            self._show_error("Cannot save", f"{error}\n\nYour drawing is still open and "
                                            "unchanged; the file on disk was not touched.")
            return False
        if path != self.path:
            self.autosaver.renamed(path)
        self.path = path
        self._watch(path)
        self.editor.stack.setClean()
        self.autosaver.discard_copy()
        self.remember_recent(path)
        self._update_title()
        self.show_message(f"Saved {path}", 5000)
        return True

    def _offer_save_as(self, error: FlowReadOnlyError) -> bool:
        """A read-only file is not replaced; Save As… keeps the work under another name."""
        self.show_message(str(error), 10000)
        box = QMessageBox(QMessageBox.Icon.Warning, "The file is read-only",
                          f"{error}\n\nYour drawing is still open and unchanged; the file on "
                          "disk was not touched.", parent=self)
        elsewhere = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(elsewhere)
        box.exec()
        return box.clickedButton() is elsewhere and self.save_as()

    # ------------------------------------------------------------------ recovery
    def restore_copy(self, copy) -> bool:  # type: ignore[no-untyped-def]
        """Shows a recovery copy as an unsaved document belonging to its original file."""
        if not self.maybe_save():
            return False
        doc = copy.load()
        self.set_document(doc, copy.original, self.autosaver.store.key_of(copy))
        self.statusBar().showMessage("Restored unsaved work: save it to keep it", 10000)
        return True

    def offer_recovery(self) -> None:
        """Shows the bar offering every recovery copy but the open document's own."""
        self.recovery_bar.offer(self.autosaver.store, self.restore_copy,
                                lambda: self.autosaver.key)

    # ------------------------------------------------------------------ the file on disk
    def _watch(self, path: Path | None) -> None:
        """Remembers the file as we last saw it and watches it for changes by other programs."""
        if self.watcher.files():
            self.watcher.removePaths(self.watcher.files())
        self.disk_signature = _signature(path) if path else None
        if path is not None and path.exists():
            self.watcher.addPath(str(path))

    def _changed_behind_our_back(self, path: Path) -> bool:
        return (path == self.path and self.disk_signature is not None
                and _signature(path) != self.disk_signature)

    def _overwrite_decision(self, path: Path) -> str:
        """'write', or what the user chose instead ('reload', 'elsewhere', 'cancel') when another
        program changed the file since we read it: never overwritten silently. A file deleted
        meanwhile is simply written again."""
        if not path.exists() or not self._changed_behind_our_back(path):
            return "write"
        box = QMessageBox(QMessageBox.Icon.Warning, "The file changed on disk",
                          f"{path.name} was changed by another program since you opened or "
                          "last saved it.", parent=self)
        box.setInformativeText("Overwrite it with your version, reload it from disk (your "
                               "unsaved changes are lost), or save your version elsewhere?")
        overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
        reload_button = box.addButton("Reload", QMessageBox.ButtonRole.ResetRole)
        elsewhere = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(elsewhere)
        box.exec()
        clicked = box.clickedButton()
        if clicked is overwrite:
            return "write"
        if clicked is reload_button:
            return "reload"
        return "elsewhere" if clicked is elsewhere else "cancel"

    def reload_from_disk(self) -> bool:
        """Replaces the document with the file on disk; unsaved work is first kept as a recovery
        copy (offered again at the next start), and the status bar says where."""
        if self.path is None:
            return False
        try:
            doc = load_document(self.path)
        except FlowFileError as error:
            self._show_error("Cannot reload the file", str(error))
            return False
        kept = None
        if not self.editor.stack.isClean():
            store = self.autosaver.store
            try:
                kept = store.write(f"before-reload-{store.key_for(None)}", self.editor.doc,
                                   self.path)
            except (FlowSaveError, OSError) as error:
                self._show_error("Cannot reload the file", f"Your unsaved changes could not be "
                                 f"kept as a recovery copy ({error}), so the file was not "
                                 "reloaded. Save your version with Save As… first.")
                return False
        self.set_document(doc, self.path)
        self.show_message(
            f"Reloaded {self.path.name} from disk" + (
                f"; your unsaved version is kept in {kept}" if kept else ""),
            60000 if kept else 5000)
        return True

    def _file_changed_on_disk(self, changed: str) -> None:
        path = Path(changed)
        if path.exists() and str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))  # an atomic replace drops the watch
        if self._asking_about_disk or not self._changed_behind_our_back(path):
            return
        self._asking_about_disk = True
        try:
            if not path.exists():
                self.show_message(
                    f"{path.name} was deleted or moved on disk; Save writes it again", 10000)
                return
            unsaved = not self.editor.stack.isClean()
            question = (f"{path.name} was changed by another program. Reload it?"
                        + ("\n\nYour unsaved changes would be lost; choose No to keep them "
                           "(saving will then ask before overwriting)." if unsaved else ""))
            # No is the default: Enter must never throw away work.
            answer = QMessageBox.question(
                self, "The file changed on disk", question,
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer == QMessageBox.StandardButton.Yes:
                self.reload_from_disk()
        finally:
            self._asking_about_disk = False

    def _show_error(self, title: str, text: str) -> None:
        self.statusBar().showMessage(text.splitlines()[0], 10000)
        QMessageBox.critical(self, title, text)

    # ------------------------------------------------------------------ recent files
    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def remember_recent(self, path: Path) -> None:
        entry = str(path.resolve())
        files = [entry] + [f for f in self.recent_files() if f != entry]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for entry in self.recent_files():
            action = self.recent_menu.addAction(button_text(entry))
            action.triggered.connect(lambda _=False, e=entry: self.open_path(Path(e)))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._fill_recent_menu()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self._save_layout()
            self.autosaver.discard()
            self.editor.close()
            event.accept()
        else:
            event.ignore()


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


class _Holder(QWidget):
    """A fixed place in the window for a widget that is replaced now and then."""

    def __init__(self) -> None:
        super().__init__()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.current: QWidget | None = None

    def add_bar(self, bar: QWidget) -> None:
        """A bar above the replaceable widget that stays (the find bar)."""
        self._layout.insertWidget(0, bar)

    def show_widget(self, widget: QWidget) -> None:
        if self.current is not None:
            self._layout.removeWidget(self.current)
            self.current.hide()
            self.current.deleteLater()
        self.current = widget
        self._layout.addWidget(widget, 1)
