"""Gestures preview in the scene only (issue 12): while a shape is dragged or resized, the model
and its observers hear nothing; the release changes the model once, as one undoable edit, and
Esc leaves the model exactly as it was."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from ui_helpers import at, make_doc, move_held, press, release, viewport

from flowedit.model import Change


def _record(doc) -> list[list[Change]]:  # type: ignore[no-untyped-def]
    batches: list[list[Change]] = []
    doc.subscribe(batches.append)
    return batches


def test_dragging_a_shape_moves_only_its_picture_until_the_release(qtbot, window):
    doc, scene = window.editor.doc, window.editor.scene
    batches = _record(doc)
    press(viewport(window), at(window, 150, 500))
    for x in (200, 260, 330):
        move_held(viewport(window), at(window, x, 520))
    assert doc == make_doc() and batches == []
    item = scene.node_items["stage-3"]
    assert item.pos().x() > 300, "the shape's picture follows the pointer"
    assert "stage-3" in {doc.edges[e].target for e in doc.edges}
    release(viewport(window), at(window, 330, 520))
    assert len(batches) == 1
    assert doc.nodes["stage-3"].x == item.pos().x() > 300
    assert window.editor.stack.count() == 1


def test_esc_during_a_drag_leaves_the_model_untouched_and_the_picture_back(qtbot, window):
    doc, scene = window.editor.doc, window.editor.scene
    batches = _record(doc)
    press(viewport(window), at(window, 150, 500))
    move_held(viewport(window), at(window, 260, 520))
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Escape)
    assert batches == [] and doc == make_doc()
    assert scene.node_items["stage-3"].pos() == QPointF(150, 500)
    assert window.editor.stack.count() == 0


def test_resizing_a_shape_changes_the_model_once_at_the_release(qtbot, window):
    doc = window.editor.doc
    window.editor.scene.select_only(["stage-3"])
    node = doc.nodes["stage-3"]
    grip = QPointF(node.x + node.size[0] / 2, node.y + node.size[1] / 2)
    batches = _record(doc)
    press(viewport(window), at(window, grip.x(), grip.y()))
    move_held(viewport(window), at(window, grip.x() + 100, grip.y() + 40))
    move_held(viewport(window), at(window, grip.x() + 200, grip.y() + 100))
    assert batches == [] and doc == make_doc()
    assert window.editor.scene.node_items["stage-3"].node.size[0] > node.size[0]
    release(viewport(window), at(window, grip.x() + 200, grip.y() + 100))
    assert len(batches) == 1 and doc.nodes["stage-3"].size[0] > node.size[0]
    assert window.editor.stack.count() == 1
