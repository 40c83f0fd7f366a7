"""The Outline's update after an edit looks only at the rows the edit may have changed (issue 13):
at 5,000 stages a rename must not work out what each of the 5,000 rows says. Bounded by counting
the rows looked at, never by timing; the tree still reads as one built from nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import open_outline

from flowedit.model.generate import generate_process
from flowedit.ui.panels import outline as outline_module

SIZE = 400


def test_a_rename_looks_at_the_shape_and_the_shapes_pointing_at_it(qtbot, window, monkeypatch):
    window.set_document(generate_process(SIZE), None)
    window.outline_panel.set_editor(None)  # one panel counted: the one the test opens
    panel = open_outline(qtbot, window)
    doc = window.editor.doc
    looked_at: list[str] = []
    row_key = outline_module._row_key

    def counted(doc, node_id, *args):  # type: ignore[no-untyped-def]
        looked_at.append(node_id)
        return row_key(doc, node_id, *args)

    monkeypatch.setattr(outline_module, "_row_key", counted)
    # the rename goes through the editor's one command, as the Properties panel's field does
    window.editor.set_node_fields("s20", "Rename", name="Renamed stage")
    qtbot.waitUntil(lambda: bool(panel.findItems("Renamed stage", Qt.MatchFlag.MatchContains
                                                 | Qt.MatchFlag.MatchRecursive)), timeout=5000)
    senders = {doc.edges[e].source for e in doc.in_edges("s20")}
    assert senders and set(looked_at) <= {"s20"} | senders
    assert len(looked_at) <= 2 * (1 + len(senders))  # the edit, and the re-check after it at most


def test_moving_a_shape_looks_at_its_row_only(qtbot, window, monkeypatch):
    window.set_document(generate_process(SIZE), None)
    window.outline_panel.set_editor(None)  # one panel counted: the one the test opens
    panel = open_outline(qtbot, window)
    rebuilds: list[int] = []
    panel.rebuilt.connect(lambda: rebuilds.append(1))
    looked_at: list[str] = []
    row_key = outline_module._row_key
    monkeypatch.setattr(outline_module, "_row_key",
                        lambda doc, node_id, *args: looked_at.append(node_id)
                        or row_key(doc, node_id, *args))
    node = window.editor.doc.nodes["s20"]
    window.editor.set_node_fields("s20", "Move", x=node.x + 10)
    with qtbot.waitSignal(window.editor.problems_changed, timeout=5000):
        pass
    panel.refresh()
    assert set(looked_at) <= {"s20"} and rebuilds == []
