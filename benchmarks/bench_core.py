"""How fast the headless core is on a big process: loading, checking and saving.

Why this exists: the editor re-runs every check after every edit, and a drag must stay smooth, so
the check that follows moving one node (the common edit) has to fit in one frame (16 ms at 60 Hz).
Loading and saving a big file should not make a person wait either. This script measures those
costs on a generated process so that a change that slows them down shows up before a user sees it.

Usage:
    python benchmarks/bench_core.py [--nodes N] [--repeat R]

It generates an N-node process (flowedit.model.generate.generate_process), saves it to a temporary
file and reports the median of R runs of:
- load_document:   reading and validating the file;
- full reader:      the same through the full YAML reader, as a file flowedit did not lay out reads;
- yaml.load:        PyYAML's C loader alone, no validation: the floor the reading is held to
                    (issue 13: load_document at most about a tenth of it);
- check (cold):    the first check_document of a freshly loaded document (graph not yet built);
- check (warm):    check_document after doc.move_node on one node (graph reused);
- dumps_document:  turning the document into file text;
- save_document:   writing the file atomically (includes fsync, so it depends on the disk).

Plain time.perf_counter, no extra dependencies, no Qt.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

import yaml

from flowedit.analysis import check_document
from flowedit.io import dumps_document, fast_reader, load_document, save_document
from flowedit.model import Document
from flowedit.model.generate import generate_process

FRAME_BUDGET_MS = 16.0


def _timed(action: Callable[[], object]) -> float:
    """Milliseconds one call of `action` takes; garbage is collected first so it is not billed."""
    gc.collect()
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000.0


def _median(samples: list[float]) -> float:
    return statistics.median(samples)


def bench_load(path: Path, repeat: int) -> list[float]:
    return [_timed(lambda: load_document(path)) for _ in range(repeat)]


def bench_full_reader(path: Path, repeat: int) -> list[float]:
    """load_document with the fast reader turned off (io/fast_reader.py gives up)."""
    with mock.patch.object(fast_reader, "read", return_value=None):
        return [_timed(lambda: load_document(path)) for _ in range(repeat)]


def bench_yaml_floor(path: Path, repeat: int) -> list[float]:
    def load() -> object:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=yaml.CSafeLoader)

    return [_timed(load) for _ in range(repeat)]


def bench_check_cold(path: Path, repeat: int) -> list[float]:
    """A fresh document each time, so the process graph is built inside the timed call."""
    samples = []
    for _ in range(repeat):
        doc = load_document(path)
        samples.append(_timed(lambda doc=doc: check_document(doc)))
    return samples


def bench_check_warm(doc: Document, repeat: int) -> list[float]:
    """The check after the common edit: one node moved, structure unchanged."""
    check_document(doc)  # builds the graph once, as the editor did when the file was opened
    node_id = _middle_node(doc)
    samples = []
    for step in range(repeat):
        node = doc.nodes[node_id]
        doc.move_node(node_id, node.x + (1.0 if step % 2 == 0 else -1.0), node.y)
        samples.append(_timed(lambda: check_document(doc)))
    return samples


def _middle_node(doc: Document) -> str:
    ids = list(doc.nodes)
    return ids[len(ids) // 2]


def bench_dumps(doc: Document, repeat: int) -> list[float]:
    return [_timed(lambda: dumps_document(doc)) for _ in range(repeat)]


def bench_save(doc: Document, path: Path, repeat: int) -> list[float]:
    return [_timed(lambda: save_document(doc, path)) for _ in range(repeat)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000,
                        help="size of the generated process (default 5000)")
    parser.add_argument("--repeat", type=int, default=7,
                        help="runs per measurement; the median is reported (default 7)")
    args = parser.parse_args(argv)
    if args.nodes < 4:
        parser.error("--nodes must be at least 4")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    started = time.perf_counter()
    doc = generate_process(args.nodes)
    generated_ms = (time.perf_counter() - started) * 1000.0

    with tempfile.TemporaryDirectory(prefix="flowedit-bench-") as folder:
        path = Path(folder) / "process.yaml"
        save_document(doc, path)
        file_bytes = path.stat().st_size
        loaded = load_document(path)
        if loaded != doc:
            print("error: the saved file does not load back as the same document",
                  file=sys.stderr)
            return 1
        results = [
            ("load_document", bench_load(path, args.repeat)),
            ("load_document, full reader", bench_full_reader(path, args.repeat)),
            ("yaml.load(CSafeLoader), the floor", bench_yaml_floor(path, args.repeat)),
            ("check_document (cold)", bench_check_cold(path, args.repeat)),
            ("check_document (warm, after move_node)", bench_check_warm(loaded, args.repeat)),
            ("dumps_document", bench_dumps(doc, args.repeat)),
            ("save_document", bench_save(doc, Path(folder) / "saved.yaml", args.repeat)),
        ]

    problems = check_document(doc)
    print(f"flowedit core benchmark: {len(doc.nodes):,} nodes, {len(doc.edges):,} edges, "
          f"{len(doc.lanes)} lanes; file {file_bytes / 1024:,.0f} KiB; "
          f"{len(problems)} problems found; median of {args.repeat} runs")
    print(f"(generating the process took {generated_ms:,.0f} ms, not part of the table)")
    print()
    width = max(len(name) for name, _ in results)
    print(f"{'operation':<{width}}  {'median ms':>10}  {'min ms':>9}  {'max ms':>9}")
    print(f"{'-' * width}  {'-' * 10}  {'-' * 9}  {'-' * 9}")
    for name, samples in results:
        print(f"{name:<{width}}  {_median(samples):>10.2f}  {min(samples):>9.2f}  "
              f"{max(samples):>9.2f}")
    print()
    load, floor = _median(results[0][1]), _median(results[2][1])
    print(f"load_document: {load / floor:.2f}× the C YAML loader alone "
          f"(full reader {_median(results[1][1]) / floor:.2f}×)")
    warm = _median(results[4][1])
    verdict = "within" if warm <= FRAME_BUDGET_MS else "OVER"
    print(f"warm check: {warm:.2f} ms of the {FRAME_BUDGET_MS:.0f} ms frame budget "
          f"({warm / FRAME_BUDGET_MS:.0%}): {verdict} budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
