"""Tidy Up: a layered (Sugiyama-style) layout that keeps every shape in its lane. No Qt here.

Lanes are rows and layers are columns shared by all lanes, as in yEd's swimlane layout:
1. cycles are broken at the rework loops: an arrow back to a shape still on the depth-first path
   from the start (following arrows in document order) is a loop back, drawn back, not forward;
2. every other arrow goes one or more columns to the right (longest-path layering);
3. inside a column, each lane stacks its shapes in rows, ordered by barycenter sweeps to cut
   crossings, with the most likely path to a won deal (the forward arrows whose probabilities
   multiply to the most, else the first branches) in the lane's first row so it runs on a
   straight line, and a decision's other branches below;
4. columns are as wide as their widest shape, with a wide gap only where an arrow's label
   sits, and lanes as tall as their rows;
5. a drawing wider than `width` is wrapped into bands of columns, each no wider than that
   (cut where the flow changes lane, so each lane's run stays in one band): the bands start
   again at the left, and a lane with shapes in several bands gets a sub-row per band, stacked
   inside the lane. The arrow from one band into the next (a wrap arrow) is the only forward
   arrow that goes right to left.

Pure: it returns positions and lane heights and changes nothing; `apply_tidy` writes a result
into a document (one transaction, so one undo step when the editor wraps it). Deterministic:
only lists and insertion-ordered dicts decide any order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flowedit.layout.labels import estimate_label_size
from flowedit.layout.shapes import BoxIndex, boxes_overlap
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind, Outcome, Routing
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, LANES_TOP, lane_bands

#: Free space between columns: where an arrow's label sits (at least; a long label gets its
#: width and some room), and elsewhere (room for a bend or two of arrows side by side).
COLUMN_GAP = 90.0
NARROW_GAP = 50.0
#: Free space between rows.
ROW_GAP = 60.0
#: Space between a lane's edge and its shapes (arrows loop back through it).
LANE_INSET = 40.0
EMPTY_LANE_HEIGHT = 100.0
LEFT = LANES_TOP + LANE_HEADER_WIDTH + LANE_PADDING + 40.0
_SWEEPS = 4
_NO_LANE = "\0no-lane"

#: The room Zoom to Fit keeps on each side of the drawing (ui/canvas/view.py).
FIT_MARGIN = 30.0
#: Room kept right of a band's last column for what may stick out there (a label, a self-loop).
RIGHT_ROOM = 40.0
#: The default width Tidy Up wraps at (document units, Zoom to Fit's margins included): the
#: canvas of a 1400×900 window (946 pixels wide) at 60 % (946 / 0.6, rounded down), so a
#: tidied process fits there.
WRAP_WIDTH = 1576.0
#: That canvas in document units at 60 % (width, height): the proportions a wrap is judged by.
FIT_WINDOW = (WRAP_WIDTH, 1186.0)
#: What a band costs beyond the height it adds (document units of height), and each arrow that
#: wraps into a later band: only tie-breakers between cuts that need the same height.
_BAND_COST = 1.0
_WRAP_COST = 30.0
#: What cutting a loop back in two costs: it would run up across the rows between its bands.
_LOOP_COST = 400.0


@dataclass(frozen=True, slots=True)
class TidyResult:
    positions: dict[str, tuple[float, float]]  # new centre of every node that moves
    lane_heights: dict[str, float]  # every lane's new height, in lane order
    back_edges: frozenset[str]  # the loops back, drawn right to left
    bands: dict[str, int] = field(default_factory=dict)  # each moved shape's band, from 0


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
         direction: str = "right", width: float | None = WRAP_WIDTH) -> TidyResult:
    """Where every shape (or only those in `only`; the others stay where they are) goes.

    `direction` is "right" (the flow runs left to right) or "down" (top to bottom, for a process
    without lanes, since lanes are horizontal bands). `width` is where a whole process laid out
    left to right is wrapped into bands (document units, as `WRAP_WIDTH`); None never wraps.
    It wraps only when that shows the process larger in a window that wide (with the
    proportions of `FIT_WINDOW`), cuts no loop back in two and makes no hand-over between
    lanes pass more rows of shapes than one long row would. A selection is never wrapped: the
    rest of the drawing stays where it is."""
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
    main, after = _main_path(doc, chosen, loops)
    cells = _order(doc, chosen, layers, lane_of, lane_order, main, after, loops)
    size = {n: doc.nodes[n].size if direction == "right" else doc.nodes[n].size[::-1]
            for n in chosen}
    flow = _Flow(doc, chosen, layers, loops, size)
    wrap = width if only is None and direction == "right" else None
    band_of = _bands(flow, cells, lane_of, wrap)
    if any(band_of.values()) and (
            any(band_of[u] != band_of[v] for u, v in flow.loops)
            or _passes(flow, lane_of, lane_order, band_of) > _passes(flow, lane_of, lane_order,
                                                                      {})):
        band_of = dict.fromkeys(chosen, 0)  # wrapped, arrows would climb across other rows
    xs = _columns(flow, band_of)
    pitch: dict[str, float] = {}
    for (_, lane), members in cells.items():
        tallest = max(size[n][1] for n in members)
        pitch[lane] = max(pitch.get(lane, 0.0), tallest + ROW_GAP)
    row, rows = _rows(cells, lane_of, band_of, flow.preds)
    needed = {lane: 2 * LANE_INSET + rows[lane] * pitch[lane] - ROW_GAP for lane in rows}
    if only is None:
        heights = {lane.id: needed.get(lane.id, EMPTY_LANE_HEIGHT) for lane in doc.lanes}
        positions = _place(doc, chosen, xs, row, lane_of, pitch, heights, 0.0)
        if direction == "down":
            positions = {n: (y, x) for n, (x, y) in positions.items()}
        return TidyResult(positions, heights, loops, band_of)
    return _tidy_part(doc, chosen, xs, row, lane_of, pitch, needed, loops)


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
    were drawn for the old places; wrapped into bands, its arrows go around shapes (as
    Tidy Up in the editor does). One transaction."""
    result = tidy(doc)
    with doc.transaction():
        if max(result.bands.values(), default=0) > 0:
            doc.set_routing(Routing.ORTHOGONAL)
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


