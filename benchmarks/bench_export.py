"""Export speed on a generated process (default 1,000 nodes): PNG, SVG and PDF through the one
rendering path the editor and `flowedit export` share. Run: python benchmarks/bench_export.py
[--nodes N] [--repeat R]."""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QGuiApplication

from flowedit.model.generate import generate_process
from flowedit.render.export import ExportOptions, render_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts need it
    doc = generate_process(args.nodes)
    print(f"flowedit export benchmark: {len(doc.nodes):,} nodes, {len(doc.edges):,} arrows, "
          f"median of {args.repeat}")
    for fmt, options in (("svg", ExportOptions()), ("png", ExportOptions()),
                         ("pdf", ExportOptions()), ("svg", ExportOptions(metrics=True))):
        times, size = [], 0
        for _ in range(args.repeat):
            began = time.perf_counter()
            size = len(render_bytes(doc, fmt, options))
            times.append((time.perf_counter() - began) * 1000)
        label = fmt.upper() + (" + metrics overlay" if options.metrics else "")
        print(f"{label:24} {statistics.median(times):9.0f} ms   {size / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
