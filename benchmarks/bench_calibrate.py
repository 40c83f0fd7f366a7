"""How fast calibration is on a big CRM export, against the fastest CSV reader we could choose.

Why this exists: `flowedit calibrate` must cope with real exports of millions of rows. Goal
(issue 17): calibrating a 1,000,000-row stage history takes at most 2x the time the fastest CSV
reader (pyarrow or polars, when installed) needs just to read the same file, measured in the same
run. pyarrow is a dependency (flowedit reads big exports with it); polars is only measured here.

Usage:
    python benchmarks/bench_calibrate.py [--rows N] [--repeat R] [--keep FILE]

It simulates the B2B sample (flowedit.analysis.simulate, seed 1) until the history has at least N
rows, writes it as CSV to a temporary folder, then reports the best of R runs of: pyarrow's
read_csv, polars' read_csv, flowedit's reader alone, and reader + calibration (the whole job).
Plain time.perf_counter, no Qt. The runs take turns (one of each, R times), so a burst of load
from other programs hits every contender alike; the CPU time of the best run is shown beside its
wall time (the readers use every core, so on a busy machine their wall time grows more than
calibration's, and the ratio looks better than it is: measure when the load is low).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flowedit.analysis.calibrate import calibrate
from flowedit.analysis.simulate import simulate
from flowedit.io import load_document
from flowedit.io.crm_table import read_crm_export, write_stage_history

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO = 2.0


def _timed(action: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of one run."""
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _best(actions: dict[str, Callable[[], object]], repeat: int
          ) -> dict[str, tuple[float, float]]:
    """The fastest of `repeat` runs of each action (wall, CPU), the actions taking turns."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in actions}
    for _ in range(repeat):
        for name, action in actions.items():
            runs[name].append(_timed(action))
    return {name: min(times) for name, times in runs.items()}


def _readers(path: str) -> dict[str, Callable[[], object]]:
    found: dict[str, Callable[[], object]] = {}
    try:
        import pyarrow.csv as pa_csv

        found["pyarrow.csv.read_csv"] = lambda: pa_csv.read_csv(path)
    except ImportError:
        print("pyarrow is not installed: not measured")
    try:
        import polars

        found["polars.read_csv"] = lambda: polars.read_csv(path)
    except ImportError:
        print("polars is not installed: not measured")
    return found


def _load() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on every system
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of history (1e6)")
    parser.add_argument("--repeat", type=int, default=3, help="runs; the best is reported")
    parser.add_argument("--keep", metavar="FILE", help="also keep the simulated CSV here")
    args = parser.parse_args(argv)
    load = _load()
    doc = load_document(ROOT / "samples" / "b2b-sales.yaml")
    leads = max(1, args.rows // 9)  # the B2B sample gives about 9.4 rows per lead
    history = simulate(doc, leads, seed=1)
    while len(history) < args.rows:
        leads = int(leads * args.rows / len(history)) + 1
        history = simulate(doc, leads, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "history.csv")
        write_stage_history(path, history)
        size = os.path.getsize(path)
        if args.keep:
            write_stage_history(args.keep, history)
        print(f"history: {len(history):,} rows of {leads:,} deals, {size / 1e6:.1f} MB CSV")
        export = read_crm_export(path)
        calibrate(doc, export)  # imports and first-touch costs out of the way
        actions = {**_readers(path),
                   "flowedit read_crm_export": lambda: read_crm_export(path),
                   "flowedit calibrate (read done)": lambda: calibrate(doc, export),
                   "flowedit read + calibrate": lambda: calibrate(doc, read_crm_export(path))}
        timings = _best(actions, args.repeat)
    print(f"load average before and after: {load}, {_load()}")
    width = max(map(len, timings))
    for name, (wall, cpu) in timings.items():
        print(f"{name:<{width}}  {wall * 1000:9.1f} ms  (CPU {cpu * 1000:6.1f} ms)")
    results = {name: wall for name, (wall, _) in timings.items()}
    fastest = [results[n] for n in results if not n.startswith("flowedit")]
    if not fastest:
        print("no third-party reader to compare with")
        return 0
    ratio = results["flowedit read + calibrate"] / min(fastest)
    verdict = "within" if ratio <= GOAL_RATIO else "over"
    print(f"ratio to the fastest reader: {ratio:.2f}x ({verdict} the goal of {GOAL_RATIO:g}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
