"""Presenting from the editor (issue 16): View › Present (F5) starts at the process's start,
View › Present from Selection (Shift+F5) at the shape selected; View › Present Lane offers each
lane. The editor's test document: Lead in -> Qualify -> Demo -> Won, Qualify -> Onboard -> Won."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import make_doc

from flowedit.ui.main_window import MainWindow


def present_with(qtbot, window: MainWindow, modifier: Qt.KeyboardModifier) -> str | None:
    qtbot.keyClick(window.editor.view, Qt.Key.Key_F5, modifier)
    presentation = window.presentation
    assert presentation is not None and presentation.isVisible()
    shown = presentation.current
    with qtbot.waitSignal(presentation.closed, timeout=3000):
        qtbot.keyClick(presentation, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.isVisible, timeout=3000)
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)
    return shown


def test_shift_f5_starts_at_the_selection_and_f5_at_the_start(qtbot, window) -> None:
    window.editor.scene.select_only(["stage-2"])
    assert present_with(qtbot, window, Qt.KeyboardModifier.ShiftModifier) == "stage-2"
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]  # the editor as it was
    assert present_with(qtbot, window, Qt.KeyboardModifier.NoModifier) == "start-1"
    window.editor.scene.select_only([])
    assert present_with(qtbot, window, Qt.KeyboardModifier.ShiftModifier) == "start-1"
    assert window.editor.doc == make_doc()


def test_the_view_menu_offers_each_lane_to_present(qtbot, window) -> None:
    view = next(action.menu() for action in window.menuBar().actions()
                if action.text() == "&View")
    lanes = next(action.menu() for action in view.actions() if action.text() == "Present &Lane")
    lanes.aboutToShow.emit()
    assert [action.text() for action in lanes.actions()] == ["Sales", "AE", "Ops"]
