"""Editor speed on a big generated process: start-up to the first painted canvas, and one
mouse-move step of dragging a selected shape (event handling, model update, arrow re-routing
and repaint). Run: python benchmarks/bench_editor.py [--nodes N] [--steps S]."""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from flowedit.io import load_document, save_document
from flowedit.model.generate import generate_process
from flowedit.ui.main_window import MainWindow


def first_paint_ms(path: Path, runs: int) -> tuple[list[float], list[float]]:
    """(reported first-paint times, whole process wall times) of `flowedit FILE`."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", FLOWEDIT_QUIT_AFTER_FIRST_PAINT="1")
    painted, wall = [], []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "flowedit", str(path)], env=env,
                                capture_output=True, text=True, timeout=300, check=True)
        wall.append((time.perf_counter() - start) * 1000)
        painted.append(float(re.search(r"first paint after (\d+)", result.stderr).group(1)))
    return painted, wall


def _mouse(kind: QEvent.Type, viewport, pos: QPointF, button, buttons) -> None:  # type: ignore[no-untyped-def]
    event = QMouseEvent(kind, pos, viewport.mapToGlobal(pos), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def drag_step_ms(path: Path, steps: int, full_repaint: bool) -> list[float]:
    """Per mouse-move step; with `full_repaint` the whole viewport is repainted synchronously
    each step (a pessimistic bound: Qt itself repaints only the region that changed)."""
    app = QApplication.instance() or QApplication([])
    window = MainWindow()
    window.resize(1400, 900)
    window.set_document(load_document(path), path)
    window.show()
    app.processEvents()
    view = window.editor.view
    view.resetTransform()
    node = window.editor.doc.nodes["s20"]
    view.centerOn(node.x, node.y)
    app.processEvents()
    viewport = view.viewport()
    start = QPointF(view.mapFromScene(QPointF(node.x - 20, node.y)))
    left = Qt.MouseButton.LeftButton
    _mouse(QEvent.Type.MouseButtonPress, viewport, start, left, left)
    times = []
    for step in range(1, steps + 1):
        began = time.perf_counter()
        _mouse(QEvent.Type.MouseMove, viewport, start + QPointF(step * 3, step * 2),
               Qt.MouseButton.NoButton, left)
        if full_repaint:
            viewport.repaint()
        app.processEvents()
        times.append((time.perf_counter() - began) * 1000)
    _mouse(QEvent.Type.MouseButtonRelease, viewport, start + QPointF(steps * 3, steps * 2),
           left, Qt.MouseButton.NoButton)
    moved = window.editor.doc.nodes["s20"]
    assert (moved.x, moved.y) != (node.x, node.y), "the drag did not move the shape"
    assert window.editor.stack.count() == 1, "the drag was not exactly one undo step"
    window.editor.stack.setClean()
    window.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.yaml"
        save_document(generate_process(args.nodes), path)
        painted, wall = first_paint_ms(path, args.runs)
        steps = drag_step_ms(path, args.steps, full_repaint=False)
        repainted = drag_step_ms(path, args.steps, full_repaint=True)
    print(f"flowedit editor benchmark: {args.nodes:,} nodes (offscreen)")
    print(f"start to first paint: median {statistics.median(painted):.0f} ms "
          f"(whole process incl. exit: {statistics.median(wall):.0f} ms, {args.runs} runs)")
    for name, times in (("events + model + items", steps),
                        ("same + full viewport repaint", repainted)):
        print(f"drag, one mouse-move step ({name}): median {statistics.median(times):.2f} ms, "
              f"max {max(times):.2f} ms over {len(times)} steps")


if __name__ == "__main__":
    main()
