"""The presenter never grows past the screen it is on (issue 16: on a 1024×768 projector it grew to
1240, then 1290 px at decisions, cutting off the branch buttons).

Every shape of every sample is reached by key presses (Right, or the branch's number) and at each
step, and after going back, the window must fit the screen. The walk runs in this
process (offscreen screen 800 px wide) and again in a child pytest at 1024×768 and 800×600, since
Qt's offscreen screen size is fixed when the application starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import deque
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from flowedit.analysis.walk import first_start, outgoing
from flowedit.io import load_document
from flowedit.model import Document, Node, NodeKind
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.presentation import PresentationWindow

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
SCREEN_VARIABLE = "FLOWEDIT_TEST_PRESENT_SCREEN"
if os.environ.get(SCREEN_VARIABLE):  # the child run: a screen described by this JSON file
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={os.environ[SCREEN_VARIABLE]}"


def routes(doc: Document) -> dict[str, list[int]]:
    """For each shape reachable from the start, the branch numbers (0 = the only way) that lead
    to it from the start by the fewest steps."""
    start = first_start(doc)
    assert start is not None
    found = {start: []}
    queue = deque([start])
    while queue:
        node_id = queue.popleft()
        options = outgoing(doc, node_id)
        for number, edge in enumerate(options, start=1):
            if edge.target not in found:
                found[edge.target] = [*found[node_id], number if len(options) > 1 else 0]
                queue.append(edge.target)
    return found


def many_long_branches() -> Document:
    """A decision with nine branches whose labels and targets have long names."""
    doc = Document(title="Long branches")
    doc.add_node(Node("s", NodeKind.START, "Start", x=0, y=0))
    doc.add_node(Node("d", NodeKind.DECISION, "Which of the many possible ways on?", x=200, y=0))
    doc.connect("s", "d")
    for n in range(1, 10):
        doc.add_node(Node(f"t{n}", NodeKind.STAGE,
                          f"Follow-up number {n} with the regional procurement committee",
                          x=400, y=n * 120))
        doc.connect("d", f"t{n}", label=f"Customer answered option {n} after the long review")
    return doc


def documents() -> list[tuple[str, Document]]:
    return [(path.name, load_document(path)) for path in SAMPLES] + [
        ("long branches", many_long_branches())]


def assert_fits(window: PresentationWindow, where: str) -> None:
    QApplication.processEvents()  # the layout's resize requests are posted events
    screen = (window.screen() or QGuiApplication.primaryScreen()).geometry()
    frame = window.frameGeometry()
    assert frame.width() <= screen.width(), f"{where}: {frame.width()} > {screen.width()} px"
    assert frame.height() <= screen.height(), f"{where}: {frame.height()} > {screen.height()} px"
    for button in window.caption_panel.buttons:
        right = button.mapTo(window, button.rect().topRight()).x()
        assert right <= window.width(), f"{where}: button {button.text()!r} cut off"


def test_every_step_fits_the_screen(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)
    if os.environ.get(SCREEN_VARIABLE):
        wanted = json.loads(Path(os.environ[SCREEN_VARIABLE]).read_text())["screens"][0]
        size = QGuiApplication.primaryScreen().size()
        assert (size.width(), size.height()) == (wanted["width"], wanted["height"])
    for name, doc in documents():
        window = PresentationWindow(doc)
        qtbot.addWidget(window)
        window.start()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.hasFocus, timeout=2000)
        for target, route in routes(doc).items():
            qtbot.keyClick(window, Qt.Key.Key_Home)
            for number in route:
                assert_fits(window, f"{name} on the way to {target} at {window.current}")
                qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}") if number
                               else Qt.Key.Key_Right)
            assert window.current == target
            assert_fits(window, f"{name} at {target}")
            if route:
                qtbot.keyClick(window, Qt.Key.Key_Left)
                assert_fits(window, f"{name} back from {target}")
                canvas = window.canvas
                # no offset left over from the step gone back from: the camera is where it
                # is for this shape (centred on it, or on it and its branch targets)
                centre, zoom = canvas.camera_for(window.current)
                assert (canvas.centre, canvas.zoom) == (centre, zoom)
                assert canvas.free_area().contains(canvas.rect_of(window.current))
        window.close()


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (800, 600)])
def test_every_step_fits_a_projector_screen(width: int, height: int, tmp_path: Path) -> None:
    if os.environ.get(SCREEN_VARIABLE):
        pytest.skip("already the child run")
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{
        "name": "projector", "x": 0, "y": 0, "width": width, "height": height,
        "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, SCREEN_VARIABLE: str(config)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-x", __file__,
         "-k", "test_every_step_fits_the_screen"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
