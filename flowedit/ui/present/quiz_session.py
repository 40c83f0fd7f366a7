"""A quiz run for one trainee on the presenter: the name typed at its start, and the result
appended to the trainer's CSV file (flowedit.io.quiz_results) when the walk reaches an end, or
when the presenter closes with questions answered.

Only with a results file: without one the quiz starts at once and saves nothing. Home after a
saved run asks for the next trainee's name. Keys typed into the name field stay there; Enter
starts the quiz, Esc (which the field does not take) ends the presentation as usual.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QVBoxLayout

from flowedit.analysis.walk import display_name
from flowedit.i18n import _
from flowedit.io import FlowSaveError
from flowedit.io.quiz_results import QuizResult, append_result

if TYPE_CHECKING:
    from flowedit.ui.present.presentation import PresentationWindow


class QuizSession(QObject):
    """The name prompt and the saving of results for `window`'s quiz (see the module)."""

    def __init__(self, window: PresentationWindow, results: str | os.PathLike[str] | None) -> None:
        super().__init__(window)
        self.window = window
        self.results = Path(results) if results is not None and window.quiz else None
        self.name = ""
        self.saved = False
        #: What the last save said (shown bottom right; tests read it).
        self.status = ""
        self.prompt = QFrame(window)
        self.prompt.setObjectName("quizName")
        self.prompt.setStyleSheet("QFrame#quizName { background: #1c262b; border: 2px solid "
                                  "#ffca28; border-radius: 12px; } QLabel { color: white; "
                                  "font-size: 22px; } QLineEdit { font-size: 22px; padding: 6px; }")
        layout = QVBoxLayout(self.prompt)
        layout.setContentsMargins(24, 18, 24, 18)
        label = QLabel(_("Your name (saved with your score), then Enter:"), self.prompt)
        label.setWordWrap(True)
        self.name_field = QLineEdit(self.prompt)
        self.name_field.setObjectName("quizNameField")
        self.name_field.setPlaceholderText(_("Name"))
        self.name_field.returnPressed.connect(self._named)
        layout.addWidget(label)
        layout.addWidget(self.name_field)
        self.prompt.hide()
        self.notice = QLabel(window)
        self.notice.setObjectName("quizSaved")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setStyleSheet("background: #263238; color: #e0e0e0; padding: 6px 12px;"
                                  " border-radius: 8px; font-size: 15px;")
        self.notice.hide()

    @property
    def asking_name(self) -> bool:
        return self.prompt.isVisible()

    def begin(self) -> None:
        """At the start of a run: asks for the trainee's name when results are saved."""
        if self.results is None:
            return
        self.name_field.setText(self.name)
        self.name_field.selectAll()
        self.place()
        self.prompt.show()
        self.prompt.raise_()
        self.name_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _named(self) -> None:
        name = " ".join(self.name_field.text().split())
        if not name:
            return
        self.name = name
        self.prompt.hide()
        self.window.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """After every change of the walk: saves at an end; a restart after a saved run is the
        next trainee's."""
        tour = self.window.tour
        if self.results is None:
            return
        if len(tour.path) == 1 and not tour.score[1]:
            if self.saved:
                self.saved = False
                self.notice.hide()
                self.begin()
            return
        if tour.finished and not self.saved:
            self.save(finished=True)

    def closing(self) -> None:
        """The presenter closes: a run with answers not saved yet is saved as unfinished."""
        if self.results is not None and not self.saved and self.window.tour.score[1]:
            self.save(finished=False)

    def save(self, finished: bool) -> None:
        tour = self.window.tour
        assert self.results is not None
        right, asked = tour.score
        missed = []
        for question in tour.all_questions():
            if question.answered and not question.right:
                name = display_name(tour.doc.nodes[question.about])
                if name not in missed:
                    missed.append(name)
        result = QuizResult(self.name or _("(no name)"),
                            dt.datetime.now().isoformat(timespec="minutes"), right, asked,
                            tuple(missed), tour.doc.title, finished)
        try:
            append_result(self.results, result)
        except (FlowSaveError, OSError) as error:
            reason = error.reason if isinstance(error, FlowSaveError) else error.strerror
            self.status = _("The result could not be saved to {file}: {reason}").format(
                file=os.fspath(self.results), reason=reason or str(error))
        else:
            self.saved = True
            self.status = _("Result saved for {name} in {file}").format(
                name=result.name, file=self.results.name)
        self.notice.setText(self.status)
        self.notice.adjustSize()
        self.place()
        self.notice.show()
        self.notice.raise_()

    def place(self) -> None:
        """Centres the name prompt and puts the saved notice top right (on every resize)."""
        window = self.window
        width = min(window.width() - 40, 620)
        self.prompt.setFixedWidth(max(200, width))
        self.prompt.adjustSize()
        self.prompt.move((window.width() - self.prompt.width()) // 2,
                         max(0, (window.height() - self.prompt.height()) // 3))
        self.notice.setMaximumWidth(max(100, window.width() - 40))
        self.notice.adjustSize()
        self.notice.move(max(0, window.width() - self.notice.width() - 20), 70)
