"""`flowedit FILE` loads and builds only what its first paint draws (issue 13): the canvas, the
menus and the empty docks. The docks' contents, the bars over the canvas, the recovery offer,
the log and the autosaver follow right after that paint, and whatever a shortcut needs sooner is
built at once. These tests count what is imported before the paint, and prove that each
deferred part arrives (by waiting for it, never for a fixed time)."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import AT_FIRST_PAINT

from flowedit.io import load_document, save_document
from flowedit.io.recovery import RecoveryStore
from flowedit.model import Document, Node, NodeKind
from flowedit.ui.app import create_window, show_window
from flowedit.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b2b-sales.yaml"


#: Modules the first paint does not need: the graph and array libraries, the presenter and the
#: quiz, calibration, the dialogs, the panels in the docks, the metrics, the model's edits, and
#: the libraries of the log file and the recovery store.
NOT_BEFORE_THE_FIRST_PAINT = (
    "networkx", "numpy", "scipy",
    "flowedit.ui.present", "flowedit.ui.calibration", "flowedit.analysis.metrics",
    "flowedit.ui.files.export_dialog", "flowedit.ui.files.import_dialog",
    "flowedit.ui.files.compare", "flowedit.ui.shortcuts_dialog",
    "flowedit.ui.files.recovery_offer", "flowedit.ui.panels.outline",
    "flowedit.ui.panels.funnel", "flowedit.ui.panels.minimap", "flowedit.ui.panels.properties",
    "flowedit.ui.canvas.find_bar", "flowedit.ui.canvas.breadcrumb", "flowedit.model.subprocess",
    "flowedit.model.editing", "flowedit.model.operations", "flowedit.ui.commands",
    "flowedit.ui.canvas.interactions.move", "flowedit.ui.canvas.interactions.connect",
    "flowedit.io.recovery", "logging.handlers", "platformdirs", "socket", "hashlib", "uuid",
    "PySide6.QtSvg",
)
#: How many of flowedit's own modules the first paint may load (90 before the panels, the
#: checks, the edits and the recovery store waited for it; the canvas with its items, the
#: menus, the model and the reader need about 60).
MAX_FLOWEDIT_MODULES = 65


def modules_at_first_paint(tmp_path: Path, path: Path) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", AT_FIRST_PAINT, str(path)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def test_the_first_paint_imports_only_what_it_draws(tmp_path: Path) -> None:
    modules = modules_at_first_paint(tmp_path, SAMPLE)
    assert "flowedit.ui.canvas.scene" in modules  # the report came from the editor's paint
    early = sorted(m for m in modules
                   if any(m == name or m.startswith(name + ".")
                          for name in NOT_BEFORE_THE_FIRST_PAINT))
    assert early == []
    own = sorted(m for m in modules if m.startswith("flowedit"))
    assert len(own) <= MAX_FLOWEDIT_MODULES, own


def process() -> Document:
    doc = Document("Deferred")
    doc.add_node(Node("lead", NodeKind.START, "Lead", x=0, y=0))
    doc.add_node(Node("call", NodeKind.STAGE, "Call", x=200, y=0))  # no way on: a problem
    return doc


def start(qtbot, path: Path) -> MainWindow:  # type: ignore[no-untyped-def]
    """As `flowedit PATH` starts."""
    window = create_window(str(path))
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.stack.setClean())
    show_window(window)
    return window


def test_the_docks_fill_and_the_panels_follow_after_the_first_paint(qtbot, tmp_path) -> None:
    path = tmp_path / "deferred.yaml"
    save_document(process(), path)
    window = start(qtbot, path)
    assert not window.panels_built, "nothing but the canvas before the first paint"
    assert window.outline_dock.widget() is None
    qtbot.waitUntil(lambda: window.panels_built and not window.editor.starting, timeout=10000)
    editor = window.editor
    assert window.palette_dock.widget() is window.palette_panel
    assert window.outline_dock.widget() is window.outline_panel
    assert window.problems_dock.widget() is window.problems_panel
    assert window.history_dock.widget() is window.undo_view
    assert window.minimap_dock.widget() is window.minimap
    assert window.funnel_dock.widget() is window.funnel_panel
    assert window.outline_panel.editor is editor and window.minimap.editor is editor
    assert window.undo_view.stack() is editor.stack
    assert window.properties_holder.current is not None
    assert editor.problems, "the process has a stage with no way on"
    assert window.problems_panel.count() > 0, "the checks' problems reach the Problems panel"
    assert window.outline_panel.node_item("call") is not None


def test_the_log_and_the_autosaver_start_after_the_first_paint(qtbot, tmp_path) -> None:
    path = tmp_path / "deferred.yaml"
    save_document(process(), path)
    window = start(qtbot, path)
    qtbot.waitUntil(lambda: any(isinstance(h, RotatingFileHandler)
                                for h in logging.getLogger("flowedit").handlers), timeout=10000)
    qtbot.waitUntil(lambda: window.autosaver.editor is window.editor, timeout=10000)
    window.editor.view.setFocus()
    qtbot.mouseClick(window.editor.view.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.editor.view.mapFromScene(
                         window.editor.scene.node_items["call"].sceneBoundingRect().center()))
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    assert "call" not in window.editor.doc.nodes
    copies = RecoveryStore().copies()  # the first edit writes the recovery copy at once
    assert [copy.original for copy in copies] == [path]
    assert "call" not in load_document(copies[0].copy_path).nodes


def test_a_shortcut_before_the_panels_arrive_finds_them_built(qtbot, tmp_path,
                                                             monkeypatch) -> None:
    """Ctrl+F pressed while the deferred part has not run yet (held back here, as a slow
    machine might): the find bar is built for it at once, and finds."""
    held: list[object] = []
    monkeypatch.setattr(MainWindow, "_finish", lambda self, editor: held.append(editor))
    path = tmp_path / "deferred.yaml"
    save_document(process(), path)
    window = start(qtbot, path)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: bool(held), timeout=10000)  # the first paint has happened
    assert not window.panels_built and window.editor.starting
    window.editor.view.setFocus()
    qtbot.keyClick(window.editor.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.panels_built
    qtbot.waitUntil(window.find_bar.isVisible, timeout=5000)
    qtbot.keyClicks(QApplication.focusWidget(), "Call")
    qtbot.waitUntil(lambda: window.editor.scene.selected_ids()[0] == ["call"], timeout=5000)
    assert window.minimap.editor is window.editor


def test_the_language_switches_right_after_the_first_paint(qtbot, tmp_path) -> None:
    path = tmp_path / "deferred.yaml"
    save_document(process(), path)
    window = start(qtbot, path)
    try:
        window.change_language("id")  # before the panels exist: they are built for it
        qtbot.waitUntil(lambda: not window.editor.starting, timeout=10000)
        assert window.outline_dock.windowTitle() != "Outline"
        assert window.menuBar().actions()[0].text() != "&File"
        assert window.editor.doc.nodes.keys() == process().nodes.keys()
    finally:
        window.change_language("en")


_COLLECTOR = """
import gc, json, logging, os, sys
from logging.handlers import RotatingFileHandler
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QGraphicsView

