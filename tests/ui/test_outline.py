"""The outline panel, driven by real clicks and keys: the process as lanes holding their shapes in
flow order with their problems, readable by a screen reader; choosing an item selects and centres
its shape; the tree follows the canvas selection and the model, without rebuilding on drags."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from ui_helpers import LANE_A, LANE_B, LANE_C, at, drag, make_doc, open_outline, viewport

from flowedit.model import Document, Lane, Node, NodeKind, Outcome, editing
from flowedit.ui.panels.outline import OutlinePanel

LEFT = Qt.MouseButton.LeftButton
ACCESSIBLE_TEXT = Qt.ItemDataRole.AccessibleTextRole
ACCESSIBLE_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole


@pytest.fixture
def panel(qtbot, window) -> OutlinePanel:  # type: ignore[no-untyped-def]
    return open_outline(qtbot, window)


def texts(item) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.child(i).text(0) for i in range(item.childCount())]


def top_texts(panel: OutlinePanel) -> list[str]:
    return [panel.topLevelItem(i).text(0) for i in range(panel.topLevelItemCount())]


def centre(window) -> QPointF:  # type: ignore[no-untyped-def]
    view = window.editor.view
    return view.mapToScene(view.viewport().rect().center())


def assert_centred(window, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    point = centre(window)
    assert abs(point.x() - x) <= 2 and abs(point.y() - y) <= 2, (point, x, y)


def click_item(qtbot, panel: OutlinePanel, item) -> None:  # type: ignore[no-untyped-def]
    panel.scrollToItem(item)
    qtbot.mouseClick(panel.viewport(), LEFT, pos=panel.visualItemRect(item).center())


def selected_nodes(window) -> list[str]:  # type: ignore[no-untyped-def]
    return window.editor.scene.selected_ids()[0]


def settle(qtbot, window, panel) -> None:
    """Waits until every delayed look has run: the editor's re-check and the panel's rebuild
    timer (a rebuild that should not happen would have happened by then)."""
    qtbot.waitUntil(lambda: not (window.editor._check_timer.isActive()
                                 or panel._rebuild_timer.isActive()), timeout=5000)


# ------------------------------------------------------------------------------ the tree

def test_lanes_hold_their_shapes_in_flow_order(panel):
    assert top_texts(panel) == ["Sales  ·  2 shapes", "AE  ·  2 shapes", "Ops  ·  1 shape"]
    assert texts(panel.lane_item(LANE_A)) == ["Start: Lead in", "Stage: Qualify"]
    assert texts(panel.lane_item(LANE_B)) == ["Stage: Demo", "End (won): Won"]
    assert texts(panel.lane_item(LANE_C)) == ["Stage: Onboard"]
    assert panel.lane_item(None) is None  # every shape has a lane: no "No lane" group
    assert panel.objectName() == "outlinePanel"
    assert panel.accessibleName() == "Process outline"
    assert panel.accessibleDescription()


def test_each_item_reads_kind_name_lane_owner_duration_and_branches(qtbot, window):
    doc = Document("Qualification")
    doc.add_lane(Lane("sdr", "SDR", 200.0))
    doc.add_lane(Lane("ae", "Account Executive", 200.0))
    doc.add_node(Node("lead", NodeKind.START, "Lead in", x=150, y=100, lane="sdr"))
    doc.add_node(Node("call", NodeKind.STAGE, "Qualification call", x=350, y=100, lane="sdr",
                      owner="Dana", duration_days=2))
    doc.add_node(Node("ask", NodeKind.DECISION, "Qualified?", x=550, y=100, lane="sdr"))
    doc.add_node(Node("proposal", NodeKind.STAGE, "Proposal", x=550, y=300, lane="ae",
                      owner="Sam", duration_days=1, description="Price and scope"))
    doc.add_node(Node("lost", NodeKind.END, "Lead lost", x=750, y=100, lane="sdr",
                      outcome=Outcome.LOST))
    doc.add_node(Node("won", NodeKind.END, "Deal won", x=750, y=300, lane="ae",
                      outcome=Outcome.WON))
    doc.connect("lead", "call")
    doc.connect("call", "ask")
    doc.connect("ask", "proposal", label="Yes", probability=0.6)
    doc.connect("ask", "lost", label="No")
    doc.connect("proposal", "won")
    window.set_document(doc, None)
    outline = OutlinePanel()
    qtbot.addWidget(outline)
    outline.set_editor(window.editor)

    assert texts(outline.lane_item("sdr")) == [
        "Start: Lead in", "Stage: Qualification call", "Decision: Qualified?",
        "End (lost): Lead lost"]
    assert texts(outline.lane_item("ae")) == ["Stage: Proposal", "End (won): Deal won"]
    ask = outline.node_item("ask")
    sentence = ("Decision “Qualified?”, in lane SDR. "
                "Qualified?: Yes (60%) → Proposal, No → Lead lost.")
    assert ask.data(0, ACCESSIBLE_TEXT) == sentence
    assert ask.data(0, ACCESSIBLE_DESCRIPTION) == sentence
    assert ask.toolTip(0) == sentence
    call = outline.node_item("call")
    assert call.data(0, ACCESSIBLE_TEXT) == (
        "Stage “Qualification call”, in lane SDR, owner Dana, 2 days. "
        "Qualification call → Qualified?.")
    proposal = outline.node_item("proposal")
    assert proposal.data(0, ACCESSIBLE_TEXT) == (
        "Stage “Proposal”, in lane Account Executive, owner Sam, 1 day. Proposal → Deal won.")
    assert "Price and scope" in proposal.toolTip(0)
    assert "Price and scope" in proposal.data(0, ACCESSIBLE_DESCRIPTION)
    assert outline.node_item("won").data(0, ACCESSIBLE_TEXT) == (
        "End (won) “Deal won”, in lane Account Executive. The process ends here.")
    assert outline.lane_item("ae").data(0, ACCESSIBLE_TEXT) == "Lane Account Executive: 2 shapes"


def test_problems_show_under_their_shape_and_follow_edits(qtbot, window, panel):
    # The test document's one problem: a warning that Qualify splits without a decision.
    warning = texts(panel.node_item("stage-1"))
    assert len(warning) == 1 and warning[0].startswith("Warning: 'Qualify' has 2 ways on")
    assert "1 warning" in panel.node_item("stage-1").data(0, ACCESSIBLE_TEXT)
    assert all(panel.node_item(n).childCount() == 0 for n in ("start-1", "stage-2", "end-1"))
    window.editor.edit("Delete", lambda rec: editing.delete(rec, [], ["e1"]))

    def flagged() -> bool:
        item = panel.node_item("start-1")
        return item is not None and item.childCount() > 0

    qtbot.waitUntil(flagged, timeout=2000)
    start_problems = texts(panel.node_item("start-1"))
    assert start_problems and all(text.startswith("Error: ") for text in start_problems)
    assert texts(panel.node_item("stage-1"))[0].startswith("Error: 'Qualify'")
    assert "1 error and 1 warning" in panel.node_item("stage-1").data(0, ACCESSIBLE_TEXT)
    # Undo takes the problems away again.
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.node_item("start-1").childCount() == 0, timeout=2000)


def test_renaming_a_shape_updates_its_item_and_the_branches_leading_to_it(qtbot, window, panel):
    window.editor.set_node_fields("stage-2", "Rename", name="Product demo")
    qtbot.waitUntil(lambda: panel.node_item("stage-2").text(0) == "Stage: Product demo",
                    timeout=2000)
    assert "→ Product demo" in panel.node_item("stage-1").data(0, ACCESSIBLE_TEXT)


def test_a_shape_dragged_out_of_every_lane_shows_under_no_lane(qtbot, window, panel):
    drag(viewport(window), at(window, 150, 500), at(window, 150, 700))
    assert window.editor.doc.nodes["stage-3"].lane is None
    qtbot.waitUntil(lambda: panel.lane_item(None) is not None, timeout=2000)
    assert top_texts(panel)[-1] == "No lane  ·  1 shape"
    assert texts(panel.lane_item(None)) == ["Stage: Onboard"]
    assert "in no lane" in panel.node_item("stage-3").data(0, ACCESSIBLE_TEXT)
    assert texts(panel.lane_item(LANE_C)) == []


def test_dragging_a_shape_within_its_lane_rebuilds_nothing(qtbot, window, panel):
    rebuilds: list[int] = []
    panel.rebuilt.connect(lambda: rebuilds.append(1))
    before = panel.node_item("stage-2")
    drag(viewport(window), at(window, 400, 300), at(window, 460, 320), steps=20)
    node = window.editor.doc.nodes["stage-2"]
    assert (node.x, node.lane) == (460, LANE_B)
    settle(qtbot, window, panel)
    assert rebuilds == []
    assert panel.node_item("stage-2") is before


def test_a_burst_of_edits_rebuilds_the_tree_once(qtbot, window, panel):
    rebuilds: list[int] = []
    panel.rebuilt.connect(lambda: rebuilds.append(1))
    for number in range(5):
        window.editor.set_node_fields("stage-3", "Rename", name=f"Onboard {number}")
    qtbot.waitUntil(lambda: panel.node_item("stage-3").text(0) == "Stage: Onboard 4",
                    timeout=2000)
    settle(qtbot, window, panel)  # the re-check that follows the edits changes nothing shown
    assert rebuilds == [1]


# ------------------------------------------------------------------------------ outline -> canvas
def test_clicking_an_item_selects_and_centres_its_shape(qtbot, window, panel):
    click_item(qtbot, panel, panel.node_item("stage-3"))
    assert selected_nodes(window) == ["stage-3"]
    assert_centred(window, 150, 500)
    assert panel.selectedItems() == [panel.node_item("stage-3")]

    click_item(qtbot, panel, panel.node_item("end-1"))
    assert selected_nodes(window) == ["end-1"]
    assert_centred(window, 700, 300)
    assert window.editor.doc == make_doc()  # choosing changes nothing in the process


def test_enter_on_an_item_selects_and_centres_its_shape(qtbot, window, panel):
    panel.activateWindow()
    panel.setFocus()
    qtbot.waitUntil(panel.hasFocus, timeout=2000)
    panel.setCurrentItem(panel.lane_item(LANE_B))
    qtbot.keyClick(panel, Qt.Key.Key_Down)
    assert panel.currentItem() is panel.node_item("stage-2")
    assert selected_nodes(window) == []  # moving through the tree alone selects nothing
    qtbot.keyClick(panel, Qt.Key.Key_Return)
    assert selected_nodes(window) == ["stage-2"]
    assert_centred(window, 400, 300)
    assert panel.hasFocus()  # the keyboard stays in the outline


def test_clicking_a_problem_shows_its_shape_and_keeps_the_problem_selected(qtbot, window, panel):
    window.editor.edit("Delete", lambda rec: editing.delete(rec, [], ["e4"]))
    qtbot.waitUntil(lambda: panel.node_item("stage-3").childCount() > 0, timeout=2000)
    problem = panel.node_item("stage-3").child(0)
    click_item(qtbot, panel, problem)
    assert selected_nodes(window) == ["stage-3"]
    assert_centred(window, 150, 500)
    qtbot.wait(20)
    assert panel.selectedItems() == [problem]


def test_clicking_a_lane_selects_the_lane(qtbot, window, panel):
    click_item(qtbot, panel, panel.lane_item(LANE_C))
    assert window.editor.scene.selected_ids() == ([], [], [LANE_C])


# ------------------------------------------------------------------------------ canvas -> outline
def test_selecting_on_the_canvas_selects_the_item_without_moving_the_canvas(qtbot, window,
                                                                             panel):
    before = centre(window)
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 400, 300))
    assert selected_nodes(window) == ["stage-2"]
    qtbot.waitUntil(lambda: panel.selectedItems() == [panel.node_item("stage-2")],
                    timeout=1000)
    assert panel.currentItem() is panel.node_item("stage-2")
    assert centre(window) == before  # following the canvas never centres anything

    qtbot.keyClick(window.editor.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(panel.selectedItems()) == 5, timeout=1000)
    assert selected_nodes(window) == list(make_doc().nodes)  # the tree changed no selection

    qtbot.keyClick(window.editor.view, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.selectedItems() == [], timeout=1000)


def test_following_the_canvas_scrolls_the_item_into_view(qtbot, window, panel):
    panel.resize(380, 60)
    qtbot.waitUntil(lambda: panel.height() == 60, timeout=1000)
    panel.scrollToTop()
    assert not panel.viewport().rect().contains(panel.visualItemRect(panel.node_item("stage-3")))
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 150, 500))
    item = panel.node_item("stage-3")
    qtbot.waitUntil(lambda: panel.selectedItems() == [item], timeout=1000)
    assert panel.viewport().rect().contains(panel.visualItemRect(item))


# ------------------------------------------------------------------------------ documents
def test_one_panel_follows_the_window_across_documents(qtbot, window, panel):
    other = Document("Other")
    other.add_node(Node("go", NodeKind.START, "Go", x=100, y=100))
    other.add_node(Node("done", NodeKind.END, "Done", x=300, y=100))
    other.connect("go", "done")
    window.set_document(other, None)
    panel.set_editor(window.editor)
    qtbot.wait(20)  # the previous editor is deleted

    assert top_texts(panel) == ["No lane  ·  2 shapes"]
    assert texts(panel.lane_item(None)) == ["Start: Go", "End: Done"]
    click_item(qtbot, panel, panel.node_item("done"))
    assert window.editor.scene.selected_ids()[0] == ["done"]
    window.editor.set_node_fields("done", "Rename", name="Finished")
    qtbot.waitUntil(lambda: panel.node_item("done").text(0) == "End: Finished", timeout=2000)

    panel.set_editor(None)
    assert panel.topLevelItemCount() == 0


def test_a_hidden_panel_catches_up_when_shown(qtbot, window, panel):
    rebuilds: list[int] = []
    panel.rebuilt.connect(lambda: rebuilds.append(1))
    panel.hide()
    window.editor.set_node_fields("stage-2", "Rename", name="Live demo")
    settle(qtbot, window, panel)
    assert rebuilds == []  # a closed or tabbed-away outline costs nothing
    panel.show()
    qtbot.waitUntil(lambda: panel.node_item("stage-2").text(0) == "Stage: Live demo",
                    timeout=1000)
    assert rebuilds == [1]
