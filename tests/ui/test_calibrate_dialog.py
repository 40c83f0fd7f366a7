"""File › Calibrate from CRM Export… driven as a person does: the menu, the file, the mapping
dialog (a stage the CRM names differently is mapped by typing), Apply; then one undo step, the
overlay's planned → measured notes, a ghost arrow that one click turns into an arrow, and the
data warnings in the Problems panel."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from ui_helpers import choose_from_menu, viewport

from flowedit.analysis.simulate import simulate
from flowedit.io import load_document
from flowedit.io.crm_table import write_stage_history
from flowedit.model import Measured
from flowedit.render.painting import metrics_badge_rects
from flowedit.render.shapes import node_rect
from flowedit.ui.calibration.dialog import CalibrateDialog
from flowedit.ui.calibration.items import GhostArrowItem

LEFT = Qt.MouseButton.LeftButton
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2c-funnel.yaml"
B2B = SAMPLE.with_name("b2b-sales.yaml")

#: Five deals through samples/b2c-funnel.yaml; the CRM calls the qualification call
#: "Qualif. call". By hand: leaving Qualified? 6 times, 2 to Closing (A, C), 4 to Not qualified
#: (B, C's second time, D, E): 33 % and 67 % against the planned 40 % and 60 %. C goes back from
#: Closing to Prospecting, which the drawing lacks; no deal takes Purchase made? -> Sale lost.
EXPORT = """\
deal_id,stage,entered_at
A,Prospecting,2024-01-01
A,Qualif. call,2024-01-03
A,Closing,2024-01-05
A,After-sales,2024-01-08
A,Customer won,2024-01-15
B,Prospecting,2024-01-02
B,Qualif. call,2024-01-04
B,Not qualified,2024-01-05
C,Prospecting,2024-01-02
C,Qualif. call,2024-01-03
C,Closing,2024-01-04
C,Prospecting,2024-01-06
C,Qualif. call,2024-01-08
C,Not qualified,2024-01-09
D,Prospecting,2024-01-03
D,Qualif. call,2024-01-05
D,Not qualified,2024-01-06
E,Prospecting,2024-01-03
E,Qualif. call,2024-01-04
E,Not qualified,2024-01-06
"""


def open_sample(qtbot, window, dialogs, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "b2c-funnel.yaml"
    shutil.copyfile(SAMPLE, copy)
    dialogs.open_path = str(copy)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert "B2C" in window.editor.doc.title


def open_dialog(qtbot, window, dialogs, tmp_path: Path) -> CalibrateDialog:  # type: ignore[no-untyped-def]
    export = tmp_path / "OpportunityHistory.csv"
    export.write_text(EXPORT, encoding="utf-8")
    dialogs.open_path = str(export)
    choose_from_menu(qtbot, window, "File", "Calibrate from CRM Export…")
    qtbot.waitUntil(lambda: window.findChild(CalibrateDialog) is not None
                    and window.findChild(CalibrateDialog).isVisible(), timeout=3000)
    return window.findChild(CalibrateDialog)


def map_by_typing(qtbot, dialog: CalibrateDialog, crm_stage: str, typed: str) -> None:  # type: ignore[no-untyped-def]
    combo = dialog.combos[crm_stage]
    qtbot.mouseClick(dialog.table.viewport(), LEFT, pos=dialog.table.visualRect(
        dialog.table.model().index(list(dialog.combos).index(crm_stage), 1)).center())
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    qtbot.keyClicks(combo, typed)


def undo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Z on the canvas, once the main window is active again after the dialog."""
    window.activateWindow()
    window.editor.view.setFocus()
    qtbot.waitUntil(window.editor.view.hasFocus, timeout=2000)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def test_the_dialog_shows_columns_and_the_mapping_before_anything_changes(
        qtbot, window, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_sample(qtbot, window, dialogs, tmp_path)
    before = window.editor.stack.count()
    dialog = open_dialog(qtbot, window, dialogs, tmp_path)
    text = " ".join(label.text() for label in dialog.findChildren(type(dialog.unmapped)))
    assert "deal_id (deal)" in text and "stage (stage)" in text and "entered_at (time)" in text
    assert dialog.combos["Prospecting"].currentText() == "Prospecting (prospecting)"
    assert dialog.combos["Not qualified"].currentText() == "Not qualified (not-qualified)"
    assert dialog.unmapped.text() == "Not mapped, left out: Qualif. call (6 rows)"
    assert window.editor.stack.count() == before  # nothing changed yet
    qtbot.mouseClick(dialog.findChildren(type(dialog.apply_button))[1], LEFT)  # Cancel
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert window.editor.stack.count() == before


def test_apply_is_one_undo_step_and_the_overlay_shows_planned_and_measured(
        qtbot, window, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_sample(qtbot, window, dialogs, tmp_path)
    editor = window.editor
    before = editor.stack.count()
    dialog = open_dialog(qtbot, window, dialogs, tmp_path)
    map_by_typing(qtbot, dialog, "Qualif. call", "Qualification")
    assert dialog.combos["Qualif. call"].currentText() == "Qualification call (qualification)"
    assert dialog.unmapped.text() == "Every CRM stage is mapped to a shape."
    qtbot.mouseClick(dialog.apply_button, LEFT)
    qtbot.waitUntil(lambda: editor.stack.count() == before + 1, timeout=3000)

    doc = editor.doc
    assert editor.stack.undoText() == "Calibrate from CRM Export"
    assert doc.edges["e4"].probability == 0.3333 and doc.edges["e5"].probability == 0.6667
    assert doc.edges["e4"].measured == Measured(6, "OpportunityHistory.csv", "2024-01-01",
                                                "2024-01-15")
    # Qualification call stays: A 2, B 1, C 1 and 1 (second time), D 1, E 2 days.
    assert doc.nodes["qualification"].duration_days == 1.33
    assert window.overlay_action.isChecked()
    qtbot.waitUntil(lambda: editor.scene.overlay is not None, timeout=3000)
    assert editor.scene.overlay.edge_notes["e4"] == "planned 40% → measured 33% (n = 6)"
    notes = [item.text for item in editor.calibration_layer.notes]
    assert "planned 60% → measured 67% (n = 6)" in notes

    codes = [p.code for p in editor.problems]
    assert "data-missing-arrow" in codes and "data-unused-arrow" in codes

    undo(qtbot, window)
    assert doc.edges["e4"].probability == 0.4 and doc.edges["e4"].measured is None
    qualification = doc.nodes["qualification"]
    assert qualification.duration_days == 1 and qualification.measured is None


def test_a_click_on_a_ghost_arrow_adds_the_arrow_the_deals_took(
        qtbot, window, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    open_sample(qtbot, window, dialogs, tmp_path)
    editor = window.editor
    dialog = open_dialog(qtbot, window, dialogs, tmp_path)
    map_by_typing(qtbot, dialog, "Qualif. call", "Qualification")
    qtbot.mouseClick(dialog.apply_button, LEFT)
    qtbot.waitUntil(lambda: len(editor.calibration_layer.ghosts) == 1, timeout=3000)
    ghost = editor.calibration_layer.ghosts[0]
    assert isinstance(ghost, GhostArrowItem)
    assert (ghost.source, ghost.target, ghost.text) == ("closing", "prospecting", "1 deal")
    missing = [p for p in editor.problems if p.code == "data-missing-arrow"]
    assert missing[0].message.startswith("1 deal in OpportunityHistory.csv went from 'Closing' "
                                         "to 'Prospecting'")
    count = editor.stack.count()
    view = editor.view
    view.centerOn(ghost.label_rect.center())
    qtbot.mouseClick(viewport(window), LEFT, pos=view.mapFromScene(ghost.label_rect.center()))
    qtbot.waitUntil(lambda: editor.stack.count() == count + 1, timeout=3000)
    assert any(e.source == "closing" and e.target == "prospecting"
               for e in editor.doc.edges.values())
    qtbot.waitUntil(lambda: not editor.calibration_layer.ghosts, timeout=3000)
    assert "data-missing-arrow" not in [p.code for p in editor.problems]
    undo(qtbot, window)
    assert not any(e.source == "closing" and e.target == "prospecting"
                   for e in editor.doc.edges.values())
    qtbot.waitUntil(lambda: len(editor.calibration_layer.ghosts) == 1, timeout=3000)


def test_notes_sit_clear_of_shapes_pills_labels_and_each_other(
        qtbot, window, dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The crowded corner of the B2B sample (Qualified? with three measured ways out, beside
    Nurture and Lead disqualified): each note takes a free place, and one pushed away from its
    arrow has a leader line ending on that arrow."""
    changed = load_document(B2B)
    changed.update_edge("e5", probability=0.2)  # Qualified? -> Yes 35 % -> 20 %
    changed.update_edge("e6", probability=0.55)  # Not yet 40 % -> 55 %
    export = tmp_path / "history.csv"
    write_stage_history(export, simulate(changed, 600, seed=7))
    copy = tmp_path / "b2b-sales.yaml"
    shutil.copyfile(B2B, copy)
    dialogs.open_path = str(copy)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    editor = window.editor
    dialogs.open_path = str(export)
    choose_from_menu(qtbot, window, "File", "Calibrate from CRM Export…")
    qtbot.waitUntil(lambda: window.findChild(CalibrateDialog) is not None
                    and window.findChild(CalibrateDialog).isVisible(), timeout=3000)
    qtbot.mouseClick(window.findChild(CalibrateDialog).apply_button, LEFT)
    qtbot.waitUntil(lambda: len(editor.calibration_layer.notes) >= 6, timeout=5000)

    scene, overlay = editor.scene, editor.scene.overlay
    notes = editor.calibration_layer.notes
    assert any(n.text.startswith("planned 35% → measured") for n in notes)
    taken = []
    for node_id, node in editor.doc.nodes.items():
        taken.append(node_rect(node))
        tag = overlay.tags.get(node_id)
        taken += [pill for _, pill, _ in metrics_badge_rects(
            node, overlay.badges.get(node_id, ""), tag and tag[0], tag and tag[1],
            scene.routes_meeting(node_id))]
    taken += [item.label_rect for item in scene.edge_items.values()
              if not item.label_rect.isEmpty()]
    for number, note in enumerate(notes):
        assert not any(note.rect.intersects(rect) for rect in taken), note.text
        assert not any(note.rect.intersects(other.rect) for other in notes[number + 1:])
    # a leader ends on its own arrow
    led = [n for n in notes if n.anchor is not None]
    assert led
    for note in led:
        routes = [item.route.line for item in scene.edge_items.values()]
        assert min(_distance(line, note.anchor) for line in routes) < 0.5


def _distance(line, point) -> float:  # type: ignore[no-untyped-def]
    samples = (line.pointAtPercent(step / 400) for step in range(401))
    return min(((p.x() - point.x()) ** 2 + (p.y() - point.y()) ** 2) ** 0.5 for p in samples)
