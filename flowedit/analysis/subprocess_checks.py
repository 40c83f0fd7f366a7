"""Checks across levels: each sub-process is checked like a process of its own, and the joints
between a stage and its sub-process are checked too (every end leaves by an arrow of the stage,
every arrow of the stage is taken by some end, the linked file can be read and does not contain
the process again). No Qt here.

A problem inside a sub-process names where it is in its message ("B2B sales › Prospecting: …")
and in `Problem.level`; its `node` is the top-level stage, so that going to it finds a shape.
"""

from __future__ import annotations

from flowedit.analysis.checks import CHECKS, Problem, check_level, label
from flowedit.i18n import _
from flowedit.model import Document, NodeKind
from flowedit.model.subprocess import exit_mapping, levels

#: Checks that make no sense inside a sub-process: whether a lead is won is decided where it
#: leaves it, by the stage's arrow its end maps to.
TOP_LEVEL_ONLY = frozenset({"no-won-end"})


def check_subprocesses(doc: Document) -> list[Problem]:
    """The problems inside every sub-process and at every joint, top level included."""
    problems: list[Problem] = []
    for level in levels(doc):
        if level.path:
            problems += (_placed(p, level.path, level.crumb, p.node)
                         for p in check_level(level.doc) if p.code not in TOP_LEVEL_ONLY)
        problems += (_placed(p, level.path, level.crumb, p.node)
                     for p in _check_joints(level.doc))
    return problems


def _placed(problem: Problem, path: tuple[str, ...], crumb: str,
            node: str | None) -> Problem:
    """The problem as the top level sees it: said where it is, and pointing at the stage."""
    if not path:
        return problem
    return Problem(problem.code, problem.severity, f"{crumb}: {problem.message}", path[0],
                   level=path, level_node=node)


def _problem(code: str, message: str, node: str, edge_id: str | None = None,
             edge: tuple[str, str] | None = None) -> Problem:
    return Problem(code, CHECKS[code][0], message, node, edge, edge_id)


def _check_joints(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    for node in doc.nodes.values():
        if node.kind is not NodeKind.STAGE:
            continue
        if node.id in doc.link_problems:
            code, message = doc.link_problems[node.id]
            problems.append(_problem(code, f"{label(node)}: {message}", node.id))
            continue
        child = doc.child(node.id)
        if child is None:
            continue
        mapping = exit_mapping(doc, node.id, child)
        arrows = [doc.edges[e] for e in doc.out_edges(node.id)]
        names = ", ".join(repr(a.label or doc.nodes[a.target].name) for a in arrows) or _("none")
        for end_id, edge_id in mapping.items():
            if edge_id is None:
                end = child.nodes[end_id]
                why = (_("its exit {exit} names none of them").format(exit=repr(end.exit))
                       if end.exit is not None else _("give it an 'exit' naming one"))
                problems.append(_problem(
                    "subprocess-unmapped-end",
                    _("The end {end} of the sub-process of {stage} leaves by none of the "
                      "stage's arrows ({arrows}): {why}").format(
                        end=label(end), stage=label(node), arrows=names, why=why), node.id))
        used = set(mapping.values())
        for arrow in arrows:
            if arrow.id not in used:
                problems.append(_problem(
                    "subprocess-unused-exit",
                    _("No end of the sub-process of {stage} leaves by the arrow to {target}: "
                      "no lead takes it; add an end whose exit names it").format(
                        stage=label(node), target=label(doc.nodes[arrow.target])),
                    node.id, arrow.id, (arrow.source, arrow.target)))
    return problems
