"""Presentation mode (flowedit.ui.present) driven as a trainer does: real key presses and
clicks on the full-screen window, on the shipped samples and the small UI test document.

samples/b2b-sales.yaml, the part used here:

    lead-in -> prospecting -> identification -> qualification -> qualified?
    qualified?  1 Yes -> follow-up   2 Not yet -> nurture   3 No -> disqualified (end, lost)
    nurture -> qualification (loops back)
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from ui_helpers import make_doc

from flowedit.io import load_document
from flowedit.model import Document, Node, NodeKind
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"
TO_QUALIFIED = ["lead-in", "prospecting", "identification", "qualification", "qualified"]

Present = Callable[..., PresentationWindow]


@pytest.fixture
def present(qtbot, monkeypatch: pytest.MonkeyPatch) -> Present:
    """Opens a presentation full screen (offscreen: the virtual screen's size)."""
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)

    def make(doc: Document, quiz: bool = False, seed: int = 0) -> PresentationWindow:
        # The quiz tests here are about "which stage comes next" (test_quiz_*.py: the others)
        window = PresentationWindow(doc, quiz=quiz, seed=seed, kinds={"next"})
        qtbot.addWidget(window)
        window.start()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.hasFocus, timeout=2000)  # keys reach it with no click first
        return window

    return make


def key(qtbot, window: PresentationWindow, which: Qt.Key, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(window, which)


def right_answer(window: PresentationWindow) -> Qt.Key:
    """The number key of the open question's right answer."""
    question = window.tour.question
    assert question is not None and not question.answered
    return getattr(Qt.Key, f"Key_{window.choices.index(question.target) + 1}")


def wrong_answer(window: PresentationWindow) -> Qt.Key:
    question = window.tour.question
    assert question is not None
    wrong = next(i for i, node_id in enumerate(window.choices) if node_id != question.target)
    return getattr(Qt.Key, f"Key_{wrong + 1}")


# ------------------------------------------------------------------------------ walking
def test_opens_full_screen_at_the_first_start(present: Present) -> None:
    window = present(load_document(B2B))
    assert window.isFullScreen()
    assert window.current == "lead-in"
    assert window.path == ["lead-in"]
    assert "Lead enters CRM" in window.caption_text()


def test_next_keys_walk_along_the_flow_and_the_caption_tells_the_stage(qtbot,
                                                                      present: Present) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "prospecting"
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_PageDown)
    assert window.path == TO_QUALIFIED[:4]
    text = window.caption_text()
    assert "Qualification call" in text
    assert "Owner: 王伟 (BDR)" in text
    assert "Lane: SDR / BDR" in text
    assert "about 5 days" in text
    assert "Discovery call with the main contact using BANT" in text
    assert "Next: → Qualified?" in text


def test_next_at_a_decision_follows_the_most_likely_branch(qtbot, present: Present) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right, 4)
    assert window.current == "qualified"
    assert window.branches == ["e5", "e6", "e7"]
    text = window.caption_text()
    assert "1 Yes → Follow-up and demo (35%)" in text
    assert "2 Not yet → Nurture (40%)" in text
    assert "3 No → Lead disqualified (25%)" in text
    assert len(window.caption_panel.buttons) == 3
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "nurture"


def test_number_keys_follow_the_chosen_branch(qtbot, present: Present) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right, 4)
    key(qtbot, window, Qt.Key.Key_2)
    assert window.current == "nurture"
    key(qtbot, window, Qt.Key.Key_Right)  # nurture loops back to the qualification call
    assert window.current == "qualification"
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_1)
    assert window.path == [*TO_QUALIFIED, "nurture", "qualification", "qualified", "follow-up"]
    key(qtbot, window, Qt.Key.Key_9)  # no ninth way out of a one-way stage: nothing happens
    assert window.current == "follow-up"


def test_clicking_a_branch_target_follows_that_branch(qtbot, present: Present) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right, 4)
    canvas = window.canvas
    assert canvas.rect().contains(canvas.point_of("disqualified"))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.point_of("qualified"))
    assert window.current == "qualified"  # the current shape is no branch
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=canvas.point_of("disqualified"))
    assert window.current == "disqualified"
    assert window.finished
    text = window.caption_text()
    assert "END · LOST" in text
    assert "The process is finished: the deal is lost." in text
    key(qtbot, window, Qt.Key.Key_Right)  # nothing after an end
    assert window.current == "disqualified"


