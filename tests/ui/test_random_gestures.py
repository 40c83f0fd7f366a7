"""Random gestures on the real canvas, then undo everything and redo everything with the keys.

A seeded sequence of what a person does — palette clicks and drops, dragging shapes, connecting
from a handle, renaming by double-click and typing, deleting, dragging lane headers, copying and
pasting, an undo now and then — sent as mouse and key events to the window. After every gesture
the document either is unchanged or the undo stack took one more step (no edit escapes undo);
at the end, Ctrl+Z as often as there are steps gives back the original document, and
Ctrl+Shift+Z as often gives back the final one, and the canvas shows exactly the model's shapes,
arrows and lanes each time. test_undo_property.py does the same at the command level.

Size: SEEDS x GESTURES gestures (3 x 30 by default, about 15 s); FLOWEDIT_GESTURE_SEEDS=S and
FLOWEDIT_GESTURES=N for a longer hunt.
"""

from __future__ import annotations

import os
import random
from collections.abc import Callable

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from ui_helpers import at, drag, hover, inline_editor, make_doc, show_origin, viewport

from flowedit.io import dumps_document
from flowedit.model.geometry import lane_bands
from flowedit.ui.canvas.view import PALETTE_MIME

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
KINDS = ("start", "stage", "decision", "end")
#: The part of the scene that is on screen at 100 % (see ui_helpers and the window fixture).
LEFT_X, RIGHT_X, TOP_Y, BOTTOM_Y = 70.0, 860.0, 20.0, 580.0
HEADER_X = 20.0
SEEDS = tuple(range(1, 1 + int(os.environ.get("FLOWEDIT_GESTURE_SEEDS", "3"))))
GESTURES = int(os.environ.get("FLOWEDIT_GESTURES", "30"))


class Gestures:
    """The gestures, each a method taking the random source; they adapt to what is on screen."""

    def __init__(self, qtbot, window, rng: random.Random) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.window = window
        self.rng = rng

    # ------------------------------------------------------------------ helpers
    @property
    def doc(self):  # type: ignore[no-untyped-def]
        return self.window.editor.doc

    def point(self) -> tuple[float, float]:
        return (self.rng.uniform(LEFT_X + 60, RIGHT_X - 60), self.rng.uniform(TOP_Y + 30,
                                                                                BOTTOM_Y - 30))

    def visible_nodes(self) -> list[str]:
        return [node.id for node in self.doc.nodes.values()
                if LEFT_X + 70 <= node.x <= RIGHT_X - 70 and TOP_Y + 40 <= node.y <= BOTTOM_Y - 40]

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
            ) -> None:
        self.focus_canvas()
        self.qtbot.keyClick(self.window.editor.view, key, modifiers)

    def focus_canvas(self) -> None:
        view = self.window.editor.view
        if not view.hasFocus():
            view.setFocus()
            self.qtbot.waitUntil(view.hasFocus, timeout=2000)

    def click(self, x: float, y: float) -> None:
        self.qtbot.mouseClick(viewport(self.window), LEFT, pos=at(self.window, x, y))

    def finish_typing(self) -> None:
        """Names the shape in an open name editor (or cancels it), as a person would."""
        editor = inline_editor(self.window)
        if editor is None:
            return
        if self.rng.random() < 0.7:
            # ASCII only: QTest cannot type other characters.
            self.qtbot.keyClicks(editor, self.rng.choice(["Call", "Demo", "Offer", "Ja"]))
            self.qtbot.keyClick(editor, Qt.Key.Key_Return)
        else:
            self.qtbot.keyClick(editor, Qt.Key.Key_Escape)

    # ------------------------------------------------------------------ gestures
    def palette_click(self) -> None:
        kind = self.rng.choice(KINDS)
        self.qtbot.mouseClick(self.window.palette_panel.buttons[kind], LEFT)
        self.click(*self.point())
        self.finish_typing()

    def palette_drop(self) -> None:
        """What the drag from a palette button delivers to the canvas (QDrag.exec itself blocks
        until the window system ends the drag, which the offscreen platform never does)."""
        mime = QMimeData()
        mime.setData(PALETTE_MIME, self.rng.choice(KINDS).encode())
        target = viewport(self.window)
        pos = QPointF(at(self.window, *self.point()))
        copy = Qt.DropAction.CopyAction
        for event in (QDragEnterEvent(pos.toPoint(), copy, mime, LEFT, Qt.KeyboardModifier(0)),
                      QDragMoveEvent(pos.toPoint(), copy, mime, LEFT, Qt.KeyboardModifier(0)),
                      QDropEvent(pos, copy, mime, LEFT, Qt.KeyboardModifier(0))):
            QApplication.sendEvent(target, event)
        self.finish_typing()

    def drag_shape(self) -> None:
        nodes = self.visible_nodes()
        if nodes:
            node = self.doc.nodes[self.rng.choice(nodes)]
            drag(viewport(self.window), at(self.window, node.x, node.y),
                 at(self.window, *self.point()), steps=self.rng.randint(2, 8))

    def connect(self) -> None:
        nodes = self.visible_nodes()
        if len(nodes) < 2:
            return
        source, target = (self.doc.nodes[n] for n in self.rng.sample(nodes, 2))
        handle = (source.x + source.size[0] / 2, source.y)
        hover(viewport(self.window), at(self.window, source.x, source.y))
        hover(viewport(self.window), at(self.window, *handle))
        drag(viewport(self.window), at(self.window, *handle), at(self.window, target.x, target.y))

    def rename(self) -> None:
        nodes = self.visible_nodes()
        if nodes:
            node = self.doc.nodes[self.rng.choice(nodes)]
            self.qtbot.mouseDClick(viewport(self.window), LEFT, pos=at(self.window, node.x,
                                                                       node.y))
            self.finish_typing()

    def delete(self) -> None:
        nodes = self.visible_nodes()
        if nodes:
            node = self.doc.nodes[self.rng.choice(nodes)]
            self.click(node.x, node.y)
            self.key(Qt.Key.Key_Delete)

    def move_lane(self) -> None:
        bands = [(top, bottom) for top, bottom in lane_bands(self.doc).values()
                 if (top + bottom) / 2 < BOTTOM_Y]
        if len(bands) >= 2:
            (top, bottom), (other_top, other_bottom) = self.rng.sample(bands, 2)
            drag(viewport(self.window), at(self.window, HEADER_X, (top + bottom) / 2),
                 at(self.window, HEADER_X, (other_top + other_bottom) / 2))

    def paste(self) -> None:
        nodes = self.visible_nodes()
        if nodes:
            node = self.doc.nodes[self.rng.choice(nodes)]
            self.click(node.x, node.y)
            self.key(Qt.Key.Key_C, CTRL)
            # The paste lands at the pointer when it is over the canvas (or, when the pointer
            # is elsewhere, offset from the original).
            if self.rng.random() < 0.7:
                self.qtbot.mouseMove(viewport(self.window), at(self.window, *self.point()))
            else:
                self.qtbot.mouseMove(self.window.problems_panel)
            self.key(Qt.Key.Key_V, CTRL)

    def undo(self) -> None:
        self.key(Qt.Key.Key_Z, CTRL)

    def all(self) -> list[tuple[Callable[[], None], int]]:
        """Each gesture with its weight."""
        return [(self.palette_click, 3), (self.palette_drop, 3), (self.drag_shape, 5),
                (self.connect, 4), (self.rename, 3), (self.delete, 2), (self.move_lane, 2),
                (self.paste, 2), (self.undo, 1)]


