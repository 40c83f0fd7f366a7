"""Canvas gestures, driven by real mouse and key events and checked on the model: placing and
renaming shapes, drawing and re-attaching arrows, moving, nudging, the properties panel,
deleting, live problems and zoom."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtWidgets import QLineEdit
from ui_helpers import (
    LANE_C,
    at,
    drag,
    hover,
    inline_editor,
    make_doc,
    viewport,
    wheel,
)

from flowedit.model import NodeKind
from flowedit.render.edges import route
from flowedit.render.shapes import node_rect

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton
#: The middle of e3 (stage-2 -> end-1): from stage-2's right side (475) to end-1's left (640).
E3_MIDDLE = (557, 300)
#: The middle of e1 (start-1 -> stage-1): from start-1's right side (210) to stage-1's left (325).
E1_MIDDLE = (267, 100)


def arrow_end(doc, edge_id: str) -> QPointF:  # type: ignore[no-untyped-def]
    edge = doc.edges[edge_id]
    return route(doc.nodes[edge.source], doc.nodes[edge.target]).end


def arrow_start(doc, edge_id: str) -> QPointF:  # type: ignore[no-untyped-def]
    edge = doc.edges[edge_id]
    return route(doc.nodes[edge.source], doc.nodes[edge.target]).start


def click(qtbot, window, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, x, y))


def undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)


def new_node_ids(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [n for n in window.editor.doc.nodes if n not in make_doc().nodes]


# ------------------------------------------------------------------------------ placing
def place_with_palette(qtbot, window, kind: str, x: float, y: float) -> str:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(window.palette_panel.buttons[kind], LEFT)
    click(qtbot, window, x, y)
    added = new_node_ids(window)
    assert len(added) == 1, f"expected one new shape, got {added}"
    return added[0]


def test_palette_click_then_canvas_click_places_a_selected_shape_ready_to_name(qtbot, window):
    doc = window.editor.doc
    node_id = place_with_palette(qtbot, window, "stage", 863, 517)

    node = doc.nodes[node_id]
    assert node.kind is NodeKind.STAGE
    assert (node.x, node.y) == (860, 520)  # snapped to the 10 px grid
    assert node.lane == LANE_C
    assert window.editor.scene.selected_ids() == ([node_id], [], [])
    editor = inline_editor(window)
    assert editor is not None, "the name editor did not open after placing"
    assert editor.parent() is viewport(window)
    assert editor.textCursor().selectedText() == node.name  # all selected, ready to type over

    qtbot.keyClicks(editor, "Call the lead")
    qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert doc.nodes[node_id].name == "Call the lead"
    assert inline_editor(window) is None
    # Placing and naming are two undo steps; the first undo only takes the name back.
    undo(qtbot, window)
    assert doc.nodes[node_id].name == "New stage"
    undo(qtbot, window)
    assert doc == make_doc()


def test_escape_cancels_a_rename(qtbot, window):
    doc = window.editor.doc
    qtbot.mouseDClick(viewport(window), LEFT, pos=at(window, 400, 100))
    editor = inline_editor(window)
    assert editor is not None, "double-click did not open the name editor"
    assert editor.toPlainText() == "Qualify"

    qtbot.keyClicks(editor, " NOT THIS")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)

    assert inline_editor(window) is None
    assert doc == make_doc()
    assert window.editor.stack.count() == 0


def test_double_click_renames_in_place(qtbot, window):
    qtbot.mouseDClick(viewport(window), LEFT, pos=at(window, 400, 300))
    editor = inline_editor(window)
    assert editor is not None
    assert editor.toPlainText() == "Demo"
    qtbot.keyClicks(editor, " call")
    qtbot.keyClick(editor, Qt.Key.Key_Enter)
    assert window.editor.doc.nodes["stage-2"].name == "Demo call"
    assert window.editor.doc.nodes["stage-2"].x == 400  # the double-click moved nothing


def test_shift_enter_starts_a_new_line_in_the_name(qtbot, window):
    node_id = place_with_palette(qtbot, window, "decision", 863, 317)
    editor = inline_editor(window)
    assert editor is not None
    qtbot.keyClicks(editor, "Budget ok")
    qtbot.keyClick(editor, Qt.Key.Key_Return, SHIFT)
    assert inline_editor(window) is editor, "Shift+Enter closed the editor"
    qtbot.keyClicks(editor, "and timing?")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.editor.doc.nodes[node_id].name == "Budget ok\nand timing?"
    assert window.editor.doc.nodes[node_id].kind is NodeKind.DECISION


# ------------------------------------------------------------------------------ connecting
def drag_from_right_handle(window, node_id: str, to: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    handle = (node.x + node.size[0] / 2, node.y)
    hover(viewport(window), at(window, node.x, node.y))  # the shape shows its handles
    hover(viewport(window), at(window, *handle))
    drag(viewport(window), at(window, *handle), at(window, *to))


def test_dragging_from_a_handle_to_another_shape_connects_them(qtbot, window):
    doc = window.editor.doc
    drag_from_right_handle(window, "stage-3", (400, 300))

    added = [e for e in doc.edges.values() if e.id not in make_doc().edges]
    assert [(e.source, e.target) for e in added] == [("stage-3", "stage-2")]
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()


@pytest.mark.parametrize(("source", "target", "reason"), [
    ("end-1", "stage-3", "an end finishes the process"),
    ("stage-2", "start-1", "a start begins the process"),
    ("stage-1", "stage-2", "already connected"),
])
def test_refused_connection_creates_nothing_and_says_why(qtbot, window, source, target, reason):
    target_node = window.editor.doc.nodes[target]
    drag_from_right_handle(window, source, (target_node.x, target_node.y))

    assert window.editor.doc == make_doc()
    assert window.editor.stack.count() == 0
    assert reason in window.statusBar().currentMessage()


def test_dragging_a_selected_arrows_end_grip_reattaches_it(qtbot, window):
    doc = window.editor.doc
    click(qtbot, window, *E3_MIDDLE)
    assert window.editor.scene.selected_ids() == ([], ["e3"], [])

    # The selected arrow shows a grip on each end; e3's target grip is drawn where it meets
    # end-1's outline.
    grip = arrow_end(doc, "e3")
    hover(viewport(window), at(window, grip.x(), grip.y()))
    drag(viewport(window), at(window, grip.x(), grip.y()), at(window, 150, 500))

    assert (doc.edges["e3"].source, doc.edges["e3"].target) == ("stage-2", "stage-3"), (
        f"status bar: {window.statusBar().currentMessage()!r}")
    assert doc.nodes["end-1"] == make_doc().nodes["end-1"]  # the press did not move end-1
    assert len(doc.edges) == len(make_doc().edges)
    undo(qtbot, window)
    assert doc == make_doc()


def test_clicking_an_arrowhead_selects_the_arrow(qtbot, window):
    # Just behind the tip of e5 (stage-3 -> end-1), on the drawn head, clear of end-1.
    tip, tail = arrow_end(window.editor.doc, "e5"), arrow_start(window.editor.doc, "e5")
    direction = (tail - tip) / (QLineF(tip, tail).length())
    on_head = tip + direction * 6
    click(qtbot, window, on_head.x(), on_head.y())
    assert window.editor.scene.selected_ids() == ([], ["e5"], [])


# ------------------------------------------------------------------------------ moving
def test_dragging_a_shape_moves_it_on_the_grid_and_one_undo_restores(qtbot, window):
    doc = window.editor.doc
    drag(viewport(window), at(window, 150, 500), at(window, 183, 517))

    node = doc.nodes["stage-3"]
    assert (node.x, node.y) == (180, 520)
    assert node.lane == LANE_C
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()


def test_alt_drag_is_not_snapped(qtbot, window):
    drag(viewport(window), at(window, 150, 500), at(window, 183, 517), modifiers=ALT)
    node = window.editor.doc.nodes["stage-3"]
    assert (node.x, node.y) == (183, 517)


def test_a_press_without_a_drag_moves_nothing(qtbot, window):
    drag(viewport(window), at(window, 150, 500), at(window, 152, 501))
    assert window.editor.doc == make_doc()
    assert window.editor.stack.count() == 0


def test_rubber_band_selects_two_shapes_and_dragging_one_moves_both(qtbot, window):
    doc = window.editor.doc
    drag(viewport(window), at(window, 300, 230), at(window, 800, 370))
    assert window.editor.scene.selected_ids()[0] == ["stage-2", "end-1"]

    drag(viewport(window), at(window, 400, 300), at(window, 450, 310))

    assert (doc.nodes["stage-2"].x, doc.nodes["stage-2"].y) == (450, 310)
    assert (doc.nodes["end-1"].x, doc.nodes["end-1"].y) == (750, 310)
    assert doc.nodes["stage-1"] == make_doc().nodes["stage-1"]
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()


def test_arrow_keys_nudge_by_the_grid_and_one_undo_takes_all_nudges_back(qtbot, window):
    doc = window.editor.doc
    click(qtbot, window, 400, 300)
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]

    for _ in range(3):
        qtbot.keyClick(window.editor.view, Qt.Key.Key_Right)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Down)
    assert (doc.nodes["stage-2"].x, doc.nodes["stage-2"].y) == (430, 310)

    undo(qtbot, window)
    assert (doc.nodes["stage-2"].x, doc.nodes["stage-2"].y) == (400, 300), (
        f"one undo should take back all consecutive nudges; {window.editor.stack.count()} "
        "undo steps were recorded for 4 nudges")
    assert doc == make_doc()


# ------------------------------------------------------------------------------ properties
def properties_field(window, name: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    field = window.properties_dock.widget().findChild(QLineEdit, name)
    assert field is not None and field.isVisible(), f"no visible properties field {name!r}"
    return field


def type_into(qtbot, field: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(field, LEFT)
    field.selectAll()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_duration_typed_in_the_properties_panel(qtbot, window):
    click(qtbot, window, 400, 300)
    type_into(qtbot, properties_field(window, "duration"), "3")
    assert window.editor.doc.nodes["stage-2"].duration_days == 3.0
    assert window.editor.stack.count() == 1


def test_probability_as_a_percentage_on_an_arrow(qtbot, window):
    click(qtbot, window, *E3_MIDDLE)
    assert window.editor.scene.selected_ids() == ([], ["e3"], [])
    type_into(qtbot, properties_field(window, "probability"), "40%")
    assert window.editor.doc.edges["e3"].probability == pytest.approx(0.4)


@pytest.mark.parametrize(("where", "field_name"), [((400, 300), "duration"),
                                                   (E3_MIDDLE, "probability")])
def test_an_invalid_number_changes_nothing_and_says_why(qtbot, window, where, field_name):
    click(qtbot, window, *where)
    field = properties_field(window, field_name)
    type_into(qtbot, field, "abc")
    assert window.editor.doc == make_doc()
    assert window.editor.stack.count() == 0
    assert "must be a number" in window.statusBar().currentMessage()
    assert field.text() == ""  # the field shows the model's (empty) value again


# ------------------------------------------------------------------------------ deleting
def test_delete_key_removes_a_shape_with_its_arrows_and_undo_restores_all(qtbot, window):
    doc = window.editor.doc
    click(qtbot, window, 400, 300)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)

    assert "stage-2" not in doc.nodes
    assert sorted(doc.edges) == ["e1", "e4", "e5"]  # e2 and e3 touched stage-2
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()  # same content, same order


def wander_over(window, point: tuple[float, float]) -> None:  # type: ignore[no-untyped-def]
    """The pointer passes over a shape and leaves it again, as it does while a person works
    (the scene looks up what is under it each time)."""
    hover(viewport(window), at(window, *point))
    hover(viewport(window), at(window, 850, 150))


def test_redoing_a_delete_removes_the_shape_again(qtbot, window):
    doc = window.editor.doc
    click(qtbot, window, 400, 300)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    deleted = (list(doc.nodes), list(doc.edges))
    undo(qtbot, window)
    assert doc == make_doc()
    click(qtbot, window, 850, 150)  # empty canvas: nothing selected
    assert window.editor.scene.selected_ids() == ([], [], [])
    wander_over(window, (400, 300))

    qtbot.keyClick(window.editor.view, Qt.Key.Key_Y, CTRL)

    assert (list(doc.nodes), list(doc.edges)) == deleted
    assert window.editor.stack.index() == 1
    undo(qtbot, window)
    assert doc == make_doc()


def test_undoing_a_placement_after_clicking_elsewhere_removes_the_shape(qtbot, window):
    doc = window.editor.doc
    node_id = place_with_palette(qtbot, window, "end", 863, 517)
    qtbot.keyClick(inline_editor(window), Qt.Key.Key_Escape)
    click(qtbot, window, 850, 150)  # empty canvas: nothing selected any more
    assert window.editor.scene.selected_ids() == ([], [], [])
    wander_over(window, (860, 520))

    undo(qtbot, window)

    assert node_id not in doc.nodes
    assert doc == make_doc()
    assert window.editor.stack.index() == 0


def test_delete_key_removes_a_selected_arrow_only(qtbot, window):
    click(qtbot, window, *E3_MIDDLE)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    assert "e3" not in window.editor.doc.edges
    assert list(window.editor.doc.nodes) == list(make_doc().nodes)


# ------------------------------------------------------------------------------ problems
def problem_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    panel = window.problems_panel
    return [panel.item(i).text() for i in range(panel.count())]


def unreachable_item(window, name: str):  # type: ignore[no-untyped-def]
    panel = window.problems_panel
    for i in range(panel.count()):
        if f"'{name}' can never be reached" in panel.item(i).text():
            return panel.item(i)
    return None


def cut_the_way_to_qualify(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Deletes e1, the only arrow into 'Qualify' (stage-1)."""
    click(qtbot, window, *E1_MIDDLE)
    assert window.editor.scene.selected_ids() == ([], ["e1"], [])
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    assert "e1" not in window.editor.doc.edges


