"""Where each arrow's label goes: beside a free stretch of its own route, never over a shape and
never over another label. No Qt here: the caller measures the text (the Qt layer knows the font)
and passes each label's (width, height); `estimate_label_size` stands in when nothing is drawn.

A decision's branch label sits near the decision, where the reader chooses; any other label near
the middle of its arrow. When no stretch of the route has room, the label moves outward around
the preferred spot until it finds a free place, so a crowded drawing never stacks labels.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence

from flowedit.layout.shapes import Box, BoxIndex, Point

#: Space between a label and its arrow, and around shapes and other labels.
LABEL_GAP = 4.0
_NEAR_SOURCE = 14.0  # how far from the decision a branch label starts
_SEARCH_STEP = 12.0
_SEARCH_RINGS = 400


def estimate_label_size(text: str) -> tuple[float, float]:
    """A stand-in for measured text: ~7 units per character, 16 per line, plus padding."""
    lines = text.splitlines() or [""]
    return (7.0 * max(len(line) for line in lines) + 8.0, 16.0 * len(lines) + 4.0)


def place_labels(routes: Mapping[str, Sequence[Point]], sizes: Mapping[str, tuple[float, float]],
                 shapes: Mapping[str, Box], near_source: Iterable[str] = ()
                 ) -> dict[str, Box]:
    """A box (left, top, right, bottom) for each arrow in `sizes`, in the order of `routes`.

    `near_source` names the arrows whose label belongs next to their source (decision
    branches)."""
    early = set(near_source)
    blocked = BoxIndex()
    for key, box in shapes.items():
        blocked.insert("shape\0" + key, box)
    lines = BoxIndex()  # other arrows: a label keeps off them when it can
    for edge_id, route in routes.items():
        for index, (a, b) in enumerate(itertools.pairwise(route)):
            lines.insert(f"{edge_id}\0{index}", (min(a[0], b[0]), min(a[1], b[1]),
                                                  max(a[0], b[0]), max(a[1], b[1])))
    placed: dict[str, Box] = {}
    for edge_id, route in routes.items():
        if edge_id not in sizes or len(route) < 2:
            continue
        width, height = sizes[edge_id]
        candidates = list(_candidates(route, width, height, edge_id in early))
        box = _first_free(candidates, blocked, lines)
        if box is None:
            box = _first_free(candidates, blocked)
        if box is None:
            box = _search_around(_anchor(route, edge_id in early), width, height, blocked)
        placed[edge_id] = box
        blocked.insert("label\0" + edge_id, box)
    return placed


def _first_free(candidates: Iterable[Box], blocked: BoxIndex, lines: BoxIndex | None = None
                ) -> Box | None:
    for box in candidates:
        if not blocked.hits_box(box, LABEL_GAP) and (lines is None
                                                    or not _touches_line(lines, box)):
            return box
    return None


def _touches_line(lines: BoxIndex, box: Box) -> bool:
    """True when an arrow segment runs through the box (touching its edge is fine)."""
    for key in lines.near(box):
        left, top, right, bottom = lines.boxes[key]
        if left < box[2] and box[0] < right and top < box[3] and box[1] < bottom:
            return True
    return False


def _candidates(route: Sequence[Point], width: float, height: float, early: bool
                ) -> Iterable[Box]:
    """Boxes beside the route's segments, the preferred spots first: for each segment (from
    the source for a branch, from the middle outward otherwise) a few spots along it, above or
    right of the line first."""
    segments = list(itertools.pairwise(route))
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in segments]
    total = sum(lengths)
    starts = [sum(lengths[:i]) for i in range(len(segments))]
    if early:
        order = list(range(len(segments)))
    else:
        order = sorted(range(len(segments)),
                       key=lambda i: abs(starts[i] + lengths[i] / 2 - total / 2))
    for i in order:
        a, b = segments[i]
        length = lengths[i]
        if length <= 0:
            continue
        along = width if a[1] == b[1] else height
        spots = [min(_NEAR_SOURCE + along / 2, length / 2)] if early else [length / 2]
        spots += [length * f for f in (0.25, 0.75, 0.1, 0.9)]
        for t in spots:
            x = a[0] + (b[0] - a[0]) * t / length
            y = a[1] + (b[1] - a[1]) * t / length
            yield from _beside((x, y), a[1] == b[1], width, height)


def _beside(point: Point, horizontal: bool, width: float, height: float) -> Iterable[Box]:
    x, y = point
    if horizontal:
        yield (x - width / 2, y - LABEL_GAP - height, x + width / 2, y - LABEL_GAP)
        yield (x - width / 2, y + LABEL_GAP, x + width / 2, y + LABEL_GAP + height)
    else:
        yield (x + LABEL_GAP, y - height / 2, x + LABEL_GAP + width, y + height / 2)
        yield (x - LABEL_GAP - width, y - height / 2, x - LABEL_GAP, y + height / 2)


def _anchor(route: Sequence[Point], early: bool) -> Point:
    if early:
        return route[1] if len(route) > 2 else route[-1]
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(route)]
    half = sum(lengths) / 2
    for (a, b), length in zip(itertools.pairwise(route), lengths, strict=True):
        if half <= length and length > 0:
            return (a[0] + (b[0] - a[0]) * half / length, a[1] + (b[1] - a[1]) * half / length)
        half -= length
    return route[-1]


def _search_around(anchor: Point, width: float, height: float, blocked: BoxIndex) -> Box:
    """Rings of spots ever further from `anchor` until one is free: there always is one
    outside everything drawn, so this ends."""
    x, y = anchor
    for ring in range(1, _SEARCH_RINGS):
        radius = ring * _SEARCH_STEP
        count = 8 * ring
        for k in range(count):
            angle = 2 * math.pi * k / count
            cx, cy = x + radius * math.cos(angle), y + radius * math.sin(angle)
            box = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
            if not blocked.hits_box(box, LABEL_GAP):
                return box
    everything = list(blocked.boxes.values())
    below = max(b[3] for b in everything) + 2 * LABEL_GAP
    return (x - width / 2, below, x + width / 2, below + height)
