"""Sub-processes in the editor (issue 18): a stage's ⊞ mark or Ctrl+Down opens its sub-process
in the same window, the breadcrumb and Ctrl+Up lead back, every edit at any level is one step
of the one undo stack (undo shows the level the edit was made at), and the Edit menu's
sub-process commands are one undo step each that undo exactly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QToolButton
from ui_helpers import LEFT, at, choose_from_menu, make_doc, show_origin, viewport

from flowedit.io import dumps_document, load_document
from flowedit.model.operations import Recorder
from flowedit.model.subprocess import make_subprocess
from flowedit.render.painting import subprocess_mark_rect
from flowedit.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-with-prospecting.yaml"


def _show(qtbot, window: MainWindow, doc, path=None) -> None:  # type: ignore[no-untyped-def]
    window.set_document(doc, path)
    qtbot.wait(20)  # the zoom-to-fit set_document schedules
    show_origin(window)
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)


@pytest.fixture
def nested(qtbot, window: MainWindow) -> MainWindow:  # type: ignore[no-untyped-def]
    """The test document with 'Demo' (stage-2) holding a sub-process made from it."""
    doc = make_doc()
    make_subprocess(Recorder(doc), "stage-2")
    _show(qtbot, window, doc)
    return window


def _double_click_mark(qtbot, window: MainWindow, node_id: str) -> None:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    qtbot.mouseDClick(viewport(window), LEFT, pos=at(window, *_centre(subprocess_mark_rect(node))))


def _centre(rect) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    return rect.center().x(), rect.center().y()


def _crumb_buttons(window: MainWindow) -> list[QToolButton]:
    return [part for part in window.breadcrumb.parts if isinstance(part, QToolButton)]


def test_double_clicking_the_mark_opens_the_sub_process_and_the_breadcrumb_leads_back(
        qtbot, nested: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = nested
    _double_click_mark(qtbot, window, "stage-2")
    assert window.editor.path == ("stage-2",)
    assert set(window.editor.scene.node_items) == {"start", "step", "end-1"}
    assert window.breadcrumb.isVisible()
    assert window.breadcrumb.text() == "Test sales process › Demo"
    assert window.editor.inline is None  # opened, not renamed
    top = _crumb_buttons(window)[0]
    qtbot.mouseClick(top, LEFT)
    assert window.editor.path == ()
    assert "stage-2" in window.editor.scene.node_items


def test_double_clicking_the_name_still_renames(qtbot, nested: MainWindow) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseDClick(viewport(nested), LEFT, pos=at(nested, 400, 292))
    assert nested.editor.path == ()
    assert nested.editor.inline is not None


def test_ctrl_down_and_ctrl_up_walk_the_levels(qtbot, nested: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = nested
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 380, 300))
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Down, CTRL)
    assert window.editor.path == ("stage-2",)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Up, CTRL)
    assert window.editor.path == ()
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]  # where we came from


def test_an_edit_inside_undoes_from_the_top_level_and_shows_its_level(
        qtbot, nested: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = nested
    before = dumps_document(window.editor.root)
    _double_click_mark(qtbot, window, "stage-2")
    step = window.editor.doc.nodes["step"]
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, step.x, step.y))
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Right)  # nudge: an edit in the sub-process
    assert window.editor.root.level(("stage-2",)).nodes["step"].x == step.x + 10
    assert window.editor.stack.count() == 1
    assert window.isWindowModified()  # the file has unsaved changes
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Up, CTRL)
    assert window.editor.path == ()
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert window.editor.path == ("stage-2",)  # undo went where the edit was
    assert dumps_document(window.editor.root) == before
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Up, CTRL)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert window.editor.path == ("stage-2",)
    assert window.editor.doc.nodes["step"].x == step.x + 10


def test_group_into_sub_process_from_the_edit_menu_undoes_exactly(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    before = dumps_document(window.editor.root)
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 380, 100))
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 380, 300),
                     stateKey=Qt.KeyboardModifier.ControlModifier)
    choose_from_menu(qtbot, window, "Edit", "Group into Sub-process")
    doc = window.editor.doc
    assert "stage-1" not in doc.nodes and "stage-2" not in doc.nodes
    (stage_id,) = window.editor.scene.selected_ids()[0]
    assert set(doc.level((stage_id,)).nodes) >= {"stage-1", "stage-2"}
    assert window.editor.stack.count() == 1
    assert window.editor.stack.undoText() == "Group into Sub-process"
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert dumps_document(window.editor.root) == before


def test_ungroup_from_the_edit_menu_undoes_exactly(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """Undoing the ungrouping of the sample's Prospecting crashed the canvas (a shape removed
    in the same batch was deleted while Qt's index still held it)."""
    _show(qtbot, window, load_document(SAMPLE), SAMPLE)
    before = dumps_document(window.editor.root)
    window.editor.focus_node("prospecting")
    choose_from_menu(qtbot, window, "Edit", "Ungroup Sub-process")
    assert "prospecting" not in window.editor.doc.nodes
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert dumps_document(window.editor.root) == before
    assert "prospecting" in window.editor.scene.node_items


