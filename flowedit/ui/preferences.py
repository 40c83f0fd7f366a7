"""Preferences that persist between sessions (QSettings): grid size and snapping, and how a file
opens (whole diagram, or at 100 %). Window layout and recent files persist on their own."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QSpinBox,
    QWidget,
)

OPEN_FIT, OPEN_ACTUAL = "fit", "100%"


@dataclass
class Preferences:
    grid_size: int = 10
    snap: bool = True
    open_zoom: str = OPEN_FIT

    @classmethod
    def load(cls, settings: QSettings) -> Preferences:
        def number(key: str, default: int, low: int, high: int) -> int:
            try:
                return min(max(int(settings.value(key, default)), low), high)
            except (TypeError, ValueError):
                return default

        snap = str(settings.value("editor/snap", "true")).lower() not in ("false", "0")
        zoom = str(settings.value("editor/openZoom", OPEN_FIT))
        return cls(number("editor/gridSize", 10, 2, 100), snap,
                   zoom if zoom in (OPEN_FIT, OPEN_ACTUAL) else OPEN_FIT)

    def save(self, settings: QSettings) -> None:
        settings.setValue("editor/gridSize", self.grid_size)
        settings.setValue("editor/snap", "true" if self.snap else "false")
        settings.setValue("editor/openZoom", self.open_zoom)


class PreferencesDialog(QDialog):
    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setObjectName("preferencesDialog")
        form = QFormLayout(self)
        self.grid = QSpinBox()
        self.grid.setObjectName("gridSize")
        self.grid.setRange(2, 100)
        self.grid.setSuffix(" px")
        self.grid.setValue(current.grid_size)
        self.snap = QCheckBox("Snap shapes to the grid (hold Alt to move freely)")
        self.snap.setObjectName("snap")
        self.snap.setChecked(current.snap)
        self.zoom = QComboBox()
        self.zoom.setObjectName("openZoom")
        self.zoom.addItem("Show the whole process", OPEN_FIT)
        self.zoom.addItem("Actual size (100 %)", OPEN_ACTUAL)
        self.zoom.setCurrentIndex(max(self.zoom.findData(current.open_zoom), 0))
        form.addRow("Grid size", self.grid)
        form.addRow(self.snap)
        form.addRow("Open files at", self.zoom)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> Preferences:
        return Preferences(self.grid.value(), self.snap.isChecked(), self.zoom.currentData())
