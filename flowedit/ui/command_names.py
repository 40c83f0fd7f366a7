"""One name per command: the menus show these (with their '&' mnemonic) and the History panel,
the Edit menu's "Undo …" and the F1 page use the same words, so a user who chose "Space Evenly
Across" finds "Space Evenly Across" to undo."""

from __future__ import annotations

from flowedit.i18n import N_, _

MENU_TEXT = {
    "cut": "Cu&t",
    "paste": "&Paste",
    "duplicate": "D&uplicate",
    "delete": "&Delete",
    "rename": "Rena&me",
    "add-connected-stage": "Add Connected &Stage",
    "change-kind": "Change &Kind",
    "align-left": "Align &Left",
    "align-center": "Align &Centre",
    "align-right": "Align &Right",
    "align-top": "Align &Top",
    "align-middle": "Align &Middle",
    "align-bottom": "Align &Bottom",
    "distribute-horizontal": "Space Evenly &Across",
    "distribute-vertical": "Space Evenly &Down",
    "tidy-up": "&Tidy Up",
    "route-around": "Route Arrows &Around Shapes",
    "route-straight": "Straight Arrows",
    "reset-route": "Reset &Route",
    "add-lane": "&Add Lane",
    "rename-lane": "&Rename Lane",
    "move-lane-up": "Move Lane &Up",
    "move-lane-down": "Move Lane &Down",
    "delete-lane": "De&lete Lane",
    # Sub-processes (issue 18): marked for translation, shown through _().
    "make-subprocess": N_("&Make Sub-process"),
    "group-subprocess": N_("&Group into Sub-process"),
    "ungroup-subprocess": N_("Ungroup Sub-&process"),
    "link-subprocess": N_("Link to &File…"),
    "unlink-subprocess": N_("Unlink (&Embed)"),
    "open-subprocess": N_("&Open Sub-process"),
    "close-subprocess": N_("&Back to Parent Process"),
}


def translated_name(command: str) -> str:
    """The name of a command whose menu text is marked for translation, in the user's
    language, as History and the status bar show it."""
    return _(MENU_TEXT[command]).replace("&", "")


def command_name(command: str) -> str:
    """The command's name as History and the help page show it: the menu text without '&'."""
    return MENU_TEXT[command].replace("&", "")
