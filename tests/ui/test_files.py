"""Files and the unsaved-changes state, through the window's menus and shortcuts: the '*' in the
title follows the undo stack, closing or opening with changes asks, saving clears the mark, and a
file that cannot be read is reported while the open document stays as it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import at, drag, make_doc, shown_title, viewport

from flowedit.io import dumps_document, load_document
from flowedit.model import Document, Lane, Node, NodeKind

CTRL = Qt.KeyboardModifier.ControlModifier
Button = QMessageBox.StandardButton


def edit_something(window) -> None:  # type: ignore[no-untyped-def]
    """A real edit: stage-3 dragged 30 px right."""
    drag(viewport(window), at(window, 150, 500), at(window, 180, 500))
    assert window.editor.doc.nodes["stage-3"].x == 180


def shortcut(qtbot, window, key: Qt.Key, modifiers=CTRL) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, key, modifiers)


# ------------------------------------------------------------------------------ modified mark
def test_an_edit_marks_the_window_modified_and_undoing_it_clears_the_mark(qtbot, window):
    assert not window.isWindowModified()
    assert "*" not in shown_title(window)

    edit_something(window)
    assert window.isWindowModified()
    assert "*" in shown_title(window)

    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert window.editor.doc == make_doc()
    assert not window.isWindowModified()
    assert "*" not in shown_title(window)


# ------------------------------------------------------------------------------ closing
def test_closing_with_changes_asks_and_cancel_keeps_the_window(qtbot, window, dialogs):
    edit_something(window)
    dialogs.warning = Button.Cancel

    assert window.close() is False
    assert len(dialogs.of("warning")) == 1
    assert "Save the changes" in dialogs.of("warning")[0][2]
    assert window.isVisible()
    assert window.editor.doc.nodes["stage-3"].x == 180  # the work is still there
    assert window.isWindowModified()


def test_closing_with_changes_and_discarding_closes(qtbot, window, dialogs):
    edit_something(window)
    dialogs.warning = Button.Discard

    assert window.close() is True
    assert len(dialogs.of("warning")) == 1
    assert not window.isVisible()


def test_closing_with_changes_and_saving_writes_the_file_then_closes(qtbot, window, dialogs,
                                                                    tmp_path):
    edit_something(window)
    dialogs.warning = Button.Save
    dialogs.save_path = str(tmp_path / "deal.yaml")

    assert window.close() is True
    assert not window.isVisible()
    assert load_document(tmp_path / "deal.yaml").nodes["stage-3"].x == 180


def test_closing_without_changes_does_not_ask(qtbot, window, dialogs):
    assert window.close() is True
    assert dialogs.of("warning") == []


# ------------------------------------------------------------------------------ saving
def test_save_writes_the_document_and_the_title_loses_its_star(qtbot, window, dialogs, tmp_path):
    edit_something(window)
    dialogs.save_path = str(tmp_path / "pipeline")  # no suffix typed: .yaml is added

    shortcut(qtbot, window, Qt.Key.Key_S)

    saved = tmp_path / "pipeline.yaml"
    assert saved.exists()
    assert load_document(saved) == window.editor.doc
    assert window.path == saved
    assert not window.isWindowModified()
    assert "*" not in shown_title(window)
    assert shown_title(window).startswith("pipeline.yaml")

    # A later edit marks it again; undoing back to the saved state clears it again.
    edit_something_else(window)
    assert "*" in shown_title(window)
    shortcut(qtbot, window, Qt.Key.Key_Z)
    assert "*" not in shown_title(window)
    # Saving again needs no dialog: the window knows its file.
    edit_something_else(window)
    shortcut(qtbot, window, Qt.Key.Key_S)
    assert len(dialogs.of("save-dialog")) == 1
    assert load_document(saved).nodes["stage-2"].x == 430


def edit_something_else(window) -> None:  # type: ignore[no-untyped-def]
    drag(viewport(window), at(window, 400, 300), at(window, 430, 300))


def test_cancelling_the_save_dialog_keeps_the_changes_unsaved(qtbot, window, dialogs):
    edit_something(window)
    dialogs.save_path = ""
    shortcut(qtbot, window, Qt.Key.Key_S)
    assert len(dialogs.of("save-dialog")) == 1
    assert window.isWindowModified()
    assert window.path is None


# ------------------------------------------------------------------------------ opening
def test_opening_a_broken_file_reports_it_and_keeps_the_document(qtbot, window, dialogs,
                                                                 tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n  nodes: {\n", encoding="utf-8")
    dialogs.open_path = str(broken)
    doc_before = window.editor.doc

    shortcut(qtbot, window, Qt.Key.Key_O)

    errors = dialogs.of("critical")
    assert len(errors) == 1
    assert errors[0][1] == "Cannot open the file"
    assert "broken.yaml" in errors[0][2]
    assert window.editor.doc is doc_before
    assert window.editor.doc == make_doc()
    assert window.path is None


def test_opening_a_broken_file_after_discarding_keeps_the_unsaved_work(qtbot, window, dialogs,
                                                                       tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"\x00\x01 not a process")
    edit_something(window)
    dialogs.warning = Button.Discard
    dialogs.open_path = str(broken)

    shortcut(qtbot, window, Qt.Key.Key_O)

    assert len(dialogs.of("critical")) == 1
    assert window.editor.doc.nodes["stage-3"].x == 180
    assert window.isWindowModified()


def test_open_with_changes_asks_first_and_cancel_keeps_everything(qtbot, window, dialogs,
                                                                  tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(dumps_document(small_doc()), encoding="utf-8")
    edit_something(window)
    dialogs.warning = Button.Cancel
    dialogs.open_path = str(other)

    shortcut(qtbot, window, Qt.Key.Key_O)

    assert len(dialogs.of("warning")) == 1
    assert dialogs.of("open-dialog") == []
    assert window.editor.doc.nodes["stage-3"].x == 180


def small_doc() -> Document:
    doc = Document("Other process")
    doc.add_lane(Lane("sdr", "SDR"))
    doc.add_node(Node("in", NodeKind.START, "Inbound", x=100, y=90, lane="sdr"))
    return doc


def test_opening_a_file_shows_it_unmodified(qtbot, window, dialogs, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(dumps_document(small_doc()), encoding="utf-8")
    dialogs.open_path = str(other)

    shortcut(qtbot, window, Qt.Key.Key_O)

    assert dialogs.of("critical") == []
    assert window.editor.doc == small_doc()
    assert window.path == other
    assert not window.isWindowModified()
    assert shown_title(window).startswith("other.yaml")


def test_opening_a_file_keeps_the_canvas_usable(qtbot, window, dialogs, tmp_path):
    """The canvas keeps its size when another document replaces the open one."""
    view_width = window.editor.view.width()
    assert view_width > 600
    other = tmp_path / "other.yaml"
    other.write_text(dumps_document(small_doc()), encoding="utf-8")
    dialogs.open_path = str(other)

    shortcut(qtbot, window, Qt.Key.Key_O)
    qtbot.wait(20)

    assert window.editor.doc == small_doc()
    assert window.editor.view.width() >= 0.9 * view_width, (
        f"the canvas shrank from {view_width} to {window.editor.view.width()} px wide")
