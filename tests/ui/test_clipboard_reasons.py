"""Pasting text that looks like flowedit shapes but is broken says why, instead of claiming the
clipboard holds no flowedit shapes (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import make_doc

CTRL = Qt.KeyboardModifier.ControlModifier


def test_pasting_broken_flowedit_text_names_the_problem(qtbot, window):
    QApplication.clipboard().setText("flowedit: 1\nnodes: [\n")
    qtbot.keyClick(window.editor.view, Qt.Key.Key_V, CTRL)
    message = window.statusBar().currentMessage()
    assert message.startswith("Cannot paste:"), message
    assert "the clipboard:3" in message and "not valid YAML" in message
    assert window.editor.doc == make_doc()


def test_pasting_ordinary_text_still_says_there_are_no_shapes(qtbot, window):
    QApplication.clipboard().setText("just a note")
    qtbot.keyClick(window.editor.view, Qt.Key.Key_V, CTRL)
    assert window.statusBar().currentMessage() == "The clipboard holds no flowedit shapes"
    assert window.editor.doc == make_doc()
