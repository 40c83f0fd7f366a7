"""Figures that roll up: a stage's days and arrow probabilities computed from its sub-process.

A lead entering the stage goes through the sub-process, an absorbing Markov chain of its own
(analysis/metrics.py), and leaves by the stage arrow its end maps to (model/subprocess.py
`exit_mapping`). So, with one lead put on the sub-process's starts:

- an arrow's probability is the share of leads finishing at the ends that map to it;
- leads finishing at an end that maps to no arrow, dropping out or stuck inside, leave the stage
  by no arrow: they drop out there (the shares add up to less than 1);
- the stage's days are the expected days a lead spends inside: the lead-days of every shape of
  the sub-process but its ends (days spent at an end are not spent in the stage).

Because a lead enters the sub-process afresh at each visit, the process with these figures has
the same flow along every arrow outside the stage, the same win rate and share at every end, and
the same lead-days in all as the process with the sub-process drawn inline (model.subprocess
`flatten`); days to an end are equal too when the sub-process's exits take equally long.

`own_figures: true` on the stage keeps its own days and probabilities. A sub-process whose
figures cannot be computed (no start, shares over 100%) leaves the stage's own figures in place;
the checks report why. Pure Python and numpy, no Qt.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from flowedit.model import Document, NodeKind
from flowedit.model.elements import MAX_DURATION_DAYS
from flowedit.model.limits import MAX_LEVELS
from flowedit.model.subprocess import exit_mapping

if TYPE_CHECKING:
    from flowedit.analysis.metrics import Metrics


@dataclass(frozen=True, slots=True)
class RolledUp:
    """The figures of one stage that come from its sub-process (what the overlay marks 'from
    sub-process'): its days and the probability of each of its outgoing arrows."""

    days: float
    probabilities: dict[str, float]
    dropped: float  # share of the leads that leave the stage by no arrow

    def to_json(self) -> dict[str, object]:
        return {"days": self.days, "probabilities": self.probabilities, "dropped": self.dropped}


def rolled_up_figures(parent: Document, stage_id: str, child: Document,
                      child_metrics: Metrics) -> RolledUp:
    """The stage's figures from the metrics of its sub-process computed for one lead."""
    leads = child_metrics.leads
    mapping = exit_mapping(parent, stage_id, child)
    shares = {edge_id: 0.0 for edge_id in parent.out_edges(stage_id)}
    for end_id, edge_id in mapping.items():
        if edge_id is not None:
            shares[edge_id] += child_metrics.ends[end_id].leads / leads
    days = math.fsum(m.lead_days for node_id, m in child_metrics.nodes.items()
                     if child.nodes[node_id].kind is not NodeKind.END) / leads
    probabilities = {edge_id: min(max(share, 0.0), 1.0) for edge_id, share in shares.items()}
    return RolledUp(min(days, MAX_DURATION_DAYS), probabilities,
                    max(0.0, 1.0 - math.fsum(probabilities.values())))


def roll_up(doc: Document, depth: int = 0) -> tuple[Document, dict[str, RolledUp]]:
    """One level of the process with the figures of its stages' sub-processes in place of their
    own: a copy without the sub-processes (the document is left as it is), and the figures
    that were rolled up by stage id. Sub-processes of sub-processes roll up first."""
    from flowedit.analysis.metrics import MetricsError, compute_metrics_at

    rolled: dict[str, RolledUp] = {}
    if depth < MAX_LEVELS:
        for node in doc.nodes.values():
            if node.kind is not NodeKind.STAGE or node.own_figures:
                continue
            child = doc.child(node.id)
            if child is None:
                continue
            try:
                child_metrics = compute_metrics_at(child, 1.0, depth + 1)
            except MetricsError:
                continue
            rolled[node.id] = rolled_up_figures(doc, node.id, child, child_metrics)
    copy = Document(doc.title)
    for lane in doc.lanes:
        copy.add_lane(lane)
    for node in doc.nodes.values():
        figures = rolled.get(node.id)
        plain = replace(node, process=None, subprocess=None)
        copy.add_node(replace(plain, duration_days=figures.days) if figures else plain)
    for edge in doc.edges.values():
        figures = rolled.get(edge.source)
        copy.add_edge(replace(edge, probability=figures.probabilities[edge.id]) if figures
                      else edge)
    return copy, rolled
