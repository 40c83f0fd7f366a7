"""Helpers for the editor's UI tests: the small, known test document, and functions that drive
the canvas with real mouse and wheel events at scene positions.

The document (all lanes 200 px tall, so bands are A 0-200, B 200-400, C 400-600):

    lane A "Sales":  start-1 "Lead in" (150,100)  -e1->  stage-1 "Qualify" (400,100)
    lane B "AE":     stage-2 "Demo" (400,300)      -e3->  end-1 "Won" (700,300)
    lane C "Ops":    stage-3 "Onboard" (150,500)
    e2: stage-1 -> stage-2   e4: stage-1 -> stage-3   e5: stage-3 -> end-1

Every stage is reachable at the start, so an 'unreachable' problem only appears after an edit.
The view is at 100 % with scene (-60, -40) at the viewport's top-left corner.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from flowedit.model import Document, Lane, Node, NodeKind, Outcome
from flowedit.ui.main_window import MainWindow

# The window remembers recent files in QSettings: tests/conftest.py gives every test its own
# settings folder.

LANE_A, LANE_B, LANE_C = "lane-a", "lane-b", "lane-c"
#: Scene point shown at the viewport's top-left corner.
ORIGIN = QPointF(-60, -40)
LEFT = Qt.MouseButton.LeftButton
NO_BUTTON = Qt.MouseButton.NoButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def make_doc() -> Document:
    """A fresh copy of the test document (call twice to get an equal, independent copy)."""
    doc = Document("Test sales process")
    doc.add_lane(Lane(LANE_A, "Sales", 200.0))
    doc.add_lane(Lane(LANE_B, "AE", 200.0))
    doc.add_lane(Lane(LANE_C, "Ops", 200.0))
    doc.add_node(Node("start-1", NodeKind.START, "Lead in", x=150, y=100, lane=LANE_A))
    doc.add_node(Node("stage-1", NodeKind.STAGE, "Qualify", x=400, y=100, lane=LANE_A))
    doc.add_node(Node("stage-2", NodeKind.STAGE, "Demo", x=400, y=300, lane=LANE_B))
    doc.add_node(Node("end-1", NodeKind.END, "Won", x=700, y=300, lane=LANE_B,
                      outcome=Outcome.WON))
    doc.add_node(Node("stage-3", NodeKind.STAGE, "Onboard", x=150, y=500, lane=LANE_C))
    doc.connect("start-1", "stage-1", edge_id="e1")
    doc.connect("stage-1", "stage-2", edge_id="e2")
    doc.connect("stage-2", "end-1", edge_id="e3")
    doc.connect("stage-1", "stage-3", edge_id="e4")
    doc.connect("stage-3", "end-1", edge_id="e5")
    return doc


def show_origin(window: MainWindow) -> None:
    """100 % zoom with ORIGIN at the viewport's top-left corner."""
    view = window.editor.view
    view.resetTransform()
    size = view.viewport().size()
    view.centerOn(QPointF(ORIGIN.x() + size.width() / 2, ORIGIN.y() + size.height() / 2))
    QApplication.processEvents()


# ------------------------------------------------------------------------------ coordinates
def at(window: MainWindow, x: float, y: float) -> QPoint:
    """Viewport coordinates of the scene point (x, y)."""
    return window.editor.view.mapFromScene(QPointF(x, y))


def viewport(window: MainWindow) -> QWidget:
    return window.editor.view.viewport()


# ------------------------------------------------------------------------------ mouse
def send_mouse(widget: QWidget, kind: QEvent.Type, pos: QPoint,
               button: Qt.MouseButton = NO_BUTTON, buttons: Qt.MouseButton = NO_BUTTON,
               modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons,
                        modifiers)
    QApplication.sendEvent(widget, event)


