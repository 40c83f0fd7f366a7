"""File › New from Template: a person opens the File menu, the submenu, and clicks a process;
it opens untitled in the language the program speaks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from flowedit.i18n import set_language

LEFT = Qt.MouseButton.LeftButton


def _choose_template(qtbot, window, title: str) -> None:  # type: ignore[no-untyped-def]
    bar = window.menuBar()
    file = next(a for a in bar.actions() if a.text().replace("&", "") == "File")
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(file).center())
    menu = file.menu()
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    entry = next(a for a in menu.actions() if a.text().replace("&", "") == "New from Template")
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(entry).center())
    sub = entry.menu()
    qtbot.waitUntil(sub.isVisible, timeout=2000)
    item = next(a for a in sub.actions() if a.text() == title)
    qtbot.mouseClick(sub, LEFT, pos=sub.actionGeometry(item).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)


def test_b2b_template_opens_untitled_with_its_lanes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _choose_template(qtbot, window, "B2B sales process with lanes")
    doc = window.editor.doc
    assert doc.title == "Complex B2B sales process"
    assert [lane.id for lane in doc.lanes] == ["sdr", "ae", "legal", "cs"]
    assert window.session.path is None  # Save asks for a name: the template stays as it is
    assert "Untitled" in window.windowTitle()


def test_template_comes_in_the_language_spoken(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    set_language("id")
    _choose_template(qtbot, window, "Retail store process")
    assert window.editor.doc.title.startswith("Proses toko ritel")
    set_language("zh_CN")
    _choose_template(qtbot, window, "B2C sales funnel")
    assert window.editor.doc.title == "简单的 B2C 销售漏斗"