def _main_path(doc: Document, chosen: list[str], loops: frozenset[str]
               ) -> tuple[dict[str, None], dict[str, str]]:
    """From each start, the most likely way to a won end (any end, if none is marked won): the
    path whose arrows' probabilities multiply to the most, as the metrics' funnel reads it,
    over the forward arrows only, so a branch that can reach a win only by looping back (a
    "Not yet" into nurture, back to qualification) is never taken for the straight line. A
    branch without a probability gets an equal share of what its siblings leave; on a tie the
    first branch wins. Also gives, for each shape on the path, the next one."""
    keep = dict.fromkeys(chosen)
    forward = {n: [e for e in doc.out_edges(n) if e not in loops
                   and doc.edges[e].target in keep and doc.edges[e].target != n]
               for n in chosen}
    share = _shares(doc, forward)
    ends = [n for n in chosen if doc.nodes[n].kind is NodeKind.END]
    won = ([n for n in chosen if doc.nodes[n].outcome is Outcome.WON]
           or [n for n in ends if doc.nodes[n].outcome is not Outcome.LOST] or ends)
    best: dict[str, float] = dict.fromkeys(won, 1.0)  # likeliest win from each shape
    step: dict[str, str] = {}
    for node_id in reversed(_topological(chosen, forward, doc)):
        if node_id in won:  # a won milestone: reaching it is the win
            continue
        for edge_id in forward[node_id]:
            target = doc.edges[edge_id].target
            value = share[edge_id] * best.get(target, 0.0)
            if value > best.get(node_id, 0.0) or (node_id not in best and target in best):
                best[node_id], step[node_id] = value, edge_id
    path: dict[str, None] = {}
    after: dict[str, str] = {}
    for start in (n for n in chosen if doc.nodes[n].kind is NodeKind.START):
        node = start
        while node not in path:
            path[node] = None
            if node in step:
                following = doc.edges[step[node]].target
            elif forward[node]:  # no win ahead: follow the likeliest way on, then the first
                following = doc.edges[max(forward[node], key=lambda e: (
                    share[e], -doc.edge_index(e)))].target
            else:
                break
            after.setdefault(node, following)
            node = following
    return path, after


