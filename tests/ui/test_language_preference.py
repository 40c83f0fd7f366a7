"""Preferences › Language: the window speaks the chosen language at once (menus, docks, panels,
problems, Qt's own buttons), keeps the document, its undo history and working shortcuts, and
remembers the choice in the settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFontDatabase, QTextLayout
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QMessageBox

from flowedit.ui.language import apply_language
from flowedit.ui.preferences import PreferencesDialog, saved_language

CTRL = Qt.KeyboardModifier.ControlModifier


def menu_titles(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [action.text() for action in window.menuBar().actions()]


def choose_language(qtbot, window, code: str) -> None:  # type: ignore[no-untyped-def]
    """Opens Edit › Preferences with Ctrl+, and picks the language with the keyboard (arrow keys
    in the Language box), then clicks OK: what a user does."""
    seen: list[PreferencesDialog] = []

    def interact() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, PreferencesDialog) and w.isVisible())
        seen.append(dialog)
        box = dialog.language
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Home)
        for _step in range(box.count()):
            if box.currentData() == code:
                break
            qtbot.keyClick(box, Qt.Key.Key_Down)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        if box.currentData() == code:
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        else:
            dialog.reject()

    QTimer.singleShot(0, interact)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Comma, CTRL)  # Edit › Preferences…
    assert seen, "Ctrl+, did not open the preferences"
    window.activateWindow()  # the window manager's part once a dialog closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)


def test_indonesian_applies_at_once_and_keeps_the_work(qtbot, window):
    editor = window.editor
    qtbot.keyClick(editor.view, Qt.Key.Key_L, CTRL)  # Lane › Add Lane: an edit to keep
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    lanes, steps = len(editor.doc.lanes), editor.stack.count()
    assert menu_titles(window)[0] == "&File"

    choose_language(qtbot, window, "id")

    assert menu_titles(window) == ["&Berkas", "&Sunting", "&Atur", "&Tampilan", "&Lajur",
                                   "Ba&ntuan"]
    file_menu = window.menuBar().actions()[0].menu()
    assert "&Simpan" in [action.text() for action in file_menu.actions()]
    assert window.properties_dock.windowTitle() == "Properti"
    assert window.problems_dock.toggleViewAction().text() == "Masalah"
    assert window.palette_panel.buttons["stage"].text() == "Tahap"
    problems = [window.problems_panel.item(row).text()
                for row in range(window.problems_panel.count())]
    assert problems and all(text.startswith(("Peringatan: ", "Kesalahan: ", "Tidak ada"))
                            for text in problems), problems
    assert window.zoom_label.text().startswith("Zoom ")
    # Nothing of the work is lost, and the shortcuts still work: Ctrl+Z undoes the new lane.
    assert window.editor is editor
    assert (len(editor.doc.lanes), editor.stack.count()) == (lanes, steps)
    editor.view.setFocus()
    qtbot.keyClick(editor.view, Qt.Key.Key_Z, CTRL)
    assert len(editor.doc.lanes) == lanes - 1
    assert saved_language(window.settings) == "id"


def test_chinese_then_the_system_language_again(qtbot, window):
    choose_language(qtbot, window, "zh_CN")
    assert menu_titles(window)[:2] == ["文件(&F)", "编辑(&E)"]
    assert window.outline_dock.windowTitle() == "大纲"
    assert saved_language(window.settings) == "zh_CN"
    qtbot.keyClick(window.editor.view, Qt.Key.Key_F1)  # the help page follows the menus
    page = window.findChild(QDialog, "shortcutsDialog").page.toPlainText()
    assert "键盘快捷键" in page and "保存" in page and "(&" not in page
    window.findChild(QDialog, "shortcutsDialog").close()

    choose_language(qtbot, window, "")  # System: the tests' environment says English
    assert menu_titles(window)[:2] == ["&File", "&Edit"]
    assert window.outline_dock.windowTitle() == "Outline"
    assert saved_language(window.settings) == ""


def test_chinese_ui_text_takes_the_simplified_chinese_font(qtbot, window):
    """fontconfig answers Han characters with Noto Sans CJK JP when nothing says otherwise: the
    Chinese window asks for the SC family, so 直 and 骨 get their mainland forms."""
    if "Noto Sans CJK SC" not in QFontDatabase.families():
        pytest.skip("the Simplified Chinese Noto font is not installed")
    choose_language(qtbot, window, "zh_CN")
    layout = QTextLayout("直骨 资格审查", QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    families = {run.rawFont().familyName() for run in layout.glyphRuns()}
    assert "Noto Sans CJK SC" in families and "Noto Sans CJK JP" not in families, families


def test_qt_message_box_buttons_read_in_indonesian(qtbot):
    """Qt ships no Indonesian: flowedit's catalogue answers Qt's own words."""
    apply_language("id")
    box = QMessageBox(QMessageBox.Icon.Question, "flowedit", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                      | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(button.text() for button in box.buttons()) == ["&Tidak", "&Ya", "Batal"]
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    assert any(action.text().startswith("&Salin") for action in menu.actions())
    menu.deleteLater()


def test_qt_buttons_in_chinese_come_from_qts_own_catalogue(qtbot):
    apply_language("zh_CN")
    box = QMessageBox(QMessageBox.Icon.Question, "flowedit", "?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    texts = [button.text() for button in box.buttons()]
    assert any(text.startswith("是") for text in texts) and "取消" in texts, texts
