"""The main window: menus, toolbar, docks and the canvas, showing one document at a time. Which
file that document belongs to, and opening, saving, reloading and recovering it, is the file
session's (`flowedit.ui.files.session`)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from flowedit.i18n import N_, _, format_percent
from flowedit.model import Document, Routing
from flowedit.ui.editor import DEFAULT_LEADS, Editor
from flowedit.ui.files.autosave import Autosaver
from flowedit.ui.files.session import FileSession
from flowedit.ui.keymap import menu_keys
from flowedit.ui.labels import one_line
from flowedit.ui.menus import build_menus, shortcut_rows
from flowedit.ui.panels.palette import Palette
from flowedit.ui.preferences import OPEN_FIT, Preferences
from flowedit.ui.subprocess_edits import subprocess_edit, subprocess_refusal

FILE_FILTER = N_("Process files (*.yaml *.yml);;All files (*)")
MAX_RECENT = 8
#: The status bar's hint after a palette button is clicked, per kind of shape.
PLACE_HINTS = {"start": N_("Click on the canvas to place the start (Esc cancels)"),
               "stage": N_("Click on the canvas to place the stage (Esc cancels)"),
               "decision": N_("Click on the canvas to place the decision (Esc cancels)"),
               "end": N_("Click on the canvas to place the end (Esc cancels)"),
               "lane": N_("Click on the canvas to place the lane (Esc cancels)")}


class MainWindow(QMainWindow):
    def __init__(self, restore_layout: bool = False, doc: Document | None = None,
                 path: Path | None = None) -> None:
        """`restore_layout` brings back the window size and panels of the last session (the
        application does; tests start from the default layout). `doc` (read from `path`) is
        shown from the start, staged so that the first paint comes as early as it can; without
        it the window starts with an empty process. Either way one scene is built."""
        super().__init__()
        self.editor: Editor | None = None
        self.settings = QSettings("flowedit", "flowedit")
        self.session = FileSession(self, self, self.settings)
        self.preferences = Preferences.load(self.settings)
        self.extra_docks: list[QDockWidget] = []
        #: Menu entries and their English text, retitled by `retranslate_ui`.
        self.translatable: list[tuple[QAction, str]] = []
        self.presentation = None
        self.resize(1400, 900)
        # The docks exist from the start (so the saved layout is restored at once and the canvas
        # keeps its place); what they hold comes just after the first paint of a staged start
        # (`_build_panels`), but for the palette, whose width decides where the canvas starts.
        self.palette_panel = Palette()
        self.palette_panel.armed.connect(self._arm)
        self.palette_dock = self._dock(N_("Shapes"), self.palette_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        # The canvas and the properties panel change with the document; their holders stay, so
        # the window layout does not jump when another file is opened.
        self.canvas_holder = _Holder()
        self.setCentralWidget(self.canvas_holder)
        self.properties_holder = _Holder()
        self.properties_dock = self._dock(N_("Properties"), self.properties_holder,
                                          Qt.DockWidgetArea.RightDockWidgetArea)
        self.history_dock = self._dock(N_("History"), None,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.problems_dock = self._dock(N_("Problems"), None,
                                        Qt.DockWidgetArea.BottomDockWidgetArea)
        self.funnel_dock = self._dock(N_("Funnel"), None, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.history_dock, self.funnel_dock)
        self.funnel_dock.visibilityChanged.connect(self._funnel_visibility)
        self.outline_dock = self._dock(N_("Outline"), None,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.minimap_dock = self._dock(N_("Overview"), None,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        # One tab group on the right: panels a user switches between, canvas keeps its width.
        self.tabifyDockWidget(self.history_dock, self.outline_dock)
        self.tabifyDockWidget(self.outline_dock, self.minimap_dock)
        self.outline_dock.raise_()
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
        if doc is None:
            self.set_document(Document(routing=Routing.ORTHOGONAL), None)
        else:
            self.set_document(doc, path, staged=True)

    #: What a staged start builds once the canvas has painted (`_build_panels`): the docks'
    #: contents and the bars over the canvas. Asked for sooner (a shortcut pressed before that
    #: moment), they are built then, by `__getattr__`.
    PANELS = frozenset({"leads_label", "leads_field", "problems_panel", "undo_view",
                        "funnel_panel", "outline_panel", "minimap", "breadcrumb", "find_bar",
                        "recovery_bar"})

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        """Only reached for attributes not set yet: the panels of a staged start."""
        if name in MainWindow.PANELS and not self.panels_built:
            self._build_panels()
            return self.__dict__[name]
        raise AttributeError(name)

    @property
    def panels_built(self) -> bool:
        return self.__dict__.get("_panels_built", False)

    def _build_panels(self) -> None:
        """The docks' contents and the bars over the canvas, following the current editor."""
        if self.panels_built:
            return
        self._panels_built = True
        from PySide6.QtWidgets import QUndoView

        from flowedit.ui.canvas.breadcrumb import BreadcrumbBar
        from flowedit.ui.canvas.find_bar import FindBar
        from flowedit.ui.files.recovery_offer import RecoveryBar
        from flowedit.ui.panels.funnel import FunnelPanel
        from flowedit.ui.panels.minimap import Minimap
        from flowedit.ui.panels.outline import OutlinePanel
        from flowedit.ui.panels.problems import ProblemsPanel

        self._build_leads_field()
        self.problems_panel = ProblemsPanel()
        self.problems_dock.setWidget(self.problems_panel)
        self.undo_view = QUndoView()
        self.undo_view.setEmptyLabel(_("<empty>"))
        self.history_dock.setWidget(self.undo_view)
        self.funnel_panel = FunnelPanel()
        self.funnel_dock.setWidget(self.funnel_panel)
        self.outline_panel = OutlinePanel()
        self.outline_panel.setAccessibleName(_("Process outline"))
        self.outline_dock.setWidget(self.outline_panel)
        self.minimap = Minimap()
        self.minimap_dock.setWidget(self.minimap)
        self.breadcrumb = BreadcrumbBar()
        self.canvas_holder.add_bar(self.breadcrumb)
        self.find_bar = FindBar()
        self.canvas_holder.add_bar(self.find_bar)
        self.recovery_bar = RecoveryBar(self)
        self.canvas_holder.add_bar(self.recovery_bar)
        self.funnel_panel.message.connect(lambda text: self.show_message(text, 8000))
        self.problems_panel.node_chosen.connect(lambda node_id: self.editor.focus_node(node_id))
        self.problems_panel.level_chosen.connect(
            lambda level, node_id: self.editor.go_to((*self.editor.path, *level), node_id))
        self.problems_panel.fix_chosen.connect(
            lambda code, node_id: self.editor.fix_problem(code, node_id))
        editor = self.editor
        if editor is not None:
            self._follow(editor)

    def _dock(self, title: str, widget, area: Qt.DockWidgetArea) -> QDockWidget:  # type: ignore[no-untyped-def]
        """`title` is the English (N_-marked) title: it names the dock in the saved layout
        whatever the language, and is translated for the tab."""
        dock = QDockWidget(_(title), self)
        dock.setObjectName(f"dock-{title}")
        dock.setProperty("englishTitle", title)
        if widget is not None:
            dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_metrics_toolbar(self) -> None:
        bar = self.addToolBar(_("Metrics"))
        bar.setObjectName("metricsToolbar")
        self.metrics_toolbar = bar
        self.overlay_action = QAction(_("Metrics overlay"), self)
        self.overlay_action.setCheckable(True)
        self.overlay_action.setShortcut(QKeySequence(menu_keys("metrics-overlay")[0]))
        self.overlay_action.toggled.connect(lambda on: self.editor.set_overlay(on))
        bar.addAction(self.overlay_action)
        self._name_metrics_toolbar()

    def _build_leads_field(self) -> None:
        """The toolbar's Leads field (part of `_build_panels`: a spin box alone costs the first
        paint about 10 ms)."""
        self.leads_label = QLabel()
        self.metrics_toolbar.addWidget(self.leads_label)
        self.leads_field = QSpinBox()
        self.leads_field.setObjectName("leads")
        self.leads_field.setRange(1, 1_000_000_000)
        self.leads_field.setValue(int(DEFAULT_LEADS))
        self.leads_field.setGroupSeparatorShown(True)
        self._name_metrics_toolbar()
        self.leads_field.valueChanged.connect(lambda value: self.editor.set_leads(float(value)))
        self.metrics_toolbar.addWidget(self.leads_field)

    def _name_metrics_toolbar(self) -> None:
        self.overlay_action.setText(_("Metrics overlay"))
        self.overlay_action.setToolTip(_("Show each stage's share of leads and days, arrows as "
                                         "thick as the flow, the bottleneck and the biggest leak "
                                         "(Ctrl+M)"))
        if self.panels_built:
            self.leads_label.setText(_("  Leads: "))
            self.leads_field.setToolTip(_("How many leads enter the process (shared by its "
                                          "starts)"))

    def _funnel_visibility(self, visible: bool) -> None:
        editor = self.editor
        if editor is None:
            return
        editor.metrics_wanted = visible
        if not editor.starting:  # a staged start works them out after its first paint
            editor.update_metrics()

    def _show_metrics(self, metrics, error) -> None:  # type: ignore[no-untyped-def]
        from flowedit.render.metrics_overlay import headline

        if metrics is not None:
            self.metrics_label.setText(one_line(headline(metrics, self.editor.doc)))
        else:
            self.metrics_label.setText(one_line(_("No figures: {error}").format(error=error))
                                       if error else "")
        self.metrics_label.setToolTip(error or "")
        self.metrics_label.setVisible(bool(self.metrics_label.text()))
        if self.panels_built and self.funnel_dock.isVisible():
            self.funnel_panel.show_metrics(self.editor.doc, metrics, error)

    def _arm(self, kind: str) -> None:
        self.editor.view.arm(kind)
        self.editor.view.setFocus()
        self.show_message(_(PLACE_HINTS.get(kind, PLACE_HINTS["stage"])), 5000)

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

    def add_panel(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None:
        """A panel opened on demand (the comparison): listed in View with the others."""
        self.addDockWidget(area, dock)
        self.extra_docks.append(dock)

    def docks(self) -> list[QDockWidget]:
        return [self.problems_dock, self.properties_dock, self.history_dock, self.funnel_dock,
                self.outline_dock, self.minimap_dock, *self.extra_docks]

    def _apply_preferences(self, editor: Editor) -> None:
        editor.grid_size = self.preferences.grid_size
        editor.snap = self.preferences.snap
        editor.view.show_grid(editor.grid_size)

    def edit_preferences(self) -> None:
        from flowedit.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.preferences, self)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            self._preferences_chosen(dialog.chosen())
        dialog.deleteLater()

    def _preferences_chosen(self, chosen: Preferences) -> None:
        language_changed = chosen.language != self.preferences.language
        self.preferences = chosen
        self.preferences.save(self.settings)
        self._apply_preferences(self.editor)
        if language_changed:
            self.change_language(chosen.language)

    # ------------------------------------------------------------------ language
    def change_language(self, code: str) -> None:
        """Preferences › Language: the whole window speaks `code` ('' for the system's) at once;
        the document, its undo history, the selection and the zoom stay as they are."""
        from flowedit.ui.language import apply_language

        self.commit_pending_input()
        apply_language(code)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Every word the window shows, again in the current language: menus, dock titles,
        toolbar, panels, the Properties page, the problems and the figures."""
        for action, text in self.translatable:
            action.setText(_(text))
        for dock in self.docks():
            title = dock.property("englishTitle")
            if title:
                dock.setWindowTitle(_(str(title)))
        self.metrics_toolbar.setWindowTitle(_("Metrics"))
        self._name_metrics_toolbar()
        editor = self.editor
        self.leads_field.setLocale(QLocale())
        self.outline_panel.setAccessibleName(_("Process outline"))
        from flowedit.ui.commands import retranslate_history

        retranslate_history(editor.stack)
        # Also makes the History panel ask every step's name again (QUndoModel resets).
        self.undo_view.setEmptyLabel(_("<empty>"))
        for panel in (self.palette_panel, self.find_bar, self.recovery_bar, self.minimap,
                      self.outline_panel, self.funnel_panel):
            panel.retranslate()
        for dock in self.extra_docks:  # panels opened on demand (the comparison)
            retranslate = getattr(dock.widget(), "retranslate", None)
            if retranslate is not None:
                retranslate()
        from flowedit.ui.panels.properties import PropertiesPanel

        self.properties_holder.show_widget(PropertiesPanel(editor))
        editor.run_checks()  # the problems' messages, in the new language
        self._show_problems(editor, force=True)
        self._show_zoom(editor.view.zoom())
        editor.scene.update()
        self.update_title()

    def delete_selected_lanes(self) -> None:
        lane_ids = self.editor.scene.selected_ids()[2]
        if not lane_ids:
            self.statusBar().showMessage(_("Select a lane (click its header) to delete it"), 5000)
        for lane_id in lane_ids:
            self.editor.delete_lane(lane_id)

    def open_find(self) -> None:
        self.find_bar.open()

    def link_subprocess_file(self) -> None:
        """Edit › Link to File…: the selected stage opens into another process file, kept as a
        path relative to this file's folder (so the folder can move as a whole)."""
        from flowedit.io import follow_links

        editor = self.editor
        refusal = subprocess_refusal(editor, "link-subprocess")
        if refusal is not None or self.path is None:
            self.show_message(refusal or _("Save the process first: a linked file is found "
                                           "from the folder of this one"), 8000)
            return
        from PySide6.QtWidgets import QFileDialog

        chosen, _filter = QFileDialog.getOpenFileName(self, _("Link to process file"),
                                                      str(self.path.parent), FILE_FILTER)
        if not chosen:
            return
        relative = os.path.relpath(chosen, self.path.parent).replace(os.sep, "/")
        subprocess_edit(editor, "link-subprocess", relative)
        follow_links(editor.root, self.path)  # the file is read now, for the checks and figures
        editor.run_checks()
        editor.scene.update()

    def show_shortcuts(self) -> None:
        from flowedit.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(shortcut_rows(self), self).open()

    def export_dialog(self) -> None:
        from flowedit.ui.files.export_dialog import run_export_dialog

        run_export_dialog(self.session)

    def import_dialog(self) -> None:
        from flowedit.ui.files.import_dialog import run_import_dialog

        run_import_dialog(self.session)

    def export_as_dialog(self) -> None:
        from flowedit.ui.files.import_dialog import run_export_as_dialog

        self.commit_pending_input()
        run_export_as_dialog(self.session)

    def compare_dialog(self) -> None:
        from flowedit.ui.files.compare import run_compare_dialog

        run_compare_dialog(self.session)

    def present(self, quiz: bool = False, start_at: str | None = None,
                lane: str | None = None) -> None:
        """View › Present (F5) from the process's start; `start_at` from that shape, `lane`
        that lane only. View › Quiz: a quiz asks each trainee's name and adds the score to the
        results file of the preferences."""
        import random

        from flowedit.ui.present.presentation import PresentationWindow

        self.editor.close_inline_editor(commit=True)
        results = self.preferences.quiz_results_file if quiz else None
        self.presentation = PresentationWindow(self.editor.root, quiz=quiz, parent=None,
                                               seed=random.SystemRandom().randrange(2**31),
                                               results=results, start_at=start_at, lane=lane)
        self.presentation.closed.connect(self._presentation_closed)
        self.hide()
        self.presentation.start()

    def present_from_selection(self) -> None:
        """View › Present from Selection (Shift+F5): from the shape selected (the first one
        selected when several are); from the start when none is."""
        root = self.editor.root  # (a shape selected inside a sub-process: from the start)
        selected = [node_id for node_id in self.editor.scene.selected_nodes_anchor_first()
                    if self.editor.doc is root and node_id in root.nodes]
        self.present(start_at=selected[0] if selected else None)

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
        from PySide6.QtWidgets import QMessageBox

        from flowedit import __version__

        QMessageBox.about(self, _("About flowedit"),
                          f"flowedit {__version__}\n"
                          + _("A flowchart editor for sales processes."))

    # ------------------------------------------------------------------ documents
    def set_document(self, doc: Document, path: Path | None,
                     recovery_key: str | None = None, staged: bool = False) -> None:
        """Shows `doc`; a document restored from the recovery copy `recovery_key` starts out
        marked as unsaved and keeps that copy until it is saved. `staged`: the canvas paints
        first; label placement, the checks and the Outline follow right after (`_finish`)."""
        old = self.editor
        editor = Editor(doc, self, staged=staged)
        self.editor = editor
        # A staged start: the recovery copy follows the document from `_finish` on.
        self.session.adopt(editor, path, recovery_key, follow=not staged)
        self.canvas_holder.show_widget(editor.view)
        if staged:
            _AfterFirstPaint(editor.view.viewport(), lambda: self._finish(editor))
        elif self.panels_built:
            self._follow(editor)
        else:
            self._build_panels()  # (they follow `editor`)
        editor.problems_changed.connect(lambda _problems: self._show_problems(editor))
        editor.message.connect(lambda text: self.show_message(text, 8000))
        editor.stack.cleanChanged.connect(self.update_title)
        editor.view.zoom_changed.connect(self._show_zoom)
        editor.metrics_changed.connect(self._show_metrics)
        editor.level_changed.connect(lambda: self._show_problems(editor))
        editor.leads = float(self.leads_field.value()) if self.panels_built else DEFAULT_LEADS
        editor.overlay_on = self.overlay_action.isChecked()
        editor.metrics_wanted = self.funnel_dock.isVisible()
        self.metrics_label.setText("")
        self.metrics_label.hide()
        editor.update_metrics()
        self._show_zoom(1.0)
        if old is not None:
            old.close()
            old.deleteLater()
        self.update_title()
        self._apply_preferences(editor)
        if doc.nodes and self.preferences.open_zoom == OPEN_FIT:
            QTimer.singleShot(0, lambda: self.editor is editor
                              and editor.view.zoom_to_fit())
        editor.view.setFocus()
        if not staged:
            self._started()  # what waited for a staged start that this document replaced

    def _follow(self, editor: Editor) -> None:
        """The panels and bars show `editor`'s document (the Outline once its start is done)."""
        from flowedit.ui.panels.properties import PropertiesPanel

        self.properties_holder.show_widget(PropertiesPanel(editor))
        for follower in (self.minimap, self.find_bar, self.breadcrumb):
            follower.set_editor(editor)
        self.outline_panel.set_editor(None if editor.starting else editor)
        self.undo_view.setStack(editor.stack)
        self._show_problems(editor)

    def _finish(self, editor: Editor) -> None:
        """The rest of a staged start, once the canvas has painted: the panels, labels, checks,
        Outline, recovery copies and the log. (Another document opened in the meantime has
        its own start; the panels and what waits for the start still come now.)"""
        self._build_panels()
        if self.editor is editor and editor.starting:
            editor.finish_start()
            self.outline_panel.set_editor(editor)
            self.autosaver.follow(editor, self.path)
        self._started()

    def when_started(self, then: Callable[[], object]) -> None:
        """Calls `then` once the window's start is complete: at once, or after the staged
        start's first paint (`_finish`). The application's recovery offer and log wait so."""
        if self.editor is not None and self.editor.starting:
            self.__dict__.setdefault("_on_start", []).append(then)
        else:
            then()

    def _started(self) -> None:
        for then in self.__dict__.pop("_on_start", []):
            then()

    def _show_zoom(self, zoom: float) -> None:
        self.zoom_label.setText(_("Zoom {percent}").format(percent=format_percent(zoom, 0)))

    def _show_problems(self, editor: Editor, force: bool = False) -> None:
        if not self.panels_built:
            return  # they are shown once the panels are built (_follow)
        drawing = editor.drawing
        self.problems_panel.show_problems(drawing.shown, not editor.doc.nodes, drawing.folded,
                                          drawing.frontier, force=force)

    @property
    def path(self) -> Path | None:
        """The file the document belongs to (the session's), None while untitled."""
        return self.session.path

    @property
    def autosaver(self) -> Autosaver:
        return self.session.autosaver

    def update_title(self) -> None:
        name = one_line(self.path.name) if self.path else _("Untitled")
        self.setWindowTitle(f"{name}[*] — flowedit")
        self.setWindowModified(not self.editor.stack.isClean())

    def commit_pending_input(self) -> None:
        """Text being typed (on the canvas or in a panel field) is settled before anything asks
        whether the document has unsaved changes. (A gesture in progress changes only the
        scene, so it has nothing to settle.)"""
        self.editor.close_inline_editor(commit=True)
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()  # fires editingFinished / focus-out, which commit the field
            self.editor.view.setFocus()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.session.fill_recent_menu()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session.maybe_save():
            self._save_layout()
            self.autosaver.discard()
            self.editor.close()
            event.accept()
        else:
            event.ignore()


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


class _AfterFirstPaint(QObject):
    """Calls `then` once `widget` has finished its first paint (or, should it never paint, e.g.
    a window opened minimised, after FALLBACK_MS), then goes away."""

    FALLBACK_MS = 1500

    def __init__(self, widget: QWidget, then: Callable[[], object]) -> None:
        super().__init__(widget)
        self._then: Callable[[], object] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(self.FALLBACK_MS, self, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once this paint is on screen
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()
            self.deleteLater()
