"""File › Import… and File › Open of another tool's diagram (draw.io, Visio, BPMN, Mermaid,
GraphML, DOT): choose the file, then the page when it has several, then read the import report
(what was kept, changed and dropped, and why) and open the result as an untitled process, so
that Save asks for a .yaml name and the foreign file is never overwritten.

The reading itself is io.formats' (no Qt); Tidy Up is layout's. This module only asks.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from flowedit.i18n import N_, _, format_number, ngettext
from flowedit.io import FlowFileError, FlowSaveError
from flowedit.io.formats import ImportResult, export_file, import_file
from flowedit.layout.shapes import BoxIndex, boxes_overlap, node_box
from flowedit.layout.tidy import tidy_whole
from flowedit.model import Document, ModelError, NodeKind

if TYPE_CHECKING:
    from flowedit.ui.files.session import FileSession


def import_filter() -> str:
    """The file dialog's filters: every diagram at once first, then one per tool."""
    return ";;".join([
        _("Diagrams ({patterns})").format(
            patterns="*.drawio *.dio *.xml *.svg *.png *.vsdx *.bpmn *.bpmn2 *.mmd *.mermaid "
                     "*.md *.graphml *.dot *.gv"),
        _("draw.io ({patterns})").format(patterns="*.drawio *.dio *.xml *.svg *.png"),
        _("Visio ({patterns})").format(patterns="*.vsdx"),
        _("BPMN 2.0 ({patterns})").format(patterns="*.bpmn *.bpmn2 *.xml"),
        _("Mermaid ({patterns})").format(patterns="*.mmd *.mermaid *.md"),
        _("yEd GraphML ({patterns})").format(patterns="*.graphml"),
        _("Graphviz DOT ({patterns})").format(patterns="*.dot *.gv"),
        _("All files ({patterns})").format(patterns="*"),
    ])


#: Export As…: extension -> its filter, in the order the dialog lists them.
EXPORT_FORMATS = (
    (".drawio", N_("draw.io ({patterns})"), "*.drawio"),
    (".vsdx", N_("Visio ({patterns})"), "*.vsdx"),
    (".bpmn", N_("BPMN 2.0 ({patterns})"), "*.bpmn"),
    (".mmd", N_("Mermaid ({patterns})"), "*.mmd"),
    (".graphml", N_("yEd GraphML ({patterns})"), "*.graphml"),
    (".dot", N_("Graphviz DOT ({patterns})"), "*.dot"),
)


