"""The one place that decides where a document's orthogonal arrows and their labels go.

Every picture (canvas, exports, presenter, handout) asks `routes_for(doc)`, so all of them draw
the same routes. The book keeps one `layout.routing.Router` per document and follows the
document by its change counter: when it moved on, only the shapes whose geometry changed and
the arrows added, removed, re-attached or given other bend points are handed to
`Router.reroute`, never the whole process. A gesture's preview (shapes drawn where a drag would
put them) is routed with `dragging=True`, so each mouse move fits in a frame.
"""

from __future__ import annotations

import gc
import itertools
import queue
import threading
import time
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from flowedit.layout.labels import place_labels
from flowedit.layout.routing import Port, Route, RouteJob, Router
from flowedit.layout.shapes import Box, BoxIndex, node_box
from flowedit.model import Document, Node, NodeKind
from flowedit.render.edges import EdgeRoute, polyline_route
from flowedit.render.painting import edge_label_size

#: How far a label moved along its arrow (`label_at`) sits off the segment.
_LABEL_GAP = 4.0
#: Up to this many arrows the canvas routes them all before the first picture (a few frames at
#: most); a bigger document shows placeholders first and routes in the background.
ROUTE_AT_ONCE = 400
#: How long one background step may nudge arrows apart in the canvas's thread, in seconds.
STEP_BUDGET = 0.006
#: How far around its arrow a label placed again may land (what it is kept clear of).
_LABEL_REACH = 300.0
_SEPARATE_CHUNK = 4


class _Shown:
    """The document with some shapes where a gesture shows them: what the router reads."""

    def __init__(self, doc: Document, previewed: Mapping[str, Node]) -> None:
        self._doc = doc
        self.nodes = ChainMap(dict(previewed), doc.nodes) if previewed else doc.nodes

    def __getattr__(self, name: str) -> Any:
        return getattr(self._doc, name)


def _geometry(node: Node) -> tuple[Any, ...]:
    return (node.x, node.y, node.size, node.kind)


