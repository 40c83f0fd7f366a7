"""Orthogonal arrows that go around shapes, for the canvas, every export and the JSON geometry.

No Qt here. Each arrow leaves its source and enters its target through a port on a side chosen by
the flow (right to left for forward flow, over the shapes for a loop back in the same row, a
decision's branches from different corners), with the ports on one side spread apart. Between the
ports the route is the one with the fewest bends, then the shortest, that keeps a margin from
every shape: the cheap 0–2-bend shapes (straight, L, Z) are tried first and checked against the
shapes near them; otherwise a shortest-path search runs on the orthogonal visibility grid of the
shapes around the arrow (the lines through every grown shape border and the channels between
them, as libavoid does), with a bend costing `BEND_PENALTY` units of length. Arrows that end up
on the same line are then nudged side by side. A `Router` keeps its routes, so that moving a few
shapes re-routes only the arrows that touch them or now run through them (a drag step). See
docs/layout.md.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from flowedit.layout.shapes import (
    OUTWARD,
    Box,
    BoxIndex,
    Point,
    inflate,
    node_box,
    segment_enters,
    side_length,
    side_point,
)
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: Clear space kept between an arrow and any shape it passes.
MARGIN = 10.0
#: What one bend costs, in units of length: routes take the fewest bends, then the shortest.
BEND_PENALTY = 400.0
#: What a crossing between two branches of one decision costs when their sides are chosen:
#: more than the bends it takes to go round (a crossing reads as a wrong path).
CROSSING_PENALTY = 2000.0
#: Distance between parallel arrows nudged apart, and between ports on one side of a shape.
SPACING = 8.0
PORT_SPACING = 12.0
#: How far a self-loop reaches out around its corner.
LOOP_REACH = 24.0
_GAP = 2 * MARGIN
#: How far around its ends a search looks, widening only when it finds no way (a drag must not
#: search the whole document because two shapes came too close).
_PADS = (80.0, 240.0, 720.0)
#: Up to this many grid points the search also runs down the middle of every channel; a larger
#: window (a long arrow across many shapes) uses the shape borders only, four times fewer.
_FINE_GRID = 2500
#: The largest grid a drag step searches; an arrow that would need more is drawn plainly (it may
#: cross a shape) until the drop.
_DRAG_GRID = 1500
#: Where a segment on another arrow's line may move (in `SPACING` steps) and the clearance it
#: then keeps from shapes (in margins): whole steps first, then half steps in a tight spot.
_NUDGES = tuple((step, 0.5) for step in (1, -1, 2, -2, 3, -3, 4, -4)) + tuple(
    (step, 0.25) for step in (0.5, -0.5, 1.5, -1.5))
_OPPOSITE = {"right": "left", "left": "right", "top": "bottom", "bottom": "top"}
#: A self-loop goes around the first of these corners that is free: (leaves by, enters by).
_CORNERS = (("top", "right"), ("bottom", "right"), ("top", "left"), ("bottom", "left"))

Route = list[Point]


@dataclass(frozen=True, slots=True)
class Port:
    point: Point  # on the drawn outline
    side: str


def route_document(doc: Document, bends: Mapping[str, Sequence[Point]] | None = None
                   ) -> dict[str, Route]:
    """Every arrow's polyline (port to port, document coordinates), in the document's order."""
    return Router(doc, bends).route_all()


class Router:
    """The routes of one document, kept so that a drag re-routes only what it disturbs.

    `bends` holds the user's bend points per arrow; a route passes through them in order
    (orthogonally) as long as they lie outside every shape, and forgets those that do not."""

    def __init__(self, doc: Document, bends: Mapping[str, Sequence[Point]] | None = None,
                 margin: float = MARGIN) -> None:
        self.doc = doc
        self.margin = margin
        self.bends: dict[str, list[Point]] = {key: [(float(x), float(y)) for x, y in value]
                                              for key, value in (bends or {}).items()}
        self.index = BoxIndex()
        self.routes: dict[str, Route] = {}
        self._sides: dict[str, tuple[str, str]] = {}
        self._ports: dict[tuple[str, int], Port] = {}
        self._lines = _Lines()
        self._quick = False
        self._ends: dict[str, tuple[str, str]] = {}
        self._edge_order: dict[str, int] = {}
        self._order_version = -1
        #: Arrows with only a placeholder route so far (`begin_all`).
        self.pending: dict[str, None] = {}
        #: The arrows still to nudge apart after `begin_all` (None: not yet worked out).
        self._to_separate: list[str] | None = []

    # ------------------------------------------------------------------ public
    def route_all(self) -> dict[str, Route]:
        """Routes every arrow from scratch (on opening; `reroute` keeps up with edits)."""
        self.begin_all()
        self.route_pending()
        while self.busy:
            self.separate_some(len(self.routes) + 1)
        return dict(self.routes)

    # ------------------------------------------------------------------ a bit at a time
    def begin_all(self) -> None:
        """What `route_all` does first, and fast: sides and ports for every arrow, and a plain
        placeholder route for each (an L from port to port, which may cross shapes). The
        arrows then wait in `pending` until `route_pending` (a few at a time, between frames)
        or a `RouteJob` (in another thread, its results taken back by `adopt`) routes them;
        then `separate_some` nudges them apart in the order `route_all` does, so the picture
        ends up the same as routing all at once."""
        doc = self.doc
        self.index = BoxIndex()
        for node in doc.nodes.values():
            self.index.insert(node.id, node_box(node))
        self.routes.clear()
        self._lines = _Lines()
        self._ends.clear()
        self._sides.clear()
        self._ports.clear()
        self._choose_sides(list(doc.edges))
        self._place_ports(list(doc.nodes))
        self.pending = dict.fromkeys(doc.edges)
        for edge_id in doc.edges:
            edge = doc.edges[edge_id]
            start, end = self._ports[(edge_id, 0)].point, self._ports[(edge_id, 1)].point
            self.routes[edge_id] = _simplify([start, (end[0], start[1]), end])
            self._ends[edge_id] = (edge.source, edge.target)
        self._to_separate = None

    @property
    def busy(self) -> bool:
        """Arrows still wait to be routed, or routed arrows to be nudged apart."""
        return bool(self.pending) or self._to_separate is None or bool(self._to_separate)

    def route_pending(self, first: Iterable[str] = (), limit: int | None = None) -> list[str]:
        """Routes up to `limit` pending arrows (all by default), those in `first` before the
        rest; returns them."""
        order = [e for e in first if e in self.pending]
        order += [e for e in self.pending if e not in dict.fromkeys(order)]
        done = order[:limit] if limit is not None else order
        for edge_id in done:
            self._route(edge_id)
        return done

    def job(self, edge_ids: Iterable[str]) -> RouteJob:
        """A copy of what routing `edge_ids` needs, to route them in another thread."""
        return RouteJob(self, [e for e in edge_ids if e in self.pending])

    def adopt(self, edge_id: str, route: Route, ports: tuple[Port, Port]) -> bool:
        """Takes a route a `RouteJob` found, if the arrow still waits for it between the same
        ports; True when taken."""
        if edge_id not in self.pending or ports != (self._ports.get((edge_id, 0)),
                                                    self._ports.get((edge_id, 1))):
            return False
        del self.pending[edge_id]
        self.routes[edge_id] = route
        self._lines.add(edge_id, route)
        return True

    def separate_some(self, limit: int) -> list[str]:
        """Once nothing is pending: nudges up to `limit` more arrows apart, in the order
        `route_all` does (the longest first); returns the arrows whose route changed."""
        if self.pending:
            return []
        if self._to_separate is None:
            self._to_separate = sorted(self.routes, key=lambda e: -_length(self.routes[e]))
        batch, self._to_separate = self._to_separate[:limit], self._to_separate[limit:]
        before = {e: self.routes.get(e) for e in batch}
        self._separate([e for e in batch if e in self.routes], ordered=True)
        return [e for e in batch if self.routes.get(e) != before[e]]

    def set_bends(self, edge_id: str, points: Sequence[Point] | None) -> Route:
        """Replaces one arrow's bend points (None: back to automatic) and re-routes it."""
        if points:
            self.bends[edge_id] = [(float(x), float(y)) for x, y in points]
        else:
            self.bends.pop(edge_id, None)
        self._reroute_edges([edge_id])
        return self.routes[edge_id]

    def reroute(self, moved: Iterable[str] = (), edges: Iterable[str] = (),
                dragging: bool = False) -> dict[str, Route]:
        """After the shapes `moved` changed place or size (or appeared, or went) and the arrows
        `edges` were added, removed or re-attached in the document: re-routes the arrows that
        touch them, those whose ports moved with them, and those now running through a moved
        shape. Returns the routes that changed (a removed arrow is simply no longer in
        `routes`).

        `dragging` is for each mouse move of a drag, which must fit in a frame: only the arrows
        of the moved shapes (and those whose ports shifted) are re-routed, a clear plain route is
        taken even when a search might save a bend, and arrows are not nudged apart. Call it
        once more without `dragging` on drop."""
        doc = self.doc
        moved = list(dict.fromkeys(moved))
        edges = dict.fromkeys(edges)
        touching: dict[str, None] = {}
        ends: dict[str, None] = {}
        for node_id in moved:
            if node_id in doc.nodes:
                self.index.insert(node_id, node_box(doc.nodes[node_id]))
                touching.update(dict.fromkeys(doc.edges_of(node_id)))
            elif node_id in self.index.boxes:  # a shape went, and its arrows with it
                self.index.remove(node_id)
                edges.update(dict.fromkeys(e for e, pair in self._ends.items() if node_id in pair))
        for edge_id in edges:
            old_ends = self._ends.pop(edge_id, None)
            if old_ends is not None:  # the arrow went, or its ends may have changed
                ends.update(dict.fromkeys(n for n in old_ends if n in doc.nodes))
                self._forget(edge_id)
            if edge_id in doc.edges:
                touching[edge_id] = None
        for edge_id in list(touching):  # a decision's branches choose their sides together
            source = doc.nodes[doc.edges[edge_id].source]
            if source.kind is NodeKind.DECISION:
                touching.update(dict.fromkeys(doc.out_edges(source.id)))
        for edge_id in touching:
            ends.update(dict.fromkeys((doc.edges[edge_id].source, doc.edges[edge_id].target)))
        around = {e for n in ends for e in doc.edges_of(n)}
        before = {(e, end): self._ports.get((e, end)) for e in around for end in (0, 1)}
        self._choose_sides(list(touching))
        self._place_ports(ends)
        affected = dict(touching)
        for (edge_id, end), port in before.items():
            if self._ports.get((edge_id, end)) != port:
                affected[edge_id] = None
        for node_id in moved if not dragging else ():
            if node_id not in doc.nodes:
                continue
            grown = inflate(self.index.boxes[node_id], self.margin / 2)
            for edge_id in self._lines.crossing(grown):
                route = self.routes.get(edge_id, [])
                if any(segment_enters(a, b, grown) for a, b in itertools.pairwise(route)):
                    affected[edge_id] = None
        self._quick = dragging
        try:
            return self._reroute_edges(sorted(affected, key=self._order))
        finally:
            self._quick = False

    def _forget(self, edge_id: str) -> None:
        self.pending.pop(edge_id, None)
        self._lines.remove(edge_id, self.routes.pop(edge_id, []))
        self._sides.pop(edge_id, None)
        self._ports.pop((edge_id, 0), None)
        self._ports.pop((edge_id, 1), None)

    def _order(self, edge_id: str) -> int:
        """The arrow's place in the document, from a table rebuilt only when arrows change."""
        if self._order_version != self.doc.structure_version:
            self._edge_order = {e: i for i, e in enumerate(self.doc.edges)}
            self._order_version = self.doc.structure_version
        return self._edge_order[edge_id]

    def port(self, edge_id: str, end: int) -> Port:
        """Where the arrow leaves (end 0) or enters (end 1) its shape."""
        return self._ports[(edge_id, end)]

    # ------------------------------------------------------------------ sides and ports
    def _choose_sides(self, edge_ids: list[str]) -> None:
        doc, boxes = self.doc, self.index.boxes
        decisions: dict[str, None] = {}
        for edge_id in edge_ids:
            edge = doc.edges[edge_id]
            if edge.source == edge.target:
                continue
            if doc.nodes[edge.source].kind is NodeKind.DECISION:
                decisions[edge.source] = None
                continue
            src, tgt = boxes[edge.source], boxes[edge.target]
            exit_side = _exit_side(src, tgt)
            if exit_side == "bottom" and self._blocked_below(edge.source, edge.target):
                exit_side = "right"  # down and back past a shape below: on its right side
            self._sides[edge_id] = (exit_side, _entry_side(exit_side, src, tgt))
        for decision in decisions:
            self._choose_branch_sides(decision)
        for edge_id in edge_ids:
            edge = doc.edges[edge_id]
            if edge.source == edge.target:
                self._sides[edge_id] = self._free_corner(edge.source, edge_id)

    def _blocked_below(self, source: str, target: str) -> bool:
        """True for an arrow down and back to the left (as a wrapped line of a tidied process)
        with a shape right under its source, above its target, that an arrow comes into from
        the left: going down there, it would have to pass that shape on the left, across that
        arrow."""
        boxes = self.index.boxes
        src, tgt = boxes[source], boxes[target]
        if not (src[0] - tgt[2] >= _GAP and tgt[1] - src[3] >= _GAP):
            return False
        return any(boxes[self.doc.edges[edge_id].source][2] <= boxes[key][0]
                   for key in self.index.near((src[0], src[3] + 1.0, src[2], tgt[1] - 1.0))
                   if key not in (source, target) and boxes[key][3] < tgt[1]
                   for edge_id in self.doc.in_edges(key))

    def _choose_branch_sides(self, decision: str) -> None:
        """A decision's branches leave from different corners: of the ways to give each branch
        a side of its own, the one whose plain routes cost least; on a tie the likeliest (or
        first) branch keeps the side the flow gives it."""
        doc, boxes = self.doc, self.index.boxes
        src = boxes[decision]
        taken: set[str] = set()
        for edge_id in doc.in_edges(decision):
            if edge_id in self._sides and doc.edges[edge_id].source != decision:
                taken.add(self._sides[edge_id][1])
        branches = [e for e in doc.out_edges(decision) if doc.edges[e].target != decision]
        branches.sort(key=lambda e: (-(doc.edges[e].probability or 0.0), self._order(e)))
        free = [side for side in ("right", "bottom", "top", "left") if side not in taken]
        if len(free) < len(branches):
            free = ["right", "bottom", "top", "left"]
        if len(branches) > len(free):
            for edge_id in branches:
                tgt = boxes[doc.edges[edge_id].target]
                side = _exit_side(src, tgt)
                self._sides[edge_id] = (side, _entry_side(side, src, tgt))
            return
        costs: dict[tuple[str, str], float] = {}
        plain: dict[tuple[str, str], Route] = {}
        for rank, edge_id in enumerate(branches):
            preferred = _exit_side(src, boxes[doc.edges[edge_id].target])
            weight = len(branches) - rank  # only a tie-breaker: the cheaper routes decide
            for side in free:
                cost, points = self._branch_cost(decision, edge_id, side)
                costs[(edge_id, side)] = cost + weight * (side != preferred)
                plain[(edge_id, side)] = points

        def total(sides: tuple[str, ...]) -> float:
            chosen = list(zip(branches, sides, strict=True))
            crossings = sum(_crossings(plain[first], plain[second])
                            for first, second in itertools.combinations(chosen, 2))
            return sum(costs[choice] for choice in chosen) + crossings * CROSSING_PENALTY

        best = min(itertools.permutations(free, len(branches)), key=total)
        for edge_id, side in zip(branches, best, strict=True):
            tgt = boxes[doc.edges[edge_id].target]
            self._sides[edge_id] = (side, _entry_side(side, src, tgt))

    def _branch_cost(self, decision: str, edge_id: str, side: str) -> tuple[float, Route]:
        """What the plainest clear route of a branch leaving by `side` would cost, and that
        route (none when no plain route is clear)."""
        doc, boxes = self.doc, self.index.boxes
        target = doc.edges[edge_id].target
        src, tgt = boxes[decision], boxes[target]
        entry = _entry_side(side, src, tgt)
        a = _beyond(side_point(doc.nodes[decision], src, side, 0.0), side, src, self.margin)
        b = _beyond(side_point(doc.nodes[target], tgt, entry, 0.0), entry, tgt, self.margin)
        heading, arrive = OUTWARD[side], _reverse(OUTWARD[entry])
        best = _best_simple(a, b, heading, arrive, self.index, self.margin)
        if best is None:
            return 4 * BEND_PENALTY + 2 * (abs(a[0] - b[0]) + abs(a[1] - b[1])), []
        return _cost(best[1], heading, arrive), best[1]

    def _free_corner(self, node_id: str, loop_id: str) -> tuple[str, str]:
        """The corner a self-loop goes around: one with no shape in the way, fewest ports."""
        box = self.index.boxes[node_id]
        used: dict[str, int] = dict.fromkeys(OUTWARD, 0)
        for edge_id in self.doc.edges_of(node_id):
            if edge_id != loop_id and edge_id in self._sides:
                edge = self.doc.edges[edge_id]
                if edge.source == node_id:
                    used[self._sides[edge_id][0]] += 1
                if edge.target == node_id:
                    used[self._sides[edge_id][1]] += 1

        def badness(corner: tuple[str, str]) -> tuple[int, int]:
            reach = LOOP_REACH + self.margin
            area = _corner_area(box, corner, reach)
            blocked = self.index.hits_box(area, ignore=(node_id,))
            return (int(blocked), used[corner[0]] + used[corner[1]])

        return min(_CORNERS, key=badness)

    def _place_ports(self, node_ids: Iterable[str]) -> None:
        """Spreads the ports on each side of each shape, ordered by where the other end lies,
        so that arrows leaving one side do not cross each other or share a line."""
        doc, boxes = self.doc, self.index.boxes
        for node_id in node_ids:
            node = doc.nodes[node_id]
            box = boxes[node_id]
            on_side: dict[str, list[tuple[float, float, int, int, str]]] = {
                s: [] for s in OUTWARD}
            for edge_id in doc.edges_of(node_id):
                edge = doc.edges[edge_id]
                exit_side, entry_side = self._sides[edge_id]
                loop = edge.source == edge.target
                for end, side, other in ((0, exit_side, edge.target), (1, entry_side, edge.source)):
                    if (edge.source, edge.target)[end] != node_id:
                        continue
                    tie = 0.0
                    if loop:
                        corner_side = entry_side if end == 0 else exit_side
                        key = 1e12 if corner_side in ("right", "bottom") else -1e12
                    else:
                        obox = boxes[other]
                        along, across = (1, 0) if side in ("left", "right") else (0, 1)
                        key = (obox[along] + obox[along + 2]) / 2
                        # two ends in line: the one farther off comes around the outside
                        # and runs nearer this shape, so it takes the port on its side
                        beyond = (obox[across] + obox[across + 2]) / 2
                        here_across = (box[across] + box[across + 2]) / 2
                        toward = 1.0 if key > (box[along] + box[along + 2]) / 2 else -1.0
                        tie = toward * abs(beyond - here_across)
                        if exit_side == entry_side:  # a U: the farther end goes outside
                            here = ((box[1] + box[3]) / 2 if side in ("left", "right")
                                    else (box[0] + box[2]) / 2)
                            key = (-1e9 if key < here else 1e9) - key
                    on_side[side].append((key, tie, self._order(edge_id), end, edge_id))
            share = 0.5 if node.kind is NodeKind.DECISION else 0.7
            for side, ends in on_side.items():
                ends.sort()
                count = len(ends)
                usable = side_length(box, side) * share
                step = min(PORT_SPACING, usable / (count - 1)) if count > 1 else 0.0
                for rank, (_, _, _, end, edge_id) in enumerate(ends):
                    offset = (rank - (count - 1) / 2) * step
                    self._ports[(edge_id, end)] = Port(side_point(node, box, side, offset), side)

    # ------------------------------------------------------------------ routing
    def _reroute_edges(self, edge_ids: list[str]) -> dict[str, Route]:
        for edge_id in edge_ids:
            self._lines.remove(edge_id, self.routes.get(edge_id, []))
            self._route(edge_id)
        partners: dict[str, None] = dict.fromkeys(edge_ids)
        if self._quick:
            return {edge_id: self.routes[edge_id] for edge_id in partners}
        for edge_id in edge_ids:
            partners.update(dict.fromkeys(self._lines.sharing(edge_id, self.routes[edge_id])))
        self._separate(sorted(partners, key=self._order))
        return {edge_id: self.routes[edge_id] for edge_id in partners}

    def _route(self, edge_id: str) -> None:
        edge = self.doc.edges[edge_id]
        start, end = self._ports[(edge_id, 0)], self._ports[(edge_id, 1)]
        if edge.source == edge.target:
            route = self._loop_route(edge.source, start, end)
            if any(self.index.hits_segment(a, b, 0.0, ignore=(edge.source,))
                   for a, b in itertools.pairwise(route)):  # no corner is free: search
                for margin in (self.margin, self.margin / 4):
                    found = self._route_between(edge_id, start, end, margin)
                    if found is not None:
                        route = found
                        break
        else:
            route = None
            for margin in (self.margin, self.margin / 4):
                route = self._route_between(edge_id, start, end, margin)
                if route is not None:
                    break
            if route is None:  # shapes overlap: no clear way exists, draw the plainest one
                route = _simplify([start.point, (end.point[0], start.point[1]), end.point])
        self.routes[edge_id] = route
        self._ends[edge_id] = (edge.source, edge.target)
        self._lines.add(edge_id, route)
        self.pending.pop(edge_id, None)

    def _route_between(self, edge_id: str, start: Port, end: Port, margin: float
                       ) -> Route | None:
        first = _stub(start, self.index.boxes[self.doc.edges[edge_id].source], margin)
        last = _stub(end, self.index.boxes[self.doc.edges[edge_id].target], margin)
        waypoints = [first]
        for bend in self.bends.get(edge_id, ()):
            if not self.index.hits_box((*bend, *bend), gap=margin):
                waypoints.append(bend)
        waypoints.append(last)
        heading: Point | None = OUTWARD[start.side]
        arrive = _reverse(OUTWARD[end.side])
        middle: list[Point] = [first]
        for index in range(len(waypoints) - 1):
            final = index == len(waypoints) - 2
            leg = self._leg(waypoints[index], waypoints[index + 1], heading,
                            arrive if final else None, margin)
            if leg is None:
                return None
            middle.extend(leg[1:])
            heading = _direction(leg[-2], leg[-1]) if len(leg) > 1 else heading
        return _simplify([start.point, *middle, end.point])

    def _leg(self, a: Point, b: Point, heading: Point | None, arrive: Point | None,
             margin: float) -> Route | None:
        if a == b:
            return [a]
        best = _best_simple(a, b, heading, arrive, self.index, margin)
        if best is not None and (best[0] <= 2 or self._quick):
            return best[1]
        limit = _cost(best[1], heading, arrive) if best is not None else np.inf
        for pad in _PADS[:1] if self._quick else _PADS:
            window = (min(a[0], b[0]) - pad, min(a[1], b[1]) - pad,
                      max(a[0], b[0]) + pad, max(a[1], b[1]) + pad)
            found = _search(a, b, heading, arrive, self.index, margin, window, limit,
                            fine=not self._quick)
            if found is not None and _cost(found, heading, arrive) < limit:
                return found
        return best[1] if best is not None else None

    def _loop_route(self, node_id: str, start: Port, end: Port) -> Route:
        """Out of one side near the corner, around it at `LOOP_REACH`, into the other side."""
        box = self.index.boxes[node_id]
        first = _beyond(start.point, start.side, box, LOOP_REACH)
        last = _beyond(end.point, end.side, box, LOOP_REACH)
        return _simplify([start.point, first, (last[0], first[1]), last, end.point])

    # ------------------------------------------------------------------ nudging
    def _separate(self, edge_ids: list[str], ordered: bool = False) -> None:
        """Moves the inner segments of arrows that lie on another arrow's line to a free
        parallel line nearby, as long as that keeps them clear of every shape."""
        # The longest first: of two arrows on one line, the one reaching further around
        # moves out and the one inside it stays, so the two do not cross.
        if not ordered:
            edge_ids = sorted(edge_ids, key=lambda e: -_length(self.routes[e]))
        for edge_id in edge_ids:
            if edge_id in self.pending:
                continue
            route = self.routes[edge_id]
            if len(route) < 4 or not self._lines.sharing(edge_id, route):
                continue
            self._lines.remove(edge_id, route)
            route = self._nudged(edge_id, route)
            self.routes[edge_id] = route
            self._lines.add(edge_id, route)

    def _nudged(self, edge_id: str, route: Route) -> Route:
        edge = self.doc.edges[edge_id]
        ends = (edge.source, edge.target)
        for k in range(1, len(route) - 2):
            a, b = route[k], route[k + 1]
            if not self._lines.overlaps(edge_id, a, b):
                continue
            best: Route | None = None  # the first that fits, unless another crosses nothing
            tried = 0
            for step, clearance in _NUDGES:
                shift = step * SPACING
                moved = list(route)
                if a[1] == b[1]:
                    moved[k], moved[k + 1] = (a[0], a[1] + shift), (b[0], b[1] + shift)
                else:
                    moved[k], moved[k + 1] = (a[0] + shift, a[1]), (b[0] + shift, b[1])
                if self._nudge_fits(edge_id, route, moved, k, ends, clearance * self.margin):
                    crosses = self._crosses(edge_id, moved[k - 1:k + 3])
                    if best is None or not crosses:
                        best = moved
                    tried += 1
                    if not crosses or tried == 2:  # the nearest line on either side
                        break
            if best is not None:
                route = best
        return route

    def _crosses(self, edge_id: str, part: Route) -> bool:
        """Whether these segments run across another arrow's."""
        return any(self._lines.crosses(edge_id, a, b) for a, b in itertools.pairwise(part))

    def _nudge_fits(self, edge_id: str, old: Route, new: Route, k: int,
                    ends: tuple[str, str], clearance: float) -> bool:
        for s in (k - 1, k, k + 1):
            a, b = new[s], new[s + 1]
            if _direction(old[s], old[s + 1]) != _direction(a, b) or a == b:
                return False
            at_end = s == 0 or s == len(new) - 2
            if at_end and abs(a[0] - b[0]) + abs(a[1] - b[1]) < clearance:
                return False
            ignore = ends if at_end else ()
            if self.index.hits_segment(a, b, 0.0 if at_end else clearance, ignore):
                return False
        return not self._lines.overlaps(edge_id, new[k], new[k + 1])


