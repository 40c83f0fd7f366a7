"""One name per command: the menus show these (with their '&' mnemonic) and the History panel,
the Edit menu's "Undo …" and the F1 page use the same words, so a user who chose "Space Evenly
Across" finds "Space Evenly Across" to undo."""

from __future__ import annotations

import re

from flowedit.i18n import N_, _

MENU_TEXT = {
    "cut": N_("Cu&t"),
    "paste": N_("&Paste"),
    "duplicate": N_("Dup&licate"),
    "delete": N_("&Delete"),
    "rename": N_("Rena&me"),
    "add-connected-stage": N_("Add Connected &Stage"),
    "change-kind": N_("Change &Kind"),
    "align-left": N_("Align &Left"),
    "align-center": N_("Align &Centre"),
    "align-right": N_("Align &Right"),
    "align-top": N_("Align &Top"),
    "align-middle": N_("Align &Middle"),
    "align-bottom": N_("Align &Bottom"),
    "distribute-horizontal": N_("Space Evenly &Across"),
    "distribute-vertical": N_("Space Evenly &Down"),
    "tidy-up": N_("Tidy &Up"),
    "route-around": N_("Route Arrows Around &Shapes"),
    "route-straight": N_("Straight Arrows"),
    "reset-route": N_("Reset &Route"),
    "add-lane": N_("&Add Lane"),
    "rename-lane": N_("&Rename Lane"),
    "move-lane-up": N_("Move Lane &Up"),
    "move-lane-down": N_("Move Lane &Down"),
    "delete-lane": N_("De&lete Lane"),
    # Sub-processes (issue 18): marked for translation, shown through _().
    "make-subprocess": N_("Make Su&b-process"),
    "group-subprocess": N_("&Group into Sub-process"),
    "ungroup-subprocess": N_("Ungr&oup Sub-process"),
    "link-subprocess": N_("L&ink to File…"),
    "unlink-subprocess": N_("Unlink (&Embed)"),
    "open-subprocess": N_("Op&en Sub-process"),
    "close-subprocess": N_("&Back to Parent Process"),
}


def menu_text(command: str) -> str:
    """The command's menu entry in the current language, with its '&' mnemonic."""
    return _(MENU_TEXT[command])


def translated_name(command: str) -> str:
    """The name of a command in the user's language, as History and the status bar show it."""
    return command_name(command)


def command_name(command: str) -> str:
    """The command's name as History and the help page show it: the menu text without '&' (and
    without a Chinese-style "(&X)" mnemonic)."""
    return strip_mnemonic(menu_text(command))


def strip_mnemonic(text: str) -> str:
    """'&Save' -> 'Save', '保存(&S)' -> '保存'."""
    return re.sub(r"\(&\w\)", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")
