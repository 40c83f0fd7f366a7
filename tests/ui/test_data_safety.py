"""Work is never lost through the editor (issue 11): an edit past a limit of the file format is
refused so that every save can be opened again; Enter on "changed by another program, reload
it?" keeps the work; reloading over unsaved work keeps it as a recovery copy; a read-only file is
not replaced but offered to Save As; temporary files that a killed save left are cleaned up.

The tests run as root, who may write any file: read-only is tested by the permission bits, which
flowedit asks before the atomic rename (which needs only the folder's permission) would replace
the file.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import make_doc

from flowedit.io import dumps_document, load_document, save_document
from flowedit.io.recovery import RecoveryStore
from flowedit.model import Document, Lane
from flowedit.model.limits import MAX_LANES
from flowedit.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery copies go to a folder of this test (set before the window exists)."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


def shown_window(qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win, before_close_func=lambda w: w.editor.stack.setClean())
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


@pytest.fixture
def window(qtbot, dialogs) -> MainWindow:  # type: ignore[no-untyped-def]
    return shown_window(qtbot)


def open_file(window: MainWindow, doc: Document, tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir(exist_ok=True)
    path = folder / "pipeline.yaml"
    save_document(doc, path)
    assert window.session.open_path(path, ask=False)
    return path


def focus_canvas(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)


def press(qtbot, window: MainWindow, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    focus_canvas(qtbot, window)
    qtbot.keyClick(window.editor.view, key, CTRL)


def edit(window: MainWindow) -> None:
    window.editor.set_node_fields("stage-3", "Rename", name="Onboard the customer")
    assert window.isWindowModified()


# ------------------------------------------------------------------------------ limits
def test_lanes_past_the_limit_are_refused_and_the_saved_file_opens_again(
        qtbot, window, dialogs, tmp_path: Path) -> None:
    """The reported case: a file one lane short of the limit, three lanes added, then saved."""
    doc = Document("Many lanes")
    for i in range(MAX_LANES - 1):
        doc.add_lane(Lane(f"lane-{i}", f"Lane {i}", height=40))
    path = open_file(window, doc, tmp_path)

    messages = []
    window.statusBar().messageChanged.connect(messages.append)
    for _ in range(3):
        press(qtbot, window, Qt.Key.Key_L)  # Lane › Add Lane
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leave the name as it is
    assert len(window.editor.doc.lanes) == MAX_LANES
    assert any(f"at most {MAX_LANES} lanes" in text for text in messages)

    press(qtbot, window, Qt.Key.Key_S)

    assert not window.isWindowModified()
    assert len(load_document(path).lanes) == MAX_LANES


# ------------------------------------------------------------------------------ reload prompt
def colleague_writes(path: Path) -> None:
    doc = make_doc()
    doc.set_title("Changed by a colleague")
    path.write_text(dumps_document(doc), encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))


def test_enter_on_the_reload_question_keeps_the_unsaved_work(qtbot, tmp_path: Path) -> None:
    """A real question box (no `dialogs` patch): Enter answers it with its default button."""
    window = shown_window(qtbot)
    path = open_file(window, make_doc(), tmp_path)
    edit(window)
    mine = dumps_document(window.editor.doc)
    seen: list[str] = []

    def answer_with_enter() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            QTest.keyClick(box, Qt.Key.Key_Return)
        else:
            QTimer.singleShot(20, answer_with_enter)

    QTimer.singleShot(20, answer_with_enter)
    colleague_writes(path)

    qtbot.waitUntil(lambda: bool(seen) and QApplication.activeModalWidget() is None,
                    timeout=10000)
    assert "was changed by another program. Reload it?" in seen[0]
    assert dumps_document(window.editor.doc) == mine
    assert window.isWindowModified()


def test_reloading_over_unsaved_work_keeps_it_as_a_recovery_copy_and_says_where(
        qtbot, window, dialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        state_home: Path) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    path = open_file(window, make_doc(), tmp_path)
    edit(window)
    mine = dumps_document(window.editor.doc)

    colleague_writes(path)

    qtbot.waitUntil(lambda: window.editor.doc.title == "Changed by a colleague", timeout=10000)
    copies = RecoveryStore(state_home / "flowedit").copies()
    assert [dumps_document(copy.load()) for copy in copies] == [mine]
    assert copies[0].original == path.resolve()
    assert str(copies[0].copy_path) in window.statusBar().currentMessage()
    assert not window.isWindowModified()


# ------------------------------------------------------------------------------ read-only
@pytest.mark.parametrize("mode", [0o444, 0o400])
def test_a_read_only_file_is_not_replaced_and_save_as_is_offered(
        qtbot, window, dialogs, tmp_path: Path, mode: int) -> None:
    path = open_file(window, make_doc(), tmp_path)
    before = path.read_bytes()
    path.chmod(mode)
    edit(window)

    press(qtbot, window, Qt.Key.Key_S)  # the box is closed without an answer

    assert [call[1] for call in dialogs.of("exec")] == ["The file is read-only"]
    assert "read-only" in dialogs.of("exec")[0][2]
    assert path.read_bytes() == before
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert window.isWindowModified()
    assert sorted(os.listdir(path.parent)) == ["pipeline.yaml"]

    dialogs.lane_choice = "Save As…"
    dialogs.save_path = str(tmp_path / "work" / "my-version.yaml")
    press(qtbot, window, Qt.Key.Key_S)

    assert path.read_bytes() == before
    assert load_document(dialogs.save_path) == window.editor.doc
    assert not window.isWindowModified()


# ------------------------------------------------------------------------------ stale temporaries
def leftovers(folder: Path) -> dict[str, Path]:
    """What a save killed mid-write leaves, next to files that must stay."""
    aged = time.time() - 3600
    files = {
        "stale": folder / ".pipeline.yaml.k3j_x9a2.tmp",  # ours, an hour old: goes
        "fresh": folder / ".pipeline.yaml.a1b2c3d4.tmp",  # ours, just now: a save in progress
        "other": folder / ".other.yaml.k3j_x9a2.tmp",  # another file's
        "users": folder / ".pipeline.yaml.notes.tmp",  # not our pattern
    }
    for name, path in files.items():
        path.write_bytes(b"flowedit: 1\nnodes:\n- id: half-wri")
        if name != "fresh":
            os.utime(path, (aged, aged))
    return files


def test_a_save_removes_the_temporary_files_a_killed_save_left(qtbot, window, dialogs,
                                                                tmp_path: Path) -> None:
    path = open_file(window, make_doc(), tmp_path)
    files = leftovers(path.parent)
    edit(window)

    press(qtbot, window, Qt.Key.Key_S)

    assert not window.isWindowModified()
    assert {name for name, file in files.items() if file.exists()} == {"fresh", "other", "users"}


def test_opening_removes_the_temporary_files_a_killed_save_left(qtbot, window, dialogs,
                                                                 tmp_path: Path) -> None:
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "pipeline.yaml"
    save_document(make_doc(), path)
    files = leftovers(folder)
    dialogs.open_path = str(path)

    press(qtbot, window, Qt.Key.Key_O)

    assert window.path == path
    assert {name for name, file in files.items() if file.exists()} == {"fresh", "other", "users"}


@pytest.mark.skipif(not hasattr(os, "chown"), reason="needs file owners")
def test_a_temporary_file_of_another_user_is_left_alone(qtbot, window, dialogs,
                                                        tmp_path: Path) -> None:
    path = open_file(window, make_doc(), tmp_path)
    files = leftovers(path.parent)
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    os.chown(files["stale"], os.geteuid() + 1234, -1)
    edit(window)

    press(qtbot, window, Qt.Key.Key_S)

    assert files["stale"].exists()