class PageChooser(QDialog):
    """A file with several pages (draw.io, Visio) or flowcharts (Markdown): which one."""

    def __init__(self, file_name: str, pages: list[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("importPageChooser")
        self.setWindowTitle(_("Choose a page"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(ngettext(
            "{file} holds {n} page. Which one do you want to import?",
            "{file} holds {n} pages. Which one do you want to import?", len(pages)).format(
                file=file_name, n=format_number(len(pages), 0))))
        self.pages = QListWidget()
        self.pages.setObjectName("importPages")
        self.pages.addItems(pages)
        self.pages.setCurrentRow(0)
        self.pages.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.pages)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def page(self) -> int:
        """The chosen page, numbered from 1 as the importers take it."""
        return self.pages.currentRow() + 1


class ImportReport(QDialog):
    """What the import kept, changed and dropped, before the process opens; Tidy Up chosen
    here (always for a file without positions, offered when shapes lie on each other)."""

    def __init__(self, file_name: str, result: ImportResult, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("importReport")
        self.setWindowTitle(_("Import {file}").format(file=file_name))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.text = QPlainTextEdit(report_text(result))
        self.text.setObjectName("importReportText")
        self.text.setReadOnly(True)
        layout.addWidget(self.text)
        self.tidy = QCheckBox(_("Tidy up after import"))
        self.tidy.setObjectName("importTidy")
        if result.laid_out:
            self.tidy.setChecked(True)
            self.tidy.setEnabled(False)
            self.tidy.setToolTip(_("The file gives no positions: Tidy Up places every shape"))
        else:
            self.tidy.setChecked(has_overlaps(result.document))
            self.tidy.setToolTip(_("Lay the shapes out anew in their lanes, flow left to right "
                                   "(the file's bends are dropped)"))
        layout.addWidget(self.tidy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.open_button = buttons.addButton(_("Open as a new process"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def report_text(result: ImportResult) -> str:
    """The import report as people read it: kept (counted), changed, dropped, notes."""
    doc = result.document
    kinds = {kind: sum(1 for n in doc.nodes.values() if n.kind is kind) for kind in NodeKind}
    labelled = sum(1 for edge in doc.edges.values() if edge.label)
    bent = sum(1 for edge in doc.edges.values() if edge.points)

    def n(value: int) -> str:
        return format_number(value, 0)

    stages, decisions = kinds[NodeKind.STAGE], kinds[NodeKind.DECISION]
    starts, ends = kinds[NodeKind.START], kinds[NodeKind.END]
    lanes, arrows = len(doc.lanes), len(doc.edges)
    kept = [
        ngettext("{n} stage", "{n} stages", stages).format(n=n(stages)),
        ngettext("{n} decision", "{n} decisions", decisions).format(n=n(decisions)),
        ngettext("{n} start", "{n} starts", starts).format(n=n(starts)),
        ngettext("{n} end", "{n} ends", ends).format(n=n(ends)),
        ngettext("{n} lane", "{n} lanes", lanes).format(n=n(lanes)),
        ngettext("{n} arrow", "{n} arrows", arrows).format(n=n(arrows)),
        ngettext("{n} of them with a label", "{n} of them with labels", labelled).format(
            n=n(labelled)),
        ngettext("{n} with bends", "{n} with bends", bent).format(n=n(bent)),
    ]
    lines = [_("Kept: {what}.").format(what=", ".join(kept))]
    if result.page:
        lines.append(_("Page: {page}").format(page=result.page))
    for heading, items in ((_("Changed:"), result.changed), (_("Dropped:"), result.dropped),
                           (_("Notes:"), result.notes)):
        if items:
            lines += ["", heading, *(f"• {item}" for item in items)]
    if not (result.changed or result.dropped):
        lines += ["", _("Nothing was changed or dropped.")]
    return "\n".join(lines)


def has_overlaps(doc: Document) -> bool:
    """True when two shapes cover each other: a layout worth tidying."""
    index = BoxIndex()
    for node in doc.nodes.values():
        box = node_box(node)
        if any(boxes_overlap(box, index.boxes[key]) for key in index.near(box, ordered=False)):
            return True
        index.insert(node.id, box)
    return False


def run_import_dialog(session: FileSession) -> bool:
    """File › Import…: choose a diagram, then import it."""
    if not session.maybe_save():
        return False
    start = str(session.path.parent) if session.path else os.getcwd()
    path, _filter = QFileDialog.getOpenFileName(session.parent_widget, _("Import a diagram"),
                                                start, import_filter())
    return bool(path) and import_path(session, Path(path))


def import_path(session: FileSession, path: Path) -> bool:
    """Imports `path` (the page asked for when it has several), shows the report, and opens the
    result untitled; a file that cannot be read is reported and the open document stays."""
    window = session.parent_widget
    try:
        result = import_file(path)
        if len(result.pages) > 1:
            chooser = PageChooser(path.name, result.pages, window)
            if chooser.exec() != QDialog.DialogCode.Accepted:
                return False
            if chooser.page() != 1:
                result = import_file(path, chooser.page())
    except FlowFileError as error:
        session.show_error(_("Cannot import the file"), str(error))
        return False
    report = ImportReport(path.name, result, window)
    if report.exec() != QDialog.DialogCode.Accepted:
        return False
    doc = result.document
    if report.tidy.isChecked():
        try:
            tidy_whole(doc)
        except ModelError as error:
            session.show_error(_("Cannot import the file"), str(error))
            return False
    session.open_imported(doc, path)
    return True


def run_export_as_dialog(session: FileSession) -> bool:
    """File › Export As…: the process as a draw.io, Visio, BPMN, Mermaid, GraphML or DOT file
    (the picture export is File › Export…)."""
    window, doc = session.parent_widget, session.host.editor.root
    stem = session.path.stem if session.path else "process"
    folder = session.path.parent if session.path else Path(os.getcwd())
    filters = [_(text).format(patterns=patterns) for _ext, text, patterns in EXPORT_FORMATS]
    path, chosen = QFileDialog.getSaveFileName(window, _("Export as a diagram"),
                                               str(folder / f"{stem}.drawio"),
                                               ";;".join(filters))
    if not path:
        return False
    if not Path(path).suffix:
        index = filters.index(chosen) if chosen in filters else 0
        path += EXPORT_FORMATS[index][0]
    try:
        export_file(doc, path)
    except FlowSaveError as error:
        session.show_error(_("Cannot export"), str(error))
        return False
    session.host.show_message(_("Exported {file}").format(file=path), 8000)
    return True
