"""The mapping dialog: which columns were read, and each CRM stage with the shape it stands for,
pre-filled the way `flowedit calibrate` maps them and editable; stages left unmapped are listed
(their rows are left out, never silently). Nothing changes until Apply."""

from __future__ import annotations

import os

import numpy as np
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from flowedit.analysis.calibrate import StageMapping, map_stages
from flowedit.i18n import N_, _, format_number
from flowedit.model import Document, NodeKind
from flowedit.model.history import StageHistory
from flowedit.ui.labels import one_line

#: Column roles as the dialog names them.
_ROLES = {"case": N_("deal"), "stage": N_("stage"), "time": N_("time"), "amount": N_("amount")}


class CalibrateDialog(QDialog):
    def __init__(self, doc: Document, history: StageHistory,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrateDialog")
        self.setWindowTitle(_("Calibrate from CRM Export"))
        self.doc = doc
        self.history = history
        guess = map_stages(doc, history.stage_names)
        rows = np.bincount(history.stage, minlength=len(history.stage_names)).tolist()
        self.rows = dict(zip(history.stage_names, rows, strict=True))
        columns = ", ".join(
            f"{column} ({_(_ROLES.get(role, role))})"
            for role, column in history.columns.items())
        summary = QLabel(_("{file}: {rows} rows of {deals} deals. Columns used: {columns}").format(
            file=os.path.basename(history.source), rows=format_number(len(history), 0),
            deals=format_number(len(history.case_names), 0), columns=columns))
        summary.setWordWrap(True)
        self.table = QTableWidget(len(history.stage_names), 3)
        self.table.setObjectName("mappingTable")
        self.table.setHorizontalHeaderLabels([_("CRM stage"), _("rows"), _("shape")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        targets = [n for n in doc.nodes.values() if n.kind in (NodeKind.STAGE, NodeKind.END)]
        self.combos: dict[str, QComboBox] = {}
        for row, name in enumerate(history.stage_names):
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(format_number(self.rows[name], 0)))
            combo = QComboBox()
            combo.addItem(_("(not mapped)"), ())
            chosen = guess.nodes.get(name, ())
            if len(chosen) > 1:  # "Closed Lost" for every lost end: resolved per deal
                combo.addItem(_("any of: {shapes}").format(
                    shapes=", ".join(one_line(doc.nodes[n].name) for n in chosen)), chosen)
            for node in targets:
                combo.addItem(f"{one_line(node.name) or node.id} ({node.id})", (node.id,))
            combo.setCurrentIndex(next((i for i in range(combo.count())
                                        if tuple(combo.itemData(i) or ()) == chosen), 0))
            combo.currentIndexChanged.connect(self._update_unmapped)
            self.table.setCellWidget(row, 2, combo)
            self.combos[name] = combo
        self.unmapped = QLabel()
        self.unmapped.setObjectName("unmappedStages")
        self.unmapped.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(_("Apply"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel(_("Which shape does each CRM stage stand for?")))
        layout.addWidget(self.table)
        layout.addWidget(self.unmapped)
        layout.addWidget(buttons)
        self.resize(640, 480)
        self._update_unmapped()

    def mapping(self) -> StageMapping:
        """The mapping as the dialog shows it now."""
        nodes, how, unmapped = {}, {}, []
        for name, combo in self.combos.items():
            chosen = tuple(combo.currentData() or ())
            if chosen:
                nodes[name], how[name] = chosen, "map"
            else:
                unmapped.append(name)
        return StageMapping(nodes, how, unmapped)

    def _update_unmapped(self) -> None:
        left_out = self.mapping().unmapped
        if not left_out:
            self.unmapped.setText(_("Every CRM stage is mapped to a shape."))
        else:
            self.unmapped.setText(_("Not mapped, left out: {stages}").format(stages=", ".join(
                _("{stage} ({rows} rows)").format(stage=name,
                                                  rows=format_number(self.rows[name], 0))
                for name in left_out)))
