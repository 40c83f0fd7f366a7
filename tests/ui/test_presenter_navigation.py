"""Finding one's way in a presentation (issue 16): a progress marker, B / W to blank the screen as
in PowerPoint, F1 / ? for the keys, Home back to the start — all by real key presses.

samples/b2b-sales.yaml: lead-in -> prospecting -> identification -> qualification -> qualified? ...
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import page_down_to_the_end, start_presenter

from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch) -> PresentationWindow:
    return start_presenter(qtbot, monkeypatch, B2B)


def test_the_progress_marker_counts_the_steps_to_the_end(qtbot,
                                                         window: PresentationWindow) -> None:
    keys = window.caption_panel.keys
    assert keys.text().startswith("Step 1 of ~")
    expected = int(keys.text().split("~")[1].split()[0])
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert keys.text().startswith(f"Step 4 of ~{expected}")
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert window.path == ["lead-in"]
    assert 1 + page_down_to_the_end(qtbot, window, limit=59) == expected  # steps shown
    assert keys.text().startswith(f"Step {expected} of ~{expected}")


def test_b_and_w_blank_the_screen_and_the_same_key_shows_it(qtbot,
                                                            window: PresentationWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert window.blanked == "black"
    assert window.blank.geometry() == window.rect()
    image = window.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).name() == "#000000"
    qtbot.keyClick(window, Qt.Key.Key_W)
    assert window.blanked == "white"
    qtbot.keyClick(window, Qt.Key.Key_W)
    assert window.blanked == ""
    qtbot.keyClick(window, Qt.Key.Key_B)
    qtbot.keyClick(window, Qt.Key.Key_Right)  # any other key shows the screen and acts
    assert window.blanked == ""
    assert window.current == "prospecting"
    qtbot.keyClick(window, Qt.Key.Key_B)
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # Esc shows the screen; it does not end it
    assert window.blanked == "" and window.isVisible()


def test_f1_and_question_mark_show_the_keys(qtbot, window: PresentationWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert window.keys_sheet.isVisible()
    assert "B  /  W" in window.keys_sheet.text()
    assert window.keys_sheet.geometry().right() <= window.width()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert not window.keys_sheet.isVisible()
    qtbot.keyClicks(window, "?")
    assert window.keys_sheet.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.keys_sheet.isVisible() and window.isVisible()
