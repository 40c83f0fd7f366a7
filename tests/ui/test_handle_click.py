"""A click on a shape's round handle is not an arrow (issue 10, item 2): only a drag that goes
further than the platform's drag distance draws one, and a loop needs a drag out and back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import at, hover, make_doc, move_held, press, release, viewport

LEFT = Qt.MouseButton.LeftButton


def right_handle(window, node_id: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    return node.x + node.size[0] / 2, node.y


def show_handles(window, node_id: str) -> None:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    hover(viewport(window), at(window, node.x, node.y))
    hover(viewport(window), at(window, *right_handle(window, node_id)))


@pytest.mark.parametrize("node_id", ["stage-2", "stage-1"])
@pytest.mark.parametrize("outward", [0, 4])  # the handle's centre, or its outer half
def test_a_click_on_a_handle_creates_no_arrow(qtbot, window, node_id, outward) -> None:
    show_handles(window, node_id)
    x, y = right_handle(window, node_id)
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, x + outward, y))

    assert window.editor.doc.edges == make_doc().edges
    assert window.editor.stack.count() == 0


def test_a_shaky_click_within_the_drag_distance_creates_no_arrow(qtbot, window) -> None:
    show_handles(window, "stage-2")
    x, y = right_handle(window, "stage-2")
    start = at(window, x + 3, y)
    jitter = min(2, QApplication.startDragDistance() - 1)
    press(viewport(window), start)
    move_held(viewport(window), start + QPoint(jitter, 0))
    release(viewport(window), start + QPoint(jitter, 0))

    assert window.editor.doc.edges == make_doc().edges
    assert window.editor.stack.count() == 0


def test_dragging_out_and_back_onto_the_same_stage_draws_a_loop(qtbot, window) -> None:
    doc = window.editor.doc
    show_handles(window, "stage-2")
    handle = at(window, *right_handle(window, "stage-2"))
    outside = at(window, 540, 360)  # empty canvas right of and below the stage
    back = at(window, 400, 310)
    press(viewport(window), handle)
    for point in (handle + QPoint(10, 10), handle + QPoint(40, 40), outside, back):
        move_held(viewport(window), point)
    release(viewport(window), back)
    loops = [e for e in doc.edges.values() if e.source == e.target]
    assert [(e.source, e.target) for e in loops] == [("stage-2", "stage-2")]
    assert window.editor.stack.count() == 1
