"""Preferences that persist between sessions (QSettings): grid size and snapping, how a file
opens (whole diagram, or at 100 %), the CSV file the quiz appends each trainee's result to, and
the language. Window layout and recent files persist on their own."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QWidget

from flowedit.i18n import N_, _, available_languages

OPEN_FIT, OPEN_ACTUAL = "fit", "100%"
#: Where quiz results go when the preferences name no file: the user's documents folder.
QUIZ_RESULTS_NAME = "flowedit-quiz-results.csv"
#: Preferences › Language: "" follows the system. Each language is named in its own words, so
#: a user who cannot read the current one still finds theirs.
LANGUAGE_NAMES = {"": N_("System"), "en": "English", "id": "Bahasa Indonesia",
                  "zh_CN": "简体中文"}


def default_quiz_results() -> str:
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return str(Path(documents) / QUIZ_RESULTS_NAME)


@dataclass
class Preferences:
    grid_size: int = 10
    snap: bool = True
    open_zoom: str = OPEN_FIT
    #: The CSV file View › Quiz appends results to ('' : the default in the documents folder).
    quiz_results: str = ""
    language: str = ""

    @property
    def quiz_results_file(self) -> str:
        return self.quiz_results.strip() or default_quiz_results()

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
                   zoom if zoom in (OPEN_FIT, OPEN_ACTUAL) else OPEN_FIT,
                   quiz_results=str(settings.value("quiz/resultsFile", "") or ""),
                   language=saved_language(settings))

    def save(self, settings: QSettings) -> None:
        settings.setValue("editor/gridSize", self.grid_size)
        settings.setValue("editor/snap", "true" if self.snap else "false")
        settings.setValue("editor/openZoom", self.open_zoom)
        settings.setValue("quiz/resultsFile", self.quiz_results)
        settings.setValue("ui/language", self.language)


def saved_language(settings: QSettings) -> str:
    """The language chosen in Preferences ('' for the system's, also for one no longer known)."""
    code = str(settings.value("ui/language", "") or "")
    return code if code in available_languages() else ""


class PreferencesDialog(QDialog):
    def __init__(self, current: Preferences, parent: QWidget | None = None) -> None:
        # Here, not at the top: the editor loads this module (for Preferences) before its first
        # paint, which needs none of these widgets.
        from PySide6.QtWidgets import (
            QCheckBox,
            QComboBox,
            QDialogButtonBox,
            QFormLayout,
            QLineEdit,
            QSpinBox,
        )

        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.setObjectName("preferencesDialog")
        form = QFormLayout(self)
        self.grid = QSpinBox()
        self.grid.setObjectName("gridSize")
        self.grid.setRange(2, 100)
        self.grid.setSuffix(_(" px"))
        self.grid.setValue(current.grid_size)
        self.snap = QCheckBox(_("Snap shapes to the grid (hold Alt to move freely)"))
        self.snap.setObjectName("snap")
        self.snap.setChecked(current.snap)
        self.zoom = QComboBox()
        self.zoom.setObjectName("openZoom")
        self.zoom.addItem(_("Show the whole process"), OPEN_FIT)
        self.zoom.addItem(_("Actual size (100 %)"), OPEN_ACTUAL)
        self.zoom.setCurrentIndex(max(self.zoom.findData(current.open_zoom), 0))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in ["", *available_languages()]:
            name = LANGUAGE_NAMES.get(code, code)
            self.language.addItem(_(name) if code == "" else name, code)
        self.language.setCurrentIndex(max(self.language.findData(current.language), 0))
        form.addRow(_("Grid size"), self.grid)
        form.addRow(self.snap)
        form.addRow(_("Open files at"), self.zoom)
        self.quiz_results = QLineEdit(current.quiz_results)
        self.quiz_results.setObjectName("quizResults")
        self.quiz_results.setPlaceholderText(default_quiz_results())
        self.quiz_results.setToolTip(_("View › Quiz asks each trainee's name and adds the score "
                                       "to this CSV file"))
        form.addRow(_("Quiz results file"), self.quiz_results)
        form.addRow(_("Language"), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> Preferences:
        return Preferences(self.grid.value(), self.snap.isChecked(), self.zoom.currentData(),
                           quiz_results=self.quiz_results.text().strip(),
                           language=self.language.currentData())
