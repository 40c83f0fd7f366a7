"""`flowedit DIAGRAM.bpmn` (draw.io, Visio, Mermaid, GraphML, DOT) imports the diagram as File ›
Open does: the import report, then an untitled, unsaved process, so Save asks for a .yaml name
and the diagram is never written over. A file that is neither a process nor a diagram is still
refused with a message naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from test_import_export_diagrams import click, when_dialog
from ui_helpers import shown_title

from flowedit.io import load_document
from flowedit.io.formats import write_format
from flowedit.ui.app import create_window, show_window

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


def start(qtbot, path: Path):  # type: ignore[no-untyped-def]
    """The window as `flowedit PATH` makes it (flowedit.ui.app.run_editor)."""
    window = create_window(str(path))
    qtbot.addWidget(window, before_close_func=lambda w: w.editor.stack.setClean())
    show_window(window)
    return window


@pytest.mark.parametrize("extension", [".bpmn", ".drawio", ".graphml", ".mmd"])
def test_a_diagram_on_the_command_line_is_imported_untitled(qtbot, dialogs, tmp_path,
                                                            extension):
    source = tmp_path / f"process{extension}"
    source.write_bytes(write_format(load_document(SAMPLE), source)[1])
    before = source.read_bytes()
    seen: list[str] = []
    when_dialog(qtbot, "importReport", lambda d: click(qtbot, d.open_button), seen)
    window = start(qtbot, source)
    qtbot.waitUntil(lambda: bool(window.editor.doc.nodes), timeout=10000)

    assert seen == ["importReport"]
    assert {n.name for n in window.editor.doc.nodes.values()} == {
        n.name for n in load_document(SAMPLE).nodes.values()}
    assert window.path is None
    assert window.session.suggested_path == source.with_suffix(".yaml")
    assert shown_title(window).startswith("Untitled*")
    assert dialogs.of("critical") == []
    assert source.read_bytes() == before


def test_a_file_that_is_no_diagram_is_still_refused(qtbot, dialogs, tmp_path, capsys):
    source = tmp_path / "process.pdf"
    source.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    window = start(qtbot, source)
    qtbot.waitUntil(lambda: any(box.isVisible() for box in window.findChildren(QMessageBox)),
                    timeout=10000)
    box = next(box for box in window.findChildren(QMessageBox) if box.isVisible())
    assert str(source) in box.text() and "PDF" in box.text()
    assert str(source) in capsys.readouterr().err
    assert not window.editor.doc.nodes
    box.close()