def _shares(doc: Document, forward: dict[str, list[str]]) -> dict[str, float]:
    """Each forward arrow's probability; those without one split what is left equally."""
    share: dict[str, float] = {}
    for edges in forward.values():
        given = sum(doc.edges[e].probability or 0.0 for e in edges)
        unset = [e for e in edges if doc.edges[e].probability is None]
        rest = max(1.0 - given, 0.0) / len(unset) if unset else 0.0
        for edge_id in edges:
            probability = doc.edges[edge_id].probability
            share[edge_id] = probability if probability is not None else rest
    return share


def _topological(chosen: list[str], forward: dict[str, list[str]], doc: Document) -> list[str]:
    incoming = dict.fromkeys(chosen, 0)
    for edges in forward.values():
        for edge_id in edges:
            incoming[doc.edges[edge_id].target] += 1
    order = [n for n in chosen if incoming[n] == 0]
    for node_id in order:  # grows while it is walked
        for edge_id in forward[node_id]:
            target = doc.edges[edge_id].target
            incoming[target] -= 1
            if incoming[target] == 0:
                order.append(target)
    return order


def _order(doc: Document, chosen: list[str], layers: dict[str, int], lane_of: dict[str, str],
           lane_order: dict[str, int], main: dict[str, None], after: dict[str, str],
           loops: frozenset[str]) -> dict[tuple[int, str], list[str]]:
    """The shapes of each (column, lane) cell, top to bottom, after barycenter sweeps.

    The main path is in its lane's first row, except where it goes on down into a lower lane
    past a shape of its cell whose arrows go on in the lane: there it takes the cell's lowest
    row, so its way down crosses none of them."""
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
    for (_, lane), members in cells.items():
        for node_id in [n for n in members if n in after]:
            goes_down = lane_order[lane_of[after[node_id]]] > lane_order[lane]
            if goes_down and any(lane_of[t] == lane for other in members if other != node_id
                                 for t in succs[other]):
                members.remove(node_id)
                members.append(node_id)
    return cells


class _Flow:
    """The forward arrows among the shapes tidied, with what cutting and spacing the columns
    needs: each column's shapes, and the gap a label wants after a column."""

    def __init__(self, doc: Document, chosen: list[str], layers: dict[str, int],
                 loops: frozenset[str], size: dict[str, tuple[float, float]]) -> None:
        self.layers, self.size = layers, size
        keep = dict.fromkeys(chosen)
        self.succs: dict[str, list[str]] = {n: [] for n in chosen}
        self.preds: dict[str, list[str]] = {n: [] for n in chosen}
        #: (source, target, the gap its label wants) of each labelled forward arrow.
        self.labelled: list[tuple[str, str, float]] = []
        #: (source, target) of each loop back.
        self.loops: list[tuple[str, str]] = []
        for node_id in chosen:
            for edge_id in doc.out_edges(node_id):
                edge = doc.edges[edge_id]
                if edge.target not in keep or edge.target == node_id:
                    continue
                if edge_id in loops:
                    self.loops.append((node_id, edge.target))
                    continue
                self.succs[node_id].append(edge.target)
                self.preds[edge.target].append(node_id)
                if edge.label:
                    wanted = max(COLUMN_GAP, estimate_label_size(edge.label)[0] + 40.0)
                    self.labelled.append((node_id, edge.target, wanted))
        self.count = max(layers.values(), default=-1) + 1
        self.column: list[list[str]] = [[] for _ in range(self.count)]
        for node_id in chosen:
            self.column[layers[node_id]].append(node_id)


