"""An orthogonal arrow's bends under the user's hand: drag a segment sideways (the route keeps
the rest), drag a bend point the user added, or slide its label along it. The arrow follows the
pointer on the canvas while the model stays as it was; the release stores the new bend points
(`points:` in the file) or label position (`label_at:`) as one undoable edit, Esc puts
everything back."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QMouseEvent

from flowedit.i18n import _
from flowedit.render.edges import polyline_route
from flowedit.ui.canvas.interactions.base import Interaction
from flowedit.ui.canvas.interactions.move import DRAG_THRESHOLD
from flowedit.ui.lazy import operations

if TYPE_CHECKING:
    from flowedit.ui.editor import Editor

Point = tuple[float, float]
#: How near (scene units) a press must be to a segment or a bend point to take it.
REACH = 6.0


def nearest_segment(route: list[Point], pos: QPointF) -> tuple[int, float]:
    """(index of the segment nearest `pos`, its distance)."""
    best = (-1, float("inf"))
    for index, (a, b) in enumerate(itertools.pairwise(route)):
        x = min(max(pos.x(), min(a[0], b[0])), max(a[0], b[0]))
        y = min(max(pos.y(), min(a[1], b[1])), max(a[1], b[1]))
        distance = ((pos.x() - x) ** 2 + (pos.y() - y) ** 2) ** 0.5
        if distance < best[1]:
            best = (index, distance)
    return best


#: How far from its shape a moved end segment turns back to its port: the jog's bends must lie
#: outside the router's clear margin around the shape, or it would drop them.
JOG_ROOM = 20.0


def shifted(route: list[Point], index: int, by: float) -> list[Point]:
    """The route with segment `index` moved `by` across itself; a moved end segment keeps its
    port and gets a short jog to it (`JOG_ROOM` before the shape), so the arrow still meets
    its shape where it did."""
    a, b = route[index], route[index + 1]
    horizontal = abs(b[0] - a[0]) >= abs(b[1] - a[1])

    def move(point: Point) -> Point:
        return (point[0], point[1] + by) if horizontal else (point[0] + by, point[1])

    def short_of(end: Point, other: Point) -> Point:
        """The point `JOG_ROOM` back from `end` toward `other` (at most half way)."""
        length = abs(other[0] - end[0]) + abs(other[1] - end[1])
        room = min(JOG_ROOM, length / 2) / length if length else 0.0
        return (end[0] + (other[0] - end[0]) * room, end[1] + (other[1] - end[1]) * room)

    points = list(route)
    last = index + 1 == len(route) - 1
    stop_b = short_of(b, a) if last else b
    stop_a = short_of(a, b) if index == 0 else a
    points[index], points[index + 1] = move(stop_a), move(stop_b)
    if last:
        points[index + 2:index + 2] = [stop_b, b]
    if index == 0:
        points[0:0] = [a, stop_a]
    return points


def with_bend(route: list[Point], bends: list[Point], pos: QPointF) -> list[Point]:
    """The user's bend points with one more at `pos`, in the order the route passes them."""
    point = (round(pos.x(), 2), round(pos.y(), 2))
    if not bends:
        return [point]
    index, _distance = nearest_segment(route, pos)

    def along(p: Point) -> int:
        return nearest_segment(route, QPointF(*p))[0]

    before = [p for p in bends if along(p) <= index]
    return [*before, point, *bends[len(before):]]


class SegmentInteraction(Interaction):
    """Drags one segment of an orthogonal arrow sideways."""

    def __init__(self, editor: Editor, edge_id: str, index: int) -> None:
        super().__init__(editor)
        self.edge_id = edge_id
        self.index = index
        self.route = list(editor.scene.route_book().routes[edge_id])
        self.origin = QPointF()
        self.started = False

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.origin = pos

    def _points(self, pos: QPointF) -> list[Point]:
        a, b = self.route[self.index], self.route[self.index + 1]
        horizontal = abs(b[0] - a[0]) >= abs(b[1] - a[1])
        by = pos.y() - self.origin.y() if horizontal else pos.x() - self.origin.x()
        return shifted(self.route, self.index, round(by, 2))

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started and (pos - self.origin).manhattanLength() < DRAG_THRESHOLD:
            return
        self.started = True
        self.scene.edge_items[self.edge_id].show_route(polyline_route(self._points(pos)))

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started:
            return
        bends = tuple(self._points(pos)[1:-1])
        self._restore()
        self.editor.edit(lambda: _("Move arrow segment"),
                         lambda rec: rec.do(operations.UpdateEdge(self.edge_id, {"points": bends})))

    def _restore(self) -> None:
        if self.edge_id in self.scene.edge_items:
            self.scene.edge_items[self.edge_id].sync()

    def cancel(self) -> None:
        self._restore()


