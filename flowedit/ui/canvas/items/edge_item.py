"""An arrow on the canvas: routed from the model's two nodes whenever either changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from flowedit.model import Edge, Routing
from flowedit.render import style
from flowedit.render.edges import EdgeRoute, edge_route
from flowedit.render.labels import box_rect, place, search_area
from flowedit.render.painting import (
    SKETCH_SCALE,
    edge_label_size,
    paint_edge,
    paint_edge_sketch,
)

if TYPE_CHECKING:
    from flowedit.ui.canvas.scene import DiagramScene

END_GRIP = 7.0


class EdgeItem(QGraphicsItem):
    def __init__(self, edge_id: str) -> None:
        super().__init__()
        self.edge_id = edge_id
        self.route: EdgeRoute | None = None
        self._bounds = QRectF()
        self._shape = QPainterPath()
        self._label_rect = QRectF()
        #: The shapes it ran between when last routed: what to re-route once it is gone.
        self.ends: tuple[str, str] = ("", "")
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(5)

    def diagram(self) -> DiagramScene:
        return self.scene()  # type: ignore[return-value]

    @property
    def edge(self) -> Edge:
        return self.diagram().doc.edges[self.edge_id]

    def sync(self, placed: tuple[EdgeRoute, QRectF | None] | None = None) -> None:
        """Re-routes between its shapes as shown (the model's, or a gesture's preview); the
        route is a cache of those positions, nothing more. `placed` is the route and label box
        already worked out for the whole diagram (when the scene is built); otherwise the label
        is placed clear of what is around it now."""
        scene = self.diagram()
        edge = scene.doc.edges[self.edge_id]
        if placed is None and scene.doc.routing is Routing.ORTHOGONAL:
            path, box = scene.route_book().edge_route(self.edge_id)
            placed = (path, None if box is None else box_rect(box))
        route = placed[0] if placed else edge_route(scene.doc, edge, scene.shown_node)
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        # united(), not addPath(): paths of opposite winding would cancel where they overlap
        shape = stroker.createStroke(route.line).united(route.head)
        label_rect = QRectF()
        if edge.label:
            # clear of every shape and of the other arrows' labels (render/labels.py)
            if placed and (placed[1] is not None or scene.doc.routing is Routing.ORTHOGONAL):
                label_rect = placed[1] or QRectF()
            else:
                size = edge_label_size(edge.label)
                label_rect = place(route, size, scene.label_obstacles(
                    self.edge_id, search_area(route, size)))
            label_area = QPainterPath()
            label_area.addRect(label_rect)
            shape = shape.united(label_area)
        # Only now, after asking the scene's index where the label may go: a query between
        # prepareGeometryChange() and the new bounds indexes the item at its old bounds, and
        # Qt later draws or removes it from the wrong place (a crash undoing an ungrouping).
        self.prepareGeometryChange()
        self.route = route
        self.ends = (edge.source, edge.target)
        self._label_rect = label_rect
        self._shape = shape
        self._bounds = shape.boundingRect().adjusted(-END_GRIP, -END_GRIP, END_GRIP, END_GRIP)
        self.update()
        scene.sketch_version += 1

    def show_route(self, route: EdgeRoute) -> None:
        """Draws a route a gesture in progress proposes (bend dragging); `sync` goes back to
        the model's."""
        self.prepareGeometryChange()
        self.route = route
        stroker = QPainterPathStroker()
        stroker.setWidth(12)
        self._shape = stroker.createStroke(route.line).united(route.head)
        self._bounds = self._shape.boundingRect().adjusted(-END_GRIP, -END_GRIP, END_GRIP,
                                                           END_GRIP).united(self._label_rect)
        self.update()

    def show_label(self, rect: QRectF) -> None:
        """Draws the label where a gesture in progress would put it."""
        self.prepareGeometryChange()
        self._label_rect = rect
        self._bounds = self._bounds.united(rect)
        self.update()

    @property
    def label_rect(self) -> QRectF:
        """Where its label is drawn (empty without a label)."""
        return self._label_rect

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._shape

    def end_at(self, scene_pos: QPointF) -> str | None:
        """'source' or 'target' when a selected arrow's end grip is under the point."""
        if not self.isSelected() or self.route is None:
            return None
        for which, point in (("target", self.route.end), ("source", self.route.start)):
            if (point - scene_pos).manhattanLength() <= END_GRIP * 1.8:
                return which
        return None

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.route is None:
            return
        if option.levelOfDetailFromTransform(painter.worldTransform()) < SKETCH_SCALE:
            paint_edge_sketch(painter, self.route, self.diagram().edge_width(self.edge_id))
            return
        edge = self.edge
        paint_edge(painter, self.route, edge.label, selected=self.isSelected(),
                   width=self.diagram().edge_width(self.edge_id), label_rect=self._label_rect)
        if self.isSelected():
            painter.setPen(QPen(style.SELECTION, 1.5))
            painter.setBrush(style.SELECTION.lighter(180))
            for point in (self.route.start, self.route.end):
                painter.drawEllipse(point, END_GRIP / 1.4, END_GRIP / 1.4)
            for x, y in edge.points if self.diagram().doc.routing is Routing.ORTHOGONAL else ():
                painter.drawRect(QRectF(x - 3.5, y - 3.5, 7, 7))
