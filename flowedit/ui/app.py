"""Starting the editor application: one window, optionally opening a file from the command line.

FLOWEDIT_QUIT_AFTER_FIRST_PAINT=1 makes the editor report the time to its first painted canvas on
stderr and quit: the startup benchmark and the exit-status tests use it; =report only reports
(tests that then talk to the running editor, e.g. with a signal).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from flowedit.i18n import _
from flowedit.io import FlowFileError, load_for_editor
from flowedit.model import Document
from flowedit.ui.files.crash_guard import CrashGuard, setup_logging
from flowedit.ui.files.interrupt import InterruptHandler
from flowedit.ui.files.session import foreign_diagram
from flowedit.ui.language import apply_language
from flowedit.ui.main_window import MainWindow
from flowedit.ui.preferences import saved_language

_STARTED = time.perf_counter()


def create_window(path: str | None) -> MainWindow:
    """The window with the file read before it is built, so that one scene is built (for the
    file, not first for an empty process) and the canvas paints as soon as it can."""
    target = Path(path) if path else None
    doc, error, foreign = None, None, False
    if target is not None and _names_something(target):
        doc, error, foreign = _read_from_command_line(target)
    window = MainWindow(restore_layout=True, doc=doc, path=target if doc is not None else None)
    if doc is not None and target is not None:
        window.session.remember_recent(target)
    elif foreign and target is not None:
        # Another tool's diagram is imported as File › Open imports it (the page, the report,
        # an untitled process), over the window once it runs, as the error below is shown.
        QTimer.singleShot(0, lambda: window.session.open_path(target, ask=False))
    elif error is not None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, _("Cannot open the file"), str(error),
                          parent=window)
        QTimer.singleShot(0, box.open)
    elif target is not None:
        window.session.path = target
        window.update_title()
        window.show_message(_("New process: it will be saved as {path}").format(path=target),
                            10000)
    return window


def _names_something(target: Path) -> bool:
    """Whether the path names something to open, even something that cannot be opened (a loop
    of symbolic links, a FIFO): opening it then says why. Only a missing file is a new one."""
    try:
        target.stat()
    except FileNotFoundError:
        return False
    except OSError:
        return True
    return True


def show_window(window: MainWindow) -> None:
    """Shows the window with the file asked for already open; recovery copies left by an
    earlier crash are offered in a bar over the canvas, never in a dialog in front of it, once
    the canvas has painted (as is the log file opened then)."""
    window.show()
    window.when_started(lambda: _after_start(window))


def _after_start(window: MainWindow) -> None:
    """What the first paint does not wait for: the log, the icon (an SVG, whose image plugin
    loads with it) and the recovery copies left by an earlier crash."""
    from PySide6.QtGui import QIcon

    from flowedit.ui.files.recovery_offer import report_on_stderr

    gc.enable()  # off during start-up (cli/editor_command.py)
    setup_logging()
    QApplication.setWindowIcon(QIcon(str(Path(__file__).with_name("icons") / "flowedit.svg")))
    report_on_stderr(window.autosaver.store.copies())
    window.session.offer_recovery()


def _read_from_command_line(path: Path) -> tuple[Document | None, FlowFileError | None, bool]:
    """The process, or why it cannot be read, and whether it is instead a diagram of another
    tool to import (True). A file that cannot be read is reported on stderr and (by
    create_window) in a message over the (empty) window, without blocking start-up."""
    try:
        return load_for_editor(path), None, False
    except FlowFileError as error:
        # Only a file that is no process is sniffed for a diagram: the format code loads for
        # it alone, never before the first paint of a process.
        if foreign_diagram(path):
            return None, error, True
        print(f"flowedit: {error}", file=sys.stderr, flush=True)
        return None, error, False


class _FirstPaint(QObject):
    """Reports when the canvas has painted the document once, then quits the application."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            elapsed = (time.perf_counter() - _STARTED) * 1000
            print(f"flowedit: first paint after {elapsed:.0f} ms", file=sys.stderr, flush=True)
            if os.environ.get("FLOWEDIT_QUIT_AFTER_FIRST_PAINT") != "report":
                QTimer.singleShot(0, lambda: QApplication.exit(0))
        return False


def run_editor(path: str | None, language: str | None = None) -> int:
    """`language`: --lang's; without it, the one chosen in Preferences › Language, else the
    system's."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("flowedit")
    app.setOrganizationName("flowedit")
    if language is None:
        language = saved_language(QSettings("flowedit", "flowedit"))
    apply_language(language)
    window = create_window(path)
    guard = CrashGuard(window.autosaver.rescue)
    guard.install()
    interrupt = InterruptHandler(window.autosaver.rescue)
    interrupt.install()
    if os.environ.get("FLOWEDIT_QUIT_AFTER_FIRST_PAINT"):
        watcher = _FirstPaint(app)
        window.editor.view.viewport().installEventFilter(watcher)
    show_window(window)
    status = app.exec()
    guard.uninstall()
    interrupt.uninstall()
    window.editor.close()
    return status
