"""The find bar, driven by real keys: Ctrl+F opens it, typing finds shapes by name, owner or
description (ignoring case and accents) in flow order and shows the first, Enter/F3 and
Shift+Enter/Shift+F3 step through the matches with wrap-around, each selected and centred, and
Esc closes the bar and gives the keyboard back to the canvas."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_helpers import make_doc

from flowedit.model import Document, Node, NodeKind
from flowedit.ui.canvas.find_bar import FindBar, find_nodes, fold

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def bar(qtbot, window) -> FindBar:  # type: ignore[no-untyped-def]
    """A find bar over the top of the canvas, opened by the window's Ctrl+F (the window does
    not make one itself yet)."""
    find = FindBar(window.canvas_holder)
    qtbot.addWidget(find)
    find.set_editor(window.editor)
    find.setGeometry(0, 0, window.canvas_holder.width(), find.sizeHint().height())
    find.hide()
    window.find_bar = find
    return find


def open_bar(qtbot, window, bar: FindBar) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_F, CTRL)
    assert bar.isVisible()
    qtbot.waitUntil(bar.field.hasFocus, timeout=2000)


def selected(window) -> list[str]:  # type: ignore[no-untyped-def]
    return window.editor.scene.selected_ids()[0]


def assert_shown(window, bar: FindBar, node_id: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert selected(window) == [node_id]
    node = window.editor.doc.nodes[node_id]
    view = window.editor.view
    centre = view.mapToScene(view.viewport().rect().center())
    assert abs(centre.x() - node.x) <= 2 and abs(centre.y() - node.y) <= 2, (centre, node_id)
    assert bar.status.text() == status
    assert bar.matches[bar.current] == node_id


def test_typing_finds_in_flow_order_and_enter_and_f3_step_through_with_wraparound(
        qtbot, window, bar):
    open_bar(qtbot, window, bar)
    assert bar.objectName() == "findBar" and bar.field.objectName() == "findField"
    qtbot.keyClicks(bar.field, "O")
    # "Demo", "Onboard", "Won" in flow order (start, Qualify, Demo, Onboard, Won).
    assert bar.matches == ["stage-2", "stage-3", "end-1"]
    assert_shown(window, bar, "stage-2", "1 of 3")

    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert_shown(window, bar, "stage-3", "2 of 3")
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert_shown(window, bar, "end-1", "3 of 3")
    qtbot.keyClick(bar.field, Qt.Key.Key_Enter)  # the keypad's Enter
    assert_shown(window, bar, "stage-2", "1 of 3")  # wrapped around
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert_shown(window, bar, "end-1", "3 of 3")  # and back
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert_shown(window, bar, "stage-3", "2 of 3")
    assert bar.current == 1
    assert bar.field.hasFocus()  # the keyboard stays in the field
    assert window.editor.doc == make_doc()  # finding changes nothing


def test_narrowing_the_text_narrows_the_matches(qtbot, window, bar):
    open_bar(qtbot, window, bar)
    qtbot.keyClicks(bar.field, "on")
    assert bar.matches == ["stage-3", "end-1"]
    assert_shown(window, bar, "stage-3", "1 of 2")
    qtbot.keyClicks(bar.field, "b")
    assert bar.matches == ["stage-3"]
    assert_shown(window, bar, "stage-3", "1 of 1")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert_shown(window, bar, "stage-3", "1 of 1")


def test_owner_and_description_are_searched_ignoring_case_and_accents(qtbot, window, bar):
    editor = window.editor
    editor.set_node_fields("stage-1", "Owner", owner="Zoë Müller")
    editor.set_node_fields("stage-3", "Description", description="Kick-off at the CAFÉ")
    editor.set_node_fields("end-1", "Rename", name="Won in Straße")
    open_bar(qtbot, window, bar)
    qtbot.keyClicks(bar.field, "zoe mull")
    assert_shown(window, bar, "stage-1", "1 of 1")
    bar.field.clear()
    qtbot.keyClicks(bar.field, "cafe")
    assert bar.matches == ["stage-3"]
    bar.field.clear()
    bar.field.insert("Zoë")  # QTest types ASCII only; as if typed, or pasted
    assert bar.matches == ["stage-1"]
    bar.field.clear()
    qtbot.keyClicks(bar.field, "STRASSE")
    assert bar.matches == ["end-1"]


def test_no_match_says_so_and_enter_then_does_nothing(qtbot, window, bar):
    open_bar(qtbot, window, bar)
    qtbot.mouseClick(bar.field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.field, "xyz")
    assert bar.matches == [] and bar.current == -1
    assert bar.status.text() == "No match"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    qtbot.keyClick(bar.field, Qt.Key.Key_F3, SHIFT)
    assert selected(window) == []
    assert not bar.next_button.isEnabled()
    bar.field.clear()
    assert bar.status.text() == ""


def test_escape_closes_the_bar_and_gives_the_keyboard_back_to_the_canvas(qtbot, window, bar):
    closed: list[int] = []
    bar.closed.connect(lambda: closed.append(1))
    open_bar(qtbot, window, bar)
    qtbot.keyClicks(bar.field, "demo")
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert closed == [1]
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)
    assert selected(window) == ["stage-2"]  # the found shape stays selected
    # Ctrl+F again: the text is still there, selected, ready to type over.
    open_bar(qtbot, window, bar)
    assert bar.field.selectedText() == "demo"
    assert bar.status.text() == "1 of 1"
    qtbot.keyClicks(bar.field, "won")
    assert_shown(window, bar, "end-1", "1 of 1")


def test_the_buttons_step_and_close_too(qtbot, window, bar):
    open_bar(qtbot, window, bar)
    qtbot.keyClicks(bar.field, "o")
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert_shown(window, bar, "stage-3", "2 of 3")
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.previous_button, Qt.MouseButton.LeftButton)
    assert_shown(window, bar, "end-1", "3 of 3")
    qtbot.mouseClick(bar.close_button, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()


def test_matches_follow_edits_while_the_bar_is_open(qtbot, window, bar):
    open_bar(qtbot, window, bar)
    qtbot.keyClicks(bar.field, "o")
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert_shown(window, bar, "stage-3", "2 of 3")
    # Qualify (before Onboard in flow order) now matches too; Onboard stays the current one.
    window.editor.set_node_fields("stage-1", "Rename", name="Qualify on the phone")
    qtbot.waitUntil(lambda: len(bar.matches) == 4, timeout=2000)
    assert bar.matches == ["stage-1", "stage-2", "stage-3", "end-1"]
    assert bar.status.text() == "3 of 4" and bar.matches[bar.current] == "stage-3"


def test_one_bar_follows_the_window_across_documents(qtbot, window, bar):
    other = Document("Other")
    other.add_node(Node("go", NodeKind.START, "Go", x=100, y=100))
    other.add_node(Node("done", NodeKind.END, "Gone", x=400, y=100))
    other.connect("go", "done")
    window.set_document(other, None)
    bar.set_editor(window.editor)
    qtbot.wait(20)  # the previous editor is deleted
    open_bar(qtbot, window, bar)
    qtbot.keyClicks(bar.field, "go")
    assert bar.matches == ["go", "done"]
    assert_shown(window, bar, "go", "1 of 2")
    qtbot.keyClick(bar.field, Qt.Key.Key_F3)
    assert_shown(window, bar, "done", "2 of 2")


def test_find_nodes_and_fold() -> None:
    assert fold("Crème BRÛLÉE") == "creme brulee"
    assert fold("Straße") == "strasse"
    doc = make_doc()
    assert find_nodes(doc, "") == [] and find_nodes(doc, "   ") == []
    assert find_nodes(doc, "  qual ") == ["stage-1"]
    assert find_nodes(doc, "N") == ["start-1", "stage-3", "end-1"]
