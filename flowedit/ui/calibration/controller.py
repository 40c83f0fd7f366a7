"""File › Calibrate from CRM Export…: the steps between the menu and the one undoable edit.
Pick the export, read it (a message on the file and row when it cannot be), show the mapping
dialog; on Apply calibrate with the mapping as the dialog shows it and apply it to the editor's
document, then turn the overlay on so that planned → measured is what the user sees next."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from flowedit.i18n import _, format_number

if TYPE_CHECKING:
    from flowedit.model.history import StageHistory
    from flowedit.ui.calibration.dialog import CalibrateDialog
    from flowedit.ui.editor import Editor
    from flowedit.ui.main_window import MainWindow


def calibrate_from_export(window: MainWindow) -> CalibrateDialog | None:
    """Asks for the export and opens the mapping dialog (window-modal, not blocking)."""
    from flowedit.io.crm_table import CrmExportError, read_crm_export
    from flowedit.model.history import DealSnapshot
    from flowedit.ui.calibration.dialog import CalibrateDialog

    title = _("Calibrate from CRM Export")
    start = str(window.session.path.parent) if window.session.path else str(Path.cwd())
    path, _filter = QFileDialog.getOpenFileName(
        window, title, start, _("CRM exports (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
    if not path:
        return None
    try:
        export = read_crm_export(path)
    except (CrmExportError, ValueError) as error:
        QMessageBox.warning(window, title, str(error))
        return None
    if isinstance(export, DealSnapshot):
        QMessageBox.information(window, title, _(
            "{file} is a snapshot (one row per deal): it has no stage history to measure "
            "arrows and days on. Run 'flowedit calibrate' on it for the win rate, days to win "
            "and deal value.").format(file=os.path.basename(path)))
        return None
    editor = window.editor
    dialog = CalibrateDialog(editor.doc, export, window)
    dialog.accepted.connect(lambda: _apply(window, editor, export, dialog))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def _apply(window: MainWindow, editor: Editor, export: StageHistory,
           dialog: CalibrateDialog) -> None:
    from flowedit.analysis.calibrate import CalibrationError, calibrate, data_findings

    if editor is not window.editor:  # another document was opened meanwhile
        return
    try:
        result = calibrate(editor.doc, export, dialog.mapping())
    except CalibrationError as error:
        QMessageBox.warning(window, _("Calibrate from CRM Export"), str(error))
        return
    report = result.report
    editor.apply_calibration(result.document, data_findings(editor.doc, report))
    window.overlay_action.setChecked(True)
    editor.report(_("Calibrated on {file}: {deals} deals from {start} to {end}; {missing} "
                    "transitions the drawing lacks, {unused} arrows unused").format(
        file=os.path.basename(report.source), deals=format_number(report.cases, 0),
        start=report.start, end=report.end, missing=format_number(len(report.missing), 0),
        unused=format_number(len(report.unused), 0)))
