"""The outline at a few hundred shapes remakes only the rows an edit touched (issue 13): work is
bounded by counting the rows made and by keeping the very same items for untouched shapes, never
by timing. After each edit the tree reads exactly as one built from nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from ui_helpers import LEFT, inline_editor, open_outline

from flowedit.model.generate import generate_process
from flowedit.ui.panels.outline import OutlinePanel

SIZE = 400
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole,
         Qt.ItemDataRole.AccessibleDescriptionRole, Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def big(qtbot, window):  # type: ignore[no-untyped-def]
    window.set_document(generate_process(SIZE), None)
    qtbot.wait(20)  # the zoom-to-fit set_document schedules
    outline = open_outline(qtbot, window)
    return window, outline


def tree(panel: OutlinePanel) -> list[object]:
    """Everything the tree says, in order, with each item's depth."""
    said: list[object] = []

    def walk(item, depth: int) -> None:  # type: ignore[no-untyped-def]
        said.append((depth, item.isExpanded(), *(item.data(0, role) for role in ROLES)))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)

    for i in range(panel.topLevelItemCount()):
        walk(panel.topLevelItem(i), 0)
    return said


def fresh(window) -> list[object]:  # type: ignore[no-untyped-def]
    other = OutlinePanel()
    other.set_editor(window.editor)
    try:
        return tree(other)
    finally:
        other.set_editor(None)
        other.deleteLater()


def click_shape(qtbot, window, node_id: str) -> None:  # type: ignore[no-untyped-def]
    view = window.editor.view
    node = window.editor.doc.nodes[node_id]
    view.resetTransform()
    view.centerOn(QPointF(node.x, node.y))
    qtbot.mouseClick(view.viewport(), LEFT, pos=view.mapFromScene(QPointF(node.x, node.y)))
    assert window.editor.scene.selected_ids()[0] == [node_id]


def problems_by_node(window) -> dict[str, tuple[object, ...]]:  # type: ignore[no-untyped-def]
    found: dict[str, list[object]] = {}
    for problem in window.editor.drawing.shown:
        found.setdefault(problem.node, []).append(problem)
    return {node: tuple(problems) for node, problems in found.items()}


def settled(qtbot, window, panel, press) -> None:  # type: ignore[no-untyped-def]
    """Presses a key and waits for the re-check it causes and for the tree to catch up."""
    with qtbot.waitSignal(window.editor.problems_changed, timeout=5000):
        press()
    qtbot.waitUntil(lambda: tree(panel) == fresh(window), timeout=5000)


def test_renaming_a_shape_remakes_its_row_and_those_of_arrows_into_it(qtbot, big):
    window, panel = big
    doc = window.editor.doc
    items = {n: panel.node_item(n) for n in doc.nodes}
    made = panel.rows_made
    click_shape(qtbot, window, "s20")
    senders = {doc.edges[e].source for e in doc.in_edges("s20")}
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Return)
    box = inline_editor(window)
    assert box is not None
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(box, "Renamed")
    settled(qtbot, window, panel, lambda: qtbot.keyClick(box, Qt.Key.Key_Return))
    assert panel.node_item("s20").text(0) == "Stage: Renamed"
    assert panel.rows_made - made <= 2 * len(senders | {"s20"})
    assert [n for n in doc.nodes if panel.node_item(n) is not items[n]] == sorted(
        senders | {"s20"}, key=list(doc.nodes).index)


def test_deleting_a_shape_and_undoing_remake_only_rows_that_changed(qtbot, big):
    window, panel = big
    doc = window.editor.doc
    victim = "lost20"  # a lost end: deleting it leaves its decision one branch short
    click_shape(qtbot, window, victim)
    senders = {doc.edges[e].source for e in doc.in_edges(victim)}
    for press in (lambda: qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete),
                  lambda: qtbot.keyClick(window.editor.view, Qt.Key.Key_Z,
                                         Qt.KeyboardModifier.ControlModifier)):
        items = {n: panel.node_item(n) for n in doc.nodes}
        problems, made = problems_by_node(window), panel.rows_made
        settled(qtbot, window, panel, press)
        now = problems_by_node(window)
        touched = {n for n in set(problems) | set(now) if problems.get(n) != now.get(n)}
        touched |= senders | {victim}
        # A row can be remade twice: once for the edit, once for the re-check a moment later.
        assert panel.rows_made - made <= 2 * len(touched) < len(doc.nodes) / 10
        assert all(panel.node_item(n) is items[n] for n in doc.nodes if n not in touched)
    assert panel.node_item(victim) is not None


def test_folded_items_stay_folded_across_edits(qtbot, big):
    window, panel = big
    lane = panel.topLevelItem(1)
    lane.setExpanded(False)
    click_shape(qtbot, window, "lost20")
    qtbot.keyClick(window.editor.view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.node_item("lost20") is None, timeout=5000)
    assert not panel.topLevelItem(1).isExpanded()
    assert panel.topLevelItem(0).isExpanded()
