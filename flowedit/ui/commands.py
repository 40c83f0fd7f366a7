"""One QUndoCommand per user edit, holding the primitive operations the edit was built from.

One stack serves every level of a process: an edit inside a sub-process is recorded as AtLevel
steps on the top document, and remembers its level so that undoing or redoing it first shows
that level (`show_level`), where the change can be seen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from flowedit.model import Document
from flowedit.model.operations import (
    LevelRecorder,
    Operation,
    Recorder,
    apply_all,
    revert_all,
)

Level = tuple[str, ...]
#: An edit's name: its words in the current language, asked again after a language switch
#: (a plain string is an unchanging name, such as one the user typed).
Words = str | Callable[[], str]


class EditCommand(QUndoCommand):
    """An edit already applied when it is pushed (built by a Recorder); redo re-applies it."""

    def __init__(self, doc: Document, text: Words, operations: list[Operation],
                 merge_key: int = -1, merge_tag: object = None, level: Level = (),
                 show_level: Callable[[Level], object] | None = None) -> None:
        super().__init__(text() if callable(text) else text)
        self._words = text
        self.doc = doc
        self.operations = operations
        self._merge_key = merge_key
        self.merge_tag = merge_tag
        self.level = level
        self._show_level = show_level
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        self._go_to_level()
        apply_all(self.doc, self.operations)
        self._applied = True

    def undo(self) -> None:
        self._go_to_level()
        revert_all(self.doc, self.operations)
        self._applied = False

    def _go_to_level(self) -> None:
        """The level exists now: the document is as it was just before (redo) or just after
        (undo) this edit, when it was shown."""
        if self._show_level is not None:
            self._show_level(self.level)

    def retranslate(self) -> None:
        """Preferences › Language: the History panel names the step in the new language."""
        if callable(self._words):
            self.setText(self._words())

    def id(self) -> int:
        return self._merge_key

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Consecutive arrow-key nudges of the same shapes are one undo step."""
        if (not isinstance(other, EditCommand) or other.id() != self.id() or self.id() < 0
                or other.merge_tag != self.merge_tag or other.level != self.level):
            return False
        self.operations = self.operations + other.operations
        return True


def perform(stack: QUndoStack, doc: Document, text: Words, build: Callable[[Recorder], object],
            merge_key: int = -1, merge_tag: object = None, level: Level = (),
            show_level: Callable[[Level], object] | None = None) -> object:
    """Runs `build` as one edit and pushes it; a refused edit (ModelError) changes nothing and
    is raised to the caller, who shows the reason. `doc` is the top document; `build` edits the
    process at `level` below it (its recorder's `doc`)."""
    recorder = LevelRecorder(doc, level) if level else Recorder(doc)
    try:
        with recorder.all_or_nothing():
            result = build(recorder)
    finally:
        # Pushed even when an observer failed after the edit was made: the edit stays undoable.
        if recorder.operations:
            stack.push(EditCommand(doc, text, recorder.operations, merge_key, merge_tag, level,
                                   show_level))
    return result


def retranslate_history(stack: QUndoStack) -> None:
    """Every step of `stack` named again in the current language."""
    for index in range(stack.count()):
        command = stack.command(index)
        if isinstance(command, EditCommand):
            command.retranslate()