class Watch(QObject):
    during = None

    def eventFilter(self, watched, event):
        view = watched.parentWidget() if event.type() == QEvent.Type.Paint else None
        if self.during is None and isinstance(view, QGraphicsView) \\
                and view.viewport() is watched and view.scene() \\
                and len(view.scene().items()) >= 10:
            self.during = gc.isenabled()
            self.timer = QTimer()
            self.timer.timeout.connect(self.check)
            self.timer.start(5)
        return False

    def check(self):
        if any(isinstance(h, RotatingFileHandler) for h in logging.getLogger("flowedit").handlers):
            print("\\n" + json.dumps({"during": self.during, "after": gc.isenabled()}), flush=True)
            os._exit(0)

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
from flowedit.cli.main import main
main([sys.argv[1]])
"""


def test_the_collector_rests_until_the_first_paint_only(tmp_path: Path) -> None:
    """Start-up makes objects that live on: the cyclic garbage collector is off until the first
    paint, and on again once the start is complete."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run([sys.executable, "-c", _COLLECTOR, str(SAMPLE)],
                            capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"during": False, "after": True}


def test_a_file_opened_before_the_deferred_part_still_gets_the_panels_and_the_log(
        qtbot, tmp_path, monkeypatch, dialogs) -> None:  # type: ignore[no-untyped-def]
    """File › Open while the first document's deferred part is held back: the new document
    is shown with its panels, and what waited for the start (the log) comes with it."""
    held: list[object] = []
    monkeypatch.setattr(MainWindow, "_finish", lambda self, editor: held.append(editor))
    path, other = tmp_path / "deferred.yaml", tmp_path / "other.yaml"
    save_document(process(), path)
    second = process()
    second.rename_node("call", "Second call")
    save_document(second, other)
    window = start(qtbot, path)
    qtbot.waitUntil(lambda: bool(held), timeout=10000)
    assert not window.panels_built
    dialogs.open_path = str(other)
    window.editor.view.setFocus()
    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert window.path == other and window.editor.doc.nodes["call"].name == "Second call"
    assert window.panels_built and window.outline_panel.editor is window.editor
    assert window.outline_panel.node_item("call") is not None
    assert any(isinstance(h, RotatingFileHandler) for h in logging.getLogger("flowedit").handlers)
