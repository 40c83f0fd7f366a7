"""Zoomed out, a repaint of an unchanged view copies the last drawn frame instead of drawing the
5,000 blocks and lines again (issue 13: a full repaint must fit a frame). Counted, not timed: the
sketch is drawn once per view and scene, and again after anything it shows changed."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from test_sketch import differing_pixels, picture, zoomed_out  # noqa: F401 - the fixture
from ui_helpers import LEFT


def test_an_unchanged_view_draws_the_sketch_once(qtbot, zoomed_out, monkeypatch):  # noqa: F811
    window = zoomed_out
    view = window.editor.view
    drawn: list[int] = []
    paint = view.sketch.paint
    monkeypatch.setattr(view.sketch, "paint", lambda painter: (drawn.append(1), paint(painter)))
    view.viewport().repaint()
    first = len(drawn)
    for _ in range(3):
        view.viewport().repaint()
    assert len(drawn) == first <= 1

    node = window.editor.doc.nodes["s20"]
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.mapFromScene(QPointF(node.x, node.y)))
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # the scene changed: drawn again, and right
    assert "s20" not in window.editor.doc.nodes
    view.viewport().repaint()
    assert len(drawn) == first + 1
    assert differing_pixels(picture(view, True), picture(view, False)) == 0

    qtbot.keyClick(view, Qt.Key.Key_Right)  # scrolled: another view, drawn again
    view.viewport().repaint()
    assert len(drawn) >= first + 2
    assert differing_pixels(picture(view, True), picture(view, False)) == 0
