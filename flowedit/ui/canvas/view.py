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
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsView, QStyleOptionGraphicsItem

from flowedit.model import Routing
from flowedit.render import style
from flowedit.render.painting import SKETCH_SCALE, has_subprocess, subprocess_mark_rect
from flowedit.ui.canvas.interactions.base import Interaction
from flowedit.ui.canvas.interactions.place import PlaceInteraction
from flowedit.ui.canvas.items.edge_item import EdgeItem
from flowedit.ui.canvas.items.lane_item import LaneItem
from flowedit.ui.canvas.items.node_item import NodeItem
from flowedit.ui.canvas.pinned_lane_headers import PinnedLaneHeaders
from flowedit.ui.canvas.sketch import Sketch
from flowedit.ui.keymap import canvas_command

if TYPE_CHECKING:
    from flowedit.ui.canvas.interactions.move import MoveInteraction
    from flowedit.ui.editor import Editor

MIN_ZOOM, MAX_ZOOM = 0.05, 6.0
ZOOM_STEP = 1.2
#: Zoom In / Zoom Out walk this ladder (per cent): steps of a quarter to a third, no big jumps.
ZOOM_LADDER = (10, 15, 20, 25, 33, 40, 50, 67, 75, 85, 100, 125, 150, 200, 300, 400, 600)
#: Zoom to Fit never goes below this: names (7-10 pt) stay readable; a bigger diagram scrolls.
READABLE_ZOOM = 0.5
#: Room kept around a shape scrolled into view (viewport pixels).
SHOW_MARGIN = 60


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
        self.pinned_headers = PinnedLaneHeaders(self)
        self.verticalScrollBar().valueChanged.connect(self._redraw_lane_names)
        self.sketch = Sketch(editor.scene)
        #: The last sketch frame (`_sketch_frame`) and what it was drawn for.
        self._frame: QPixmap | None = None
        self._frame_key: object = None
        #: Off: zoomed out, the items paint themselves one by one (tests compare the two).
        self.batch_sketch = True

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.pinned_headers.follow()

    def _redraw_lane_names(self) -> None:
        """A lane partly in view writes its name in the part shown (LaneItem.name_area); a
        vertical scroll moves what was drawn, so the headers in view are drawn again."""
        scene = self.scene()
        if scene is None:  # the window is closing: the scene went first
            return
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        for item in scene.lane_items.values():  # type: ignore[attr-defined]
            header = item.header_rect()
            if header.intersects(visible):
                item.update(header)

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
        with self.pinned_headers.held():
            before = self.mapToScene(anchor.toPoint())
            self.scale(factor, factor)
            after = self.mapToScene(anchor.toPoint())
            shift = after - before
            self.translate(shift.x(), shift.y())
        self.zoom_changed.emit(self.zoom())

    def zoom_step(self, direction: int) -> None:
        """Ctrl+plus / Ctrl+minus: to the next step of the ladder strictly above (below) the
        zoom shown, so every press changes the percentage in the status bar."""
        shown = round(self.zoom() * 100)
        if direction > 0:
            target = next((z for z in ZOOM_LADDER if z > shown), ZOOM_LADDER[-1])
        else:
            target = next((z for z in reversed(ZOOM_LADDER) if z < shown), ZOOM_LADDER[0])
        self.zoom_by(target / 100 / self.zoom())

    def zoom_to_fit(self) -> None:
        """Shows the whole diagram, but never so small that names cannot be read: a diagram
        too big for that is shown at the readable zoom from its top-left, where the process
        starts, and the rest is a scroll away."""
        rect = self.editor.scene.diagram_rect()
        if rect.isEmpty():
            rect = QRectF(0, 0, 800, 600)
        rect = rect.adjusted(-30, -30, 30, 30)
        area = self.viewport().rect()
        fit = min(area.width() / rect.width(), area.height() / rect.height())
        zoom = min(max(fit, READABLE_ZOOM), 1.5)
        with self.pinned_headers.held():
            self.resetTransform()
            self.scale(zoom, zoom)
            if zoom > fit:
                visible = self.mapToScene(area).boundingRect()
                self.centerOn(rect.left() + visible.width() / 2,
                              rect.top() + min(visible.height(), rect.height()) / 2)
            else:
                self.centerOn(rect.center())
        self.zoom_changed.emit(self.zoom())

    def show_scene_rect(self, rect: QRectF) -> None:
        """Scrolls only as far as needed to show `rect` with some room around it (never
        re-centres a view the user has arranged)."""
        self.ensureVisible(rect, SHOW_MARGIN, SHOW_MARGIN)

    def reset_zoom(self) -> None:
        centre = self.mapToScene(self.viewport().rect().center())
        with self.pinned_headers.held():
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
        """Cancels a gesture in progress (its preview goes); called before any other edit or undo,
        which the gesture was not planned for, and whenever its release cannot arrive."""
        if self.active is not None:
            active, self.active = self.active, None
            active.cancel()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.press_at(self.mapToScene(event.position().toPoint()), event):
            super().mousePressEvent(event)

    def press_at(self, pos: QPointF, event: QMouseEvent) -> bool:
        """Starts the gesture a press at scene point `pos` asks for; False when none (the
        canvas then starts a rubber band). The pinned lane headers press here too."""
        from flowedit.ui.canvas.interactions.pan import PanInteraction

        self.end_gesture()  # a release that never arrived (a dialog popped up mid-drag)
        self.editor.close_inline_editor(commit=True)
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (
                button == Qt.MouseButton.LeftButton and self.space_down):
            self._start(PanInteraction(self.editor), pos, event)
            return True
        if button != Qt.MouseButton.LeftButton:
            return False
        if self.armed is not None:
            self._start(self.armed, pos, event)
            self.arm(None)
            return True
        gesture = self._gesture_at(pos, event)
        if gesture is not None:
            self._start(gesture, pos, event)
            return True
        return False

    def _gesture_at(self, pos: QPointF, event: QMouseEvent) -> Interaction | None:
        from flowedit.ui.canvas.interactions.bend import bend_gesture
        from flowedit.ui.canvas.interactions.connect import ConnectInteraction
        from flowedit.ui.canvas.interactions.resize import (
            ReorderLaneInteraction,
            ResizeLaneInteraction,
            ResizeNodeInteraction,
        )

        scene = self.editor.scene
        toggling = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        arrow = self._arrow_end_or_head_at(pos, toggling)
        if arrow is not None:
            return arrow
        for item in scene.items(pos):
            if getattr(item, "handles_own_clicks", False):
                return None  # e.g. a ghost arrow after calibrating: the scene gives it the click
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
                    return _Nothing(self.editor)
                scene.select_only(edge_ids=[item.edge_id])
                bend = None
                if self.editor.doc.routing is Routing.ORTHOGONAL:
                    bend = bend_gesture(self.editor, item.edge_id, pos)
                return bend or _Nothing(self.editor)
            if isinstance(item, LaneItem):
                # A border wins over the header of the lane below it, as the cursor promises.
                border = next((i for i in scene.items(pos)
                               if isinstance(i, LaneItem) and i.on_bottom_border(pos)), None)
                if border is not None:
                    return ResizeLaneInteraction(self.editor, border.lane_id)
                if item.in_header(pos):
                    scene.select_only(lane_ids=[item.lane_id])
                    return ReorderLaneInteraction(self.editor, item.lane_id)
        return None

    def _arrow_end_or_head_at(self, pos: QPointF, toggling: bool) -> Interaction | None:
        """Arrow ends sit on shape outlines: a selected arrow's end grip, and any arrowhead,
        win over the shape beneath them."""
        from flowedit.ui.canvas.interactions.connect import ConnectInteraction

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
        from flowedit.ui.canvas.interactions.move import MoveInteraction

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
        if self.move_at(pos, event):
            return
        self.viewport().setCursor(self.cursor_at(pos))
        super().mouseMoveEvent(event)

    def move_at(self, pos: QPointF, event: QMouseEvent) -> bool:
        """Feeds a move to the gesture in progress; False when there is none."""
        if self.active is not None:
            if not event.buttons() & self.active_button:
                self.end_gesture()  # the button was released where we could not see it
            else:
                self.active.move(pos, event)
                return True
        return False

    def cursor_at(self, pos: QPointF) -> Qt.CursorShape:
        if self.armed is not None:
            return Qt.CursorShape.CrossCursor
        if self.space_down:
            return Qt.CursorShape.OpenHandCursor
        for item in self.editor.scene.items(pos):
            if isinstance(item, NodeItem):
                if item.grip_at(pos):
                    return Qt.CursorShape.SizeFDiagCursor
                if item.handle_at(pos):
                    return Qt.CursorShape.CrossCursor
                return Qt.CursorShape.SizeAllCursor
            if isinstance(item, LaneItem) and item.on_bottom_border(pos):
                return Qt.CursorShape.SizeVerCursor
        return Qt.CursorShape.ArrowCursor

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if not self.release_at(self.mapToScene(event.position().toPoint()), event):
            super().mouseReleaseEvent(event)

    def release_at(self, pos: QPointF, event: QMouseEvent) -> bool:
        """Ends the gesture in progress; False when there is none."""
        if self.active is not None:
            active, self.active = self.active, None
            active.release(pos, event)
            return True
        return False

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if not self.double_click_at(self.mapToScene(event.position().toPoint())):
            super().mouseDoubleClickEvent(event)

    def double_click_at(self, pos: QPointF) -> bool:
        """Renames what was double-clicked; False when nothing can be renamed there."""
        for item in self.editor.scene.items(pos):
            if isinstance(item, NodeItem):
                if subprocess_mark_rect(item.node).adjusted(-3, -3, 3, 3).contains(pos) and (
                        has_subprocess(item.node)):
                    self.editor.open_subprocess(item.node_id)
                else:
                    self.editor.edit_text_of_node(item.node_id)
                return True
            if isinstance(item, EdgeItem):
                if (self.editor.doc.routing is Routing.ORTHOGONAL
                        and not item.label_rect.contains(pos)):
                    self.editor.add_bend(item.edge_id, pos)  # on the line: a bend to drag
                else:
                    self.editor.edit_text_of_edge(item.edge_id)
                return True
            if isinstance(item, LaneItem) and item.in_header(pos):
                self.editor.edit_text_of_lane(item.lane_id)
                return True
        return False

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
        """The canvas's own keys, as the key table (`flowedit.ui.keymap`) defines them."""
        found = canvas_command(event.key(), event.modifiers())
        if found is None or not self._canvas_key(*found, event):
            super().keyPressEvent(event)

    def _canvas_key(self, command: str, argument: object, event: QKeyEvent) -> bool:
        """Does `command`; False when it does not apply now and Qt should have the key."""
        if command == "pan":
            if event.isAutoRepeat():
                return False
            self.space_down = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        elif command == "cancel":
            if not self.cancel_gesture():
                self.editor.scene.clearSelection()
        elif command == "follow-arrow":
            self.editor.follow_arrow(outgoing=bool(argument))
        elif command == "other-branch":
            self.editor.next_branch(int(argument))  # type: ignore[call-overload]
        elif command == "nudge":
            fine = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            step = 1.0 if fine else float(self.editor.grid_size)
            dx, dy = argument  # type: ignore[misc]
            return self.editor.nudge_selection(dx * step, dy * step)
        elif command == "edit-name":
            node_ids = self.editor.scene.selected_ids()[0]
            if len(node_ids) != 1:
                return False
            self.editor.edit_text_of_node(node_ids[0])
        elif command == "walk":
            backwards = argument == -1 or bool(event.modifiers()
                                                & Qt.KeyboardModifier.ShiftModifier)
            self.editor.walk(-1 if backwards else 1)
        return True

    def focusOutEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.end_gesture()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        """Tab walks the shapes in flow order instead of moving focus out of the canvas."""
        if event.type() == QEvent.Type.WindowDeactivate:
            self.end_gesture()
        if event.type() == QEvent.Type.KeyPress:
            found = canvas_command(event.key(), event.modifiers())
            if found is not None and found[0] == "walk":
                return self._canvas_key(*found, event)
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
    def show_guides(self, x: float | None, y: float | None) -> None:
        """Alignment guides while dragging: a vertical line at x, a horizontal one at y."""
        if (x, y) != self.guides:
            self.guides = (x, y)
            self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Zoomed out past legible text, with nothing in flight (no gesture, rubber band, guide
        or compared version's ghosts), the diagram is drawn batched (canvas/sketch.py)."""
        if not self._sketching():
            super().paintEvent(event)
            return
        frame = self._sketch_frame()
        painter = QPainter(self.viewport())
        painter.setClipRegion(event.region())
        painter.drawPixmap(0, 0, frame)
        painter.setRenderHints(self.renderHints())
        exposed = self.mapToScene(event.rect().adjusted(-2, -2, 2, 2)).boundingRect()
        painter.setWorldTransform(self.viewportTransform())
        self.drawForeground(painter, exposed)
        painter.end()

    def _sketch_frame(self) -> QPixmap:
        """The whole viewport's background and sketch, drawn once per view of an unchanged
        scene: repaints that only need it again (another window passing over, a cursor blink,
        a status bar message) copy it instead of drawing 10,000 blocks and lines anew."""
        viewport = self.viewport()
        ratio = viewport.devicePixelRatioF()
        scene = self.editor.scene
        t = self.viewportTransform()
        key = (scene.sketch_version, t.m11(), t.m12(), t.m21(), t.m22(), t.dx(), t.dy(),
               viewport.width(), viewport.height(), ratio,
               self.backgroundBrush().texture().cacheKey(),
               tuple(scene.doc.lanes),
               tuple((item.band.getRect(), item.index, item.isSelected())
                     for item in scene.lane_items.values()))
        if self._frame_key != key or self._frame is None:
            frame = QPixmap(round(viewport.width() * ratio), round(viewport.height() * ratio))
            frame.setDevicePixelRatio(ratio)
            painter = QPainter(frame)
            painter.setRenderHints(self.renderHints())
            exposed = self.mapToScene(viewport.rect().adjusted(-2, -2, 2, 2)).boundingRect()
            painter.setWorldTransform(t)
            self.drawBackground(painter, exposed)
            self.sketch.paint(painter)
            painter.end()
            self._frame, self._frame_key = frame, key
        return self._frame

    def _sketching(self) -> bool:
        scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(self.viewportTransform())
        return (self.batch_sketch and scale < SKETCH_SCALE and self.active is None
                and not self.editor.scene.ghosts and self.rubberBandRect().isNull()
                and self.guides == (None, None) and self.lane_guide_y is None)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
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
