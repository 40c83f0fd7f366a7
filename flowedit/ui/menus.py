"""The main window's menus: every command with its shortcut shown, the shortcuts taken from the
one key table (`flowedit.ui.keymap`); the keyboard shortcuts page is generated from the same
actions and the canvas's rows of that table, so it can never disagree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from flowedit.i18n import _
from flowedit.model import Routing
from flowedit.ui.command_names import menu_text, strip_mnemonic
from flowedit.ui.keymap import Shortcut, canvas_rows
from flowedit.ui.keymap import menu_keys as keys
from flowedit.ui.kind_change import fill_kind_menu

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor
    from flowedit.ui.main_window import MainWindow

def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
            shortcut: Shortcut | None = None, *more: Shortcut) -> QAction:
    action = QAction(text, window)
    keys = []
    if shortcut is not None:
        keys = (QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey)
                else [QKeySequence(shortcut)])
    shown = keys[:1] + [QKeySequence(key) for key in more]
    keys += [QKeySequence(key) for key in more]
    if keys:
        action.setShortcuts(keys)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    # What the help page lists: the main key and the alternatives we chose, not every
    # platform binding (F14, Undo, Shift+Del...).
    action.setData(", ".join(key.toString(QKeySequence.SequenceFormat.NativeText)
                             for key in shown))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    ed = lambda: window.editor  # noqa: E731 - the editor changes with the document

    file = bar.addMenu(_("&File"))
    _action(window, file, _("&New"), window.session.new_document, *keys("new"))
    _action(window, file, _("&Open…"), window.session.open_dialog, *keys("open"))
    window.recent_menu = file.addMenu(_("Open &Recent"))
    _action(window, file, _("Recover &Unsaved Work"), window.session.offer_recovery)
    file.addSeparator()
    _action(window, file, _("&Save"), window.session.save, *keys("save"))
    _action(window, file, _("Save &As…"), window.session.save_as, *keys("save-as"))
    _action(window, file, _("&Export…"), window.export_dialog, *keys("export"))
    _action(window, file, _("Compare &With…"), window.compare_dialog)
    file.addSeparator()
    _action(window, file, _("&Close"), window.session.close_document, *keys("close"))
    _action(window, file, _("&Quit"), window.close, *keys("quit"))

    edit = bar.addMenu(_("&Edit"))
    window.undo_action = _action(window, edit, _("&Undo"), lambda: ed().undo(),
                                 *keys("undo"))
    window.redo_action = _action(window, edit, _("&Redo"), lambda: ed().redo(),
                                 *keys("redo"))
    edit.addSeparator()
    _action(window, edit, menu_text("cut"), lambda: ed().cut(), *keys("cut"))
    _action(window, edit, _("&Copy"), lambda: ed().copy(), *keys("copy"))
    _action(window, edit, menu_text("paste"), lambda: ed().paste(), *keys("paste"))
    _action(window, edit, menu_text("duplicate"), lambda: ed().duplicate(), *keys("duplicate"))
    _action(window, edit, menu_text("delete"), lambda: ed().delete_selection(), *keys("delete"))
    edit.addSeparator()
    _action(window, edit, _("Select &All"), lambda: ed().select_all(),
            *keys("select-all"))
    _action(window, edit, menu_text("rename"), window.rename_selection, *keys("rename"))
    _action(window, edit, _("&Find…"), window.open_find, *keys("find"))
    _action(window, edit, menu_text("add-connected-stage"),
            lambda: ed().add_stage_after_selection(), *keys("add-connected-stage"))
    kinds = edit.addMenu(menu_text("change-kind"))
    kinds.setObjectName("editChangeKindMenu")
    fill_kind_menu(kinds, None, None)
    kinds.aboutToShow.connect(lambda: fill_kind_menu(kinds, ed(), _one_shape(ed())))
    edit.addSeparator()
    _action(window, edit, _("Pre&ferences…"), window.edit_preferences, *keys("preferences"))

    arrange = bar.addMenu(_("&Arrange"))
    for how in ("left", "center", "right", "top", "middle", "bottom"):
        _action(window, arrange, menu_text(f"align-{how}"),
                lambda how=how: ed().align_selection(how), *keys(f"align-{how}"))
    arrange.addSeparator()
    _action(window, arrange, menu_text("distribute-horizontal"),
            lambda: ed().distribute_selection("horizontal"), *keys("distribute-horizontal"))
    _action(window, arrange, menu_text("distribute-vertical"),
            lambda: ed().distribute_selection("vertical"), *keys("distribute-vertical"))
    arrange.addSeparator()
    _action(window, arrange, menu_text("tidy-up"), lambda: ed().tidy_up(), *keys("tidy-up"))
    around = _action(window, arrange, menu_text("route-around"),
                     lambda: ed().set_routing(Routing.ORTHOGONAL if around.isChecked()
                                              else Routing.STRAIGHT))
    around.setCheckable(True)
    arrange.aboutToShow.connect(
        lambda: around.setChecked(ed().doc.routing is Routing.ORTHOGONAL))

    view = bar.addMenu(_("&View"))
    _action(window, view, _("Zoom &In"), lambda: ed().view.zoom_step(1), *keys("zoom-in"))
    _action(window, view, _("Zoom &Out"), lambda: ed().view.zoom_step(-1), *keys("zoom-out"))
    _action(window, view, _("Zoom to &Fit"), lambda: ed().view.zoom_to_fit(), *keys("zoom-fit"))
    _action(window, view, _("&Actual Size"), lambda: ed().view.reset_zoom(), *keys("zoom-actual"))
    view.addSeparator()
    view.addAction(window.overlay_action)
    _action(window, view, _("&Present"), window.present, *keys("present"))
    view.addSeparator()
    for dock in window.docks():
        view.addAction(dock.toggleViewAction())

    lanes = bar.addMenu(_("&Lane"))
    _action(window, lanes, menu_text("add-lane"), lambda: ed().add_lane_at(None), *keys("add-lane"))
    on_a_lane = [
        _action(window, lanes, menu_text("rename-lane"), window.rename_selection),
        _action(window, lanes, menu_text("move-lane-up"), lambda: ed().move_selected_lane(-1),
                *keys("move-lane-up")),
        _action(window, lanes, menu_text("move-lane-down"), lambda: ed().move_selected_lane(1),
                *keys("move-lane-down")),
        _action(window, lanes, menu_text("delete-lane"), window.delete_selected_lanes),
    ]
    lanes.addSeparator()
    hint = lanes.addAction(_("Select a lane by clicking its header"))
    hint.setEnabled(False)

    def lane_selected() -> None:
        """Lane commands act on the selected lane: greyed out, with a hint, until there is one."""
        selected = bool(ed().scene.selected_ids()[2])
        for action in on_a_lane:
            action.setEnabled(selected)
        hint.setVisible(not selected)

    lanes.aboutToShow.connect(lane_selected)
    lanes.aboutToHide.connect(lambda: [action.setEnabled(True) for action in on_a_lane])

    help_menu = bar.addMenu(_("&Help"))
    _action(window, help_menu, _("&How To and Shortcuts"), window.show_shortcuts, *keys("help"))
    _action(window, help_menu, _("&About flowedit"), window.about)


def _one_shape(editor: Editor) -> str | None:
    node_ids, edge_ids, _ = editor.scene.selected_ids()
    return node_ids[0] if len(node_ids) == 1 and not edge_ids else None


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu command, then the canvas's own keys."""
    rows = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            if (action.isSeparator() or action.menu() is not None or not action.text()
                    or not action.isEnabled()):
                continue
            keys = action.data() if isinstance(action.data(), str) else ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText)
                for key in action.shortcuts()[:1])
            rows.append((strip_mnemonic(menu_action.text()), strip_mnemonic(action.text()),
                         keys))
    return rows + canvas_rows()

