"""The lane headers pinned at the canvas's left edge while the real ones are scrolled out.

A narrow strip in a margin of its own beside the canvas (like a spreadsheet's row headers), so it
never covers a shape or an arrow label. It is the real header by other means: a press, drag or
double-click on it is handed to the canvas as if it had landed on the lane's own header, so it
selects, reorders, resizes and renames exactly as that one does.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from flowedit.model.geometry import LANE_HEADER_WIDTH
from flowedit.render.painting import paint_lane_header

if TYPE_CHECKING:
    from flowedit.ui.canvas.view import DiagramView

#: On-screen width of the strip (pixels), whatever the zoom.
STRIP_WIDTH = 24


class PinnedLaneHeaders(QWidget):
    def __init__(self, view: DiagramView) -> None:
        super().__init__(view)
        self.setObjectName("pinnedLaneHeaders")
        self.view = view
        self.setMouseTracking(True)
        self.hide()
        self._updating = False
        view.horizontalScrollBar().valueChanged.connect(self.follow)
        view.horizontalScrollBar().rangeChanged.connect(self.follow)
        view.verticalScrollBar().valueChanged.connect(self.update)
        view.zoom_changed.connect(self.follow)
        scene = view.editor.scene
        scene.changed_model.connect(self.follow)
        scene.selectionChanged.connect(self.update)

    @contextmanager
    def held(self) -> Iterator[None]:
        """While the view zooms in several steps: follow once at the end, not halfway (the
        margin toggling mid-zoom would move the view under the zoom's anchor)."""
        was, self._updating = self._updating, True
        try:
            yield
        finally:
            self._updating = was
        self.follow()

    def _header_left(self) -> float | None:
        """Scene x where the lanes' headers start (all lanes share it), None without lanes."""
        items = self.view.editor.scene.lane_items.values()
        return next((item.band.left() for item in items), None)

    def follow(self) -> None:
        """Shows the strip once the real headers have scrolled out on the left, and hides it
        when they are back."""
        if self._updating:
            return
        left = self._header_left()
        view = self.view
        visible_left = view.mapToScene(QPoint(0, 0)).x()
        wanted = left is not None and visible_left > left + LANE_HEADER_WIDTH
        if wanted != self.isVisible():
            self._updating = True
            try:
                self._set_margin(STRIP_WIDTH if wanted else 0)
            finally:
                self._updating = False
            self.setVisible(wanted)
        self._place()
        self.update()

    def _set_margin(self, width: int) -> None:
        """Reserves (or gives back) the strip's room, keeping the view's centre: a shape just
        centred (find, Tab) stays centred."""
        view = self.view
        centre = view.mapToScene(view.viewport().rect().center())
        view.setViewportMargins(width, 0, 0, 0)
        view.centerOn(centre)

    def _place(self) -> None:
        viewport = self.view.viewport().geometry()
        self.setGeometry(viewport.left() - STRIP_WIDTH, viewport.top(), STRIP_WIDTH,
                         viewport.height())

    # ------------------------------------------------------------------ drawing
    def paintEvent(self, event: QPaintEvent) -> None:
        view = self.view
        scene = view.editor.scene
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), view.palette().window())
        for lane in view.editor.doc.lanes:
            item = scene.lane_items.get(lane.id)
            if item is None:
                continue
            top = max(float(view.mapFromScene(QPointF(0, item.band.top())).y()), 0.0)
            bottom = min(float(view.mapFromScene(QPointF(0, item.band.bottom())).y()),
                         float(self.height()))
            if bottom > top:
                # Over the part of the band in view, so its name is never scrolled away.
                paint_lane_header(painter, lane, QRectF(0, top, STRIP_WIDTH - 1, bottom - top),
                                  selected=item.isSelected())
        painter.end()

    # ------------------------------------------------------------------ the real header's gestures
    def _scene_pos(self, event: QMouseEvent) -> QPointF:
        """Where on the real header this point of the strip is (same height, inside it)."""
        y = self.view.mapToScene(QPoint(0, round(event.position().y()))).y()
        return QPointF((self._header_left() or 0.0) + LANE_HEADER_WIDTH / 2, y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.view.setFocus(Qt.FocusReason.MouseFocusReason)
        self.view.press_at(self._scene_pos(event), event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = self._scene_pos(event)
        if not self.view.move_at(pos, event):
            self.setCursor(self.view.cursor_at(pos))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.view.release_at(self._scene_pos(event), event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.view.double_click_at(self._scene_pos(event))
