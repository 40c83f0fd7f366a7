"""Where a straight arrow runs, where its head and label go: plain floats, no Qt.

The arithmetic behind render/edges.py (`route`, the loop on a stage) and render/shapes.py
(`boundary_point`, `arrow_head`): they wrap these numbers in QPointF and QPainterPath for the
painter, and the fast SVG writer (render/svg_stream.py) writes the very same numbers, so both
pictures draw one geometry.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from flowedit.model import Document, Node, NodeKind

Point = tuple[float, float]

#: How far a label sits from its arrow's middle, so it never covers the line.
LABEL_OFFSET = 10.0
#: How far each of two opposite arrows between the same shapes is moved off the centre line.
PAIR_OFFSET = 7.0
#: The sides of a shape a loop may sit on, in order of preference: (dx, dy) outward.
LOOP_SIDES = ((0, -1), (1, 0), (0, 1), (-1, 0))
HEAD_SIZE = 11.0


class Straight(NamedTuple):
    """A straight arrow: from `start` to `end`, its label centred on `anchor`."""

    start: Point
    end: Point
    anchor: Point


class Loop(NamedTuple):
    """An arrow from a shape to itself: a cubic from `start` to `end` over one side."""

    start: Point
    control1: Point
    control2: Point
    end: Point
    anchor: Point
    tail: Point


def boundary_xy(node: Node, toward_x: float, toward_y: float) -> Point:
    """Where the line from the node's centre toward a point leaves its outline."""
    width, height = node.size
    dx, dy = toward_x - node.x, toward_y - node.y
    if dx == 0 and dy == 0:
        return node.x, node.y
    half_w, half_h = width / 2, height / 2
    if node.kind is NodeKind.DECISION:
        scale = 1.0 / (abs(dx) / half_w + abs(dy) / half_h)
    else:
        scale = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        if node.kind in (NodeKind.START, NodeKind.END):
            scale = _pill_scale(dx, dy, half_w, half_h, scale)
    return node.x + dx * scale, node.y + dy * scale


def _pill_scale(dx: float, dy: float, half_w: float, half_h: float, box_scale: float) -> float:
    """A pill is a box with semicircle ends: correct the box hit where it falls on a round end."""
    radius = half_h
    hit_x = dx * box_scale
    straight = half_w - radius
    if abs(hit_x) <= straight:
        return box_scale
    centre_x = math.copysign(straight, dx)
    # Solve |t*(dx,dy) - (centre_x, 0)| = radius for the larger t.
    a = dx * dx + dy * dy
    b = -2 * dx * centre_x
    c = centre_x * centre_x - radius * radius
    disc = max(b * b - 4 * a * c, 0.0)
    return (-b + math.sqrt(disc)) / (2 * a)


def head_xy(tip: Point, tail: Point, size: float = HEAD_SIZE) -> tuple[Point, Point]:
    """The two back corners of the filled triangle at `tip` pointing away from `tail`."""
    angle = math.atan2(tip[1] - tail[1], tip[0] - tail[0])
    corners = []
    for side in (-1, 1):
        a = angle + math.pi - side * math.radians(24)
        corners.append((tip[0] + size * math.cos(a), tip[1] + size * math.sin(a)))
    return corners[0], corners[1]


def head_size(width: float) -> float:
    """The arrowhead grows with a thick line so the line never pokes out around it."""
    return HEAD_SIZE if width <= 2.5 else 8 + width * 2


def straight_xy(source: Node, target: Node, offset: float = 0.0) -> Straight:
    """A straight arrow between the outlines; `offset` moves it that far to its right."""
    shift_x = shift_y = 0.0
    if offset:
        dx, dy = target.x - source.x, target.y - source.y
        length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
        shift_x, shift_y = -dy / length * offset, dx / length * offset
    # the outline points of the centre line, moved: exact on a flat side met square on
    sx, sy = boundary_xy(source, target.x, target.y)
    ex, ey = boundary_xy(target, source.x, source.y)
    sx, sy, ex, ey = sx + shift_x, sy + shift_y, ex + shift_x, ey + shift_y
    mx, my = (sx + ex) / 2, (sy + ey) / 2
    dx, dy = ex - sx, ey - sy
    length = max((dx * dx + dy * dy) ** 0.5, 1e-9)
    nx, ny = dy / length, -dx / length
    if ny > 0:  # keep labels above (or left of) their arrow
        nx, ny = -nx, -ny
    return Straight((sx, sy), (ex, ey), (mx + nx * LABEL_OFFSET, my + ny * LABEL_OFFSET))


def loop_xy(node: Node, side: tuple[int, int] = (0, -1)) -> Loop:
    """An arc leaving and re-entering one side of the shape (the top unless told otherwise)."""
    width, height = node.size
    out_x, out_y = side
    # along: the direction the side runs in; half: half the side's length
    along_x, along_y = (-out_y, out_x) if out_y else (out_y, out_x)
    half = width / 2 if out_y else height / 2
    cx, cy = node.x + out_x * width / 2, node.y + out_y * height / 2

    def at(along: float, out: float) -> Point:
        return cx + along_x * along + out_x * out, cy + along_y * along + out_y * out

    start, end = (cx + along_x * (half / 2), cy + along_y * (half / 2)), \
        (cx - along_x * (half / 2), cy - along_y * (half / 2))
    control1 = at(half * 2 / 3, 55)
    control2 = (cx - along_x * (half * 2 / 3) + out_x * 55, cy - along_y * (half * 2 / 3)
                + out_y * 55)
    tail = (cx - along_x * (half / 1.6) + out_x * 20, cy - along_y * (half / 1.6) + out_y * 20)
    return Loop(start, control1, control2, end, (cx + out_x * 52, cy + out_y * 52), tail)


def has_opposite(doc: Document, source: str, target: str) -> bool:
    """An arrow runs the other way between the same two shapes."""
    return any(doc.edges[other].target == source for other in doc.out_edges(target))


def free_side(doc: Document, node: Node, shown: object = None) -> tuple[int, int]:
    """The first side (top, right, bottom, left) of `node` no other arrow meets; `shown` gives a
    shape as drawn when that is not the model's (a gesture's preview)."""
    get = shown or doc.nodes.__getitem__
    used = set()
    for edge_id in doc.edges_of(node.id):
        edge = doc.edges[edge_id]
        other = get(edge.target if edge.source == node.id else edge.source)  # type: ignore[operator]
        if other.id == node.id:
            continue
        dx, dy = other.x - node.x, other.y - node.y
        width, height = node.size
        if abs(dx) * height >= abs(dy) * width:
            used.add((1 if dx > 0 else -1, 0))
        else:
            used.add((0, 1 if dy > 0 else -1))
    return next((side for side in LOOP_SIDES if side not in used), LOOP_SIDES[0])