class RouteBook:
    """The routes and label boxes of one document, kept up to date incrementally."""

    def __init__(self, doc: Document, complete: bool = True) -> None:
        self.doc = doc
        self.router = Router(doc, {e.id: e.points for e in doc.edges.values() if e.points})
        #: A copy of what the background routing needs, made while the document opens (not
        #: in a step between frames), for this version of the document.
        self._job: tuple[RouteJob, int] | None = None
        if complete or len(doc.edges) <= ROUTE_AT_ONCE:
            self.router.route_all()
        else:
            self.router.begin_all()
            self._job = (self.router.job(self.router.pending), doc.version)
        self._version = doc.version
        self._worker: _Worker | None = None
        self._previewed: dict[str, Node] = {}
        self._shapes = {node_id: _geometry(node) for node_id, node in doc.nodes.items()}
        self._arrows = {e.id: (e.source, e.target, e.points) for e in doc.edges.values()}
        self._labels: dict[str, Box] | None = None
        self._label_index: BoxIndex | None = None  # the boxes of `_labels`, found by place
        self._labels_version = -1  # the document's version when `labels` last checked
        self._label_keys: dict[str, tuple[str | None, float | None]] = {}
        self._sizes: dict[str, tuple[float, float]] = {}

    def refresh(self, previewed: Mapping[str, Node] | None = None) -> set[str]:
        """Catches up with the document (and a gesture's preview); returns the arrows whose
        route or label box changed."""
        previewed = dict(previewed or {})
        same_version = self._version == self.doc.version
        if same_version and previewed == self._previewed:
            return set()
        self._version = self.doc.version
        dropped = [n for n in self._previewed if not previewed]  # the drop: full quality
        candidates = list(dict.fromkeys([*self._previewed, *previewed]))
        self._previewed = previewed
        shown = _Shown(self.doc, previewed)
        self.router.doc = shown  # type: ignore[assignment]
        nodes = shown.nodes
        changed_edges: list[str] = []
        if same_version:  # only a gesture's preview moved (each mouse move): just its shapes
            moved = [n for n in candidates if (n in nodes) != (n in self._shapes)
                     or (n in nodes and _geometry(nodes[n]) != self._shapes[n])]
            for node_id in candidates:
                if node_id in nodes:
                    self._shapes[node_id] = _geometry(nodes[node_id])
                else:
                    self._shapes.pop(node_id, None)
        else:
            moved = [n for n in nodes.keys() | self._shapes.keys()
                     if n not in nodes or n not in self._shapes
                     or _geometry(nodes[n]) != self._shapes[n]]
            arrows = {e.id: (e.source, e.target, e.points) for e in self.doc.edges.values()}
            changed_edges = [e for e in arrows.keys() | self._arrows.keys()
                             if arrows.get(e) != self._arrows.get(e)]
            for edge_id in changed_edges:
                points = arrows[edge_id][2] if edge_id in arrows else None
                if points:
                    self.router.bends[edge_id] = [(float(x), float(y)) for x, y in points]
                else:
                    self.router.bends.pop(edge_id, None)
            self._shapes = {n: _geometry(node) for n, node in nodes.items()}
            self._arrows = arrows
        moved += [n for n in dropped if n not in moved]
        changed = set(self.router.reroute(moved=sorted(moved), edges=sorted(changed_edges),
                                          dragging=bool(previewed)))
        changed.update(changed_edges)
        if self._labels is None:
            changed.update(self.labels())
            return {e for e in changed if e in self.doc.edges}
        # only the labels of re-routed arrows, and those a moved shape now covers
        hit = [_grown(node_box(nodes[n])) for n in moved if n in nodes]
        dirty = {e for e in changed if e in self.doc.edges}
        if self._label_index is not None:
            for box in hit:
                dirty.update(e for e in self._label_index.near(box, ordered=False)
                             if _overlaps(self._label_index.boxes[e], box))
        else:
            dirty.update(e for e, box in self._labels.items()
                         if any(_overlaps(box, shape) for shape in hit))
        before = {e: self._labels.get(e) for e in dirty}
        kept = self._labels
        incremental = self._relabel(dirty)
        after = self.labels()
        if incremental:
            changed.update(e for e in dirty if after.get(e) != before[e])
        else:  # all placed again (a label's text changed): compare them all
            changed.update(e for e in after.keys() | kept.keys() if after.get(e) != kept.get(e))
        return {e for e in changed if e in self.doc.edges}

    # ------------------------------------------------------------------ in the background
    @property
    def busy(self) -> bool:
        """Some arrows still have a placeholder route, or wait to be nudged apart."""
        return self.router.busy

    def step(self, first: Callable[[], Iterable[str]] = tuple,
             budget: float = STEP_BUDGET) -> set[str]:
        """One step of routing a big document in the background (the canvas calls it between
        frames): takes the routes another thread found since the last step (starting that
        thread, with the arrows `first()` names at the head of its list, when there is none for
        this version of the document), and once all are routed nudges them apart for at most
        `budget` seconds. Returns the arrows whose route or label changed."""
        self.refresh(self._previewed)
        router = self.router
        changed: list[str] = []
        if router.pending:
            worker = self._worker
            if worker is None or worker.version != self.doc.version:
                if worker is not None:
                    worker.stop()
                job = self._job[0] if self._job and self._job[1] == self.doc.version else None
                self._job = None
                order = _first(first(), router.pending)
                if job is None:
                    job = router.job(order)
                else:
                    job.edge_ids = order
                self._worker = worker = _Worker(job, self.doc.version)
            finished = worker.finished  # before taking: then nothing more comes after
            for edge_id, route, ports in worker.take():
                if router.adopt(edge_id, route, ports):
                    changed.append(edge_id)
            if finished and router.pending:  # some were not taken back: go again
                self._worker = None
        else:
            self.stop_background()
            deadline = time.perf_counter() + budget
            while router.busy and time.perf_counter() < deadline:
                changed += router.separate_some(_SEPARATE_CHUNK)
        if changed and self._labels is not None:
            before = dict(self._labels)
            self._relabel(set(changed))
            after = self.labels()
            changed += [e for e in after.keys() | before.keys() if after.get(e) != before.get(e)]
        return {e for e in changed if e in self.doc.edges}

    def finish(self) -> None:
        """Routes whatever is left now (an export or the presenter needs every route)."""
        if not self.router.busy:
            return
        self.refresh(self._previewed)
        self.stop_background()
        self.router.route_pending()
        while self.router.busy:
            self.router.separate_some(len(self.router.routes) + 1)
        self._labels = self._label_index = None

    def stop_background(self) -> None:
        """Stops the routing thread, if any (the canvas went; `step` starts it again)."""
        if self._worker is not None:
            self._worker.stop()
            self._worker = None

    def _relabel(self, dirty: set[str]) -> bool:
        """Places again just the labels of `dirty`, clear of the shapes and the other labels;
        False when a label's text changed, so all must be placed again (by `labels`)."""
        assert self._labels is not None
        if self._labels_version != self.doc.version:
            keys = {e.id: (e.label, e.label_at) for e in self.doc.edges.values() if e.label}
            if keys != self._label_keys:
                self._labels = self._label_index = None
                return False
            self._labels_version = self.doc.version
        keys = self._label_keys
        labels = dict(self._labels)
        for edge_id in dirty:
            labels.pop(edge_id, None)
        wanted = sorted((e for e in dirty if e in keys), key=self.doc.edge_index)
        if self._label_index is None:
            self._label_index = BoxIndex()
            for edge_id, box in labels.items():
                self._label_index.insert(edge_id, box)
        placed_labels = self._label_index
        for edge_id in dirty:
            placed_labels.remove(edge_id)
        shapes_index = self.router.index
        routes = self.router.routes
        for edge_id in wanted:  # each with just the shapes and labels around it: a few
            route = routes.get(edge_id, [])
            if not route:
                continue
            area = (min(p[0] for p in route) - _LABEL_REACH, min(p[1] for p in route)
                    - _LABEL_REACH, max(p[0] for p in route) + _LABEL_REACH,
                    max(p[1] for p in route) + _LABEL_REACH)
            near = {n: shapes_index.boxes[n] for n in shapes_index.near(area)}
            near.update({"label\0" + e: placed_labels.boxes[e] for e in placed_labels.near(area)})
            box = self._place([edge_id], keys, {}, near).get(edge_id)
            if (box is not None and keys[edge_id][1] is None
                    and (shapes_index.hits_box(box) or placed_labels.hits_box(box))):
                box = self._place([edge_id], keys, labels).get(edge_id)  # it went far out
            if box is not None:
                labels[edge_id] = box
                placed_labels.insert(edge_id, box)
        self._labels = labels
        return True

    def _place(self, edge_ids: list[str], keys: dict[str, tuple[str | None, float | None]],
               avoid: Mapping[str, Box], shapes: dict[str, Box] | None = None
               ) -> dict[str, Box]:
        """Label boxes for `edge_ids`, clear of `shapes` (every shape and the labels in `avoid`
        by default)."""
        nodes = self.router.doc.nodes
        routes = self.router.routes
        sizes = {e: self._size(keys[e][0] or "") for e in edge_ids}
        free = {e: sizes[e] for e in edge_ids if keys[e][1] is None}
        branches = [e for e in edge_ids
                    if nodes[self.doc.edges[e].source].kind is NodeKind.DECISION]
        if shapes is None:
            shapes = {node_id: node_box(node) for node_id, node in nodes.items()}
            shapes.update({"label\0" + e: box for e, box in avoid.items()})
        placed = place_labels({e: routes[e] for e in edge_ids if e in routes}, free, shapes,
                              branches)
        for edge_id in edge_ids:
            along = keys[edge_id][1]
            if along is not None and edge_id in routes:
                placed[edge_id] = label_at(routes[edge_id], along, sizes[edge_id])
        return placed

    def _size(self, text: str) -> tuple[float, float]:
        if text not in self._sizes:
            self._sizes[text] = edge_label_size(text)
        return self._sizes[text]

    @property
    def routes(self) -> dict[str, Route]:
        self.refresh(self._previewed)
        return self.router.routes

    def labels(self) -> dict[str, Box]:
        """Each labelled arrow's box, measured in the drawing's font, clear of shapes and of
        each other (layout/labels.py), or where the user moved it along the arrow."""
        if self._labels is not None and self._labels_version == self.doc.version:
            return self._labels  # asked once per arrow while a picture is drawn
        keys = {e.id: (e.label, e.label_at) for e in self.doc.edges.values() if e.label}
        self._labels_version = self.doc.version
        if self._labels is not None and keys == self._label_keys:
            return self._labels
        self._label_index = None
        self._labels = self._place([e for e in self.doc.edges if e in keys], keys, {})
        self._label_keys = keys
        return self._labels

    def edge_route(self, edge_id: str) -> tuple[EdgeRoute, Box | None]:
        routes = self.routes
        box = self.labels().get(edge_id)
        return polyline_route(routes[edge_id], box), box


