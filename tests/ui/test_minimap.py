"""The minimap, driven by real mouse and wheel events: it shows the whole diagram with the canvas's
visible area marked, follows the canvas as it scrolls and zooms and the diagram as it grows, and
pressing or dragging in it moves the canvas there without touching the process."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from ui_helpers import at, make_doc, move_held, press, release, viewport, wheel

from flowedit.model import Document, Node, NodeKind, editing
from flowedit.ui.panels.minimap import Minimap

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def minimap(qtbot, window) -> Minimap:  # type: ignore[no-untyped-def]
    """A minimap in a window of its own (the main window does not host one yet)."""
    overview = Minimap()
    qtbot.addWidget(overview)
    overview.set_editor(window.editor)
    overview.resize(300, 200)
    overview.show()
    qtbot.waitExposed(overview)
    window.activateWindow()
    return overview


def canvas_area(window) -> QRectF:  # type: ignore[no-untyped-def]
    view = window.editor.view
    return view.mapToScene(view.viewport().rect()).boundingRect()


def canvas_centre(window) -> QPointF:  # type: ignore[no-untyped-def]
    view = window.editor.view
    return view.mapToScene(view.viewport().rect().center())


def close_to(a: QPointF, b: QPointF, tolerance: float) -> bool:
    return abs(a.x() - b.x()) <= tolerance and abs(a.y() - b.y()) <= tolerance


def on_minimap(minimap: Minimap, x: float, y: float) -> bool:
    return minimap.viewport().rect().contains(minimap.mapFromScene(QPointF(x, y)))


def test_it_shows_the_whole_diagram_and_the_canvas_area(qtbot, window, minimap):
    assert minimap.objectName() == "minimap"
    assert minimap.scene() is window.editor.scene
    assert not minimap.isInteractive()
    assert minimap.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert minimap.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    diagram = window.editor.scene.diagram_rect()
    for corner in (diagram.topLeft(), diagram.bottomRight()):
        assert on_minimap(minimap, corner.x(), corner.y())
    assert minimap.transform().m11() < 0.4  # shapes draw as plain blocks at this scale
    assert minimap.shown_area == canvas_area(window)
    # The marked area is drawn: its right edge (the canvas shows the diagram's left part) is blue
    # on the picture.
    image = minimap.grab().toImage()
    area = minimap.mapFromScene(minimap.shown_area).boundingRect()
    ratio = image.width() / minimap.width()
    y = int(area.center().y() * ratio)
    assert 0 < area.right() < minimap.viewport().width() - 3
    edge = [image.pixelColor(int((area.right() + dx) * ratio), y) for dx in range(-2, 3)]
    assert any(c.blue() > c.red() + 100 for c in edge), [c.name() for c in edge]


def test_it_follows_the_canvas_as_it_scrolls_and_zooms(qtbot, window, minimap):
    before = minimap.shown_area
    wheel(viewport(window), at(window, 400, 300), -240)  # scrolls down
    assert canvas_area(window).top() > before.top()
    assert minimap.shown_area == canvas_area(window)

    wheel(viewport(window), at(window, 400, 300), -120, CTRL)  # zooms out
    assert window.editor.view.zoom() < 1
    assert minimap.shown_area == canvas_area(window)
    assert minimap.shown_area.width() > before.width()

    window.resize(1200, 800)  # the canvas gets smaller with its window
    qtbot.waitUntil(lambda: minimap.shown_area == canvas_area(window), timeout=2000)
    window.resize(1400, 900)  # the window remembers its size for the next tests
    qtbot.waitUntil(lambda: minimap.shown_area == canvas_area(window), timeout=2000)


def test_pressing_and_dragging_in_it_pans_the_canvas(qtbot, window, minimap):
    scale = minimap.transform().m11()
    tolerance = 1.5 / scale  # one minimap pixel, in scene units
    press(minimap.viewport(), minimap.mapFromScene(QPointF(700, 300)))
    assert close_to(canvas_centre(window), QPointF(700, 300), tolerance)
    assert minimap.shown_area == canvas_area(window)

    move_held(minimap.viewport(), minimap.mapFromScene(QPointF(500, 450)))
    move_held(minimap.viewport(), minimap.mapFromScene(QPointF(150, 500)))
    assert close_to(canvas_centre(window), QPointF(150, 500), tolerance)
    release(minimap.viewport(), minimap.mapFromScene(QPointF(150, 500)))

    # Moving without the button held does nothing; the process and selection stay as they were.
    minimap_point = minimap.mapFromScene(QPointF(700, 100))
    qtbot.mouseMove(minimap.viewport(), minimap_point)
    assert close_to(canvas_centre(window), QPointF(150, 500), tolerance)
    assert window.editor.scene.selected_ids() == ([], [], [])
    assert window.editor.doc == make_doc()


def test_a_press_on_a_shape_in_it_selects_nothing(qtbot, window, minimap):
    qtbot.mouseClick(minimap.viewport(), Qt.MouseButton.LeftButton,
                     pos=minimap.mapFromScene(QPointF(400, 100)))
    assert window.editor.scene.selected_ids() == ([], [], [])
    assert close_to(canvas_centre(window), QPointF(400, 100), 1.5 / minimap.transform().m11())


def test_it_refits_when_the_diagram_grows(qtbot, window, minimap):
    assert not on_minimap(minimap, 2600, 300)
    window.editor.edit("Add stage",
                       lambda rec: editing.place_node(rec, NodeKind.STAGE, 2600, 300))
    qtbot.waitUntil(lambda: on_minimap(minimap, 2600, 300), timeout=2000)
    assert on_minimap(minimap, 150, 100)  # and still shows the start


def test_one_minimap_follows_the_window_across_documents(qtbot, window, minimap):
    other = Document("Other")
    other.add_node(Node("go", NodeKind.START, "Go", x=3000, y=2000))
    other.add_node(Node("done", NodeKind.END, "Done", x=3400, y=2000))
    other.connect("go", "done")
    window.set_document(other, None)
    minimap.set_editor(window.editor)
    qtbot.wait(20)  # the previous editor is deleted

    assert minimap.scene() is window.editor.scene
    assert on_minimap(minimap, 3000, 2000) and on_minimap(minimap, 3400, 2000)
    press(minimap.viewport(), minimap.mapFromScene(QPointF(3400, 2000)))
    release(minimap.viewport(), minimap.mapFromScene(QPointF(3400, 2000)))
    assert close_to(canvas_centre(window), QPointF(3400, 2000), 1.5 / minimap.transform().m11())
    wheel(viewport(window), at(window, 3400, 2000), -120)
    assert minimap.shown_area == canvas_area(window)

    minimap.set_editor(None)
    assert minimap.scene() is None
