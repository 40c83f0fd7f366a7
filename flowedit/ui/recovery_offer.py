"""At start-up, recovery copies left by a crash or a kill are offered: Restore, Open the saved
file, or Discard, with when each was last written. Non-blocking: the editor is usable meanwhile."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from flowedit.io import FlowFileError
from flowedit.io.recovery import RecoveryCopy, RecoveryStore


def _when(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M:%S")


class RecoveryOffer:
    """Asks about each copy in turn. `restore(copy)` and `open_saved(copy)` are the window's."""

    def __init__(self, store: RecoveryStore, parent: QWidget,
                 restore: Callable[[RecoveryCopy], bool],
                 open_saved: Callable[[RecoveryCopy], bool]) -> None:
        self.store = store
        self.parent = parent
        self.restore = restore
        self.open_saved = open_saved
        self.pending = store.copies()
        self.box: QMessageBox | None = None

    def start(self) -> None:
        for copy in self.pending:
            name = copy.original.name if copy.original else "an untitled process"
            print(f"flowedit: found a recovery copy of {name} written {_when(copy.written_at)}: "
                  f"{copy.copy_path}", file=sys.stderr, flush=True)
        self._next()

    def _next(self) -> None:
        if not self.pending:
            self.box = None
            return
        copy = self.pending.pop(0)
        name = str(copy.original) if copy.original else f"Untitled ({copy.title or 'no title'})"
        box = QMessageBox(QMessageBox.Icon.Warning, "Recover unsaved work",
                          "flowedit did not close cleanly last time. Unsaved work was kept:",
                          parent=self.parent)
        saved = copy.original_written_at()
        box.setInformativeText(
            f"{name}\n\nRecovery copy written: {_when(copy.written_at)}\n"
            + (f"Saved file last written: {_when(saved)}" if copy.original else
               "It was never saved to a file."))
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        open_saved = None
        if copy.original is not None and saved is not None:
            open_saved = box.addButton("Open the saved file", QMessageBox.ButtonRole.ActionRole)
        discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("Ask me next time", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(later)

        def answered() -> None:
            clicked = box.clickedButton()
            try:
                if clicked is restore:
                    self._restore(copy)
                elif (clicked is open_saved and self.open_saved(copy)) or clicked is discard:
                    self.store.remove(self.store.key_of(copy))
            finally:
                self._next()

        box.finished.connect(answered)
        self.box = box
        box.open()

    def _restore(self, copy: RecoveryCopy) -> None:
        """The restored document adopts the copy: it stays on disk until the work is saved."""
        try:
            self.restore(copy)
        except FlowFileError as error:
            QMessageBox.critical(self.parent, "Cannot restore", f"{error}\n\nThe copy is kept "
                                 f"at {copy.copy_path}.")
