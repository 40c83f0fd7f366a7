"""The walk through a process that presentation mode shows: where it is, the path taken, the branch
picked, and (in a quiz) the question asked and the score. Plain Python over a Document, no widgets:
the presentation window only draws this state and turns keys and clicks into its methods.

It only reads the document, never changes it.

Rules, as trainers use them:
- The walk begins at the first start in document order.
- `next()` follows the only arrow out of the current shape. Where several arrows leave (a decision,
  or a stage that splits), it follows the default branch (`default_branch`: the most likely one,
  so a trainer with a clicker gets through the whole process); `choose(n)` takes the n-th arrow in
  arrow order instead.
- `back()` returns along the path taken; `restart()` goes back to the start.
- Quiz: before each step the next shape is hidden and the rep picks it among three or four names
  of the same process (`answer(n)`). At a branch the trainer first chooses the branch, then the
  question is about that branch's target. After an answer, right or wrong, the target is revealed
  and `next()` goes there. Choices are drawn from a random generator seeded with the quiz seed and
  the step, so the same seed asks the same questions. Going back forgets the answers given beyond
  the point gone back to (the score is the score of the path shown).
- A step may ask several questions, one after the other (`kinds` chooses which kinds are asked,
  flowedit.analysis.quiz): at every second stage first who owns it or how long it takes (in
  turn); at a hand-off to another lane which team gets the lead next; then which stage comes next
  (worded "what happens when the answer is No?" on a No arrow); and at a decision whose No arrow
  was not taken, what happens when the answer is No.
- While a question is open the quiz hides what would answer it (`revealed`, `shown`,
  `label_shown`): the shapes the current one leads to, even those walked before, and every shape
  offered as a choice, show '?' without their arrows' labels; when the choices are not all of the
  answer's kind, those shapes also hide their kind.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Collection
from dataclasses import dataclass, field

from flowedit.analysis import quiz as questions
from flowedit.analysis.quiz import QUIZ_CHOICES, Question
from flowedit.analysis.walk import first_start, outgoing
from flowedit.model import Document, Edge, Node, NodeKind

__all__ = ["QUIZ_CHOICES", "Question", "Step", "Tour"]


@dataclass
class Step:
    """How the walk arrived at a shape: the arrow followed and the questions asked on the way."""

    edge: str
    questions: list[Question] = field(default_factory=list)

    @property
    def question(self) -> Question | None:
        """The question about the arrow followed (which stage came next), if one was asked."""
        return next((q for q in self.questions if q.edge == self.edge and q.names_shapes), None)


@dataclass
class Tour:
    doc: Document
    quiz: bool = False
    seed: int = 0
    #: The kinds of question a quiz asks (flowedit.analysis.quiz.ALL_KINDS).
    kinds: Collection[str] = questions.ALL_KINDS
    path: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    #: The arrow chosen at a branch and not followed yet (quiz: while its questions are open).
    branch: str | None = None
    #: The questions of the step on screen, in the order they are asked.
    asked: list[Question] = field(default_factory=list)

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
    def default_branch(self) -> Edge | None:
        """The arrow Next follows at a branch: the most likely (the first among equals, arrows
        without a probability last), skipping arrows already taken from this shape on the path
        so that a loop (nurture, rework) is gone round once and the walk then moves on."""
        options = self.options
        if not options:
            return None
        taken = {step.edge for step in self.steps}
        fresh = [edge for edge in options if edge.id not in taken] or options
        return max(fresh, key=lambda edge: -1.0 if edge.probability is None else edge.probability)

    @property
    def expected_steps(self) -> int:
        """How many shapes the walk shows from the start to an end if Next is pressed from here
        on (the default branch at each decision): the "of ~N" of a progress marker. Bounded, so a
        walk that could go round for ever still counts."""
        ahead = Tour(self.doc, seed=self.seed)
        ahead.path, ahead.steps = list(self.path), list(self.steps)
        ahead.branch, ahead.asked = None, []
        limit = len(self.path) + 2 * len(self.doc.nodes)
        while len(ahead.path) < limit and ahead.next():
            pass
        return len(ahead.path)

    @property
    def pending_edge(self) -> str | None:
        """The arrow `next()` would follow now, or None when a choice or an answer is missing."""
        if self.open_question is not None:
            return None
        if self.branch is not None:
            return self.branch
        if self.options and not self.quiz:
            edge = self.default_branch
            return edge.id if edge is not None else None
        return None

    @property
    def score(self) -> tuple[int, int]:
        """(right answers, questions answered) along the path shown, the open question included."""
        answered = [q for q in self.all_questions() if q.answered]
        return sum(1 for q in answered if q.right), len(answered)

    def all_questions(self) -> list[Question]:
        """Every question asked along the path shown, in order, the current step's included."""
        return [q for step in self.steps for q in step.questions] + list(self.asked)

    @property
    def open_question(self) -> Question | None:
        """The question waiting for an answer, if any."""
        return next((q for q in self.asked if not q.answered), None)

    @property
    def question(self) -> Question | None:
        """The question on screen: the open one, else the last one answered in this step."""
        return self.open_question or (self.asked[-1] if self.asked else None)

    @property
    def last_answered(self) -> Question | None:
        """The question of this step answered last (its feedback is shown)."""
        done = [q for q in self.asked if q.answered]
        return done[-1] if done else None

    @property
    def choices(self) -> list[str]:
        """What the open quiz question offers (node ids for a 'which stage' question; empty
        when none is open)."""
        question = self.open_question
        return list(question.choices) if question is not None else []

    def _hidden(self) -> set[str]:
        """Shapes whose names would answer an open question (see the module's docstring)."""
        if not self.quiz or self.current is None:
            return set()
        hidden = {edge.target for edge in self.options}
        question = self.open_question
        if question is not None and question.names_shapes:
            hidden.update(question.choices)
        hidden.difference_update(q.target for q in self.asked
                                 if q.answered and q.names_shapes)
        edge_id = self.pending_edge
        if edge_id is not None:
            hidden.discard(self.doc.edges[edge_id].target)
        hidden.discard(self.current)
        return hidden

    def revealed(self, node_id: str) -> bool:
        """Whether a shape's name may be shown: always, except in a quiz before it is reached or
        its question answered, and while it would answer the open question."""
        if not self.quiz:
            return True
        if node_id in self._hidden():
            return False
        if node_id in self.path:
            return True
        if any(q.answered and q.names_shapes and q.target == node_id for q in self.asked):
            return True
        edge_id = self.pending_edge
        return edge_id is not None and self.doc.edges[edge_id].target == node_id

    def shown(self, node: Node) -> Node:
        """The shape as the audience may see it: hidden ones show '?' and no outcome; while the
        open question offers shapes of several kinds, those also look alike (drawn as a stage),
        so that a diamond does not single out the one decision among them."""
        if self.revealed(node.id):
            return node
        question = self.open_question
        kind = node.kind
        if question is not None and question.names_shapes and node.id in question.choices:
            kinds = {self.doc.nodes[choice].kind for choice in question.choices}
            if len(kinds) > 1:
                kind = NodeKind.STAGE
        return dataclasses.replace(node, name="?", outcome=None, kind=kind)

    def label_shown(self, edge_id: str) -> str | None:
        """An arrow's label as shown: none on the arrows leaving a hidden shape (a decision's
        'Yes' / 'No' would tell which of the '?' is the decision)."""
        edge = self.doc.edges[edge_id]
        return edge.label if self.revealed(edge.source) else None

    # ------------------------------------------------------------------ moving
    def restart(self) -> None:
        start = first_start(self.doc)
        if start is None and self.doc.nodes:
            start = next(iter(self.doc.nodes))
        self.path = [start] if start is not None else []
        self.steps = []
        self._arrive()

    def next(self) -> bool:
        """Goes on along the pending arrow; False (and nothing changes) when there is none. At a
        quiz branch not chosen yet it chooses the default branch (and its question is asked)."""
        if (self.quiz and self.branching and self.branch is None
                and self.open_question is None):
            edge = self.default_branch
            return edge is not None and self.choose_edge(edge.id)
        edge_id = self.pending_edge
        if edge_id is None:
            return False
        self.path.append(self.doc.edges[edge_id].target)
        self.steps.append(Step(edge_id, self.asked))
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
        if self.branch is not None or self.open_question is not None:
            return False
        self.branch = edge_id
        self.asked += self._ask_branch(edge_id)
        return True

    def choose_target(self, node_id: str) -> bool:
        """Picks the arrow leading to `node_id` (a click on a branch's target shape)."""
        for edge in self.options:
            if edge.target == node_id:
                return self.choose_edge(edge.id)
        return False

    def answer(self, number: int) -> bool:
        """Answers the open question with its `number`-th choice (1-based); once only."""
        question = self.open_question
        if question is None or not 1 <= number <= len(question.choices):
            return False
        question.picked = question.choices[number - 1]
        if question.names_shapes and question.edge == self.branch:
            self.asked += self._ask_no_branch()
        return True

    def back(self) -> bool:
        """One step back: at a quiz branch whose question is open, back to choosing the branch;
        otherwise to the shape before along the path taken. False at the start."""
        if self.quiz and self.branching and self.branch is not None:
            self.branch = None
            self.asked = [q for q in self.asked if q.edge is None]
            return True
        if len(self.path) <= 1:
            return False
        self.path.pop()
        self.steps.pop()
        self._arrive()
        return True

    # ------------------------------------------------------------------ quiz
    def _rng(self, what: str) -> random.Random:
        return random.Random(f"{self.seed}/{len(self.path)}/{self.current}/{what}")

    def _arrive(self) -> None:
        self.branch = None
        self.asked = []
        if not self.quiz or self.current is None or not self.options:
            return
        self.asked += self._ask_about()
        if len(self.options) == 1:
            edge_id = self.options[0].id
            self.branch = edge_id
            self.asked += self._ask_branch(edge_id)

    def _ask_about(self) -> list[Question]:
        """At every second stage: who owns it, or how long it takes (in turn, the other when
        one cannot be asked)."""
        current = self.current or ""
        if self.doc.nodes[current].kind is not NodeKind.STAGE or len(self.path) % 2:
            return []
        order = [questions.OWNER, questions.DURATION]
        if len(self.path) % 4 == 0:
            order.reverse()
        makers = {questions.OWNER: questions.owner_question,
                  questions.DURATION: questions.duration_question}
        for kind in order:
            if kind in self.kinds:
                question = makers[kind](self.doc, current, self._rng(kind))
                if question is not None:
                    return [question]
        return []

    def _ask_branch(self, edge_id: str) -> list[Question]:
        """The questions about the arrow about to be followed: the team at a hand-off, then the
        shape it leads to."""
        current = self.current or ""
        asked = []
        if questions.LANE in self.kinds:
            lane = questions.lane_question(self.doc, current, edge_id, self._rng(f"lane/{edge_id}"))
            if lane is not None:
                asked.append(lane)
        kind = questions.NO if questions.is_no(self.doc.edges[edge_id].label) else questions.NEXT
        if kind not in self.kinds:
            kind = questions.NEXT if questions.NEXT in self.kinds else ""
        if kind:
            shape = questions.shape_question(self.doc, current, edge_id, self._rng(edge_id), kind)
            if shape is not None:
                asked.append(shape)
        return asked

    def _ask_no_branch(self) -> list[Question]:
        """After the way on is answered at a decision: what happens when the answer is No (if
        the No arrow is not the one followed)."""
        if questions.NO not in self.kinds or self.doc.nodes[self.current or ""].kind is not \
                NodeKind.DECISION:
            return []
        for edge in self.options:
            if edge.id != self.branch and questions.is_no(edge.label):
                question = questions.shape_question(self.doc, self.current or "", edge.id,
                                                    self._rng(edge.id), questions.NO)
                return [question] if question is not None else []
        return []
