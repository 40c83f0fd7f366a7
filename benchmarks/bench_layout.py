"""How fast arrows are routed and Tidy Up runs, and how good the pictures are.

Why this exists: with orthogonal routing on, every drag step re-routes the arrows of the shape
being dragged, so that must fit in a frame (16 ms at 60 Hz) on a 5,000-stage process; Tidy Up of
500 stages should answer in under a second. The quality table (crossings, bends, area) is what
docs/layout.md compares layout choices by.

Usage:
    python benchmarks/bench_layout.py [--sizes 100,1000,5000] [--tidy-sizes 100,500,2000]
                                      [--moves 20] [--repeat 3] [--quality] [--json]

Processes come from flowedit.model.generate.generate_process(N). Reported:
- route all:  Router(doc).route_all() on the process as generated (median of --repeat runs);
- drag step:  at the largest size, one shape moved by (35, 45) then
              Router.reroute([it], dragging=True), for --moves different shapes;
- drop:       then Router.reroute([it]) (full quality, arrows passed over, nudging);
- book step:  the same moves through the canvas's route book (render/routes.py), which also
              places the moved arrows' labels again: `RouteBook.refresh(preview)`, what
              each mouse move of a drag costs with routing on (labels are measured in Qt's
              fonts, so this one runs a headless QGuiApplication);
- background: opening the largest process in the canvas routes it in another thread; what
              each step of taking those routes over costs the canvas's thread (thread time),
              and the wall time until all are routed (the machine's load shows in that);
- tidy:       tidy(doc) (median of --repeat runs);
- --quality:  for each sample and a generated 100-stage process, as drawn and after Tidy Up:
              arrow crossings, bends, and the drawing's area.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from flowedit.io import load_document
from flowedit.layout.drawn import drawn_geometry
from flowedit.layout.routing import Router
from flowedit.layout.tidy import apply_tidy, tidy
from flowedit.model import Document
from flowedit.model.generate import generate_process

FRAME_BUDGET_MS = 16.0
TIDY_GOAL_MS = 1000.0
SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _timed(action: Callable[[], object]) -> float:
    """Milliseconds of processor time one call takes (the machine may be shared: wall-clock
    time would bill other programs' work to ours); garbage is collected first."""
    gc.collect()
    start = time.process_time()
    action()
    return (time.process_time() - start) * 1000.0


def bench_route_all(size: int, repeat: int) -> list[float]:
    doc = generate_process(size)
    return [_timed(lambda: Router(doc).route_all()) for _ in range(repeat)]


def bench_drag(size: int, moves: int) -> tuple[list[float], list[float]]:
    """(drag steps, drops): each shape moved once, re-routed as a drag step, then as the drop."""
    doc = generate_process(size)
    router = Router(doc)
    router.route_all()
    stages = [n for n in doc.nodes if n.startswith(("s", "d"))]
    step = max(len(stages) // moves, 1)
    steps, drops = [], []
    for node_id in stages[::step][:moves]:
        node = doc.nodes[node_id]
        doc.move_node(node_id, node.x + 35, node.y + 45)
        steps.append(_timed(lambda node_id=node_id: router.reroute([node_id], dragging=True)))
        drops.append(_timed(lambda node_id=node_id: router.reroute([node_id])))
    return steps, drops


def bench_book_drag(size: int, moves: int) -> list[float]:
    """Each mouse move of a drag with routing on, as the canvas asks it of the route book."""
    from dataclasses import replace

    from flowedit.model import Routing
    from flowedit.render.routes import RouteBook

    _gui()
    doc = generate_process(size)
    doc.set_routing(Routing.ORTHOGONAL)
    book = RouteBook(doc)
    book.labels()
    stages = [n for n in doc.nodes if n.startswith(("s", "d"))]
    step = max(len(stages) // moves, 1)
    steps = []
    for node_id in stages[::step][:moves]:
        node = doc.nodes[node_id]
        preview = {node_id: replace(node, x=node.x + 35, y=node.y + 45)}
        steps.append(_timed(lambda preview=preview: book.refresh(preview)))
        book.refresh({})
    return steps


def bench_background(size: int) -> tuple[list[float], float]:
    """(thread time of each step the canvas takes, wall seconds until every arrow is routed)
    when a process this big opens with routing on."""
    from flowedit.model import Routing
    from flowedit.render.routes import RouteBook

    _gui()
    doc = generate_process(size)
    doc.set_routing(Routing.ORTHOGONAL)
    began = time.perf_counter()
    book = RouteBook(doc, complete=False)
    book.labels()
    steps = []
    while book.busy:
        start = time.thread_time()
        book.step()
        steps.append((time.thread_time() - start) * 1000.0)
        time.sleep(0.04)  # the canvas's timer
    return steps, time.perf_counter() - began


def _gui() -> None:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _gui.app = QGuiApplication([])  # type: ignore[attr-defined]


def bench_tidy(size: int, repeat: int) -> list[float]:
    doc = generate_process(size)
    return [_timed(lambda: tidy(doc)) for _ in range(repeat)]


def quality(doc: Document) -> tuple[int, int, float]:
    """(crossings between arrows, bends, area of the drawing in square units / 1e6)."""
    geometry = drawn_geometry(doc)
    horizontal, vertical = [], []
    bends = 0
    for edge in geometry["edges"]:
        points = edge["points"]
        bends += max(len(points) - 2, 0)
        for a, b in itertools.pairwise(points):
            if a[1] == b[1]:
                horizontal.append((edge["id"], a[1], min(a[0], b[0]), max(a[0], b[0])))
            else:
                vertical.append((edge["id"], a[0], min(a[1], b[1]), max(a[1], b[1])))
    crossings = sum(1 for h, v in itertools.product(horizontal, vertical)
                    if h[0] != v[0] and h[2] < v[1] < h[3] and v[2] < h[1] < v[3])
    rects = [n["rect"] for n in geometry["nodes"]]
    width = max(r[0] + r[2] for r in rects) - min(r[0] for r in rects)
    height = max(r[1] + r[3] for r in rects) - min(r[1] for r in rects)
    return crossings, bends, width * height / 1e6


def _row(name: str, samples: list[float]) -> str:
    return (f"{name:<34} {statistics.median(samples):10.1f} {min(samples):10.1f} "
            f"{max(samples):10.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--tidy-sizes", default="100,500,2000")
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--json", action="store_true",
                        help="also print the figures as one JSON line (python -m benchmarks)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    tidy_sizes = [int(s) for s in args.tidy_sizes.split(",")]
    figures: dict[str, float] = {}
    print(f"{'ms (processor time)':<34} {'median':>10} {'min':>10} {'max':>10}")
    for size in sizes:
        repeat = args.repeat if size <= 1000 else 1
        samples = bench_route_all(size, repeat)
        figures[f"route_all_{size}"] = statistics.median(samples)
        print(_row(f"route all ({size} stages)", samples), flush=True)
    largest = max(sizes)
    drag, drops = bench_drag(largest, args.moves)
    print(_row(f"drag step reroute ({largest} stages)", drag), flush=True)
    print(_row(f"drop reroute ({largest} stages)", drops), flush=True)
    book = bench_book_drag(largest, args.moves)
    print(_row(f"drag step, route book ({largest})", book), flush=True)
    background, settled = bench_background(largest)
    print(_row(f"background step ({largest} stages)", background), flush=True)
    print(f"{'  all routed in the background after':<34} {settled:10.1f} s (wall)", flush=True)
    figures.update(drag_step=statistics.median(drag), drag_step_max=max(drag),
                   book_step=statistics.median(book), book_step_max=max(book),
                   background_step=statistics.median(background),
                   background_step_max=max(background), background_seconds=settled,
                   largest=largest)
    slowest_tidy = 0.0
    for size in tidy_sizes:
        samples = bench_tidy(size, args.repeat)
        figures[f"tidy_{size}"] = statistics.median(samples)
        print(_row(f"tidy ({size} stages)", samples), flush=True)
        if size == 500:
            slowest_tidy = statistics.median(samples)
    print(f"drag step median {statistics.median(drag):.1f} ms, through the route book "
          f"{statistics.median(book):.1f} ms (budget {FRAME_BUDGET_MS:.0f} ms); tidy of 500: "
          f"{slowest_tidy:.0f} ms (goal {TIDY_GOAL_MS:.0f} ms)")
    if args.quality:
        print(f"\n{'quality':<34} {'crossings':>10} {'bends':>10} {'area/1e6':>10}")
        docs = [(path.stem, lambda path=path: load_document(path))
                for path in sorted(SAMPLES.glob("*.yaml"))]
        docs.append(("generated-100", lambda: generate_process(100)))
        for name, make in docs:
            doc = make()
            for when in ("as drawn", "after Tidy Up"):
                if when == "after Tidy Up":
                    apply_tidy(doc, tidy(doc))
                crossings, bends, area = quality(doc)
                print(f"{name + ' ' + when:<34} {crossings:10d} {bends:10d} {area:10.2f}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
