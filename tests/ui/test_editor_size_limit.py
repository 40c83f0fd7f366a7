"""Issue 13 lets files hold 50,000 stages, more than the editor can put on screen within its
bounds (model/limits.py): the editor refuses such a file with the reason, through File > Open,
and keeps the open document; the command-line tools still read it. The editor's limit is lowered
here so that a small file is 'too big' and the test stays quick."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import make_doc

from flowedit.io import dumps_document, load_document
from flowedit.model import limits


def test_a_file_too_big_for_the_editor_is_refused_with_the_reason(qtbot, window, dialogs,
                                                                  tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    doc = make_doc()
    big.write_text(dumps_document(doc), encoding="utf-8")
    monkeypatch.setattr(limits, "EDITOR_MAX_NODES", len(doc.nodes) - 1)
    dialogs.open_path = str(big)
    doc_before = window.editor.doc

    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)

    errors = dialogs.of("critical")
    assert len(errors) == 1
    assert errors[0][1] == "Cannot open the file"
    assert "big.yaml" in errors[0][2]
    assert f"the editor opens at most {len(doc.nodes) - 1:,} shapes" in errors[0][2]
    assert "flowedit check" in errors[0][2]
    assert window.editor.doc is doc_before
    assert load_document(big) == doc  # the file itself is fine: only the editor declines it


def test_a_file_within_the_editor_limit_opens(qtbot, window, dialogs, tmp_path, monkeypatch):
    path = tmp_path / "fits.yaml"
    doc = make_doc()
    path.write_text(dumps_document(doc), encoding="utf-8")
    monkeypatch.setattr(limits, "EDITOR_MAX_NODES", len(doc.nodes))
    monkeypatch.setattr(limits, "EDITOR_MAX_EDGES", len(doc.edges))
    dialogs.open_path = str(path)

    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)

    assert dialogs.of("critical") == []
    assert window.path == path
