"""How fast the lead-flow metrics are on a big process.

Why this exists: `flowedit metrics` and the editor compute the expected flow of leads by solving
the process as an absorbing Markov chain with a sparse LU factorization, so that a process of
thousands of stages takes a fraction of a second. A change that slipped in a dense inverse, a
simulation or a quadratic loop would show here first. Goal: under 0.5 s for 5000 nodes.

Usage:
    python benchmarks/bench_metrics.py [--nodes N] [--repeat R] [--leads L]

It generates an N-node process (flowedit.model.generate.generate_process) and reports the median,
min and max of R runs of compute_metrics on it, and the headline figures it found.

Plain time.perf_counter, no extra dependencies, no Qt.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time

from flowedit.analysis.metrics import compute_metrics
from flowedit.model.generate import generate_process

GOAL_MS = 500.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000,
                        help="size of the generated process (default 5000)")
    parser.add_argument("--repeat", type=int, default=7,
                        help="runs; the median is reported (default 7)")
    parser.add_argument("--leads", type=float, default=1000.0,
                        help="leads entering the process (default 1000)")
    args = parser.parse_args(argv)
    if args.nodes < 4:
        parser.error("--nodes must be at least 4")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    doc = generate_process(args.nodes)
    samples = []
    for _ in range(args.repeat):
        gc.collect()
        started = time.perf_counter()
        metrics = compute_metrics(doc, args.leads)
        samples.append((time.perf_counter() - started) * 1000.0)

    median = statistics.median(samples)
    print(f"flowedit metrics benchmark: {len(doc.nodes):,} nodes, {len(doc.edges):,} edges, "
          f"{len(metrics.ends):,} ends; {args.repeat} runs")
    print(f"compute_metrics: median {median:.1f} ms (min {min(samples):.1f}, "
          f"max {max(samples):.1f})")
    print(f"win rate {_figure(metrics.win_rate, '.3g')}, days to win "
          f"{_figure(metrics.days_to_win, ',.2f')}, bottleneck {metrics.bottleneck}, "
          f"biggest leak {metrics.biggest_leak}")
    verdict = "within" if median <= GOAL_MS else "OVER"
    print(f"{median:.1f} ms of the {GOAL_MS:.0f} ms goal ({median / GOAL_MS:.0%}): {verdict} goal")
    return 0


def _figure(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


if __name__ == "__main__":
    sys.exit(main())
