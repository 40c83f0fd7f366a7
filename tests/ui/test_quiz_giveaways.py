"""The quiz must not give its answers away (issue 16): one test per giveaway a trainer found.

Driven with key presses on the presenter; what the audience sees is read from the canvas's
pixels (an arrow highlighted) and from what the canvas paints (`canvas._shown`, `tour.label_shown`).

samples/b2b-sales.yaml, the part used here:

    proposal -> negotiation -> accepted?   1 Yes -> contract   2 Needs changes -> revise
    revise -> negotiation (loops back)     decisions: qualified?, accepted?, ready?
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor

from flowedit.io import load_document
from flowedit.model import Document, Node, NodeKind
from flowedit.render import style
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
SELECTED = QColor(style.SELECTION).name()
B2B = ROOT / "samples" / "b2b-sales.yaml"


@pytest.fixture
def quiz(qtbot, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)

    def make(doc: Document, seed: int = 0) -> PresentationWindow:
        window = PresentationWindow(doc, quiz=True, seed=seed)
        qtbot.addWidget(window)
        window.start()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.hasFocus, timeout=2000)
        return window

    return make


def answer_right(qtbot, window: PresentationWindow) -> None:
    question = window.tour.question
    assert question is not None and not question.answered
    qtbot.keyClick(window, getattr(Qt.Key, f"Key_{window.choices.index(question.target) + 1}"))


def walk_to(qtbot, window: PresentationWindow, node_id: str, branches: dict[str, int]) -> None:
    """Answers right and presses → (or the branch's number) until the walk is at `node_id` and
    asks which shape comes next (questions about the stage itself answered on the way)."""
    for _ in range(80):
        question = window.tour.question
        if question is not None and question.answered:
            question = None
        if window.current == node_id and question is not None and \
                getattr(question, "names_shapes", True):
            return
        if question is not None:
            answer_right(qtbot, window)
        elif window.tour.branching and window.tour.branch is None and \
                window.current in branches:
            qtbot.keyClick(window, getattr(Qt.Key, f"Key_{branches[window.current]}"))
        else:
            qtbot.keyClick(window, Qt.Key.Key_Right)
    raise AssertionError(f"never reached {node_id}; at {window.current}")


def colour_at(window: PresentationWindow, point: QPointF) -> str:
    canvas = window.canvas
    image = window.grab().toImage()
    spot = canvas.mapTo(window, canvas.transform().map(point).toPoint())
    return image.pixelColor(spot).name()


def highlighted(colour: str) -> bool:
    """The selection blue, give or take the last bit of antialiasing."""
    wanted, seen = QColor(SELECTED), QColor(colour)
    return all(abs(a - b) <= 3 for a, b in zip(wanted.getRgb()[:3], seen.getRgb()[:3], strict=True))


def test_a_visited_next_stage_is_neither_named_nor_its_arrow_highlighted(qtbot, quiz) -> None:
    window = quiz(load_document(B2B), seed=4)
    walk_to(qtbot, window, "revise", {"qualified": 1, "accepted": 2})
    question = window.tour.question
    assert question is not None and not question.answered and question.target == "negotiation"
    assert "negotiation" in window.path  # walked before: the loop back
    doc = window.doc
    assert window.canvas._shown(doc.nodes["negotiation"]).name == "?"
    edge = next(e for e in doc.edges.values() if e.source == "revise")
    route = window.canvas.routes[edge.id][0]
    middle = route.line.pointAtPercent(0.15)  # off the label
    assert not highlighted(colour_at(window, middle))
    answer_right(qtbot, window)  # answered: now it is shown, and highlighted
    assert window.canvas._shown(doc.nodes["negotiation"]).name == "Negotiation"
    assert highlighted(colour_at(window, middle))


def test_a_hidden_decision_is_offered_among_decisions_without_its_yes_no_labels(
        qtbot, quiz) -> None:
    doc = load_document(B2B)
    for seed in range(6):
        window = quiz(doc, seed=seed)
        walk_to(qtbot, window, "negotiation", {"qualified": 1})
        question = window.tour.question
        assert question is not None and question.target == "accepted"
        kinds = {doc.nodes[choice].kind for choice in window.choices}
        assert kinds == {NodeKind.DECISION}, window.choices
        for edge in doc.edges.values():
            if edge.source == "accepted":
                assert window.tour.label_shown(edge.id) is None
        window.close()


def test_a_hidden_decision_looks_like_the_other_choices_when_kinds_are_mixed(qtbot,
                                                                             quiz) -> None:
    doc = Document(title="One decision")
    doc.add_node(Node("s", NodeKind.START, "Start", x=0, y=0))
    doc.add_node(Node("a", NodeKind.STAGE, "Call", x=200, y=0))
    doc.add_node(Node("d", NodeKind.DECISION, "Interested?", x=400, y=0))
    doc.add_node(Node("b", NodeKind.STAGE, "Offer", x=600, y=0))
    doc.add_node(Node("c", NodeKind.STAGE, "Follow up", x=600, y=150))
    doc.add_node(Node("e", NodeKind.END, "Done", x=800, y=0))
    for source, target in (("s", "a"), ("a", "d"), ("d", "b"), ("d", "c"), ("b", "e"),
                           ("c", "e")):
        doc.connect(source, target)
    window = quiz(doc)
    walk_to(qtbot, window, "a", {})
    question = window.tour.question
    assert question is not None and question.target == "d"
    assert len({doc.nodes[choice].kind for choice in window.choices}) > 1
    assert window.canvas._shown(doc.nodes["d"]).kind is NodeKind.STAGE  # no lone diamond


def test_the_current_description_does_not_name_the_answer(qtbot, quiz) -> None:
    doc = Document(title="Demo next")
    doc.add_node(Node("s", NodeKind.START, "Start", x=0, y=0))
    doc.add_node(Node("call", NodeKind.STAGE, "Discovery call", x=200, y=0,
                      description="Ask about the budget, then book the product demo."))
    doc.add_node(Node("demo", NodeKind.STAGE, "Product demo", x=400, y=0))
    doc.add_node(Node("offer", NodeKind.STAGE, "Offer", x=600, y=0))
    doc.add_node(Node("trial", NodeKind.STAGE, "Free trial", x=600, y=150))
    doc.add_node(Node("end", NodeKind.END, "Won", x=800, y=0))
    for source, target in (("s", "call"), ("call", "demo"), ("demo", "offer"),
                           ("offer", "trial"), ("trial", "end")):
        doc.connect(source, target)
    window = quiz(doc)
    walk_to(qtbot, window, "call", {})
    question = window.tour.question
    assert question is not None and question.target == "demo" and not question.answered
    shown = window.caption_panel.description.text()
    assert "Ask about the budget" in shown
    assert "demo" not in shown.casefold()
    answer_right(qtbot, window)
    assert "demo" in window.caption_text().casefold()  # answered: nothing to hide any more


def test_wrong_choices_come_from_nearby_shapes_not_the_far_end(qtbot, quiz) -> None:
    from flowedit.analysis.quiz import hops

    doc = load_document(B2B)
    far = {"retention", "won", "onboarding", "closing"}
    for seed in range(5):
        window = quiz(doc, seed=seed)
        for _ in range(3):  # the first questions, asked in the SDR lane
            question = window.tour.question
            assert question is not None
            if question.kind == "next":
                assert not far & set(window.choices), window.choices
                near = hops(doc, window.current or "")
                assert all(near[choice] <= 5 for choice in window.choices), window.choices
            answer_right(qtbot, window)
            if window.tour.question is None or window.tour.question.answered:
                qtbot.keyClick(window, Qt.Key.Key_Right)
        window.close()
