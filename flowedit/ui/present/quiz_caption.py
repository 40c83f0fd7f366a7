"""What the presentation's caption says during a quiz: the question, its numbered answers and the
feedback after an answer. Kept apart from the presenter (presentation.py) so that the quiz and the
presenter can change independently; the presenter copies a `QuizText` into its caption.

Reads the tour only; no widgets here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flowedit.analysis.tour import Question, Tour
from flowedit.analysis.walk import display_name
from flowedit.render.handout import paragraphs

#: A wrong answer's explanation quotes the right stage's description up to this length.
MAX_EXPLANATION = 260


@dataclass
class QuizText:
    """The quiz's part of the caption: `choices` are (number, text, state) with state right,
    wrong or ''; `description` None keeps the stage's own description."""

    prompt: str = ""
    feedback: str = ""
    feedback_state: str = ""
    choices: list[tuple[int, str, str]] = field(default_factory=list)
    description: str | None = None


def _range(count: int) -> str:
    return "1" if count == 1 else f"1–{count}"


def quiz_text(tour: Tour, nudged: bool, branch_text: Callable[[int, bool], str]) -> QuizText:
    """The quiz caption for the tour's state; `branch_text(n, hide)` words the n-th branch."""
    question = tour.question
    if tour.branching and tour.branch is None:
        count = len(tour.options)
        return QuizText(prompt=(f"Pick a branch: press {_range(count)} (→ takes the most likely); "
                                f"then guess where it leads"),
                        choices=[(n, branch_text(n, True), "") for n in range(1, count + 1)])
    if question is None:  # nothing else in the process to choose from: just show it
        edge_id = tour.pending_edge or ""
        name = display_name(tour.doc.nodes[tour.doc.edges[edge_id].target])
        return QuizText(prompt=f"Next: {name}   (press →)")
    return _question(tour, question, nudged)


def _question(tour: Tour, question: Question, nudged: bool) -> QuizText:
    doc = tour.doc
    text = QuizText()
    edge = doc.edges[question.edge]
    label = " ".join((edge.label or "").split())
    lead = f"Branch '{label}': which" if tour.branching and label else "Which"
    if not question.answered:
        text.prompt = (("Answer first — " if nudged else "")
                       + f"{lead} stage comes next? Press {_range(len(question.choices))}")
    else:
        text.prompt = "Press → to go on"
    for number, node_id in enumerate(question.choices, start=1):
        state = ""
        if question.answered and node_id == question.target:
            state = "right"
        elif question.answered and node_id == question.picked:
            state = "wrong"
        text.choices.append((number, display_name(doc.nodes[node_id]), state))
    if not question.answered:
        return text
    target = doc.nodes[question.target]
    if question.right:
        text.feedback = f"Right! {display_name(target)} comes next."
        text.feedback_state = "right"
        return text
    picked = doc.nodes[question.picked or ""]
    explained = " ".join(paragraphs(target.description)) or "It has no description yet."
    text.feedback = _short(f"Not quite: {display_name(picked)} is not next. Next comes "
                           f"{display_name(target)}: {explained}", MAX_EXPLANATION)
    text.feedback_state = "wrong"
    text.description = ""  # the explanation needs the room more than the stage discussed
    return text


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
