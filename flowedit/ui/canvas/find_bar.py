"""The find bar (Ctrl+F): finds shapes by name, owner or description as you type.

Matching ignores case and accents ("cafe" finds "Café", "strasse" finds "Straße"). Matches are
visited in flow order: typing shows the first, Enter or F3 the next, Shift+Enter or Shift+F3 the
previous, wrapping around; each is selected and centred on the canvas. Esc closes the bar and
gives the keyboard back to the canvas.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from flowedit.analysis.flow_order import flow_order
from flowedit.i18n import _, ngettext
from flowedit.model import Document, Node
from flowedit.model.limits import MAX_LEVELS
from flowedit.ui.labels import kind_name
from flowedit.ui.signals import disconnect_all

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor

#: Matches are looked for again this long after the document changed while the bar is open.
REFRESH_DELAY_MS = 150
_NEXT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3)
_NO_MATCH_STYLE = "QLineEdit#findField { background: #ffebee; }"


def fold(text: str) -> str:
    """Text as find compares it: without accents, case folded."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _searchable(node: Node) -> str:
    return fold("\n".join((node.name, node.owner or "", node.description or "")))


def find_nodes(doc: Document, text: str,
               cache: dict[str, tuple[Node, str]] | None = None) -> list[str]:
    """Ids of the shapes whose name, owner or description contains `text`, in flow order.
    `cache` keeps each shape's folded text between calls (nodes are replaced when edited)."""
    wanted = fold(text.strip())
    if not wanted:
        return []
    cache = {} if cache is None else cache
    if len(cache) > 2 * len(doc.nodes) + 100:
        cache.clear()  # mostly shapes deleted since
    found = []
    for node_id in flow_order(doc):
        node = doc.nodes[node_id]
        known = cache.get(node_id)
        if known is None or known[0] is not node:
            known = cache[node_id] = (node, _searchable(node))
        if wanted in known[1]:
            found.append(node_id)
    return found


Match = tuple[tuple[str, ...], str]


def find_in_levels(doc: Document, text: str,
                   cache: dict[object, tuple[Node, str]] | None = None,
                   path: tuple[str, ...] = ()) -> list[Match]:
    """(level, shape id) of every shape matching `text` in the process and its sub-processes:
    each level in flow order, a stage's sub-process right after the stage."""
    cache = {} if cache is None else cache
    level_cache = cache.setdefault(path, {})
    assert isinstance(level_cache, dict)
    if not doc.has_subprocesses():
        return [(path, node_id) for node_id in find_nodes(doc, text, level_cache)]
    matching = set(find_nodes(doc, text, level_cache))
    found: list[Match] = []
    for node_id in flow_order(doc):
        if node_id in matching:
            found.append((path, node_id))
        child = doc.child(node_id) if len(path) < MAX_LEVELS else None
        if child is not None:
            found += find_in_levels(child, text, cache, (*path, node_id))
    return found


