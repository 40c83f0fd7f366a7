"""How the quiz words its questions, choices and feedback: shared by the presenter's caption and
the printable worksheet, so both ask the same thing the same way. No widgets here."""

from __future__ import annotations

from flowedit.analysis import quiz
from flowedit.analysis.quiz import Question
from flowedit.analysis.walk import display_name
from flowedit.i18n import _
from flowedit.model import Document
from flowedit.render.handout import duration_text, paragraphs


def lane_text(doc: Document, lane_id: str) -> str:
    if not doc.has_lane(lane_id):
        return lane_id
    return " ".join(doc.lane(lane_id).name.split()) or lane_id


def choice_text(doc: Document, question: Question, choice: str) -> str:
    """A choice as people read it: a shape's name, a team's name, an owner, a duration."""
    if question.names_shapes:
        return display_name(doc.nodes[choice])
    if question.kind == quiz.LANE:
        return lane_text(doc, choice)
    if question.kind == quiz.DURATION:
        return duration_text(float(choice)) or choice
    return choice


def edge_label(doc: Document, question: Question) -> str:
    edge = doc.edges.get(question.edge or "")
    return " ".join((edge.label or "").split()) if edge is not None else ""


def question_text(doc: Document, question: Question, branching: bool = False) -> str:
    """'Which stage comes next?', 'Who owns Prospecting?' …; `branching` names the branch."""
    name = display_name(doc.nodes[question.about])
    label = edge_label(doc, question)
    if question.kind == quiz.NO:
        return _("What happens when the answer is '{label}'?").format(label=label)
    if question.kind == quiz.LANE:
        return _("Which team gets the lead next?")
    if question.kind == quiz.OWNER:
        return _("Who owns {stage}?").format(stage=name)
    if question.kind == quiz.DURATION:
        return _("How long does {stage} take?").format(stage=name)
    if branching and label:
        return _("Branch '{label}': which stage comes next?").format(label=label)
    return _("Which stage comes next?")


def answer_text(doc: Document, question: Question) -> str:
    """The right answer in a sentence, as the worksheet's key and the review give it."""
    right = choice_text(doc, question, question.target)
    name = display_name(doc.nodes[question.about])
    if question.kind == quiz.LANE:
        return _("{team} takes the lead next ({stage}).").format(team=right, stage=name)
    if question.kind == quiz.OWNER:
        return _("{owner} owns {stage}.").format(owner=right, stage=name)
    if question.kind == quiz.DURATION:
        return _("{stage} takes {duration}.").format(stage=name, duration=right)
    return _("{stage} comes next.").format(stage=right)


def feedback_text(doc: Document, question: Question) -> str:
    """After an answer: 'Right! …' or 'Not quite: …' with the whole explanation (the
    description of the right stage for a 'which stage' question, never cut)."""
    if question.right:
        return _("Right! {answer}").format(answer=answer_text(doc, question))
    picked = choice_text(doc, question, question.picked or "")
    if not question.names_shapes:
        return _("Not quite, not {picked}: {answer}").format(
            picked=picked, answer=answer_text(doc, question))
    target = doc.nodes[question.target]
    explained = " ".join(paragraphs(target.description)) or _("It has no description yet.")
    return _("Not quite: {picked} is not next. Next comes {stage}: {description}").format(
        picked=picked, stage=display_name(target), description=explained)


def asked_at(doc: Document, question: Question) -> str:
    """The question with where it is asked: 'At Prospecting: which stage comes next?'."""
    edge = doc.edges.get(question.edge or "")
    where = edge.source if edge is not None else question.about
    return _("At {stage}: {question}").format(stage=display_name(doc.nodes[where]),
                                              question=question_text(
                                                  doc, question,
                                                  branching=len(doc.out_edges(where)) > 1))
