"""File > Export: the same export as `flowedit export`, with its options in a small dialog."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QWidget,
)

from flowedit.render.export import ExportError, ExportOptions, export_document, format_of

if TYPE_CHECKING:
    from flowedit.ui.main_window import MainWindow


class ExportOptionsDialog(QDialog):
    def __init__(self, fmt: str, lanes: list[tuple[str, str]], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Export as {fmt.upper()}")
        form = QFormLayout(self)
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.1, 10.0)
        self.scale.setSingleStep(0.5)
        self.scale.setValue(2.0 if fmt == "png" else 1.0)
        self.transparent = QCheckBox("Transparent background")
        self.transparent.setEnabled(fmt == "png")
        self.flags = QCheckBox("Mark shapes with problems (review copy)")
        self.metrics = QCheckBox("Include the metrics overlay")
        self.lane = QComboBox()
        self.lane.addItem("The whole process", None)
        for lane_id, name in lanes:
            self.lane.addItem(f"Only lane: {name}", lane_id)
        self.page = QComboBox()
        for text, value in (("Fit the page to the diagram", None), ("A4 landscape", "a4"),
                            ("Letter landscape", "letter")):
            self.page.addItem(text, value)
        self.page.setEnabled(fmt == "pdf")
        form.addRow("Scale", self.scale)
        form.addRow("Lanes", self.lane)
        form.addRow("Page", self.page)
        form.addRow(self.transparent)
        form.addRow(self.flags)
        form.addRow(self.metrics)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def options(self, leads: float) -> ExportOptions:
        return ExportOptions(scale=self.scale.value(), transparent=self.transparent.isChecked(),
                             flags=self.flags.isChecked(), metrics=self.metrics.isChecked(),
                             leads=leads, lane=self.lane.currentData(),
                             page=self.page.currentData())


def run_export_dialog(window: MainWindow, path: str | None = None,
                      options: ExportOptions | None = None) -> bool:
    """Asks where and how, then exports; a failure is shown and changes nothing."""
    editor = window.editor
    if path is None:
        base = window.path.with_suffix(".png") if window.path else Path(os.getcwd(), "process.png")
        path, _ = QFileDialog.getSaveFileName(
            window, "Export", str(base),
            "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)")
        if not path:
            return False
    try:
        fmt = format_of(path)
        if options is None:
            dialog = ExportOptionsDialog(fmt, [(lane.id, lane.name) for lane in editor.doc.lanes],
                                         window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            options = dialog.options(editor.leads)
        export_document(editor.doc, path, options)
    except ExportError as error:
        QMessageBox.critical(window, "Cannot export", str(error))
        return False
    window.statusBar().showMessage(f"Exported {path}", 8000)
    return True
