"""What the metrics overlay shows, computed once per edit: each shape's share of leads and days,
arrow widths following the flow (a flowchart that reads like a Sankey diagram), and the
bottleneck and biggest leak picked out. Used by the canvas and by exports with metrics."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from flowedit.analysis.metrics import Metrics
from flowedit.model import Document, NodeKind
from flowedit.render import style

THINNEST, THICKEST = 1.2, 10.0


@dataclass(frozen=True)
class Overlay:
    badges: dict[str, str] = field(default_factory=dict)
    tags: dict[str, tuple[str, QColor]] = field(default_factory=dict)
    edge_widths: dict[str, float] = field(default_factory=dict)


def _days(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") + " d"


def overlay_for(doc: Document, metrics: Metrics) -> Overlay:
    badges = {}
    for node_id, node in doc.nodes.items():
        figures = metrics.nodes.get(node_id)
        if figures is None:
            continue
        if figures.share > 1.005:  # a loop brings leads back: say so instead of "167%"
            text = f"×{figures.share:.1f} visits"
        elif figures.share >= 0.01 or not figures.share:
            text = f"{figures.share:.0%}"
        else:
            text = f"{figures.share:.1%}"
        if node.kind is not NodeKind.END and node.duration_days:
            text += f" · {_days(node.duration_days)}"
        end = metrics.ends.get(node_id)
        if end is not None and end.days is not None:
            text += f" · after {_days(end.days)}"
        milestone = metrics.milestones.get(node_id)
        if milestone is not None and milestone.days is not None:
            text += f" · {milestone.outcome} after {_days(milestone.days)}"
        badges[node_id] = text
    tags: dict[str, tuple[str, QColor]] = {}
    if metrics.biggest_leak:
        tags[metrics.biggest_leak] = ("Biggest leak", style.LEAK)
    if metrics.bottleneck:
        tags[metrics.bottleneck] = ("Bottleneck", style.BOTTLENECK)
    widest = max((edge.flow for edge in metrics.edges), default=0.0) or 1.0
    widths = {edge.id: THINNEST + (THICKEST - THINNEST) * edge.flow / widest
              for edge in metrics.edges}
    return Overlay(badges, tags, widths)


def headline(metrics: Metrics, doc: Document) -> str:
    """One line for the status bar: what a manager asks first."""
    parts = [f"{metrics.leads:,.0f} leads"]
    if metrics.win_rate is not None:
        parts.append(f"win rate {metrics.win_rate:.1%}")
    if metrics.days_to_win is not None:
        parts.append(f"{_days(metrics.days_to_win).replace(' d', ' days')} to win")
    if metrics.bottleneck:
        parts.append(f"bottleneck: {' '.join(doc.nodes[metrics.bottleneck].name.split())}")
    if metrics.dropped >= 0.5:
        parts.append(f"{metrics.dropped:,.0f} drop out")
    if metrics.stuck >= 0.5:
        parts.append(f"{metrics.stuck:,.0f} stuck")
    return " · ".join(parts)