def test_make_sub_process_is_greyed_until_a_plain_stage_is_selected(
        qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    edit = next(item.menu() for item in window.menuBar().actions()
                if item.text().replace("&", "") == "Edit")
    make = next(a for a in edit.actions() if a.text().replace("&", "") == "Make Sub-process")
    edit.aboutToShow.emit()
    assert not make.isEnabled() and make.toolTip()
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 380, 100))
    choose_from_menu(qtbot, window, "Edit", "Make Sub-process")
    assert window.editor.doc.nodes["stage-1"].process is not None
    assert window.editor.stack.undoText() == "Make Sub-process"
    edit.aboutToShow.emit()
    assert not make.isEnabled()  # it has one now
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert window.editor.doc == make_doc()


def test_a_linked_sub_process_is_shown_but_not_changed(qtbot, window: MainWindow,
                                                      tmp_path) -> None:  # type: ignore[no-untyped-def]
    child = make_doc()
    (tmp_path / "child.yaml").write_text(dumps_document(child), encoding="utf-8")
    parent = make_doc()
    parent.update_node("stage-2", subprocess="child.yaml")
    (tmp_path / "parent.yaml").write_text(dumps_document(parent), encoding="utf-8")
    _show(qtbot, window, load_document(tmp_path / "parent.yaml"), tmp_path / "parent.yaml")
    _double_click_mark(qtbot, window, "stage-2")
    assert window.editor.path == ("stage-2",)
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 400, 100))
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Right)
    assert window.editor.stack.count() == 0
    assert "child.yaml" in window.statusBar().currentMessage()
    QApplication.processEvents()


def test_properties_open_the_sub_process_and_set_own_figures_and_an_exit(
        qtbot, nested: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = nested
    panel = window.properties_holder.current
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, 380, 300))
    assert panel.subprocess_label.text() == "1 stage" and panel.subprocess_row.isVisible()
    box = panel.own_figures_field
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))
    assert window.editor.doc.nodes["stage-2"].own_figures is True
    qtbot.mouseClick(panel.open_button, LEFT)
    assert window.editor.path == ("stage-2",)
    end = window.editor.doc.nodes["end-1"]
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, end.x, end.y))
    assert panel.exit_field.isVisible()
    assert [panel.exit_field.itemText(i) for i in range(panel.exit_field.count())] == [
        "(by name or outcome)", "Won"]
    panel.exit_field.setFocus()
    qtbot.keyClick(panel.exit_field, Qt.Key.Key_Up)  # back to "(by name or outcome)"
    assert window.editor.doc.nodes["end-1"].exit is None
    assert window.editor.stack.count() == 2


def test_the_outline_shows_the_levels_below_and_leads_into_them(
        qtbot, nested: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from ui_helpers import open_outline

    outline = open_outline(qtbot, nested)
    row = outline.node_item("stage-2")
    header = row.child(row.childCount() - 1)
    assert header.text(0) == "Sub-process: 3 shapes"
    assert [header.child(i).text(0) for i in range(header.childCount())] == [
        "Start: Start", "Stage: Demo", "End (won): Won"]
    outline.scrollToItem(header)
    qtbot.mouseClick(outline.viewport(), LEFT, pos=outline.visualItemRect(header).center())
    assert nested.editor.path == ("stage-2",)
    outline.refresh(force=True)  # the outline follows the level shown
    assert outline.node_item("step") is not None


def test_find_searches_every_level_and_shows_the_match_in_its_level(
        qtbot, nested: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window = nested
    qtbot.keyClick(window.editor.view, Qt.Key.Key_F, CTRL)
    qtbot.waitUntil(window.find_bar.field.hasFocus, timeout=2000)
    qtbot.keyClicks(window.find_bar.field, "demo")  # the stage, and the step inside it
    assert window.find_bar.found == [((), "stage-2"), (("stage-2",), "step")]
    assert window.editor.path == ()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)
    assert window.editor.path == ("stage-2",)
    assert window.editor.scene.selected_ids()[0] == ["step"]
    assert window.find_bar.status.text() == "2 of 2"
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Return)  # wraps round to the top level
    assert window.editor.path == ()
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]


def test_a_problem_inside_a_sub_process_leads_to_its_level(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from flowedit.model import Node, NodeKind

    doc = make_doc()
    make_subprocess(Recorder(doc), "stage-2")
    doc.level(("stage-2",)).add_node(Node("orphan", NodeKind.STAGE, "Orphan", x=340, y=250))
    _show(qtbot, window, doc)
    panel = window.problems_panel
    item = next(panel.item(i) for i in range(panel.count()) if "never" in panel.item(i).text())
    assert item.text().startswith("Error: Test sales process › Demo: 'Orphan'")
    qtbot.mouseClick(panel.viewport(), LEFT, pos=panel.visualItemRect(item).center())
    assert window.editor.path == ("stage-2",)
    assert window.editor.scene.selected_ids()[0] == ["orphan"]
    # Inside, the problem is the sub-process's own: listed without the breadcrumb.
    qtbot.waitUntil(lambda: any(panel.item(i).text().startswith("Error: 'Orphan'")
                                for i in range(panel.count())), timeout=2000)
