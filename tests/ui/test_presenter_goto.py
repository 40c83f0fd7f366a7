"""Finding a stage in a presentation (issue 16): click any shape, type its number and Enter, or
pick it from the G list; O shows the whole process and O again goes back; Shift+F5 in the editor
presents from the selected shape (F5 from the start); a lane can be presented alone.

samples/b2b-sales.yaml in flow order: 1 Lead enters CRM, 2 Prospecting, 3 Identification,
4 Qualification call, 5 Qualified?, ...
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import start_presenter

from flowedit.io import load_document
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"


@pytest.fixture
def window(qtbot, monkeypatch: pytest.MonkeyPatch) -> PresentationWindow:
    return start_presenter(qtbot, monkeypatch, B2B)


def test_a_click_on_any_shape_goes_there_and_back_returns(qtbot,
                                                          window: PresentationWindow) -> None:
    canvas = window.canvas
    qtbot.keyClick(window, Qt.Key.Key_O)  # the whole process: every shape can be clicked
    point = canvas.point_of("negotiation")
    assert canvas.rect().contains(point)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    assert window.current == "negotiation"
    assert window.path == ["lead-in", "negotiation"]
    assert not canvas.overview  # close up on it again
    assert canvas.free_area().contains(canvas.rect_of("negotiation"))
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.current == "lead-in"


def test_a_number_and_enter_go_to_that_stage(qtbot, window: PresentationWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_1)
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert "Go to stage 12 (Enter)" in window.caption_panel.keys.text()
    assert window.current == "lead-in"  # nothing happens before Enter
    qtbot.keyClick(window, Qt.Key.Key_Return)
    order = window.tour.numbered()
    assert window.current == order[11]
    assert "Go to stage" not in window.caption_panel.keys.text()


def test_at_a_decision_a_digit_still_picks_a_branch(qtbot, window: PresentationWindow) -> None:
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
    assert window.current == "qualified"
    qtbot.keyClick(window, Qt.Key.Key_3)
    assert window.current == "disqualified"


def test_g_opens_a_list_searched_by_name_or_number(qtbot, window: PresentationWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_G)
    picker = window.picker
    assert picker.isVisible()
    assert picker.list.count() == len(window.doc.nodes)
    assert picker.list.item(4).text() == "5. Qualified?"
    qtbot.keyClicks(picker.search, "negot")
    assert [picker.list.item(i).text() for i in range(picker.list.count())] == [
        item for item, _key in window.stage_items() if "Negotiation" in item]
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert window.current == "negotiation"
    assert not picker.isVisible() and window.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_G)
    qtbot.keyClicks(picker.search, "5")
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert window.current == "qualified"
    qtbot.keyClick(window, Qt.Key.Key_G)
    qtbot.keyClick(picker.search, Qt.Key.Key_Escape)
    assert not picker.isVisible() and window.current == "qualified"
    qtbot.keyClick(window, Qt.Key.Key_Right)  # the keys reach the presentation again
    assert window.current != "qualified"


def test_o_shows_the_whole_process_and_o_again_goes_back(qtbot,
                                                        window: PresentationWindow) -> None:
    canvas = window.canvas
    for _ in range(4):
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
    close_up = (canvas.centre, canvas.zoom)
    qtbot.keyClick(window, Qt.Key.Key_O)
    area = canvas.free_area()
    whole = canvas.transform().mapRect(canvas.diagram.bounds)
    assert area.adjusted(-1, -1, 1, 1).contains(whole)
    for node_id in window.doc.nodes:
        assert canvas.rect().contains(canvas.rect_of(node_id).toRect())
    assert window.current == "qualified"
    qtbot.keyClick(window, Qt.Key.Key_O)
    assert (canvas.centre, canvas.zoom) == close_up


def test_a_lane_alone_stops_only_at_its_shapes(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)
    doc = load_document(B2B)
    window = PresentationWindow(doc, lane="ae")
    qtbot.addWidget(window)
    window.start()
    qtbot.waitUntil(window.hasFocus, timeout=2000)
    shown = [window.current]
    while not window.finished:
        assert len(shown) < 30
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        shown.append(window.current)
    assert shown[:-1] == ["follow-up", "proposal", "negotiation", "accepted"]
    assert all(doc.nodes[n].lane == "ae" for n in shown[:-1])
    assert shown[-1] == "won"  # the end of the walk is shown, whatever its lane
    qtbot.keyClick(window, Qt.Key.Key_Left)
    assert window.current == "accepted"
    assert window.caption_panel.keys.text().startswith("Step 4 of ~")