def _bands(flow: _Flow, cells: dict[tuple[int, str], list[str]], lane_of: dict[str, str],
           width: float | None) -> dict[str, int]:
    """Each shape's band: all 0 unless the drawing is wider than `width` and wrapping makes
    it show larger in a window of that width (with the proportions of `FIT_WINDOW`): a
    process whose every stretch visits every lane could grow taller than it shrinks.

    Then the columns are cut into bands no wider than `width` (a column wider than that alone
    gets a band of its own), choosing the cuts that add the least height: a lane gets a sub-row
    for each band it has shapes in, so cuts where the flow changes lane cost nothing; fewer
    arrows wrapping break a tie. At a cut, a shape that ends a way in its lane (no forward
    arrow out, every arrow in from the same lane: a "No" end, a nurture stage that loops
    back) stays in the band before it, beside the shapes it comes from, so its lane needs no
    sub-row in the next band. A cut through a loop back costs as much as a few rows: the loop
    would climb across every row between. A dynamic programme over the cut positions; each
    band spans only the few columns that fit, so this costs little."""
    count = flow.count
    if width is None or count <= 1:
        return dict.fromkeys(flow.layers, 0)
    layers, size = flow.layers, flow.size
    # the shapes of column c that stay behind when a band starts at c
    pulled: list[list[str]] = [[] for _ in range(count + 1)]
    for c in range(1, count):
        pulled[c] = [n for n in flow.column[c] if not flow.succs[n] and flow.preds[n]
                     and all(lane_of[p] == lane_of[n] for p in flow.preds[n])]
    gap_after = [NARROW_GAP] * count
    for source, _, wanted in flow.labelled:
        gap_after[layers[source]] = max(gap_after[layers[source]], wanted)
    pitch: dict[str, float] = {}
    for (_, lane), members in cells.items():
        pitch[lane] = max(pitch.get(lane, 0.0), max(size[n][1] for n in members) + ROW_GAP)
    per_column: list[list[tuple[str, int, int]]] = [[] for _ in range(count)]
    for (c, lane), members in cells.items():
        behind = sum(1 for n in members if n in pulled[c]) if c else 0
        per_column[c].append((lane, len(members), behind))

    Part = tuple[float, int, list[tuple[str, int]]]  # (width, column, [(lane, shapes)])

    def part(c: int, members: list[str], lanes: list[tuple[str, int]]) -> Part | None:
        return (max(size[n][0] for n in members), c, lanes) if members else None

    # each column as the first of a band (without what stays behind), inside one, and as the
    # last (only what stays behind)
    opening = [part(c, [n for n in flow.column[c] if n not in pulled[c]],
                    [(lane, full - behind) for lane, full, behind in per_column[c]])
               for c in range(count)]
    inside = [part(c, flow.column[c], [(lane, full) for lane, full, _ in per_column[c]])
              for c in range(count)]
    closing = [part(c, pulled[c], [(lane, behind) for lane, _, behind in per_column[c]])
               for c in range(count)]

    def column_parts(s: int, e: int) -> list[Part]:
        """The columns band [s, e) shows."""
        parts = [opening[s], *inside[s + 1:e], closing[e] if e < count else None]
        return [p for p in parts if p is not None]

    def extent(parts: list[tuple[float, int, list[tuple[str, int]]]]) -> float:
        inner = sum(w for w, _, _ in parts) + sum(gap_after[c] for _, c, _ in parts[:-1])
        return 2 * FIT_MARGIN + LEFT + inner + RIGHT_ROOM

    if extent(column_parts(0, count)) <= width:
        return dict.fromkeys(flow.layers, 0)
    wraps = [0] * (count + 1)  # forward arrows across the cut before each column
    for source, targets in flow.succs.items():
        for target in targets:
            wraps[layers[source] + 1] += 1
            if layers[target] + 1 <= count:
                wraps[layers[target] + 1] -= 1
    for c in range(1, count + 1):
        wraps[c] += wraps[c - 1]
    for c in range(1, count):
        wraps[c] -= sum(len(flow.preds[n]) for n in pulled[c])
    split = [0] * (count + 1)  # loops back cut in two before each column
    for source, target in flow.loops:
        (low, _), (high, later) = sorted(((layers[source], source), (layers[target], target)))
        split[low + 1] += 1
        split[high + 1] -= 1
        if low < high and later in pulled[high]:  # stays behind with the other end
            split[high] -= 1
            split[high + 1] += 1
    for c in range(1, count + 1):
        split[c] += split[c - 1]
    best: list[float] = [0.0] + [float("inf")] * count
    start = [0] * (count + 1)
    for e in range(1, count + 1):
        cut = _WRAP_COST * wraps[e] + _LOOP_COST * split[e] if e < count else 0.0
        for s in range(e - 1, -1, -1):
            parts = column_parts(s, e)
            if s < e - 1 and extent(parts) > width:
                break
            rows: dict[str, int] = {}
            for _, _, lanes in parts:
                for lane, shapes in lanes:
                    rows[lane] = max(rows.get(lane, 0), shapes)
            cost = best[s] + sum(pitch[lane] * n for lane, n in rows.items()) + _BAND_COST + cut
            if cost < best[e]:
                best[e], start[e] = cost, s
    cuts = []
    e = count
    while e > 0:
        cuts.append(e)
        e = start[e]
    cuts.reverse()  # each band's end column (exclusive)
    if not _fits_better(column_parts, extent, cuts, pitch, width):
        return dict.fromkeys(flow.layers, 0)
    band_of_column = []
    for band, end in enumerate(cuts):
        band_of_column += [band] * (end - len(band_of_column))
    band_of = {}
    for node_id, c in layers.items():
        band = band_of_column[c]
        band_of[node_id] = band - 1 if band and c == cuts[band - 1] and node_id in pulled[c] \
            else band
    return band_of


