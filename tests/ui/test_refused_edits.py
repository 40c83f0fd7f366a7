"""A refused edit leaves no trace: model, scene and undo stack exactly as before, the reason in
the status bar, and no crash dialog (issue 10, item 3)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import at, make_doc, viewport

from flowedit.model import NodeKind, editing

CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery copies go to a folder of this test (set before the window exists)."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


def test_ctrl_enter_on_an_end_is_refused_and_changes_nothing(qtbot, window) -> None:
    scene = window.editor.scene
    items_before = set(scene.node_items), set(scene.edge_items)
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 700, 300))  # end-1 "Won"
    assert scene.selected_ids()[0] == ["end-1"]

    qtbot.keyClick(window.editor.view, Qt.Key.Key_Return, CTRL)

    assert window.editor.doc == make_doc()
    assert window.editor.stack.count() == 0
    assert (set(scene.node_items), set(scene.edge_items)) == items_before
    assert "nothing leaves it" in window.statusBar().currentMessage()
    assert not window.isWindowModified()


def test_an_edit_refused_half_way_leaves_scene_model_and_undo_stack_as_they_were(
        qtbot, window) -> None:
    scene = window.editor.scene
    items_before = set(scene.node_items), set(scene.edge_items)

    def stage_after_end(rec) -> None:  # type: ignore[no-untyped-def]
        new_id = editing.place_node(rec, NodeKind.STAGE, 900, 300)
        editing.connect(rec, "end-1", new_id)

    assert window.editor.edit("Add stage after end", stage_after_end) is None
    assert window.editor.doc == make_doc() and window.editor.stack.count() == 0
    assert (set(scene.node_items), set(scene.edge_items)) == items_before
    assert "nothing leaves it" in window.statusBar().currentMessage()


def test_the_crash_dialog_claims_no_recovery_copy_when_nothing_was_unsaved(qtbot,
                                                                           window) -> None:
    from flowedit.io.recovery import RecoveryStore
    from flowedit.ui.files.crash_guard import CrashGuard

    assert window.editor.stack.isClean()
    guard = CrashGuard(window.autosaver.rescue)
    try:
        raise KeyError("stage-21")
    except KeyError:
        guard.handle(*sys.exc_info())
    assert guard.box is not None
    text = guard.box.text()
    guard.box.close()
    assert RecoveryStore().copies() == []
    assert "written to a recovery copy" not in text
    assert "no unsaved changes" in text


def test_the_crash_dialog_says_so_when_the_recovery_copy_could_not_be_written(
        qtbot, window, monkeypatch) -> None:
    from flowedit.ui.files.crash_guard import CrashGuard

    def refuse(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(window.autosaver.store, "write", refuse)
    window.editor.edit("Rename process", lambda rec: editing.set_title(rec, "Draft"))
    guard = CrashGuard(window.autosaver.rescue)
    try:
        raise KeyError("stage-21")
    except KeyError:
        guard.handle(*sys.exc_info())
    assert guard.box is not None
    text = guard.box.text()
    guard.box.close()
    assert "written to a recovery copy" not in text and "failed" in text


def test_the_scene_follows_a_batch_that_adds_and_removes_the_same_shape(qtbot, window) -> None:
    """A batch describes what happened; the scene ends up showing what is there now."""
    from flowedit.model import Node, NodeKind

    doc = window.editor.doc
    with doc.transaction():
        doc.add_node(Node("temp", NodeKind.STAGE, "Temporary", x=900, y=100))
        doc.connect("stage-1", "temp", edge_id="e-temp")
        doc.remove_node("temp")
    assert "temp" not in window.editor.scene.node_items
    assert "e-temp" not in window.editor.scene.edge_items