def test_unreachable_stage_is_listed_and_flagged_live_and_cleared_by_undo(qtbot, window):
    scene = window.editor.scene
    assert not any("never be reached" in text for text in problem_texts(window))
    assert not scene.is_flagged("stage-1")

    cut_the_way_to_qualify(qtbot, window)
    qtbot.waitUntil(lambda: unreachable_item(window, "Qualify") is not None, timeout=3000)
    assert scene.is_flagged("stage-1")

    undo(qtbot, window)
    qtbot.waitUntil(lambda: not scene.is_flagged("stage-1"), timeout=3000)
    assert not any("never be reached" in text for text in problem_texts(window))


def test_clicking_a_problem_selects_and_shows_its_shape(qtbot, window):
    cut_the_way_to_qualify(qtbot, window)
    qtbot.waitUntil(lambda: unreachable_item(window, "Qualify") is not None, timeout=3000)
    window.editor.scene.clearSelection()
    window.editor.view.centerOn(QPointF(2000, 2000))

    panel = window.problems_panel
    item = unreachable_item(window, "Qualify")
    panel.scrollToItem(item)
    qtbot.mouseClick(panel.viewport(), LEFT, pos=panel.visualItemRect(item).center())

    assert window.editor.scene.selected_ids() == (["stage-1"], [], [])
    view = window.editor.view
    centre = view.mapToScene(view.viewport().rect().center())
    assert abs(centre.x() - 400) <= 2 and abs(centre.y() - 100) <= 2


