"""The window around the canvas, driven with real keys and clicks: the status-bar figures, labels
made from names people typed ('&', several lines), the Problems panel while a process is still
being drawn, one name per command in menus and History, File › Close and the F1 page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QMessageBox,
    QTextBrowser,
    QTreeWidgetItem,
)
from ui_helpers import action, at, drag, hover, make_doc, show_origin, viewport

from flowedit.analysis import check_document
from flowedit.io import save_document
from flowedit.model import Document, Node, NodeKind, Outcome
from flowedit.ui.menus import shortcut_rows

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def shown(text: str) -> str:
    """What Qt paints for a button or menu text: '&&' is an '&', a single '&' only underlines
    the next letter (the mnemonic) and is not shown."""
    out, index = [], 0
    while index < len(text):
        if text[index] == "&" and index + 1 < len(text):
            out.append(text[index + 1] if text[index + 1] == "&" else "")
            if text[index + 1] != "&":
                out.append(text[index + 1])
            index += 2
        else:
            out.append(text[index])
            index += 1
    return "".join(out)


def press(qtbot, window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor.view, key, modifiers)


def click_node(qtbot, window, node_id: str, modifiers=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    node = window.editor.doc.nodes[node_id]
    qtbot.mouseClick(viewport(window), LEFT, modifiers, at(window, node.x, node.y))


def open_doc(qtbot, window, doc: Document) -> None:  # type: ignore[no-untyped-def]
    """As if the file had just been opened: the document shown at the test origin."""
    window.set_document(doc, None)
    qtbot.wait(20)  # set_document's zoom-to-fit runs on the next turn of the event loop
    show_origin(window)
    window.editor.view.setFocus()


def problem_rows(window) -> list[str]:  # type: ignore[no-untyped-def]
    panel = window.problems_panel
    return [panel.item(row).text() for row in range(panel.count())]


# ------------------------------------------------------------------------------ 4: status bar
def test_status_bar_figures_never_stay_behind_after_the_overlay_is_switched_off(qtbot, window):
    label = window.metrics_label
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(lambda: "win rate 100.0%" in label.text(), timeout=3000)
    assert label.isVisible()
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    assert not window.overlay_action.isChecked()

    click_node(qtbot, window, "end-1")  # the only won end goes: there is no win rate any more
    with qtbot.waitSignal(window.editor.problems_changed, timeout=3000):
        press(qtbot, window, Qt.Key.Key_Delete)
    assert "end-1" not in window.editor.doc.nodes
    assert not label.isVisible() or "win rate 100.0%" not in label.text(), (
        f"the status bar still shows the figures before the edit: {label.text()!r}")


def test_status_bar_figures_follow_edits_while_the_overlay_is_on(qtbot, window):
    label = window.metrics_label
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    qtbot.waitUntil(lambda: "win rate 100.0%" in label.text(), timeout=3000)
    click_node(qtbot, window, "end-1")
    press(qtbot, window, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "win rate" not in label.text(), timeout=3000)
    assert label.isVisible() and label.text()


# ------------------------------------------------------------------------------ 8: '&'
def branching_doc() -> Document:
    doc = Document("R&D sales")
    doc.add_node(Node("lead", NodeKind.START, "Lead in", x=100, y=100))
    doc.add_node(Node("ask", NodeKind.DECISION, "Interested?", x=300, y=100))
    doc.add_node(Node("demo", NodeKind.STAGE, "Follow-up & demo", x=500, y=60))
    doc.add_node(Node("rnd", NodeKind.STAGE, "R&D review", x=500, y=200))
    doc.add_node(Node("won", NodeKind.END, "Won", x=700, y=100, outcome=Outcome.WON))
    doc.connect("lead", "ask")
    doc.connect("ask", "demo", label="Yes")
    doc.connect("ask", "rnd", label="Later")
    doc.connect("demo", "won")
    doc.connect("rnd", "won")
    return doc


def test_presenter_branch_buttons_show_an_ampersand_as_typed(qtbot, window, monkeypatch):
    from flowedit.ui.present import presentation_canvas

    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)
    open_doc(qtbot, window, branching_doc())
    press(qtbot, window, Qt.Key.Key_F5)
    presenter = window.presentation
    assert presenter is not None
    qtbot.waitExposed(presenter)
    try:
        qtbot.keyClick(presenter, Qt.Key.Key_Right)  # Lead in -> Interested?
        buttons = presenter.caption_panel.buttons
        texts = [shown(button.text()) for button in buttons]
        assert any("Follow-up & demo" in text for text in texts), texts
        assert any("R&D review" in text for text in texts), texts
    finally:
        qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.isVisible, timeout=3000)


def test_recent_files_menu_shows_an_ampersand_in_a_file_name(qtbot, window, dialogs, tmp_path):
    path = tmp_path / "R&D plan.yaml"
    save_document(make_doc(), path)
    dialogs.open_path = str(path)
    press(qtbot, window, Qt.Key.Key_O, CTRL)
    assert window.path == path
    entries = [shown(entry.text()) for entry in window.recent_menu.actions()]
    assert entries[0] == str(path.resolve())


# ------------------------------------------------------------------------------ 9: one line
def many_lines_doc() -> Document:
    """'Demo' is the bottleneck (10 days) and 'Onboard' can never be reached; both names, and
    a lane's, span several lines."""
    doc = make_doc()
    doc.rename_node("stage-2", "Demo\nwith the\nclient")
    doc.rename_node("stage-3", "Onboard\nthe team")
    doc.rename_lane("lane-a", "Sales\nteam")
    doc.update_node("stage-2", duration_days=10.0)
    doc.disconnect("e4")
    return doc


