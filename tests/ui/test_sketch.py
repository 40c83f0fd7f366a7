"""Zoomed out past legible text, the canvas draws its blocks and lines batched (canvas/sketch.py)
instead of one item paint each (issue 13): the picture must be the very same, and follow edits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from ui_helpers import LEFT

from flowedit.model.generate import generate_process
from flowedit.render.painting import SKETCH_SCALE
from flowedit.ui.canvas.items.edge_item import EdgeItem
from flowedit.ui.canvas.items.node_item import NodeItem


@pytest.fixture
def zoomed_out(qtbot, window):  # type: ignore[no-untyped-def]
    window.set_document(generate_process(300), None)
    qtbot.wait(20)
    view = window.editor.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    while view.transform().m11() >= SKETCH_SCALE:
        qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    return window


def picture(view, batched: bool) -> QImage:  # type: ignore[no-untyped-def]
    view.batch_sketch = batched
    try:
        return view.viewport().grab().toImage()
    finally:
        view.batch_sketch = True


def differing_pixels(one: QImage, other: QImage) -> int:
    """Pixels that differ by more than a shade: the lanes' 1-pixel borders, drawn at a third of
    a pixel, come out a few levels (of 255) apart between the two paths; nothing else may."""
    assert one.size() == other.size()
    different = 0
    for y in range(one.height()):
        for x in range(one.width()):
            a, b = one.pixel(x, y), other.pixel(x, y)
            if a != b and max(abs((a >> s & 255) - (b >> s & 255)) for s in (0, 8, 16)) > 8:
                different += 1
    return different


def test_zoomed_out_the_batched_picture_is_the_items_own(zoomed_out):
    view = zoomed_out.editor.view
    assert differing_pixels(picture(view, True), picture(view, False)) == 0


def test_zoomed_out_no_shape_or_arrow_paints_itself(zoomed_out, monkeypatch):
    view = zoomed_out.editor.view
    painted: list[object] = []
    for kind in (NodeItem, EdgeItem):
        original = kind.paint
        monkeypatch.setattr(kind, "paint", lambda self, *args, o=original: (
            painted.append(self), o(self, *args)))
    view.viewport().repaint()
    assert painted == []
    assert view.sketch.batched >= 1


def test_the_batches_follow_an_edit(qtbot, zoomed_out):
    window = zoomed_out
    view = window.editor.view
    view.viewport().repaint()
    batched = view.sketch.batched
    view.viewport().repaint()
    assert view.sketch.batched == batched  # nothing changed: the batches are kept
    node = window.editor.doc.nodes["s20"]
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.mapFromScene(QPointF(node.x, node.y)))
    assert window.editor.scene.selected_ids()[0] == ["s20"]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert "s20" not in window.editor.doc.nodes
    assert differing_pixels(picture(view, True), picture(view, False)) == 0
    assert view.sketch.batched > batched
