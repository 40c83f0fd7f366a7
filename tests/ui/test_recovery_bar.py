"""Recovery copies left by an earlier crash are offered in a bar over the canvas, after the file
asked for on the command line has opened, and never in a dialog that blocks it: Restore opens the
unsaved work, Later keeps it for next time (or File › Recover Unsaved Work), Discard (confirmed)
deletes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from ui_helpers import make_doc

from flowedit.io import save_document
from flowedit.io.recovery import RecoveryStore
from flowedit.model import Document, Node, NodeKind
from flowedit.ui.app import create_window, show_window
from flowedit.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def state_home(tmp_path, monkeypatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


def draft() -> Document:
    doc = Document("Draft plan")
    doc.add_node(Node("lead", NodeKind.START, "Kept lead", x=100, y=100))
    return doc


def start(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """As `flowedit PATH` starts: the window with the file, then (once its canvas has painted)
    the offer."""
    window = create_window(str(path))
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.stack.setClean())
    show_window(window)
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.editor.starting, timeout=10000)
    return window


def recover_from_the_file_menu(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    file_menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitExposed(file_menu)
    qtbot.keyClick(file_menu, Qt.Key.Key_U)  # Recover &Unsaved Work


def test_the_file_asked_for_opens_and_an_untitled_copy_waits_in_a_bar(qtbot, tmp_path,
                                                                      state_home, dialogs):
    store = RecoveryStore()
    store.write(store.key_for(None), draft(), None)
    path = tmp_path / "asked.yaml"
    save_document(make_doc(), path)

    window = start(qtbot, path)
    assert window.path == path and window.editor.doc == make_doc()
    assert QApplication.activeModalWidget() is None, "nothing blocks the file asked for"
    bar = window.recovery_bar
    assert bar.isVisible()
    assert "Untitled (Draft plan)" in bar.message.text()
    assert "never saved to a file" in bar.message.text()

    qtbot.mouseClick(bar.later_button, LEFT)
    assert not bar.isVisible()
    assert len(RecoveryStore().copies()) == 1, "Later keeps the copy"
    assert window.editor.doc == make_doc()

    recover_from_the_file_menu(qtbot, window)
    qtbot.waitUntil(bar.isVisible, timeout=2000)
    qtbot.mouseClick(bar.restore_button, LEFT)
    assert window.editor.doc.title == "Draft plan"
    assert window.path is None and window.isWindowModified()
    assert not bar.isVisible()
    assert len(RecoveryStore().copies()) == 1, "the restored work keeps its copy until saved"
    assert dialogs.calls == []


def test_every_copy_is_offered_in_turn_and_discard_asks_first(qtbot, tmp_path, state_home,
                                                              dialogs, monkeypatch):
    path = tmp_path / "asked.yaml"
    save_document(make_doc(), path)
    changed = make_doc()
    changed.rename_node("stage-1", "Qualify (unsaved)")
    store = RecoveryStore()
    store.write(store.key_for(path), changed, path)
    store.write(store.key_for(None), draft(), None)

    window = start(qtbot, path)
    assert window.path == path and window.editor.doc == make_doc()
    bar = window.recovery_bar
    assert bar.isVisible() and "2 copies" in bar.message.text()

    untitled_first = bar.current is not None and bar.current.original is None
    if not untitled_first:
        qtbot.mouseClick(bar.later_button, LEFT)
    assert bar.current is not None and bar.current.original is None
    qtbot.mouseClick(bar.discard_button, LEFT)  # the dialogs fixture answers Cancel
    assert [title for kind, title, _ in dialogs.calls] == ["Discard unsaved work?"]
    assert len(RecoveryStore().copies()) == 2 and bar.isVisible()

    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(bar.discard_button, LEFT)
    assert [copy.original for copy in RecoveryStore().copies()] == [path.resolve()]

    if not bar.isVisible():  # the file's copy was put off with Later above
        recover_from_the_file_menu(qtbot, window)
        qtbot.waitUntil(bar.isVisible, timeout=2000)
    assert "asked.yaml" in bar.message.text()
    qtbot.mouseClick(bar.restore_button, LEFT)
    assert window.editor.doc.nodes["stage-1"].name == "Qualify (unsaved)"
    assert window.path == path.resolve() and window.isWindowModified()
    assert not bar.isVisible()
