"""Every key flowedit answers to, in one table: the menu commands' shortcuts and the canvas's own
keys. The menus take their shortcuts from here, the canvas view asks `canvas_command` what a key
press means, and Help › How To and Shortcuts (F1) lists the same rows, so the page and the real
keys cannot drift apart. No widgets here."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from flowedit.i18n import N_, _

Shortcut = str | QKeySequence.StandardKey

Key = Qt.Key
Mod = Qt.KeyboardModifier
_NONE = Mod.NoModifier
_STD = QKeySequence.StandardKey

#: command id -> (main shortcut, alternatives shown and bound too). The id is the menu's.
MENU_KEYS: dict[str, tuple[Shortcut, ...]] = {
    "new": (_STD.New,),
    "open": (_STD.Open,),
    "save": (_STD.Save,),
    "save-as": ("Ctrl+Shift+S",),
    "export": ("Ctrl+E",),
    "close": (_STD.Close,),
    "quit": (_STD.Quit,),
    "undo": (_STD.Undo,),
    "redo": ("Ctrl+Shift+Z", "Ctrl+Y"),
    "cut": (_STD.Cut,),
    "copy": (_STD.Copy,),
    "paste": (_STD.Paste,),
    "duplicate": ("Ctrl+D",),
    "delete": ("Del",),
    "select-all": (_STD.SelectAll,),
    "rename": ("F2",),
    "find": (_STD.Find,),
    "add-connected-stage": ("Ctrl+Return",),
    "preferences": ("Ctrl+,",),
    "align-left": ("Ctrl+Alt+L",),
    "align-center": ("Ctrl+Alt+C",),
    "align-right": ("Ctrl+Alt+R",),
    "align-top": ("Ctrl+Alt+T",),
    "align-middle": ("Ctrl+Alt+M",),
    "align-bottom": ("Ctrl+Alt+B",),
    "distribute-horizontal": ("Ctrl+Alt+H",),
    "distribute-vertical": ("Ctrl+Alt+V",),
    "tidy-up": ("Ctrl+Shift+L",),
    "zoom-in": ("Ctrl++", "Ctrl+="),
    "zoom-out": ("Ctrl+-",),
    "zoom-fit": ("Ctrl+0",),
    "zoom-actual": ("Ctrl+1",),
    "metrics-overlay": ("Ctrl+M",),
    "present": ("F5",),
    "present-selection": ("Shift+F5",),
    "add-lane": ("Ctrl+L",),
    "move-lane-up": ("Ctrl+Alt+Up",),
    "move-lane-down": ("Ctrl+Alt+Down",),
    "help": ("F1",),
    "open-subprocess": ("Ctrl+Down",),
    "close-subprocess": ("Ctrl+Up",),
}


def menu_keys(command: str) -> tuple[Shortcut, ...]:
    """The shortcuts of a menu command; () for a command without one."""
    return MENU_KEYS.get(command, ())


@dataclass(frozen=True)
class CanvasKey:
    """One row of the canvas's own keys. `command` is what the view does on one of `keys`
    (key -> argument) when the modifiers include all of `needs` and none of `refuses`; rows
    without a command describe mouse gestures and the name editor, for the help page only."""

    text: str  # marked with N_(), translated where shown
    shown: str
    command: str | None = None
    keys: dict[Qt.Key, object] = field(default_factory=dict)
    needs: Qt.KeyboardModifier = _NONE
    refuses: Qt.KeyboardModifier = _NONE


_ARROWS = {Key.Key_Left: (-1, 0), Key.Key_Right: (1, 0), Key.Key_Up: (0, -1),
           Key.Key_Down: (0, 1)}

#: In the help page's order. `canvas_command` tries the rows with a command in `_PRECEDENCE`.
CANVAS_KEYS = (
    CanvasKey(N_("Move the selected shapes by the grid (Shift: by one pixel)"), N_("Arrow keys"),
              "nudge", _ARROWS, refuses=Mod.ControlModifier),
    CanvasKey(N_("Go to the next / previous shape in flow order"), "Tab, Shift+Tab",
              "walk", {Key.Key_Tab: 1, Key.Key_Backtab: -1}),
    CanvasKey(N_("Follow an outgoing / incoming arrow to the next shape"),
              "Alt+Right, Alt+Left",
              "follow-arrow", {Key.Key_Right: True, Key.Key_Left: False}, needs=Mod.AltModifier),
    CanvasKey(N_("After following an arrow: the other branches"), "Alt+Down, Alt+Up",
              "other-branch", {Key.Key_Down: 1, Key.Key_Up: -1}, needs=Mod.AltModifier),
    # F2 is Edit › Rename's shortcut (MENU_KEYS), which the window gives the menu first.
    CanvasKey(N_("Edit the selected shape's name"), "Enter, F2",
              "edit-name", {Key.Key_Return: None, Key.Key_Enter: None}),
    CanvasKey(N_("New line while editing a name"), "Shift+Enter"),
    CanvasKey(N_("Cancel a gesture or an edit; clear the selection"), "Esc",
              "cancel", {Key.Key_Escape: None}),
    CanvasKey(N_("Pan"), N_("Space+drag, middle button drag"), "pan", {Key.Key_Space: None}),
    CanvasKey(N_("Zoom around the mouse"), N_("Ctrl+wheel")),
    CanvasKey(N_("Move freely, without snapping to the grid"), N_("hold Alt while dragging")),
    CanvasKey(N_("Add to or remove from the selection"), N_("Ctrl+click")),
)

#: Which row wins when a key fits several: Alt+arrows follow arrows before they would nudge.
_PRECEDENCE = ("pan", "cancel", "follow-arrow", "other-branch", "nudge", "edit-name", "walk")
_BY_COMMAND = {row.command: row for row in CANVAS_KEYS if row.command}


def canvas_command(key: int, modifiers: Qt.KeyboardModifier) -> tuple[str, object] | None:
    """(command, argument) that a key press on the canvas means, or None for keys it leaves to
    Qt. Arguments: nudge (dx, dy) in grid steps; walk +1/-1; follow-arrow True for outgoing;
    other-branch +1/-1."""
    for command in _PRECEDENCE:
        row = _BY_COMMAND[command]
        if (key in row.keys and (modifiers & row.needs) == row.needs
                and not modifiers & row.refuses):
            return command, row.keys[Key(key)]
    return None


def canvas_rows() -> list[tuple[str, str, str]]:
    """The canvas's rows of the help page: (\"Canvas\", what, keys)."""
    return [(_("Canvas"), _(row.text), _(row.shown)) for row in CANVAS_KEYS]
