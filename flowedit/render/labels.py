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
from flowedit.render import label_places
from flowedit.render.arrow_geometry import Loop, Straight
from flowedit.render.edges import EdgeRoute, qt_route
from flowedit.render.painting import edge_label_size

if TYPE_CHECKING:  # numpy and the router load on first use, not when the editor starts
    import numpy as np


def box_rect(box: tuple[float, float, float, float]) -> QRectF:
    """A layout box (left, top, right, bottom) as a rectangle."""
    left, top, right, bottom = box
    return QRectF(left, top, right - left, bottom - top)

_ALONG = label_places.ALONG
GAP = label_places.GAP


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


class RectIndex(label_places.RectIndex):
    """label_places.RectIndex taking and giving Qt rectangles and numpy rows."""

    def add(self, rect: QRectF) -> None:
        self.add_row((rect.left(), rect.top(), rect.right(), rect.bottom()))

    def near(self, area: QRectF) -> np.ndarray:
        import numpy as np

        return np.array(self.near_rows(area.left(), area.top(), area.right(), area.bottom()),
                        dtype=float).reshape(-1, 4)


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
    sizes: dict[str, tuple[float, float]] = {}

    def size_of(label: str) -> tuple[float, float]:
        if label not in sizes:
            sizes[label] = edge_label_size(label)
        return sizes[label]

    flat = label_places.straight_layout(
        doc, wanted, [(r.left(), r.top(), r.right(), r.bottom()) for r in also_avoid], size_of,
        least_covered)
    return {edge_id: (qt_route(geometry), None if box is None else QRectF(*box))
            for edge_id, (geometry, box) in flat.items()}


def least_covered(geometry: Straight | Loop, size: tuple[float, float],
                  index: label_places.RectIndex) -> label_places.Row:
    """`place` for a label label_places.first_clear found no free place for (or on a loop)."""
    route = qt_route(geometry)
    found = RectIndex.near(index, search_area(route, size))  # type: ignore[arg-type]
    rect = place(route, size, found)
    return rect.left(), rect.top(), rect.width(), rect.height()
