"""Every field of the Properties panel, driven as a person does: typing into the line edits,
picking combo entries with the keyboard, clicking the check box; each change is one undo step
that Ctrl+Z takes back exactly (issue 10, item 4)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from ui_helpers import at, make_doc, viewport

from flowedit.model import Colour, NodeKind, Outcome

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
E3_MIDDLE = (557, 300)  # the middle of the arrow stage-2 -> end-1


def panel(window) -> QWidget:  # type: ignore[no-untyped-def]
    return window.properties_dock.widget()


def field(window, kind: type, name: str):  # type: ignore[no-untyped-def]
    widget = panel(window).findChild(kind, name)
    assert widget is not None and widget.isVisible(), f"no visible properties field {name!r}"
    return widget


def click_scene(qtbot, window, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, x, y))


def select_shape(qtbot, window, node_id: str) -> None:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    click_scene(qtbot, window, node.x, node.y)
    assert window.editor.scene.selected_ids()[0] == [node_id]


def select_lane(qtbot, window, lane_id: str) -> None:  # type: ignore[no-untyped-def]
    header = window.editor.scene.lane_items[lane_id].header_rect().center()
    click_scene(qtbot, window, header.x(), header.y())
    assert window.editor.scene.selected_ids()[2] == [lane_id]


def type_into(qtbot, line: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Clicks into the field, selects what it holds, types and presses Enter."""
    qtbot.mouseClick(line, LEFT)
    qtbot.keyClick(line, Qt.Key.Key_A, CTRL)
    if text:
        qtbot.keyClicks(line, text)
    else:
        qtbot.keyClick(line, Qt.Key.Key_Delete)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def pick(qtbot, box: QComboBox, key: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """Focuses a combo box and picks an entry with a key (a letter or an arrow)."""
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    qtbot.keyClick(box, key)


def one_undo_step_takes_it_back(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    assert window.editor.stack.count() == 1, [window.editor.stack.text(i) for i in range(
        window.editor.stack.count())]
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert window.editor.doc == make_doc()


# ------------------------------------------------------------------------------ the document
def test_process_title(qtbot, window) -> None:
    click_scene(qtbot, window, 850, 150)  # empty canvas: the document's page
    type_into(qtbot, field(window, QLineEdit, "title"), "Enterprise pipeline")
    assert window.editor.doc.title == "Enterprise pipeline"
    one_undo_step_takes_it_back(qtbot, window)


# ------------------------------------------------------------------------------ shapes
def test_name(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    type_into(qtbot, field(window, QLineEdit, "name"), "Demo call")
    assert window.editor.doc.nodes["stage-2"].name == "Demo call"
    one_undo_step_takes_it_back(qtbot, window)


def test_kind(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-3")
    pick(qtbot, field(window, QComboBox, "kind"), Qt.Key.Key_D)
    assert window.editor.doc.nodes["stage-3"].kind is NodeKind.DECISION
    one_undo_step_takes_it_back(qtbot, window)


def test_lane(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    pick(qtbot, field(window, QComboBox, "lane"), Qt.Key.Key_Down)  # AE -> Ops
    node = window.editor.doc.nodes["stage-2"]
    assert node.lane == "lane-c" and 400 < node.y < 600  # moved into the Ops band
    one_undo_step_takes_it_back(qtbot, window)


def test_owner(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    type_into(qtbot, field(window, QLineEdit, "owner"), "AE team")
    assert window.editor.doc.nodes["stage-2"].owner == "AE team"
    one_undo_step_takes_it_back(qtbot, window)


def test_an_emptied_owner_is_no_owner(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    owner = field(window, QLineEdit, "owner")
    type_into(qtbot, owner, "AE team")
    type_into(qtbot, owner, "")
    assert window.editor.doc.nodes["stage-2"].owner is None
    assert window.editor.stack.count() == 2
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    assert window.editor.doc.nodes["stage-2"].owner == "AE team"


def test_description_commits_when_leaving_the_field(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    description = field(window, QPlainTextEdit, "description")
    qtbot.mouseClick(description.viewport(), LEFT)
    qtbot.waitUntil(description.hasFocus, timeout=2000)
    qtbot.keyClicks(description, "Show the product")
    assert window.editor.stack.count() == 0  # nothing is committed while typing
    qtbot.keyClick(description, Qt.Key.Key_Tab)  # on to the next field
    qtbot.waitUntil(lambda: not description.hasFocus(), timeout=2000)
    assert window.editor.doc.nodes["stage-2"].description == "Show the product"
    one_undo_step_takes_it_back(qtbot, window)


def test_duration(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    type_into(qtbot, field(window, QLineEdit, "duration"), "2,5")
    assert window.editor.doc.nodes["stage-2"].duration_days == 2.5
    one_undo_step_takes_it_back(qtbot, window)


def test_outcome(qtbot, window) -> None:
    select_shape(qtbot, window, "end-1")
    outcome = field(window, QComboBox, "outcome")
    assert outcome.isEnabled()
    pick(qtbot, outcome, Qt.Key.Key_Down)  # Won -> Lost
    assert window.editor.doc.nodes["end-1"].outcome is Outcome.LOST
    one_undo_step_takes_it_back(qtbot, window)


def test_outcome_as_a_milestone_on_a_stage(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    pick(qtbot, field(window, QComboBox, "outcome"), Qt.Key.Key_W)  # Won
    assert window.editor.doc.nodes["stage-2"].outcome is Outcome.WON
    one_undo_step_takes_it_back(qtbot, window)


def test_outcome_is_greyed_out_for_a_start(qtbot, window) -> None:
    select_shape(qtbot, window, "start-1")
    assert not field(window, QComboBox, "outcome").isEnabled()


def test_colour(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    pick(qtbot, field(window, QComboBox, "colour"), Qt.Key.Key_P)  # Purple
    assert window.editor.doc.nodes["stage-2"].color is Colour.PURPLE
    one_undo_step_takes_it_back(qtbot, window)


def test_bold(qtbot, window) -> None:
    select_shape(qtbot, window, "stage-2")
    bold = field(window, QCheckBox, "bold")
    assert not bold.isChecked()  # a stage's name is not bold by default
    qtbot.mouseClick(bold, LEFT, pos=QPoint(8, bold.height() // 2))
    assert window.editor.doc.nodes["stage-2"].bold is True
    assert bold.isChecked()
    one_undo_step_takes_it_back(qtbot, window)


# ------------------------------------------------------------------------------ arrows
def test_arrow_label(qtbot, window) -> None:
    click_scene(qtbot, window, *E3_MIDDLE)
    assert window.editor.scene.selected_ids() == ([], ["e3"], [])
    type_into(qtbot, field(window, QLineEdit, "label"), "Signed")
    assert window.editor.doc.edges["e3"].label == "Signed"
    one_undo_step_takes_it_back(qtbot, window)


def test_arrow_probability(qtbot, window) -> None:
    click_scene(qtbot, window, *E3_MIDDLE)
    type_into(qtbot, field(window, QLineEdit, "probability"), "0.35")
    assert window.editor.doc.edges["e3"].probability == pytest.approx(0.35)
    one_undo_step_takes_it_back(qtbot, window)


# ------------------------------------------------------------------------------ lanes
def test_lane_name(qtbot, window) -> None:
    select_lane(qtbot, window, "lane-b")
    type_into(qtbot, field(window, QLineEdit, "laneName"), "Account executives")
    assert window.editor.doc.lane("lane-b").name == "Account executives"
    one_undo_step_takes_it_back(qtbot, window)


def test_lane_height_carries_the_lanes_below(qtbot, window) -> None:
    select_lane(qtbot, window, "lane-b")
    type_into(qtbot, field(window, QLineEdit, "laneHeight"), "260")
    doc = window.editor.doc
    assert doc.lane("lane-b").height == 260
    assert doc.nodes["stage-3"].y == 560  # Ops moved down by 60 with its shape
    one_undo_step_takes_it_back(qtbot, window)


def test_lane_colour(qtbot, window) -> None:
    select_lane(qtbot, window, "lane-a")
    pick(qtbot, field(window, QComboBox, "laneColour"), Qt.Key.Key_T)  # Teal
    assert window.editor.doc.lane("lane-a").color is Colour.TEAL
    one_undo_step_takes_it_back(qtbot, window)
