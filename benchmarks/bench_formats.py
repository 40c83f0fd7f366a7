"""How long importing the largest real diagrams of the corpora takes, and exporting a big
generated process to every format.

Why this exists: File › Import and `flowedit convert` should answer at once on the diagrams
people really have; the largest files of ../shared/corpora are the yardstick, and a generated
process of N stages shows that the writers and readers stay linear. Goal: every corpus import
under 0.5 s, and a 2000-stage round trip through each format under 5 s.

Usage:
    python benchmarks/bench_formats.py [--repeat R] [--nodes N]

Plain time.perf_counter, no extra dependencies, no Qt. Skips the corpus part when the corpora
are not beside the repository.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

from flowedit.io.formats import IMPORTS, import_file, sniff_format, write_format
from flowedit.model.generate import generate_process

CORPORA = Path(__file__).resolve().parents[1].parent / "shared" / "corpora"
PATTERNS = ("*.drawio", "*.xml", "*.svg", "*.vsdx", "*.bpmn", "*.mmd", "*.graphml")
IMPORT_GOAL_MS = 500.0
ROUND_TRIP_GOAL_MS = 5000.0


def timed(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000.0)
    return statistics.median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median is reported")
    parser.add_argument("--nodes", type=int, default=2000,
                        help="size of the generated process for the round trips")
    args = parser.parse_args(argv)
    over = 0
    if CORPORA.is_dir():
        files = [p for pattern in PATTERNS for p in CORPORA.rglob(pattern)
                 if sniff_format(p, p.read_bytes()[:4096]) and "error" not in p.parts]
        largest = sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:8]
        print(f"import of the {len(largest)} largest corpus diagrams ({args.repeat} runs each)")
        for path in largest:
            try:
                result = import_file(path)
            except Exception as error:  # a broken-on-purpose file: not timed
                print(f"  {path.name}: not imported ({error})")
                continue
            median = timed(lambda path=path: import_file(path), args.repeat)
            over += median > IMPORT_GOAL_MS
            print(f"  {path.relative_to(CORPORA)} ({path.stat().st_size / 1024:.0f} KiB, "
                  f"{len(result.document.nodes)} shapes): {median:.1f} ms")
    else:
        print(f"corpora not found at {CORPORA}: corpus imports skipped")
    doc = generate_process(args.nodes)
    print(f"round trip of a generated process of {len(doc.nodes):,} shapes")
    for extension in (".drawio", ".vsdx", ".bpmn", ".mmd", ".graphml", ".dot"):
        def trip(extension: str = extension) -> None:
            name, data = write_format(doc, "x" + extension)
            IMPORTS[name](data, name="x" + extension)

        median = timed(trip, max(1, args.repeat // 2))
        over += median > ROUND_TRIP_GOAL_MS
        print(f"  {extension}: {median:.1f} ms")
    print("all within goal" if not over else f"{over} OVER goal")
    return 0


if __name__ == "__main__":
    sys.exit(main())
