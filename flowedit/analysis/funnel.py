"""The funnel a sales manager reads: the stages along the most likely path to a won end, with how
many leads reach each and the conversion from one to the next. Pure, no Qt."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from flowedit.analysis.graph import process_graph
from flowedit.analysis.metrics import Metrics
from flowedit.model import Document, NodeKind, Outcome


@dataclass(frozen=True, slots=True)
class FunnelBar:
    node: str
    name: str
    visits: float
    share: float  # visits / leads
    conversion: float | None  # visits / visits of the bar before; None for the first


def most_likely_won_path(doc: Document, metrics: Metrics) -> list[str]:
    """From the busiest start, always along the arrow carrying most leads among those that can
    still end won, never visiting a node twice; empty when no end is won."""
    won = {n.id for n in doc.nodes.values() if n.outcome is Outcome.WON}
    if not won:
        return []
    graph = process_graph(doc).graph
    can_win = set(won)
    for end in won:
        can_win |= nx.ancestors(graph, end)
    leaving: dict[str, dict[str, float]] = {}
    for e in metrics.edges:
        targets = leaving.setdefault(e.source, {})
        targets[e.target] = targets.get(e.target, 0.0) + e.flow
    starts = [n for n in process_graph(doc).starts if n in can_win]
    if not starts:
        return []
    path = [max(starts, key=lambda n: metrics.nodes[n].visits)]
    seen = set(path)
    while path[-1] not in won:
        options = [(flow, target) for target, flow in leaving.get(path[-1], {}).items()
                   if target in can_win and target not in seen]
        if not options:
            break
        _, chosen = max(options, key=lambda option: option[0])
        path.append(chosen)
        seen.add(chosen)
    return path


def funnel_bars(doc: Document, metrics: Metrics) -> list[FunnelBar]:
    """One bar per start, stage and end on the most likely won path (decisions are the gaps
    between bars, where the conversion is shown)."""
    bars: list[FunnelBar] = []
    for node_id in most_likely_won_path(doc, metrics):
        node = doc.nodes[node_id]
        if node.kind is NodeKind.DECISION:
            continue
        visits = metrics.nodes[node_id].visits
        previous = bars[-1].visits if bars else None
        conversion = visits / previous if previous else None
        bars.append(FunnelBar(node_id, node.name, visits, visits / metrics.leads, conversion))
    return bars
