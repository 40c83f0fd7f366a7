"""One key table (flowedit.ui.keymap) for the menus, the canvas and the F1 page (issue 12): what
the page lists is what the keys do, and no canvas key is shadowed by a menu shortcut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from flowedit.ui.keymap import CANVAS_KEYS, MENU_KEYS, canvas_command
from flowedit.ui.menus import shortcut_rows


def _menu_actions(window):  # type: ignore[no-untyped-def]
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions() if menu is not None else ():
            if not action.isSeparator() and action.menu() is None:
                yield action


def test_every_menu_shortcut_comes_from_the_key_table(qtbot, window):
    bound = {key.toString() for action in _menu_actions(window) for key in action.shortcuts()}
    bound |= {key.toString() for key in window.overlay_action.shortcuts()}
    table = set()
    for shortcuts in MENU_KEYS.values():
        for shortcut in shortcuts:
            table |= {key.toString() for key in (
                QKeySequence.keyBindings(shortcut)
                if isinstance(shortcut, QKeySequence.StandardKey) else [QKeySequence(shortcut)])}
    assert bound == table


def test_the_help_page_lists_every_canvas_key_the_view_answers_to(qtbot, window):
    rows = shortcut_rows(window)
    for row in CANVAS_KEYS:
        assert ("Canvas", row.text, row.shown) in rows
        for key in row.keys:
            found = canvas_command(key, row.needs)
            assert found is not None and found[0] == row.command, (row.text, key)


def test_no_canvas_key_is_taken_by_a_menu_shortcut(qtbot, window):
    menu_keys = {key[0].toCombined() for action in _menu_actions(window)
                 for key in action.shortcuts() if key.count() == 1}
    for row in CANVAS_KEYS:
        for key in row.keys:
            combined = QKeySequence(row.needs.value | Qt.Key(key).value)[0].toCombined()
            assert combined not in menu_keys, (row.text, QKeySequence(combined).toString())


def test_alt_right_follows_the_arrow_instead_of_nudging(qtbot, window):
    window.editor.scene.select_only(["start-1"])
    before = window.editor.doc.nodes["start-1"].x
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.editor.doc.nodes["start-1"].x == before
    assert window.editor.scene.selected_ids()[0] != ["start-1"]
