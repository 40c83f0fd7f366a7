"""One QUndoCommand per user edit, holding the primitive operations the edit was built from."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from flowedit.model import Document
from flowedit.model.operations import Operation, Recorder, apply_all, revert_all


class EditCommand(QUndoCommand):
    """An edit already applied when it is pushed (built by a Recorder); redo re-applies it."""

    def __init__(self, doc: Document, text: str, operations: list[Operation],
                 merge_key: int = -1, merge_tag: object = None) -> None:
        super().__init__(text)
        self.doc = doc
        self.operations = operations
        self._merge_key = merge_key
        self.merge_tag = merge_tag
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        apply_all(self.doc, self.operations)
        self._applied = True

    def undo(self) -> None:
        revert_all(self.doc, self.operations)
        self._applied = False

    def id(self) -> int:
        return self._merge_key

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Consecutive arrow-key nudges of the same shapes are one undo step."""
        if (not isinstance(other, EditCommand) or other.id() != self.id() or self.id() < 0
                or other.merge_tag != self.merge_tag):
            return False
        self.operations = self.operations + other.operations
        return True


def perform(stack: QUndoStack, doc: Document, text: str, build: Callable[[Recorder], object],
            merge_key: int = -1, merge_tag: object = None) -> object:
    """Runs `build` as one edit and pushes it; a refused edit (ModelError) changes nothing and
    is raised to the caller, who shows the reason."""
    recorder = Recorder(doc)
    try:
        with recorder.all_or_nothing():
            result = build(recorder)
    finally:
        # Pushed even when an observer failed after the edit was made: the edit stays undoable.
        if recorder.operations:
            stack.push(EditCommand(doc, text, recorder.operations, merge_key, merge_tag))
    return result
