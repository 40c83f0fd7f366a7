"""The funnel a sales manager reads: the stages along the most likely path to a won end or won
milestone, with how many leads reach each and the conversion from one to the next. Pure, no Qt."""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx

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
    """The most probable path from a start to a won end or won milestone: the one whose arrows'
    shares multiply to the most, never visiting a node twice; empty when no lead can be won.

    A greedy walk along the busiest arrow can run into a loop (a nurture stage that sends leads
    back to qualification) and stop there; maximising the product of shares instead is a
    shortest path with weights -log(share), which Dijkstra answers exactly. A loop on the way
    shows only as extra visits of its stage, never as a step of the path.
    """
    won = [node.id for node in doc.nodes.values() if node.outcome is Outcome.WON]
    starts = [node.id for node in doc.nodes.values() if node.kind is NodeKind.START]
    if not won or not starts:
        return []
    shares: dict[tuple[str, str], float] = {}
    for e in metrics.edges:
        before = metrics.nodes[e.source].visits
        if e.flow > 0 and before > 0 and e.source != e.target:
            shares[(e.source, e.target)] = shares.get((e.source, e.target), 0.0) + e.flow / before
    graph = nx.DiGraph()
    graph.add_nodes_from(doc.nodes)
    graph.add_weighted_edges_from((source, target, -math.log(min(share, 1.0)))
                                  for (source, target), share in shares.items())
    distance, paths = nx.multi_source_dijkstra(graph, starts)
    reached = [node for node in won if node in distance]
    if not reached:
        return []
    # The most probable first; on a tie the shorter path, then the first in the file.
    best = min(reached, key=lambda node: (distance[node], len(paths[node])))
    return list(paths[best])


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
