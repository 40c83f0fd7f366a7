"""Crash recovery: a real editor process killed with unsaved edits leaves a recovery copy that the
next start offers, with the edits in it; saving or undoing to the saved state removes it."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from flowedit.io import load_document, save_document
from flowedit.io.recovery import RecoveryStore
from flowedit.model.generate import generate_process
from flowedit.ui.main_window import MainWindow

_EDITING_SESSION = textwrap.dedent("""
    import sys, time
    from PySide6.QtWidgets import QApplication
    from flowedit.io.recovery import RecoveryStore
    from flowedit.model import NodeKind, editing
    from flowedit.ui.app import create_window
    app = QApplication([])
    window = create_window(sys.argv[1])
    window.show()
    editor = window.editor
    editor.edit("Add stage", lambda rec: editing.place_node(rec, NodeKind.STAGE, 3000, 90,
                                                           name="Added before the crash"))
    editor.set_node_fields("start", "Rename", name="Renamed before the crash")
    def saved_names():
        copies = RecoveryStore().copies()
        return {n.name for n in copies[0].load().nodes.values()} if copies else set()

    deadline = time.time() + 30
    while "Renamed before the crash" not in saved_names() and time.time() < deadline:
        app.processEvents()
        time.sleep(0.05)
    print("EDITED", flush=True)
    app.exec()
""")


@pytest.fixture
def state_home(tmp_path, monkeypatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


def _env() -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_AUTOSAVE_SECONDS="1")


def test_killed_editor_leaves_its_edits_for_the_next_start(tmp_path, state_home, qtbot) -> None:
    path = tmp_path / "process.yaml"
    save_document(generate_process(40), path)
    original = path.read_bytes()
    session = subprocess.Popen([sys.executable, "-c", _EDITING_SESSION, str(path)], env=_env(),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert session.stdout.readline().strip() == "EDITED"
    finally:
        session.send_signal(signal.SIGKILL)
        session.wait(timeout=30)
    assert session.returncode == -signal.SIGKILL
    assert path.read_bytes() == original, "autosave must never write the user's own file"

    restart = subprocess.run([sys.executable, "-m", "flowedit", str(path)], timeout=120,
                             env=dict(_env(), FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1"),
                             capture_output=True, text=True)
    assert restart.returncode == 0, restart.stderr
    assert "found a recovery copy of process.yaml" in restart.stderr

    copies = RecoveryStore().copies()
    assert [copy.original for copy in copies] == [path.resolve()]
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.session.restore_copy(copies[0])
    names = {node.name for node in window.editor.doc.nodes.values()}
    assert {"Added before the crash", "Renamed before the crash"} <= names
    assert window.isWindowModified()
    assert window.path == path.resolve()
    assert window.session.save()
    assert RecoveryStore().copies() == []
    assert "Added before the crash" in {n.name for n in load_document(path).nodes.values()}


def test_copy_follows_unsaved_state(tmp_path, state_home, qtbot) -> None:
    path = tmp_path / "p.yaml"
    save_document(generate_process(20), path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.session.open_path(path, ask=False)
    assert RecoveryStore().copies() == []
    window.editor.set_node_fields("start", "Rename", name="Changed")
    copies = RecoveryStore().copies()
    assert len(copies) == 1 and copies[0].load().nodes["start"].name == "Changed"
    window.editor.stack.undo()
    assert RecoveryStore().copies() == [], "back at the saved state, nothing is left to recover"


def test_untitled_work_is_recovered_too(state_home, qtbot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.editor.edit("Rename process", lambda rec: rec.doc.set_title("Draft") or None)
    window.editor.add_lane_at(None)
    window.editor.close_inline_editor(commit=True)
    copies = RecoveryStore().copies()
    assert len(copies) == 1 and copies[0].original is None
    assert len(copies[0].load().lanes) == 1
    window.editor.stack.setClean()
    window.close()
    assert RecoveryStore().copies() == []


def test_an_unwritable_state_folder_never_stops_editing(tmp_path, monkeypatch, qtbot) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocker))
    window = MainWindow()
    qtbot.addWidget(window)
    window.editor.add_lane_at(None)
    window.editor.close_inline_editor(commit=True)
    assert len(window.editor.doc.lanes) == 1
    assert window.autosaver.failure
    window.editor.stack.setClean()


def test_a_crash_in_a_slot_writes_the_copy_and_keeps_running(state_home, qtbot,
                                                             monkeypatch) -> None:
    from flowedit.ui.files.crash_guard import CrashGuard

    window = MainWindow()
    qtbot.addWidget(window)
    window.editor.add_lane_at(None)
    window.editor.close_inline_editor(commit=True)
    for copy in RecoveryStore().copies():
        RecoveryStore().remove(RecoveryStore().key_of(copy))
    guard = CrashGuard(window.autosaver.write_now)
    try:
        raise ValueError("boom")
    except ValueError:
        guard.handle(*sys.exc_info())
    assert len(RecoveryStore().copies()) == 1
    assert guard.box is not None and "boom" in guard.box.text()
    guard.box.close()
    window.editor.stack.setClean()
    time.sleep(0)
