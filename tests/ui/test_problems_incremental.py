"""The Problems panel lists again only when the problems changed (issue 13): most edits (a
rename, a move) change none, and re-listing thousands of lines after each would cost a frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import LEFT, at, inline_editor, viewport


def test_an_edit_that_changes_no_problem_keeps_the_list(qtbot, window):
    panel = window.problems_panel
    before = [panel.item(i) for i in range(panel.count())]
    assert before and before[0].text().startswith("Warning: 'Qualify' has 2 ways on")
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 400, 300))
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Return)
    box = inline_editor(window)
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "Product demo")
    with qtbot.waitSignal(window.editor.problems_changed, timeout=5000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.editor.doc.nodes["stage-2"].name == "Product demo"
    assert [panel.item(i) for i in range(panel.count())] == before
    assert all(panel.item(i) is item for i, item in enumerate(before))


def test_an_edit_that_changes_the_problems_lists_them_again(qtbot, window):
    panel = window.problems_panel
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 400, 300))
    with qtbot.waitSignal(window.editor.problems_changed, timeout=5000):
        qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    # Without Demo, Qualify no longer splits: its warning goes, the list says so.
    texts = [panel.item(i).text() for i in range(panel.count())]
    assert texts == ["No problems found: every stage can be reached and leads somewhere."]
