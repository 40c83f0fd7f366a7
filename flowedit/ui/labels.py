"""Text that people typed, made safe for the window's chrome (buttons, menus, tabs, lists,
titles, the status bar): one line, and an '&' shown as '&' instead of turning the next letter into
a keyboard mnemonic. The canvas shows names as typed (several lines are fine there).

Every label built from user text goes through `one_line` (lists, status bar, titles, dialogs) or
`button_text` (anything Qt reads mnemonics from: buttons, menu entries, dock tabs)."""

from __future__ import annotations

from flowedit.i18n import N_, _
from flowedit.model import NodeKind

#: A kind of shape as people call it (the handout and export legends use the same words).
KIND_NAMES = {NodeKind.START: N_("Start"), NodeKind.STAGE: N_("Stage"),
              NodeKind.DECISION: N_("Decision"), NodeKind.END: N_("End")}


def one_line(text: str) -> str:
    """Line breaks, tabs and runs of spaces become one space, so a multi-line name never makes a
    row, bar or title taller than its neighbours."""
    return " ".join(text.split())


def kind_name(kind: NodeKind) -> str:
    """'Decision', 'Keputusan', '决策': the kind's name in the current language."""
    return _(KIND_NAMES[kind])


def button_text(text: str) -> str:
    """One line with every '&' doubled: 'Follow-up & demo' reads as typed on a button or in a
    menu instead of 'Follow-up _demo'."""
    return one_line(text).replace("&", "&&")
