"""A real editor session in the tests (open, edit, autosave, save, recent files, log) and a real
`flowedit` process write only into the test's own folders (tests/conftest.py), never into the
user's: "Open Recent" once listed a big.yaml from pytest's temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from ui_helpers import at, drag, make_doc, show_origin, viewport
from user_folders import real_flowedit_folders

from flowedit.io import load_document, save_document
from flowedit.io.recovery import RecoveryStore, state_folder
from flowedit.ui.files.crash_guard import log_path, setup_logging
from flowedit.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def mentioning(folders: list[Path], needle: str) -> list[Path]:
    """The files under `folders` whose text mentions `needle`. (Other flowedit sessions on this
    machine may write there meanwhile, so the check is for traces of this test, not for no
    change at all.)"""
    found = []
    for folder in folders:
        if folder.is_dir():
            for path in folder.rglob("*"):
                try:
                    if path.is_file() and needle in path.read_text("utf-8", "replace"):
                        found.append(path)
                except OSError:
                    continue
    return found


def unique_file(tmp_path: Path) -> Path:
    """A process file whose path no other session can have written anywhere."""
    path = tmp_path / f"big-{uuid.uuid4().hex}.yaml"
    save_document(make_doc(), path)
    return path


def test_an_editor_session_writes_only_into_the_tests_folders(
        qtbot, dialogs, tmp_path: Path, user_folders: dict[str, str]) -> None:
    # The folders the app asks for are this test's, not the user's.
    own = Path(user_folders["HOME"])
    assert state_folder().is_relative_to(own)
    assert Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppConfigLocation)).is_relative_to(own)
    path = unique_file(tmp_path)

    window = MainWindow()
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.stack.setClean())
    window.resize(1400, 900)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    dialogs.open_path = str(path)
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, CTRL)  # Open…
    qtbot.waitUntil(lambda: window.path == path, timeout=3000)
    qtbot.wait(20)
    show_origin(window)

    drag(viewport(window), at(window, 400, 300), at(window, 460, 320), steps=10)  # an edit
    assert window.editor.doc.nodes["stage-2"].x == 460
    copies = RecoveryStore().copies()  # the first edit writes the recovery copy at once
    assert [copy.original for copy in copies] == [path.resolve()]
    assert copies[0].copy_path.is_relative_to(own)

    qtbot.keyClick(window.editor.view, Qt.Key.Key_S, CTRL)  # Save
    assert load_document(path).nodes["stage-2"].x == 460
    assert RecoveryStore().copies() == []
    assert window.session.recent_files()[0] == str(path)
    window.settings.sync()
    settings_file = Path(window.settings.fileName())
    assert settings_file.is_relative_to(own) and str(path) in settings_file.read_text()
    assert QSettings("flowedit", "flowedit").value("recentFiles")[0] == str(path)

    assert setup_logging().is_relative_to(own) and log_path().parent.is_dir()

    assert mentioning(real_flowedit_folders(), path.stem) == []


@pytest.mark.skipif(sys.platform != "linux", reason="XDG folders are Linux's")
def test_a_flowedit_process_started_by_a_test_writes_only_into_the_tests_folders(
        tmp_path: Path, user_folders: dict[str, str]) -> None:
    path = unique_file(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1")
    result = subprocess.run([sys.executable, "-m", "flowedit", str(path)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    own = Path(user_folders["HOME"])
    written = [p for p in own.rglob("*") if p.is_file()]
    # The process remembered the file in the test's settings and opened its log there.
    settings = [p for p in written if p.name == "flowedit.conf"]
    assert settings and str(path) in settings[0].read_text()
    assert any(p.name == "flowedit.log" for p in written)
    assert mentioning(real_flowedit_folders(), path.stem) == []
