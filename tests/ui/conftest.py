"""Fixtures for the editor's UI tests: a shown window holding the test document (see
ui_helpers.make_doc), and a guard that answers every dialog so that none can block a test run
(every test with the `window` fixture has it)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QFileDialog, QMessageBox
from ui_helpers import make_doc, show_origin

from flowedit.ui.main_window import MainWindow


@dataclass
class Dialogs:
    """Every dialog a test caused, and how to answer the next ones.

    `warning` answers QMessageBox.warning (default Cancel); `lane_choice` is the text of the
    button clicked in a QMessageBox run with exec() (default: none, as if closed); `save_path`
    and `open_path` are what the file dialogs return (default: cancelled).
    """

    calls: list[tuple[str, str, str]] = field(default_factory=list)
    warning: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel
    lane_choice: str | None = None
    save_path: str = ""
    open_path: str = ""

    def of(self, kind: str) -> list[tuple[str, str, str]]:
        return [call for call in self.calls if call[0] == kind]


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()

    def warning(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        record.calls.append(("warning", title, text))
        return record.warning

    def critical(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        record.calls.append(("critical", title, text))
        return QMessageBox.StandardButton.Ok

    def information(parent: Any, title: str, text: str,
                    *args: Any) -> QMessageBox.StandardButton:
        record.calls.append(("information", title, text))
        return QMessageBox.StandardButton.Ok

    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        record.calls.append(("question", title, text))
        return QMessageBox.StandardButton.Cancel

    def run(box: QMessageBox) -> int:
        record.calls.append(("exec", box.windowTitle(), box.text()))
        for button in box.buttons():
            if record.lane_choice is not None and button.text() == record.lane_choice:
                button.click()
                break
        return 0

    def get_save(*args: Any, **kwargs: Any) -> tuple[str, str]:
        record.calls.append(("save-dialog", "", record.save_path))
        return record.save_path, ""

    def get_open(*args: Any, **kwargs: Any) -> tuple[str, str]:
        record.calls.append(("open-dialog", "", record.open_path))
        return record.open_path, ""

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "critical", critical)
    monkeypatch.setattr(QMessageBox, "information", information)
    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "exec", run)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", get_save)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    return record


@pytest.fixture
def window(qtbot, dialogs: Dialogs) -> Iterator[MainWindow]:
    win = MainWindow()
    # pytest-qt closes the window before fixtures are torn down: drop the unsaved-changes
    # state first so that closing does not ask.
    qtbot.addWidget(win, before_close_func=lambda w: w.editor.stack.setClean())
    win.resize(1400, 900)
    # Loaded before the window shows: replacing the document of a shown window collapses the
    # canvas to a sliver (see test_files.py::test_opening_a_file_keeps_the_canvas_usable).
    win.set_document(make_doc(), None)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    # set_document schedules a zoom-to-fit for the next event loop turn: let it run first.
    qtbot.wait(20)
    show_origin(win)
    win.editor.view.setFocus()
    qtbot.waitUntil(lambda: win.editor.view.hasFocus(), timeout=2000)
    # Sanity: the part of the document that the tests use is on screen.
    view = win.editor.view
    assert view.viewport().rect().contains(view.mapFromScene(QPointF(880, 600)))
    yield win
