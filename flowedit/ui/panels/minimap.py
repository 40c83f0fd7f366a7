"""The minimap: the whole diagram at a glance, with the part the canvas shows marked on it.

A second, non-interactive view of the editor's own scene, fitted to the diagram; at that scale the
shapes draw themselves as plain blocks, so it stays cheap on big processes. Pressing or dragging
in it moves the canvas there. When the canvas scrolls or zooms, only the old and new marked areas
are repainted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import QFrame, QGraphicsView, QWidget

from flowedit.i18n import _
from flowedit.ui.signals import disconnect_all

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor

#: The minimap refits to the diagram this long after the last model change.
REFIT_DELAY_MS = 150
#: Scene units kept around the diagram.
_MARGIN = 40.0
_AREA_FILL = QColor(30, 136, 229, 40)
_AREA_BORDER = QColor(30, 136, 229, 200)


class Minimap(QGraphicsView):
    """One instance serves the window across documents: call `set_editor` with each editor."""

    #: The user moved the canvas from the minimap (scene point now at the canvas's centre).
    panned = Signal(QPointF)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minimap")
        self.setInteractive(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setBackgroundBrush(QColor("#ffffff"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(120, 80)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.retranslate()
        self.editor: Editor | None = None
        #: The canvas's visible area (scene coordinates) as last drawn.
        self.shown_area = QRectF()
        self._connections: list[tuple[object, object]] = []
        self._watched: QWidget | None = None
        self._dragging = False
        self._fitted: tuple[QRectF, QSize] | None = None
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(REFIT_DELAY_MS)
        self._refit_timer.timeout.connect(self.fit)

    def sizeHint(self) -> QSize:
        return QSize(260, 170)

    # ------------------------------------------------------------------ following an editor
    def retranslate(self) -> None:
        self.setToolTip(_("The whole process; click or drag to move the canvas there"))
        self.setAccessibleName(_("Overview map"))
        self.setAccessibleDescription(_(
            "A small picture of the whole process with the part the canvas shows marked. "
            "Click or drag in it to move the canvas; the outline panel lists the process as text."))

    def set_editor(self, editor: Editor | None) -> None:
        """Shows `editor`'s diagram (None: nothing) and stops following the previous one."""
        disconnect_all(self._connections)
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None
        self._refit_timer.stop()
        self._dragging = False
        self._fitted = None
        self.editor = editor
        self.shown_area = QRectF()
        if editor is None:
            self.setScene(None)
            return
        self.setScene(editor.scene)
        view = editor.view
        for signal, slot in ((editor.scene.changed_model, self._refit_timer.start),
                             (view.horizontalScrollBar().valueChanged, self.follow_canvas),
                             (view.verticalScrollBar().valueChanged, self.follow_canvas),
                             (view.zoom_changed, self.follow_canvas)):
            signal.connect(slot)
            self._connections.append((signal, slot))
        # The canvas's visible area also changes when its window or a dock is resized.
        self._watched = view.viewport()
        self._watched.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self.follow_canvas()
        return super().eventFilter(watched, event)

    # ------------------------------------------------------------------ what is shown
    def fit(self) -> None:
        """Shows the whole diagram (a moment after it changed, and when the minimap resizes);
        repaints everything only when the diagram's extent or the minimap's size changed."""
        self._refit_timer.stop()
        if self.editor is None:
            return
        rect = self.editor.scene.diagram_rect()
        if rect.isEmpty():
            rect = QRectF(0, 0, 800, 500)
        rect = rect.adjusted(-_MARGIN, -_MARGIN, _MARGIN, _MARGIN)
        fitted = (rect, self.viewport().size())
        if fitted == self._fitted:
            self.follow_canvas()
            return
        self._fitted = fitted
        # The view's own scene rect: the canvas's generous scene margins are no concern here.
        self.setSceneRect(rect)
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        self.shown_area = self.canvas_area()
        self.viewport().update()

    def canvas_area(self) -> QRectF:
        """The part of the scene the canvas shows now."""
        if self.editor is None:
            return QRectF()
        view = self.editor.view
        return view.mapToScene(view.viewport().rect()).boundingRect()

    def follow_canvas(self, *_args: object) -> None:
        """The canvas scrolled, zoomed or resized: moves the marked area, repainting only where
        it was and where it is now."""
        area = self.canvas_area()
        if area == self.shown_area:
            return
        dirty = self._on_screen(self.shown_area).united(self._on_screen(area))
        self.shown_area = area
        self.viewport().update(dirty)

    def _on_screen(self, area: QRectF) -> QRect:
        if area.isEmpty():
            return QRect()
        return self.mapFromScene(area).boundingRect().adjusted(-3, -3, 3, 3)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        if self.shown_area.isEmpty():
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(_AREA_BORDER, 1.5 / max(self.transform().m11(), 1e-6)))
        painter.setBrush(_AREA_FILL)
        painter.drawRect(self.shown_area)
        painter.restore()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit()

    # ------------------------------------------------------------------ panning the canvas
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.editor is not None:
            self._dragging = True
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            self._pan_to(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.buttons() & Qt.MouseButton.LeftButton:
            self._pan_to(event.position())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging and event.button() == Qt.MouseButton.LeftButton:
            self._dragging = False
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.mousePressEvent(event)

    def wheelEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        event.accept()  # the minimap always shows the whole diagram

    def _pan_to(self, pos: QPointF) -> None:
        if self.editor is None:
            return
        point = self.mapToScene(pos.toPoint())
        self.editor.view.centerOn(point)
        self.follow_canvas()
        self.panned.emit(point)