class _Ends:
    """An arrow's two shapes: all a `RouteJob` needs to know of the document."""

    __slots__ = ("source", "target")

    def __init__(self, source: str, target: str) -> None:
        self.source, self.target = source, target


class _Arrows:
    def __init__(self, edges: dict[str, _Ends]) -> None:
        self.edges = edges


class RouteJob:
    """Routes arrows on a copy of a router's shapes, ports and bend points, so that another
    thread can do the slow searches of a big process while the first picture shows
    placeholders; `Router.adopt` takes each result back while the arrow still waits for it
    between the same ports. Touches nothing of the router or the document once made."""

    def __init__(self, router: Router, edge_ids: list[str]) -> None:
        doc = router.doc
        arrows = {e: _Ends(doc.edges[e].source, doc.edges[e].target) for e in edge_ids}
        self.edge_ids = edge_ids
        self._router = Router(_Arrows(arrows), router.bends, router.margin)  # type: ignore[arg-type]
        self._router.index = router.index.copy()
        self._router._ports = {(e, end): router._ports[(e, end)] for e in edge_ids
                               for end in (0, 1)}

    def run(self, stop: Callable[[], bool] = lambda: False
            ) -> Iterator[tuple[str, Route, tuple[Port, Port]]]:
        """Yields (arrow, route, its two ports) one arrow at a time until done or `stop()`."""
        router = self._router
        for edge_id in self.edge_ids:
            if stop():
                return
            router._route(edge_id)
            yield edge_id, router.routes[edge_id], (router._ports[(edge_id, 0)],
                                                    router._ports[(edge_id, 1)])


