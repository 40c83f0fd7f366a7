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
- A route (model/routes.py) decides the branches it names: the n-th time the walk reaches a
  decision, Next takes the n-th arrow the route lists for it; elsewhere the default branch.
- `jump(id)` goes straight to any shape (a click, its number, the list); Back returns from there.
- With `lane`, the walk stops only at that lane's shapes: the shapes of other lanes between them
  are passed along the default (or the route's) branch.
- A stage holding a sub-process (model/subprocess.py) is stepped into: Next goes to the child's
  start, and at the child's end on by the stage's arrow that end leaves by (`exit_mapping`). The
  numbers still pick the stage's own arrows, skipping the detail. Not in a quiz.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Collection
from dataclasses import dataclass, field

from flowedit.analysis import quiz as questions
from flowedit.analysis.flow_order import flow_order
from flowedit.analysis.quiz import QUIZ_CHOICES, Question
from flowedit.analysis.walk import display_name, first_start, outgoing
from flowedit.model import Document, Edge, Node, NodeKind
from flowedit.model.limits import MAX_LEVELS
from flowedit.model.routes import Route
from flowedit.model.subprocess import exit_mapping

__all__ = ["QUIZ_CHOICES", "Question", "Step", "Tour"]


@dataclass
class Step:
    """How the walk arrived at a shape: the arrow followed (None: a jump, or a step into a
    sub-process), the questions asked on the way, and the process the shape is in (`level`, as
    in Document.level; the arrow is that process's too)."""

    edge: str | None
    questions: list[Question] = field(default_factory=list)
    level: tuple[str, ...] = ()

    @property
    def question(self) -> Question | None:
        """The question about the arrow followed (which stage came next), if one was asked."""
        return next((q for q in self.questions if q.edge == self.edge and q.names_shapes), None)


@dataclass
class Summary:
    """What the end screen says about the walk: the names along it, the days its stages take
    (None: no stage gives a duration) and the hand-offs (from lane, to lane, the shape where
    the lead arrives)."""

    names: list[str]
    days: float | None
    handoffs: list[tuple[str, str, str]]


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
    #: The saved walk Next follows at the decisions it names (None: the default branches).
    route: Route | None = None
    #: Present one lane only: the walk stops at that lane's shapes alone.
    lane: str | None = None

    def __post_init__(self) -> None:
        self.restart()

    # ------------------------------------------------------------------ state
    @property
    def current(self) -> str | None:
        return self.path[-1] if self.path else None

    def level_of(self, index: int) -> tuple[str, ...]:
        """The process (a Document.level path) the `index`-th shape of the path is in."""
        return self.steps[index - 1].level if index > 0 else ()

    @property
    def level(self) -> tuple[str, ...]:
        return self.level_of(len(self.path) - 1) if self.path else ()

    @property
    def level_doc(self) -> Document:
        """The process the current shape is in: the top one, or a sub-process."""
        return self.doc.level(self.level)

    @property
    def node(self) -> Node | None:
        return self.level_doc.nodes[self.current] if self.current is not None else None

    @property
    def leaving(self) -> bool:
        """At an end of a sub-process, from which the walk goes on in the process around it."""
        node = self.node
        return (node is not None and bool(self.level) and node.kind is NodeKind.END
                and not outgoing(self.level_doc, node.id))

    @property
    def edge_level(self) -> tuple[str, ...]:
        """The process whose arrows `options` are: the parent's when leaving a sub-process."""
        return self.level[:-1] if self.leaving else self.level

    def edge_doc(self) -> Document:
        return self.doc.level(self.edge_level)

    def target_node(self, edge: Edge) -> Node:
        """The shape an arrow of `options` leads to."""
        return self.edge_doc().nodes[edge.target]

    @property
    def options(self) -> list[Edge]:
        """The arrows out of the current shape, in the order their numbers are given; at the
        end of a sub-process, the arrow of its stage that this end leaves by."""
        if self.current is None:
            return []
        if self.leaving:
            parent = self.doc.level(self.level[:-1])
            exit_id = exit_mapping(parent, self.level[-1], self.level_doc).get(self.current)
            return [parent.edges[exit_id]] if exit_id is not None else []
        return outgoing(self.level_doc, self.current)

    @property
    def enters(self) -> bool:
        """Next steps into the current stage's sub-process (outside a quiz and a lane)."""
        node = self.node
        if self.quiz or self.lane is not None or node is None or node.kind is not NodeKind.STAGE:
            return False
        if len(self.level) >= MAX_LEVELS:
            return False
        child = self.level_doc.child(node.id)
        return child is not None and first_start(child) is not None

    def in_lane(self, index: int = -1) -> bool:
        """Whether the path's `index`-th shape is one the walk stops at (always without a lane)."""
        if self.lane is None:
            return True
        index %= len(self.path)
        return (not self.level_of(index)
                and self.doc.nodes[self.path[index]].lane == self.lane)

    def stops(self, count: int | None = None) -> int:
        """How many of the first `count` shapes of the path were shown (all, without a lane)."""
        count = len(self.path) if count is None else count
        return sum(1 for index in range(count) if self.in_lane(index))

    def numbered(self) -> list[str]:
        """The shapes of the current process in the order they are numbered: flow order, the
        order of the outline and the handout."""
        return flow_order(self.level_doc)

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
        node = self.node
        return node is not None and node.kind is NodeKind.END

    @property
    def default_branch(self) -> Edge | None:
        """The arrow Next follows at a branch: the most likely (the first among equals, arrows
        without a probability last), skipping arrows already taken from this shape on the path
        so that a loop (nurture, rework) is gone round once and the walk then moves on."""
        options = self.options
        if not options:
            return None
        chosen = self.route_choice
        if chosen is not None:
            return chosen
        level = self.edge_level
        taken = {step.edge for step in self.steps if step.level == level}
        fresh = [edge for edge in options if edge.id not in taken] or options
        return max(fresh, key=lambda edge: -1.0 if edge.probability is None else edge.probability)

    @property
    def route_choice(self) -> Edge | None:
        """The arrow the route takes here: its n-th choice at this shape on the n-th visit."""
        if self.route is None or self.edge_level or self.current is None:
            return None
        current = self.current
        visits = sum(1 for index, node_id in enumerate(self.path[:-1])
                     if node_id == current and not self.level_of(index))
        listed = [choice.take for choice in self.route.choices if choice.at == current]
        if visits >= len(listed):
            return None
        return next((edge for edge in self.options if edge.id == listed[visits]), None)

    @property
    def expected_steps(self) -> int:
        """How many shapes the walk shows from the start to an end if Next is pressed from here
        on (the default branch at each decision): the "of ~N" of a progress marker. Bounded, so a
        walk that could go round for ever still counts."""
        ahead = Tour(self.doc, seed=self.seed, route=self.route, lane=self.lane)
        ahead.path, ahead.steps = list(self.path), list(self.steps)
        ahead.branch, ahead.asked = None, []
        limit = len(self.path) + 2 * self.doc.total_nodes()
        while len(ahead.path) < limit and ahead.next():
            pass
        return ahead.stops()

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
        edge = self.level_doc.edges[edge_id]  # the process drawn (a quiz stays at the top)
        return edge.label if self.revealed(edge.source) else None

    # ------------------------------------------------------------------ moving
    def restart(self, at: str | None = None) -> None:
        """Back to the process's start, or to the top-level shape `at` (present from a shape
        selected in the editor). With a lane, on to the lane's first shape."""
        start = at if at in self.doc.nodes else first_start(self.doc)
        if start is None and self.doc.nodes:
            start = next(iter(self.doc.nodes))
        self.path = [start] if start is not None else []
        self.steps = []
        self._arrive()
        if self.path and not self.in_lane():
            self._pass_lanes()
            if not self.in_lane():  # the walk never meets the lane: its first shape then
                first = next((n for n in self.doc.nodes.values() if n.lane == self.lane), None)
                if first is not None:
                    self.path, self.steps = [first.id], []
                    self._arrive()

    def next(self) -> bool:
        """Goes on along the pending arrow; False (and nothing changes) when there is none. At a
        quiz branch not chosen yet it chooses the default branch (and its question is asked)."""
        if not self._move():
            return False
        self._pass_lanes()
        return True

    def _pass_lanes(self) -> None:
        """With a lane, on past the shapes of other lanes (bounded: a loop outside the lane)."""
        limit = len(self.path) + 2 * len(self.doc.nodes)
        while not self.in_lane() and len(self.path) < limit and self._move():
            pass

    def _move(self) -> bool:
        if (self.quiz and self.branching and self.branch is None
                and self.open_question is None):
            edge = self.default_branch
            return edge is not None and self.choose_edge(edge.id)
        if self.branch is None and self.enters:
            level = (*self.level, self.current or "")
            self.path.append(first_start(self.doc.level(level)) or "")
            self.steps.append(Step(None, [], level))
            self._arrive()
            return True
        edge_id = self.pending_edge
        if edge_id is None:
            return False
        level = self.edge_level
        self.path.append(self.doc.level(level).edges[edge_id].target)
        self.steps.append(Step(edge_id, self.asked, level))
        self._arrive()
        return True

    def jump(self, node_id: str) -> bool:
        """Straight to a shape of the current process (not along an arrow); Back returns."""
        if node_id not in self.level_doc.nodes or node_id == self.current:
            return False
        level = self.level
        self.path.append(node_id)
        self.steps.append(Step(None, [], level))
        self._arrive()
        return True

    def summary(self) -> Summary:
        """The end screen's account of the walk: the names, the days, the hand-offs."""
        names, days, handoffs = [], None, []
        lane_before: str | None = None
        for index, node_id in enumerate(self.path):
            level = self.level_of(index)
            node = self.doc.level(level).nodes[node_id]
            names.append(display_name(node))
            entered = (index + 1 < len(self.path) and self.steps[index].edge is None
                       and self.steps[index].level == (*level, node_id))
            if node.duration_days is not None and not entered:  # else the child's steps count
                days = (days or 0.0) + node.duration_days
            top = self.doc.nodes[level[0]] if level else node
            lane = top.lane
            if lane is not None and lane_before is not None and lane != lane_before:
                handoffs.append((lane_before, lane, display_name(node)))
            lane_before = lane if lane is not None else lane_before
        return Summary(names, days, handoffs)

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
        keep = len(self.path) - 1
        while keep > 1 and not self.in_lane(keep - 1):
            keep -= 1
        if not self.in_lane(keep - 1):
            return False
        del self.path[keep:], self.steps[keep - 1:]
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
