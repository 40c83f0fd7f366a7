"""Text that people typed, made safe for the window's chrome (buttons, menus, tabs, lists,
titles, the status bar): one line, and an '&' shown as '&' instead of turning the next letter into
a keyboard mnemonic. The canvas shows names as typed (several lines are fine there).

Every label built from user text goes through `one_line` (lists, status bar, titles, dialogs) or
`button_text` (anything Qt reads mnemonics from: buttons, menu entries, dock tabs)."""

from __future__ import annotations

from flowedit.i18n import N_, _, current_language
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


def join_clauses(parts: list[str]) -> str:
    """'a, b, c' — with the full-width comma in Chinese."""
    return ("，" if current_language().startswith("zh") else ", ").join(parts)


def join_sentences(sentences: list[str]) -> str:
    """Sentences written without their full stop, each ended the language's way: 'A. B.' or
    'A。B。'."""
    if current_language().startswith("zh"):
        return "".join(f"{sentence}。" for sentence in sentences)
    return " ".join(f"{sentence}." for sentence in sentences)


def button_text(text: str) -> str:
    """One line with every '&' doubled: 'Follow-up & demo' reads as typed on a button or in a
    menu instead of 'Follow-up _demo'."""
    return one_line(text).replace("&", "&&")