def _fits_better(column_parts: Callable[[int, int], list[tuple[float, int, list[tuple[str, int]]]]],
                 extent: Callable[[list[tuple[float, int, list[tuple[str, int]]]]], float],
                 cuts: list[int], pitch: dict[str, float], width: float) -> bool:
    """True when the bands ending at `cuts` show larger than one long row in a window
    `width` wide with the proportions of `FIT_WINDOW` (both as Zoom to Fit frames them; the
    lanes without shapes add the same height to both, so they are left out)."""
    def zoom(bands: list[tuple[int, int]]) -> float:
        rows: dict[str, int] = {}
        widest = 0.0
        for s, e in bands:
            parts = column_parts(s, e)
            widest = max(widest, extent(parts))
            band_rows: dict[str, int] = {}
            for _, _, lanes in parts:
                for lane, shapes in lanes:
                    band_rows[lane] = max(band_rows.get(lane, 0), shapes)
            for lane, n in band_rows.items():
                rows[lane] = rows.get(lane, 0) + n
        tall = 2 * FIT_MARGIN + sum(2 * LANE_INSET - ROW_GAP + n * pitch[lane]
                                    for lane, n in rows.items())
        return min(width / widest, width * FIT_WINDOW[1] / FIT_WINDOW[0] / tall)

    wrapped = list(zip([0, *cuts[:-1]], cuts, strict=True))
    return zoom(wrapped) > zoom([(0, cuts[-1])])


def _passes(flow: _Flow, lane_of: dict[str, str], lane_order: dict[str, int],
            band_of: dict[str, int]) -> int:
    """How many rows of shapes the forward arrows pass on their way down or up: for each
    arrow, the sub-rows (a lane's shapes of one band) lying between its ends' sub-rows.

    Unwrapped, a hand-over to the next lane passes none. Wrapped, a process that comes back
    to a lane it left has that lane's rows of several bands stacked, and its hand-overs run
    past the rows between, across their arrows: such a wrap tangles what it should tidy."""
    used = sorted({(lane_order[lane_of[n]], band_of.get(n, 0)) for n in flow.layers})
    index = {key: i for i, key in enumerate(used)}
    total = 0
    for source, targets in flow.succs.items():
        here = index[(lane_order[lane_of[source]], band_of.get(source, 0))]
        for target in targets:
            there = index[(lane_order[lane_of[target]], band_of.get(target, 0))]
            total += max(abs(there - here) - 1, 0)
    return total


def _columns(flow: _Flow, band_of: dict[str, int]) -> dict[str, float]:
    """Each shape's centre x: every band's columns start again at the left, each as wide as
    its widest shape, `NARROW_GAP` apart, or as far as a label between them needs."""
    widths: dict[tuple[int, int], float] = {}
    for node_id, layer in flow.layers.items():
        key = (band_of[node_id], layer)
        widths[key] = max(widths.get(key, 0.0), flow.size[node_id][0])
    gaps: dict[tuple[int, int], float] = {}
    for source, target, wanted in flow.labelled:
        if band_of[source] == band_of[target]:
            key = (band_of[source], flow.layers[source])
            gaps[key] = max(gaps.get(key, NARROW_GAP), wanted)
    xs: dict[tuple[int, int], float] = {}
    left: dict[int, float] = {}
    for band, layer in sorted(widths):
        at = left.get(band, LEFT)
        xs[(band, layer)] = at + widths[(band, layer)] / 2
        left[band] = at + widths[(band, layer)] + gaps.get((band, layer), NARROW_GAP)
    return {n: xs[(band_of[n], layer)] for n, layer in flow.layers.items()}


