"""A simple layered placement for files that give no positions (Mermaid, DOT): each shape one
column to the right of the furthest shape leading to it, stacked within its lane. A proper
Tidy Up replaces it once one exists. No Qt here."""

from __future__ import annotations

from collections import defaultdict, deque
from typing import TYPE_CHECKING

from flowedit.model.elements import NodeKind

if TYPE_CHECKING:
    from flowedit.io.formats._common import Builder

COLUMN = 220.0
ROW = 120.0
MARGIN = 100.0


def layered_positions(builder: Builder
                      ) -> tuple[dict[str, tuple[float, float]], dict[str, float]]:
    """Centres of every shape (y within its lane band) and the height each lane needs."""
    keys = list(builder.nodes)
    succ: dict[str, list[str]] = defaultdict(list)
    indeg: dict[str, int] = dict.fromkeys(keys, 0)
    for edge in builder.edges:
        if edge.source in indeg and edge.target in indeg and edge.source != edge.target:
            succ[edge.source].append(edge.target)
    # Break cycles: a depth-first search from the starts keeps only forward arrows.
    order = sorted(keys, key=lambda k: (builder.nodes[k].kind is not NodeKind.START,
                                        keys.index(k)))
    forward: dict[str, list[str]] = defaultdict(list)
    state: dict[str, int] = {}
    for root in order:
        if root in state:
            continue
        stack = [(root, iter(succ[root]))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif child not in state:
                forward[node].append(child)
                state[child] = 1
                stack.append((child, iter(succ[child])))
            elif state[child] == 2:
                forward[node].append(child)
    for targets in forward.values():
        for target in targets:
            indeg[target] += 1
    layer = dict.fromkeys(keys, 0)
    queue = deque(k for k in order if indeg[k] == 0)
    while queue:
        node = queue.popleft()
        for child in forward[node]:
            layer[child] = max(layer[child], layer[node] + 1)
            indeg[child] -= 1
            if indeg[child] == 0:
                queue.append(child)
    rows: dict[tuple[str | None, int], int] = defaultdict(int)
    slot: dict[str, int] = {}
    for key in keys:
        where = (builder.nodes[key].lane, layer[key])
        slot[key] = rows[where]
        rows[where] += 1
    lane_rows: dict[str | None, int] = defaultdict(lambda: 1)
    for (lane, _), count in rows.items():
        lane_rows[lane] = max(lane_rows[lane], count)
    positions = {key: (MARGIN + layer[key] * COLUMN, ROW * (slot[key] + 0.5) + 20.0)
                 for key in keys}
    if any(builder.nodes[k].lane is None for k in keys) and builder.lanes:
        # Shapes outside every lane go below them all.
        below = sum(lane_rows[lane.key] * ROW + 40.0 for lane in builder.lanes) + 40.0
        for key in keys:
            if builder.nodes[key].lane is None:
                x, y = positions[key]
                positions[key] = (x, y + below)
    heights = {lane.key: lane_rows[lane.key] * ROW + 40.0 for lane in builder.lanes}
    return positions, heights