def test_names_on_several_lines_stay_on_one_line_outside_the_canvas(qtbot, window):
    status_height = window.statusBar().sizeHint().height()
    open_doc(qtbot, window, many_lines_doc())
    press(qtbot, window, Qt.Key.Key_M, CTRL)
    label = window.metrics_label
    qtbot.waitUntil(lambda: "bottleneck" in label.text(), timeout=3000)
    assert "bottleneck: Demo with the client" in label.text()
    assert window.statusBar().sizeHint().height() == status_height, "the status bar grew"

    rows = problem_rows(window)
    assert any("'Onboard the team' can never be reached" in row for row in rows), rows
    assert not any("\n" in row for row in rows), rows

    outline = window.outline_panel
    items: list[QTreeWidgetItem] = []
    pending = [outline.topLevelItem(i) for i in range(outline.topLevelItemCount())]
    while pending:
        item = pending.pop()
        items.append(item)
        pending += [item.child(i) for i in range(item.childCount())]
    texts = [item.text(0) for item in items]
    assert any("Demo with the client" in text for text in texts), texts
    assert any(text.startswith("Sales team") for text in texts), texts
    assert not any("\n" in text for text in texts), texts
    assert "\n" not in window.windowTitle()

    click_node(qtbot, window, "stage-1")
    lanes = window.findChild(QComboBox, "lane")
    assert lanes is not None and lanes.isVisible()
    names = [lanes.itemText(i) for i in range(lanes.count())]
    assert "Sales team" in names, names


# ------------------------------------------------------------------------------ 10: drawing
def start_only() -> Document:
    """A start, and an 'Old step' that nothing leads to (a real error) with an arrow out."""
    doc = Document("Being drawn")
    doc.add_node(Node("start", NodeKind.START, "Lead in", x=100, y=100))
    doc.add_node(Node("old", NodeKind.STAGE, "Old step", x=100, y=300))
    doc.add_node(Node("older", NodeKind.STAGE, "Older step", x=100, y=460))
    doc.connect("old", "older")
    doc.connect("older", "old")
    return doc


def add_connected_stage(qtbot, window, name: str) -> str:  # type: ignore[no-untyped-def]
    before = set(window.editor.doc.nodes)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    (new_id,) = set(window.editor.doc.nodes) - before
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, name)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return new_id


