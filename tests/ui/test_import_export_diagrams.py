"""File › Import…, File › Open of a foreign diagram and File › Export As…, through the menus and
the real dialogs: the page chooser, the import report (kept, changed, dropped), Tidy Up after
import, and the imported process opening untitled so Save asks for a .yaml name and never
writes over the diagram."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QPushButton
from ui_helpers import LEFT, choose_from_menu, make_doc, shown_title

from flowedit.io import load_document
from flowedit.io.formats import IMPORTS, write_format
from flowedit.layout.tidy import tidy
from flowedit.model import Document, Edge, Lane, Node, NodeKind

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"
CTRL = Qt.KeyboardModifier.ControlModifier


def when_dialog(qtbot, name: str, act: Callable[[QDialog], None],  # type: ignore[no-untyped-def]
                seen: list[str]) -> None:
    """Once the modal dialog named `name` is up, `act` on it (as a person would), and note it
    in `seen`; gives up after about 5 s so that a missing dialog fails the test, not the run."""
    tries = [0]

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.objectName() == name and dialog.isVisible():
            seen.append(name)
            act(dialog)
        elif tries[0] < 250:
            tries[0] += 1
            QTimer.singleShot(20, look)

    QTimer.singleShot(0, look)


def button(dialog: QDialog, text: str) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def click(qtbot, widget) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(widget, LEFT)


def diagram(tmp_path: Path, doc: Document, extension: str) -> Path:
    path = tmp_path / f"process{extension}"
    path.write_bytes(write_format(doc, path)[1])
    return path


def overlapping() -> Document:
    doc = Document("Piled up")
    doc.add_lane(Lane("sales", "Sales"))
    doc.add_node(Node("in", NodeKind.START, "Lead", 100, 90, "sales"))
    doc.add_node(Node("call", NodeKind.STAGE, "Call", 120, 100, "sales"))
    doc.add_node(Node("won", NodeKind.END, "Won", 140, 110, "sales"))
    doc.add_edge(Edge("e1", "in", "call"))
    doc.add_edge(Edge("e2", "call", "won"))
    return doc


# ------------------------------------------------------------------------------ Import…
def test_import_shows_the_report_and_opens_the_process_untitled(qtbot, window, dialogs,
                                                                tmp_path):
    source = diagram(tmp_path, load_document(SAMPLE), ".bpmn")
    before = source.read_bytes()
    dialogs.open_path = str(source)
    seen: list[str] = []
    report: list[str] = []

    def read_and_open(dialog: QDialog) -> None:
        report.append(dialog.text.toPlainText())
        assert not dialog.tidy.isChecked()  # BPMN has positions, and they do not overlap
        click(qtbot, dialog.open_button)

    when_dialog(qtbot, "importReport", read_and_open, seen)
    choose_from_menu(qtbot, window, "File", "Import…")

    assert seen == ["importReport"]
    assert report[0].startswith("Kept: 13 stages, 3 decisions, 1 start, 3 ends, 4 lanes, "
                                "22 arrows, 12 of them with labels, 0 with bends.")
    assert "Nothing was changed or dropped." in report[0]
    original = load_document(SAMPLE)
    doc = window.editor.doc
    assert {n.id: (n.kind, n.name, n.lane) for n in doc.nodes.values()} == {
        n.id: (n.kind, n.name, n.lane) for n in original.nodes.values()}
    assert window.path is None
    assert shown_title(window).startswith("Untitled*")

    # Save asks for a name, proposing a .yaml beside the diagram; the diagram stays as it was.
    target = tmp_path / "imported"
    dialogs.save_path = str(target)
    choose_from_menu(qtbot, window, "File", "Save")
    assert len(dialogs.of("save-dialog")) == 1
    assert window.session.suggested_path is None  # the window now belongs to the .yaml
    assert load_document(target.with_suffix(".yaml")) == doc
    assert source.read_bytes() == before


def test_save_as_proposes_a_yaml_name_beside_the_diagram(qtbot, window, dialogs, tmp_path,
                                                         monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    source = diagram(tmp_path, overlapping(), ".drawio")
    dialogs.open_path = str(source)
    proposed: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, *rest: (proposed.append(start), ("", ""))[1])
    seen: list[str] = []
    when_dialog(qtbot, "importReport", lambda d: click(qtbot, d.open_button), seen)
    choose_from_menu(qtbot, window, "File", "Import…")
    choose_from_menu(qtbot, window, "File", "Save")
    assert proposed == [str(tmp_path / "process.yaml")]
    assert window.isWindowModified()


def test_a_file_with_pages_asks_which_one(qtbot, window, dialogs, tmp_path):
    first, second = make_doc(), overlapping()
    text = write_format(first, "a.drawio")[1].decode()
    other = write_format(second, "b.drawio")[1].decode()
    page = other[other.index("<diagram"):other.index("</diagram>") + len("</diagram>")]
    two_pages = text.replace("</diagram>", "</diagram>" + page.replace('id="flowedit"', 'id="p2"'),
                             1)
    source = tmp_path / "two.drawio"
    source.write_text(two_pages, encoding="utf-8")
    dialogs.open_path = str(source)
    seen: list[str] = []

    def choose_second(dialog: QDialog) -> None:
        pages = dialog.pages
        assert [pages.item(i).text() for i in range(pages.count())] == [first.title,
                                                                         "Piled up"]
        qtbot.mouseClick(pages.viewport(), LEFT, pos=pages.visualItemRect(pages.item(1)).center())
        when_dialog(qtbot, "importReport", lambda d: click(qtbot, d.open_button), seen)
        click(qtbot, button(dialog, "Import"))

    when_dialog(qtbot, "importPageChooser", choose_second, seen)
    choose_from_menu(qtbot, window, "File", "Import…")

    assert seen == ["importPageChooser", "importReport"]
    assert window.editor.doc.title == "Piled up"
    assert set(window.editor.doc.nodes) == {"in", "call", "won"}


def test_cancelling_the_report_keeps_the_open_process(qtbot, window, dialogs, tmp_path):
    dialogs.open_path = str(diagram(tmp_path, overlapping(), ".graphml"))
    before = window.editor.doc
    seen: list[str] = []
    when_dialog(qtbot, "importReport", lambda d: click(qtbot, button(d, "Cancel")), seen)
    choose_from_menu(qtbot, window, "File", "Import…")
    assert seen == ["importReport"]
    assert window.editor.doc is before and window.editor.doc == make_doc()


def test_overlapping_shapes_are_tidied_unless_unticked(qtbot, window, dialogs, tmp_path):
    dialogs.open_path = str(diagram(tmp_path, overlapping(), ".drawio"))
    seen: list[str] = []

    def keep_as_drawn(dialog: QDialog) -> None:
        assert dialog.tidy.isChecked() and dialog.tidy.isEnabled()
        qtbot.mouseClick(dialog.tidy, LEFT, pos=QPoint(8, dialog.tidy.height() // 2))
        assert not dialog.tidy.isChecked()
        click(qtbot, dialog.open_button)

    when_dialog(qtbot, "importReport", keep_as_drawn, seen)
    choose_from_menu(qtbot, window, "File", "Import…")
    assert [(n.x, n.y) for n in window.editor.doc.nodes.values()] == [(100, 90), (120, 100),
                                                                       (140, 110)]

    # The import is unsaved work: importing again asks first (and the answer here is Discard).
    dialogs.warning = QMessageBox.StandardButton.Discard
    when_dialog(qtbot, "importReport", lambda d: click(qtbot, d.open_button), seen)
    choose_from_menu(qtbot, window, "File", "Import…")
    assert len(dialogs.of("warning")) == 1 and seen == ["importReport", "importReport"]
    doc = window.editor.doc
    layout = tidy(doc)
    assert layout.positions == {n: (doc.nodes[n].x, doc.nodes[n].y) for n in doc.nodes}


def test_a_broken_diagram_is_reported_and_the_process_stays(qtbot, window, dialogs, tmp_path):
    broken = tmp_path / "broken.bpmn"
    broken.write_text('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
                      "<process id='p'>", encoding="utf-8")
    dialogs.open_path = str(broken)
    before = window.editor.doc
    choose_from_menu(qtbot, window, "File", "Import…")
    errors = dialogs.of("critical")
    assert len(errors) == 1 and errors[0][1] == "Cannot import the file"
    assert str(broken) in errors[0][2] and "not well-formed" in errors[0][2]
    assert window.editor.doc is before


# ------------------------------------------------------------------------------ Open
def test_open_recognises_a_mermaid_chart_and_lays_it_out(qtbot, window, dialogs, tmp_path):
    chart = tmp_path / "lead.txt"  # no telling name: recognised by what it holds
    chart.write_text("%% the lead funnel\nflowchart LR\n  a([Lead]) --> b[Call]\n"
                     "  b --> c{Fit?}\n  c -->|yes| d(((Won)))\n  c -->|no| e(((Lost)))\n",
                     encoding="utf-8")
    dialogs.open_path = str(chart)
    seen: list[str] = []

    def laid_out(dialog: QDialog) -> None:
        assert dialog.tidy.isChecked() and not dialog.tidy.isEnabled()
        click(qtbot, dialog.open_button)

    when_dialog(qtbot, "importReport", laid_out, seen)
    qtbot.keyClick(window.editor.view, Qt.Key.Key_O, CTRL)

    assert seen == ["importReport"]
    assert dialogs.of("critical") == []
    doc = window.editor.doc
    assert sorted(n.name for n in doc.nodes.values()) == ["Call", "Fit?", "Lead", "Lost", "Won"]
    assert tidy(doc).positions == {n: (doc.nodes[n].x, doc.nodes[n].y) for n in doc.nodes}
    assert window.path is None


# ------------------------------------------------------------------------------ Export As…
def test_export_as_writes_the_format_the_name_asks_for(qtbot, window, dialogs, tmp_path):
    for extension in (".bpmn", ".vsdx", ".mmd"):
        target = tmp_path / f"out{extension}"
        dialogs.save_path = str(target)
        choose_from_menu(qtbot, window, "File", "Export As…")
        format_name = {".bpmn": "bpmn", ".vsdx": "vsdx", ".mmd": "mermaid"}[extension]
        back = IMPORTS[format_name](target).document
        assert {n.id: (n.kind, n.name) for n in back.nodes.values()} == {
            n.id: (n.kind, n.name) for n in window.editor.doc.nodes.values()}
    assert dialogs.of("critical") == []


def test_export_as_without_an_extension_writes_draw_io(qtbot, window, dialogs, tmp_path):
    dialogs.save_path = str(tmp_path / "plain")
    choose_from_menu(qtbot, window, "File", "Export As…")
    assert (tmp_path / "plain.drawio").read_text(encoding="utf-8").startswith("<mxfile")
