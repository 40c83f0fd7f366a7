"""What the metrics overlay shows, computed once per edit: each shape's share of leads and days,
arrow widths following the flow (a flowchart that reads like a Sankey diagram), and the
bottleneck and biggest leak picked out. Used by the canvas and by exports with metrics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from flowedit.analysis.metrics import Metrics
from flowedit.i18n import _, format_number, format_percent
from flowedit.model import Document, NodeKind
from flowedit.render import style

THINNEST, THICKEST = 1.2, 10.0


@dataclass(frozen=True)
class Overlay:
    badges: dict[str, str] = field(default_factory=dict)
    tags: dict[str, tuple[str, QColor]] = field(default_factory=dict)
    edge_widths: dict[str, float] = field(default_factory=dict)
    #: On arrows whose probability was measured: "planned 40 % → measured 27 % (n = 310)".
    edge_notes: dict[str, str] = field(default_factory=dict)


def _figure(value: float) -> str:
    """3, 2.5: at most one decimal, the reader's decimal separator."""
    return format_number(value, 1, grouping=False).rstrip("0").rstrip(".,")


def _days(value: float) -> str:
    return _("{days} d").format(days=_figure(value))


def _money(value: float) -> str:
    """12,500 or 3,750.5: whole amounts without decimals, the reader's separators."""
    return format_number(value, 0 if abs(value) >= 100 or float(value).is_integer() else 2)


def measured_notes(doc: Document, planned: Mapping[str, float | None] | None = None
                   ) -> dict[str, str]:
    """What each measured arrow rests on, beside the share planned before the calibration
    (`planned`: edge id -> the probability before, when this session calibrated it)."""
    notes = {}
    for edge in doc.edges.values():
        # Where a shape has one way on, "measured 100 %" says nothing: only choices get a note.
        if (edge.measured is None or edge.probability is None
                or len(doc.out_edges(edge.source)) < 2):
            continue
        measured = format_percent(edge.probability, 0)
        count = format_number(edge.measured.n, 0)
        before = (planned or {}).get(edge.id)
        if before is not None and round(before, 2) != round(edge.probability, 2):
            notes[edge.id] = _("planned {planned} → measured {measured} (n = {n})").format(
                planned=format_percent(before, 0), measured=measured, n=count)
        else:
            notes[edge.id] = _("measured {measured} (n = {n})").format(measured=measured,
                                                                      n=count)
    return notes


def overlay_for(doc: Document, metrics: Metrics,
                planned: Mapping[str, float | None] | None = None) -> Overlay:
    badges = {}
    for node_id, node in doc.nodes.items():
        figures = metrics.nodes.get(node_id)
        if figures is None:
            continue
        if figures.share > 1.005:  # a loop brings leads back: say so instead of "167%"
            text = _("×{count} visits").format(
                count=format_number(figures.share, 1, grouping=False))
        elif figures.share >= 0.01 or not figures.share:
            text = format_percent(figures.share, 0)
        else:
            text = format_percent(figures.share, 1)
        rolled = metrics.from_subprocess.get(node_id)
        days = rolled.days if rolled is not None else node.duration_days
        if node.kind is not NodeKind.END and days:
            text += f" · {_days(days)}"
        if rolled is not None:  # days and arrow shares computed, not typed in
            text += " · " + _("from sub-process")
        end = metrics.ends.get(node_id)
        if end is not None and end.days is not None:
            text += " · " + _("after {days}").format(days=_days(end.days))
        milestone = metrics.milestones.get(node_id)
        if milestone is not None and milestone.days is not None:
            text += " · " + (_("won after {days}") if milestone.outcome == "won" else
                             _("lost after {days}")).format(days=_days(milestone.days))
        if node.value is not None and node_id in metrics.nodes:
            text += " · " + _("{value} each").format(value=_money(node.value))
        badges[node_id] = text
    tags: dict[str, tuple[str, QColor]] = {}
    if metrics.biggest_leak:
        tags[metrics.biggest_leak] = (_("Biggest leak"), style.LEAK)
    if metrics.bottleneck:
        tags[metrics.bottleneck] = (_("Bottleneck"), style.BOTTLENECK)
    widest = max((edge.flow for edge in metrics.edges), default=0.0) or 1.0
    widths = {edge.id: THINNEST + (THICKEST - THINNEST) * edge.flow / widest
              for edge in metrics.edges}
    return Overlay(badges, tags, widths, measured_notes(doc, planned))


def headline(metrics: Metrics, doc: Document) -> str:
    """One line for the status bar: what a manager asks first."""
    parts = [_("{count} leads").format(count=format_number(metrics.leads, 0))]
    if metrics.win_rate is not None:
        parts.append(_("win rate {rate}").format(rate=format_percent(metrics.win_rate, 1)))
    if metrics.days_to_win is not None:
        parts.append(_("{days} days to win").format(days=_figure(metrics.days_to_win)))
    if metrics.days_to_win_p50 is not None and metrics.days_to_win_p90 is not None:
        parts.append(_("P50 {p50} · P90 {p90}").format(p50=_days(metrics.days_to_win_p50),
                                                       p90=_days(metrics.days_to_win_p90)))
    if metrics.deal_value is not None and metrics.revenue_per_lead is not None:
        parts.append(_("{value} per won deal").format(value=_money(metrics.deal_value)))
        parts.append(_("{value} per lead").format(value=_money(metrics.revenue_per_lead)))
    if metrics.pipeline_forecast is not None:
        parts.append(_("pipeline {value}").format(value=_money(metrics.pipeline_forecast)))
    if metrics.bottleneck:
        parts.append(_("bottleneck: {name}").format(
            name=" ".join(doc.nodes[metrics.bottleneck].name.split())))
    if metrics.dropped >= 0.5:
        parts.append(_("{count} drop out").format(count=format_number(metrics.dropped, 0)))
    if metrics.stuck >= 0.5:
        parts.append(_("{count} stuck").format(count=format_number(metrics.stuck, 0)))
    return " · ".join(parts)
