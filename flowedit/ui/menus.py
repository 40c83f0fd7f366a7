"""The main window's menus: every command with its shortcut shown, the shortcuts taken from the
one key table (`flowedit.ui.keymap`); the keyboard shortcuts page is generated from the same
actions and the canvas's rows of that table, so it can never disagree."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from flowedit.i18n import N_, _
from flowedit.io.templates import TEMPLATES
from flowedit.model import Routing
from flowedit.model.rules import SUBPROCESS_COMMANDS
from flowedit.ui.command_names import MENU_TEXT, strip_mnemonic
from flowedit.ui.keymap import Shortcut, canvas_rows
from flowedit.ui.keymap import menu_keys as keys
from flowedit.ui.kind_change import fill_kind_menu
from flowedit.ui.labels import button_text
from flowedit.ui.subprocess_edits import subprocess_edit, subprocess_refusal

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor
    from flowedit.ui.main_window import MainWindow

def _menu(window: MainWindow, parent: QMenu | QMenuBar, text: str) -> QMenu:
    """A menu titled `text` (English, marked with N_()), retitled when the language changes."""
    menu = parent.addMenu(_(text))
    window.translatable.append((menu.menuAction(), text))
    return menu


def _action(window: MainWindow, menu: QMenu, text: str, slot: Callable[[], object],
            shortcut: Shortcut | None = None, *more: Shortcut) -> QAction:
    """`text` is English, marked with N_(): shown translated, and again in another language
    after Preferences › Language (`MainWindow.retranslate_ui`)."""
    action = QAction(_(text), window)
    window.translatable.append((action, text))
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

    file = _menu(window, bar, N_("&File"))
    _action(window, file, N_("&New"), window.session.new_document, *keys("new"))
    templates = _menu(window, file, N_("New from &Template"))
    for template in TEMPLATES:
        # The title is the English msgid (io.templates marks it): shown and retitled translated.
        _action(window, templates, template.title,
                lambda name=template.name: window.session.new_from_template(name))
    _action(window, file, N_("&Open…"), window.session.open_dialog, *keys("open"))
    window.recent_menu = _menu(window, file, N_("Open &Recent"))
    _action(window, file, N_("Recover &Unsaved Work"), window.session.offer_recovery)
    _action(window, file, N_("&Import…"), window.import_dialog)
    file.addSeparator()
    _action(window, file, N_("&Save"), window.session.save, *keys("save"))
    _action(window, file, N_("Save &As…"), window.session.save_as, *keys("save-as"))
    _action(window, file, N_("&Export…"), window.export_dialog, *keys("export"))
    _action(window, file, N_("Ex&port As…"), window.export_as_dialog)
    _action(window, file, N_("Compare &With…"), window.compare_dialog)
    _action(window, file, N_("Ca&librate from CRM Export…"), lambda: _calibrate(window))
    file.addSeparator()
    _action(window, file, N_("&Close"), window.session.close_document, *keys("close"))
    _action(window, file, N_("&Quit"), window.close, *keys("quit"))

    edit = _menu(window, bar, N_("&Edit"))
    window.undo_action = _action(window, edit, N_("&Undo"), lambda: ed().undo(),
                                 *keys("undo"))
    window.redo_action = _action(window, edit, N_("&Redo"), lambda: ed().redo(),
                                 *keys("redo"))
    edit.addSeparator()
    _action(window, edit, MENU_TEXT["cut"], lambda: ed().cut(), *keys("cut"))
    _action(window, edit, N_("&Copy"), lambda: ed().copy(), *keys("copy"))
    _action(window, edit, MENU_TEXT["paste"], lambda: ed().paste(), *keys("paste"))
    _action(window, edit, MENU_TEXT["duplicate"], lambda: ed().duplicate(), *keys("duplicate"))
    _action(window, edit, MENU_TEXT["delete"], lambda: ed().delete_selection(), *keys("delete"))
    edit.addSeparator()
    _action(window, edit, N_("Select &All"), lambda: ed().select_all(),
            *keys("select-all"))
    _action(window, edit, MENU_TEXT["rename"], window.rename_selection, *keys("rename"))
    _action(window, edit, N_("&Find…"), window.open_find, *keys("find"))
    _action(window, edit, MENU_TEXT["add-connected-stage"],
            lambda: ed().add_stage_after_selection(), *keys("add-connected-stage"))
    kinds = _menu(window, edit, MENU_TEXT["change-kind"])
    kinds.setObjectName("editChangeKindMenu")
    fill_kind_menu(kinds, None, None)
    kinds.aboutToShow.connect(lambda: fill_kind_menu(kinds, ed(), _one_shape(ed())))
    edit.addSeparator()
    _subprocess_actions(window, edit)
    edit.addSeparator()
    _action(window, edit, N_("Prefere&nces…"), window.edit_preferences, *keys("preferences"))

    arrange = _menu(window, bar, N_("&Arrange"))
    for how in ("left", "center", "right", "top", "middle", "bottom"):
        _action(window, arrange, MENU_TEXT[f"align-{how}"],
                lambda how=how: ed().align_selection(how), *keys(f"align-{how}"))
    arrange.addSeparator()
    _action(window, arrange, MENU_TEXT["distribute-horizontal"],
            lambda: ed().distribute_selection("horizontal"), *keys("distribute-horizontal"))
    _action(window, arrange, MENU_TEXT["distribute-vertical"],
            lambda: ed().distribute_selection("vertical"), *keys("distribute-vertical"))
    arrange.addSeparator()
    _action(window, arrange, MENU_TEXT["tidy-up"], lambda: ed().tidy_up(), *keys("tidy-up"))
    around = _action(window, arrange, MENU_TEXT["route-around"],
                     lambda: ed().set_routing(Routing.ORTHOGONAL if around.isChecked()
                                              else Routing.STRAIGHT))
    around.setCheckable(True)
    arrange.aboutToShow.connect(
        lambda: around.setChecked(ed().doc.routing is Routing.ORTHOGONAL))

    view = _menu(window, bar, N_("&View"))
    _action(window, view, N_("Zoom &In"), lambda: ed().view.zoom_step(1), *keys("zoom-in"))
    _action(window, view, N_("Zoom &Out"), lambda: ed().view.zoom_step(-1), *keys("zoom-out"))
    _action(window, view, N_("Zoom to &Fit"), lambda: ed().view.zoom_to_fit(), *keys("zoom-fit"))
    _action(window, view, N_("&Actual Size"), lambda: ed().view.reset_zoom(), *keys("zoom-actual"))
    view.addSeparator()
    _action(window, view, MENU_TEXT["open-subprocess"], lambda: ed().open_subprocess(),
            *keys("open-subprocess"))
    _action(window, view, MENU_TEXT["close-subprocess"], lambda: ed().close_subprocess(),
            *keys("close-subprocess"))
    view.addSeparator()
    view.addAction(window.overlay_action)
    _action(window, view, N_("&Present"), window.present, *keys("present"))
    _action(window, view, N_("Present from &Selection"), window.present_from_selection,
            *keys("present-selection"))
    present_lane = _menu(window, view, N_("Present &Lane"))
    present_lane.aboutToShow.connect(lambda: fill_present_lane_menu(window, present_lane))
    _action(window, view, N_("&Quiz"), lambda: window.present(quiz=True))
    view.addSeparator()
    for dock in window.docks():
        view.addAction(dock.toggleViewAction())

    lanes = _menu(window, bar, N_("&Lane"))
    _action(window, lanes, MENU_TEXT["add-lane"], lambda: ed().add_lane_at(None), *keys("add-lane"))
    on_a_lane = [
        _action(window, lanes, MENU_TEXT["rename-lane"], window.rename_selection),
        _action(window, lanes, MENU_TEXT["move-lane-up"], lambda: ed().move_selected_lane(-1),
                *keys("move-lane-up")),
        _action(window, lanes, MENU_TEXT["move-lane-down"], lambda: ed().move_selected_lane(1),
                *keys("move-lane-down")),
        _action(window, lanes, MENU_TEXT["delete-lane"], window.delete_selected_lanes),
    ]
    lanes.addSeparator()
    hint = lanes.addAction(_("Select a lane by clicking its header"))
    window.translatable.append((hint, N_("Select a lane by clicking its header")))
    hint.setEnabled(False)

    def lane_selected() -> None:
        """Lane commands act on the selected lane: greyed out, with a hint, until there is one."""
        selected = bool(ed().scene.selected_ids()[2])
        for action in on_a_lane:
            action.setEnabled(selected)
        hint.setVisible(not selected)

    lanes.aboutToShow.connect(lane_selected)
    lanes.aboutToHide.connect(lambda: [action.setEnabled(True) for action in on_a_lane])

    help_menu = _menu(window, bar, N_("&Help"))
    _action(window, help_menu, N_("&How To and Shortcuts"), window.show_shortcuts, *keys("help"))
    _action(window, help_menu, N_("&About flowedit"), window.about)


def _subprocess_actions(window: MainWindow, edit: QMenu) -> None:
    """Make, Group into, Ungroup, Link to File…, Unlink (Embed): greyed out, with the reason as
    their tip, when the selection does not allow them (model/rules.py decides)."""
    actions = {}
    for command in SUBPROCESS_COMMANDS:
        slot = (window.link_subprocess_file if command == "link-subprocess"
                else lambda command=command: subprocess_edit(window.editor, command))
        actions[command] = _action(window, edit, MENU_TEXT[command], slot)

    def follow_selection() -> None:
        for command, action in actions.items():
            refusal = subprocess_refusal(window.editor, command)
            action.setEnabled(refusal is None)
            action.setToolTip(refusal or "")

    edit.setToolTipsVisible(True)
    edit.aboutToShow.connect(follow_selection)


def _calibrate(window: MainWindow) -> None:
    from flowedit.ui.calibration.controller import calibrate_from_export

    calibrate_from_export(window)


def _one_shape(editor: Editor) -> str | None:
    node_ids, edge_ids, _lanes = editor.scene.selected_ids()
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



def fill_present_lane_menu(window: MainWindow, menu: QMenu) -> None:
    """View › Present Lane: one entry per lane of the process, each presenting that lane only."""
    menu.clear()
    lanes = window.editor.root.lanes
    for lane in lanes:
        action = menu.addAction(button_text(lane.name) or lane.id)
        action.triggered.connect(
            lambda _checked=False, lane_id=lane.id: window.present(lane=lane_id))
    if not lanes:
        menu.addAction(_("The process has no lanes")).setEnabled(False)
