"""How long importing the largest real diagrams of the corpora takes, and exporting a big
generated process to every format.

Why this exists: File › Import and `flowedit convert` should answer at once on the diagrams
people really have; the largest files of ../shared/corpora are the yardstick, and a generated
process of N stages shows that the writers and readers stay linear. Goal: every corpus import
under 0.5 s, and a 2000-stage round trip through each format under 5 s.

Usage:
    python benchmarks/bench_formats.py [--repeat R] [--nodes N]
    python -m benchmarks.bench_formats --largest   # one JSON line, for `python -m benchmarks`

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

from flowedit.io.errors import FlowFileError
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


def largest_per_format() -> list[Path]:
    """The largest importable corpus file of each format (broken-on-purpose ones left out)."""
    best: dict[str, Path] = {}
    for pattern in PATTERNS:
        for path in CORPORA.rglob(pattern):
            if "error" in path.parts:
                continue
            kind = sniff_format(path, path.read_bytes()[:4096])
            if kind and (kind not in best or path.stat().st_size > best[kind].stat().st_size):
                try:
                    import_file(path)
                except FlowFileError:  # broken on purpose (corpora README)
                    continue
                best[kind] = path
    return [best[kind] for kind in sorted(best)]


def xml_floor(path: Path) -> None:
    """What reading the file costs at the least: its XML parsed (each part of a .vsdx), or its
    text split into lines."""
    import zipfile

    from defusedxml.ElementTree import fromstring

    data = path.read_bytes()
    if data.startswith(b"PK"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.endswith(".xml"):
                    fromstring(archive.read(name))
    elif data.lstrip().startswith(b"<"):
        fromstring(data)
    else:
        data.decode("utf-8").splitlines()


def largest_json(repeat: int) -> str:
    """Import time of the largest corpus file of each format, and its XML floor, as JSON."""
    import json

    rows = []
    for path in largest_per_format():
        result = import_file(path)
        rows.append({"file": str(path.relative_to(CORPORA)), "kib": path.stat().st_size / 1024,
                     "shapes": len(result.document.nodes),
                     "seconds": timed(lambda path=path: import_file(path), repeat) / 1000,
                     "floor": timed(lambda path=path: xml_floor(path), repeat) / 1000})
    return json.dumps(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs; the median is reported")
    parser.add_argument("--nodes", type=int, default=2000,
                        help="size of the generated process for the round trips")
    parser.add_argument("--largest", action="store_true",
                        help="print one JSON line: the largest corpus file of each format")
    args = parser.parse_args(argv)
    if args.largest:
        print(largest_json(args.repeat) if CORPORA.is_dir() else "[]")
        return 0
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