def _grown(box: Box, by: float = 3.0) -> Box:
    return (box[0] - by, box[1] - by, box[2] + by, box[3] + by)


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def label_at(route: Route, along: float, size: tuple[float, float]) -> Box:
    """A label box `along` (0..1) the route's length: above a horizontal stretch, right of a
    vertical one."""
    lengths = [abs(b[0] - a[0]) + abs(b[1] - a[1]) for a, b in itertools.pairwise(route)]
    goal = sum(lengths) * min(max(along, 0.0), 1.0)
    width, height = size
    for (a, b), length in zip(itertools.pairwise(route), lengths, strict=True):
        if goal <= length or (a, b) == tuple(route[-2:]):
            share = goal / length if length else 0.0
            x, y = a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share
            if abs(b[0] - a[0]) >= abs(b[1] - a[1]):
                return (x - width / 2, y - _LABEL_GAP - height, x + width / 2, y - _LABEL_GAP)
            return (x + _LABEL_GAP, y - height / 2, x + _LABEL_GAP + width, y + height / 2)
        goal -= length
    x, y = route[0]
    return (x, y - height, x + width, y)


#: The books of the documents drawn lately, newest last. A book holds its document, so only a
#: few are kept: a window shows one document, an export or a test makes one and drops it.
_books: list[RouteBook] = []
_KEPT = 6


