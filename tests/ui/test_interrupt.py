"""Ctrl+C in the terminal (SIGINT) and SIGTERM end the editor without losing work: unsaved work
goes to a recovery copy, then flowedit quits with 128 + the signal, never with a traceback or by
hanging in an idle event loop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from flowedit.io.recovery import RecoveryStore
from flowedit.ui.files.interrupt import InterruptHandler

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_writes_the_unsaved_work_then_quits(qtbot, window, number: int) -> None:  # type: ignore[no-untyped-def]
    window.editor.select_all()
    window.editor.delete_selection()  # unsaved work
    assert not window.editor.stack.isClean()
    quit_with: list[int] = []
    handler = InterruptHandler(window.autosaver.rescue, quit_with.append)
    handler.install()
    try:
        os.kill(os.getpid(), number)
        qtbot.waitUntil(lambda: quit_with != [], timeout=5000)
    finally:
        handler.uninstall()
    assert quit_with == [128 + number]
    copies = RecoveryStore().copies()
    assert len(copies) == 1 and copies[0].load().nodes == {}
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # pytest's again


def test_the_running_editor_ends_on_ctrl_c() -> None:
    """A real `flowedit` process, idle after its first paint, ends at once with 130 and no
    traceback (before, the signal waited for Python code that an idle window never runs)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_QUIT_AFTER_FIRST_PAINT="report")
    sample = ROOT / "samples" / "b2c-funnel.yaml"
    process = subprocess.Popen([sys.executable, "-m", "flowedit", str(sample)],
                               env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        seen = []
        while not any("first paint after" in line for line in seen):
            seen.append(process.stderr.readline())
            assert seen[-1], "".join(seen)  # the editor ended before it painted
        process.send_signal(signal.SIGINT)
        status = process.wait(timeout=60)
        rest = process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
    assert status == 130, rest
    assert "flowedit: interrupted" in rest
    assert "Traceback" not in rest
