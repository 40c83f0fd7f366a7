"""The canvas widget: zoom and pan, and the router that hands each mouse gesture to an interaction.

The view decides which gesture a press starts (connect from a handle, resize from a grip, move a
shape, reorder or resize a lane, pan, place, rubber-band select); the gesture does the rest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QCursor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView

from flowedit.model.geometry import LANE_HEADER_WIDTH
from flowedit.render import style
from flowedit.render.painting import paint_lane_header
from flowedit.ui.interactions.base import Interaction
from flowedit.ui.interactions.connect import ConnectInteraction
from flowedit.ui.interactions.move import MoveInteraction
from flowedit.ui.interactions.pan import PanInteraction
from flowedit.ui.interactions.place import PlaceInteraction
from flowedit.ui.interactions.resize import (
    ReorderLaneInteraction,
    ResizeLaneInteraction,
    ResizeNodeInteraction,
)
from flowedit.ui.items.edge_item import EdgeItem
from flowedit.ui.items.lane_item import LaneItem
from flowedit.ui.items.node_item import NodeItem

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor

MIN_ZOOM, MAX_ZOOM = 0.05, 6.0
ZOOM_STEP = 1.2
ZOOM_LEVELS = (0.1, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 3.0, 4.0,
               6.0)


class DiagramView(QGraphicsView):
    zoom_changed = Signal(float)

    def __init__(self, editor: Editor) -> None:
        super().__init__(editor.scene)
        self.editor = editor
        self.active: Interaction | None = None
        self.active_button = Qt.MouseButton.NoButton
        self.armed: PlaceInteraction | None = None
        self.space_down = False
        self.lane_guide_y: float | None = None
        self.guides: tuple[float | None, float | None] = (None, None)
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState)
        self.setMouseTracking(True)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.show_grid(editor.grid_size)
        # Scrolling copies pixels; the pinned lane headers must be drawn afresh at the edge.
        self.horizontalScrollBar().valueChanged.connect(self._repaint_if_headers_pinned)

    def show_grid(self, size: int) -> None:
        self.setBackgroundBrush(_grid_brush(max(size, 5) * 2))

    # ------------------------------------------------------------------ zoom
    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zooms keeping the scene point under `anchor` (viewport coordinates) in place."""
        new_zoom = min(max(self.zoom() * factor, MIN_ZOOM), MAX_ZOOM)
        factor = new_zoom / self.zoom()
        if factor == 1.0:
            return
        if anchor is None:
            cursor = self.mapFromGlobal(self.cursor().pos())
            inside = self.viewport().rect().contains(cursor)
            anchor = QPointF(cursor) if inside else QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor.toPoint())
        self.scale(factor, factor)
        after = self.mapToScene(anchor.toPoint())
        shift = after - before
        self.translate(shift.x(), shift.y())
        self.zoom_changed.emit(self.zoom())

    def zoom_step(self, direction: int) -> None:
        """Ctrl+plus / Ctrl+minus: to the next round zoom level (50 %, 67 %, 100 %, 150 %...)."""
        current = self.zoom()
        if direction > 0:
            target = next((z for z in ZOOM_LEVELS if z > current * 1.01), ZOOM_LEVELS[-1])
        else:
            target = next((z for z in reversed(ZOOM_LEVELS) if z < current / 1.01),
                          ZOOM_LEVELS[0])
        self.zoom_by(target / current)

    def zoom_to_fit(self, readable: bool = False) -> None:
        """Shows the whole diagram; with `readable`, never so small that names cannot be read
        (then the top-left, where the process starts, is shown)."""
        rect = self.editor.scene.diagram_rect()
        if rect.isEmpty():
            rect = QRectF(0, 0, 800, 600)
        self.fitInView(rect.adjusted(-30, -30, 30, 30), Qt.AspectRatioMode.KeepAspectRatio)
        limit = 0.7 if readable else MIN_ZOOM
        zoom = min(max(self.zoom(), limit), 1.5)
        if zoom != self.zoom():
            self.resetTransform()
            self.scale(zoom, zoom)
            if readable:
                visible = self.mapToScene(self.viewport().rect()).boundingRect()
                self.centerOn(rect.left() - 20 + visible.width() / 2,
                              rect.top() - 20 + min(visible.height(), rect.height() + 40) / 2)
            else:
                self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def reset_zoom(self) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        self.resetTransform()
        self.centerOn(centre)
        self.zoom_changed.emit(self.zoom())

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(ZOOM_STEP ** steps, event.position())
            event.accept()
            return
        super().wheelEvent(event)

    # ------------------------------------------------------------------ routing gestures
    def arm(self, kind: str | None) -> None:
        """A palette button was clicked: the next canvas click places `kind` (None disarms)."""
        self.armed = PlaceInteraction(self.editor, kind) if kind else None
        if kind:
            self.viewport().setCursor(Qt.CursorShape.CrossCursor)
        else:
            self.viewport().unsetCursor()

    def _start(self, interaction: Interaction, pos: QPointF, event: QMouseEvent) -> None:
        self.active = interaction
        self.active_button = event.button()
        interaction.press(pos, event)

    def end_gesture(self) -> None:
        """Cancels a gesture in progress (its live changes are put back); called before any other
        edit, undo, save or autosave, and whenever the gesture's release cannot arrive."""
        if self.active is not None:
            active, self.active = self.active, None
            active.cancel()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.end_gesture()  # a release that never arrived (a dialog popped up mid-drag)
        self.editor.close_inline_editor(commit=True)
        pos = self.mapToScene(event.position().toPoint())
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
                button == Qt.MouseButton.LeftButton and self.space_down):
            self._start(PanInteraction(self.editor), pos, event)
            return
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        if self.armed is not None:
            self._start(self.armed, pos, event)
            self.arm(None)
            return
        gesture = self._gesture_at(pos, event)
        if gesture is not None:
            self._start(gesture, pos, event)
            return
        super().mousePressEvent(event)

    def _gesture_at(self, pos: QPointF, event: QMouseEvent) -> Interaction | None:
        scene = self.editor.scene
        toggling = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        arrow = self._arrow_end_or_head_at(pos, toggling)
        if arrow is not None:
            return arrow
        for item in scene.items(pos):
            if isinstance(item, NodeItem):
                if item.handle_at(pos) and not toggling:
                    scene.select_only([item.node_id])
                    return ConnectInteraction(self.editor, item.node_id)
                if item.grip_at(pos) and not toggling:
                    return ResizeNodeInteraction(self.editor, item.node_id)
                if toggling:
                    item.setSelected(not item.isSelected())
                    return None if not item.isSelected() else self._move_selected(item.node_id)
                if not item.isSelected():
                    scene.select_only([item.node_id])
                return self._move_selected(item.node_id)
            if isinstance(item, EdgeItem):
                if toggling:
                    item.setSelected(not item.isSelected())
                else:
                    scene.select_only(edge_ids=[item.edge_id])
                return _Nothing(self.editor)
            if isinstance(item, LaneItem):
                if item.on_bottom_border(pos):
                    return ResizeLaneInteraction(self.editor, item.lane_id)
                if item.in_header(pos):
                    scene.select_only(lane_ids=[item.lane_id])
                    return ReorderLaneInteraction(self.editor, item.lane_id)
        return None

    def _arrow_end_or_head_at(self, pos: QPointF, toggling: bool) -> Interaction | None:
        """Arrow ends sit on shape outlines: a selected arrow's end grip, and any arrowhead,
        win over the shape beneath them."""
        items = [i for i in self.editor.scene.items(pos) if isinstance(i, EdgeItem)]
        for item in items:
            end = item.end_at(pos)
            if end is not None and not toggling:
                edge = item.edge
                fixed = edge.source if end == "target" else edge.target
                return ConnectInteraction(self.editor, fixed, item.edge_id, end)
        for item in items:
            if item.route is not None and item.route.head.contains(pos):
                if toggling:
                    item.setSelected(not item.isSelected())
                else:
                    self.editor.scene.select_only(edge_ids=[item.edge_id])
                return _Nothing(self.editor)
        return None

    def _move_selected(self, anchor: str) -> MoveInteraction:
        node_ids, _, _ = self.editor.scene.selected_ids()
        return MoveInteraction(self.editor, node_ids or [anchor], anchor)

    def pointer_in_scene(self) -> QPointF | None:
        """Where the mouse is on the canvas, or None when it is elsewhere."""
        local = self.viewport().mapFromGlobal(QCursor.pos())
        if not self.viewport().rect().contains(local):
            return None
        return self.mapToScene(local)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        if self.active is not None:
            if not event.buttons() & self.active_button:
                self.end_gesture()  # the button was released where we could not see it
            else:
                self.active.move(pos, event)
                return
        self._update_cursor(pos)
        super().mouseMoveEvent(event)

    def _update_cursor(self, pos: QPointF) -> None:
        if self.armed is not None or self.space_down:
            return
        for item in self.editor.scene.items(pos):
            if isinstance(item, NodeItem):
                if item.grip_at(pos):
                    self.viewport().setCursor(Qt.CursorShape.SizeFDiagCursor)
                elif item.handle_at(pos):
                    self.viewport().setCursor(Qt.CursorShape.CrossCursor)
                else:
                    self.viewport().setCursor(Qt.CursorShape.SizeAllCursor)
                return
            if isinstance(item, LaneItem) and item.on_bottom_border(pos):
                self.viewport().setCursor(Qt.CursorShape.SizeVerCursor)
                return
        self.viewport().unsetCursor()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        if self.active is not None:
            active, self.active = self.active, None
            active.release(pos, event)
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        for item in self.editor.scene.items(pos):
            if isinstance(item, NodeItem):
                self.editor.edit_text_of_node(item.node_id)
                return
            if isinstance(item, EdgeItem):
                self.editor.edit_text_of_edge(item.edge_id)
                return
            if isinstance(item, LaneItem) and item.in_header(pos):
                self.editor.edit_text_of_lane(item.lane_id)
                return
        super().mouseDoubleClickEvent(event)

    def cancel_gesture(self) -> bool:
        if self.active is not None:
            self.end_gesture()
            return True
        if self.armed is not None:
            self.arm(None)
            return True
        return False

    # ------------------------------------------------------------------ keys
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Escape:
            if not self.cancel_gesture():
                self.editor.scene.clearSelection()
            return
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1),
                  Qt.Key.Key_Down: (0, 1)}
        modifiers = event.modifiers()
        if key in arrows and modifiers & Qt.KeyboardModifier.AltModifier:
            if key in (Qt.Key.Key_Right, Qt.Key.Key_Left):
                self.editor.follow_arrow(outgoing=key == Qt.Key.Key_Right)
            else:
                self.editor.next_branch(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in arrows and not modifiers & Qt.KeyboardModifier.ControlModifier:
            fine = modifiers & Qt.KeyboardModifier.ShiftModifier
            step = 1.0 if fine else float(self.editor.grid_size)
            dx, dy = arrows[key]
            if self.editor.nudge_selection(dx * step, dy * step):
                return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            node_ids = self.editor.scene.selected_ids()[0]
            if len(node_ids) == 1:
                self.editor.edit_text_of_node(node_ids[0])
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.end_gesture()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tab walks the shapes in flow order instead of moving focus out of the canvas."""
        if event.type() == QEvent.Type.WindowDeactivate:
            self.end_gesture()
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab,
                                                                    Qt.Key.Key_Backtab):
            backwards = (event.key() == Qt.Key.Key_Backtab
                         or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            self.editor.walk(-1 if backwards else 1)
            return True
        return super().event(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = False
            self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    # ------------------------------------------------------------------ drops from the palette
    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasFormat(PALETTE_MIME):
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasFormat(PALETTE_MIME):
            kind = bytes(event.mimeData().data(PALETTE_MIME).data()).decode()
            self.editor.place(kind, self.mapToScene(event.position().toPoint()))
            event.acceptProposedAction()
            return
        super().dropEvent(event)

    # ------------------------------------------------------------------ grid and guides
    def _repaint_if_headers_pinned(self) -> None:
        if self.editor.doc.lanes:
            self.viewport().update()

    def _pin_lane_headers(self, painter: QPainter) -> None:
        """When the lanes' own headers have scrolled out on the left, their names stay in view
        at the canvas's left edge (drawn, not clickable: the real header is one scroll away)."""
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        scene = self.editor.scene
        for lane in self.editor.doc.lanes:
            item = scene.lane_items.get(lane.id)
            if item is None or item.band.left() + LANE_HEADER_WIDTH > visible.left():
                continue
            band = item.band.intersected(QRectF(visible.left(), visible.top(), visible.width(),
                                                visible.height()))
            if band.isEmpty():
                continue
            top, bottom = item.band.top(), item.band.bottom()
            header = QRectF(visible.left(), top, LANE_HEADER_WIDTH, bottom - top)
            painter.save()
            painter.setOpacity(0.92)
            paint_lane_header(painter, lane, header, selected=item.isSelected())
            painter.restore()

    def show_guides(self, x: float | None, y: float | None) -> None:
        """Alignment guides while dragging: a vertical line at x, a horizontal one at y."""
        if (x, y) != self.guides:
            self.guides = (x, y)
            self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        self._pin_lane_headers(painter)
        x, y = self.guides
        if x is not None or y is not None:
            painter.setPen(QPen(style.GUIDE, 0, Qt.PenStyle.DashLine))
            if x is not None:
                painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
            if y is not None:
                painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if self.lane_guide_y is not None:
            painter.setPen(QPen(style.SELECTION, 0, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), self.lane_guide_y),
                             QPointF(rect.right(), self.lane_guide_y))


PALETTE_MIME = "application/x-flowedit-palette-item"


def _grid_brush(spacing: int) -> QBrush:
    """Grid dots as a tiled brush: Qt paints it in scene coordinates at no per-frame cost."""
    tile = QPixmap(spacing, spacing)
    tile.fill(Qt.GlobalColor.white)
    painter = QPainter(tile)
    painter.setPen(QPen(style.LANE_BORDER, 1))
    painter.drawPoint(0, 0)
    painter.end()
    return QBrush(tile)


class _Nothing(Interaction):
    """A press that only selected something: swallow the rest of the gesture."""
