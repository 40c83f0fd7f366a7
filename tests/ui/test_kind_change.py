"""Changing a shape's kind with the real widgets (issue 10, item 1): the Properties panel's Kind
box, driven by the keyboard, and the canvas's right-click menu. One undo step each; arrows the
new kind cannot keep go only after the user agrees."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QComboBox, QMenu
from ui_helpers import at, make_doc, viewport

from flowedit.model import DEFAULT_SIZES, NodeKind

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier


def select_shape(qtbot, window, node_id: str) -> None:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, node.x, node.y))
    assert window.editor.scene.selected_ids()[0] == [node_id]


def kind_box(window) -> QComboBox:  # type: ignore[no-untyped-def]
    box = window.properties_dock.widget().findChild(QComboBox, "kind")
    assert box is not None and box.isVisible()
    return box


def choose_kind(qtbot, window, key: Qt.Key) -> QComboBox:  # type: ignore[no-untyped-def]
    """Focuses the Kind box and types a key, as a keyboard user picks an entry."""
    box = kind_box(window)
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    qtbot.keyClick(box, key)
    return box


def undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)


def test_a_stage_becomes_a_decision_from_the_properties_panel(qtbot, window, dialogs) -> None:
    doc = window.editor.doc
    select_shape(qtbot, window, "stage-2")
    box = choose_kind(qtbot, window, Qt.Key.Key_D)

    node = doc.nodes["stage-2"]
    assert node.kind is NodeKind.DECISION, window.statusBar().currentMessage()
    assert (node.name, node.lane, node.x, node.y) == ("Demo", "lane-b", 400, 300)
    assert node.size == DEFAULT_SIZES[NodeKind.DECISION]
    assert set(doc.edges_of("stage-2")) == {"e2", "e3"}
    assert window.editor.stack.count() == 1 and dialogs.of("exec") == []
    assert box.currentText() == "Decision"
    assert "'Demo' is now a decision" in window.statusBar().currentMessage()
    assert window.editor.scene.node_items["stage-2"].node.kind is NodeKind.DECISION
    undo(qtbot, window)
    assert doc == make_doc()
    assert box.currentText() == "Stage"


def test_making_a_stage_an_end_asks_before_its_outgoing_arrow_goes(qtbot, window,
                                                                   dialogs) -> None:
    doc = window.editor.doc
    dialogs.lane_choice = "Change"
    select_shape(qtbot, window, "stage-2")
    choose_kind(qtbot, window, Qt.Key.Key_E)

    [(_, title, text)] = dialogs.of("exec")
    assert title == "Change kind" and "the arrow to 'Won'" in text
    assert doc.nodes["stage-2"].kind is NodeKind.END
    assert "e3" not in doc.edges and "e2" in doc.edges
    assert "dropped the arrow to 'Won'" in window.statusBar().currentMessage()
    assert window.editor.stack.count() == 1
    undo(qtbot, window)
    assert doc == make_doc()


def test_cancelling_the_question_changes_nothing_and_the_box_shows_the_kind_again(
        qtbot, window, dialogs) -> None:
    select_shape(qtbot, window, "stage-2")
    box = choose_kind(qtbot, window, Qt.Key.Key_E)  # dialogs answer nothing: cancelled

    assert len(dialogs.of("exec")) == 1
    assert window.editor.doc == make_doc() and window.editor.stack.count() == 0
    assert box.currentText() == "Stage"
    assert "stays a stage" in window.statusBar().currentMessage()


def test_a_start_cannot_keep_incoming_arrows(qtbot, window, dialogs) -> None:
    dialogs.lane_choice = "Change"
    select_shape(qtbot, window, "stage-1")
    choose_kind(qtbot, window, Qt.Key.Key_Up)  # Stage -> Start, the entry above

    [(_, _, text)] = dialogs.of("exec")
    assert "the arrow from 'Lead in'" in text
    doc = window.editor.doc
    assert doc.nodes["stage-1"].kind is NodeKind.START
    assert doc.in_edges("stage-1") == () and set(doc.out_edges("stage-1")) == {"e2", "e4"}


def test_an_end_that_becomes_a_decision_says_its_outcome_was_dropped(qtbot, window,
                                                                  dialogs) -> None:
    select_shape(qtbot, window, "end-1")
    choose_kind(qtbot, window, Qt.Key.Key_Up)  # End -> Decision
    doc = window.editor.doc
    assert doc.nodes["end-1"].kind is NodeKind.DECISION and doc.nodes["end-1"].outcome is None
    assert "its outcome (won)" in window.statusBar().currentMessage()
    assert dialogs.of("exec") == []  # no arrow is lost: nothing to ask
    outcome = window.properties_dock.widget().findChild(QComboBox, "outcome")
    assert not outcome.isEnabled()


def test_change_kind_from_the_shapes_context_menu(qtbot, window, dialogs) -> None:
    node = window.editor.doc.nodes["stage-3"]
    pos = at(window, node.x, node.y)
    QApplication.sendEvent(viewport(window), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, viewport(window).mapToGlobal(pos)))
    menu = window.editor.context_menu
    assert isinstance(menu, QMenu)
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    assert window.editor.scene.selected_ids()[0] == ["stage-3"]
    qtbot.keyClick(menu, Qt.Key.Key_K)  # Change &Kind
    kinds = menu.findChild(QMenu, "changeKindMenu")
    qtbot.waitUntil(kinds.isVisible, timeout=2000)
    qtbot.keyClick(kinds, Qt.Key.Key_D)  # &Decision
    assert window.editor.doc.nodes["stage-3"].kind is NodeKind.DECISION
    assert window.editor.stack.count() == 1


def test_change_kind_from_the_edit_menu(qtbot, window, dialogs) -> None:
    select_shape(qtbot, window, "stage-3")
    edit = next(item.menu() for item in window.menuBar().actions()
                if item.text().replace("&", "") == "Edit")
    edit.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(edit.isVisible, timeout=2000)
    qtbot.keyClick(edit, Qt.Key.Key_K)  # Change &Kind
    kinds = edit.findChild(QMenu, "editChangeKindMenu")
    qtbot.waitUntil(kinds.isVisible, timeout=2000)
    assert [a.isChecked() for a in kinds.actions()] == [False, True, False, False]
    qtbot.keyClick(kinds, Qt.Key.Key_E)  # &End: stage-3's arrow to end-1 cannot stay
    assert dialogs.of("exec") and window.editor.doc == make_doc()  # not agreed: unchanged
    assert window.editor.doc.nodes["stage-3"].kind is NodeKind.STAGE