def _rows(cells: dict[tuple[int, str], list[str]], lane_of: dict[str, str],
          band_of: dict[str, int], preds: dict[str, list[str]]
          ) -> tuple[dict[str, int], dict[str, int]]:
    """Each shape's row in its lane, and each lane's number of rows: in each band a lane's
    cells stack their shapes (in the order `_order` found) from the top of the lane's
    sub-row for that band; the sub-rows follow one another in band order. A shape alone in
    its cell that goes on from shapes of one row in its lane stays in that row (a "Complaint
    handled" after "Handle complaint" in the second row), rather than climbing to the first."""
    used: dict[tuple[str, int], int] = {}  # (lane, band): rows
    rank: dict[str, int] = {}
    for (_, lane), members in cells.items():
        seen: dict[int, int] = {}
        for node_id in members:
            band = band_of[node_id]
            rank[node_id] = seen.get(band, 0)
            seen[band] = rank[node_id] + 1
        for node_id in members:
            band = band_of[node_id]
            near = {rank[p] if lane_of[p] == lane and band_of[p] == band else -1
                    for p in preds[node_id]}
            if seen[band] == 1 and len(near) == 1:
                rank[node_id] = max(rank[node_id], near.pop())
        for band, n in seen.items():
            used[(lane, band)] = max(used.get((lane, band), 0), max(
                (rank[m] + 1 for m in members if band_of[m] == band), default=n))
    offset: dict[tuple[str, int], int] = {}
    rows: dict[str, int] = {}
    for lane, band in sorted(used, key=lambda key: key[1]):
        offset[(lane, band)] = rows.get(lane, 0)
        rows[lane] = offset[(lane, band)] + used[(lane, band)]
    row = {n: offset[(lane_of[n], band_of[n])] + r for n, r in rank.items()}
    return row, rows


def _place(doc: Document, chosen: list[str], xs: dict[str, float], row: dict[str, int],
           lane_of: dict[str, str], pitch: dict[str, float], heights: dict[str, float],
           x_shift: float) -> dict[str, tuple[float, float]]:
    tops: dict[str, float] = {}
    top = LANES_TOP
    for lane in doc.lanes:
        tops[lane.id] = top
        top += heights[lane.id]
    tops[_NO_LANE] = top
    positions: dict[str, tuple[float, float]] = {}
    for node_id in chosen:
        lane = lane_of[node_id]
        row_top = tops[lane] + LANE_INSET + row[node_id] * pitch[lane]
        positions[node_id] = (xs[node_id] + x_shift, row_top + (pitch[lane] - ROW_GAP) / 2)
    return positions


def _tidy_part(doc: Document, chosen: list[str], xs: dict[str, float], row: dict[str, int],
               lane_of: dict[str, str], pitch: dict[str, float],
               needed: dict[str, float], loops: frozenset[str]) -> TidyResult:
    """Tidies only `chosen`: the block starts where the selection's left edge was, further
    right if it would land on a shape left in place; lanes grow to fit it (never shrink), and the
    shapes left in place keep their place in their lane."""
    old_bands = lane_bands(doc)
    heights = {lane.id: max(lane.height, needed.get(lane.id, 0.0)) for lane in doc.lanes}
    left_now = min(doc.nodes[n].x - doc.nodes[n].size[0] / 2 for n in chosen)
    shift = left_now - min(xs[n] - doc.nodes[n].size[0] / 2 for n in chosen)
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
        positions = _place(doc, chosen, xs, row, lane_of, pitch, heights, shift)
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
    return TidyResult(positions, heights, loops, dict.fromkeys(chosen, 0))
