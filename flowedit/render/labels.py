"""Where arrow labels go: beside their arrow, never under a shape or on another label.

A label is first tried where it always went (just above the middle of its arrow); when a shape or
an already placed label is in the way it slides along the arrow and to its other side, and
takes the free place nearest the middle. Only when no place is free (a crowded drawing) does it
take the one with the least overlap. Plain rectangles, so the canvas, the presenter and exports
place labels alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from flowedit.model import Document, Routing
from flowedit.render.edges import EdgeRoute, edge_route
from flowedit.render.painting import edge_label_size
from flowedit.render.shapes import node_rect

if TYPE_CHECKING:  # numpy and the router load on first use, not when the editor starts
    import numpy as np


def box_rect(box: tuple[float, float, float, float]) -> QRectF:
    """A layout box (left, top, right, bottom) as a rectangle."""
    left, top, right, bottom = box
    return QRectF(left, top, right - left, bottom - top)

#: Where along the arrow a label may sit (0 its start, 1 its end), nearest the middle first.
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
#: Room kept between a label and a shape's outline.
GAP = 3.0


def obstacle_array(rects: Iterable[QRectF]) -> np.ndarray:
    """Rectangles as an (n, 4) array of left, top, right, bottom, for fast overlap tests."""
    import numpy as np

    rows = [(r.left(), r.top(), r.right(), r.bottom()) for r in rects]
    return np.array(rows, dtype=float).reshape(-1, 4)


def candidates(route: EdgeRoute, width: float, height: float) -> list[QPointF]:
    """Centres a label of this size may take, the usual place first."""
    centres = [route.label_anchor]
    if route.start == route.end or route.line.elementCount() > 2:  # a loop: around its arc
        out = route.label_anchor - (route.start + route.end) / 2
        length = max((out.x() ** 2 + out.y() ** 2) ** 0.5, 1e-9)
        out /= length
        across = QPointF(-out.y(), out.x())
        for step in (1, 2, 3):
            centres.append(route.label_anchor + out * (height * 1.1 * step))
        for step in (1, -1, 2, -2):
            centres.append(route.label_anchor + across * ((width / 2 + 6) * step))
        return centres
    dx, dy = route.end.x() - route.start.x(), route.end.y() - route.start.y()
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    normal = QPointF(dy / length, -dx / length)
    if normal.y() > 0:
        normal = -normal
    # far enough off the line that the whole box clears it
    clear = abs(normal.x()) * width / 2 + abs(normal.y()) * height / 2 + 3
    # beside the line first, then further out (over the shapes' tops when they stand close)
    for away in [max(clear, 10.0)] + [clear + 18.0 * step for step in range(1, 7)]:
        for along in _ALONG:
            point = route.start + (route.end - route.start) * along
            for side in (1, -1):
                centres.append(point + normal * (side * away))
    return centres


def candidate_array(route: EdgeRoute, width: float, height: float) -> np.ndarray:
    """`candidates` as an (n, 2) array, worked out in one array operation for a straight arrow
    (the same arithmetic in the same order, so the very same numbers)."""
    import numpy as np

    if route.start == route.end or route.line.elementCount() > 2:
        return np.array([(c.x(), c.y()) for c in candidates(route, width, height)], dtype=float)
    sx, sy, ex, ey = route.start.x(), route.start.y(), route.end.x(), route.end.y()
    dx, dy = ex - sx, ey - sy
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    nx, ny = dy / length, -dx / length
    if ny > 0:
        nx, ny = -nx, -ny
    nx, ny = nx + 0.0, ny + 0.0  # -0.0 as QPointF's negation leaves it
    clear = abs(nx) * width / 2 + abs(ny) * height / 2 + 3
    away = np.array([max(clear, 10.0)] + [clear + 18.0 * step for step in range(1, 7)])
    along = np.array(_ALONG)
    offset = np.array((1.0, -1.0))[None, None, :] * away[:, None, None]  # [away, along, side]
    xs = (sx + dx * along)[None, :, None] + nx * offset
    ys = (sy + dy * along)[None, :, None] + ny * offset
    anchor = route.label_anchor
    return np.concatenate((np.array([[anchor.x(), anchor.y()]]),
                           np.stack((xs.ravel(), ys.ravel()), axis=1)))


def search_area(route: EdgeRoute, size: tuple[float, float]) -> QRectF:
    """Everything a label of this size may cover wherever `candidates` puts it: only obstacles
    in here need to be looked at."""
    reach = max(size) + 140.0
    return route.line.boundingRect().adjusted(-reach, -reach, reach, reach)


class RectIndex:
    """Rectangles bucketed on a coarse grid, so that finding those near a label looks at a few
    buckets, not at every shape of a 5,000-shape process."""

    def __init__(self, cell: float = 400.0) -> None:
        self.cell = cell
        self.rows: list[tuple[float, float, float, float]] = []
        self.buckets: dict[tuple[int, int], list[int]] = {}

    def _cells(self, left: float, top: float, right: float, bottom: float
               ) -> Iterable[tuple[int, int]]:
        for gx in range(int(left // self.cell), int(right // self.cell) + 1):
            for gy in range(int(top // self.cell), int(bottom // self.cell) + 1):
                yield gx, gy

    def add(self, rect: QRectF) -> None:
        row = (rect.left(), rect.top(), rect.right(), rect.bottom())
        self.rows.append(row)
        for key in self._cells(*row):
            self.buckets.setdefault(key, []).append(len(self.rows) - 1)

    def near(self, area: QRectF) -> np.ndarray:
        import numpy as np

        found: set[int] = set()
        for key in self._cells(area.left(), area.top(), area.right(), area.bottom()):
            found.update(self.buckets.get(key, ()))
        return np.array([self.rows[i] for i in sorted(found)], dtype=float).reshape(-1, 4)


def place(route: EdgeRoute, size: tuple[float, float], obstacles: np.ndarray) -> QRectF:
    """The label's rectangle: the first candidate clear of every obstacle, else the least
    covered one. All candidates are measured against all obstacles in one array operation."""
    import numpy as np

    width, height = size
    centres = candidate_array(route, width, height)
    lefts, tops = centres[:, 0] - width / 2, centres[:, 1] - height / 2
    if len(obstacles):
        across = (np.minimum(obstacles[None, :, 2], (lefts + width)[:, None])
                  - np.maximum(obstacles[None, :, 0], lefts[:, None]))
        down = (np.minimum(obstacles[None, :, 3], (tops + height)[:, None])
                - np.maximum(obstacles[None, :, 1], tops[:, None]))
        cover = (np.clip(across, 0, None) * np.clip(down, 0, None)).sum(axis=1)
        clear = np.flatnonzero(cover <= 0.0)
        best = int(clear[0]) if clear.size else int(np.argmin(cover))
    else:
        best = 0
    return QRectF(float(lefts[best]), float(tops[best]), width, height)


def label_layout(doc: Document, edge_ids: Iterable[str] | None = None,
                 also_avoid: Iterable[QRectF] = (), complete: bool = True
                 ) -> dict[str, tuple[EdgeRoute, QRectF | None]]:
    """Route and label rectangle of each edge (all, or `edge_ids`), in document order: each
    label avoids every shape, `also_avoid` (an export's captions) and the labels placed before
    it. `complete=False` (the canvas opening a big document) may give orthogonal arrows
    placeholder routes that the route book finishes in the background."""
    wanted = set(doc.edges) if edge_ids is None else set(edge_ids)
    if not wanted:  # e.g. a new, empty process: the router (numpy) is not even loaded
        return {}
    if doc.routing is Routing.ORTHOGONAL:  # the router's polylines and label boxes
        from flowedit.render.routes import routes_for

        book = routes_for(doc, complete)
        orthogonal: dict[str, tuple[EdgeRoute, QRectF | None]] = {}
        for edge_id in doc.edges:
            if edge_id in wanted:
                path, box = book.edge_route(edge_id)
                orthogonal[edge_id] = (path, None if box is None else box_rect(box))
        return orthogonal
    index = RectIndex()
    for node in doc.nodes.values():
        index.add(node_rect(node).adjusted(-GAP, -GAP, GAP, GAP))
    for rect in also_avoid:
        index.add(rect)
    layout: dict[str, tuple[EdgeRoute, QRectF | None]] = {}
    for edge in doc.edges.values():
        if edge.id not in wanted:
            continue
        path = edge_route(doc, edge)
        rect = None
        if edge.label:
            size = edge_label_size(edge.label)
            rect = place(path, size, index.near(search_area(path, size)))
            index.add(rect)
        layout[edge.id] = (path, rect)
    return layout
