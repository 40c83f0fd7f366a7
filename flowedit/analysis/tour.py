"""The walk through a process that presentation mode shows: where it is, the path taken, the branch
picked, and (in a quiz) the question asked and the score. Plain Python over a Document, no widgets:
the presentation window only draws this state and turns keys and clicks into its methods.

It only reads the document, never changes it.

Rules, as trainers use them:
- The walk begins at the first start in document order.
- `next()` follows the only arrow out of the current shape. Where several arrows leave (a decision,
  or a stage that splits), it does nothing until a branch is chosen with `choose(n)`: the n-th
  arrow in arrow order.
- `back()` returns along the path taken; `restart()` goes back to the start.
- Quiz: before each step the next shape is hidden and the rep picks it among three or four names
  of the same process (`answer(n)`). At a branch the trainer first chooses the branch, then the
  question is about that branch's target. After an answer, right or wrong, the target is revealed
  and `next()` goes there. Choices are drawn from a random generator seeded with the quiz seed and
  the step, so the same seed asks the same questions. Going back forgets the answers given beyond
  the point gone back to (the score is the score of the path shown).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from flowedit.analysis.walk import display_name, first_start, outgoing
from flowedit.model import Document, Edge, NodeKind

#: How many names a quiz question offers at most: the right one and up to three others.
QUIZ_CHOICES = 4


@dataclass
class Question:
    """Which shape comes next along `edge`: `choices` are node ids, `picked` the one chosen."""

    edge: str
    target: str
    choices: list[str]
    picked: str | None = None

    @property
    def answered(self) -> bool:
        return self.picked is not None

    @property
    def right(self) -> bool | None:
        return None if self.picked is None else self.picked == self.target


@dataclass
class Step:
    """How the walk arrived at a shape: the arrow followed and the question asked about it."""

    edge: str
    question: Question | None = None


@dataclass
class Tour:
    doc: Document
    quiz: bool = False
    seed: int = 0
    path: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    #: The arrow chosen at a branch and not followed yet (quiz: while its question is open).
    branch: str | None = None
    question: Question | None = None

    def __post_init__(self) -> None:
        self.restart()

    # ------------------------------------------------------------------ state
    @property
    def current(self) -> str | None:
        return self.path[-1] if self.path else None

    @property
    def options(self) -> list[Edge]:
        """The arrows out of the current shape, in the order their numbers are given."""
        return outgoing(self.doc, self.current) if self.current is not None else []

    @property
    def branching(self) -> bool:
        """Several ways out: the trainer must pick one."""
        return len(self.options) > 1

    @property
    def finished(self) -> bool:
        """At an end, or at a shape no arrow leaves (the walk cannot go on)."""
        return self.current is not None and not self.options

    @property
    def at_end(self) -> bool:
        return self.current is not None and self.doc.nodes[self.current].kind is NodeKind.END

    @property
    def pending_edge(self) -> str | None:
        """The arrow `next()` would follow now, or None when a choice or an answer is missing."""
        if self.question is not None and not self.question.answered:
            return None
        if self.branch is not None:
            return self.branch
        options = self.options
        if len(options) == 1 and not self.quiz:
            return options[0].id
        return None

    @property
    def score(self) -> tuple[int, int]:
        """(right answers, questions answered) along the path shown, the open question included."""
        questions = [step.question for step in self.steps if step.question is not None]
        if self.question is not None:
            questions.append(self.question)
        answered = [q for q in questions if q.answered]
        return sum(1 for q in answered if q.right), len(answered)

    @property
    def choices(self) -> list[str]:
        """The node ids the open quiz question offers (empty when none is open)."""
        return list(self.question.choices) if self.question is not None else []

    def revealed(self, node_id: str) -> bool:
        """Whether a shape's name may be shown: always, except in a quiz before it is reached or
        its question answered."""
        if not self.quiz or node_id in self.path:
            return True
        edge_id = self.pending_edge
        return edge_id is not None and self.doc.edges[edge_id].target == node_id

    # ------------------------------------------------------------------ moving
    def restart(self) -> None:
        start = first_start(self.doc)
        if start is None and self.doc.nodes:
            start = next(iter(self.doc.nodes))
        self.path = [start] if start is not None else []
        self.steps = []
        self._arrive()

    def next(self) -> bool:
        """Goes on along the pending arrow; False (and nothing changes) when there is none."""
        edge_id = self.pending_edge
        if edge_id is None:
            return False
        question = self.question
        self.path.append(self.doc.edges[edge_id].target)
        self.steps.append(Step(edge_id, question))
        self._arrive()
        return True

    def choose(self, number: int) -> bool:
        """Picks the `number`-th arrow (1-based). Outside a quiz the walk follows it at once; in a
        quiz its question is asked first. False when there is no such arrow or a question is
        already open."""
        options = self.options
        if not 1 <= number <= len(options):
            return False
        return self.choose_edge(options[number - 1].id)

    def choose_edge(self, edge_id: str) -> bool:
        if edge_id not in {edge.id for edge in self.options}:
            return False
        if not self.quiz:
            self.branch = edge_id
            return self.next()
        if self.question is not None:
            return False
        self.branch = edge_id
        self.question = self._ask(edge_id)
        return True

    def choose_target(self, node_id: str) -> bool:
        """Picks the arrow leading to `node_id` (a click on a branch's target shape)."""
        for edge in self.options:
            if edge.target == node_id:
                return self.choose_edge(edge.id)
        return False

    def answer(self, number: int) -> bool:
        """Answers the open question with its `number`-th choice (1-based); once only."""
        question = self.question
        if question is None or question.answered or not 1 <= number <= len(question.choices):
            return False
        question.picked = question.choices[number - 1]
        return True

    def back(self) -> bool:
        """One step back: at a quiz branch whose question is open, back to choosing the branch;
        otherwise to the shape before along the path taken. False at the start."""
        if self.quiz and self.branching and self.branch is not None:
            self.branch = None
            self.question = None
            return True
        if len(self.path) <= 1:
            return False
        self.path.pop()
        self.steps.pop()
        self._arrive()
        return True

    # ------------------------------------------------------------------ quiz
    def _arrive(self) -> None:
        self.branch = None
        self.question = None
        if self.quiz and len(self.options) == 1:
            edge_id = self.options[0].id
            self.branch = edge_id
            self.question = self._ask(edge_id)

    def _ask(self, edge_id: str) -> Question | None:
        """The question 'what comes next along this arrow?', or None when the process has no other
        name to offer (the answer is then simply shown)."""
        target = self.doc.edges[edge_id].target
        right_name = display_name(self.doc.nodes[target]).casefold()
        names = {right_name}
        fresh: list[str] = []  # not walked yet: the more plausible wrong answers
        walked: list[str] = []
        for node in self.doc.nodes.values():
            name = display_name(node).casefold()
            if node.id in (target, self.current) or node.kind is NodeKind.START or name in names:
                continue
            names.add(name)
            (walked if node.id in self.path else fresh).append(node.id)
        wanted = QUIZ_CHOICES - 1
        if not fresh and not walked:
            return None
        rng = random.Random(f"{self.seed}/{len(self.path)}/{self.current}/{target}")
        others = rng.sample(fresh, min(wanted, len(fresh)))
        others += rng.sample(walked, min(wanted - len(others), len(walked)))
        choices = [target, *others]
        rng.shuffle(choices)
        return Question(edge_id, target, choices)
