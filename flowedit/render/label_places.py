"""Where a straight arrow's label goes, in plain floats: the first free place, no Qt, no numpy.

render/labels.py places labels for every picture: candidates around the arrow, nearest the
middle first, the first one clear of every obstacle, else the least covered one (one numpy
array operation over all candidates). Most labels take a free place, and finding the first free
one needs no arrays: `first_clear` walks the same candidates (the same arithmetic in the same
order, so the very same numbers) and stops at the first clear one. Only when none is clear does
the caller ask labels.place for the least covered one. The obstacles are kept in `RectIndex`,
shared with labels.py, so both see the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from flowedit.model import Document
from flowedit.render.arrow_geometry import (
    PAIR_OFFSET,
    Loop,
    Straight,
    free_side,
    loop_xy,
    straight_xy,
)

Row = tuple[float, float, float, float]

#: Where along the arrow a label may sit (0 its start, 1 its end), nearest the middle first.
ALONG = (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78)
#: Room kept between a label and a shape's outline.
GAP = 3.0
#: How far beyond its arrow's bounds a label may land (see `search_box`).
_REACH = 140.0


class RectIndex:
    """Rectangles (left, top, right, bottom) bucketed on a coarse grid, so that finding those
    near a label looks at a few buckets, not at every shape of a 5,000-shape process."""

    def __init__(self, cell: float = 400.0) -> None:
        self.cell = cell
        self.rows: list[Row] = []
        self.buckets: dict[tuple[int, int], list[int]] = {}

    def _cells(self, left: float, top: float, right: float, bottom: float
               ) -> Iterator[tuple[int, int]]:
        for gx in range(int(left // self.cell), int(right // self.cell) + 1):
            for gy in range(int(top // self.cell), int(bottom // self.cell) + 1):
                yield gx, gy

    def add_row(self, row: Row) -> None:
        number = len(self.rows)
        self.rows.append(row)
        cell, buckets = self.cell, self.buckets
        left, top, right, bottom = row
        rows = range(int(top // cell), int(bottom // cell) + 1)
        for gx in range(int(left // cell), int(right // cell) + 1):
            for gy in rows:
                bucket = buckets.get((gx, gy))
                if bucket is None:
                    buckets[gx, gy] = [number]
                else:
                    bucket.append(number)

    def near_rows(self, left: float, top: float, right: float, bottom: float,
                  ordered: bool = True) -> list[Row]:
        """The rectangles in the buckets the area touches, in the order they were added (in
        any order when `ordered` is false: whether a place is free does not depend on it)."""
        found: set[int] = set()
        for key in self._cells(left, top, right, bottom):
            bucket = self.buckets.get(key)
            if bucket:
                found.update(bucket)
        rows = self.rows
        return [rows[i] for i in (sorted(found) if ordered else found)]


def grown_shape(x: float, y: float, width: float, height: float) -> Row:
    """A shape's rectangle grown by GAP, with QRectF's arithmetic (render.shapes.node_rect
    adjusted by GAP on each side)."""
    left, top = x - width / 2, y - height / 2
    left, top = left + -GAP, top + -GAP
    return left, top, left + (width + GAP - -GAP), top + (height + GAP - -GAP)


def search_box(straight: Straight, width: float, height: float) -> Row:
    """labels.search_area of a straight arrow: everything its label may cover."""
    (sx, sy), (ex, ey) = straight.start, straight.end
    left, top = min(sx, ex), min(sy, ey)
    span_w, span_h = max(sx, ex) - left, max(sy, ey) - top
    reach = max(width, height) + _REACH
    left, top = left + -reach, top + -reach
    return left, top, left + (span_w + reach - -reach), top + (span_h + reach - -reach)


def candidates(straight: Straight, width: float, height: float) -> Iterator[tuple[float, float]]:
    """The centres labels.candidate_array gives a straight arrow, in its order."""
    yield straight.anchor
    (sx, sy), (ex, ey) = straight.start, straight.end
    dx, dy = ex - sx, ey - sy
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    nx, ny = dy / length, -dx / length
    if ny > 0:
        nx, ny = -nx, -ny
    nx, ny = nx + 0.0, ny + 0.0
    clear = abs(nx) * width / 2 + abs(ny) * height / 2 + 3
    for away in [max(clear, 10.0)] + [clear + 18.0 * step for step in range(1, 7)]:
        for along in ALONG:
            px, py = sx + dx * along, sy + dy * along
            for side in (1.0, -1.0):
                offset = side * away
                yield px + nx * offset, py + ny * offset


def first_clear(straight: Straight, width: float, height: float, obstacles: list[Row]
                ) -> tuple[float, float] | None:
    """(left, top) of the first candidate clear of every obstacle, or None when none is. The
    obstacle that blocked the last candidate is tried first (it usually blocks the next one
    too); whether a candidate is clear does not depend on the order.

    Two rectangles share area (labels.place's cover above zero) exactly when each one's right
    is past the other's left and each one's bottom below the other's top, for rectangles of
    some area; an obstacle of none covers nothing and is left out."""
    half_w, half_h = width / 2, height / 2
    solid = [row for row in obstacles if row[2] > row[0] and row[3] > row[1]]
    blocker: Row | None = None
    for cx, cy in candidates(straight, width, height):
        left, top = cx - half_w, cy - half_h
        right, bottom = left + width, top + height
        if blocker is not None and (blocker[2] > left and right > blocker[0]
                                    and blocker[3] > top and bottom > blocker[1]):
            continue
        for row in solid:
            if row[2] > left and right > row[0] and row[3] > top and bottom > row[1]:
                blocker = row
                break
        else:
            return left, top
    return None


def straight_layout(doc: Document, wanted: set[str], also_avoid: Iterable[Row],
                    label_size: Callable[[str], tuple[float, float]],
                    hard: Callable[[Straight | Loop, tuple[float, float], RectIndex], Row]
                    ) -> dict[str, tuple[Straight | Loop, Row | None]]:
    """Geometry and label box (left, top, width, height) of each wanted arrow of a document
    with straight routing, in document order: each label avoids every shape, `also_avoid` and
    the labels placed before it. `hard` places a label `first_clear` cannot (on a loop, or where
    no place is free): labels.place's least covered place."""
    index = RectIndex()
    nodes = doc.nodes
    for node in nodes.values():
        width, height = node.size
        index.add_row(grown_shape(node.x, node.y, width, height))
    for row in also_avoid:
        index.add_row(row)
    layout: dict[str, tuple[Straight | Loop, Row | None]] = {}
    joined = {(edge.source, edge.target) for edge in doc.edges.values()}
    for edge in doc.edges.values():
        if edge.id not in wanted:
            continue
        source, target = nodes[edge.source], nodes[edge.target]
        geometry: Straight | Loop
        if source.id == target.id:
            geometry = loop_xy(source, free_side(doc, source))
        else:
            # has_opposite, for all arrows at once
            geometry = straight_xy(source, target, PAIR_OFFSET if (target.id, source.id) in joined
                                   else 0.0)
        box = None
        if edge.label:
            width, height = label_size(edge.label)
            if isinstance(geometry, Straight):
                obstacles = index.near_rows(*search_box(geometry, width, height), ordered=False)
                corner = first_clear(geometry, width, height, obstacles)
                box = (None if corner is None else (corner[0], corner[1], width, height))
                if box is None:
                    box = hard(geometry, (width, height), index)
            else:
                box = hard(geometry, (width, height), index)
            index.add_row((box[0], box[1], box[0] + box[2], box[1] + box[3]))
        layout[edge.id] = (geometry, box)
    return layout
