"""Recovery copies left by a crash or a kill, offered in a bar above the canvas: Restore,
Discard or Later, one copy at a time, with when it was written.

Never modal: the file asked for on the command line opens first and stays usable, and the bar
waits until the user chooses. "Later" keeps the copy on disk (File › Recover Unsaved Work, or the
next start, offers it again); only "Discard", confirmed, deletes one. Nothing is hidden or lost.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from flowedit.i18n import _, current_language, format_date, format_time
from flowedit.io import FlowFileError
from flowedit.io.recovery import RecoveryCopy, RecoveryStore
from flowedit.ui.labels import one_line


def _when(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    moment = dt.datetime.fromtimestamp(seconds)
    if current_language() == "en":
        return moment.strftime("%Y-%m-%d %H:%M:%S")
    return f"{format_date(moment.date())} {format_time(moment)}"


def describe(copy: RecoveryCopy) -> str:
    """Which work a copy holds, on one line: the file's name, or the untitled process's title."""
    if copy.original is not None:
        return one_line(copy.original.name)
    if copy.problem is not None:
        return _("Unsaved work of an unknown file: {problem}").format(
            problem=one_line(copy.problem))
    return _("Untitled ({title})").format(title=one_line(copy.title) or _("no title"))


def report_on_stderr(copies: list[RecoveryCopy]) -> None:
    """A line per copy for logs and terminals: where it is, should the window never be seen."""
    for copy in copies:
        name = (copy.original.name if copy.original else _("an untitled process")
                if copy.problem is None else _("an unknown file ({problem})").format(
                    problem=copy.problem))
        print(_("flowedit: found a recovery copy of {name} written {when}: {path}").format(
            name=name, when=_when(copy.written_at), path=copy.copy_path),
            file=sys.stderr, flush=True)


class RecoveryBar(QFrame):
    """The bar; hidden while there is nothing to offer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#recoveryBar { background: #fff4d6; border: 1px solid #e0b84c; }")
        self.store: RecoveryStore | None = None
        self.pending: list[RecoveryCopy] = []
        self._restore: Callable[[RecoveryCopy], bool] = lambda copy: False
        self._own_key: Callable[[], str] = lambda: ""
        self.message = QLabel()
        self.message.setObjectName("recoveryMessage")
        self.message.setWordWrap(True)  # a narrow window wraps it instead of growing wider
        self.restore_button = QPushButton()
        self.discard_button = QPushButton()
        self.later_button = QPushButton()
        self._name_buttons()
        self.restore_button.clicked.connect(self.restore_current)
        self.discard_button.clicked.connect(self.discard_current)
        self.later_button.clicked.connect(self.later)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.message, 1)
        for button in (self.restore_button, self.discard_button, self.later_button):
            layout.addWidget(button)
        self.hide()

    def offer(self, store: RecoveryStore, restore: Callable[[RecoveryCopy], bool],
              own_key: Callable[[], str]) -> None:
        """Offers every copy in `store` except the open document's own (`own_key()`).
        `restore(copy)` is the window's: it opens the copy as an unsaved document."""
        self.store, self._restore, self._own_key = store, restore, own_key
        self.pending = [copy for copy in store.copies() if store.key_of(copy) != own_key()]
        self._show_next()

    @property
    def current(self) -> RecoveryCopy | None:
        return self.pending[0] if self.pending else None

    def _name_buttons(self) -> None:
        self.restore_button.setText(_("&Restore"))
        self.discard_button.setText(_("Discard…"))
        self.later_button.setText(_("Later"))
        self.restore_button.setToolTip(_("Open this unsaved work (asks about the open "
                                         "document's unsaved changes first)"))
        self.discard_button.setToolTip(_("Delete this recovery copy for good"))
        self.later_button.setToolTip(_("Keep the copy and ask again next time"))

    def retranslate(self) -> None:
        self._name_buttons()
        if self.isVisible():
            self._show_next()

    def _show_next(self) -> None:
        if self.store is not None:
            own = self._own_key()
            self.pending = [copy for copy in self.pending if self.store.key_of(copy) != own
                            and copy.copy_path.exists()]
        copy = self.current
        if copy is None:
            self.hide()
            return
        saved = copy.original_written_at()
        more = ("  " + _("({count} copies to look at)").format(count=len(self.pending))
                if len(self.pending) > 1 else "")
        if copy.problem is not None:
            status = _("the file it belongs to is unknown")
        elif copy.original is None:
            status = _("never saved to a file")
        elif saved is None:
            status = _("its file is missing")
        else:
            status = _("file last saved {when}").format(when=_when(saved))
        self.message.setText(_("Unsaved work was kept after flowedit closed unexpectedly: "
                               "{work}, written {when} ({status}).").format(
            work=describe(copy), when=_when(copy.written_at), status=status) + more)
        self.message.setToolTip(
            _("Recovery copy: {path}").format(path=copy.copy_path)
            + ("\n" + _("Belongs to: {path}").format(path=copy.original) if copy.original
               else ""))
        self.show()

    def restore_current(self) -> None:
        """Opens the copy; the restored document adopts it, so it stays on disk until saved."""
        copy = self.current
        if copy is None:
            return
        try:
            restored = self._restore(copy)
        except FlowFileError as error:
            QMessageBox.critical(self.window(), _("Cannot restore"),
                                 f"{error}\n\n" + _("The copy is kept at {path}.").format(
                                     path=copy.copy_path))
            return
        if restored:
            self.pending.pop(0)
            self._show_next()

    def discard_current(self) -> None:
        copy = self.current
        if copy is None or self.store is None:
            return
        answer = QMessageBox.question(
            self.window(), _("Discard unsaved work?"),
            _("Delete the recovery copy of {work} written {when}? Its unsaved work cannot be "
              "brought back.").format(work=describe(copy), when=_when(copy.written_at)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.store.remove(self.store.key_of(copy))
        self.pending.pop(0)
        self._show_next()

    def later(self) -> None:
        """The copy stays on disk and is offered again at the next start."""
        if self.pending:
            self.pending.pop(0)
        self._show_next()
