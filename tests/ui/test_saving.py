"""Saving from the editor never loses work: a save that fails says why and changes nothing (not the
drawing, not its unsaved mark, not the file on disk, and no temporary file is left behind); a file
that another program changed is never overwritten without asking; a change on disk while the file
is open is noticed and offered for reload; saving keeps the file's permissions.

Failures are simulated (the tests run as root, who may write anywhere) by patching what
flowedit.io.atomic calls: `tempfile.mkstemp`, `os.fdopen(...).write`, `os.fsync`, `os.replace`.
The `dialogs` fixture comes from conftest.py and answers every dialog. The window is this
file's own: saving does not care where the canvas shows the document, so conftest's window, whose
setup checks the canvas geometry for the gesture tests, would only add a reason to fail.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import make_doc

from flowedit.io import atomic, dumps_document, load_document, loads_document, save_document
from flowedit.io.recovery import RecoveryStore
from flowedit.model import Document, Node, NodeKind
from flowedit.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
Button = QMessageBox.StandardButton


@pytest.fixture(autouse=True)
def state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Recovery copies go to a folder of this test (set before the window exists)."""
    state = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(state))
    return state


@pytest.fixture
def window(qtbot, dialogs) -> MainWindow:  # type: ignore[no-untyped-def]
    """A shown main window with an untitled document (state_home is set first: autouse)."""
    win = MainWindow()
    # pytest-qt closes the window before fixtures are torn down: closing must not ask.
    qtbot.addWidget(win, before_close_func=lambda w: w.editor.stack.setClean())
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    return win


@pytest.fixture
def opened(window, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """The test document saved as work/pipeline.yaml and opened in the window."""
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "pipeline.yaml"
    save_document(make_doc(), path)
    assert window.session.open_path(path, ask=False)
    assert window.path == path and not window.isWindowModified()
    return path


def edit(window) -> Document:  # type: ignore[no-untyped-def]
    """A real, undoable edit; returns an independent copy of the edited document."""
    window.editor.set_node_fields("stage-3", "Rename", name="Onboard the customer")
    assert window.isWindowModified()
    return copy_of(window.editor.doc)


def copy_of(doc: Document) -> Document:
    return loads_document(dumps_document(doc))


def press_save(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S on the canvas, as the user presses it."""
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_S, CTRL)


def colleague_version() -> Document:
    doc = make_doc()
    doc.set_title("Changed by a colleague")
    doc.add_node(Node("stage-9", NodeKind.STAGE, "Added by a colleague", x=700, y=500,
                      lane="lane-c"))
    return doc


def change_behind_the_back(path: Path, *, atomically: bool = False) -> bytes:
    """Another program writes the colleague's version: longer, and a later modification time."""
    data = dumps_document(colleague_version()).encode("utf-8")
    if atomically:  # as git, vim and most sync tools do: a new file renamed over the old one
        fd, temp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    else:
        path.write_bytes(data)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))
    return data


