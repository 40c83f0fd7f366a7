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

import networkx as nx

from flowedit.analysis.graph import ProcessGraph, process_graph
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
    "no-start": (Severity.ERROR, "the process has no start node"),
    "no-end": (Severity.WARNING, "the process has no end node"),
    "unreachable": (Severity.ERROR, "a node cannot be reached from any start node"),
    "dead-end": (Severity.ERROR, "a start, stage or decision has no outgoing arrow"),
    "decision-branches": (Severity.ERROR, "a decision has fewer than two outgoing arrows"),
    "end-outgoing": (Severity.ERROR, "an end node has an outgoing arrow"),
    "no-path-to-end": (Severity.WARNING, "a reachable node from which no end can be reached"),
    "unlabeled-branch": (Severity.WARNING, "an arrow leaving a decision has no label"),
    "probability-sum": (Severity.WARNING, "the shares on a node's outgoing arrows exceed 100%, "
                                          "or all are given and do not add up to 100%"),
    "no-lane": (Severity.WARNING, "the document has lanes and a node is in none"),
    "duplicate-name": (Severity.WARNING, "two nodes have the same name"),
    "unnamed": (Severity.WARNING, "a node has an empty name"),
    "duplicate-edge": (Severity.WARNING,
                       "two arrows join the same two nodes in the same direction"),
    "implicit-split": (Severity.WARNING, "a start or stage has several outgoing arrows"),
    "no-won-end": (Severity.WARNING, "the process has ends but no end or milestone is marked "
                                     "won, so there is no win rate"),
    "conflicting-outcome": (Severity.ERROR, "leads marked won (or lost) at a milestone can then "
                                            "reach a node marked the other way"),
    "repeated-outcome": (Severity.WARNING, "leads marked won (or lost) at a milestone can then "
                                           "reach another node marked the same way"),
    "outside-lane": (Severity.WARNING, "a shape sticks out of its lane's band (the editor "
                                       "offers to grow the lane)"),
    "subprocess-file": (Severity.ERROR, "a stage links to a sub-process file that is missing "
                                        "or cannot be read"),
    "subprocess-cycle": (Severity.ERROR, "a stage links to a sub-process file that contains "
                                         "the process again"),
    "subprocess-unmapped-end": (Severity.ERROR, "an end of a sub-process leaves by none of its "
                                                "stage's outgoing arrows"),
    "subprocess-unused-exit": (Severity.ERROR, "an outgoing arrow of a stage with a "
                                               "sub-process is taken by none of its ends"),
}


def label(node: Node) -> str:
    """How a message names a node: its name, or its id when it has none."""
    name = node.name.strip()
    return f"'{name}'" if name else f"the unnamed {node.kind.value} ({node.id})"


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
        problems.append(_problem("no-start", "The process has no start: add a Start shape where "
                                             "leads come in (e.g. 'Lead received')"))
    if not ends:
        problems.append(_problem("no-end", "The process has no end: add End shapes for the "
                                           "outcomes (e.g. 'Deal won' and 'Deal lost')"))
    if ends and not any(node.outcome is Outcome.WON for node in doc.nodes.values()):
        problems.append(_problem("no-won-end", "No end is marked won: select the end where a deal "
                                               "is won and set its outcome, so flowedit can give "
                                               "the win rate and the days to win"))
    if not starts:
        return problems
    reached = graph.reachable
    for node in doc.nodes.values():
        if node.id not in reached:
            problems.append(_problem(
                "unreachable", f"{label(node)} can never be reached: no path leads to it from "
                               "the start", node.id))
    if ends:
        finishing = graph.finishing
        trapped = [node for node in doc.nodes.values()
                   if node.id in reached and node.id not in finishing and doc.out_edges(node.id)
                   and node.kind is not NodeKind.END]
        circling = _leading_into_loops(graph, [node.id for node in trapped])
        for node in trapped:
            why = ("leads that get here go round in circles" if node.id in circling
                   else "every way on ends at a shape with no way out")
            problems.append(_problem(
                "no-path-to-end", f"From {label(node)} no path reaches an end: {why}", node.id))
    return problems