# ---------------------------------------------------------------------- side rules
def _exit_side(src: Box, tgt: Box) -> str:
    """Flow first: right when the target lies to the right; over the shapes for a loop back
    in the same row (a decision's other branches leave downward, so the two never cross) and
    under them for one from a lower row (the branch into its shape comes down from above);
    otherwise up or down toward the target."""
    if tgt[0] - src[2] >= _GAP:
        return "right"
    if src[0] - tgt[2] >= _GAP and tgt[1] < src[3] and src[1] < tgt[3]:
        return "top"
    if src[0] - tgt[2] >= _GAP and tgt[3] <= src[1]:
        return "bottom"  # a loop back from a lower row goes under: a branch comes in above it
    below = tgt[1] + tgt[3] >= src[1] + src[3]
    return "bottom" if below else "top"


def _entry_side(exit_side: str, src: Box, tgt: Box) -> str:
    if exit_side in ("right", "left"):
        ahead = (tgt[0] - src[2] >= _GAP) if exit_side == "right" else (src[0] - tgt[2] >= _GAP)
        if ahead:
            return _OPPOSITE[exit_side]
        return "top" if tgt[1] + tgt[3] > src[1] + src[3] else "bottom"
    down = exit_side == "bottom"
    room = (tgt[1] - src[3] >= _GAP) if down else (src[1] - tgt[3] >= _GAP)
    if not room:
        return exit_side  # a U around: out of the bottom, into the bottom
    if tgt[0] - src[2] >= _GAP:
        return "left"
    if src[0] - tgt[2] >= _GAP and not down:
        return "right"
    # down and back to the left comes in from above, as a wrapped line of a tidied process
    # does: the right side is where the shape's own flow leaves
    return _OPPOSITE[exit_side]


