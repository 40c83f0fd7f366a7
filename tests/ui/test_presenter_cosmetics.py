"""What a training room saw on the presenter (issue 16, cosmetics): the traced path struck through
arrow labels; the title pill covered shapes; the amber branch number sat on the diamond's tip;
won and lost ends had the same badge colour; the caption's height changed between steps so the
diagram jumped; branch buttons at 1024 px were cut with '…'. Each measured on the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication
from ui_helpers import start_presenter

from flowedit.model import Document, Node, NodeKind, Outcome
from flowedit.render.shapes import node_rect, shape_path
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch) -> PresentationWindow:
    return start_presenter(qtbot, monkeypatch, B2B)


def press(qtbot, window: PresentationWindow, *keys: Qt.Key) -> None:
    for key in keys:
        qtbot.keyClick(window, key)


def canvas_image(window: PresentationWindow) -> QImage:
    QApplication.processEvents()
    return window.canvas.grab().toImage()


def test_the_traced_path_does_not_strike_through_arrow_labels(
        qtbot, window: PresentationWindow) -> None:
    right, two = Qt.Key.Key_Right, Qt.Key.Key_2
    press(qtbot, window, right, right, right, right, two)  # Qualified? -> Not yet -> Nurture
    assert window.current == "nurture"
    canvas = window.canvas
    label = canvas.transform().mapRect(canvas.routes["e6"][1]).toAlignedRect()  # "Not yet"
    assert canvas.rect().contains(label)
    image = canvas_image(window)
    inner = label.adjusted(3, 3, -3, -3)
    blue = [(x, y) for x in range(inner.left(), inner.right())
            for y in range(inner.top(), inner.bottom())
            if (c := image.pixelColor(x, y)).blue() > c.red() + 40]
    assert not blue, f"{len(blue)} blue trace pixels inside the label box {inner}"


def test_the_title_pill_covers_no_current_shape(qtbot, window: PresentationWindow) -> None:
    canvas = window.canvas
    presses = 0
    while True:
        pill = canvas.pill_rect()
        assert not canvas.rect_of(window.current).intersects(pill), window.current
        if window.finished:
            break
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        presses += 1
        assert presses < 60


R, ONE = Qt.Key.Key_Right, Qt.Key.Key_1
#: The keys from the start to each decision of the B2B sample.
TO_DECISION = {"qualified": (R,) * 4, "accepted": (R,) * 4 + (ONE, R, R, R),
               "ready": (R,) * 4 + (ONE, R, R, R, ONE, R)}


@pytest.mark.parametrize("decision", ["qualified", "accepted", "ready"])
def test_no_branch_number_sits_on_the_decision(qtbot, window: PresentationWindow,
                                               decision: str) -> None:
    press(qtbot, window, *TO_DECISION[decision])
    assert window.current == decision
    canvas = window.canvas
    image = canvas_image(window)
    node = window.doc.nodes[decision]
    # A ring just outside the diamond's outline, tips included, where its translucent glow is
    # drawn over whatever lies there: amber under it is a number on the diamond's edge.
    rect = node_rect(node)
    outer = canvas.transform().map(shape_path(node.kind, rect.adjusted(-9, -9, 9, 9)))
    inner = canvas.transform().map(shape_path(node.kind, rect.adjusted(-2, -2, 2, 2)))
    box = outer.boundingRect().toAlignedRect().intersected(canvas.rect())

    def amberish(colour: QColor) -> bool:
        return colour.red() > 180 and 120 < colour.green() < 210 and colour.blue() < 100

    amber = [(x, y) for x in range(box.left(), box.right()) for y in range(box.top(), box.bottom())
             if outer.contains(QPointF(x + 0.5, y + 0.5))
             and not inner.contains(QPointF(x + 0.5, y + 0.5))
             and amberish(image.pixelColor(x, y))]
    assert not amber, f"{len(amber)} amber pixels on {decision}"


def two_ends() -> Document:
    doc = Document("Ends")
    doc.add_node(Node("s", NodeKind.START, "Lead", x=0, y=0))
    doc.add_node(Node("d", NodeKind.DECISION, "Signed?", x=200, y=0))
    doc.add_node(Node("won", NodeKind.END, "Deal won", x=400, y=0, outcome=Outcome.WON))
    doc.add_node(Node("lost", NodeKind.END, "Deal lost", x=200, y=150, outcome=Outcome.LOST))
    doc.connect("s", "d")
    doc.connect("d", "won", label="Yes", probability=0.6)
    doc.connect("d", "lost", label="No", probability=0.4)
    return doc


def badge_colour(window: PresentationWindow) -> str:
    QApplication.processEvents()
    kind = window.caption_panel.kind
    image = kind.grab().toImage()
    return image.pixelColor(4, image.height() // 2).name()


def test_won_and_lost_ends_have_badges_of_their_own_colours(
        qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)
    window = PresentationWindow(two_ends())
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(window.hasFocus, timeout=2000)
    stage = badge_colour(window)
    press(qtbot, window, Qt.Key.Key_Right, Qt.Key.Key_1)
    assert window.current == "won"
    won = badge_colour(window)
    press(qtbot, window, Qt.Key.Key_Left, Qt.Key.Key_2)
    assert window.current == "lost"
    lost = badge_colour(window)
    assert len({stage, won, lost}) == 3, (stage, won, lost)


def test_the_caption_keeps_its_size_at_every_step(qtbot, window: PresentationWindow) -> None:
    sizes = set()
    canvases = set()
    while True:
        QApplication.processEvents()
        geometry = window.caption_panel.geometry()
        sizes.add((geometry.width(), geometry.height()))
        canvases.add(window.canvas.geometry().getRect())
        if window.finished:
            break
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        assert len(sizes) + len(canvases) < 60
    assert len(sizes) == 1 and len(canvases) == 1, (sizes, canvases)


def test_branch_buttons_at_1024_px_are_whole(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)
    from flowedit.io import load_document

    window = PresentationWindow(load_document(B2B))
    qtbot.addWidget(window)
    window.fixed_size = True  # as on a 1024×768 projector, whatever the test screen is
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    window.setFocus()
    qtbot.waitUntil(window.hasFocus, timeout=2000)
    assert (window.width(), window.height()) == (1024, 768)
    for decision, keys in TO_DECISION.items():
        press(qtbot, window, Qt.Key.Key_Home, *keys)
        assert window.current == decision
        QApplication.processEvents()
        for button in window.caption_panel.buttons:
            assert "…" not in button.text(), button.text()
            whole = " ".join(button.text().split()[1:])
            assert whole.replace("&&", "&") == " ".join(button.toolTip().split())
            right = button.mapTo(window, button.rect().topRight()).x()
            assert right <= window.width()
            assert button.fontMetrics().boundingRect(
                QRect(0, 0, button.width(), 1000), int(Qt.TextFlag.TextWordWrap),
                button.text()).height() <= button.height()
