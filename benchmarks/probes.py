"""Measurements that must run inside the editor process: a zoomed-out full repaint of the canvas
and the Outline's update after one edit. Run in a subprocess by `python -m benchmarks`, which reads
the one JSON line this prints. Usage: python -m benchmarks.probes (repaint | outline) FILE [RUNS]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from flowedit.io import load_document
from flowedit.ui.main_window import MainWindow


def _open(path: Path) -> tuple[QApplication, MainWindow]:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow()
    window.resize(1400, 900)
    window.set_document(load_document(path), path)
    window.show()
    for _ in range(3):
        app.processEvents()
    return app, window


def repaint(path: Path, runs: int) -> dict[str, object]:
    """The whole diagram in view (zoomed far out), the viewport repainted synchronously."""
    app, window = _open(path)
    view = window.editor.view
    scene = view.scene()
    view.resetTransform()
    view.fitInView(scene.itemsBoundingRect(), Qt.AspectRatioMode.KeepAspectRatio)
    app.processEvents()
    view.viewport().repaint()  # the first frame at a new zoom may fill caches: not counted
    times = []
    for _ in range(max(runs, 5)):
        began = time.perf_counter()
        view.viewport().repaint()
        times.append(time.perf_counter() - began)
    return {"seconds": statistics.median(times), "items": len(scene.items()),
            "zoom": view.transform().m11()}


def _shows(panel: object, text: str) -> bool:
    return bool(panel.findItems(text, Qt.MatchFlag.MatchContains  # type: ignore[attr-defined]
                                | Qt.MatchFlag.MatchRecursive))


def outline(path: Path, runs: int) -> dict[str, object]:
    """One rename through the editor, then the Outline's update that the edit causes (the work
    its debounce timer would start, run at once here); checked to show the new name. The edit's
    own synchronous cost (model, canvas, checks) is reported beside it."""
    app, window = _open(path)
    window.outline_dock.show()
    window.outline_dock.raise_()
    panel = window.outline_panel
    app.processEvents()
    editor = window.editor
    ids = [node_id for node_id in editor.doc.nodes if node_id.startswith("s")]
    times, edits = [], []
    for run in range(max(runs, 3)):
        node_id = ids[len(ids) * (run + 1) // (max(runs, 3) + 1)]
        name = f"Renamed stage {run}"
        began = time.perf_counter()
        editor.set_node_fields(node_id, "Rename", name=name)
        edits.append(time.perf_counter() - began)
        # No event processing in between: a slow edit would let the debounce timer fire inside
        # processEvents and hide the rebuild there.
        began = time.perf_counter()
        if hasattr(panel, "refresh"):
            panel.refresh()
        busy = time.perf_counter() - began
        while not _shows(panel, name):  # an outline that updates some other way
            began = time.perf_counter()
            app.processEvents()
            busy += time.perf_counter() - began
            time.sleep(0.002)
        times.append(busy)
        app.processEvents()
    return {"seconds": statistics.median(times), "edit_seconds": statistics.median(edits),
            "items": len(editor.doc.nodes)}


def main() -> None:
    what, path = sys.argv[1], Path(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    result = {"repaint": repaint, "outline": outline}[what](path, runs)
    print(json.dumps(result), flush=True)
    sys.stderr.flush()
    os._exit(0)  # tear-down of thousands of items is not what is measured


if __name__ == "__main__":
    main()