def routes_for(doc: Document, complete: bool = True) -> RouteBook:
    """The document's route book, made on first use, with every arrow routed; with
    `complete=False` (the canvas) a big document's book may still be routing in the
    background (`RouteBook.busy`, `RouteBook.step`)."""
    for book in _books:
        if book.doc is doc:
            _books.remove(book)
            _books.append(book)
            break
    else:
        book = RouteBook(doc, complete)
        _books.append(book)
        for old in _books[:-_KEPT]:
            old.stop_background()
        del _books[:-_KEPT]
    if complete:
        book.finish()
    return book


def _first(first: Iterable[str], pending: Mapping[str, None]) -> list[str]:
    ahead = dict.fromkeys(e for e in first if e in pending)
    return [*ahead, *(e for e in pending if e not in ahead)]


class _Worker:
    """A thread that runs a `RouteJob` and hands its results over through a queue.

    While it runs, Python's automatic garbage collection is off (the canvas's thread collects
    the young garbage each step): a collection starts in whichever thread happens to allocate,
    and one in this thread would destroy unreachable Qt objects (a closed window's) outside
    the GUI thread, which crashes Qt."""

    _lock = threading.Lock()
    _running = 0
    _collecting = True

    def __init__(self, job: RouteJob, version: int) -> None:
        self.version = version
        self.finished = False
        self._results: queue.SimpleQueue[tuple[str, Route, tuple[Port, Port]]] = (
            queue.SimpleQueue())
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(job,), daemon=True,
                                        name="flowedit-routing")
        with _Worker._lock:
            if _Worker._running == 0:
                _Worker._collecting = gc.isenabled()
                gc.disable()
            _Worker._running += 1
        self._thread.start()

    def _run(self, job: RouteJob) -> None:
        try:
            for result in job.run(self._stopped.is_set):
                self._results.put(result)
        finally:
            self.finished = True
            with _Worker._lock:  # the last thing this thread does
                _Worker._running -= 1
                if _Worker._running == 0 and _Worker._collecting:
                    gc.enable()

    def take(self) -> list[tuple[str, Route, tuple[Port, Port]]]:
        """What it routed since last asked (read `finished` before calling, to know that
        nothing more comes)."""
        if not gc.isenabled():
            gc.collect(0)
        taken = []
        while True:
            try:
                taken.append(self._results.get_nowait())
            except queue.Empty:
                return taken

    def stop(self) -> None:
        self._stopped.set()
