"""A lane partly scrolled out of view writes its name in the part still shown: the name is not
cut by the canvas's edge while there is room for it, and it follows the scroll."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from ui_helpers import LANE_A, wheel

CTRL = Qt.KeyboardModifier.ControlModifier


def ink_rows(image: QImage, left: int, right: int, below: int) -> list[int]:
    """Rows of the image above `below` where the header column holds dark (text) pixels."""
    rows = []
    for y in range(min(below, image.height())):
        if any(image.pixelColor(x, y).lightness() < 90 for x in range(left, right)):
            rows.append(y)
    return rows


def test_a_lane_cut_by_the_top_edge_keeps_its_name_in_view(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.editor.view
    viewport = view.viewport()
    for _ in range(3):  # 100 % -> about 170 %: the lanes are taller than the canvas
        qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    item = window.editor.scene.lane_items[LANE_A]
    # the real header near the canvas's left edge (as dragging the scroll bar puts it) ...
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + view.mapFromScene(item.header_rect().topLeft()).x() - 20)
    # ... and the lane's top scrolled out above the canvas by the wheel
    height = item.band.height() * view.zoom()

    def top() -> float:
        return view.mapFromScene(QPointF(0, item.band.top())).y()

    for _ in range(100):  # the wheel up until the lane's top is in view ...
        if top() >= 0:
            break
        wheel(viewport, QPoint(400, 300), 120)
    for _ in range(400):  # ... then small turns down until 40-60 % of the lane is above
        if top() <= -0.4 * height:
            break
        wheel(viewport, QPoint(400, 300), -15)
    assert -0.6 * height <= top() <= -0.4 * height, (top(), height)
    qtbot.wait(50)
    header = item.header_rect()
    left = view.mapFromScene(header.topLeft()).x()
    right = view.mapFromScene(header.topRight()).x()
    bottom = view.mapFromScene(header.bottomLeft()).y()
    assert 0 <= left < right < viewport.width() and 0 < bottom < viewport.height()

    visible = view.mapToScene(viewport.rect()).boundingRect()
    area = item.name_area(visible)
    assert area.top() >= visible.top() and area.bottom() == header.bottom()

    rows = ink_rows(viewport.grab().toImage(), left + 4, right - 4, bottom)
    assert rows, "the lane's name is drawn"
    assert min(rows) > 3, "the name is whole, not cut by the canvas's top edge"
    assert max(rows) < bottom - 3

    # scrolled back down a step, the name moves with the part in view: the header is drawn
    # again (a scroll moves what was drawn; the old place of the name must not stay)
    redrawn: list = []
    window.editor.scene.changed.connect(redrawn.extend)
    wheel(viewport, QPoint(400, 300), 120)
    qtbot.waitUntil(lambda: any(rect.intersects(header) for rect in redrawn), timeout=2000)
    new_bottom = view.mapFromScene(header.bottomLeft()).y()
    again = ink_rows(viewport.grab().toImage(), left + 4, right - 4, new_bottom)
    assert again and max(again) < new_bottom
    middle = (min(again) + max(again)) / 2
    assert abs(middle - max(0, view.mapFromScene(header.topLeft()).y()) / 2
               - new_bottom / 2) < 6
