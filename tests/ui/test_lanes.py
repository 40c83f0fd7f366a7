"""Lanes, driven through the canvas and the Lane menu: membership follows a dragged shape, a lane
grows to fit a shape dropped near its bottom, lanes reorder with their shapes, and a lane with
shapes is deleted with them or without them, each as one undo step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import (
    LANE_A,
    LANE_B,
    LANE_C,
    at,
    choose_from_menu,
    drag,
    make_doc,
    viewport,
)

LEFT = Qt.MouseButton.LeftButton
#: x of a point inside every lane header (lanes start at x = 0, headers are 40 px wide).
HEADER_X = 20


def undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def lane_order(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [lane.id for lane in window.editor.doc.lanes]


def heights(window) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {lane.id: lane.height for lane in window.editor.doc.lanes}


def ys(window) -> dict[str, float]:  # type: ignore[no-untyped-def]
    return {node.id: node.y for node in window.editor.doc.nodes.values()}


def click_header(qtbot, window, lane_middle_y: float) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, HEADER_X, lane_middle_y))


# ------------------------------------------------------------------------------ membership
def test_dragging_a_shape_into_another_lanes_band_moves_it_to_that_lane(qtbot, window):
    doc = window.editor.doc
    drag(viewport(window), at(window, 400, 100), at(window, 150, 300))

    node = doc.nodes["stage-1"]
    assert (node.x, node.y) == (150, 300)
    assert node.lane == LANE_B
    assert heights(window) == heights_of_original()
    assert doc.edges == make_doc().edges  # its arrows stay attached
    undo(qtbot, window)
    assert doc == make_doc()


def test_dragging_a_shape_out_of_every_lane_leaves_it_in_none(qtbot, window):
    drag(viewport(window), at(window, 400, 100), at(window, 400, 700))
    node = window.editor.doc.nodes["stage-1"]
    assert (node.y, node.lane) == (700, None)


def heights_of_original() -> dict[str, float]:
    return {lane.id: lane.height for lane in make_doc().lanes}


def test_a_shape_dropped_near_a_lanes_bottom_grows_it_and_pushes_the_lanes_below(qtbot, window):
    doc = window.editor.doc
    before = ys(window)
    # stage-1 (70 px tall) dropped at y = 370 in lane B (200-400): its bottom (405) plus the
    # 20 px padding needs lane B to reach 425, 25 px more than it has.
    drag(viewport(window), at(window, 400, 100), at(window, 150, 370))

    assert doc.nodes["stage-1"].lane == LANE_B
    assert doc.nodes["stage-1"].y == 370
    assert heights(window) == {LANE_A: 200, LANE_B: 225, LANE_C: 200}
    after = ys(window)
    assert after["stage-3"] == before["stage-3"] + 25  # lane C moved down with its lane
    assert doc.nodes["stage-3"].lane == LANE_C
    for unmoved in ("start-1", "stage-2", "end-1"):
        assert after[unmoved] == before[unmoved]
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()


def test_dragging_a_lanes_bottom_border_resizes_it_and_moves_the_lanes_below(qtbot, window):
    doc = window.editor.doc
    before = ys(window)
    drag(viewport(window), at(window, 600, 200), at(window, 600, 263))

    assert heights(window) == {LANE_A: 263, LANE_B: 200, LANE_C: 200}
    after = ys(window)
    for node_id, y in before.items():
        moved = doc.nodes[node_id].lane in (LANE_B, LANE_C)
        assert after[node_id] == y + (63 if moved else 0), node_id
    undo(qtbot, window)
    assert doc == make_doc()


def test_a_lane_cannot_be_dragged_shorter_than_its_shapes(qtbot, window):
    # Lane A's lowest shape (stage-1, 70 px tall at y = 100) needs 100 + 35 + 20 = 155 px.
    drag(viewport(window), at(window, 600, 200), at(window, 600, 60))
    assert heights(window)[LANE_A] == 155
    assert ys(window)["stage-3"] == 500 - 45


# ------------------------------------------------------------------------------ order
def test_dragging_a_lane_header_reorders_the_lanes_with_their_shapes(qtbot, window):
    doc = window.editor.doc
    drag(viewport(window), at(window, HEADER_X, 500), at(window, HEADER_X, 100))

    assert lane_order(window) == [LANE_C, LANE_A, LANE_B]
    after = ys(window)
    assert after["stage-3"] == 100
    assert (after["start-1"], after["stage-1"]) == (300, 300)
    assert (after["stage-2"], after["end-1"]) == (500, 500)
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()


def test_clicking_a_lane_header_selects_the_lane(qtbot, window):
    click_header(qtbot, window, 300)
    assert window.editor.scene.selected_ids() == ([], [], [LANE_B])
    assert window.editor.doc == make_doc()


def test_move_lane_down_and_up_from_the_lane_menu_carries_its_shapes(qtbot, window):
    doc = window.editor.doc
    click_header(qtbot, window, 100)
    assert window.editor.scene.selected_ids() == ([], [], [LANE_A])

    choose_from_menu(qtbot, window, "Lane", "Move Lane Down")

    assert lane_order(window) == [LANE_B, LANE_A, LANE_C]
    after = ys(window)
    assert (after["start-1"], after["stage-1"]) == (300, 300)  # lane A now spans 200-400
    assert (after["stage-2"], after["end-1"]) == (100, 100)  # lane B now spans 0-200
    assert after["stage-3"] == 500
    assert [n.lane for n in doc.nodes.values()] == [n.lane for n in make_doc().nodes.values()]

    choose_from_menu(qtbot, window, "Lane", "Move Lane Up")
    assert doc == make_doc()


def test_move_lane_up_with_the_keyboard_shortcut(qtbot, window):
    click_header(qtbot, window, 500)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Up,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert lane_order(window) == [LANE_A, LANE_C, LANE_B]
    assert ys(window)["stage-3"] == 300
    undo(qtbot, window)
    assert window.editor.doc == make_doc()


def test_move_lane_without_a_selected_lane_says_how(qtbot, window):
    # The menu greys the item out then; its shortcut still answers.
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Down,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.editor.doc == make_doc()
    assert "Select a lane" in window.statusBar().currentMessage()


# ------------------------------------------------------------------------------ deleting
@pytest.mark.parametrize("choice", ["Keep shapes", "Delete shapes"])
def test_deleting_a_lane_with_shapes_asks_and_does_what_was_chosen(qtbot, window, dialogs,
                                                                    choice):
    doc = window.editor.doc
    dialogs.lane_choice = choice
    click_header(qtbot, window, 300)
    assert window.editor.scene.selected_ids() == ([], [], [LANE_B])
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)

    asked = dialogs.of("exec")
    assert len(asked) == 1 and "AE" in asked[0][2]
    assert lane_order(window) == [LANE_A, LANE_C]
    assert doc.nodes["stage-3"].y == 300  # lane C moved up into the freed band (200-400)
    if choice == "Keep shapes":
        # Kept outside every lane, below the remaining lanes, in the same arrangement.
        for node_id in ("stage-2", "end-1"):
            assert doc.nodes[node_id].lane is None
            assert doc.nodes[node_id].y == 400 + 20 + 100
        assert doc.edges == make_doc().edges
    else:
        assert "stage-2" not in doc.nodes and "end-1" not in doc.nodes
        assert sorted(doc.edges) == ["e1", "e4"]  # e2, e3, e5 touched the deleted shapes
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()


def test_cancelling_the_delete_lane_question_changes_nothing(qtbot, window, dialogs):
    dialogs.lane_choice = None  # the box is closed without choosing
    click_header(qtbot, window, 300)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    assert len(dialogs.of("exec")) == 1
    assert window.editor.doc == make_doc()
    assert window.editor.stack.count() == 0


def test_deleting_an_empty_lane_does_not_ask(qtbot, window, dialogs):
    # Empty lane C first: move its only shape into lane B.
    drag(viewport(window), at(window, 150, 500), at(window, 150, 300))
    assert window.editor.doc.nodes_in_lane(LANE_C) == []
    click_header(qtbot, window, 500)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    assert dialogs.of("exec") == []
    assert lane_order(window) == [LANE_A, LANE_B]
