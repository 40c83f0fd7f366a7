"""A printable quiz worksheet with its answer key (PDF): the questions the presenter's quiz asks
along the clicker's route (the default branch at each decision), each with lettered choices, a
line for the trainee's name, date and score, and the answers on a page of their own.

`flowedit present FILE --quiz --worksheet OUT.pdf` writes one; the same `--seed` asks the same
questions as the presenter does. Laid out by QTextDocument, so the text can be selected and
searched, Chinese included (as in the handout).
"""

from __future__ import annotations

import html
import os
from collections.abc import Collection

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from flowedit import __version__
from flowedit.analysis.quiz import ALL_KINDS, Question
from flowedit.analysis.tour import Tour
from flowedit.i18n import _
from flowedit.io import FlowSaveError
from flowedit.io.atomic import write_atomic
from flowedit.model import Document
from flowedit.render import style
from flowedit.render.export import PAGES, SCENE_DPI, ExportError, document_text
from flowedit.render.pdf_text import restore_han
from flowedit.render.quiz_text import answer_text, asked_at, choice_text

LETTERS = "ABCD"


def worksheet_questions(doc: Document, seed: int = 0,
                        kinds: Collection[str] = ALL_KINDS) -> list[Question]:
    """The questions along the clicker's route, answered right so the walk goes on."""
    tour = Tour(doc, quiz=True, seed=seed, kinds=kinds)
    for _step in range(8 * max(len(doc.nodes), 1)):  # bounded: a loop is gone round once
        question = tour.open_question
        if question is not None:
            tour.answer(question.choices.index(question.target) + 1)
        elif tour.finished or not tour.next():
            break
    return [q for q in tour.all_questions() if q.answered]


def worksheet_html(doc: Document, questions: list[Question]) -> str:
    def esc(text: str) -> str:
        return html.escape(text, quote=True)

    title = " ".join(doc.title.split())
    heading = _("{title} — quiz").format(title=title)
    blanks = _("Name: {blank}    Date: {date}    Score: {score}").format(
        blank="_" * 24, date="_" * 12, score=f"____ / {len(questions)}")
    parts = [f"<h1 style='font-size:18pt; margin:0'>{esc(heading)}</h1>",
             f"<p style='margin-top:10px; font-size:12pt'>{esc(blanks)}</p>",
             f"<p style='color:#455a64'>{esc(_('Circle one answer per question.'))}</p>"]
    for number, question in enumerate(questions, start=1):
        choices = "&nbsp;&nbsp;&nbsp; ".join(
            f"<b>{LETTERS[i]}</b>&nbsp;{esc(choice_text(doc, question, choice))}"
            for i, choice in enumerate(question.choices))
        parts.append(f"<p style='margin-top:9px; margin-bottom:0'><b>{number}.</b> "
                     f"{esc(asked_at(doc, question))}</p>"
                     f"<p style='margin-top:2px; margin-left:18px'>{choices}</p>")
    parts.append("<h1 style='font-size:16pt; page-break-before:always'>"
                 f"{esc(_('Answer key'))}</h1>")
    for number, question in enumerate(questions, start=1):
        letter = LETTERS[question.choices.index(question.target)]
        parts.append(f"<p style='margin:3px 0'><b>{number}. {letter}</b> — "
                     f"{esc(answer_text(doc, question))}</p>")
    return "".join(parts)


def render_worksheet(doc: Document, seed: int = 0, page: str = "a4",
                     kinds: Collection[str] = ALL_KINDS) -> bytes:
    """The worksheet's PDF bytes."""
    if QGuiApplication.instance() is None:
        raise ExportError(_("exporting needs a QGuiApplication (for fonts); create one first"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(SCENE_DPI)
    writer.setTitle(_("{title} — quiz").format(title=doc.title))
    writer.setCreator(f"flowedit {__version__}")
    writer.setPageLayout(QPageLayout(QPageSize(PAGES[page]), QPageLayout.Orientation.Portrait,
                                     QMarginsF(16, 16, 16, 16), QPageLayout.Unit.Millimeter))
    text = QTextDocument()
    text.documentLayout().setPaintDevice(writer)
    text.setDefaultFont(style.text_font(10.5))
    text.setHtml(worksheet_html(doc, worksheet_questions(doc, seed, kinds)))
    text.setPageSize(QSizeF(writer.width(), writer.height()))  # the page's own margins only
    text.print_(writer)
    buffer.close()
    return restore_han(bytes(data.data()), document_text(doc))


def export_worksheet(doc: Document, path: str | os.PathLike[str], seed: int = 0,
                     page: str = "a4") -> None:
    """Writes the worksheet PDF to `path` atomically; raises ExportError saying why it failed."""
    data = render_worksheet(doc, seed, page)
    try:
        write_atomic(path, data)
    except FlowSaveError as error:
        raise ExportError(_("cannot write {file}: {reason}").format(
            file=os.fspath(path), reason=error.reason)) from None
