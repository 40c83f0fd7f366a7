"""Process checks: what is wrong with a sales process, in words a sales manager understands.

Pure functions of a Document, no Qt. They follow the graph (networkx), not just each shape's own
arrows: two stages that only point at each other are still unreachable from the start. Every check
is linear in the size of the process, so the editor can re-run them all after every edit.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx loads with the first check, not when the editor starts
    import networkx as nx

from flowedit.analysis.graph import ProcessGraph, process_graph
from flowedit.i18n import N_, _, format_number, format_percent
from flowedit.model import Document, Node, NodeKind, Outcome
from flowedit.model.geometry import lane_bands, node_extent

_PROBABILITY_TOLERANCE = 1e-6


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    severity: Severity
    message: str
    node: str | None = None
    edge: tuple[str, str] | None = None
    edge_id: str | None = None
    #: A problem inside a sub-process: the stage ids leading to it from the top. `node` is then
    #: the top-level stage (so that going to the problem finds a shape), and `level_node` the
    #: shape inside the sub-process, if any.
    level: tuple[str, ...] = ()
    level_node: str | None = None

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "code": self.code, "severity": self.severity.value, "node": self.node,
            "edge": list(self.edge) if self.edge else None, "message": self.message}
        if self.level:  # only then, so files without sub-processes give the same JSON
            data["level"] = list(self.level)
            data["level_node"] = self.level_node
        return data


#: Every check's code, severity and what it means; the CLI's help and docs/checks.md follow it.
CHECKS: dict[str, tuple[Severity, str]] = {
    "no-start": (Severity.ERROR, N_("the process has no start node")),
    "no-end": (Severity.WARNING, N_("the process has no end node")),
    "unreachable": (Severity.ERROR, N_("a node cannot be reached from any start node")),
    "dead-end": (Severity.ERROR, N_("a start, stage or decision has no outgoing arrow")),
    "decision-branches": (Severity.ERROR, N_("a decision has fewer than two outgoing arrows")),
    "end-outgoing": (Severity.ERROR, N_("an end node has an outgoing arrow")),
    "no-path-to-end": (Severity.WARNING, N_("a reachable node from which no end can be reached")),
    "unlabeled-branch": (Severity.WARNING, N_("an arrow leaving a decision has no label")),
    "probability-sum": (Severity.WARNING, N_("the shares on a node's outgoing arrows exceed 100%, "
                                          "or all are given and do not add up to 100%")),
    "no-lane": (Severity.WARNING, N_("the document has lanes and a node is in none")),
    "duplicate-name": (Severity.WARNING, N_("two nodes have the same name")),
    "unnamed": (Severity.WARNING, N_("a node has an empty name")),
    "duplicate-edge": (Severity.WARNING,
                       "two arrows join the same two nodes in the same direction"),
    "implicit-split": (Severity.WARNING, N_("a start or stage has several outgoing arrows")),
    "no-won-end": (Severity.WARNING, N_("the process has ends but no end or milestone is marked "
                                     "won, so there is no win rate")),
    "conflicting-outcome": (Severity.ERROR, N_("leads marked won (or lost) at a milestone can then "
                                            "reach a node marked the other way")),
    "repeated-outcome": (Severity.WARNING, N_("leads marked won (or lost) at a milestone can then "
                                           "reach another node marked the same way")),
    "outside-lane": (Severity.WARNING, N_("a shape sticks out of its lane's band (the editor "
                                       "offers to grow the lane)")),
    "subprocess-file": (Severity.ERROR, N_("a stage links to a sub-process file that is missing "
                                           "or cannot be read")),
    "subprocess-cycle": (Severity.ERROR, N_("a stage links to a sub-process file that contains "
                                            "the process again")),
    "subprocess-unmapped-end": (Severity.ERROR, N_("an end of a sub-process leaves by none of "
                                                   "its stage's outgoing arrows")),
    "subprocess-unused-exit": (Severity.ERROR, N_("an outgoing arrow of a stage with a "
                                                  "sub-process is taken by none of its ends")),
}


def label(node: Node) -> str:
    """How a message names a node: its name, or its id when it has none."""
    name = node.name.strip()
    if name:
        return _("'{name}'").format(name=name)  # Chinese quotes with “”
    return _("the unnamed {kind} ({id})").format(kind=kind_text(node.kind), id=node.id)


#: The kinds as messages name them (the file's words stay English).
_KIND_TEXT = {NodeKind.START: N_("start"), NodeKind.STAGE: N_("stage"),
              NodeKind.DECISION: N_("decision"), NodeKind.END: N_("end")}
_OUTCOME_TEXT = {Outcome.WON: N_("won"), Outcome.LOST: N_("lost")}


def kind_text(kind: NodeKind) -> str:
    return _(_KIND_TEXT[kind])


def outcome_text(outcome: Outcome) -> str:
    return _(_OUTCOME_TEXT[outcome])


def check_document(doc: Document) -> list[Problem]:
    """All problems of the process and its sub-processes, errors first, then in document
    order (a sub-process's problems where its stage is)."""
    problems = check_level(doc)
    if doc.has_subprocesses():
        from flowedit.analysis.subprocess_checks import check_subprocesses

        problems += check_subprocesses(doc)
    order = {node_id: index for index, node_id in enumerate(doc.nodes)}
    problems.sort(key=lambda p: (p.severity is not Severity.ERROR, order.get(p.node or "", -1)))
    return problems


def check_level(doc: Document) -> list[Problem]:
    """The problems of one process, leaving out what is inside its stages' sub-processes."""
    problems: list[Problem] = []
    problems += _check_start_and_end(doc, process_graph(doc))
    problems += _check_shapes(doc)
    problems += _check_probabilities(doc)
    problems += _check_arrows(doc)
    problems += _check_names(doc)
    problems += _check_outcomes(doc, process_graph(doc))
    problems += _check_lane_bands(doc)
    order = {node_id: index for index, node_id in enumerate(doc.nodes)}
    problems.sort(key=lambda p: (p.severity is not Severity.ERROR, order.get(p.node or "", -1)))
    return problems


def _problem(code: str, message: str, node: str | None = None,
             edge: tuple[str, str] | None = None, edge_id: str | None = None) -> Problem:
    return Problem(code, CHECKS[code][0], message, node, edge, edge_id)


def _check_start_and_end(doc: Document, graph: ProcessGraph) -> list[Problem]:
    problems: list[Problem] = []
    starts, ends = graph.starts, graph.ends
    if not doc.nodes:
        return problems
    if not starts:
        problems.append(_problem("no-start", _("The process has no start: add a Start shape "
                                               "where leads come in (e.g. 'Lead received')")))
    if not ends:
        problems.append(_problem("no-end", _("The process has no end: add End shapes for the "
                                             "outcomes (e.g. 'Deal won' and 'Deal lost')")))
    if ends and not any(node.outcome is Outcome.WON for node in doc.nodes.values()):
        problems.append(_problem("no-won-end", _(
            "No end is marked won: select the end where a deal is won and set its outcome, so "
            "flowedit can give the win rate and the days to win")))
    if not starts:
        return problems
    reached = graph.reachable
    for node in doc.nodes.values():
        if node.id not in reached:
            problems.append(_problem(
                "unreachable", _("{node} can never be reached: no path leads to it from "
                                 "the start").format(node=label(node)), node.id))
    if ends:
        finishing = graph.finishing
        trapped = [node for node in doc.nodes.values()
                   if node.id in reached and node.id not in finishing and doc.out_edges(node.id)
                   and node.kind is not NodeKind.END]
        circling = _leading_into_loops(graph, [node.id for node in trapped])
        for node in trapped:
            message = (_("From {node} no path reaches an end: leads that get here go round in "
                         "circles") if node.id in circling else
                       _("From {node} no path reaches an end: every way on ends at a shape "
                         "with no way out"))
            problems.append(_problem(
                "no-path-to-end", message.format(node=label(node)), node.id))
    return problems


def _leading_into_loops(graph: ProcessGraph, trapped: list[str]) -> set[str]:
    """The trapped nodes from which a loop (with no exit) can be reached."""
    if not trapped:
        return set()
    import networkx as nx

    region = graph.graph.subgraph(trapped)
    in_loops = {node for part in nx.strongly_connected_components(region)
                for node in part if len(part) > 1 or region.has_edge(node, node)}
    circling = set(in_loops)
    for node in in_loops:
        circling |= nx.ancestors(region, node)
    return circling


def _check_shapes(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    has_lanes = bool(doc.lanes)
    out_edges = doc.out_edges
    end, decision, splittable = NodeKind.END, NodeKind.DECISION, (NodeKind.START, NodeKind.STAGE)
    for node in doc.nodes.values():
        kind = node.kind
        outgoing = out_edges(node.id)
        if kind is end:
            problems += (_end_outgoing(doc, node, edge_id) for edge_id in outgoing)

        elif not outgoing:
            problems.append(_problem(
                "dead-end", _("Leads get stuck at {node}: no arrow leads out of it").format(
                    node=label(node)), node.id))
        if kind is decision and len(outgoing) < 2:
            message = (_("The decision {node} has no way out; a decision needs at least two "
                         "(e.g. Yes and No)") if not outgoing else
                       _("The decision {node} has only one way out; a decision needs at least "
                         "two (e.g. Yes and No)"))
            problems.append(_problem(
                "decision-branches", message.format(node=label(node)), node.id))
        elif (len(outgoing) > 1 and kind in splittable and _ways_on(doc, node.id, outgoing) > 1
              and node.process is None and node.subprocess is None):  # its ends choose the way
            problems.append(_problem(
                "implicit-split", _("{node} has {count} ways on but is not a decision: put a "
                                    "decision between them so readers know which way a lead "
                                    "goes").format(node=label(node),
                                                   count=_ways_on(doc, node.id, outgoing)),
                node.id))
        if has_lanes and node.lane is None:
            problems.append(_problem(
                "no-lane", _("{node} is in no lane: put it in the lane of the team that "
                             "owns it").format(node=label(node)), node.id))
    return problems


def _ways_on(doc: Document, node_id: str, outgoing: tuple[str, ...]) -> int:
    """Outgoing arrows that lead elsewhere: a stage repeating itself is not a split."""
    return sum(1 for edge_id in outgoing if doc.edges[edge_id].target != node_id)


def _percent(share: float) -> str:
    """Whole percents, unless rounding would hide why the shares are wrong (e.g. 100.4%)."""
    digits = 0
    for places in range(1, 5):
        if share in (0.0, 1.0) or round(share * 100, digits) not in (0.0, 100.0):
            break
        digits = places
    return format_percent(share, digits)


def _end_outgoing(doc: Document, node: Node, edge_id: str) -> Problem:
    edge = doc.edges[edge_id]
    return _problem("end-outgoing", _("{node} is an end, but an arrow leaves it (to {target}); "
                                      "remove the arrow or make it a stage").format(
                        node=label(node), target=label(doc.nodes[edge.target])),
                    node.id, (edge.source, edge.target), edge_id)


def _check_probabilities(doc: Document) -> list[Problem]:
    """Only nodes with some share given are looked at: most arrows carry none."""
    problems: list[Problem] = []
    sources = {e.source for e in doc.edges.values() if e.probability is not None}
    for node_id in sources:
        node = doc.nodes[node_id]
        shares = [doc.edges[e].probability for e in doc.out_edges(node_id)]
        given = [p for p in shares if p is not None]
        total = math.fsum(given)
        if total > 1 + _PROBABILITY_TOLERANCE:
            message = _("The shares of leads leaving {node} add up to {total}; they cannot be "
                        "more than {whole}").format(node=label(node), total=_percent(total),
                                                    whole=format_percent(1, 0))
        elif len(given) == len(shares) and total < 1 - _PROBABILITY_TOLERANCE:
            message = _("The shares of leads leaving {node} add up to {total}: the other "
                        "{rest} drop out of the process here").format(
                node=label(node), total=_percent(total), rest=_percent(1 - total))
        else:
            continue
        problems.append(_problem("probability-sum", message, node.id))
    return problems


def _check_arrows(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for edge in doc.edges.values():
        pair = (edge.source, edge.target)
        source = doc.nodes[edge.source]
        if source.kind is NodeKind.DECISION and not (edge.label or "").strip():
            problems.append(_problem(
                "unlabeled-branch", _("The branch from {source} to {target} has no label: say "
                                      "which answer it stands for (e.g. Yes)").format(
                    source=label(source), target=label(doc.nodes[edge.target])),
                edge.source, pair, edge.id))
        if pair in seen:
            problems.append(_problem(
                "duplicate-edge", _("{source} is connected to {target} twice: remove one "
                                    "arrow").format(source=label(source),
                                                    target=label(doc.nodes[edge.target])),
                edge.source, pair, edge.id))
        seen.add(pair)
    return problems


def _check_names(doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    by_name: dict[str, list[Node]] = defaultdict(list)
    for node in doc.nodes.values():
        name = node.name.strip()
        if not name:
            problems.append(_problem(
                "unnamed", _("A {kind} (id {id}) has no name: say what happens there").format(
                    kind=kind_text(node.kind), id=node.id), node.id))
        else:
            by_name[name.casefold()].append(node)
    for same in by_name.values():
        for node in same[1:]:
            problems.append(_problem(
                "duplicate-name", _("Two shapes are called {node} (ids {first} and {second}): "
                                    "give each its own name").format(
                    node=label(node), first=same[0].id, second=node.id), node.id))
    return problems


def _check_outcomes(doc: Document, graph: ProcessGraph) -> list[Problem]:
    """A lead is won or lost once: after a milestone (a stage with an outcome) marks it, no node
    may mark it again (the other way is an error, the same way a warning: metrics count only the
    first)."""
    marked = {outcome: [node.id for node in doc.nodes.values()
                        if node.outcome is outcome and node.kind is NodeKind.STAGE]
              for outcome in Outcome}
    if not any(marked.values()):
        return []  # the usual process: outcomes only on ends (arrows out of them: end-outgoing)
    after = {outcome: _reached_after(graph.graph, ids) for outcome, ids in marked.items()}
    problems: list[Problem] = []
    for node in doc.nodes.values():
        if node.outcome is None:
            continue
        other = Outcome.LOST if node.outcome is Outcome.WON else Outcome.WON
        earlier = after[other].get(node.id)
        if earlier:
            problems.append(_problem(
                "conflicting-outcome", _("{node} is marked {outcome}, but leads get here after "
                                         "{earlier} marked them {other}: a lead is won or lost "
                                         "once; remove one of the two outcomes").format(
                    node=label(node), outcome=outcome_text(node.outcome),
                    earlier=label(doc.nodes[earlier[0]]), other=outcome_text(other)), node.id))
        same = [origin for origin in after[node.outcome].get(node.id, []) if origin != node.id]
        if same:
            problems.append(_problem(
                "repeated-outcome", _("{node} is marked {outcome}, but leads get here after "
                                      "{earlier} already marked them {outcome}: they count once, "
                                      "at the first; remove one of the two outcomes").format(
                    node=label(node), outcome=outcome_text(node.outcome),
                    earlier=label(doc.nodes[same[0]])), node.id))
    return problems


def _reached_after(graph: nx.DiGraph, sources: list[str]) -> dict[str, list[str]]:
    """Every node reachable by at least one arrow from some node of `sources`, with up to two of
    those nodes (two, so a milestone that only reaches itself round a loop is told apart from
    one reached after another). Each node is expanded at most twice: linear in the process."""
    origins: dict[str, list[str]] = defaultdict(list)
    queue = deque((target, source) for source in sources for target in graph.successors(source))
    while queue:
        node, origin = queue.popleft()
        found = origins[node]
        if origin in found or len(found) >= 2:
            continue
        found.append(origin)
        queue.extend((target, origin) for target in graph.successors(node))
    return origins


def _check_lane_bands(doc: Document) -> list[Problem]:
    """A shape drawn across its lane's border: the lane says one team owns it, the picture
    shows it half in another team's band."""
    if not doc.lanes:
        return []
    bands = lane_bands(doc)
    problems = []
    for node in doc.nodes.values():
        if node.lane is None or node.lane not in bands:
            continue
        top, bottom = bands[node.lane]
        _left, node_top, _right, node_bottom = node_extent(node)
        out = max(top - node_top, node_bottom - bottom)
        if out > 0.5:
            lane = doc.lane(node.lane)
            problems.append(_problem(
                "outside-lane", _("{node} sticks out of its lane '{lane}' by {units} units: grow "
                                  "the lane or move the shape into it (in the editor: Fix, "
                                  "under this problem)").format(
                    node=label(node), lane=lane.name, units=format_number(out, 0)), node.id))
    return problems
