"""Gestures that do not end the normal way, and typing not yet committed: nothing may leak into
the document, the undo history or the file (found by a review and reproduced first)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from ui_helpers import at, drag, inline_editor, make_doc, move_held, press, release, viewport

from flowedit.model import editing

CTRL = Qt.KeyboardModifier.ControlModifier


def test_resizing_then_undoing_then_deleting_a_shape_does_not_crash(qtbot, window) -> None:
    doc = window.editor.doc
    window.editor.scene.select_only(["stage-3"])
    node = doc.nodes["stage-3"]
    grip = QPointF(node.x + node.size[0] / 2, node.y + node.size[1] / 2)
    drag(viewport(window), at(window, grip.x(), grip.y()), at(window, grip.x() + 200,
                                                              grip.y() + 100))
    assert doc.nodes["stage-3"].size[0] > node.size[0]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    window.editor.scene.select_only(["stage-3"])
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    # Sweep over where the big shape reached: the scene's index must not hold a stale item.
    for x in range(150, 500, 20):
        qtbot.mouseMove(viewport(window), at(window, x, 560))
        window.editor.scene.items(QPointF(x, 560))
    drag(viewport(window), at(window, 100, 460), at(window, 480, 590))
    assert "stage-3" not in doc.nodes


def test_undo_in_the_middle_of_a_drag_cancels_the_drag_first(qtbot, window) -> None:
    doc = window.editor.doc
    window.editor.edit("move", lambda rec: editing.move_nodes(rec, {"stage-3": (250, 500)}))
    press(viewport(window), at(window, 250, 500))
    move_held(viewport(window), at(window, 330, 520))
    move_held(viewport(window), at(window, 360, 540))
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    release(viewport(window), at(window, 360, 540))
    assert (doc.nodes["stage-3"].x, doc.nodes["stage-3"].y) == (150, 500)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert doc == make_doc()


def test_delete_during_a_drag_restores_the_shape_where_it_was(qtbot, window) -> None:
    doc = window.editor.doc
    press(viewport(window), at(window, 150, 500))
    move_held(viewport(window), at(window, 250, 540))
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    move_held(viewport(window), at(window, 260, 545))  # must not raise
    release(viewport(window), at(window, 260, 545))
    assert "stage-3" not in doc.nodes
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert doc == make_doc()


def test_a_release_that_never_arrives_leaves_nothing_behind(qtbot, window) -> None:
    doc = window.editor.doc
    press(viewport(window), at(window, 150, 500))
    move_held(viewport(window), at(window, 250, 540))
    # The button came up elsewhere (a dialog took the release): the next move has no button.
    qtbot.mouseMove(viewport(window), at(window, 300, 560))
    assert window.editor.view.active is None
    assert doc == make_doc() and window.editor.stack.count() == 0
    assert not window.isWindowModified()


def test_saving_during_a_drag_writes_the_shape_where_it_was(qtbot, window, tmp_path) -> None:
    from flowedit.io import load_document

    path = tmp_path / "p.yaml"
    window.session.path = path
    press(viewport(window), at(window, 150, 500))
    move_held(viewport(window), at(window, 250, 540))
    assert window.session.save()
    release(viewport(window), at(window, 250, 540))
    assert load_document(path).nodes["stage-3"].x == 150


def test_typing_a_name_then_new_asks_to_save_it(qtbot, window, dialogs) -> None:
    window.editor.scene.select_only(["stage-1"])
    window.editor.edit_text_of_node("stage-1", select_all=True)
    qtbot.keyClicks(inline_editor(window), "Renamed while typing")
    # Ctrl+N while typing; the dialogs fixture answers Cancel.
    qtbot.keyClick(inline_editor(window), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.of("warning"), "the unsaved typing must be asked about"
    assert window.editor.doc.nodes["stage-1"].name == "Renamed while typing"


def test_a_properties_field_being_typed_in_counts_as_unsaved(qtbot, window, dialogs) -> None:
    window.editor.scene.select_only(["stage-1"])
    field = window.findChild(QLineEdit, "owner")
    field.setFocus()
    qtbot.keyClicks(field, "Dana")
    qtbot.keyClick(field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.of("warning")
    assert window.editor.doc.nodes["stage-1"].owner == "Dana"


def test_select_all_on_a_big_process_notifies_once(qtbot, window) -> None:
    from flowedit.model.generate import generate_process

    window.set_document(generate_process(800), None)
    calls = []
    window.editor.scene.selectionChanged.connect(lambda: calls.append(1))
    view = window.editor.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert len(calls) == 1
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert not window.editor.doc.nodes
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.editor.doc == generate_process(800)
