"""The quiz's kinds of question (issue 16): who owns this stage, how long it takes, which team
gets the lead next, what happens when the answer is No; and the explanation after a wrong answer,
shown whole (never cut with '…') at 1920 and at 1024 px wide.

samples/b2b-sales.yaml: lead-in -> prospecting -> identification -> qualification -> qualified?;
qualified? 1 Yes -> follow-up (Account Executives' lane), 3 No -> disqualified.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from flowedit.io import load_document
from flowedit.model import Document, Node, NodeKind
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"


@pytest.fixture
def quiz(qtbot, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)

    def make(doc: Document, seed: int = 0, size: tuple[int, int] | None = None
             ) -> PresentationWindow:
        window = PresentationWindow(doc, quiz=True, seed=seed)
        qtbot.addWidget(window)
        if size is None:
            window.start()
        else:  # a window of this size (the offscreen screen is smaller)
            window.resize(*size)
            window.show()
            window.activateWindow()
            window.setFocus()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.hasFocus, timeout=2000)
        return window

    return make


def press_number(qtbot, window: PresentationWindow, number: int) -> None:
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"))


def answer(qtbot, window: PresentationWindow, right: bool = True) -> None:
    question = window.tour.open_question
    assert question is not None
    index = next(i for i, choice in enumerate(window.choices)
                 if (choice == question.target) == right)
    press_number(qtbot, window, index + 1)


def until(qtbot, window: PresentationWindow, kind: str, limit: int = 40) -> None:
    """Answers right and goes on (Yes at decisions) until a question of `kind` is open."""
    for _ in range(limit):
        question = window.tour.open_question
        if question is not None and question.kind == kind:
            return
        if question is not None:
            answer(qtbot, window)
        elif window.tour.branching and window.tour.branch is None:
            press_number(qtbot, window, 1)
        else:
            qtbot.keyClick(window, Qt.Key.Key_Right)
    raise AssertionError(f"no {kind} question asked")


def test_who_owns_this_stage(qtbot, quiz) -> None:
    window = quiz(load_document(B2B))
    until(qtbot, window, "owner")
    node = window.doc.nodes[window.current or ""]
    owner = " ".join((node.owner or "").split())
    caption = window.caption
    assert f"Who owns {node.name}?" in caption.prompt
    assert owner in [choice.text for choice in caption.choices]
    assert len(caption.choices) >= 3
    assert owner not in caption.facts  # the facts line would answer it
    answer(qtbot, window)
    assert f"Right! {owner} owns {node.name}." in window.caption_text()
    assert owner in window.caption.facts


def test_how_long_does_it_take(qtbot, quiz) -> None:
    window = quiz(load_document(B2B))
    until(qtbot, window, "duration")
    node = window.doc.nodes[window.current or ""]
    caption = window.caption
    assert f"How long does {node.name} take?" in caption.prompt
    texts = [choice.text for choice in caption.choices]
    assert len(set(texts)) == len(texts) >= 3
    assert "Takes ?" in caption.facts
    answer(qtbot, window, right=False)
    assert f"{node.name} takes about" in window.caption.feedback
    assert window.caption.feedback_state == "wrong"


def test_which_team_gets_the_lead_next(qtbot, quiz) -> None:
    window = quiz(load_document(B2B))
    until(qtbot, window, "lane")
    assert window.current == "qualified"  # Yes leads from the SDR lane to the AEs
    caption = window.caption
    assert "Which team gets the lead next?" in caption.prompt
    lane = window.doc.lane("ae").name
    assert lane in [choice.text for choice in caption.choices]
    answer(qtbot, window)
    assert f"Right! {lane} takes the lead next" in window.caption_text()
    assert window.tour.open_question is not None  # then: which stage?
    assert window.tour.open_question.kind == "next"


def test_what_happens_when_the_answer_is_no(qtbot, quiz) -> None:
    window = quiz(load_document(B2B))
    until(qtbot, window, "no")
    question = window.tour.open_question
    assert question is not None and question.target == "disqualified"
    assert "What happens when the answer is 'No'?" in window.caption.prompt
    assert not window.tour.revealed("disqualified")
    answer(qtbot, window)
    assert window.tour.revealed("disqualified")
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current == "follow-up"  # the walk goes on along Yes


def long_description() -> Document:
    words = ("Send the signed order form to finance, check the customer's billing address, "
             "the purchase order number, the tax identification number and the delivery "
             "address, then book the kick-off meeting with the customer's project team and "
             "hand the account over to the customer success manager with all notes from the "
             "calls, the demo and the negotiation, so nobody asks the customer twice.")
    doc = Document(title="Long explanation")
    doc.add_node(Node("s", NodeKind.START, "Start", x=0, y=0))
    doc.add_node(Node("a", NodeKind.STAGE, "Deal signed", x=200, y=0))
    doc.add_node(Node("b", NodeKind.STAGE, "Hand-over to delivery", x=400, y=0,
                      description=words))
    for n, name in enumerate(("Invoice", "Kick-off", "Training")):
        doc.add_node(Node(f"o{n}", NodeKind.STAGE, name, x=400 + 200 * n, y=200))
    doc.add_node(Node("e", NodeKind.END, "Done", x=800, y=0))
    for source, target in (("s", "a"), ("a", "b"), ("b", "e"), ("o0", "o1"), ("o1", "o2"),
                           ("o2", "e")):
        doc.connect(source, target)
    return doc


@pytest.mark.parametrize("size", [(1920, 1080), (1024, 768)])
def test_a_wrong_answer_is_explained_whole(qtbot, quiz, size: tuple[int, int]) -> None:
    doc = long_description()
    window = quiz(doc, size=size)
    until(qtbot, window, "next")
    qtbot.keyClick(window, Qt.Key.Key_Right)  # from the start: Deal signed comes next
    if window.tour.open_question is not None:
        answer(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.current == "a"
    until(qtbot, window, "next")
    answer(qtbot, window, right=False)
    label = window.caption_panel.feedback
    qtbot.waitUntil(label.isVisible, timeout=2000)
    assert "…" not in label.text()
    assert label.text().endswith("so nobody asks the customer twice.")
    assert label.wordWrap()
    assert label.height() >= label.heightForWidth(label.width())  # every line has room
    bottom = label.mapTo(window, label.rect().bottomLeft()).y()
    assert bottom <= window.height()
