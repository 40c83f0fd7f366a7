"""The presenter's quiz questions about a process: which stage comes next, what happens when the
answer is No, which team gets the lead next, who owns a stage and how long it takes. No Qt here,
and no wording: the caption and the worksheet word a question (flowedit.render.quiz_text).

Questions teach only if they cannot be answered by looking, so the wrong choices are the plausible
mistakes: shapes of the same kind as the answer (a decision among decisions: a "?" diamond does
not single the answer out), in the same lane, a few arrows away from the current shape, never the
far end of the process when nearer ones exist. Choices are drawn with the `random.Random` given,
so the same seed asks the same questions.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

from flowedit.analysis.walk import display_name
from flowedit.model import Document, NodeKind

#: How many choices a question offers at most: the right one and up to three others.
QUIZ_CHOICES = 4
#: The kinds of question. NEXT: which stage comes next along an arrow; NO: the same about the
#: arrow a decision takes when the answer is No; LANE: which team (lane) gets the lead next, at a
#: hand-off; OWNER / DURATION: who owns the current stage, how long it takes.
NEXT, NO, LANE, OWNER, DURATION = "next", "no", "lane", "owner", "duration"
ALL_KINDS = frozenset({NEXT, NO, LANE, OWNER, DURATION})
#: Arrow labels that mean "No", in the languages flowedit speaks (compared without case).
NO_WORDS = frozenset({"no", "n", "nope", "tidak", "bukan", "tdk", "否", "不", "不是", "没有"})
#: How many arrows away a wrong choice may lie before a farther one is worth as much as a shape of
#: another lane.
_LANE_WEIGHT = 2


@dataclass
class Question:
    """A question with its choices (node ids for NEXT and NO, lane ids for LANE, owners for
    OWNER, days as text for DURATION); `target` is the right choice, `about` the shape asked
    about, `edge` the arrow (None for OWNER and DURATION, which are about `about` itself)."""

    kind: str
    about: str
    edge: str | None
    target: str
    choices: list[str]
    picked: str | None = None

    @property
    def answered(self) -> bool:
        return self.picked is not None

    @property
    def right(self) -> bool | None:
        return None if self.picked is None else self.picked == self.target

    @property
    def names_shapes(self) -> bool:
        """Whether the choices are shapes (their names are hidden while it is open)."""
        return self.kind in (NEXT, NO)


def is_no(label: str | None) -> bool:
    """Whether an arrow's label means No ("No", "Tidak", "否" …)."""
    words = " ".join((label or "").split()).casefold().strip(" .!?。！？")
    return words in NO_WORDS


def hops(doc: Document, start: str) -> dict[str, int]:
    """How many arrows (either way round) each shape is from `start`: 'nearby' for the quiz."""
    neighbours: dict[str, set[str]] = {node_id: set() for node_id in doc.nodes}
    for edge in doc.edges.values():
        if edge.source in neighbours and edge.target in neighbours:
            neighbours[edge.source].add(edge.target)
            neighbours[edge.target].add(edge.source)
    distance = {start: 0}
    queue = deque([start])
    while queue:
        here = queue.popleft()
        for there in sorted(neighbours.get(here, ())):
            if there not in distance:
                distance[there] = distance[here] + 1
                queue.append(there)
    return distance


def _pick(rng: random.Random, ranked: list[str], wanted: int) -> list[str]:
    """`wanted` of the best-ranked candidates, drawn at random among the best `wanted + 1` so that
    two seeds ask differently yet never reach for the far end."""
    pool = ranked[: wanted + 1]
    return rng.sample(pool, min(wanted, len(pool)))


def _shuffled(rng: random.Random, target: str, others: list[str]) -> list[str]:
    choices = [target, *others]
    rng.shuffle(choices)
    return choices


def shape_question(doc: Document, current: str, edge_id: str, rng: random.Random,
                   kind: str = NEXT) -> Question | None:
    """Which shape comes next along `edge_id` (kind NEXT, or NO for a decision's No arrow).
    None when the process has no other name to offer."""
    target = doc.edges[edge_id].target
    goal = doc.nodes[target]
    near = hops(doc, current)
    names = {display_name(goal).casefold()}
    ranked: list[tuple[tuple[int, int, str], str]] = []
    for node in doc.nodes.values():
        name = display_name(node).casefold()
        if node.id in (target, current) or node.kind is NodeKind.START or name in names:
            continue
        names.add(name)
        distance = near.get(node.id, len(doc.nodes) + 1)
        score = distance + (_LANE_WEIGHT if node.lane != goal.lane else 0)
        ranked.append(((0 if node.kind is goal.kind else 1, score, node.id), node.id))
    if not ranked:
        return None
    ranked.sort()
    same = [node_id for key, node_id in ranked if key[0] == 0]
    if len(same) >= 2:  # three choices alike beat four where the odd one is the answer
        ranked = [item for item in ranked if item[0][0] == 0]
    others = _pick(rng, [node_id for _key, node_id in ranked], QUIZ_CHOICES - 1)
    return Question(kind, target, edge_id, target, _shuffled(rng, target, others))


