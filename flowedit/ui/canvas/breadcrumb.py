"""The bar above the canvas that says which level of the process is shown (B2B sales ›
Prospecting) and takes the user back up: each part above the current one is a button.

It shows only while there is somewhere to go: inside a sub-process, or on a process whose
stages hold sub-processes. It holds nothing of its own: it asks the editor on every change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from flowedit.i18n import _
from flowedit.model import Change
from flowedit.model.subprocess import CRUMB
from flowedit.ui.labels import one_line

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor


class BreadcrumbBar(QWidget):
    """One instance serves the window across documents: call `set_editor` with each editor."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("breadcrumb")
        self.setAccessibleName(_("Process level"))
        self.editor: Editor | None = None
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(8, 2, 8, 2)
        self._layout.setSpacing(2)
        #: The parts as shown, top level first: buttons for the levels above, a label last.
        self.parts: list[QWidget] = []
        self.hide()

    def set_editor(self, editor: Editor | None) -> None:
        if self.editor is not None:
            self.editor.level_changed.disconnect(self.refresh)
            if self._on_changes in self.editor.root.listeners():
                self.editor.root.unsubscribe(self._on_changes)
        self.editor = editor
        if editor is not None:
            editor.level_changed.connect(self.refresh)
            editor.root.subscribe(self._on_changes)
        self.refresh()

    def _on_changes(self, batch: list[Change]) -> None:
        """A title or stage renamed, or a sub-process made or removed: said again."""
        self.refresh()

    def text(self) -> str:
        """What the bar says, as one line ('B2B sales › Prospecting')."""
        return CRUMB.join(self.editor.level_names()) if self.editor is not None else ""

    def refresh(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.parts = []
        editor = self.editor
        if editor is None or not (editor.path or editor.root.has_subprocesses()):
            self.hide()
            return
        names = editor.level_names()
        for depth, name in enumerate(names):
            if depth:
                self._add(QLabel(CRUMB.strip()))
            if depth < len(names) - 1:
                button = QToolButton()
                button.setText(one_line(name).replace("&", "&&"))
                button.setAutoRaise(True)
                button.setCursor(Qt.CursorShape.PointingHandCursor)
                button.setToolTip(_("Show this level"))
                button.clicked.connect(lambda _checked=False, depth=depth:
                                       editor.show_level(editor.path[:depth]))
                self._add(button)
            else:
                label = QLabel(f"<b>{_escape(one_line(name))}</b>")
                label.setTextFormat(Qt.TextFormat.RichText)
                self._add(label)
        if not editor.path:
            hint = QLabel(_("Double-click a stage's ⊞ mark or press Ctrl+Down to open its "
                            "sub-process"))
            hint.setEnabled(False)
            self._add(hint)
        self._layout.addStretch(1)
        self.show()

    def _add(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
        self.parts.append(widget)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