def hover(widget: QWidget, pos: QPoint, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """The pointer moves to `pos` with no button held (shapes show their handles)."""
    send_mouse(widget, QEvent.Type.MouseMove, pos, modifiers=modifiers)


def press(widget: QWidget, pos: QPoint, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonPress, pos, LEFT, LEFT, modifiers)


def move_held(widget: QWidget, pos: QPoint,
              modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """A move with the left button held (qtbot.mouseMove carries no buttons)."""
    send_mouse(widget, QEvent.Type.MouseMove, pos, NO_BUTTON, LEFT, modifiers)


def release(widget: QWidget, pos: QPoint, modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    send_mouse(widget, QEvent.Type.MouseButtonRelease, pos, LEFT, NO_BUTTON, modifiers)


def drag(widget: QWidget, start: QPoint, end: QPoint,
         modifiers: Qt.KeyboardModifier = NO_MODIFIER, steps: int = 6) -> None:
    """Press at `start`, several moves with the button held, release at `end`."""
    press(widget, start, modifiers)
    for step in range(1, steps + 1):
        point = QPointF(start) + (QPointF(end) - QPointF(start)) * (step / steps)
        move_held(widget, point.toPoint(), modifiers)
    release(widget, end, modifiers)
    QApplication.processEvents()


def wheel(widget: QWidget, pos: QPoint, delta_y: int,
          modifiers: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    event = QWheelEvent(QPointF(pos), QPointF(widget.mapToGlobal(pos)), QPoint(0, 0),
                        QPoint(0, delta_y), NO_BUTTON, modifiers, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


# ------------------------------------------------------------------------------ look-ups
def inline_editor(window: MainWindow) -> QPlainTextEdit | None:
    """The visible in-place text editor over the canvas, if one is open."""
    for child in viewport(window).findChildren(QPlainTextEdit, "inlineTextEditor"):
        if child.isVisible():
            return child
    return None


def action(window: MainWindow, text: str):  # type: ignore[no-untyped-def]
    """The menu action whose text (without '&') is `text`."""
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is None:
            continue
        for item in menu.actions():
            if item.text().replace("&", "") == text:
                return item
    raise AssertionError(f"no menu action {text!r}")


def shown_title(window: MainWindow) -> str:
    """The title as the window system shows it ('[*]' becomes '*' only while modified)."""
    return window.windowTitle().replace("[*]", "*" if window.isWindowModified() else "")


def choose_from_menu(qtbot, window: MainWindow, menu_title: str,  # type: ignore[no-untyped-def]
                     item_text: str) -> None:
    """Opens a menu of the menu bar with a click and clicks one of its items, as a person
    does (a greyed-out item fails the test instead of being clicked in vain)."""
    bar = window.menuBar()
    top = next(item for item in bar.actions() if item.text().replace("&", "") == menu_title)
    qtbot.mouseClick(bar, LEFT, pos=bar.actionGeometry(top).center())
    menu = top.menu()
    qtbot.waitUntil(menu.isVisible, timeout=2000)
    item = next(entry for entry in menu.actions() if entry.text().replace("&", "") == item_text)
    assert item.isEnabled(), f"{menu_title} > {item_text} is greyed out"
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(item).center())
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=2000)


def open_outline(qtbot, window: MainWindow):  # type: ignore[no-untyped-def]
    """An Outline panel in a window of its own next to the main window, which stays the active
    one (its shortcuts work) with the canvas focused."""
    from flowedit.ui.panels.outline import OutlinePanel

    outline = OutlinePanel()
    qtbot.addWidget(outline)
    outline.set_editor(window.editor)
    outline.resize(380, 520)
    outline.show()
    qtbot.waitExposed(outline)
    window.activateWindow()
    window.editor.view.setFocus()
    qtbot.waitUntil(lambda: window.editor.view.hasFocus(), timeout=2000)
    return outline


def page_down_to_the_end(qtbot, window, limit: int = 80) -> int:  # type: ignore[no-untyped-def]
    """Presses Page Down, as a clicker does, until the walk is finished; the presses it took."""
    presses = 0
    while not window.finished:
        assert presses < limit, f"stuck going round: {window.path}"
        qtbot.keyClick(window, Qt.Key.Key_PageDown)
        presses += 1
    return presses


def start_presenter(qtbot, monkeypatch, path):  # type: ignore[no-untyped-def]
    """A presenter on the file at `path`, shown, focused, with animations off."""
    from flowedit.io import load_document
    from flowedit.ui.present import presentation_canvas
    from flowedit.ui.present.presentation import PresentationWindow

    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)
    shown = PresentationWindow(load_document(path))
    qtbot.addWidget(shown)
    shown.start()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(shown.hasFocus, timeout=2000)
    return shown


#: Prints the sorted sys.modules of `flowedit FILE` at the first paint of its canvas with the
#: diagram on it (the rule of benchmarks/floors/first_paint.py), then ends the process.
AT_FIRST_PAINT = """
import json, os, sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QGraphicsView

class Watch(QObject):
    def eventFilter(self, watched, event):
        view = watched.parentWidget() if event.type() == QEvent.Type.Paint else None
        if isinstance(view, QGraphicsView) and view.viewport() is watched and view.scene() \\
                and len(view.scene().items()) >= 10:
            print("\\n" + json.dumps(sorted(sys.modules)), flush=True)
            os._exit(0)
        return False

app = QApplication(sys.argv[:1])
watch = Watch()
app.installEventFilter(watch)
from flowedit.cli.main import main
main([sys.argv[1]])
"""
