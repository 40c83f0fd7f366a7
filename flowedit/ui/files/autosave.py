"""Autosave for crash recovery: while a document has unsaved changes, a recovery copy is written to
the state folder on the first change after a save and then at most every 30 seconds; a clean
save or close removes it. The user's own file is never written by this."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaObject, QObject, QTimer

from flowedit.i18n import _
from flowedit.io import FlowSaveError
from flowedit.ui.editor import Editor

if TYPE_CHECKING:
    from flowedit.io.recovery import RecoveryStore

AUTOSAVE_INTERVAL_MS = 30_000


def autosave_interval_ms() -> int:
    """30 s, or FLOWEDIT_AUTOSAVE_SECONDS (1..3600) for people who want it sooner or later."""
    try:
        seconds = float(os.environ.get("FLOWEDIT_AUTOSAVE_SECONDS", ""))
    except ValueError:
        return AUTOSAVE_INTERVAL_MS
    return int(min(max(seconds, 1.0), 3600.0) * 1000)


class Autosaver(QObject):
    def __init__(self, store: RecoveryStore | None = None,
                 parent: QObject | None = None) -> None:
        """Without `store`, the one in the user's state folder, found when first needed (not
        before the editor's first paint)."""
        super().__init__(parent)
        self._store = store
        self.editor: Editor | None = None
        self.path: Path | None = None
        self.key = ""
        self.written_index: int | None = None
        self.failure: str | None = None
        self._connections: list[QMetaObject.Connection] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(autosave_interval_ms())
        self._timer.timeout.connect(self.write_now)

    @property
    def store(self) -> RecoveryStore:
        if self._store is None:
            from flowedit.io.recovery import RecoveryStore

            self._store = RecoveryStore()
        return self._store

    def follow(self, editor: Editor, path: Path | None, key: str | None = None) -> None:
        """Watches a newly opened document (dropping the copy of the previous one)."""
        self.discard()
        self.editor = editor
        self.path = path
        self.key = key or self.store.key_for(path)
        if key is None and self.store.has(self.key):
            # A copy left by a crash that the user has not dealt with yet: never overwrite it.
            self.key = self.store.key_for(None).replace("untitled", self.key, 1)
        self.written_index = None
        self._connections = [editor.stack.indexChanged.connect(self._edited),
                             editor.stack.cleanChanged.connect(self._clean_changed)]
        if not editor.stack.isClean():
            self.write_now()

    def renamed(self, path: Path) -> None:
        """Save As gave the document a new file: its copy moves to the new key."""
        self.store.remove(self.key)
        self.path = path
        self.key = self.store.key_for(path)

    def _edited(self, _index: int) -> None:
        if self.editor is None or self.editor.stack.isClean():
            return
        if self.written_index is None:
            self.write_now()
        elif not self._timer.isActive():
            self._timer.start()

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self._timer.stop()
            self.store.remove(self.key)
            self.written_index = None

    def write_now(self) -> bool:
        """Writes the copy if there is anything unsaved; a failure is remembered, not raised.
        True when a copy now holds the unsaved work (what the crash dialog may then claim)."""
        editor = self.editor
        if editor is None or editor.stack.isClean():
            return False
        try:
            self.store.write(self.key, editor.root, self.path)
        except (FlowSaveError, OSError) as error:
            self.failure = str(error)
            return False
        self.failure = None
        self.written_index = editor.stack.index()
        return True

    def rescue(self) -> bool:
        """For the crash guard: True when a copy holds the unsaved work, False when nothing was
        unsaved; raises when there is unsaved work that no copy holds."""
        if self.write_now():
            return True
        if self.editor is not None and not self.editor.stack.isClean():
            raise OSError(self.failure or _("the recovery copy could not be written now"))
        return False

    def discard_copy(self) -> None:
        """The document was saved: the copy goes, the watching goes on."""
        self._timer.stop()
        self.store.remove(self.key)
        self.written_index = None

    def discard(self) -> None:
        """The document was saved or closed on purpose: its copy is no longer needed."""
        self._timer.stop()
        if self.key:
            self.store.remove(self.key)
        for connection in self._connections:
            QObject.disconnect(connection)
        self._connections = []
        self.editor = None
        self.key = ""