def _leading_into_loops(graph: ProcessGraph, trapped: list[str]) -> set[str]:
    """The trapped nodes from which a loop (with no exit) can be reached."""
    if not trapped:
        return set()
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
                "dead-end", f"Leads get stuck at {label(node)}: no arrow leads out of it", node.id))
        if kind is decision and len(outgoing) < 2:
            ways = "no way out" if not outgoing else "only one way out"
            problems.append(_problem(
                "decision-branches", f"The decision {label(node)} has {ways}; a decision needs at "
                                     "least two (e.g. Yes and No)", node.id))
        elif (len(outgoing) > 1 and kind in splittable and _ways_on(doc, node.id, outgoing) > 1
              and node.process is None and node.subprocess is None):  # its ends choose the way
            problems.append(_problem(
                "implicit-split", f"{label(node)} has {_ways_on(doc, node.id, outgoing)} ways on "
                                  "but is not a "
                                  "decision: put a decision between them so readers know which "
                                  "way a lead goes", node.id))
        if has_lanes and node.lane is None:
            problems.append(_problem(
                "no-lane", f"{label(node)} is in no lane: put it in the lane of the team that "
                           "owns it", node.id))
    return problems


def _ways_on(doc: Document, node_id: str, outgoing: tuple[str, ...]) -> int:
    """Outgoing arrows that lead elsewhere: a stage repeating itself is not a split."""
    return sum(1 for edge_id in outgoing if doc.edges[edge_id].target != node_id)


def _percent(share: float) -> str:
    """Whole percents, unless rounding would hide why the shares are wrong (e.g. 100.4%)."""
    text = f"{share:.0%}"
    for digits in range(1, 5):
        if share in (0.0, 1.0) or float(text.rstrip("%")) not in (0.0, 100.0):
            break
        text = f"{share:.{digits}%}"
    return text


def _end_outgoing(doc: Document, node: Node, edge_id: str) -> Problem:
    edge = doc.edges[edge_id]
    return _problem("end-outgoing", f"{label(node)} is an end, but an arrow leaves it (to "
                                    f"{label(doc.nodes[edge.target])}); remove the arrow or make "
                                    "it a stage", node.id, (edge.source, edge.target), edge_id)


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
            message = (f"The shares of leads leaving {label(node)} add up to {_percent(total)}; "
                       "they cannot be more than 100%")
        elif len(given) == len(shares) and total < 1 - _PROBABILITY_TOLERANCE:
            message = (f"The shares of leads leaving {label(node)} add up to {_percent(total)}: "
                       f"the other {_percent(1 - total)} drop out of the process here")
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
                "unlabeled-branch", f"The branch from {label(source)} to "
                                    f"{label(doc.nodes[edge.target])} has no label: say which "
                                    "answer it stands for (e.g. Yes)", edge.source, pair, edge.id))
        if pair in seen:
            problems.append(_problem(
                "duplicate-edge", f"{label(source)} is connected to "
                                  f"{label(doc.nodes[edge.target])} twice: remove one arrow",
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
                "unnamed", f"A {node.kind.value} (id {node.id}) has no name: say what happens "
                           "there", node.id))
        else:
            by_name[name.casefold()].append(node)
    for same in by_name.values():
        for node in same[1:]:
            problems.append(_problem(
                "duplicate-name", f"Two shapes are called {label(node)} (ids {same[0].id} and "
                                  f"{node.id}): give each its own name", node.id))
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
                "conflicting-outcome", f"{label(node)} is marked {node.outcome.value}, but leads "
                                       f"get here after {label(doc.nodes[earlier[0]])} marked "
                                       f"them {other.value}: a lead is won or lost once; remove "
                                       "one of the two outcomes", node.id))
        same = [origin for origin in after[node.outcome].get(node.id, []) if origin != node.id]
        if same:
            problems.append(_problem(
                "repeated-outcome", f"{label(node)} is marked {node.outcome.value}, but leads get "
                                    f"here after {label(doc.nodes[same[0]])} already marked them "
                                    f"{node.outcome.value}: they count once, at the first; remove "
                                    "one of the two outcomes", node.id))
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
        _, node_top, _, node_bottom = node_extent(node)
        out = max(top - node_top, node_bottom - bottom)
        if out > 0.5:
            lane = doc.lane(node.lane)
            problems.append(_problem(
                "outside-lane", f"{label(node)} sticks out of its lane '{lane.name}' by "
                                f"{out:.0f} units: grow the lane or move the shape into it "
                                "(in the editor: Fix, under this problem)", node.id))
    return problems
