"""What happens when flowedit itself fails: every unexpected exception from a slot or event
handler is logged, unsaved work is written to a recovery copy first, and the user is told what
happened, whether a copy was written, and where the log is; the editor keeps running."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from flowedit.i18n import _

log = logging.getLogger("flowedit")


def log_path() -> Path:
    from flowedit.io.recovery import state_folder  # (the recovery store: after the first paint)

    return state_folder() / "logs" / "flowedit.log"


def setup_logging() -> Path:
    """Logs go to the state folder, rotated at 1 MB with three old files kept. (The editor calls
    this once its canvas has painted: the handler's imports need not delay the first paint.)"""
    from logging.handlers import RotatingFileHandler

    path = log_path()
    if any(isinstance(h, RotatingFileHandler) for h in log.handlers):
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return path
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


class CrashGuard:
    """Installed as sys.excepthook while the editor runs."""

    def __init__(self, save_recovery: Callable[[], bool]) -> None:
        """`save_recovery` writes the unsaved work and says whether it wrote a copy (False:
        there was nothing unsaved to write)."""
        self.save_recovery = save_recovery
        self.previous = sys.excepthook
        self.showing = False
        self.box: QWidget | None = None

    def install(self) -> None:
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        sys.excepthook = self.previous

    def handle(self, kind: type[BaseException], error: BaseException,
               tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self.previous(kind, error, tb)
            return
        details = "".join(traceback.format_exception(kind, error, tb))
        log.error("unexpected error\n%s", details)
        print(details, file=sys.stderr, flush=True)
        try:
            written = self.save_recovery()
            saved = (_("Your unsaved work was written to a recovery copy first. flowedit keeps "
                       "running; saving your work now is a good idea.") if written else
                     _("You had no unsaved changes, so nothing was lost. flowedit keeps running."))
        except Exception:
            log.exception("writing the recovery copy failed")
            saved = _("Writing a recovery copy of your unsaved work failed. flowedit keeps "
                      "running; save your work now.")
        if QApplication.instance() is None or self.showing:
            return
        self.showing = True
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical, _("flowedit hit a problem"),
                          _("Something went wrong: {error}").format(error=error)
                          + f"\n\n{saved}\n\n" + _("The details are in the log:")
                          + f"\n{log_path()}")
        box.setDetailedText(details)
        box.finished.connect(self._closed)
        self.box = box
        box.open()

    def _closed(self) -> None:
        self.showing = False
