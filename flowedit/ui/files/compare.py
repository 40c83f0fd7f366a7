"""File > Compare With…: the open process against another version of it (today's against the
planned one): what was added, removed and changed, and how win rate, days to win and the
bottleneck move; added and changed shapes are tagged on the canvas, removed ones shown faded."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from flowedit.analysis.diff import DocumentDiff, diff_documents
from flowedit.i18n import N_, _, format_number, format_percent
from flowedit.io import FlowFileError, load_document
from flowedit.model import Document

if TYPE_CHECKING:
    from flowedit.ui.files.session import FileSession

ADDED = (N_("New"), QColor("#2e7d32"))
CHANGED = (N_("Changed"), QColor("#1565c0"))


def _percent(value: float | None) -> str:
    return "—" if value is None else format_percent(value)


def _days(value: float | None) -> str:
    return "—" if value is None else _("{days} days").format(days=format_number(value))


def report_html(diff: DocumentDiff, old: Document, new: Document, old_name: str) -> str:
    """The comparison as the panel shows it (names, not ids, since managers read it)."""
    parts = [f"<h3>{html.escape(_('Compared with {name}').format(name=old_name))}</h3>"]
    if not diff.has_differences:
        return parts[0] + f"<p>{html.escape(_('No differences.'))}</p>"

    def listing(title: str, names: list[str]) -> None:
        if names:
            items = "".join(f"<li>{html.escape(name)}</li>" for name in names)
            parts.append(f"<b>{html.escape(title)}</b><ul>{items}</ul>")

    listing(_("Stages added"), [node.name for node in diff.nodes.added])
    listing(_("Stages removed"), [node.name for node in diff.nodes.removed])
    listing(_("Stages changed"), [
        f"{change.new.name}: " + ", ".join(sorted(change.fields))
        for change in diff.nodes.changed])

    def arrow(edge, doc: Document) -> str:  # type: ignore[no-untyped-def]
        return f"{doc.nodes[edge.source].name} → {doc.nodes[edge.target].name}"

    listing(_("Arrows added"), [arrow(edge, new) for edge in diff.edges.added])
    listing(_("Arrows removed"), [arrow(edge, old) for edge in diff.edges.removed])
    listing(_("Arrows changed"), [f"{arrow(change.new, new)}: " + ", ".join(sorted(change.fields))
                               for change in diff.edges.changed])
    listing(_("Lanes added"), [lane.name for lane in diff.lanes.added])
    listing(_("Lanes removed"), [lane.name for lane in diff.lanes.removed])
    metrics = diff.metrics
    if metrics is not None:
        if metrics.old is None or metrics.new is None:
            reason = metrics.old_error or metrics.new_error or ""
            parts.append("<p>" + html.escape(_("No figures to compare: {reason}").format(
                reason=reason)) + "</p>")
        else:
            old_rate, new_rate = metrics.pair("win_rate")
            old_days, new_days = metrics.pair("days_to_win")
            old_neck, new_neck = metrics.pair("bottleneck")
            rows = (_("Win rate: {old} → {new}").format(old=_percent(old_rate),
                                                        new=_percent(new_rate)),
                    _("Days to win: {old} → {new}").format(old=_days(old_days),
                                                           new=_days(new_days)),
                    _("Bottleneck: {old} → {new}").format(old=_name(old, old_neck),
                                                          new=_name(new, new_neck)))
            parts.append(f"<b>{html.escape(_('Figures'))}</b><ul>"
                         + "".join(f"<li>{html.escape(row)}</li>" for row in rows) + "</ul>")
    return "".join(parts)


def _name(doc: Document, node_id: str | None) -> str:
    return doc.nodes[node_id].name if node_id in doc.nodes else "—"


class ComparisonPanel(QWidget):
    def __init__(self, session: FileSession) -> None:
        super().__init__()
        self.setObjectName("comparisonPanel")
        self.session = session
        self.text = QTextBrowser()
        self.clear_button = QPushButton(_("Clear comparison"))
        self.clear_button.clicked.connect(self.clear)
        #: What the report was made from, so that a language switch can write it again.
        self.shown: tuple[DocumentDiff, Document, Document, str] | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.clear_button)

    def show_report(self, diff: DocumentDiff, old: Document, new: Document, old_name: str) -> None:
        self.shown = (diff, old, new, old_name)
        self.text.setHtml(report_html(diff, old, new, old_name))

    def retranslate(self) -> None:
        """Preferences › Language: the button and the report in the new language."""
        self.clear_button.setText(_("Clear comparison"))
        if self.shown is not None:
            self.text.setHtml(report_html(*self.shown))

    def clear(self) -> None:
        self.session.host.editor.scene.show_comparison({}, [])
        self.shown = None
        self.text.clear()


def compare_with(session: FileSession, old_path: Path) -> DocumentDiff | None:
    """Compares the open document (the new version) with the file at `old_path`."""
    try:
        old = load_document(old_path)
    except FlowFileError as error:
        QMessageBox.critical(session.parent_widget, _("Cannot compare"), str(error))
        return None
    editor = session.host.editor
    editor.show_level(())  # the marks are on the file's own shapes
    new = editor.root
    diff = diff_documents(old, new, leads=editor.leads)
    # the tags' English words: the canvas says them in the language of the moment
    marks = {node_id: ADDED for node_id in diff.added_node_ids}
    marks.update({node_id: CHANGED for node_id in diff.changed_node_ids})
    editor.scene.show_comparison(marks, list(diff.nodes.removed))
    panel = _panel(session)
    panel.show_report(diff, old, new, old_path.name)
    return diff


def _panel(session: FileSession) -> ComparisonPanel:
    for dock in session.host.extra_docks:
        if isinstance(dock.widget(), ComparisonPanel):
            dock.show()
            dock.raise_()
            return dock.widget()  # type: ignore[return-value]
    dock = QDockWidget(_("Comparison"), session.parent_widget)
    dock.setObjectName("dock-Comparison")
    dock.setProperty("englishTitle", N_("Comparison"))
    dock.setWidget(ComparisonPanel(session))
    session.host.add_panel(dock, Qt.DockWidgetArea.RightDockWidgetArea)
    return dock.widget()  # type: ignore[return-value]


def run_compare_dialog(session: FileSession) -> None:
    start = str(session.path.parent) if session.path else str(Path.cwd())
    path, _filter = QFileDialog.getOpenFileName(
        session.parent_widget, _("Compare with another version"), start,
        _("Process files (*.yaml *.yml);;All files (*)"))
    if path:
        compare_with(session, Path(path))
