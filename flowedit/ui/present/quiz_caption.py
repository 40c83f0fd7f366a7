"""What the presentation's caption says during a quiz: the question, its numbered answers, the
feedback after an answer (whole, word-wrapped: never cut with '…'), the review of the missed
questions at the end, and the score pill. Kept apart from the presenter (presentation.py) so that
the quiz and the presenter can change independently; the presenter copies a `QuizText` into its
caption.

While a question is open the caption hides what would answer it: the names offered are blanked
from the current stage's description, and the owner or duration asked about from its facts.

Reads the tour only; no widgets here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flowedit.analysis import quiz
from flowedit.analysis.quiz import Question
from flowedit.analysis.tour import Tour
from flowedit.analysis.walk import display_name
from flowedit.i18n import _, format_number, ngettext
from flowedit.render.handout import duration_text
from flowedit.render.quiz_text import (
    answer_text,
    asked_at,
    choice_text,
    feedback_text,
    question_text,
)

#: How many missed questions the end's review lists in the caption (the results file has all).
REVIEW_LINES = 6


@dataclass
class QuizText:
    """The quiz's part of the caption: `choices` are (number, text, state) with state right,
    wrong or ''; `description` and `facts` None keep the stage's own."""

    prompt: str = ""
    feedback: str = ""
    feedback_state: str = ""
    choices: list[tuple[int, str, str]] = field(default_factory=list)
    description: str | None = None
    facts: str | None = None


def _range(count: int) -> str:
    return "1" if count == 1 else f"1–{count}"


def score_text(tour: Tour) -> str:
    """The pill top right: 'Quiz' until the first answer, then 'Quiz · 5 of 6 right'."""
    right, asked = tour.score
    if not asked:
        return _("Quiz")
    return _("Quiz · {right} of {asked} right").format(right=format_number(right, 0),
                                                       asked=format_number(asked, 0))


def quiz_text(tour: Tour, nudged: bool, branch_text: Callable[[int, bool], str],
              description: str = "", facts: str = "") -> QuizText:
    """The quiz caption for the tour's state; `branch_text(n, hide)` words the n-th branch;
    `description` and `facts` are the caption's own, to hide answers from."""
    open_question = tour.open_question
    text = QuizText()
    last = tour.last_answered
    if last is not None:
        text.feedback = feedback_text(tour.doc, last)
        text.feedback_state = "right" if last.right else "wrong"
        if not last.right:
            text.description = ""  # the explanation needs the room more than the stage
    if open_question is not None:
        _ask(tour, open_question, nudged, text, description, facts)
        return text
    if tour.branching and tour.branch is None:
        count = len(tour.options)
        text.prompt = _("Pick a branch: press {keys} (→ takes the most likely); then guess "
                        "where it leads").format(keys=_range(count))
        text.choices = [(n, branch_text(n, True), "") for n in range(1, count + 1)]
        return text
    if last is None:  # nothing else in the process to choose from: just show it
        edge_id = tour.pending_edge or ""
        name = display_name(tour.doc.nodes[tour.doc.edges[edge_id].target])
        text.prompt = _("Next: {stage}   (press →)").format(stage=name)
        return text
    text.prompt = _("Press → to go on")
    text.choices = _choices(tour, last)
    return text


def _ask(tour: Tour, question: Question, nudged: bool, text: QuizText, description: str,
         facts: str) -> None:
    doc = tour.doc
    asked = question_text(doc, question, branching=tour.branching)
    keys = _range(len(question.choices))
    text.prompt = (_("Answer first — {question} Press {keys}") if nudged
                   else _("{question} Press {keys}")).format(question=asked, keys=keys)
    text.choices = _choices(tour, question)
    current = doc.nodes[tour.current or ""]
    names = [choice_text(doc, question, choice) for choice in question.choices]
    if question.kind == quiz.OWNER:
        text.facts = facts.replace(choice_text(doc, question, question.target), "?")
    elif question.kind == quiz.DURATION:
        shown = duration_text(current.duration_days) or ""
        text.facts = facts.replace(shown, "?") if shown else facts
    if text.description != "" and question.kind != quiz.DURATION:
        # a stage's name gives itself away by its words too; an owner or a team by its name
        text.description = quiz.redact(description, names, keep=display_name(current),
                                       words=question.names_shapes)


def _choices(tour: Tour, question: Question) -> list[tuple[int, str, str]]:
    result = []
    for number, choice in enumerate(question.choices, start=1):
        state = ""
        if question.answered and choice == question.target:
            state = "right"
        elif question.answered and choice == question.picked:
            state = "wrong"
        result.append((number, choice_text(tour.doc, question, choice), state))
    return result


def review_text(tour: Tour) -> str:
    """At the end: the score, then each missed question with its right answer."""
    right, asked = tour.score
    lines = [_("Quiz score: {right} of {asked} right.").format(right=format_number(right, 0),
                                                               asked=format_number(asked, 0))]
    missed = [q for q in tour.all_questions() if q.answered and not q.right]
    doc = tour.doc
    for question in missed[:REVIEW_LINES]:
        lines.append(_("✗ {question} {answer} (answered: {picked})").format(
            question=asked_at(doc, question), answer=answer_text(doc, question),
            picked=choice_text(doc, question, question.picked or "")))
    if len(missed) > REVIEW_LINES:
        more = len(missed) - REVIEW_LINES
        lines.append(ngettext("and {count} more missed question",
                              "and {count} more missed questions", more).format(
            count=format_number(more, 0)))
    return "\n".join(lines)