class BendPointInteraction(SegmentInteraction):
    """Drags one of the bend points the user placed."""

    def __init__(self, editor: Editor, edge_id: str, point: int) -> None:
        super().__init__(editor, edge_id, 0)
        self.point = point
        self.bends = list(self.doc.edges[edge_id].points)

    def _bends(self, pos: QPointF) -> tuple[Point, ...]:
        bends = list(self.bends)
        x, y = bends[self.point]
        delta = pos - self.origin
        bends[self.point] = (round(x + delta.x(), 2), round(y + delta.y(), 2))
        return tuple(bends)

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started and (pos - self.origin).manhattanLength() < DRAG_THRESHOLD:
            return
        self.started = True
        route = self.route
        self.scene.edge_items[self.edge_id].show_route(
            polyline_route([route[0], *self._bends(pos), route[-1]]))

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started:
            return
        bends = self._bends(pos)
        self._restore()
        self.editor.edit(lambda: _("Move bend point"),
                         lambda rec: rec.do(operations.UpdateEdge(self.edge_id, {"points": bends})))


def bend_gesture(editor: Editor, edge_id: str, pos: QPointF) -> Interaction | None:
    """The gesture a press on an orthogonal arrow's line starts: a user bend point under it
    first, else the segment under it; None off the line. A press on its label slides it."""
    item = editor.scene.edge_items[edge_id]
    if item.label_rect.contains(pos):
        return LabelInteraction(editor, edge_id)
    for number, (x, y) in enumerate(editor.doc.edges[edge_id].points):
        if abs(pos.x() - x) <= REACH and abs(pos.y() - y) <= REACH:
            return BendPointInteraction(editor, edge_id, number)
    route = editor.scene.route_book().routes.get(edge_id)
    if not route:
        return None
    index, distance = nearest_segment(list(route), pos)
    if distance > REACH:
        return None
    return SegmentInteraction(editor, edge_id, index)


def share_along(route: list[Point], pos: QPointF) -> float:
    """How far along the route (0 its start, 1 its end) the point nearest `pos` lies."""
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(route)]
    index, _distance = nearest_segment(route, pos)
    a, b = route[index], route[index + 1]
    if abs(b[0] - a[0]) >= abs(b[1] - a[1]):
        into = min(max(pos.x(), min(a[0], b[0])), max(a[0], b[0])) - a[0]
    else:
        into = min(max(pos.y(), min(a[1], b[1])), max(a[1], b[1])) - a[1]
    total = sum(lengths) or 1.0
    return round(min(max((sum(lengths[:index]) + abs(into)) / total, 0.0), 1.0), 3)


class LabelInteraction(Interaction):
    """Slides an orthogonal arrow's label along its arrow; stored as `label_at`."""

    def __init__(self, editor: Editor, edge_id: str) -> None:
        super().__init__(editor)
        self.edge_id = edge_id
        self.route = list(editor.scene.route_book().routes[edge_id])
        self.origin = QPointF()
        self.started = False

    def press(self, pos: QPointF, event: QMouseEvent) -> None:
        self.origin = pos

    def move(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started and (pos - self.origin).manhattanLength() < DRAG_THRESHOLD:
            return
        self.started = True
        item = self.scene.edge_items[self.edge_id]
        size = (item.label_rect.width(), item.label_rect.height())
        from flowedit.render.routes import label_at  # the router loads on first use

        left, top, right, bottom = label_at(self.route, share_along(self.route, pos), size)
        item.show_label(QRectF(left, top, right - left, bottom - top))

    def release(self, pos: QPointF, event: QMouseEvent) -> None:
        if not self.started:
            return
        share = share_along(self.route, pos)
        self.scene.edge_items[self.edge_id].sync()
        self.editor.edit(lambda: _("Move label"), lambda rec: rec.do(
            operations.UpdateEdge(self.edge_id, {"label_at": share})))

    def cancel(self) -> None:
        if self.edge_id in self.scene.edge_items:
            self.scene.edge_items[self.edge_id].sync()
