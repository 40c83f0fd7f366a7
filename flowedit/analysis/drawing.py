"""Which problems only say "not finished yet" while a process is still being drawn.

Until some end can be reached from a start, every shape drawn so far "reaches no end" and the
shape the user is about to continue from "leads nowhere": true, but a flood of them buries the
real errors. The editor folds these into one hint until the process has an end; `flowedit
check` reports everything, always. Pure functions of the problems list and the document, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flowedit.analysis.checks import Problem
from flowedit.model import Document, NodeKind

#: Problems that, before any end is reached, only restate that the drawing is unfinished.
_UNFINISHED = frozenset({"no-end", "no-won-end", "no-path-to-end"})


@dataclass
class DrawingProblems:
    """`shown`: what the editor lists and marks in full; `folded`: what it sums up in one hint
    (empty once the process has an end); `frontier`: the shapes with no way out yet, where the
    drawing goes on, in document order; `has_end`: an end can be reached from a start."""

    shown: list[Problem]
    has_end: bool = False
    folded: list[Problem] = field(default_factory=list)
    frontier: list[str] = field(default_factory=list)


def while_drawing(doc: Document, problems: list[Problem]) -> DrawingProblems:
    """Splits `problems` (from check_document) for an editor. A process "has an end" once an end
    can be reached from a start; before that, the unfinished-process problems and every problem
    of a shape being built (one with no way out yet, or an end no arrow reaches yet) are folded.
    Other problems, e.g. a stage with arrows out that nothing leads to, stay shown. (The editor
    asks this only until the document first has an end: a finished process that an edit breaks
    again shows every problem.)"""
    if not doc.nodes:
        return DrawingProblems(list(problems))
    has_start = any(node.kind is NodeKind.START for node in doc.nodes.values())
    unreached = {p.node for p in problems if p.code == "unreachable"}
    ends = [node.id for node in doc.nodes.values() if node.kind is NodeKind.END]
    if has_start and any(end not in unreached for end in ends):
        return DrawingProblems(list(problems), has_end=True)
    frontier = [p.node for p in problems if p.code == "dead-end" and p.node]
    building = set(frontier) | {end for end in ends if end in unreached}
    shown, folded = [], []
    for problem in problems:
        unfinished = problem.code in _UNFINISHED or problem.node in building
        (folded if unfinished else shown).append(problem)
    return DrawingProblems(shown, folded=folded, frontier=list(dict.fromkeys(frontier)))