# ------------------------------------------------------------------------------ zoom
def visible_scene_rect(window) -> QRectF:  # type: ignore[no-untyped-def]
    view = window.editor.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def test_ctrl_wheel_zooms_about_the_pointer_and_plain_wheel_does_not(qtbot, window):
    view = window.editor.view
    pointer = at(window, 400, 300)
    wheel(viewport(window), pointer, 120)
    assert view.zoom() == pytest.approx(1.0)

    pointer = at(window, 400, 300)
    wheel(viewport(window), pointer, 120, CTRL)
    assert view.zoom() == pytest.approx(1.2)
    under = view.mapToScene(pointer)
    assert abs(under.x() - 400) <= 1.5 and abs(under.y() - 300) <= 1.5
    wheel(viewport(window), pointer, -240, CTRL)
    assert view.zoom() == pytest.approx(1.2 / 1.44)
    assert window.editor.doc == make_doc()


def test_ctrl_0_fits_the_whole_diagram(qtbot, window):
    view = window.editor.view
    for _ in range(4):
        wheel(viewport(window), at(window, 400, 300), 120, CTRL)
    assert view.zoom() > 2
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)

    assert view.zoom() < 2  # back out (it frames the drawing, not the lanes' empty room)
    visible = visible_scene_rect(window)
    for node in window.editor.doc.nodes.values():
        assert visible.contains(node_rect(node)), f"{node.id} is not in view after fit"
    assert visible.top() <= 0 and visible.bottom() >= 600  # every lane band
