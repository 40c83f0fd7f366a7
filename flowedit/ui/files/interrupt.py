"""Ctrl+C in the terminal and SIGTERM (a logout, `kill`) end the editor without losing work:
unsaved changes go to a recovery copy first (offered at the next start), then the application
quits with 128 + the signal's number, as a shell expects of an interrupted program.

Python runs its signal handlers only when the interpreter gets control, which an idle Qt event
loop never gives it: so the signal also wakes Qt through `signal.set_wakeup_fd` and a socket
notifier, without polling."""

from __future__ import annotations

import signal
import socket
import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier
from PySide6.QtWidgets import QApplication

from flowedit.i18n import _

HANDLED = (signal.SIGINT, signal.SIGTERM)


class InterruptHandler(QObject):
    def __init__(self, rescue: Callable[[], bool],
                 quit_with: Callable[[int], None] = QApplication.exit,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rescue, self.quit_with = rescue, quit_with
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._previous: dict[int, object] = {}
        self._previous_fd = -1

    def install(self) -> None:
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno(), warn_on_full_buffer=False)
        for number in HANDLED:
            # The wake-up byte does the work; the Python handler only stops the default action
            # (KeyboardInterrupt in whatever slot happens to run next, or death for SIGTERM).
            self._previous[number] = signal.signal(number, lambda *_args: None)

    def uninstall(self) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]
        self._previous.clear()
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._read.close()
        self._write.close()

    def _woken(self) -> None:
        try:
            received = self._read.recv(64)
        except BlockingIOError:
            return
        numbers = [n for n in received if n in HANDLED]
        if not numbers:
            return
        self._notifier.setEnabled(False)
        try:
            kept = self.rescue()
            said = (_("flowedit: interrupted; your unsaved work is in a recovery copy, offered "
                      "the next time flowedit starts") if kept else _("flowedit: interrupted"))
        except Exception as error:  # the copy failed: say so, still quit as asked
            said = _("flowedit: interrupted; the recovery copy could not be written: "
                     "{reason}").format(reason=error)
        print(said, file=sys.stderr, flush=True)
        self.quit_with(128 + numbers[0])
