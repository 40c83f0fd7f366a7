"""Milestones in the editor: the Properties panel offers the outcome for a stage, the canvas draws
its flag, the metrics overlay says when leads are won there, and the presenter names it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox
from ui_helpers import at, viewport

from flowedit.analysis.tour import Tour
from flowedit.model import Document, Edge, Node, NodeKind, Outcome
from flowedit.ui.present.presentation import caption_for

LEFT = Qt.MouseButton.LeftButton
GREEN = QColor("#2e7d32")
#: stage-2 "Demo" is at (400, 300), 150 x 70: its top-left corner, where the flag goes.
DEMO_CORNER = (325, 265)


def green_pixels_near(window, x: float, y: float) -> int:  # type: ignore[no-untyped-def]
    image = viewport(window).grab().toImage()
    centre = at(window, x, y)
    count = 0
    for dx in range(-12, 13):
        for dy in range(-12, 13):
            colour = image.pixelColor(centre.x() + dx, centre.y() + dy)
            if (abs(colour.red() - GREEN.red()) < 30 and abs(colour.green() - GREEN.green()) < 30
                    and abs(colour.blue() - GREEN.blue()) < 30):
                count += 1
    return count


def test_a_stage_can_be_made_a_won_milestone_from_the_properties_panel(qtbot, window) -> None:
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 400, 300))
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]
    outcome = window.findChild(QComboBox, "outcome")
    assert outcome.isEnabled(), "a stage may carry an outcome (a milestone)"
    assert green_pixels_near(window, *DEMO_CORNER) == 0

    outcome.setFocus()
    qtbot.keyClick(outcome, Qt.Key.Key_Down)  # "—" -> "Won"

    assert window.editor.doc.nodes["stage-2"].outcome is Outcome.WON
    qtbot.waitUntil(lambda: green_pixels_near(window, *DEMO_CORNER) > 10, timeout=3000)

    window.overlay_action.trigger()
    overlay = window.editor.scene.overlay
    assert overlay is not None
    assert overlay.badges["stage-2"].endswith("won after 0 d")
    assert "win rate 100.0%" in window.metrics_label.text()


def test_a_start_still_has_no_outcome(qtbot, window) -> None:
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 150, 100))
    assert window.editor.scene.selected_ids()[0] == ["start-1"]
    assert not window.findChild(QComboBox, "outcome").isEnabled()


def signed_then_onboarding() -> Document:
    doc = Document("After-sales")
    doc.add_node(Node("lead", NodeKind.START, "Lead", x=100, y=100))
    doc.add_node(Node("signed", NodeKind.STAGE, "Contract signed", x=300, y=100,
                      outcome=Outcome.WON))
    doc.add_node(Node("onboard", NodeKind.STAGE, "Onboarding", x=500, y=100))
    doc.add_node(Node("live", NodeKind.END, "Customer live", x=700, y=100))
    for number, (source, target) in enumerate(
            [("lead", "signed"), ("signed", "onboard"), ("onboard", "live")], start=1):
        doc.add_edge(Edge(f"e{number}", source, target))
    return doc


def test_the_presenter_caption_names_the_milestone() -> None:
    tour = Tour(signed_then_onboarding())
    assert tour.next()
    assert tour.current == "signed"
    assert caption_for(tour).kind == "STAGE · WON MILESTONE"
    assert tour.next()
    assert caption_for(tour).kind == "STAGE"
