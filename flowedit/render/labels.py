"""Where arrow labels go: beside their arrow, never under a shape or on another label.

A label is first tried where it always went (just above the middle of its arrow); when a shape or
an already placed label is in the way it slides along the arrow and to its other side, and
takes the free place nearest the middle. Only when no place is free (a crowded drawing) does it
take the one with the least overlap. Plain rectangles, so the canvas, the presenter and exports
place labels alike.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from flowedit.model import Document, Node
from flowedit.render.edges import EdgeRoute, edge_route
from flowedit.render.outline import node_rect
from flowedit.render.painting import edge_label_size

#: Where along the arrow a label may sit (0 its start, 1 its end), nearest the middle first.
_ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
#: Room kept between a label and a shape's outline.
_GAP = 3.0


def obstacle_array(rects: Iterable[QRectF]) -> np.ndarray:
    """Rectangles as an (n, 4) array of left, top, right, bottom, for fast overlap tests."""
    rows = [(r.left(), r.top(), r.right(), r.bottom()) for r in rects]
    return np.array(rows, dtype=float).reshape(-1, 4)


def node_obstacles(nodes: Iterable[Node]) -> np.ndarray:
    return obstacle_array(node_rect(node).adjusted(-_GAP, -_GAP, _GAP, _GAP) for node in nodes)


def overlap(rect: QRectF, obstacles: np.ndarray) -> float:
    """The area of `rect` covered by the obstacles (summed)."""
    if not len(obstacles):
        return 0.0
    width = np.minimum(obstacles[:, 2], rect.right()) - np.maximum(obstacles[:, 0], rect.left())
    height = np.minimum(obstacles[:, 3], rect.bottom()) - np.maximum(obstacles[:, 1], rect.top())
    return float(np.sum(np.clip(width, 0, None) * np.clip(height, 0, None)))


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


def place(route: EdgeRoute, size: tuple[float, float], obstacles: np.ndarray) -> QRectF:
    """The label's rectangle: the first candidate clear of every obstacle, else the least
    covered one."""
    width, height = size
    best, best_cover = None, float("inf")
    for centre in candidates(route, width, height):
        rect = QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height)
        cover = overlap(rect, obstacles)
        if cover <= 0.0:
            return rect
        if cover < best_cover:
            best, best_cover = rect, cover
    assert best is not None
    return best


def label_layout(doc: Document, edge_ids: Iterable[str] | None = None,
                 also_avoid: Iterable[QRectF] = ()) -> dict[str, tuple[EdgeRoute, QRectF | None]]:
    """Route and label rectangle of each edge (all, or `edge_ids`), in document order: each
    label avoids every shape, `also_avoid` (an export's captions) and the labels placed before
    it."""
    wanted = set(doc.edges) if edge_ids is None else set(edge_ids)
    shapes = np.vstack([node_obstacles(doc.nodes.values()), obstacle_array(also_avoid)])
    placed: list[QRectF] = []
    layout: dict[str, tuple[EdgeRoute, QRectF | None]] = {}
    for edge in doc.edges.values():
        if edge.id not in wanted:
            continue
        path = edge_route(doc, edge)
        rect = None
        if edge.label:
            obstacles = np.vstack([shapes, obstacle_array(placed)])
            rect = place(path, edge_label_size(edge.label), obstacles)
            placed.append(rect)
        layout[edge.id] = (path, rect)
    return layout
