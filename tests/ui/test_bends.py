"""Orthogonal arrows under the user's hand, driven by real mouse and key events: drag a segment
sideways, double-click to add a bend and drag it, move a shape with bends, Reset Route from the
arrow's context menu, Arrange › Tidy Up (Ctrl+Shift+L); each is one undo step."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from ui_helpers import LEFT, at, drag, viewport

from flowedit.layout.shapes import node_box
from flowedit.model import Routing
from flowedit.render.routes import routes_for

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def orthogonal(window):  # type: ignore[no-untyped-def]
    doc = window.editor.doc
    doc.set_routing(Routing.ORTHOGONAL)
    return doc


def route(window, edge_id: str) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    """The route as the canvas draws it (its item's own polyline ends and the book's bends)."""
    item = window.editor.scene.edge_items[edge_id]
    points = list(routes_for(window.editor.doc).routes[edge_id])
    assert (item.route.start.x(), item.route.start.y()) == points[0]
    return points


def undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)


def passes(points: list[tuple[float, float]], x: float, y: float) -> bool:
    """Whether the polyline runs through (x, y)."""
    for a, b in itertools.pairwise(points):
        if (min(a[0], b[0]) - 0.5 <= x <= max(a[0], b[0]) + 0.5
                and min(a[1], b[1]) - 0.5 <= y <= max(a[1], b[1]) + 0.5):
            return True
    return False


def test_the_canvas_draws_orthogonal_routes(window) -> None:  # type: ignore[no-untyped-def]
    orthogonal(window)
    for edge_id in window.editor.doc.edges:
        points = route(window, edge_id)
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(points))


def test_drag_a_segment_sideways_then_undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = orthogonal(window)
    points = route(window, "e4")  # stage-1 (400,100) -> stage-3 (150,500): bends
    assert len(points) >= 3
    index = max(range(len(points) - 1),
                key=lambda i: abs(points[i + 1][0] - points[i][0]) + abs(points[i + 1][1]
                                                                         - points[i][1]))
    a, b = points[index], points[index + 1]
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    horizontal = a[1] == b[1]
    target = (middle[0], middle[1] + 40) if horizontal else (middle[0] - 40, middle[1])
    drag(viewport(window), at(window, *middle), at(window, *target))
    assert doc.edges["e4"].points
    moved = route(window, "e4")
    assert passes(moved, *target)
    assert not passes(moved, *middle)
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc.edges["e4"].points == ()
    assert route(window, "e4") == points


def test_double_click_adds_a_bend_that_drags(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = orthogonal(window)
    points = route(window, "e1")  # start-1 -> stage-1, straight along y = 100
    x = round((points[0][0] + points[-1][0]) / 2)
    qtbot.mouseDClick(viewport(window), LEFT, pos=at(window, x, 100))
    assert doc.edges["e1"].points == ((x, 100.0),)
    assert window.editor.stack.count() == 1
    drag(viewport(window), at(window, x, 100), at(window, x, 160))
    assert doc.edges["e1"].points == ((x, 160.0),)
    assert passes(route(window, "e1"), x, 160)
    assert window.editor.stack.count() == 2
    undo(qtbot, window)
    assert doc.edges["e1"].points == ((x, 100.0),)
    undo(qtbot, window)
    assert doc.edges["e1"].points == ()
    assert route(window, "e1") == points


def test_moving_a_shape_keeps_the_bends_and_undoes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = orthogonal(window)
    x = 267
    qtbot.mouseDClick(viewport(window), LEFT, pos=at(window, x, 100))
    drag(viewport(window), at(window, x, 100), at(window, x, 160))
    assert doc.edges["e1"].points == ((x, 160.0),)
    drag(viewport(window), at(window, 150, 100), at(window, 150, 60))  # start-1 up 40
    assert doc.nodes["start-1"].y < 100  # snapped to the grid or a guide
    assert doc.edges["e1"].points == ((x, 160.0),)
    after = route(window, "e1")
    assert passes(after, x, 160)
    left, top, right, bottom = node_box(doc.nodes["start-1"])
    assert left <= after[0][0] <= right and top <= after[0][1] <= bottom
    undo(qtbot, window)
    assert doc.nodes["start-1"].y == 100
    assert passes(route(window, "e1"), x, 160)


def test_reset_route_from_the_arrows_context_menu(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = orthogonal(window)
    x = 267
    qtbot.mouseDClick(viewport(window), LEFT, pos=at(window, x, 100))
    drag(viewport(window), at(window, x, 100), at(window, x, 160))
    pos = at(window, x, 130)  # on the bent arrow, between its old and new line
    QApplication.sendEvent(viewport(window), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, viewport(window).mapToGlobal(pos)))
    menu = window.editor.context_menu
    assert isinstance(menu, QMenu) and menu.objectName() == "arrowContextMenu"
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    qtbot.keyClick(menu, Qt.Key.Key_R)  # Reset &Route
    assert doc.edges["e1"].points == ()
    assert window.editor.stack.count() == 3
    undo(qtbot, window)
    assert doc.edges["e1"].points == ((x, 160.0),)


def test_tidy_up_is_one_undo_step(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = window.editor.doc
    before = {n: (node.x, node.y) for n, node in doc.nodes.items()}
    lanes = [lane.height for lane in doc.lanes]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_L, CTRL | SHIFT)
    after = {n: (node.x, node.y) for n, node in doc.nodes.items()}
    assert after != before
    assert window.editor.stack.count() == 1
    for node in doc.nodes.values():  # every shape stays in its lane
        top = sum(lane.height for lane in doc.lanes[:doc.lane_index(node.lane)])
        height = doc.lane(node.lane).height
        assert top <= node_box(node)[1] and node_box(node)[3] <= top + height
    undo(qtbot, window)
    assert {n: (node.x, node.y) for n, node in doc.nodes.items()} == before
    assert [lane.height for lane in doc.lanes] == lanes


def test_tidy_up_of_a_selection_leaves_the_rest(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = window.editor.doc
    window.editor.scene.select_only(["stage-2", "end-1"])
    others = {n: (doc.nodes[n].x, doc.nodes[n].y) for n in ("start-1", "stage-1", "stage-3")}
    qtbot.keyClick(window.editor.view, Qt.Key.Key_L, CTRL | SHIFT)
    assert window.editor.stack.count() == 1
    assert {n: (doc.nodes[n].x, doc.nodes[n].y) for n in others} == others


def test_labels_keep_off_shapes_on_canvas(window) -> None:  # type: ignore[no-untyped-def]
    doc = orthogonal(window)
    doc.update_edge("e2", label="Qualified and keen")
    rect = window.editor.scene.edge_items["e2"].label_rect
    assert not rect.isEmpty()
    for node in doc.nodes.values():
        left, top, right, bottom = node_box(node)
        assert not rect.intersects(QRectF(left, top, right - left, bottom - top)), node.id


def test_drag_a_label_along_its_arrow(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    doc = orthogonal(window)
    doc.update_edge("e3", label="Signed")  # stage-2 (400,300) -> end-1 (700,300), straight
    rect = window.editor.scene.edge_items["e3"].label_rect
    points = route(window, "e3")
    start, end = points[0][0], points[-1][0]
    target_x = start + (end - start) * 0.8
    drag(viewport(window), at(window, rect.center().x(), rect.center().y()),
         at(window, target_x, rect.center().y()))
    assert doc.edges["e3"].label_at is not None
    assert abs(doc.edges["e3"].label_at - 0.8) < 0.05
    moved = window.editor.scene.edge_items["e3"].label_rect
    assert abs(moved.center().x() - target_x) < 3
    undo(qtbot, window)
    assert doc.edges["e3"].label_at is None