class FindBar(QWidget):
    """One instance serves the window across documents: call `set_editor` with each editor, and
    `open()` for Ctrl+F."""

    #: The bar closed (Esc or its close button); the canvas has the keyboard again.
    closed = Signal()
    #: The shape now shown as the current match.
    match_shown = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.editor: Editor | None = None
        #: Ids of the matching shapes, in flow order.
        self.matches: list[str] = []
        #: Index in `matches` of the shape shown, -1 when none is.
        self.current = -1
        self._connections: list[tuple[object, object]] = []
        self._folded: dict[object, tuple[Node, str]] = {}
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._document_changed)

        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumWidth(220)
        self.field.setMaximumWidth(420)
        self.field.installEventFilter(self)
        self.field.textChanged.connect(self._text_changed)
        self.status = QLabel()
        self.status.setObjectName("findStatus")
        self.status.setMinimumWidth(70)
        self.previous_button = self._button("▲", self.find_previous)
        self.next_button = self._button("▼", self.find_next)
        self.close_button = self._button("✕", self.close_bar)
        self.label = label = QLabel()
        label.setBuddy(self.field)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 6, 4)
        layout.setSpacing(6)
        layout.addWidget(label)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAutoFillBackground(True)  # solid also when it floats over the canvas
        self.retranslate()
        self.hide()  # until Ctrl+F, also once its window shows

    def retranslate(self) -> None:
        """Every word of the bar in the current language (also after Preferences › Language)."""
        self.setAccessibleName(_("Find shapes"))
        self.field.setPlaceholderText(_("Find shapes by name, owner or description"))
        self.field.setAccessibleName(_("Find shapes"))
        self.status.setAccessibleName(_("Find result"))
        for button, tip in ((self.previous_button, _("Previous match (Shift+F3)")),
                            (self.next_button, _("Next match (F3)")),
                            (self.close_button, _("Close (Esc)"))):
            button.setToolTip(tip)
            button.setAccessibleName(tip)
        self.label.setText(_("Find:"))
        self._show_status()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A hairline along the bottom edge parts the bar from the canvas below it."""
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()

    def _button(self, text: str, slot) -> QToolButton:  # type: ignore[no-untyped-def]
        button = QToolButton()
        button.setText(text)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------ following an editor
    def set_editor(self, editor: Editor | None) -> None:
        """Finds in `editor`'s document (None: nowhere) from now on."""
        disconnect_all(self._connections)
        self._refresh_timer.stop()
        self.editor = editor
        self._folded = {}
        if editor is not None:
            signal = editor.scene.changed_model
            signal.connect(self._refresh_timer.start)
            self._connections.append((signal, self._refresh_timer.start))
        self._search(keep=None, show=False)

    # ------------------------------------------------------------------ opening and closing
    def open(self) -> None:
        """Ctrl+F: shows the bar with its text selected, ready to type over."""
        self.show()
        self.raise_()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        self._search(keep=self.current_match(), show=False)

    def close_bar(self) -> None:
        """Esc: hides the bar; the canvas gets the keyboard back (the found shape stays
        selected)."""
        self._refresh_timer.stop()
        self.hide()
        if self.editor is not None:
            self.editor.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.closed.emit()

    # ------------------------------------------------------------------ finding
    def current_id(self) -> str | None:
        return self.matches[self.current] if 0 <= self.current < len(self.matches) else None

    def current_match(self) -> Match | None:
        return self.found[self.current] if 0 <= self.current < len(self.found) else None

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.matches:
            self._show_status()
            return
        if self.current < 0:
            self.current = 0 if step > 0 else len(self.matches) - 1
        else:
            self.current = (self.current + step) % len(self.matches)
        self._show_current()

    def _text_changed(self, _text: str) -> None:
        self._search(keep=None, show=True)

    def _document_changed(self) -> None:
        if self.isVisible():
            self._search(keep=self.current_match(), show=False)

    def _search(self, keep: str | None, show: bool) -> None:
        """Finds the matches again; keeps `keep` current if it still matches, else (with
        `show`) shows the first match."""
        #: (level, shape id) of each match, in every level of the file; `matches` their ids.
        self.found = (find_in_levels(self.editor.root, self.field.text(), self._folded)
                      if self.editor else [])
        self.matches = [node_id for _, node_id in self.found]
        if isinstance(keep, str) and self.editor is not None:
            keep = (self.editor.path, keep)
        if keep in self.found:
            self.current = self.found.index(keep)  # type: ignore[arg-type]
        else:
            self.current = 0 if show and self.matches else -1
        if show and self.current >= 0:
            self._show_current()
        else:
            self._show_status()

    def _show_current(self) -> None:
        path, node_id = self.found[self.current]
        if self.editor is not None:
            self.editor.go_to(path, node_id)  # in a sub-process: shown in its place
        self._show_status()
        self.match_shown.emit(node_id)

    def _show_status(self) -> None:
        text = self.field.text().strip()
        if not text:
            status = ""
        elif not self.matches:
            status = _("No match")
        elif self.current < 0:
            status = ngettext("{count} match", "{count} matches",
                              len(self.matches)).format(count=len(self.matches))
        else:
            status = _("{number} of {count}").format(number=self.current + 1,
                                                     count=len(self.matches))
        self.status.setText(status)
        spoken = status
        if self.current >= 0 and self.editor is not None:
            path, node_id = self.found[self.current]
            node = self.editor.root.level(path).nodes.get(node_id)
            if node is not None:
                spoken += f": {kind_name(node.kind)} {node.name}"
        self.status.setAccessibleDescription(spoken)
        self.field.setAccessibleDescription(spoken or _(
            "Type part of a name, owner or description. Enter or F3: next match; "
            "Shift+Enter or Shift+F3: previous match; Escape: close."))
        self.field.setStyleSheet(_NO_MATCH_STYLE if text and not self.matches else "")
        for button in (self.previous_button, self.next_button):
            button.setEnabled(bool(self.matches))

    # ------------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter/F3, Shift+Enter/Shift+F3 and Esc in the field: claimed before any shortcut of
        the window and before the field itself sees them."""
        if watched is self.field and event.type() in (QEvent.Type.ShortcutOverride,
                                                      QEvent.Type.KeyPress):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if self._handles(key_event):
                if event.type() == QEvent.Type.KeyPress:
                    self._key(key_event)
                event.accept()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The same keys while a button of the bar has the keyboard."""
        if self._handles(event):
            self._key(event)
            event.accept()
            return
        super().keyPressEvent(event)

    @staticmethod
    def _handles(event: QKeyEvent) -> bool:
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        return event.key() in (*_NEXT_KEYS, Qt.Key.Key_Escape)

    def _key(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        elif event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.find_previous()
        else:
            self.find_next()
