"""Every menu of the main window gives each of its entries its own mnemonic, in every language:
two entries on one letter make Alt+letter only cycle between them instead of choosing one."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QMenu
from test_language_preference import choose_language


def mnemonic(text: str) -> str | None:
    """'Save &As…' -> 'a', '另存为(&A)…' -> 'a', '&&' is a literal ampersand."""
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def clashes(menu: QMenu, path: str) -> list[str]:
    menu.aboutToShow.emit()  # the entries a menu fills in as it opens (Change Kind...)
    seen: dict[str, str] = {}
    found = []
    for action in menu.actions():
        if action.isSeparator() or not action.isVisible():
            continue
        key = mnemonic(action.text())
        if key is not None:
            if key in seen:
                found.append(f"{path}: {seen[key]!r} and {action.text()!r} both on {key!r}")
            seen[key] = action.text()
        if action.menu() is not None:
            found += clashes(action.menu(), f"{path} › {action.text()}")
    menu.aboutToHide.emit()
    return found


@pytest.mark.parametrize("code", ["", "id", "zh_CN"])
def test_no_two_entries_of_a_menu_share_a_mnemonic(qtbot, window, code):
    if code:
        choose_language(qtbot, window, code)
    bar = window.menuBar()
    assert clashes_in_bar(bar) == []
    found = [clash for action in bar.actions()
             for clash in clashes(action.menu(), action.text())]
    assert found == [], "\n".join(found)


def clashes_in_bar(bar) -> list[str]:  # type: ignore[no-untyped-def]
    keys = [mnemonic(action.text()) for action in bar.actions()]
    return [key for key in keys if key is not None and keys.count(key) > 1]
