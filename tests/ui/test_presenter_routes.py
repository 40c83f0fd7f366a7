"""Routes in the presenter (issue 16): a trainer picks a saved walk (R, or `--route NAME`), Page
Down follows its choices at the decisions it names, and the routes are presented one after
another. samples/b2b-sales.yaml saves "Happy path" (Yes, Yes, Yes) and "Lost at qualification"
(Not yet, then No)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import page_down_to_the_end, start_presenter

from flowedit.cli.main import main
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch) -> PresentationWindow:
    return start_presenter(qtbot, monkeypatch, B2B)


def choose_route(qtbot, window: PresentationWindow, typed: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_R)
    assert window.picker.isVisible()
    qtbot.keyClicks(window.picker.search, typed)
    qtbot.keyClick(window.picker.search, Qt.Key.Key_Return)
    assert not window.picker.isVisible()


def test_r_picks_a_route_and_page_down_follows_its_choices(qtbot,
                                                          window: PresentationWindow) -> None:
    choose_route(qtbot, window, "lost")
    assert window.route is not None and window.route.name == "Lost at qualification"
    assert window.path == ["lead-in"]
    assert "Route 1 of 1: Lost at qualification" in window.caption_panel.keys.text()
    page_down_to_the_end(qtbot, window, limit=60)
    assert window.current == "disqualified"
    assert window.path.count("nurture") == 1  # "Not yet" first, then "No"


def test_all_routes_are_presented_one_after_another_by_page_down_alone(
        qtbot, window: PresentationWindow) -> None:
    choose_route(qtbot, window, "all")
    assert window.route is not None and window.route.name == "Happy path"
    page_down_to_the_end(qtbot, window, limit=60)
    assert window.current == "won"  # a clicker still reaches the won end
    assert "nurture" not in window.path  # the happy path says Yes at once
    qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.route is not None and window.route.name == "Lost at qualification"
    assert window.path == ["lead-in"]
    page_down_to_the_end(qtbot, window, limit=60)
    assert window.current == "disqualified"


def test_numbers_still_choose_another_branch_on_a_route(qtbot,
                                                        window: PresentationWindow) -> None:
    choose_route(qtbot, window, "happy")
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.current == "qualified"
    assert "→ follows 1: Yes → Follow-up and demo (35%)" in window.caption_text()
    assert "route Happy path" in window.caption_text()
    qtbot.keyClick(window, Qt.Key.Key_3)
    assert window.current == "disqualified"


def test_route_on_the_command_line_must_exist(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["present", str(B2B), "--route", "Fast lane"]) == 2
    error = capsys.readouterr().err
    assert "has no route 'Fast lane'" in error
    assert "'Happy path', 'Lost at qualification'" in error
