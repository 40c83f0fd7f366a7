"""A presenter's clicker sends Page Down / Page Up (some Right / Left, Space): it alone must get
a trainer through the whole process (issue 16). At a decision Next follows the default branch — the
most likely one, a branch already taken from there skipped so a loop is gone round once — while
number keys and clicks still choose any other.

samples/b2b-sales.yaml: qualified?  1 Yes 35% -> follow-up   2 Not yet 40% -> nurture (loops back
to qualification)   3 No 25% -> disqualified.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import start_presenter

from flowedit.model import NodeKind, Outcome
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"
TO_QUALIFIED = ["lead-in", "prospecting", "identification", "qualification", "qualified"]


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch) -> PresentationWindow:
    return start_presenter(qtbot, monkeypatch, B2B)


def test_page_down_alone_reaches_the_end_past_the_deal_won(qtbot,
                                                          window: PresentationWindow) -> None:
    presses = 0
    while not window.finished:
        assert presses < 60, f"stuck going round: {window.path}"
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        presses += 1
    assert window.doc.nodes[window.current].kind is NodeKind.END
    assert window.current == "won"  # Customer renewed
    assert window.doc.nodes["closing"].outcome is Outcome.WON  # the won milestone ...
    assert "closing" in window.path  # ... was passed on the way
    assert "Pick a branch" not in window.caption_text()


def test_next_at_a_decision_takes_the_most_likely_branch_then_another(
        qtbot, window: PresentationWindow) -> None:
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current == "qualified"
    assert "→ follows 2: Not yet → Nurture (40%)" in window.caption_text()
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.path == [*TO_QUALIFIED, "nurture"]
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current == "qualified"
    assert "→ follows 1: Yes → Follow-up and demo (35%)" in window.caption_text()
    qtbot.keyClick(window, Qt.Key.Key_PageDown)  # the loop was gone round once: on to Yes
    assert window.current == "follow-up"


def test_numbers_clicks_and_back_still_choose(qtbot, window: PresentationWindow) -> None:
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
    qtbot.keyClick(window, Qt.Key.Key_3)
    assert window.current == "disqualified"
    qtbot.keyClick(window, Qt.Key.Key_PageUp)
    assert window.current == "qualified"
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.current == "qualification"
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    button = window.caption_panel.buttons[0]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current == "follow-up"