def _crossings(first: Route, second: Route) -> int:
    """How often two routes cross (a horizontal segment of one through a vertical one of the
    other, strictly inside both)."""
    count = 0
    for a, b in itertools.pairwise(first):
        for c, d in itertools.pairwise(second):
            if a[1] == b[1] and c[0] == d[0]:
                (h1, h2), (v1, v2) = (a, b), (c, d)
            elif a[0] == b[0] and c[1] == d[1]:
                (h1, h2), (v1, v2) = (c, d), (a, b)
            else:
                continue
            if (min(h1[0], h2[0]) < v1[0] < max(h1[0], h2[0])
                    and min(v1[1], v2[1]) < h1[1] < max(v1[1], v2[1])):
                count += 1
    return count


def _corner_area(box: Box, corner: tuple[str, str], reach: float) -> Box:
    left, top, right, bottom = box
    cx, cy = (left + right) / 2, (top + bottom) / 2
    vertical = corner[0]
    horizontal = corner[1]
    x0, x1 = (cx, right + reach) if horizontal == "right" else (left - reach, cx)
    y0, y1 = (top - reach, cy) if vertical == "top" else (cy, bottom + reach)
    return (x0, y0, x1, y1)


def _stub(port: Port, box: Box, margin: float) -> Point:
    """Where the route leaves the shape's clear margin, straight out of the port."""
    return _beyond(port.point, port.side, box, margin)


