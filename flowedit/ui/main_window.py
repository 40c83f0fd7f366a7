"""The main window: menus, docks and files (new, open, save, recent, the unsaved-changes prompt).

A file that cannot be read is reported and the open document stays as it was; a failed save says
why and leaves both the document and the file on disk intact.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QUndoView,
)

from flowedit.io import FlowFileError, FlowSaveError, load_document, save_document
from flowedit.model import Document
from flowedit.ui.docks.palette import Palette
from flowedit.ui.docks.problems import ProblemsPanel
from flowedit.ui.docks.properties import PropertiesPanel
from flowedit.ui.editor import Editor

FILE_FILTER = "Process files (*.yaml *.yml);;All files (*)"
MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.path: Path | None = None
        self.editor: Editor | None = None
        self.settings = QSettings("flowedit", "flowedit")
        self.resize(1400, 900)
        self.palette_panel = Palette()
        self.problems_panel = ProblemsPanel()
        self.undo_view = QUndoView()
        self._dock("Shapes", self.palette_panel, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.properties_dock = self._dock("Properties", None, Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = self._dock("History", self.undo_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock("Problems", self.problems_panel,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)
        self.resizeDocks([self.properties_dock], [330], Qt.Orientation.Horizontal)
        self.zoom_label = QLabel()
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._build_menus()
        self.palette_panel.armed.connect(self._arm)
        self.problems_panel.node_chosen.connect(lambda node_id: self.editor.focus_node(node_id))
        self.set_document(Document(), None)

    def _dock(self, title: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:  # type: ignore[no-untyped-def]
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title}")
        if widget is not None:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # ------------------------------------------------------------------ menus
    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:  # type: ignore[no-untyped-def]
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New", self.new_document, QKeySequence.StandardKey.New)
        self._action(file, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open)
        self.recent_menu = file.addMenu("Open &Recent")
        file.addSeparator()
        self._action(file, "&Save", self.save, QKeySequence.StandardKey.Save)
        self._action(file, "Save &As…", self.save_as, "Ctrl+Shift+S")
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", lambda: self.editor.stack.undo(),
                                        QKeySequence.StandardKey.Undo)
        self.redo_action = self._action(edit, "&Redo", lambda: self.editor.stack.redo(),
                                        "Ctrl+Shift+Z")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addSeparator()
        self._action(edit, "&Delete", lambda: self.editor.delete_selection(),
                     QKeySequence.StandardKey.Delete)
        self._action(edit, "Select &All", lambda: self.editor.select_all(),
                     QKeySequence.StandardKey.SelectAll)
        self._action(edit, "Rena&me", self._rename_selection, "F2")
        view = bar.addMenu("&View")
        self._action(view, "Zoom &In", lambda: self.editor.view.zoom_by(1.2), "Ctrl++")
        self.addAction(self._action(view, "Zoom In (=)", lambda: self.editor.view.zoom_by(1.2),
                                    "Ctrl+="))
        view.actions()[-1].setVisible(False)
        self._action(view, "Zoom &Out", lambda: self.editor.view.zoom_by(1 / 1.2), "Ctrl+-")
        self._action(view, "Zoom to &Fit", lambda: self.editor.view.zoom_to_fit(), "Ctrl+0")
        self._action(view, "&Actual Size", lambda: self.editor.view.reset_zoom(), "Ctrl+1")
        view.addSeparator()
        for dock in (self.problems_dock, self.properties_dock, self.history_dock):
            view.addAction(dock.toggleViewAction())
        lanes = bar.addMenu("&Lane")
        self._action(lanes, "&Add Lane", lambda: self.editor.add_lane_at(None), "Ctrl+L")
        self._action(lanes, "Move Lane &Up", lambda: self.editor.move_selected_lane(-1),
                     "Ctrl+Alt+Up")
        self._action(lanes, "Move Lane &Down", lambda: self.editor.move_selected_lane(1),
                     "Ctrl+Alt+Down")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About flowedit", self._about)

    def _arm(self, kind: str) -> None:
        self.editor.view.arm(kind)
        self.editor.view.setFocus()
        self.statusBar().showMessage(f"Click on the canvas to place the {kind} (Esc cancels)",
                                     5000)

    def _rename_selection(self) -> None:
        node_ids, edge_ids, lane_ids = self.editor.scene.selected_ids()
        if len(node_ids) == 1:
            self.editor.edit_text_of_node(node_ids[0], select_all=True)
        elif len(edge_ids) == 1:
            self.editor.edit_text_of_edge(edge_ids[0])
        elif len(lane_ids) == 1:
            self.editor.edit_text_of_lane(lane_ids[0], select_all=True)

    def _about(self) -> None:
        from flowedit import __version__

        QMessageBox.about(self, "About flowedit",
                          f"flowedit {__version__}\nA flowchart editor for sales processes.")

    # ------------------------------------------------------------------ documents
    def set_document(self, doc: Document, path: Path | None) -> None:
        old = self.editor
        editor = Editor(doc, self)
        self.editor = editor
        self.path = path
        self.setCentralWidget(editor.view)
        self.properties_dock.setWidget(PropertiesPanel(editor))
        self.undo_view.setStack(editor.stack)
        editor.problems_changed.connect(self.problems_panel.show_problems)
        editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        editor.stack.cleanChanged.connect(self._update_title)
        editor.view.zoom_changed.connect(
            lambda zoom: self.zoom_label.setText(f"Zoom {zoom:.0%}"))
        self.problems_panel.show_problems(editor.problems)
        self.zoom_label.setText("Zoom 100%")
        if old is not None:
            old.close()
            old.deleteLater()
        self._update_title()
        if doc.nodes:
            QTimer.singleShot(0, lambda: editor.view.zoom_to_fit(readable=True))
        editor.view.setFocus()

    def _update_title(self) -> None:
        name = self.path.name if self.path else "Untitled"
        self.setWindowTitle(f"{name}[*] — flowedit")
        self.setWindowModified(not self.editor.stack.isClean())

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or unchanged)."""
        if self.editor.stack.isClean():
            return True
        self.editor.close_inline_editor(commit=True)
        name = self.path.name if self.path else "Untitled"
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
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        self.editor.close_inline_editor(commit=True)
        try:
            save_document(self.editor.doc, path)
        except FlowSaveError as error:
            self._show_error("Cannot save", f"{error}\n\nYour drawing is still open and "
                                            "unchanged; the file on disk was not touched.")
            return False
        self.path = path
        self.editor.stack.setClean()
        self.remember_recent(path)
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

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
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(lambda _=False, e=entry: self.open_path(Path(e)))
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self._fill_recent_menu()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self.editor.close()
            event.accept()
        else:
            event.ignore()
