"""`flowedit FILE` paints the canvas first and does the rest right after (issue 13): one scene is
built, for the file (not first for an empty process); label placement, the checks and the
Outline follow the first paint and end exactly where an unstaged opening puts them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ui_helpers import AT_FIRST_PAINT

from flowedit.analysis import check_document
from flowedit.io import load_document, save_document
from flowedit.model import Document, Edge, Node, NodeKind
from flowedit.ui.app import create_window, show_window
from flowedit.ui.canvas.scene import DiagramScene

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b2b-sales.yaml"


def crowded() -> Document:
    """Labelled arrows close together, so placed labels move away from their usual spot, and
    a stage with no way on, so the checks find something."""
    doc = Document("Crowded")
    doc.add_node(Node("a", NodeKind.START, "Lead", x=0, y=0))
    for index in range(6):
        doc.add_node(Node(f"s{index}", NodeKind.STAGE, f"Stage {index}", x=200, y=index * 60))
        doc.add_edge(Edge(f"e{index}", "a", f"s{index}", label=f"branch {index}"))
    return doc


def start(qtbot, path: Path):  # type: ignore[no-untyped-def]
    window = create_window(str(path))
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.stack.setClean())
    show_window(window)
    return window


def test_opening_a_file_builds_one_scene(qtbot, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "crowded.yaml"
    save_document(crowded(), path)
    built: list[int] = []
    build = DiagramScene._build

    def counted(scene, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(len(scene.doc.nodes))
        return build(scene, *args, **kwargs)

    monkeypatch.setattr(DiagramScene, "_build", counted)
    window = start(qtbot, path)
    assert built == [len(crowded().nodes)]
    assert set(window.editor.scene.node_items) == set(crowded().nodes)


def test_labels_checks_and_outline_follow_the_first_paint(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "crowded.yaml"
    save_document(crowded(), path)
    window = start(qtbot, path)
    qtbot.waitUntil(lambda: not window.editor.starting, timeout=10000)
    editor = window.editor
    full = DiagramScene(load_document(path))  # the labels as an unstaged build places them
    for edge_id, item in editor.scene.edge_items.items():
        assert item.label_rect == full.edge_items[edge_id].label_rect, edge_id
    moved = [e for e, item in editor.scene.edge_items.items()
             if item.label_rect.center() != item.route.label_anchor]
    assert moved  # the placement did move some labels: the comparison above means something
    assert editor.problems == check_document(editor.doc) != []
    assert window.outline_panel.editor is editor
    assert all(window.outline_panel.node_item(node_id) is not None
               for node_id in editor.doc.nodes)




def test_the_first_paint_waits_for_no_graph_or_array_library(tmp_path: Path) -> None:
    """networkx (the checks) and numpy (label placement, the router) load after the first paint
    of a straight-arrow process, not before it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", AT_FIRST_PAINT, str(SAMPLE)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    modules = set(json.loads(result.stdout.strip().splitlines()[-1]))
    assert "flowedit.ui.canvas.scene" in modules
    assert sorted(m for m in modules if m.split(".")[0] in ("networkx", "numpy", "scipy")) == []
