"""Ctrl+C in the terminal and SIGTERM (a logout, `kill`) end the editor without losing work:
unsaved changes go to a recovery copy first (offered at the next start), then the application
quits with 128 + the signal's number, as a shell expects of an interrupted program.

Python runs its signal handlers only when the interpreter gets control, which an idle Qt event
loop never gives it: so the signal also wakes Qt through `signal.set_wakeup_fd` and a socket
notifier, without polling."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from typing import Any

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
        self._read, self._write = _wake_up_ends()
        self._notifier = QSocketNotifier(self._read, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)
        self._previous: dict[int, object] = {}
        self._previous_fd = -1

    def install(self) -> None:
        self._previous_fd = signal.set_wakeup_fd(self._write, warn_on_full_buffer=False)
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
        _close(self._read)
        _close(self._write)

    def _woken(self) -> None:
        try:
            received = _receive(self._read)
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



def _wake_up_ends() -> tuple[int, int]:
    """(read end, write end), non-blocking: a pipe, which needs no socket module before the
    first paint; on Windows, whose set_wakeup_fd takes only sockets, a socket pair."""
    if os.name == "posix":
        ends = os.pipe()
        for end in ends:
            os.set_blocking(end, False)
        return ends
    import socket

    pair = socket.socketpair()
    for sock in pair:
        sock.setblocking(False)
        _SOCKETS[sock.fileno()] = sock
    return pair[0].fileno(), pair[1].fileno()


#: The socket objects behind the ends on Windows, by file number.
_SOCKETS: dict[int, Any] = {}


def _receive(end: int) -> bytes:
    sock = _SOCKETS.get(end)
    return sock.recv(64) if sock is not None else os.read(end, 64)


def _close(end: int) -> None:
    sock = _SOCKETS.pop(end, None)
    if sock is not None:
        sock.close()
    else:
        os.close(end)