def files_in(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


# ------------------------------------------------------------------------------ failing saves
def _deny_replace(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real = os.replace

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(dst).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real(src, dst, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", replace)


def _deny_creating(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    real = tempfile.mkstemp

    def mkstemp(*args: Any, dir: Any = None, **kwargs: Any) -> tuple[int, str]:
        if dir is not None and Path(dir) == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(folder))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)


def _read_only_disk(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    def mkstemp(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system", str(folder))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)


class _FillsTheDisk:
    """A file whose write stores half of the data, then finds the disk full."""

    def __init__(self, handle: Any, error: int) -> None:
        self.handle = handle
        self.error = error

    def __enter__(self) -> _FillsTheDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        raise OSError(self.error, os.strerror(self.error))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def _disk_full_on_write(error: int) -> Callable[[pytest.MonkeyPatch, Path], None]:
    def patch(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        real = os.fdopen
        monkeypatch.setattr(atomic.os, "fdopen",
                            lambda fd, *args, **kwargs: _FillsTheDisk(real(fd, *args, **kwargs),
                                                                      error))
    return patch


def _disk_full_on_fsync(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", fsync)


@pytest.mark.parametrize(
    ("failure", "reason"),
    [(_deny_replace, "permission denied"),
     (_deny_creating, "permission denied"),
     (_read_only_disk, "the disk is read-only"),
     (_disk_full_on_write(errno.ENOSPC), "the disk is full"),
     (_disk_full_on_write(errno.EDQUOT), "the disk quota is used up"),
     (_disk_full_on_fsync, "the disk is full")],
    ids=["replace-denied", "create-denied", "read-only", "disk-full-write", "quota",
         "disk-full-fsync"],
)
def test_a_failing_save_says_why_and_changes_nothing(
        qtbot, window, dialogs, opened: Path, monkeypatch: pytest.MonkeyPatch,
        failure: Callable[[pytest.MonkeyPatch, Path], None], reason: str) -> None:
    before_bytes = opened.read_bytes()
    before = edit(window)
    failure(monkeypatch, opened.parent)

    press_save(qtbot, window)

    errors = dialogs.of("critical")
    assert len(errors) == 1, dialogs.calls
    _, title, text = errors[0]
    assert title == "Cannot save"
    assert f"Could not save {opened}: {reason}" in text
    assert "still open and unchanged" in text
    assert window.editor.doc == before
    assert window.isWindowModified() and not window.editor.stack.isClean()
    assert window.path == opened
    assert opened.read_bytes() == before_bytes
    assert files_in(opened.parent) == ["pipeline.yaml"], "no temporary file is left behind"
    copies = RecoveryStore().copies()  # and the work is still kept for a crash
    assert [copy.load() for copy in copies] == [before]


def test_after_a_failed_save_the_next_one_succeeds(qtbot, window, dialogs, opened: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    before = edit(window)
    with monkeypatch.context() as patch:
        _disk_full_on_fsync(patch, opened.parent)
        press_save(qtbot, window)
    assert len(dialogs.of("critical")) == 1

    press_save(qtbot, window)  # room was made on the disk

    assert len(dialogs.of("critical")) == 1
    assert load_document(opened) == before
    assert not window.isWindowModified()
    assert files_in(opened.parent) == ["pipeline.yaml"]
    assert RecoveryStore().copies() == []


def test_saving_into_a_folder_that_was_removed_says_so(qtbot, window, dialogs,
                                                       opened: Path) -> None:
    before = edit(window)
    shutil.rmtree(opened.parent)
    # A vanished file is simply written again (no question); the answer is set in case it did.
    dialogs.lane_choice = "Overwrite"

    press_save(qtbot, window)

    errors = dialogs.of("critical")
    assert len(errors) == 1, dialogs.calls
    assert "the folder does not exist (any more)" in errors[0][2]
    assert str(opened) in errors[0][2]
    assert window.editor.doc == before
    assert window.isWindowModified()
    assert not opened.parent.exists(), "nothing was created"


def test_saving_a_file_that_was_deleted_writes_it_again_without_asking(
        qtbot, window, dialogs, opened: Path) -> None:
    before = edit(window)
    opened.unlink()

    press_save(qtbot, window)

    assert dialogs.of("exec") == []
    assert load_document(opened) == before


# ------------------------------------------------------------------------------ changed on disk
@pytest.fixture
def unwatched(window, opened: Path) -> Path:  # type: ignore[no-untyped-def]
    """The open file, no longer watched: as on a network drive, where the watcher often sees
    nothing, so that saving itself has to notice the change."""
    window.session.watcher.removePaths(window.session.watcher.files())
    return opened


def test_a_file_changed_behind_the_editors_back_is_not_overwritten_on_cancel(
        qtbot, window, dialogs, unwatched: Path) -> None:
    before = edit(window)
    theirs = change_behind_the_back(unwatched)
    dialogs.lane_choice = "Cancel"

    press_save(qtbot, window)

    asked = dialogs.of("exec")
    assert len(asked) == 1
    assert asked[0][1] == "The file changed on disk"
    assert "pipeline.yaml was changed by another program" in asked[0][2]
    assert unwatched.read_bytes() == theirs
    assert window.editor.doc == before
    assert window.isWindowModified()
    assert files_in(unwatched.parent) == ["pipeline.yaml"]


def test_a_file_changed_on_disk_is_asked_about_again_at_every_save(
        qtbot, window, dialogs, unwatched: Path) -> None:
    edit(window)
    theirs = change_behind_the_back(unwatched)
    press_save(qtbot, window)  # closed without an answer
    press_save(qtbot, window)
    assert len(dialogs.of("exec")) == 2
    assert unwatched.read_bytes() == theirs


def test_overwrite_writes_the_editors_version(qtbot, window, dialogs, unwatched: Path) -> None:
    before = edit(window)
    change_behind_the_back(unwatched)
    dialogs.lane_choice = "Overwrite"

    press_save(qtbot, window)

    assert len(dialogs.of("exec")) == 1
    assert load_document(unwatched) == before
    assert unwatched.read_text(encoding="utf-8") == dumps_document(before)
    assert not window.isWindowModified()
    press_save(qtbot, window)  # the file is ours again: no more questions
    assert len(dialogs.of("exec")) == 1


def test_reload_replaces_the_document_with_the_file_on_disk(qtbot, window, dialogs,
                                                            unwatched: Path) -> None:
    edit(window)
    theirs = change_behind_the_back(unwatched)
    dialogs.lane_choice = "Reload"

    press_save(qtbot, window)

    assert window.editor.doc == colleague_version()
    assert not window.isWindowModified()
    assert unwatched.read_bytes() == theirs, "reloading writes nothing"
    assert dialogs.of("critical") == []


def test_save_as_keeps_both_versions(qtbot, window, dialogs, unwatched: Path) -> None:
    before = edit(window)
    theirs = change_behind_the_back(unwatched)
    dialogs.lane_choice = "Save As…"
    dialogs.save_path = str(unwatched.parent / "mine.yaml")

    press_save(qtbot, window)

    assert unwatched.read_bytes() == theirs
    assert load_document(unwatched.parent / "mine.yaml") == before
    assert window.path == unwatched.parent / "mine.yaml"
    assert not window.isWindowModified()


def test_a_change_of_the_same_size_is_noticed_by_its_time(qtbot, window, dialogs,
                                                          unwatched: Path) -> None:
    edit(window)
    same_size = unwatched.read_bytes().replace(b"Qualify", b"Qualifx")
    unwatched.write_bytes(same_size)
    info = unwatched.stat()
    os.utime(unwatched, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))

    press_save(qtbot, window)

    assert len(dialogs.of("exec")) == 1
    assert unwatched.read_bytes() == same_size


# ------------------------------------------------------------------------------ the watcher
def answer_questions(monkeypatch: pytest.MonkeyPatch, dialogs: Any,
                     answer: QMessageBox.StandardButton) -> None:
    def question(parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        dialogs.calls.append(("question", title, text))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)


@pytest.mark.parametrize("atomically", [False, True], ids=["written-in-place", "replaced"])
def test_a_change_on_disk_is_offered_for_reload_and_yes_reloads(
        qtbot, window, dialogs, opened: Path, monkeypatch: pytest.MonkeyPatch,
        atomically: bool) -> None:
    answer_questions(monkeypatch, dialogs, Button.Yes)

    change_behind_the_back(opened, atomically=atomically)

    qtbot.waitUntil(lambda: window.editor.doc == colleague_version(), timeout=5000)
    asked = dialogs.of("question")
    assert len(asked) == 1
    assert asked[0][1] == "The file changed on disk"
    assert "pipeline.yaml was changed by another program. Reload it?" in asked[0][2]
    assert "unsaved" not in asked[0][2]  # nothing to lose
    assert not window.isWindowModified()


def test_a_second_change_after_a_replace_is_noticed_too(qtbot, window, dialogs, opened: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Replacing a file drops the watch on it; the window watches the new file again."""
    answer_questions(monkeypatch, dialogs, Button.Yes)
    change_behind_the_back(opened, atomically=True)
    qtbot.waitUntil(lambda: window.editor.doc == colleague_version(), timeout=5000)

    third = colleague_version()
    third.set_title("Changed again")
    opened.write_text(dumps_document(third), encoding="utf-8")

    qtbot.waitUntil(lambda: window.editor.doc.title == "Changed again", timeout=5000)
    assert len(dialogs.of("question")) == 2


def test_no_keeps_the_unsaved_work_and_saving_then_asks(qtbot, window, dialogs, opened: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    answer_questions(monkeypatch, dialogs, Button.No)
    before = edit(window)

    theirs = change_behind_the_back(opened)

    qtbot.waitUntil(lambda: len(dialogs.of("question")) == 1, timeout=5000)
    assert "Your unsaved changes would be lost" in dialogs.of("question")[0][2]
    assert window.editor.doc == before
    assert window.isWindowModified()
    assert opened.read_bytes() == theirs

    press_save(qtbot, window)  # closed without an answer: nothing is written
    assert len(dialogs.of("exec")) == 1
    assert opened.read_bytes() == theirs


def test_the_editors_own_save_is_not_taken_for_a_change_by_someone_else(
        qtbot, window, dialogs, opened: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answer_questions(monkeypatch, dialogs, Button.Yes)
    before = edit(window)

    # The watcher reporting our own write is what could go wrong: wait for it (if it comes).
    with qtbot.waitSignal(window.session.watcher.fileChanged, timeout=2000, raising=False):
        press_save(qtbot, window)

    assert load_document(opened) == before
    assert window.editor.doc == before
    assert dialogs.of("question") == [] and dialogs.of("exec") == []


def test_a_file_deleted_while_open_is_reported_in_the_status_bar(
        qtbot, window, dialogs, opened: Path) -> None:
    edit(window)
    opened.unlink()
    qtbot.waitUntil(lambda: "deleted or moved" in window.statusBar().currentMessage(),
                    timeout=5000)
    assert dialogs.of("question") == []
    assert window.isWindowModified()


# ------------------------------------------------------------------------------ permissions
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_saving_keeps_the_files_permissions(qtbot, window, dialogs, opened: Path,
                                            mode: int) -> None:
    opened.chmod(mode)
    before = edit(window)

    press_save(qtbot, window)

    assert dialogs.calls == []
    assert stat.S_IMODE(opened.stat().st_mode) == mode
    assert load_document(opened) == before