def _ranked_values(doc: Document, about: str, values: Iterable[tuple[str, str]],
                   right: str) -> list[str]:
    """Distinct values (not `right`) of the shapes nearest `about` first; `values` pairs a
    node id with its value."""
    near = hops(doc, about)
    best: dict[str, tuple[int, str]] = {}
    for node_id, value in values:
        if value == right:
            continue
        key = (near.get(node_id, len(doc.nodes) + 1), node_id)
        if value not in best or key < best[value]:
            best[value] = key
    return sorted(best, key=lambda value: best[value])


def owner_text(owner: str | None) -> str:
    return " ".join((owner or "").split())


def owner_question(doc: Document, node_id: str, rng: random.Random) -> Question | None:
    """Who owns this stage? Wrong choices: the owners of the nearest other stages. None when
    the stage has no owner or fewer than two other owners exist."""
    right = owner_text(doc.nodes[node_id].owner)
    if not right:
        return None
    others = _ranked_values(doc, node_id, ((node.id, owner_text(node.owner))
                                           for node in doc.nodes.values() if node.owner), right)
    if len(others) < 2:
        return None
    return Question(OWNER, node_id, None, right,
                    _shuffled(rng, right, _pick(rng, others, QUIZ_CHOICES - 1)))


def days_key(days: float) -> str:
    """A duration as a choice: rounded as people read it, so two choices never read the same."""
    return format(round(days * 24) / 24 if days < 1 else round(days, 1), "g")


def duration_question(doc: Document, node_id: str, rng: random.Random) -> Question | None:
    """How long does this stage take? Wrong choices: the durations of the nearest other stages,
    then halves and doubles of the right one. None when the stage has no duration."""
    days = doc.nodes[node_id].duration_days
    if days is None or days <= 0:
        return None
    right = days_key(days)
    others = _ranked_values(doc, node_id, ((node.id, days_key(node.duration_days))
                                           for node in doc.nodes.values()
                                           if node.duration_days and node.duration_days > 0),
                            right)
    picked = _pick(rng, others, QUIZ_CHOICES - 1)
    for factor in (2.0, 0.5, 4.0, 0.25, 3.0):
        if len(picked) >= QUIZ_CHOICES - 1:
            break
        value = days_key(days * factor)
        if value not in picked and value != right and float(value) > 0:
            picked.append(value)
    return Question(DURATION, node_id, None, right, _shuffled(rng, right, picked))


def lane_question(doc: Document, current: str, edge_id: str,
                  rng: random.Random) -> Question | None:
    """Which team gets the lead next? Asked at a hand-off (the arrow leads into another lane);
    wrong choices: the current lane and the lanes nearest the right one. None elsewhere."""
    source, target = doc.nodes[current], doc.nodes[doc.edges[edge_id].target]
    lanes = [lane.id for lane in doc.lanes]
    if (source.lane is None or target.lane is None or source.lane == target.lane
            or target.lane not in lanes or source.lane not in lanes):
        return None
    where = lanes.index(target.lane)
    others = sorted((lane for lane in lanes if lane != target.lane),
                    key=lambda lane: (lane != source.lane, abs(lanes.index(lane) - where)))
    return Question(LANE, target.id, edge_id, target.lane,
                    _shuffled(rng, target.lane, _pick(rng, others, QUIZ_CHOICES - 1)))


# ------------------------------------------------------------------------------ hiding
#: Words too common in sales processes to give an answer away.
_COMMON = frozenset({"the", "and", "for", "with", "from", "into", "then", "that", "this",
                     "lead", "leads", "deal", "deals", "stage", "yang", "dan", "untuk",
                     "dengan", "atau", "tidak"})
#: What stands for a word hidden from a description.
BLANK = "____"


def _words(text: str) -> list[str]:
    return [word for word in "".join(ch if ch.isalnum() else " " for ch in text).split()
            if word]


def _stem(word: str) -> str:
    word = word.casefold()
    return word[:6] if len(word) > 6 else word


def redact(text: str, names: Iterable[str], keep: str = "", words: bool = True) -> str:
    """`text` with the `names` blanked out: each name as a whole (any script), and the words of
    a name (four letters or more, not common ones, not words of `keep`) in any form sharing its
    first six letters ("proposal" hides "proposals"; `words` False: whole names only). So that
    the description of the current stage does not name the answer; all the choices are blanked
    alike, not only the right one."""
    lowered_names = sorted({" ".join(name.split()) for name in names if name.strip()},
                           key=len, reverse=True)
    for name in lowered_names:
        start = text.casefold().find(name.casefold())
        while start >= 0 and len(name) > 1:
            text = text[:start] + BLANK + text[start + len(name):]
            start = text.casefold().find(name.casefold(), start + len(BLANK))
    if not words:
        return text
    kept = {_stem(word) for word in _words(keep)}
    stems = {_stem(word) for name in lowered_names for word in _words(name)
             if len(word) >= 4 and word.casefold() not in _COMMON and _stem(word) not in kept}
    if not stems:
        return text
    out, word = [], ""
    for ch in text + " ":
        if ch.isalnum():
            word += ch
            continue
        if word:
            hit = any(word.casefold().startswith(stem) for stem in stems) and len(word) >= 4
            out.append(BLANK if hit else word)
            word = ""
        out.append(ch)
    return "".join(out)[:-1]
