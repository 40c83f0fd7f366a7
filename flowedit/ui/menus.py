"""The main window's menus: every command with its shortcut shown, in one table-like place; the
keyboard shortcuts page is generated from the same actions, so it can never disagree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from flowedit.ui.command_names import MENU_TEXT
from flowedit.ui.kind_change import fill_kind_menu

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor
    from flowedit.ui.main_window import MainWindow

Shortcut = str | QKeySequence.StandardKey | None


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
            shortcut: Shortcut = None, *more: str) -> QAction:
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

    file = bar.addMenu("&File")
    _action(window, file, "&New", window.new_document, QKeySequence.StandardKey.New)
    _action(window, file, "&Open…", window.open_dialog, QKeySequence.StandardKey.Open)
    window.recent_menu = file.addMenu("Open &Recent")
    _action(window, file, "Recover &Unsaved Work", window.offer_recovery)
    file.addSeparator()
    _action(window, file, "&Save", window.save, QKeySequence.StandardKey.Save)
    _action(window, file, "Save &As…", window.save_as, "Ctrl+Shift+S")
    _action(window, file, "&Export…", window.export_dialog, "Ctrl+E")
    _action(window, file, "Compare &With…", window.compare_dialog)
    file.addSeparator()
    _action(window, file, "&Close", window.close_document, QKeySequence.StandardKey.Close)
    _action(window, file, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    window.undo_action = _action(window, edit, "&Undo", lambda: ed().undo(),
                                 QKeySequence.StandardKey.Undo)
    window.redo_action = _action(window, edit, "&Redo", lambda: ed().redo(),
                                 "Ctrl+Shift+Z", "Ctrl+Y")
    edit.addSeparator()
    _action(window, edit, MENU_TEXT["cut"], lambda: ed().cut(), QKeySequence.StandardKey.Cut)
    _action(window, edit, "&Copy", lambda: ed().copy(), QKeySequence.StandardKey.Copy)
    _action(window, edit, MENU_TEXT["paste"], lambda: ed().paste(), QKeySequence.StandardKey.Paste)
    _action(window, edit, MENU_TEXT["duplicate"], lambda: ed().duplicate(), "Ctrl+D")
    _action(window, edit, MENU_TEXT["delete"], lambda: ed().delete_selection(), "Del")
    edit.addSeparator()
    _action(window, edit, "Select &All", lambda: ed().select_all(),
            QKeySequence.StandardKey.SelectAll)
    _action(window, edit, MENU_TEXT["rename"], window.rename_selection, "F2")
    _action(window, edit, "&Find…", window.open_find, QKeySequence.StandardKey.Find)
    _action(window, edit, MENU_TEXT["add-connected-stage"],
            lambda: ed().add_stage_after_selection(), "Ctrl+Return")
    kinds = edit.addMenu(MENU_TEXT["change-kind"])
    kinds.setObjectName("editChangeKindMenu")
    fill_kind_menu(kinds, None, None)
    kinds.aboutToShow.connect(lambda: fill_kind_menu(kinds, ed(), _one_shape(ed())))
    edit.addSeparator()
    _action(window, edit, "Pre&ferences…", window.edit_preferences, "Ctrl+,")

    arrange = bar.addMenu("&Arrange")
    for how, key in (("left", "Ctrl+Alt+L"), ("center", "Ctrl+Alt+C"), ("right", "Ctrl+Alt+R"),
                     ("top", "Ctrl+Alt+T"), ("middle", "Ctrl+Alt+M"), ("bottom", "Ctrl+Alt+B")):
        _action(window, arrange, MENU_TEXT[f"align-{how}"],
                lambda how=how: ed().align_selection(how), key)
    arrange.addSeparator()
    _action(window, arrange, MENU_TEXT["distribute-horizontal"],
            lambda: ed().distribute_selection("horizontal"), "Ctrl+Alt+H")
    _action(window, arrange, MENU_TEXT["distribute-vertical"],
            lambda: ed().distribute_selection("vertical"), "Ctrl+Alt+V")

    view = bar.addMenu("&View")
    _action(window, view, "Zoom &In", lambda: ed().view.zoom_step(1), "Ctrl++", "Ctrl+=")
    _action(window, view, "Zoom &Out", lambda: ed().view.zoom_step(-1), "Ctrl+-")
    _action(window, view, "Zoom to &Fit", lambda: ed().view.zoom_to_fit(), "Ctrl+0")
    _action(window, view, "&Actual Size", lambda: ed().view.reset_zoom(), "Ctrl+1")
    view.addSeparator()
    view.addAction(window.overlay_action)
    _action(window, view, "&Present", window.present, "F5")
    view.addSeparator()
    for dock in window.docks():
        view.addAction(dock.toggleViewAction())

    lanes = bar.addMenu("&Lane")
    _action(window, lanes, MENU_TEXT["add-lane"], lambda: ed().add_lane_at(None), "Ctrl+L")
    on_a_lane = [
        _action(window, lanes, MENU_TEXT["rename-lane"], window.rename_selection),
        _action(window, lanes, MENU_TEXT["move-lane-up"], lambda: ed().move_selected_lane(-1),
                "Ctrl+Alt+Up"),
        _action(window, lanes, MENU_TEXT["move-lane-down"], lambda: ed().move_selected_lane(1),
                "Ctrl+Alt+Down"),
        _action(window, lanes, MENU_TEXT["delete-lane"], window.delete_selected_lanes),
    ]
    lanes.addSeparator()
    hint = lanes.addAction("Select a lane by clicking its header")
    hint.setEnabled(False)

    def lane_selected() -> None:
        """Lane commands act on the selected lane: greyed out, with a hint, until there is one."""
        selected = bool(ed().scene.selected_ids()[2])
        for action in on_a_lane:
            action.setEnabled(selected)
        hint.setVisible(not selected)

    lanes.aboutToShow.connect(lane_selected)
    lanes.aboutToHide.connect(lambda: [action.setEnabled(True) for action in on_a_lane])

    help_menu = bar.addMenu("&Help")
    _action(window, help_menu, "&How To and Shortcuts", window.show_shortcuts, "F1")
    _action(window, help_menu, "&About flowedit", window.about)


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
            rows.append((menu_action.text().replace("&", ""), action.text().replace("&", ""),
                         keys))
    rows += [(canvas, text, keys) for canvas, text, keys in CANVAS_KEYS]
    return rows


CANVAS_KEYS = (
    ("Canvas", "Move the selected shapes by the grid (Shift: by one pixel)", "Arrow keys"),
    ("Canvas", "Go to the next / previous shape in flow order", "Tab, Shift+Tab"),
    ("Canvas", "Follow an outgoing / incoming arrow to the next shape", "Alt+Right, Alt+Left"),
    ("Canvas", "After following an arrow: the other branches", "Alt+Down, Alt+Up"),
    ("Canvas", "Edit the selected shape's name", "Enter, F2"),
    ("Canvas", "New line while editing a name", "Shift+Enter"),
    ("Canvas", "Cancel a gesture or an edit; clear the selection", "Esc"),
    ("Canvas", "Pan", "Space+drag, middle button drag"),
    ("Canvas", "Zoom around the mouse", "Ctrl+wheel"),
    ("Canvas", "Move freely, without snapping to the grid", "hold Alt while dragging"),
    ("Canvas", "Add to or remove from the selection", "Ctrl+click"),
)
