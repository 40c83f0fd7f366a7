"""In-place text editing over the canvas: Enter commits, Shift+Enter starts a new line, Esc
cancels, clicking elsewhere commits. A widget on the viewport, gone as soon as editing ends."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import QApplication, QGraphicsView, QPlainTextEdit, QWidget

from flowedit.render import style


class InlineTextEditor(QPlainTextEdit):
    finished = Signal()

    def __init__(self, view: QGraphicsView, scene_rect: QRectF, text: str, select_all: bool,
                 commit: Callable[[str], object]) -> None:
        super().__init__(view.viewport())
        self.setObjectName("inlineTextEditor")
        self._commit = commit
        self._original = text
        self._done = False
        #: The widget the user moved to (clicked or tabbed into), when that ended the editing.
        self.left_for: QWidget | None = None
        self.setPlainText(text)
        self.setFont(style.text_font(10 * max(view.transform().m11(), 0.6)))
        option = QTextOption(Qt.AlignmentFlag.AlignCenter)  # as the name sits in the shape
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setStyleSheet("QPlainTextEdit { background: white; border: 2px solid #1e88e5; "
                           "border-radius: 4px; }")
        area = view.mapFromScene(scene_rect).boundingRect()
        centre = area.center()
        area.setWidth(max(area.width(), 120))
        area.setHeight(max(area.height(), 34))
        area.moveCenter(centre)  # grown to a usable size around the shape's centre
        self.setGeometry(area)
        if select_all:
            self.selectAll()
        else:
            self.moveCursor(self.textCursor().MoveOperation.End)
        self.show()
        self.setFocus()

    def finish(self, commit: bool) -> None:
        if self._done:
            return
        self._done = True
        text = self.toPlainText()
        self.hide()
        if commit and text != self._original:
            self._commit(text)
        self.finished.emit()
        self.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.insertPlainText("\n")
            else:
                self.finish(commit=True)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.finish(commit=False)
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason and not self._done:
            focus = QApplication.focusWidget()
            self.left_for = focus if focus is not None and focus is not self else None
            self.finish(commit=True)
