"""`flowedit present FILE --quiz --worksheet OUT.pdf` (issue 16): a printable quiz with its
answer key, the questions the presenter asks with the same --seed along the clicker's route."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from flowedit.cli.main import main
from flowedit.io import load_document
from flowedit.render.quiz_worksheet import LETTERS, worksheet_questions

ROOT = Path(__file__).resolve().parents[2]
B2B = ROOT / "samples" / "b2b-sales.yaml"


def test_the_worksheet_lists_every_question_and_its_answer(tmp_path, capsys) -> None:
    out = tmp_path / "quiz.pdf"
    assert main(["present", str(B2B), "--quiz", "--worksheet", str(out), "--seed", "3"]) == 0
    pages = [" ".join(unicodedata.normalize("NFKC", page.extract_text()).split())
             for page in PdfReader(out).pages]
    assert len(pages) >= 2
    text = "\n".join(pages)
    questions = worksheet_questions(load_document(B2B), seed=3)
    assert len(questions) >= 15
    assert "Name:" in pages[0] and f"/ {len(questions)}" in pages[0]
    key = text[text.index("Answer key"):]
    assert "Answer key" not in pages[0]  # the key is on a page of its own
    for number, question in enumerate(questions, start=1):
        letter = LETTERS[question.choices.index(question.target)]
        assert re.search(rf"\b{number}\.\s*{letter}\b", key), (number, letter)
    assert "Who owns" in text and "How long does" in text
    assert "Which team gets the lead next?" in text
    assert "What happens when the answer is 'No'?" in text


def test_the_worksheet_must_be_a_pdf(tmp_path, capsys) -> None:
    assert main(["present", str(B2B), "--quiz", "--worksheet", str(tmp_path / "q.png")]) == 2
    assert "PDF" in capsys.readouterr().err


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Fonts need a QGuiApplication: pytest-qt's."""