def _beyond(point: Point, side: str, box: Box, reach: float) -> Point:
    if side == "right":
        return (box[2] + reach, point[1])
    if side == "left":
        return (box[0] - reach, point[1])
    if side == "bottom":
        return (point[0], box[3] + reach)
    return (point[0], box[1] - reach)


# ---------------------------------------------------------------------- polylines
def _direction(a: Point, b: Point) -> Point:
    dx, dy = b[0] - a[0], b[1] - a[1]
    return ((dx > 0) - (dx < 0), (dy > 0) - (dy < 0))


def _reverse(d: Point) -> Point:
    return (-d[0], -d[1])


def _simplify(points: Sequence[Point]) -> Route:
    """Drops repeated points and the middle of straight runs (not of U-turns)."""
    out: Route = []
    for point in points:
        if out and out[-1] == point:
            continue
        if len(out) >= 2 and _direction(out[-2], out[-1]) == _direction(out[-1], point):
            out[-1] = point
        else:
            out.append(point)
    return out


def _bends(points: Sequence[Point], heading: Point | None, arrive: Point | None) -> int | None:
    """Number of turns along `points` (counting the turn out of `heading` and into `arrive`),
    or None when the route doubles back on itself."""
    dirs = [_direction(points[i], points[i + 1]) for i in range(len(points) - 1)]
    if heading is not None:
        dirs.insert(0, heading)
    if arrive is not None:
        dirs.append(arrive)
    turns = 0
    for first, second in itertools.pairwise(dirs):
        if first == _reverse(second):
            return None
        turns += first != second
    return turns