def settle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Waits for the checks that run a moment after the last edit."""
    qtbot.waitUntil(lambda: not window.editor._check_timer.isActive(), timeout=3000)


def test_problems_of_a_process_still_being_drawn_come_as_one_hint(qtbot, window):
    open_doc(qtbot, window, start_only())
    click_node(qtbot, window, "start")
    stages = [add_connected_stage(qtbot, window, f"Step {n}") for n in range(1, 5)]
    last = window.editor.doc.nodes[stages[-1]]
    # An end placed below the last stage, not connected yet.
    qtbot.mouseClick(window.palette_panel.buttons["end"], LEFT)
    qtbot.mouseClick(viewport(window), LEFT, pos=at(window, last.x, last.y + 200))
    editor = QApplication.focusWidget()
    qtbot.keyClicks(editor, "Deal won")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    settle(qtbot, window)

    codes = {problem.code for problem in check_document(window.editor.doc)}
    assert "no-path-to-end" in codes, "the checks themselves (and flowedit check) are unchanged"
    rows = problem_rows(window)
    assert not any("no path reaches an end" in row for row in rows), rows
    hints = [row for row in rows if row.startswith("Still drawing")]
    assert len(hints) == 1, rows
    assert any(row.startswith("Error: 'Old step' can never be reached") for row in rows), rows
    assert len(rows) <= 4, rows
    scene = window.editor.scene
    assert scene.is_flagged("old"), "real errors stay red on the canvas"
    assert not any(scene.is_flagged(node_id) for node_id in [*stages, "start"])

    # Clicking the hint goes to where the drawing goes on.
    panel = window.problems_panel
    hint = panel.item(rows.index(hints[0]))
    qtbot.mouseClick(panel.viewport(), LEFT, pos=panel.visualItemRect(hint).center())
    assert window.editor.scene.selected_ids()[0] == [stages[-1]]

    # Connected to the end: the process has an end, and the full checks show again.
    end_id = next(n for n in window.editor.doc.nodes.values() if n.kind is NodeKind.END).id
    end = window.editor.doc.nodes[end_id]
    last = window.editor.doc.nodes[stages[-1]]
    handle = (last.x + last.size[0] / 2, last.y)
    hover(viewport(window), at(window, last.x, last.y))
    hover(viewport(window), at(window, *handle))
    drag(viewport(window), at(window, *handle), at(window, end.x, end.y))
    assert any(edge.target == end_id for edge in window.editor.doc.edges.values())
    settle(qtbot, window)
    rows = problem_rows(window)
    assert not any(row.startswith("Still drawing") for row in rows), rows
    assert any("No end is marked won" in row for row in rows), rows

    # A process that has had an end and is broken again shows every problem: they now say
    # what the edit broke, not what is still to be drawn.
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Z, CTRL)
    settle(qtbot, window)
    rows = problem_rows(window)
    assert any("no path reaches an end" in row for row in rows), rows
    assert window.editor.scene.is_flagged(stages[-1])


# ------------------------------------------------------------------------------ 14: names
def test_history_names_each_edit_as_its_menu_command(qtbot, window):
    stack = window.editor.stack
    for command in ("Add Connected Stage", "Space Evenly Across", "Space Evenly Down",
                    "Align Left", "Align Centre", "Align Bottom", "Duplicate"):
        menu_action = action(window, command)
        if command == "Add Connected Stage":
            click_node(qtbot, window, "stage-2")
        else:
            press(qtbot, window, Qt.Key.Key_A, CTRL)
        keys = menu_action.shortcut()
        before = stack.index()
        qtbot.keyClick(window.editor.view, keys[0].key(), keys[0].keyboardModifiers())
        window.editor.close_inline_editor(commit=False)
        assert stack.index() == before + 1, f"{command} made no undo step"
        text = stack.text(stack.index() - 1)
        assert text.split(" ")[:len(command.split())] == command.split(), (command, text)
        shown_in_history = window.undo_view.model().index(stack.index(), 0).data()
        assert shown_in_history == text


def test_file_close_asks_about_unsaved_work_and_leaves_an_empty_window(qtbot, window, dialogs):
    click_node(qtbot, window, "stage-3")
    press(qtbot, window, Qt.Key.Key_Delete)
    press(qtbot, window, Qt.Key.Key_W, CTRL)
    assert [title for _, title, _ in dialogs.of("warning")] == ["Unsaved changes"]
    assert "stage-1" in window.editor.doc.nodes, "Cancel keeps the document"

    dialogs.warning = QMessageBox.StandardButton.Discard
    press(qtbot, window, Qt.Key.Key_W, CTRL)
    assert window.isVisible()
    assert not window.editor.doc.nodes and window.path is None
    assert window.windowTitle().startswith("Untitled")

    press(qtbot, window, Qt.Key.Key_W, CTRL)  # nothing unsaved: no question
    assert len(dialogs.of("warning")) == 2


def test_f1_is_a_short_how_to_and_every_shortcut_in_full(qtbot, window):
    window.resize(900, 700)
    press(qtbot, window, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "shortcutsDialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    page = dialog.findChild(QTextBrowser)
    assert page is not None, "F1 shows a readable page, not a table that cuts its cells"
    text = page.toPlainText()
    for topic in ("Draw", "Connect", "Lanes", "Check", "Metrics", "Present", "Export"):
        assert f"{topic}." in text, topic
    rows = shortcut_rows(window)
    assert ("Canvas", "Move the selected shapes by the grid (Shift: by one pixel)",
            "Arrow keys") in rows
    for _menu, command, keys in rows:
        assert command in text and keys in text, (command, keys)
    assert page.horizontalScrollBar().maximum() == 0, "a row is cut at the right"
    assert page.verticalScrollBar().maximum() > 0, "the page scrolls"
    dialog.close()
