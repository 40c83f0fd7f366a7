"""The canvas keeps what the user works on in view and readable (issue 10): a new lane and its
name box on screen, lane headers that still work when scrolled sideways, Zoom to Fit that keeps
names readable with an even zoom ladder, Ctrl+Enter that scrolls only as far as needed, and
align commands that line up on the shape selected first. Driven by real mouse and key events."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from ui_helpers import (
    LANE_A,
    LANE_B,
    LANE_C,
    action,
    at,
    drag,
    inline_editor,
    make_doc,
    viewport,
    wheel,
)

from flowedit.io import load_document
from flowedit.model.geometry import node_extent
from flowedit.render import style
from flowedit.render.painting import SKETCH_SCALE
from flowedit.render.shapes import node_rect

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_ALT = CTRL | Qt.KeyboardModifier.AltModifier
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


def in_view(window, scene_rect: QRectF) -> bool:  # type: ignore[no-untyped-def]
    view = window.editor.view
    return view.viewport().rect().contains(view.mapFromScene(scene_rect).boundingRect())


def scroll_values(window) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    view = window.editor.view
    return view.horizontalScrollBar().value(), view.verticalScrollBar().value()


def shown_zoom(window) -> int:  # type: ignore[no-untyped-def]
    """The zoom percentage the status bar shows."""
    return int(window.zoom_label.text().removeprefix("Zoom ").removesuffix("%"))


# ------------------------------------------------------------------------------ 5: a new lane
def new_empty_document(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_N, CTRL)
    assert not window.editor.doc.lanes and not window.editor.doc.nodes
    view = window.editor.view
    qtbot.waitUntil(lambda: view.viewport().width() > 700, timeout=2000)  # laid out
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)


def test_the_first_lane_of_an_empty_file_and_its_name_box_are_in_view(qtbot, window):
    new_empty_document(qtbot, window)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_L, CTRL)  # Lane > Add Lane
    lane_id = window.editor.doc.lanes[0].id
    header = window.editor.scene.lane_items[lane_id].header_rect()
    view = window.editor.view
    assert in_view(window, QRectF(header.left(), header.top(), header.width(), 60))
    box = inline_editor(window)
    assert box is not None and view.viewport().rect().contains(box.geometry())
    qtbot.keyClicks(box, "Marketing")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.editor.doc.lanes[0].name == "Marketing"


def test_typing_the_new_lanes_name_in_the_properties_panel_is_never_lost(qtbot, window):
    new_empty_document(qtbot, window)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_L, CTRL)
    assert inline_editor(window) is not None
    field = window.findChild(QLineEdit, "laneName")
    assert field is not None and field.isVisible()
    qtbot.mouseClick(field, LEFT)  # the rename box loses the focus to the field...
    assert QApplication.focusWidget() is field, "the click into the field keeps the focus"
    assert inline_editor(window) is None
    field.selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "Field sales")  # ...typed where the focus is
    qtbot.mouseClick(viewport(window), LEFT, pos=QPoint(400, 400))  # leaving the field commits
    assert window.editor.doc.lanes[0].name == "Field sales"


# ------------------------------------------------------------------------------ 6: pinned headers
def scroll_sideways(window, y: float = 300) -> QWidget:  # type: ignore[no-untyped-def]
    """100 % with the lane headers (x 0-40) scrolled out on the left; the pinned strip."""
    view = window.editor.view
    view.resetTransform()
    view.centerOn(QPointF(1100, y))
    QApplication.processEvents()
    strip = view.findChild(QWidget, "pinnedLaneHeaders")
    assert strip is not None and strip.isVisible()
    return strip


def on_strip(window, strip: QWidget, scene_y: float) -> QPoint:  # type: ignore[no-untyped-def]
    """The point of the pinned strip at the height of scene y."""
    view = window.editor.view
    return QPoint(strip.width() // 2, view.mapFromScene(QPointF(0, scene_y)).y())


def test_clicking_the_pinned_header_selects_the_lane(qtbot, window):
    strip = scroll_sideways(window)
    qtbot.mouseClick(strip, LEFT, pos=on_strip(window, strip, 300))
    assert window.editor.scene.selected_ids() == ([], [], [LANE_B])


def test_double_clicking_the_pinned_header_renames_the_lane_in_view(qtbot, window):
    strip = scroll_sideways(window)
    before = scroll_values(window)
    qtbot.mouseDClick(strip, LEFT, pos=on_strip(window, strip, 300))
    box = inline_editor(window)
    assert box is not None and window.editor.view.viewport().rect().contains(box.geometry())
    assert scroll_values(window) == before, "renaming does not scroll the canvas away"
    qtbot.keyClick(box, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(box, "Account executives")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.editor.doc.lane(LANE_B).name == "Account executives"


def test_dragging_the_pinned_header_reorders_and_its_border_resizes(qtbot, window):
    strip = scroll_sideways(window)
    drag(strip, on_strip(window, strip, 100), on_strip(window, strip, 560))
    assert [lane.id for lane in window.editor.doc.lanes] == [LANE_B, LANE_C, LANE_A]
    assert window.editor.doc.nodes["start-1"].y == 500, "the lane's shapes move with it"
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert window.editor.doc == make_doc()
    drag(strip, on_strip(window, strip, 200), on_strip(window, strip, 260))
    assert window.editor.doc.lane(LANE_A).height == pytest.approx(260, abs=2)


def test_the_pinned_header_covers_no_content(qtbot, window):
    strip = scroll_sideways(window)
    canvas = viewport(window).geometry()
    assert not strip.geometry().intersects(canvas), "beside the canvas, never over it"
    view = window.editor.view
    view.centerOn(QPointF(400, 300))  # the real headers are back: the strip goes
    QApplication.processEvents()
    assert not strip.isVisible()
    assert viewport(window).geometry().left() <= view.frameWidth(), "its room is given back"


def test_the_pinned_names_stay_readable_whatever_the_vertical_scroll(qtbot, window):
    window.editor.scene.select_only(lane_ids=[LANE_A])
    field = window.findChild(QLineEdit, "laneHeight")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "3000")  # lane A's name sits at y 1500, far below the screen
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.editor.doc.lane(LANE_A).height == 3000
    strip = scroll_sideways(window, y=300)
    image = strip.grab().toImage()
    ink = [y for y in range(image.height()) for x in range(image.width())
           if QColor(image.pixel(x, y)).lightness() < 90]
    assert ink, "the name of the lane in view is drawn in the part of it in view"


# ------------------------------------------------------------------------------ 7: zoom
def open_sample(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.set_document(load_document(SAMPLE), None)
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)


def test_zoom_to_fit_on_the_b2b_sample_keeps_names_readable(qtbot, window):
    open_sample(qtbot, window)
    view = window.editor.view
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)  # Zoom to Fit
    assert view.zoom() >= 0.5 and shown_zoom(window) >= 50
    doc = window.editor.doc
    start = next(n for n in doc.nodes.values() if n.kind.value == "start")
    assert in_view(window, node_rect(start)), "the process's start is in view"
    # Drawn in full (light fill, name inside), not as a plain block of its border colour.
    stage = next(n for n in doc.nodes.values() if n.kind.value == "stage" and in_view(
        window, node_rect(n)))
    assert drawn_in_full(window, stage.id), "the shape is drawn with its text, not as a block"
    before = shown_zoom(window)
    qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
    assert shown_zoom(window) > before, "the first Zoom In after Fit zooms in"


def test_zoom_in_and_out_walk_an_even_ladder(qtbot, window):
    view = window.editor.view
    for _ in range(30):  # down to the smallest step
        qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    shown = [shown_zoom(window)]
    for _ in range(30):
        qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
        shown.append(shown_zoom(window))
    steps = sorted(set(shown))
    assert steps == shown[:len(steps)], "every Zoom In goes up until the largest step"
    assert steps[0] <= 10 and steps[-1] >= 400
    assert all(b / a <= 1.5 for a, b in pairwise(steps)), steps
    for level in (0.328, 0.5, 1.0 / 1.2 ** 6):  # a zoom just below a step, on one, between
        view.resetTransform()
        view.scale(level, level)
        first = round(level * 100)
        qtbot.keyClick(view, Qt.Key.Key_Plus, CTRL)
        assert shown_zoom(window) > first
        view.resetTransform()
        view.scale(level, level)
        qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
        assert shown_zoom(window) < first


def test_shapes_keep_their_text_until_it_would_be_under_5_px(qtbot, window):
    view = window.editor.view
    while shown_zoom(window) > 33:
        qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.zoom() < SKETCH_SCALE, "at 33 % a 10 pt name is 4.4 px: plain blocks"
    assert not drawn_in_full(window, "stage-1")
    wheel(viewport(window), at(window, 400, 100), 120, CTRL)  # 33 % x 1.2 = 40 %: 5.3 px
    assert drawn_in_full(window, "stage-1")


def drawn_in_full(window, node_id: str) -> bool:  # type: ignore[no-untyped-def]
    """A shape drawn in full has a light fill; simplified, it is a block of its border colour."""
    view = window.editor.view
    node = window.editor.doc.nodes[node_id]
    point = view.mapFromScene(QPointF(node.x, node_rect(node).top() + 6))
    return QColor(view.viewport().grab().toImage().pixel(point)).lightness() > 180


# ------------------------------------------------------------------------------ 11: Ctrl+Enter
def click_shape(qtbot, window, node_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    qtbot.mouseClick(viewport(window), LEFT, modifier, at(window, node.x, node.y))


def test_ctrl_enter_does_not_move_the_view_when_the_new_stage_is_in_view(qtbot, window):
    click_shape(qtbot, window, "stage-2")
    before = scroll_values(window)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Return, CTRL)
    new = [n for n in window.editor.doc.nodes.values() if n.id not in make_doc().nodes]
    assert len(new) == 1 and in_view(window, node_rect(new[0]))
    assert scroll_values(window) == before


def test_ctrl_enter_scrolls_only_as_far_as_needed(qtbot, window):
    view = window.editor.view
    view.centerOn(QPointF(view.mapToScene(view.viewport().rect().center()).x() - 300, 300))
    QApplication.processEvents()
    click_shape(qtbot, window, "stage-2")  # near the right edge: its new stage is off screen
    assert not in_view(window, QRectF(560, 260, 120, 80))
    _, vertical = scroll_values(window)
    qtbot.keyClick(view, Qt.Key.Key_Return, CTRL)
    new = next(n for n in window.editor.doc.nodes.values() if n.id not in make_doc().nodes)
    assert in_view(window, node_rect(new))
    assert in_view(window, node_rect(window.editor.doc.nodes["stage-2"]))
    assert scroll_values(window)[1] == vertical, "no vertical jump to centre the new stage"
    box = inline_editor(window)
    assert box is not None and view.viewport().rect().contains(box.geometry())


# ------------------------------------------------------------------------------ 12: align
ALIGN_KEYS = {"left": Qt.Key.Key_L, "center": Qt.Key.Key_C, "right": Qt.Key.Key_R,
              "top": Qt.Key.Key_T, "middle": Qt.Key.Key_M, "bottom": Qt.Key.Key_B}


def edge_of(window, node_id: str, how: str) -> float:  # type: ignore[no-untyped-def]
    left, top, right, bottom = node_extent(window.editor.doc.nodes[node_id])
    return {"left": left, "center": (left + right) / 2, "right": right, "top": top,
            "middle": (top + bottom) / 2, "bottom": bottom}[how]


@pytest.mark.parametrize("how", list(ALIGN_KEYS))
def test_align_lines_up_on_the_shape_selected_first(qtbot, window, how):
    # Won (700, 300) is selected first, Lead in (150, 100) second: Won is the anchor although
    # it comes later in the document and lies lower and further right.
    click_shape(qtbot, window, "end-1")
    click_shape(qtbot, window, "start-1", CTRL)
    anchor_edge = edge_of(window, "end-1", how)
    anchor = window.editor.doc.nodes["end-1"]
    qtbot.keyClick(window.editor.view, ALIGN_KEYS[how], CTRL_ALT)
    assert window.editor.doc.nodes["end-1"] == anchor, "the anchor stays put"
    assert edge_of(window, "start-1", how) == pytest.approx(anchor_edge)


def test_the_anchor_is_shown_with_a_solid_outline(qtbot, window):
    click_shape(qtbot, window, "stage-2")
    click_shape(qtbot, window, "stage-1", CTRL)
    image = viewport(window).grab().toImage()

    def outline_share(node_id: str) -> float:
        rect = node_rect(window.editor.doc.nodes[node_id]).adjusted(-4, -4, 4, 4)
        view = window.editor.view
        y = view.mapFromScene(QPointF(0, rect.top())).y()
        xs = range(view.mapFromScene(rect.topLeft()).x() + 8,
                   view.mapFromScene(rect.topRight()).x() - 8)
        blue = [x for x in xs if _near(QColor(image.pixel(x, y)), style.SELECTION)]
        return len(blue) / len(xs)

    assert outline_share("stage-2") > 0.9, "the anchor's outline is solid"
    assert outline_share("stage-1") < 0.8, "the others' is dashed"
    assert action(window, "Align Middle").isEnabled()


def _near(colour: QColor, target: QColor) -> bool:
    return (abs(colour.red() - target.red()) < 40 and abs(colour.green() - target.green()) < 40
            and abs(colour.blue() - target.blue()) < 40)