def _length(points: Sequence[Point]) -> float:
    return sum(abs(points[i + 1][0] - points[i][0]) + abs(points[i + 1][1] - points[i][1])
               for i in range(len(points) - 1))


def _cost(points: Sequence[Point], heading: Point | None, arrive: Point | None) -> float:
    bends = _bends(points, heading, arrive)
    return float("inf") if bends is None else bends * BEND_PENALTY + _length(points)


def _best_simple(a: Point, b: Point, heading: Point | None, arrive: Point | None,
                 index: BoxIndex, margin: float) -> tuple[int, Route] | None:
    """The best clear straight, L or Z route from a to b, as (bends, points): a Z through the
    middle first, then one whose middle run lies in the free band before the target (an arrow
    down and back to the left runs along the corridor above its target, under what it
    passes)."""
    mid_x, mid_y = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    candidates: list[list[Point]] = [[], [(mid_x, a[1]), (mid_x, b[1])],
                                     [(a[0], mid_y), (b[0], mid_y)]]
    across = 0 if arrive is None or arrive[0] else 1
    if (arrive is not None and (b[across] - a[across]) * arrive[across] > 4 * margin
            and (heading is None or heading == arrive)):
        # a Z whose middle run lies in the free band before the target (two bends at most)
        before = _free_before(a, b, across, arrive[across], index, margin)
        if across == 0:
            candidates.append([(before, a[1]), (before, b[1])])
        else:
            candidates.append([(a[0], before), (b[0], before)])
    candidates += [[(b[0], a[1])], [(a[0], b[1])]]
    for x in sorted({min(a[0], b[0]), max(a[0], b[0])}):
        candidates.append([(x, a[1]), (x, b[1])])
    for y in sorted({min(a[1], b[1]), max(a[1], b[1])}):
        candidates.append([(a[0], y), (b[0], y)])
    best: tuple[float, int, Route] | None = None
    for middle in candidates:
        points = _simplify([a, *middle, b])
        if any(p[0] != q[0] and p[1] != q[1] for p, q in itertools.pairwise(points)):
            continue
        bends = _bends(points, heading, arrive)
        if bends is None:
            continue
        cost = bends * BEND_PENALTY + _length(points)
        if best is not None and cost >= best[0]:
            continue
        if any(index.hits_segment(points[i], points[i + 1], margin)
               for i in range(len(points) - 1)):
            continue
        best = (cost, bends, points)
    return None if best is None else (best[1], best[2])