def test_the_current_stage_is_centred_and_big(qtbot, present: Present) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right, 3)
    canvas = window.canvas
    area = canvas.free_area()  # the canvas below the title pill
    # In view, with the shape it leads to (centred on itself when both fit around it, else
    # the two together: names must stay readable, see test_presenter_camera.py).
    assert area.contains(canvas.rect_of("qualification"))
    assert area.contains(canvas.rect_of("qualified"))
    assert canvas.zoom >= 1.0


def test_back_returns_along_the_path_taken(qtbot, present: Present) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right, 4)
    key(qtbot, window, Qt.Key.Key_2)
    key(qtbot, window, Qt.Key.Key_Right, 2)
    assert window.path == [*TO_QUALIFIED, "nurture", "qualification", "qualified"]
    key(qtbot, window, Qt.Key.Key_Left)
    assert window.current == "qualification"
    key(qtbot, window, Qt.Key.Key_PageUp)
    assert window.current == "nurture"  # the way it came, not the first way in
    key(qtbot, window, Qt.Key.Key_Backspace)
    assert window.path == TO_QUALIFIED
    key(qtbot, window, Qt.Key.Key_Left, 10)
    assert window.path == ["lead-in"]


def test_home_restarts(qtbot, present: Present) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right, 4)
    key(qtbot, window, Qt.Key.Key_3)
    key(qtbot, window, Qt.Key.Key_Home)
    assert window.path == ["lead-in"]
    assert "Lead enters CRM" in window.caption_text()


def test_escape_ends_it_and_the_document_is_unchanged(qtbot, present: Present) -> None:
    doc, before = load_document(B2B), load_document(B2B)
    listeners = doc.listeners()
    window = present(doc)
    key(qtbot, window, Qt.Key.Key_Right, 4)
    qtbot.mouseClick(window.canvas, Qt.MouseButton.LeftButton,
                     pos=window.canvas.point_of("disqualified"))
    key(qtbot, window, Qt.Key.Key_Left)
    with qtbot.waitSignal(window.closed, timeout=2000):
        key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.isVisible()
    assert doc == before
    assert doc.listeners() == listeners


def test_a_stage_with_several_ways_is_picked_like_a_decision(qtbot, present: Present) -> None:
    window = present(make_doc())  # stage-1 "Qualify" leads to Demo (e2) and Onboard (e4)
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "stage-1"
    assert "1 → Demo" in window.caption_text()
    assert "2 → Onboard" in window.caption_text()
    key(qtbot, window, Qt.Key.Key_2)
    assert window.current == "stage-3"
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "end-1"
    assert "The process is finished: the deal is won." in window.caption_text()


def test_several_starts_begin_at_the_first_in_document_order(present: Present) -> None:
    doc = make_doc()
    doc.add_node(Node("start-0", NodeKind.START, "Walk-in", x=150, y=300, lane="lane-b"),
                 index=0)
    doc.connect("start-0", "stage-2")
    window = present(doc)
    assert window.current == "start-0"


def test_an_empty_process_says_so_and_escape_still_exits(qtbot, present: Present) -> None:
    window = present(Document("Empty"))
    assert window.current is None
    assert "Nothing to present" in window.caption_text()
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_1)
    with qtbot.waitSignal(window.closed, timeout=2000):
        key(qtbot, window, Qt.Key.Key_Escape)


def test_a_screenshot_shows_the_highlighted_stage(qtbot, present: Present, tmp_path) -> None:
    window = present(load_document(B2B))
    key(qtbot, window, Qt.Key.Key_Right, 4)
    image = window.grab().toImage()
    assert not image.isNull()
    assert image.save(str(tmp_path / "presentation.png"))
    canvas = window.canvas
    # Inside the diamond, below its name: the current shape keeps its fill, undimmed.
    inside = canvas.point_of("qualified") + QPoint(0, round(0.38 * 90 * canvas.zoom))
    assert image.pixelColor(canvas.mapTo(window, inside)).name() == "#fff8e1"


