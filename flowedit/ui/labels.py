"""Text that people typed, made safe for the window's chrome (buttons, menus, tabs, lists,
titles, the status bar): one line, and an '&' shown as '&' instead of turning the next letter into
a keyboard mnemonic. The canvas shows names as typed (several lines are fine there).

Every label built from user text goes through `one_line` (lists, status bar, titles, dialogs) or
`button_text` (anything Qt reads mnemonics from: buttons, menu entries, dock tabs)."""

from __future__ import annotations


def one_line(text: str) -> str:
    """Line breaks, tabs and runs of spaces become one space, so a multi-line name never makes a
    row, bar or title taller than its neighbours."""
    return " ".join(text.split())


def button_text(text: str) -> str:
    """One line with every '&' doubled: 'Follow-up & demo' reads as typed on a button or in a
    menu instead of 'Follow-up _demo'."""
    return one_line(text).replace("&", "&&")