def _free_before(a: Point, b: Point, axis: int, sign: int, index: BoxIndex,
                 margin: float) -> float:
    """Where (on `axis`) the middle run of a Z from a to b that arrives heading `sign` lies
    when it keeps to the target's side: half way between b and the nearest shape (grown by
    `margin`) it would pass before b, or `2 * margin` before b if there is none."""
    other = 1 - axis
    low, high = sorted((a[other], b[other]))
    reach = sorted((a[axis], b[axis]))
    area = ((low, reach[0], high, reach[1]) if axis == 1 else (reach[0], low, reach[1], high))
    edges = [box[axis + 2] + margin if sign > 0 else box[axis] - margin
             for box in (index.boxes[key] for key in index.near(area, ordered=False))
             if (box[axis + 2] + margin < b[axis] if sign > 0 else box[axis] - margin > b[axis])]
    edges = [e for e in edges if (e > a[axis] if sign > 0 else e < a[axis])]
    if not edges:
        return b[axis] - sign * 2 * margin
    nearest = max(edges) if sign > 0 else min(edges)
    return (nearest + b[axis]) / 2


_STEPS = ((1, 0), (-1, 0), (0, 1), (0, -1))
#: See `_state_graph`: small enough never to outweigh a real difference in length.
_NEAR_TIE = 1e-7