# ------------------------------------------------------------------------------ quiz
def test_quiz_hides_the_next_stage_and_offers_names(present: Present) -> None:
    doc = load_document(B2B)
    window = present(doc, quiz=True, seed=7)
    question = window.tour.question
    assert question is not None and question.target == "prospecting"
    assert 3 <= len(window.choices) <= 4
    assert len(set(window.choices)) == len(window.choices)
    assert "prospecting" in window.choices
    assert all(node_id in doc.nodes for node_id in window.choices)
    assert not window.tour.revealed("prospecting")
    assert "Which stage comes next?" in window.caption_text()
    assert "Next: " not in window.caption_text()


def test_quiz_a_right_pick_scores(qtbot, present: Present) -> None:
    window = present(load_document(B2B), quiz=True, seed=1)
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "lead-in"  # no answer yet
    key(qtbot, window, right_answer(window))
    assert window.score == (1, 1)
    assert "Right! Prospecting comes next." in window.caption_text()
    assert window.tour.revealed("prospecting")
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "prospecting"
    assert window.score == (1, 1)


def test_quiz_a_wrong_pick_is_explained(qtbot, present: Present) -> None:
    window = present(load_document(B2B), quiz=True, seed=1)
    wrong = wrong_answer(window)
    key(qtbot, window, wrong)
    assert window.score == (0, 1)
    caption = window.caption
    assert caption.feedback_state == "wrong"
    assert "Not quite" in caption.feedback
    assert "Next comes Prospecting: Research the account" in caption.feedback
    states = {choice.text: choice.state for choice in caption.choices}
    assert states["Prospecting"] == "right"
    assert list(states.values()).count("wrong") == 1
    buttons = window.caption_panel.buttons
    assert [b.property("state") for b in buttons].count("wrong") == 1
    key(qtbot, window, Qt.Key.Key_1)  # one answer only
    assert window.score == (0, 1)
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "prospecting"


def test_quiz_at_a_decision_asks_about_the_chosen_branch(qtbot, present: Present) -> None:
    window = present(load_document(B2B), quiz=True, seed=3)
    for _ in range(4):
        key(qtbot, window, right_answer(window))
        key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "qualified"
    assert window.choices == []
    assert "3 No → ?" in window.caption_text()
    key(qtbot, window, Qt.Key.Key_Right)  # the clicker takes the most likely branch: Not yet
    assert window.current == "qualified"
    assert window.tour.question is not None and window.tour.question.target == "nurture"
    key(qtbot, window, Qt.Key.Key_Left)  # back to choosing the branch
    assert window.tour.question is None
    key(qtbot, window, Qt.Key.Key_3)
    assert window.tour.question is not None
    assert window.tour.question.target == "disqualified"
    assert "Branch 'No': which stage comes next?" in window.caption_text()
    key(qtbot, window, wrong_answer(window))
    key(qtbot, window, Qt.Key.Key_Right)
    assert window.current == "disqualified"
    assert window.score == (4, 5)
    assert "Quiz score: 4 of 5 right." in window.caption_text()


def test_quiz_questions_repeat_with_the_same_seed(qtbot, present: Present) -> None:
    def asked(seed: int) -> list[list[str]]:
        window = present(load_document(B2B), quiz=True, seed=seed)
        questions = []
        for _ in range(4):
            questions.append(window.choices)
            key(qtbot, window, right_answer(window))
            key(qtbot, window, Qt.Key.Key_Right)
        window.close()
        return questions

    assert asked(5) == asked(5)
    assert asked(5) != asked(6)


def test_quiz_back_forgets_the_answers_beyond(qtbot, present: Present) -> None:
    window = present(load_document(B2B), quiz=True, seed=2)
    key(qtbot, window, right_answer(window))
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, wrong_answer(window))
    assert window.score == (1, 2)
    key(qtbot, window, Qt.Key.Key_Left)
    assert window.current == "lead-in"
    assert window.score == (0, 0)
    assert window.tour.question is not None and not window.tour.question.answered


# ------------------------------------------------------------------------------ command line
def test_flowedit_present_opens_paints_and_exits(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1")
    result = subprocess.run([sys.executable, "-m", "flowedit", "present", str(B2B), "--quiz",
                             "--seed", "4"], env=env, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert "presentation painted" in result.stderr
    missing = subprocess.run([sys.executable, "-m", "flowedit", "present",
                              str(tmp_path / "nope.yaml")], env=env, capture_output=True,
                             text=True, timeout=60)
    assert missing.returncode == 2
    assert "Traceback" not in missing.stderr
