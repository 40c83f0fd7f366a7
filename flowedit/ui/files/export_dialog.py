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
    QLineEdit,
    QMessageBox,
    QWidget,
)

from flowedit.i18n import N_, _, ngettext
from flowedit.render.export import ExportError, ExportOptions, export_document
from flowedit.render.slides import export_slides

if TYPE_CHECKING:
    from flowedit.ui.files.session import FileSession


class ExportOptionsDialog(QDialog):
    """Format and options first, then where to save: what a person decides in that order."""

    def __init__(self, lanes: list[tuple[str, str]], parent: QWidget | None,
                 title: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export"))
        self.setObjectName("exportDialog")
        form = QFormLayout(self)
        self.format = QComboBox()
        self.format.setObjectName("exportFormat")
        for text, value in ((_("PNG image (for slides and chat)"), "png"),
                            (_("SVG drawing (for Word, web pages, Inkscape)"), "svg"),
                            (_("PDF document (for printing and email)"), "pdf")):
            self.format.addItem(text, value)
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.1, 10.0)
        self.scale.setSingleStep(0.5)
        self.transparent = QCheckBox(_("Transparent background"))
        self.flags = QCheckBox(_("Mark shapes with problems (review copy)"))
        self.metrics = QCheckBox(_("Include the metrics overlay (shares, days, bottleneck)"))
        # What makes a picture read on its own in a slide or a print (docs/export.md)
        self.show_title = QCheckBox(_("Title above the diagram:"))
        self.show_title.setObjectName("exportShowTitle")
        self.title = QLineEdit(title)
        self.title.setObjectName("exportTitle")
        self.title.setEnabled(False)
        self.show_title.toggled.connect(self.title.setEnabled)
        self.legend = QCheckBox(_("Legend of the shapes and colours"))
        self.legend.setObjectName("exportLegend")
        self.headline = QCheckBox(_("Headline figures (leads, win rate, days to win)"))
        self.headline.setObjectName("exportHeadline")
        self.details = QCheckBox(_("Owner and duration under each shape"))
        self.details.setObjectName("exportDetails")
        self.slide = QCheckBox(_("16:9 slides with text of at least 10 pt (a long process "
                                 "wraps into rows over several slides)"))
        self.slide.setObjectName("exportSlide")
        self.lane = QComboBox()
        self.lane.addItem(_("The whole process"), None)
        for lane_id, name in lanes:
            self.lane.addItem(_("Only lane: {name}").format(name=name), lane_id)
        self.page = QComboBox()
        for text, value in ((_("Fit the page to the diagram"), None), (_("A4 landscape"), "a4"),
                            (_("Letter landscape"), "letter")):
            self.page.addItem(text, value)
        form.addRow(_("Format"), self.format)
        form.addRow(_("Scale"), self.scale)
        form.addRow(_("Lanes"), self.lane)
        form.addRow(_("Page"), self.page)
        form.addRow(self.transparent)
        form.addRow(self.flags)
        form.addRow(self.metrics)
        form.addRow(self.show_title, self.title)
        form.addRow(self.legend)
        form.addRow(self.headline)
        form.addRow(self.details)
        form.addRow(self.slide)
        for option in (self.scale, self.page, self.transparent, self.show_title, self.legend,
                       self.headline):
            self.slide.toggled.connect(lambda on, option=option: option.setEnabled(not on))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(_("Choose where to save…"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._format_chosen)
        self._format_chosen()

    def fmt(self) -> str:
        return str(self.format.currentData())

    def _format_chosen(self) -> None:
        fmt = self.fmt()
        self.scale.setValue(2.0 if fmt == "png" else 1.0)
        self.transparent.setEnabled(fmt == "png")
        self.page.setEnabled(fmt == "pdf")

    def options(self, leads: float) -> ExportOptions:
        fmt = self.fmt()
        if self.slide.isChecked():  # a slide shows the diagram alone, at its own size
            return ExportOptions(flags=self.flags.isChecked(), metrics=self.metrics.isChecked(),
                                 leads=leads, lane=self.lane.currentData(),
                                 details=self.details.isChecked())
        return ExportOptions(scale=self.scale.value(),
                             transparent=fmt == "png" and self.transparent.isChecked(),
                             flags=self.flags.isChecked(), metrics=self.metrics.isChecked(),
                             leads=leads, lane=self.lane.currentData(),
                             page=self.page.currentData() if fmt == "pdf" else None,
                             title=self.title.text() if self.show_title.isChecked() else None,
                             legend=self.legend.isChecked(),
                             headline=self.headline.isChecked(),
                             details=self.details.isChecked())


_FILTERS = {"png": N_("PNG image (*.png)"), "svg": N_("SVG drawing (*.svg)"),
            "pdf": N_("PDF document (*.pdf)")}


def run_export_dialog(session: FileSession, path: str | None = None,
                      options: ExportOptions | None = None) -> bool:
    """Asks how, then where, then exports; a failure is shown and changes nothing."""
    window, editor = session.parent_widget, session.host.editor
    dialog = None
    if path is None:
        dialog = ExportOptionsDialog([(lane.id, lane.name) for lane in editor.root.lanes], window,
                                     editor.root.title)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        fmt = dialog.fmt()
        options = dialog.options(editor.leads)
        stem = session.path.stem if session.path else "process"
        folder = session.path.parent if session.path else Path(os.getcwd())
        path, _filter = QFileDialog.getSaveFileName(window, _("Export"),
                                                    str(folder / f"{stem}.{fmt}"),
                                                    _(_FILTERS[fmt]))
        if not path:
            return False
        if not Path(path).suffix:
            path += f".{fmt}"
    slides = dialog.slide.isChecked() if dialog is not None else False
    try:
        if slides:
            written = export_slides(editor.root, path, options or ExportOptions())
        else:
            export_document(editor.root, path, options or ExportOptions())
    except ExportError as error:
        QMessageBox.critical(window, _("Cannot export"), str(error))
        return False
    if slides and len(written) > 1:
        session.host.statusBar().showMessage(ngettext(
            "Exported {count} slide: {files}", "Exported {count} slides: {files}",
            len(written)).format(count=len(written), files=", ".join(map(str, written))), 8000)
    else:
        session.host.statusBar().showMessage(_("Exported {path}").format(path=path), 8000)
    return True
