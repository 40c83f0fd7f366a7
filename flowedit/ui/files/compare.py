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
from flowedit.io import FlowFileError, load_document
from flowedit.model import Document

if TYPE_CHECKING:
    from flowedit.ui.files.session import FileSession

ADDED = ("New", QColor("#2e7d32"))
CHANGED = ("Changed", QColor("#1565c0"))


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} days"


def report_html(diff: DocumentDiff, old: Document, new: Document, old_name: str) -> str:
    """The comparison as the panel shows it (names, not ids, since managers read it)."""
    parts = [f"<h3>Compared with {html.escape(old_name)}</h3>"]
    if not diff.has_differences:
        return parts[0] + "<p>No differences.</p>"

    def listing(title: str, names: list[str]) -> None:
        if names:
            items = "".join(f"<li>{html.escape(name)}</li>" for name in names)
            parts.append(f"<b>{title}</b><ul>{items}</ul>")

    listing("Stages added", [node.name for node in diff.nodes.added])
    listing("Stages removed", [node.name for node in diff.nodes.removed])
    listing("Stages changed", [
        f"{change.new.name}: " + ", ".join(sorted(change.fields))
        for change in diff.nodes.changed])

    def arrow(edge, doc: Document) -> str:  # type: ignore[no-untyped-def]
        return f"{doc.nodes[edge.source].name} → {doc.nodes[edge.target].name}"

    listing("Arrows added", [arrow(edge, new) for edge in diff.edges.added])
    listing("Arrows removed", [arrow(edge, old) for edge in diff.edges.removed])
    listing("Arrows changed", [f"{arrow(change.new, new)}: " + ", ".join(sorted(change.fields))
                               for change in diff.edges.changed])
    listing("Lanes added", [lane.name for lane in diff.lanes.added])
    listing("Lanes removed", [lane.name for lane in diff.lanes.removed])
    metrics = diff.metrics
    if metrics is not None:
        if metrics.old is None or metrics.new is None:
            reason = metrics.old_error or metrics.new_error or ""
            parts.append(f"<p>No figures to compare: {html.escape(reason)}</p>")
        else:
            old_rate, new_rate = metrics.pair("win_rate")
            old_days, new_days = metrics.pair("days_to_win")
            old_neck, new_neck = metrics.pair("bottleneck")
            parts.append(
                "<b>Figures</b><ul>"
                f"<li>Win rate: {_percent(old_rate)} → {_percent(new_rate)}</li>"
                f"<li>Days to win: {_days(old_days)} → {_days(new_days)}</li>"
                f"<li>Bottleneck: {html.escape(_name(old, old_neck))} → "
                f"{html.escape(_name(new, new_neck))}</li></ul>")
    return "".join(parts)


def _name(doc: Document, node_id: str | None) -> str:
    return doc.nodes[node_id].name if node_id in doc.nodes else "—"


class ComparisonPanel(QWidget):
    def __init__(self, session: FileSession) -> None:
        super().__init__()
        self.setObjectName("comparisonPanel")
        self.session = session
        self.text = QTextBrowser()
        clear = QPushButton("Clear comparison")
        clear.clicked.connect(self.clear)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(clear)

    def clear(self) -> None:
        self.session.host.editor.scene.show_comparison({}, [])
        self.text.clear()


def compare_with(session: FileSession, old_path: Path) -> DocumentDiff | None:
    """Compares the open document (the new version) with the file at `old_path`."""
    try:
        old = load_document(old_path)
    except FlowFileError as error:
        QMessageBox.critical(session.parent_widget, "Cannot compare", str(error))
        return None
    editor = session.host.editor
    editor.show_level(())  # the marks are on the file's own shapes
    new = editor.root
    diff = diff_documents(old, new, leads=editor.leads)
    marks = {node_id: ADDED for node_id in diff.added_node_ids}
    marks.update({node_id: CHANGED for node_id in diff.changed_node_ids})
    editor.scene.show_comparison(marks, list(diff.nodes.removed))
    panel = _panel(session)
    panel.text.setHtml(report_html(diff, old, new, old_path.name))
    return diff


def _panel(session: FileSession) -> ComparisonPanel:
    for dock in session.host.extra_docks:
        if isinstance(dock.widget(), ComparisonPanel):
            dock.show()
            dock.raise_()
            return dock.widget()  # type: ignore[return-value]
    dock = QDockWidget("Comparison", session.parent_widget)
    dock.setObjectName("dock-Comparison")
    dock.setWidget(ComparisonPanel(session))
    session.host.add_panel(dock, Qt.DockWidgetArea.RightDockWidgetArea)
    return dock.widget()  # type: ignore[return-value]


def run_compare_dialog(session: FileSession) -> None:
    start = str(session.path.parent) if session.path else str(Path.cwd())
    path, _ = QFileDialog.getOpenFileName(session.parent_widget, "Compare with another version",
                                          start, "Process files (*.yaml *.yml);;All files (*)")
    if path:
        compare_with(session, Path(path))
