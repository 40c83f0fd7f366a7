"""What people who draw every day reach for without thinking: clipboard (also between two
windows), align and distribute, keyboard-only walking and drawing, the shortcuts page. Driven by
real key and mouse events; every command is checked to be undoable."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import at, drag, inline_editor, make_doc, show_origin, viewport

from flowedit.io import loads_document
from flowedit.model import NodeKind
from flowedit.model.geometry import node_extent
from flowedit.ui.clipboard import FRAGMENT_MIME
from flowedit.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL_ALT = CTRL | ALT


def key(qtbot, window, k, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, k, modifiers)


def select(window, *node_ids: str) -> None:  # type: ignore[no-untyped-def]
    window.editor.scene.select_only(list(node_ids))


def rubber_band(window, left, top, right, bottom) -> None:  # type: ignore[no-untyped-def]
    drag(viewport(window), at(window, left, top), at(window, right, bottom))


# ------------------------------------------------------------------------------ clipboard
def test_copy_and_paste_between_two_windows_keeps_the_arrows_between_shapes(qtbot, window):
    rubber_band(window, 60, 40, 520, 160)  # start-1 and stage-1 with e1 between them
    assert window.editor.scene.selected_ids()[0] == ["start-1", "stage-1"]
    key(qtbot, window, Qt.Key.Key_C, CTRL)
    mime = QApplication.clipboard().mimeData()
    assert mime.hasFormat(FRAGMENT_MIME) and mime.text().startswith("flowedit: 1")
    assert set(loads_document(mime.text()).nodes) == {"start-1", "stage-1"}

    other = MainWindow()
    qtbot.addWidget(other, before_close_func=lambda w: w.editor.stack.setClean())
    other.resize(1000, 700)
    other.show()
    qtbot.waitExposed(other)
    other.activateWindow()  # shortcuts belong to the active window
    qtbot.waitUntil(other.isActiveWindow, timeout=2000)
    other.editor.view.setFocus()
    qtbot.keyClick(other.editor.view, Qt.Key.Key_V, CTRL)
    pasted = other.editor.doc
    assert sorted(node.name for node in pasted.nodes.values()) == ["Lead in", "Qualify"]
    assert len(pasted.edges) == 1
    edge = next(iter(pasted.edges.values()))
    assert {pasted.nodes[edge.source].name, pasted.nodes[edge.target].name} == {
        "Lead in", "Qualify"}
    assert other.editor.scene.selected_ids()[0] == list(pasted.nodes)
    qtbot.keyClick(other.editor.view, Qt.Key.Key_Z, CTRL)
    assert not pasted.nodes


def test_paste_in_the_same_window_gets_fresh_ids_offset_and_the_same_lane(qtbot, window):
    select(window, "stage-2")
    key(qtbot, window, Qt.Key.Key_C, CTRL)
    qtbot.mouseMove(window.problems_panel)  # the mouse is not over the canvas
    key(qtbot, window, Qt.Key.Key_V, CTRL)
    new_ids = window.editor.scene.selected_ids()[0]
    assert len(new_ids) == 1 and new_ids[0] not in make_doc().nodes
    copy = window.editor.doc.nodes[new_ids[0]]
    original = window.editor.doc.nodes["stage-2"]
    assert (copy.name, copy.lane) == (original.name, original.lane)
    assert (copy.x, copy.y) == (original.x + 30, original.y + 30)


def test_cut_removes_and_paste_brings_back(qtbot, window):
    select(window, "stage-3")
    key(qtbot, window, Qt.Key.Key_X, CTRL)
    assert "stage-3" not in window.editor.doc.nodes
    assert "e4" not in window.editor.doc.edges and "e5" not in window.editor.doc.edges
    key(qtbot, window, Qt.Key.Key_V, CTRL)
    assert "Onboard" in {n.name for n in window.editor.doc.nodes.values()}
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.editor.doc == make_doc()


def test_duplicate_offsets_the_copy_and_undoes_in_one_step(qtbot, window):
    select(window, "stage-1", "stage-2")
    key(qtbot, window, Qt.Key.Key_D, CTRL)
    doc = window.editor.doc
    assert len(doc.nodes) == 7 and len(doc.edges) == 6  # the e2 between them is copied too
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert doc == make_doc()


def test_pasting_broken_clipboard_content_says_why_and_changes_nothing(qtbot, window):
    from PySide6.QtCore import QMimeData

    mime = QMimeData()
    mime.setData(FRAGMENT_MIME, b"flowedit: 1\nnodes: [\n")
    QApplication.clipboard().setMimeData(mime)
    key(qtbot, window, Qt.Key.Key_V, CTRL)
    assert window.editor.doc == make_doc()
    assert "the clipboard" in window.statusBar().currentMessage()


# ------------------------------------------------------------------------------ arranging
def test_align_left_lines_up_left_edges_and_undoes(qtbot, window):
    select(window, "stage-1", "stage-3")
    key(qtbot, window, Qt.Key.Key_L, CTRL_ALT)
    doc = window.editor.doc
    assert node_extent(doc.nodes["stage-3"])[0] == node_extent(doc.nodes["stage-1"])[0]
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert doc == make_doc()


def test_align_middle_and_space_evenly(qtbot, window):
    doc = window.editor.doc
    select(window, "start-1", "stage-1", "end-1")
    key(qtbot, window, Qt.Key.Key_M, CTRL_ALT)
    assert doc.nodes["end-1"].y == doc.nodes["start-1"].y == doc.nodes["stage-1"].y
    window.editor.edit("move", lambda rec: __import__(
        "flowedit.model.editing", fromlist=["x"]).move_nodes(rec, {"stage-1": (250, 100)}))
    key(qtbot, window, Qt.Key.Key_H, CTRL_ALT)
    left = [node_extent(doc.nodes[n]) for n in ("start-1", "stage-1", "end-1")]
    assert abs((left[1][0] - left[0][2]) - (left[2][0] - left[1][2])) < 1e-6


def test_dragging_next_to_a_shape_snaps_to_its_centre_line(qtbot, window):
    # Drag Onboard (150,500) so its centre passes 4 px from Qualify's centre line x=400.
    drag(viewport(window), at(window, 150, 500), at(window, 404, 520))
    assert window.editor.doc.nodes["stage-3"].x == 400
    assert window.editor.view.guides == (None, None), "guides disappear after the drop"


# ------------------------------------------------------------------------------ keyboard only
def test_tab_walks_the_shapes_in_flow_order(qtbot, window):
    key(qtbot, window, Qt.Key.Key_Tab)
    seen = [window.editor.scene.selected_ids()[0][0]]
    for _ in range(4):
        key(qtbot, window, Qt.Key.Key_Tab)
        seen.append(window.editor.scene.selected_ids()[0][0])
    assert seen == ["start-1", "stage-1", "stage-2", "stage-3", "end-1"]
    key(qtbot, window, Qt.Key.Key_Backtab, SHIFT)
    assert window.editor.scene.selected_ids()[0] == ["stage-3"]


def test_alt_arrows_follow_arrows_and_branches(qtbot, window):
    select(window, "start-1")
    key(qtbot, window, Qt.Key.Key_Right, ALT)
    assert window.editor.scene.selected_ids()[0] == ["stage-1"]
    key(qtbot, window, Qt.Key.Key_Right, ALT)
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]
    key(qtbot, window, Qt.Key.Key_Down, ALT)  # the other branch out of Qualify
    assert window.editor.scene.selected_ids()[0] == ["stage-3"]
    key(qtbot, window, Qt.Key.Key_Left, ALT)
    assert window.editor.scene.selected_ids()[0] == ["stage-1"]
    assert window.editor.doc == make_doc(), "walking changes nothing"


def test_keyboard_only_creation_of_a_connected_stage(qtbot, window):
    select(window, "stage-2")
    key(qtbot, window, Qt.Key.Key_Return, CTRL)
    editor_box = inline_editor(window)
    assert editor_box is not None
    qtbot.keyClicks(editor_box, "Contract")
    qtbot.keyClick(editor_box, Qt.Key.Key_Return)
    doc = window.editor.doc
    new = [n for n in doc.nodes.values() if n.name == "Contract"]
    assert len(new) == 1 and new[0].kind is NodeKind.STAGE
    assert new[0].lane == doc.nodes["stage-2"].lane and new[0].x > doc.nodes["stage-2"].x
    assert any(e.source == "stage-2" and e.target == new[0].id for e in doc.edges.values())
    key(qtbot, window, Qt.Key.Key_Delete)
    assert new[0].id not in doc.nodes
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert doc == make_doc()


def test_shift_arrow_nudges_by_one_pixel(qtbot, window):
    select(window, "stage-1")
    key(qtbot, window, Qt.Key.Key_Right, SHIFT)
    assert window.editor.doc.nodes["stage-1"].x == 401


def test_every_menu_command_shows_its_shortcut_and_the_help_page_lists_them(qtbot, window):
    from flowedit.ui.menus import shortcut_rows

    rows = shortcut_rows(window)
    commands = {command: keys for _, command, keys in rows}
    for command in ("Copy", "Paste", "Duplicate", "Find…", "Align Left", "Add Connected Stage",
                    "Present", "Export…", "How To and Shortcuts"):
        assert commands.get(command), f"{command} has no shortcut"
    window.show_shortcuts()
    dialog = window.findChild(__import__("PySide6.QtWidgets", fromlist=["QDialog"]).QDialog,
                              "shortcutsDialog")
    assert dialog is not None and dialog.rows == rows
    dialog.close()
    show_origin(window)


# ------------------------------------------------------------------------------ compare, export
def test_compare_with_an_older_version_tags_the_canvas(qtbot, window, tmp_path, dialogs):
    from flowedit.io import save_document

    old = make_doc()
    old.rename_node("stage-2", "Demo call")
    old.remove_node("stage-3")
    path = tmp_path / "old.yaml"
    save_document(old, path)
    dialogs.open_path = str(path)
    from ui_helpers import choose_from_menu

    choose_from_menu(qtbot, window, "File", "Compare With…")
    scene = window.editor.scene
    assert scene.marks["stage-3"][0] == "New"
    assert scene.marks["stage-2"][0] == "Changed"
    panel = window.findChild(__import__("PySide6.QtWidgets", fromlist=["QWidget"]).QWidget,
                             "comparisonPanel")
    assert "Onboard" in panel.text.toPlainText()
    assert window.editor.doc == make_doc(), "comparing changes nothing"


def test_file_export_writes_the_picture(qtbot, window, tmp_path):
    from flowedit.render.export import ExportOptions
    from flowedit.ui.files.export_dialog import run_export_dialog

    target = tmp_path / "process.svg"
    assert run_export_dialog(window.session, str(target), ExportOptions(metrics=True))
    text = target.read_text(encoding="utf-8")
    assert "Qualify" in text and "50%" in text


# ------------------------------------------------------------------------------ settings
def test_preferences_persist_and_change_snapping(qtbot, window, monkeypatch):
    from flowedit.ui.preferences import Preferences, PreferencesDialog

    def type_25_and_untick_snapping(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.mouseClick(dialog.grid, Qt.MouseButton.LeftButton)
        qtbot.keyClick(dialog.grid, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(dialog.grid, "25")
        dialog.snap.setFocus()
        qtbot.keyClick(dialog.snap, Qt.Key.Key_Space)
        return PreferencesDialog.DialogCode.Accepted

    monkeypatch.setattr(PreferencesDialog, "exec", type_25_and_untick_snapping)
    key(qtbot, window, Qt.Key.Key_Comma, CTRL)  # Edit > Preferences…
    assert (window.editor.grid_size, window.editor.snap) == (25, False)
    assert Preferences.load(window.settings) == Preferences(25, False, "fit")
    drag(viewport(window), at(window, 150, 500), at(window, 163, 507))
    assert (window.editor.doc.nodes["stage-3"].x, window.editor.doc.nodes["stage-3"].y) == (
        163, 507), "with snapping off a shape goes exactly where it is dropped"
    Preferences().save(window.settings)


def test_f5_presents_and_esc_returns_to_the_editor_where_it_was(qtbot, window):
    select(window, "stage-2")
    transform, scroll = window.editor.view.transform(), (
        window.editor.view.horizontalScrollBar().value(),
        window.editor.view.verticalScrollBar().value())
    key(qtbot, window, Qt.Key.Key_F5)
    presentation = window.presentation
    assert presentation is not None and presentation.isVisible()
    assert not window.isVisible()
    qtbot.keyClick(presentation, Qt.Key.Key_Right)
    qtbot.keyClick(presentation, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.isVisible, timeout=3000)
    assert window.presentation is None
    assert window.editor.scene.selected_ids()[0] == ["stage-2"]
    assert window.editor.view.transform() == transform
    assert (window.editor.view.horizontalScrollBar().value(),
            window.editor.view.verticalScrollBar().value()) == scroll
    assert window.editor.doc == make_doc()


# ------------------------------------------------------------------------------ style
def test_colour_and_bold_from_the_properties_panel_are_kept_in_the_file(qtbot, window, tmp_path):
    from PySide6.QtWidgets import QCheckBox, QComboBox

    from flowedit.io import load_document, save_document
    from flowedit.model import Colour

    select(window, "stage-1")
    colour = window.findChild(QComboBox, "colour")
    colour.setFocus()
    qtbot.keyClicks(colour, "Pu")  # types the start of "Purple", as keyboard users choose
    bold = window.findChild(QCheckBox, "bold")
    bold.setFocus()  # the panel may be scrolled so that the box is out of sight: the keyboard
    qtbot.keyClick(bold, Qt.Key.Key_Space)
    node = window.editor.doc.nodes["stage-1"]
    assert (node.color, node.bold) == (Colour.PURPLE, True)
    path = tmp_path / "styled.yaml"
    save_document(window.editor.doc, path)
    assert "color: purple" in path.read_text(encoding="utf-8")
    assert load_document(path) == window.editor.doc
    from flowedit.render.export import render_bytes

    assert b"#6a1b9a" in render_bytes(window.editor.doc, "svg").lower()
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    key(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.editor.doc == make_doc()


def test_file_export_asks_how_then_where(qtbot, window, tmp_path, dialogs, monkeypatch):
    from flowedit.ui.files.export_dialog import ExportOptionsDialog

    def choose_pdf_with_metrics(dialog) -> int:  # type: ignore[no-untyped-def]
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.format.setFocus()
        qtbot.keyClicks(dialog.format, "PDF")
        assert dialog.format.currentData() == "pdf"
        dialog.metrics.setFocus()
        qtbot.keyClick(dialog.metrics, Qt.Key.Key_Space)
        assert dialog.metrics.isChecked()
        assert dialog.page.isEnabled() and not dialog.transparent.isEnabled()
        return ExportOptionsDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportOptionsDialog, "exec", choose_pdf_with_metrics)
    dialogs.save_path = str(tmp_path / "handout")
    key(qtbot, window, Qt.Key.Key_E, CTRL)  # File > Export…
    written = tmp_path / "handout.pdf"
    assert written.read_bytes()[:5] == b"%PDF-"


def test_lane_commands_are_greyed_out_until_a_lane_is_selected(qtbot, window):
    from ui_helpers import action

    menu = next(item.menu() for item in window.menuBar().actions()
                if item.text().replace("&", "") == "Lane")
    window.editor.scene.select_only(["stage-1"])
    menu.aboutToShow.emit()
    assert not action(window, "Delete Lane").isEnabled()
    menu.aboutToHide.emit()
    window.editor.scene.select_only(lane_ids=["lane-a"])
    menu.aboutToShow.emit()
    assert action(window, "Delete Lane").isEnabled()
    menu.aboutToHide.emit()


def test_lane_names_stay_at_the_left_edge_when_scrolled_right(qtbot, window):
    from PySide6.QtGui import QColor

    from flowedit.render import style

    view = window.editor.view
    view.resetTransform()
    view.centerOn(QPointF(1100, 100))  # the headers (x 0-40) are off to the left
    QApplication.processEvents()
    image = view.grab().toImage()  # the names are pinned in a strip beside the canvas
    y = view.viewport().mapTo(view, view.mapFromScene(QPointF(0, 100))).y()  # in lane A's band
    colour = QColor(image.pixel(6, y))
    header = style.LANE_HEADER
    assert abs(colour.red() - header.red()) < 12 and abs(colour.blue() - header.blue()) < 12
    view.centerOn(QPointF(200, 100))  # the real header is back: nothing pinned over content
    QApplication.processEvents()
    image = view.viewport().grab().toImage()
    x = view.mapFromScene(QPointF(150, 100)).x()  # the start shape's centre
    assert QColor(image.pixel(x, view.mapFromScene(QPointF(150, 100)).y())) != header
