"""Boxes, sides and a spatial index: the plain geometry the router and the label placer share.

No Qt here: a box is a (left, top, right, bottom) tuple of floats in document units, so the
layout can run headless, in tests and on the command line, and the Qt layer only draws the
result.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator

from flowedit.model.elements import Node, NodeKind
from flowedit.model.geometry import node_extent

Point = tuple[float, float]
Box = tuple[float, float, float, float]  # left, top, right, bottom

#: The four sides of a shape and the way out of it through each.
OUTWARD: dict[str, Point] = {"right": (1.0, 0.0), "left": (-1.0, 0.0),
                             "bottom": (0.0, 1.0), "top": (0.0, -1.0)}
EPSILON = 1e-6


def node_box(node: Node) -> Box:
    """The node's bounding box; a diamond's is the box around its corners."""
    return node_extent(node)


def inflate(box: Box, margin: float) -> Box:
    left, top, right, bottom = box
    return (left - margin, top - margin, right + margin, bottom + margin)


def boxes_overlap(a: Box, b: Box, gap: float = 0.0) -> bool:
    """True when the open interiors of `a` grown by `gap` and `b` share some area."""
    return (a[0] - gap < b[2] and b[0] < a[2] + gap
            and a[1] - gap < b[3] and b[1] < a[3] + gap)


def segment_enters(a: Point, b: Point, box: Box) -> bool:
    """True when the axis-aligned segment a-b passes through the open interior of `box`
    (running along its border does not count)."""
    left, top, right, bottom = box
    if a[1] == b[1]:
        y = a[1]
        low, high = min(a[0], b[0]), max(a[0], b[0])
        return top + EPSILON < y < bottom - EPSILON and low < right - EPSILON \
            and high > left + EPSILON
    x = a[0]
    low, high = min(a[1], b[1]), max(a[1], b[1])
    return left + EPSILON < x < right - EPSILON and low < bottom - EPSILON \
        and high > top + EPSILON


def side_point(node: Node, box: Box, side: str, offset: float) -> Point:
    """The point on the node's outline on `side`, `offset` from the side's middle (along it).

    Ports lie on the drawn outline, not on the bounding box, so an arrow meets a diamond's
    slanted edge or a pill's round end instead of stopping in mid-air."""
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    half_w, half_h = (right - left) / 2, (bottom - top) / 2
    horizontal = side in ("left", "right")
    along = max(-(half_h if horizontal else half_w), min(offset, half_h if horizontal else half_w))
    sign = 1.0 if side in ("right", "bottom") else -1.0
    if node.kind is NodeKind.DECISION:
        if horizontal:
            return (cx + sign * half_w * (1 - abs(along) / half_h), cy + along)
        return (cx + along, cy + sign * half_h * (1 - abs(along) / half_w))
    if node.kind in (NodeKind.START, NodeKind.END):
        radius = min(half_h, half_w)
        if horizontal:
            depth = math.sqrt(max(radius * radius - along * along, 0.0))
            return (cx + sign * (half_w - radius + depth), cy + along)
        straight = half_w - radius
        if abs(along) <= straight:
            return (cx + along, cy + sign * half_h)
        reach = abs(along) - straight
        return (cx + along, cy + sign * math.sqrt(max(radius * radius - reach * reach, 0.0)))
    if horizontal:
        return (right if sign > 0 else left, cy + along)
    return (cx + along, bottom if sign > 0 else top)


def side_length(box: Box, side: str) -> float:
    return box[3] - box[1] if side in ("left", "right") else box[2] - box[0]


class BoxIndex:
    """Boxes by key on a uniform grid of cells, so that "what lies near here?" costs a few
    look-ups instead of a pass over every shape (5,000 shapes on a drag)."""

    def __init__(self, cell: float = 240.0) -> None:
        self._cell = cell
        self._cells: dict[tuple[int, int], dict[str, None]] = {}
        self.boxes: dict[str, Box] = {}

    def copy(self) -> BoxIndex:
        """An index of its own with the same boxes (for a router copy in another thread)."""
        other = BoxIndex(self._cell)
        other.boxes = dict(self.boxes)
        other._cells = {cell: dict(keys) for cell, keys in self._cells.items()}
        return other

    def _span(self, box: Box) -> Iterator[tuple[int, int]]:
        cell = self._cell
        for i in range(math.floor(box[0] / cell), math.floor(box[2] / cell) + 1):
            for j in range(math.floor(box[1] / cell), math.floor(box[3] / cell) + 1):
                yield (i, j)

    def insert(self, key: str, box: Box) -> None:
        if key in self.boxes:
            self.remove(key)
        self.boxes[key] = box
        for cell in self._span(box):
            self._cells.setdefault(cell, {})[key] = None

    def remove(self, key: str) -> None:
        box = self.boxes.pop(key, None)
        if box is None:
            return
        for cell in self._span(box):
            keys = self._cells.get(cell)
            if keys is not None:
                keys.pop(key, None)
                if not keys:
                    del self._cells[cell]

    def near(self, box: Box, ordered: bool = True) -> list[str]:
        """Keys whose boxes touch `box` (closed), sorted unless `ordered` is False (a yes/no
        question needs no order)."""
        found: dict[str, None] = {}
        for cell in self._span(box):
            keys = self._cells.get(cell)
            if keys:
                found.update(keys)
        boxes = self.boxes
        keys = [key for key in found
                if boxes[key][0] <= box[2] and box[0] <= boxes[key][2]
                and boxes[key][1] <= box[3] and box[1] <= boxes[key][3]]
        return sorted(keys) if ordered else keys

    def hits_segment(self, a: Point, b: Point, margin: float,
                     ignore: Iterable[str] = ()) -> bool:
        """True when segment a-b enters some box grown by `margin`, other than `ignore`."""
        reach = (min(a[0], b[0]) - margin, min(a[1], b[1]) - margin,
                 max(a[0], b[0]) + margin, max(a[1], b[1]) + margin)
        skip = set(ignore)
        return any(key not in skip and segment_enters(a, b, inflate(self.boxes[key], margin))
                   for key in self.near(reach, ordered=False))

    def hits_box(self, box: Box, gap: float = 0.0, ignore: Iterable[str] = ()) -> bool:
        skip = set(ignore)
        return any(key not in skip and boxes_overlap(self.boxes[key], box, gap)
                   for key in self.near(inflate(box, gap), ordered=False))