def canvas_matches_model(window) -> None:  # type: ignore[no-untyped-def]
    """The scene shows exactly the document's shapes, arrows and lanes, where the model puts
    them (items hold no state of their own)."""
    scene, doc = window.editor.scene, window.editor.doc
    assert set(scene.node_items) == set(doc.nodes)
    assert set(scene.edge_items) == set(doc.edges)
    assert set(scene.lane_items) == {lane.id for lane in doc.lanes}
    for node_id, item in scene.node_items.items():
        node = doc.nodes[node_id]
        assert (item.pos().x(), item.pos().y()) == pytest.approx((node.x, node.y)), node_id


@pytest.mark.parametrize("seed", SEEDS)
def test_random_gestures_undo_to_the_original_and_redo_to_the_final_document(
        qtbot, window, seed: int) -> None:
    rng = random.Random(seed)
    gestures = Gestures(qtbot, window, rng)
    stack = window.editor.stack
    original = dumps_document(make_doc())
    assert dumps_document(window.editor.doc) == original
    choices, weights = zip(*gestures.all(), strict=True)
    done: list[str] = []
    for _ in range(GESTURES):
        gesture = rng.choices(choices, weights)[0]
        before, index = dumps_document(window.editor.doc), stack.index()
        gesture()
        if inline_editor(window) is not None:  # a double-click that hit a shape's name
            gestures.finish_typing()
        done.append(gesture.__name__)
        after = dumps_document(window.editor.doc)
        if after != before:
            assert stack.index() != index, f"{done}: the document changed without an undo step"
        show_origin(window)  # a drag near the edge may have scrolled the view
    final = dumps_document(window.editor.doc)
    steps = stack.index()
    print(f"seed {seed}: {steps} undo steps from {len(done)} gestures: {done}")
    assert steps > GESTURES // 4, f"only {steps} of {done} changed anything"
    canvas_matches_model(window)

    for number in range(steps):
        gestures.key(Qt.Key.Key_Z, CTRL)
        assert stack.index() == steps - number - 1
    assert dumps_document(window.editor.doc) == original, done
    canvas_matches_model(window)

    for number in range(steps):
        gestures.key(Qt.Key.Key_Z, CTRL | SHIFT)
        assert stack.index() == number + 1
    assert dumps_document(window.editor.doc) == final, done
    canvas_matches_model(window)
