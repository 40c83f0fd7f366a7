"""The invariants a drawn geometry (the JSON export's data) must keep, as lists of what breaks
them, so a failing test names the arrow, shape or label at fault."""

from __future__ import annotations

import itertools
import random
from typing import Any

from flowedit.model.document import Document
from flowedit.model.elements import NodeKind
from flowedit.model.generate import generate_process

TOLERANCE = 0.01


def _box(rect: list[float]) -> tuple[float, float, float, float]:
    x, y, w, h = rect
    return (x, y, x + w, y + h)


def _segment_enters(a: list[float], b: list[float], box: tuple[float, ...]) -> bool:
    left, top, right, bottom = (box[0] + TOLERANCE, box[1] + TOLERANCE,
                                box[2] - TOLERANCE, box[3] - TOLERANCE)
    if a[1] == b[1]:
        return top < a[1] < bottom and min(a[0], b[0]) < right and max(a[0], b[0]) > left
    return left < a[0] < right and min(a[1], b[1]) < bottom and max(a[1], b[1]) > top


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return (a[0] + TOLERANCE < b[2] and b[0] + TOLERANCE < a[2]
            and a[1] + TOLERANCE < b[3] and b[1] + TOLERANCE < a[3])


def _lines(points: list[list[float]]) -> list[tuple[int, float, float, float]]:
    out = []
    for a, b in itertools.pairwise(points):
        if a[1] == b[1]:
            out.append((0, a[1], min(a[0], b[0]), max(a[0], b[0])))
        else:
            out.append((1, a[0], min(a[1], b[1]), max(a[1], b[1])))
    return out


def routing_problems(geometry: dict[str, Any]) -> list[str]:
    """Segments not horizontal or vertical, through a shape other than the arrow's ends, label
    boxes over shapes or other labels, and opposite arrows on a common stretch."""
    problems: list[str] = []
    nodes = {node["id"]: _box(node["rect"]) for node in geometry["nodes"]}
    for edge in geometry["edges"]:
        points = edge["points"]
        if len(points) < 2:
            problems.append(f"{edge['id']}: fewer than two points")
            continue
        for a, b in itertools.pairwise(points):
            if a[0] != b[0] and a[1] != b[1]:
                problems.append(f"{edge['id']}: slanted segment {a} -> {b}")
                continue
            for node_id, box in nodes.items():
                if node_id not in (edge["from"], edge["to"]) and _segment_enters(a, b, box):
                    problems.append(f"{edge['id']}: segment {a} -> {b} crosses {node_id}")
    labels = [(edge["id"], _box(edge["label_rect"])) for edge in geometry["edges"]
              if edge["label_rect"] is not None]
    for index, (edge_id, box) in enumerate(labels):
        for node_id, node_box in nodes.items():
            if _overlap(box, node_box):
                problems.append(f"label of {edge_id} lies over {node_id}")
        for other_id, other in labels[index + 1:]:
            if _overlap(box, other):
                problems.append(f"labels of {edge_id} and {other_id} overlap")
    by_pair = {(edge["from"], edge["to"]): edge for edge in geometry["edges"]}
    for (source, target), edge in by_pair.items():
        back = by_pair.get((target, source))
        if back is None or source >= target:
            continue
        for axis, at, low, high in _lines(edge["points"]):
            for axis2, at2, low2, high2 in _lines(back["points"]):
                if axis == axis2 and at == at2 and min(high, high2) - max(low, low2) > 0.5:
                    problems.append(f"{edge['id']} and {back['id']} share a stretch at {at}")
    return problems


def process_with_loops(size: int, seed: int) -> Document:
    """A generated process (lanes, decisions) with rework loops back, arrows both ways between
    two stages, a self-loop and an extra branch, all chosen by `seed`."""
    doc = generate_process(size, seed)
    rng = random.Random(seed)
    stages = [n.id for n in doc.nodes.values() if n.kind is NodeKind.STAGE]
    for _ in range(rng.randint(1, 3)):
        later, earlier = sorted(rng.sample(stages, 2), key=doc.node_index, reverse=True)
        doc.connect(later, earlier, label="rework")
    first = rng.choice(stages)
    for edge_id in doc.out_edges(first):
        target = doc.edges[edge_id].target
        if doc.nodes[target].kind is NodeKind.STAGE:
            doc.connect(target, first, label="back")
            break
    doc.connect(rng.choice(stages), rng.choice(stages) if rng.random() < 0.5 else stages[0])
    loop = rng.choice(stages)
    if not any(doc.edges[e].target == loop for e in doc.out_edges(loop)):
        doc.connect(loop, loop, label="again")
    return doc


def jostle(doc: Document, seed: int, reach: float = 40.0, room: float = 12.0) -> None:
    """Moves every shape a little at random (as people place them), never closer than `room`
    to another shape, so that arrows must find their way through tight gaps."""
    from flowedit.model.geometry import node_extent

    rng = random.Random(seed)
    for node_id in list(doc.nodes):
        node = doc.nodes[node_id]
        x, y = node.x + rng.uniform(-reach, reach), node.y + rng.uniform(-reach, reach) * 0.75
        width, height = node.size
        box = (x - width / 2 - room, y - height / 2 - room, x + width / 2 + room,
               y + height / 2 + room)
        if all(not (box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3])
               for o in (node_extent(m) for m in doc.nodes.values() if m.id != node_id)):
            doc.move_node(node_id, x, y)


def crossings(geometry: dict[str, Any]) -> list[str]:
    """Every place where a segment of one arrow runs across a segment of another (strictly
    inside both: arrows meeting at a shared port or touching end to end do not count)."""
    found: list[str] = []
    edges = geometry["edges"]
    for index, first in enumerate(edges):
        for second in edges[index + 1:]:
            for axis, at, low, high in _lines(first["points"]):
                for axis2, at2, low2, high2 in _lines(second["points"]):
                    if axis != axis2 and low2 < at < high2 and low < at2 < high:
                        found.append(f"{first['id']} crosses {second['id']}")
    return found
