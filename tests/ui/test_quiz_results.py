"""A quiz started from the editor (View › Quiz) for one trainee (issue 16): the name typed at
the start, no '0 of 0 right' before the first answer, the missed questions reviewed at the end,
and the result appended to the CSV file the preferences name (a temporary file here)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import choose_from_menu

from flowedit.io.quiz_results import read_results
from flowedit.ui.present import presentation_canvas
from flowedit.ui.present.quiz_caption import score_text

B2B = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


@pytest.fixture(autouse=True)
def _no_glide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(presentation_canvas, "ANIMATION_MS", 0)


def test_view_quiz_asks_the_name_reviews_the_misses_and_saves_the_result(qtbot, window,
                                                                        tmp_path) -> None:
    results = tmp_path / "class of may.csv"
    window.preferences.quiz_results = str(results)
    assert window.session.open_path(B2B, ask=False)
    choose_from_menu(qtbot, window, "View", "Quiz")
    qtbot.waitUntil(lambda: window.presentation is not None
                    and window.presentation.isVisible(), timeout=3000)
    shown = window.presentation
    session = shown.quiz_session
    qtbot.waitUntil(lambda: session.asking_name and session.name_field.hasFocus(),
                    timeout=2000)
    assert shown.quiz
    assert score_text(shown.tour) == "Quiz"  # not "Quiz · 0 of 0 right"
    assert "0 of 0" not in shown.caption_text()
    qtbot.keyClicks(session.name_field, "Ana Putri")
    qtbot.keyClick(session.name_field, Qt.Key.Key_Return)
    qtbot.waitUntil(shown.hasFocus, timeout=2000)
    assert not session.asking_name
    missed_about = []
    for count in range(400):
        if shown.finished:
            break
        question = shown.tour.open_question
        if question is not None:
            wrong = count % 3 == 0
            index = next(i for i, choice in enumerate(shown.choices)
                         if (choice == question.target) != wrong)
            if wrong:
                missed_about.append(shown.doc.nodes[question.about].name)
            qtbot.keyClick(shown, getattr(Qt.Key, f"Key_{index + 1}"))
        else:
            qtbot.keyClick(shown, Qt.Key.Key_PageDown)
    assert shown.finished
    right, asked = shown.score
    assert 0 < right < asked
    review = shown.caption.feedback
    assert f"Quiz score: {right} of {asked} right." in review
    assert "✗ At " in review and "answered:" in review
    assert "…" not in review
    rows = read_results(results)
    assert len(rows) == 1
    row = rows[0]
    assert row["name"] == "Ana Putri"
    assert (int(row["right"]), int(row["asked"])) == (right, asked)
    assert row["finished"] == "yes"
    assert row["date"].startswith(dt.date.today().isoformat()[:4])
    for name in missed_about:
        assert name in row["missed"]
    assert "Result saved for Ana Putri" in session.status
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.presentation is None, timeout=3000)
    assert len(read_results(results)) == 1  # saved once, not again on closing
