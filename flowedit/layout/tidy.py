"""Tidy Up: a layered (Sugiyama-style) layout that keeps every shape in its lane. No Qt here.

Lanes are rows and layers are columns shared by all lanes, as in yEd's swimlane layout:
1. cycles are broken at the rework loops: an arrow back to a shape still on the depth-first path
   from the start (following arrows in document order) is a loop back, drawn back, not forward;
2. every other arrow goes one or more columns to the right (longest-path layering);
3. inside a column, each lane stacks its shapes in rows, ordered by barycenter sweeps to cut
   crossings, with the most likely path to a won deal (at each branch the highest
   probability among those that can still be won, else the first) in the lane's first row so
   it runs on a straight line, and a decision's other branches below;
4. columns are as wide as their widest shape and lanes as tall as their rows.

Pure: it returns positions and lane heights and changes nothing; `apply_tidy` writes a result
into a document (one transaction, so one undo step when the editor wraps it). Deterministic:
only lists and insertion-ordered dicts decide any order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flowedit.layout.shapes import BoxIndex, boxes_overlap
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind, Outcome
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, LANES_TOP, lane_bands

#: Free space between columns (room for arrows, their bends and labels) and between rows.
COLUMN_GAP = 90.0
ROW_GAP = 60.0
#: Space between a lane's edge and its shapes (arrows loop back through it).
LANE_INSET = 40.0
EMPTY_LANE_HEIGHT = 100.0
LEFT = LANES_TOP + LANE_HEADER_WIDTH + LANE_PADDING + 40.0
_SWEEPS = 4
_NO_LANE = "\0no-lane"


@dataclass(frozen=True, slots=True)
class TidyResult:
    positions: dict[str, tuple[float, float]]  # new centre of every node that moves
    lane_heights: dict[str, float]  # every lane's new height, in lane order
    back_edges: frozenset[str]  # the loops back, drawn right to left


def back_edges(doc: Document, among: Iterable[str] | None = None) -> frozenset[str]:
    """The arrows that close a cycle: depth-first from each start (then from any shape no start
    reaches), in document order, an arrow to a shape still on the path is a loop back. Arrows
    from a shape to itself count too."""
    keep = dict.fromkeys(among) if among is not None else dict.fromkeys(doc.nodes)
    roots = [n for n in keep if doc.nodes[n].kind is NodeKind.START]
    roots += [n for n in keep if n not in roots]
    state: dict[str, int] = {}  # 1 on the path, 2 done
    found: dict[str, None] = {}
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(doc.out_edges(root)))]
        while stack:
            node, edges = stack[-1]
            for edge_id in edges:
                target = doc.edges[edge_id].target
                if target not in keep:
                    continue
                if state.get(target) == 1:
                    found[edge_id] = None
                elif target not in state:
                    state[target] = 1
                    stack.append((target, iter(doc.out_edges(target))))
                    break
            else:
                state[node] = 2
                stack.pop()
    return frozenset(found)


def tidy(doc: Document, only: Iterable[str] | None = None,
         direction: str = "right") -> TidyResult:
    """Where every shape (or only those in `only`; the others stay where they are) goes.

    `direction` is "right" (the flow runs left to right) or "down" (top to bottom, for a process
    without lanes, since lanes are horizontal bands)."""
    if direction not in ("right", "down"):
        raise ValueError(f"direction must be 'right' or 'down', not {direction!r}")
    if direction == "down" and doc.lanes:
        raise ValueError("top-to-bottom Tidy Up needs a process without lanes: lanes are "
                         "horizontal bands, so their flow runs left to right")
    chosen = list(doc.nodes) if only is None else [n for n in doc.nodes if n in set(only)]
    loops = back_edges(doc, chosen)
    layers = _layers(doc, chosen, loops)
    lane_of = {n: doc.nodes[n].lane or _NO_LANE for n in chosen}
    lane_order = {lane.id: i for i, lane in enumerate(doc.lanes)}
    lane_order[_NO_LANE] = len(lane_order)
    main = _main_path(doc, chosen, loops)
    cells = _order(doc, chosen, layers, lane_of, lane_order, main, loops)
    size = {n: doc.nodes[n].size if direction == "right" else doc.nodes[n].size[::-1]
            for n in chosen}
    xs = _columns(layers, size)
    pitch: dict[str, float] = {}
    rows: dict[str, int] = {}
    for (_, lane), members in cells.items():
        rows[lane] = max(rows.get(lane, 0), len(members))
        tallest = max(size[n][1] for n in members)
        pitch[lane] = max(pitch.get(lane, 0.0), tallest + ROW_GAP)
    needed = {lane: 2 * LANE_INSET + rows[lane] * pitch[lane] - ROW_GAP for lane in rows}
    rank = {n: r for members in cells.values() for r, n in enumerate(members)}
    if only is None:
        heights = {lane.id: needed.get(lane.id, EMPTY_LANE_HEIGHT) for lane in doc.lanes}
        positions = _place(doc, chosen, xs, layers, rank, lane_of, pitch, heights, 0.0)
        if direction == "down":
            positions = {n: (y, x) for n, (x, y) in positions.items()}
        return TidyResult(positions, heights, loops)
    return _tidy_part(doc, chosen, xs, layers, rank, lane_of, pitch, needed, loops)


def apply_tidy(doc: Document, result: TidyResult) -> None:
    """Writes a Tidy Up into the document in one transaction: lanes first, then shapes."""
    with doc.transaction():
        for lane_id, height in result.lane_heights.items():
            doc.update_lane(lane_id, height=height)
        for node_id, (x, y) in result.positions.items():
            doc.move_node(node_id, x, y)


def tidy_whole(doc: Document) -> None:
    """Tidy Up of a whole process that was just read (an import without positions, or with
    shapes on top of each other): every shape laid out, and every bend dropped, as the bends
    were drawn for the old places. One transaction."""
    result = tidy(doc)
    with doc.transaction():
        apply_tidy(doc, result)
        for edge in list(doc.edges.values()):
            if edge.points:
                doc.update_edge(edge.id, points=())


# ---------------------------------------------------------------------- steps
def _layers(doc: Document, chosen: list[str], loops: frozenset[str]) -> dict[str, int]:
    """Longest path from the sources, over the arrows that are not loops back."""
    keep = dict.fromkeys(chosen)
    incoming = dict.fromkeys(chosen, 0)
    forward: dict[str, list[str]] = {n: [] for n in chosen}
    for node_id in chosen:
        for edge_id in doc.out_edges(node_id):
            target = doc.edges[edge_id].target
            if target in keep and edge_id not in loops:
                forward[node_id].append(target)
                incoming[target] += 1
    layer = dict.fromkeys(chosen, 0)
    ready = [n for n in chosen if incoming[n] == 0]
    for node_id in ready:  # grows while it is walked: a topological order
        for target in forward[node_id]:
            layer[target] = max(layer[target], layer[node_id] + 1)
            incoming[target] -= 1
            if incoming[target] == 0:
                ready.append(target)
    return layer


def _main_path(doc: Document, chosen: list[str], loops: frozenset[str]) -> dict[str, None]:
    """From each start, at every step the likeliest branch (the first one on a tie) among those
    that can still lead to a won deal: the path a reader follows, not the likeliest way out."""
    keep = dict.fromkeys(chosen)
    winning = _can_win(doc, chosen)
    path: dict[str, None] = {}
    for start in (n for n in chosen if doc.nodes[n].kind is NodeKind.START):
        node: str | None = start
        while node is not None and node not in path:
            path[node] = None
            options = [e for e in doc.out_edges(node)
                       if e not in loops and doc.edges[e].target in keep]
            if not options:
                break
            best = max(options, key=lambda e: (doc.edges[e].target in winning,
                                               doc.edges[e].probability or 0.0,
                                               -doc.edge_index(e)))
            node = doc.edges[best].target
    return path


def _can_win(doc: Document, chosen: list[str]) -> set[str]:
    """The shapes from which a won end (any end, if none is marked won) can be reached."""
    keep = dict.fromkeys(chosen)
    ends = [n for n in chosen if doc.nodes[n].kind is NodeKind.END]
    won = [n for n in ends if doc.nodes[n].outcome is Outcome.WON] or ends
    found = set(won)
    queue = list(won)
    for node_id in queue:  # grows while walked
        for edge_id in doc.in_edges(node_id):
            source = doc.edges[edge_id].source
            if source in keep and source not in found:
                found.add(source)
                queue.append(source)
    return found


def _order(doc: Document, chosen: list[str], layers: dict[str, int], lane_of: dict[str, str],
           lane_order: dict[str, int], main: dict[str, None], loops: frozenset[str]
           ) -> dict[tuple[int, str], list[str]]:
    """The shapes of each (column, lane) cell, top to bottom, after barycenter sweeps."""
    keep = dict.fromkeys(chosen)
    preds: dict[str, list[str]] = {n: [] for n in chosen}
    succs: dict[str, list[str]] = {n: [] for n in chosen}
    branch_rank: dict[str, float] = {}
    for node_id in chosen:
        outs = [e for e in doc.out_edges(node_id) if doc.edges[e].target in keep]
        ordered = sorted(outs, key=lambda e: (-(doc.edges[e].probability or 0.0),
                                              doc.edge_index(e)))
        for position, edge_id in enumerate(ordered):
            target = doc.edges[edge_id].target
            branch_rank.setdefault(target, position)
            if edge_id not in loops and target != node_id:
                succs[node_id].append(target)
                preds[target].append(node_id)
    cells: dict[tuple[int, str], list[str]] = {}
    for node_id in sorted(chosen, key=lambda n: (layers[n], lane_order[lane_of[n]])):
        cells.setdefault((layers[node_id], lane_of[node_id]), []).append(node_id)
    cells = dict(sorted(cells.items(), key=lambda item: (item[0][0], lane_order[item[0][1]])))
    depth = len(chosen) + 1

    def place(node_id: str) -> float:
        return lane_order[lane_of[node_id]] * depth + rank[node_id]

    rank = {n: r for members in cells.values() for r, n in enumerate(members)}
    by_layer: dict[int, list[tuple[int, str]]] = {}
    for key in cells:
        by_layer.setdefault(key[0], []).append(key)
    columns = sorted(by_layer)
    for sweep in range(_SWEEPS):
        downward = sweep % 2 == 0
        neighbours = preds if downward else succs
        for column in (columns if downward else columns[::-1]):
            for key in by_layer[column]:
                members = cells[key]

                def centre(node_id: str, neighbours: dict[str, list[str]] = neighbours) -> float:
                    near = neighbours[node_id]
                    if not near:
                        return float(rank[node_id])
                    return sum(place(n) for n in near) / len(near) - lane_order[
                        lane_of[node_id]] * depth

                members.sort(key=lambda n: (n not in main, centre(n), branch_rank.get(n, 0),
                                            rank[n]))
                for r, node_id in enumerate(members):
                    rank[node_id] = r
    return cells


def _columns(layers: dict[str, int], size: dict[str, tuple[float, float]]) -> dict[int, float]:
    """The centre x of each column: as wide as its widest shape, `COLUMN_GAP` apart."""
    widths: dict[int, float] = {}
    for node_id, layer in layers.items():
        widths[layer] = max(widths.get(layer, 0.0), size[node_id][0])
    xs: dict[int, float] = {}
    left = LEFT
    for layer in sorted(widths):
        xs[layer] = left + widths[layer] / 2
        left += widths[layer] + COLUMN_GAP
    return xs


def _place(doc: Document, chosen: list[str], xs: dict[int, float], layers: dict[str, int],
           rank: dict[str, int], lane_of: dict[str, str], pitch: dict[str, float],
           heights: dict[str, float], x_shift: float) -> dict[str, tuple[float, float]]:
    tops: dict[str, float] = {}
    top = LANES_TOP
    for lane in doc.lanes:
        tops[lane.id] = top
        top += heights[lane.id]
    tops[_NO_LANE] = top
    positions: dict[str, tuple[float, float]] = {}
    for node_id in chosen:
        lane = lane_of[node_id]
        row_top = tops[lane] + LANE_INSET + rank[node_id] * pitch[lane]
        positions[node_id] = (xs[layers[node_id]] + x_shift,
                              row_top + (pitch[lane] - ROW_GAP) / 2)
    return positions


def _tidy_part(doc: Document, chosen: list[str], xs: dict[int, float], layers: dict[str, int],
               rank: dict[str, int], lane_of: dict[str, str], pitch: dict[str, float],
               needed: dict[str, float], loops: frozenset[str]) -> TidyResult:
    """Tidies only `chosen`: the block starts where the selection's left edge was, further
    right if it would land on a shape left in place; lanes grow to fit it (never shrink), and the
    shapes left in place keep their place in their lane."""
    old_bands = lane_bands(doc)
    heights = {lane.id: max(lane.height, needed.get(lane.id, 0.0)) for lane in doc.lanes}
    left_now = min(doc.nodes[n].x - doc.nodes[n].size[0] / 2 for n in chosen)
    shift = left_now - min(xs[layers[n]] - doc.nodes[n].size[0] / 2 for n in chosen)
    fixed = BoxIndex()
    new_tops: dict[str, float] = {}
    top = LANES_TOP
    for lane in doc.lanes:
        new_tops[lane.id] = top
        top += heights[lane.id]
    moved_fixed: dict[str, tuple[float, float]] = {}
    chosen_set = dict.fromkeys(chosen)
    for node in doc.nodes.values():
        if node.id in chosen_set:
            continue
        dy = (new_tops[node.lane] - old_bands[node.lane][0]) if node.lane in new_tops else 0.0
        if dy:
            moved_fixed[node.id] = (node.x, node.y + dy)
        w, h = node.size
        fixed.insert(node.id, (node.x - w / 2, node.y + dy - h / 2,
                               node.x + w / 2, node.y + dy + h / 2))
    while True:
        positions = _place(doc, chosen, xs, layers, rank, lane_of, pitch, heights, shift)
        push = 0.0
        for node_id, (x, y) in positions.items():
            w, h = doc.nodes[node_id].size
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            for other in fixed.near((box[0] - ROW_GAP, box[1] - ROW_GAP,
                                     box[2] + ROW_GAP, box[3] + ROW_GAP)):
                if boxes_overlap(box, fixed.boxes[other], ROW_GAP / 2):
                    push = max(push, fixed.boxes[other][2] + COLUMN_GAP - box[0])
        if push <= 0:
            break
        shift += push
    positions.update(moved_fixed)
    return TidyResult(positions, heights, loops)