def _search(a: Point, b: Point, heading: Point | None, arrive: Point | None,
            index: BoxIndex, margin: float, window: Box, limit: float = np.inf,
            fine: bool = True) -> Route | None:
    """The cheapest route on the orthogonal visibility grid inside `window`: the lines through
    a, b, every grown shape border and the middle of the channels between them. A state is a
    grid point and the way the route arrived there, so that each bend is paid for; the search
    (Dijkstra, in scipy's compiled code) stops at `limit`."""
    grown = [inflate(index.boxes[key], margin) for key in index.near(window)]
    xs_set = {a[0], b[0], window[0], window[2]}
    ys_set = {a[1], b[1], window[1], window[3]}
    for box in grown:
        xs_set.update((box[0], box[2]))
        ys_set.update((box[1], box[3]))
    if not fine and len(xs_set) * len(ys_set) > _DRAG_GRID:
        return None  # too big to search within a frame; the drop routes it properly
    channels = fine and len(xs_set) * len(ys_set) <= _FINE_GRID
    xs = _with_channels(xs_set, window[0], window[2], channels)
    ys = _with_channels(ys_set, window[1], window[3], channels)
    nx, ny = len(xs), len(ys)
    xarr, yarr = np.array(xs), np.array(ys)
    boxes = np.array(grown, dtype=float).reshape(-1, 4)
    il = np.searchsorted(xarr, boxes[:, 0], "left")
    ir = np.searchsorted(xarr, boxes[:, 2], "left")
    jl = np.searchsorted(yarr, boxes[:, 1], "left")
    jr = np.searchsorted(yarr, boxes[:, 3], "left")
    inner_il = np.searchsorted(xarr, boxes[:, 0], "right")
    inner_jl = np.searchsorted(yarr, boxes[:, 1], "right")
    # A segment is blocked when it runs through a grown shape's inside: horizontal ones on a
    # line strictly inside it, vertical ones likewise.
    hblock = _covered((ny, nx), inner_jl, jr, il, ir)
    vblock = _covered((ny, nx), jl, jr, inner_il, ir)
    ia, ja, ib, jb = xs.index(a[0]), ys.index(a[1]), xs.index(b[0]), ys.index(b[1])
    graph = _state_graph(xarr, yarr, hblock, vblock, b[1])
    starts = [((ja * nx + ia) << 2) | d for d, step in enumerate(_STEPS)
              if heading is None or step == heading]
    from scipy.sparse.csgraph import dijkstra  # on first search: scipy stays off start-up

    dist, pred, _ = dijkstra(graph, indices=starts, min_only=True, return_predecessors=True,
                             limit=limit)
    goal, best = -1, float("inf")
    for d, step in enumerate(_STEPS):
        state = ((jb * nx + ib) << 2) | d
        if arrive is not None and step == _reverse(arrive):
            continue
        total = dist[state] + (BEND_PENALTY if arrive is not None and step != arrive else 0.0)
        if total < best:
            goal, best = state, total
    if goal < 0 or not np.isfinite(best):
        return None
    cells: list[Point] = []
    state = goal
    while state >= 0:
        cell = state >> 2
        cells.append((xs[cell % nx], ys[cell // nx]))
        state = int(pred[state])
    cells.reverse()
    return _simplify(cells)


def _covered(shape: tuple[int, int], row_from: np.ndarray, row_to: np.ndarray,
             col_from: np.ndarray, col_to: np.ndarray) -> np.ndarray:
    """Which cells of a grid some rectangle [row_from, row_to) x [col_from, col_to) covers,
    summed with a 2-D difference array instead of one slice per rectangle."""
    diff = np.zeros((shape[0] + 1, shape[1] + 1), dtype=np.int32)
    keep = (row_from < row_to) & (col_from < col_to)
    r0, r1, c0, c1 = row_from[keep], row_to[keep], col_from[keep], col_to[keep]
    np.add.at(diff, (r0, c0), 1)
    np.add.at(diff, (r0, c1), -1)
    np.add.at(diff, (r1, c0), -1)
    np.add.at(diff, (r1, c1), 1)
    return diff.cumsum(axis=0).cumsum(axis=1)[: shape[0], : shape[1]] > 0


def _state_graph(xs: np.ndarray, ys: np.ndarray, hblock: np.ndarray, vblock: np.ndarray,
                 near_y: float) -> csr_matrix:
    """The search graph: a state is (grid point, heading); moving on costs the length, turning
    costs `BEND_PENALTY` (never straight back). Between routes of equal length and bends, the
    one whose horizontal runs lie nearer the height it arrives at wins (a hair's cost,
    `_NEAR_TIE` per unit of length and distance): an arrow down and back to the left runs
    along the corridor above its target, under the shapes and arrows it passes."""
    nx, ny = len(xs), len(ys)
    sources, targets, weights = [], [], []
    if nx > 1:
        rows, cols = np.nonzero(~hblock[:, : nx - 1])
        here = rows * nx + cols
        length = (xs[1:] - xs[:-1])[cols] * (1.0 + _NEAR_TIE * np.abs(ys[rows] - near_y))
        sources += [here * 4 + 0, (here + 1) * 4 + 1]
        targets += [(here + 1) * 4 + 0, here * 4 + 1]
        weights += [length, length]
    if ny > 1:
        rows, cols = np.nonzero(~vblock[: ny - 1, :])
        here = rows * nx + cols
        length = (ys[1:] - ys[:-1])[rows]
        sources += [here * 4 + 2, (here + nx) * 4 + 3]
        targets += [(here + nx) * 4 + 2, here * 4 + 3]
        weights += [length, length]
    cell = np.arange(nx * ny)
    penalty = np.full(nx * ny, BEND_PENALTY)
    for d, turns in ((0, (2, 3)), (1, (2, 3)), (2, (0, 1)), (3, (0, 1))):
        for nd in turns:
            sources.append(cell * 4 + d)
            targets.append(cell * 4 + nd)
            weights.append(penalty)
    from scipy.sparse import csr_matrix

    size = nx * ny * 4
    return csr_matrix((np.concatenate(weights), (np.concatenate(sources),
                                                 np.concatenate(targets))), shape=(size, size))


def _with_channels(values: set[float], low: float, high: float, channels: bool = True
                   ) -> list[float]:
    """The sorted coordinates inside [low, high] plus the middle of each gap between them, so
    that routes run down the middle of the channels between shapes."""
    inside = sorted(v for v in values if low <= v <= high)
    out: list[float] = []
    for first, second in itertools.pairwise(inside):
        out.append(first)
        if channels and second - first > 2 * SPACING:
            out.append((first + second) / 2)
    out.append(inside[-1])
    return out


class _Lines:
    """The segments of the placed routes by the line they lie on, to find arrows on top of
    each other (and the routes running through a place)."""

    def __init__(self) -> None:
        self._by_line: dict[tuple[int, float], dict[str, list[tuple[float, float]]]] = {}
        self._cells: dict[tuple[int, int], dict[str, None]] = {}
        #: The coordinates of the horizontal (0) and vertical (1) lines in use, sorted.
        self._sorted: tuple[list[float], list[float]] = ([], [])

    @staticmethod
    def _key(a: Point, b: Point) -> tuple[tuple[int, float], float, float]:
        if a[1] == b[1]:
            return (0, round(a[1], 3)), min(a[0], b[0]), max(a[0], b[0])
        return (1, round(a[0], 3)), min(a[1], b[1]), max(a[1], b[1])

    def _cells_of(self, a: Point, b: Point) -> list[tuple[int, int]]:
        cell = 240.0
        return [(i, j)
                for i in range(int(min(a[0], b[0]) // cell), int(max(a[0], b[0]) // cell) + 1)
                for j in range(int(min(a[1], b[1]) // cell), int(max(a[1], b[1]) // cell) + 1)]

    def add(self, edge_id: str, route: Route) -> None:
        for a, b in itertools.pairwise(route):
            line, low, high = self._key(a, b)
            if line not in self._by_line:
                bisect.insort(self._sorted[line[0]], line[1])
            self._by_line.setdefault(line, {}).setdefault(edge_id, []).append((low, high))
            for cell in self._cells_of(a, b):
                self._cells.setdefault(cell, {})[edge_id] = None

    def remove(self, edge_id: str, route: Route) -> None:
        for a, b in itertools.pairwise(route):
            line, _, _ = self._key(a, b)
            on_line = self._by_line.get(line)
            if on_line is not None:
                on_line.pop(edge_id, None)
                if not on_line:
                    del self._by_line[line]
                    coordinates = self._sorted[line[0]]
                    del coordinates[bisect.bisect_left(coordinates, line[1])]
            for cell in self._cells_of(a, b):
                found = self._cells.get(cell)
                if found is not None:
                    found.pop(edge_id, None)

    def overlaps(self, edge_id: str, a: Point, b: Point) -> bool:
        return bool(self._others_on(edge_id, a, b))

    def _others_on(self, edge_id: str, a: Point, b: Point) -> list[str]:
        line, low, high = self._key(a, b)
        return [other for other, spans in self._by_line.get(line, {}).items()
                if other != edge_id and any(min(high, h) - max(low, lo) > 1.0
                                            for lo, h in spans)]

    def crosses(self, edge_id: str, a: Point, b: Point) -> bool:
        """Whether the segment a-b runs across a segment of another arrow."""
        (axis, at), low, high = self._key(a, b)
        across = 1 - axis
        coordinates = self._sorted[across]
        for index in range(bisect.bisect_right(coordinates, low),
                           bisect.bisect_left(coordinates, high)):
            for other, spans in self._by_line[(across, coordinates[index])].items():
                if other != edge_id and any(lo < at < hi for lo, hi in spans):
                    return True
        return False

    def sharing(self, edge_id: str, route: Route) -> list[str]:
        """Other arrows with a segment on top of one of this route's segments."""
        found: dict[str, None] = {}
        for a, b in itertools.pairwise(route):
            found.update(dict.fromkeys(self._others_on(edge_id, a, b)))
        return list(found)

    def crossing(self, area: Box) -> list[str]:
        """Arrows with a segment that may pass through `area` (a superset, found by cell)."""
        found: dict[str, None] = {}
        for cell in self._cells_of((area[0], area[1]), (area[2], area[3])):
            found.update(self._cells.get(cell, {}))
        return list(found)
