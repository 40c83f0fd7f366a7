"""`flowedit metrics FILE`: where the leads of a process go, how long they take. No Qt here.

Text: a table of the stages (visits, share, conversion, lead-days), one of the ends, and the
headline figures. JSON: `Metrics.to_json()` (docs/metrics.md lists every key).
Exit status: 0 when the figures were computed; 2 when the file cannot be read or its numbers
cannot be computed (no start, shares adding up to more than 100%): the reason on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from typing import TYPE_CHECKING

from flowedit.cli.common import (
    display_width,
    leads_argument,
    padded,
    read_or_report,
    shortened,
)
from flowedit.i18n import _, format_number, format_percent
from flowedit.model import Document, ModelError, NodeKind

if TYPE_CHECKING:
    from flowedit.analysis.metrics import Metrics

#: Names longer than this are cut in the text table so that the columns stay readable.
NAME_WIDTH = 40


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("the process file"))
    parser.add_argument("--leads", type=leads_argument, default=1000.0, metavar="N",
                        help=_("leads entering the process, shared equally by its starts "
                               "(default 1000)"))
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("text (tables and headline figures) or json"))
    parser.add_argument("--level", metavar="PATH", default="",
                        help=_("the figures of a sub-process: the ids of the stages leading to "
                               "it, separated by '/' (e.g. prospecting); default the top level"))
    parser.add_argument("--flatten", action="store_true",
                        help=_("the figures of the process with every sub-process drawn in "
                               "place of its stage: one row per shape of every level (ids "
                               "inside a sub-process start with its stage's id)"))
    parser.add_argument("--pipeline", metavar="EXPORT",
                        help=_("a CRM snapshot export (one row per deal with its stage and "
                               "amount): adds the pipeline forecast of its open deals"))
    parser.epilog = _("Expected figures of the process as drawn: arrows' probabilities are the "
                      "shares of leads taking them, duration_days the days a lead spends in a "
                      "stage per visit. See docs/metrics.md.")


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: `flowedit` without a subcommand should not load scipy.
    from flowedit.analysis.metrics import MetricsError, compute_metrics

    doc = read_or_report(args.file)
    if doc is None:
        return 2
    if args.level:
        try:
            doc = doc.level(tuple(args.level.split("/")))
        except ModelError as error:
            print("flowedit: " + _("{file}: cannot show --level {level}: {reason}").format(
                file=args.file, level=args.level, reason=error), file=sys.stderr)
            return 2
    if args.flatten:
        from flowedit.model.subprocess import flatten

        doc = flatten(doc)
    try:
        metrics = compute_metrics(doc, args.leads)
    except MetricsError as error:
        print("flowedit: " + _("{file}: cannot compute the metrics: {reason}").format(
            file=args.file, reason=error), file=sys.stderr)
        return 2
    if args.pipeline:
        forecast = _pipeline(doc, args.pipeline)
        if isinstance(forecast, str):
            print("flowedit: " + forecast, file=sys.stderr)
            return 2
        metrics = dataclasses.replace(metrics, pipeline_forecast=forecast)
    if args.format == "json":
        print(json.dumps(metrics.to_json(), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(format_text(doc, metrics))
    return 0


def _pipeline(doc: Document, path: str) -> float | str:
    """The forecast of the open deals of a snapshot export, or the message why there is none."""
    from flowedit.analysis.calibrate import CalibrationError, summarise_snapshot
    from flowedit.io.crm_table import CrmExportError, read_crm_export
    from flowedit.model.history import DealSnapshot

    try:
        export = read_crm_export(path)
        if not isinstance(export, DealSnapshot):
            return _("{file}: --pipeline needs a snapshot export (one row per deal with its "
                     "current stage and amount), not a stage history").format(file=path)
        report = summarise_snapshot(doc, export)
    except (CrmExportError, CalibrationError, ValueError) as error:
        return str(error)
    if report.pipeline_forecast is None:
        return _("{file}: no open deal with an amount is in a stage of the process").format(
            file=path)
    return report.pipeline_forecast


def format_text(doc: Document, metrics: Metrics) -> str:
    """The tables and headline figures `flowedit metrics` prints."""
    lane_names = {lane.id: lane.name for lane in doc.lanes}
    stages = [
        [_name(node.name or node.id), _name(lane_names.get(node.lane or "", "")) or "-",
         _number(m.visits), _percent(m.share), _percent(m.conversion), _number(m.lead_days)]
        for node, m in ((doc.nodes[i], m) for i, m in metrics.nodes.items())
        if node.kind is not NodeKind.END
    ]
    ends = [
        [_name(doc.nodes[i].name or i), _outcome(e.outcome), _number(e.leads), _percent(e.share),
         "-" if e.days is None else format_number(e.days, 2)]
        for i, e in metrics.ends.items()
    ]
    total = metrics.leads
    figure = format_number(total, 0) if total.is_integer() else _number(total)
    lines = [_("{title}: {leads} leads").format(title=doc.title, leads=figure), ""]
    lines += _table([_("stage"), _("lane"), _("visits"), _("share"), _("conversion"),
                     _("lead days")], stages)
    if ends:
        lines.append("")
        lines += _table([_("end"), _("outcome"), _("leads"), _("share"), _("days")], ends)
    if metrics.milestones:  # stages where a lead counts as won or lost and goes on
        lines.append("")
        lines += _table([_("milestone"), _("outcome"), _("leads"), _("share"), _("days")], [
            [_name(doc.nodes[i].name or i), _outcome(m.outcome), _number(m.leads),
             _percent(m.share), "-" if m.days is None else format_number(m.days, 2)]
            for i, m in metrics.milestones.items()])
    lines.append("")
    lines += _headline(doc, metrics)
    if metrics.from_subprocess:
        lines.append("")
        lines += _table([_("from sub-process"), _("days"), _("leaves by")], [
            [_name(doc.nodes[i].name or i), format_number(r.days, 2),
             ", ".join(f"{_name(doc.nodes[doc.edges[e].target].name or e)} {_percent(p)}"
                       for e, p in r.probabilities.items()) or "-"]
            for i, r in metrics.from_subprocess.items()])
    return "\n".join(lines)


def _headline(doc: Document, metrics: Metrics) -> list[str]:
    def named(node_id: str | None, figure: float, unit: str) -> str:
        if node_id is None:
            return "-"
        return unit.format(name=_name(doc.nodes[node_id].name or node_id),
                           figure=_number(figure))

    def leads(figure: float) -> str:
        return _("{leads} leads ({share})").format(leads=_number(figure),
                                                   share=_percent(figure / metrics.leads))

    bottleneck, leak = metrics.bottleneck, metrics.biggest_leak
    rows = [
        (_("win rate"), _("- (no end is won)") if metrics.win_rate is None else
         _("{rate} ({leads} leads)").format(rate=_percent(metrics.win_rate),
                                            leads=_number(metrics.win_rate * metrics.leads))),
        (_("days to win"), "-" if metrics.days_to_win is None
         else format_number(metrics.days_to_win, 2)),
        (_("P50 / P90"), _("{p50} / {p90} days (exact)").format(
            p50=_optional(metrics.days_to_win_p50), p90=_optional(metrics.days_to_win_p90))
         if metrics.days_to_win_p50 is not None else "-"),
        (_("dropped"), leads(metrics.dropped)),
        (_("stuck"), leads(metrics.stuck)),
        (_("bottleneck"), named(bottleneck, metrics.nodes[bottleneck].lead_days if bottleneck
                                else 0.0, _("{name} ({figure} lead days)"))),
        (_("biggest leak"), named(leak, metrics.nodes[leak].lost if leak else 0.0,
                                  _("{name} ({figure} leads lost)"))),
    ]
    if metrics.deal_value is not None and metrics.revenue is not None:
        rows += [
            (_("deal value"), format_number(metrics.deal_value, 2)),
            (_("revenue per lead"), format_number(metrics.revenue_per_lead or 0.0, 2)),
            (_("revenue of {leads} leads").format(leads=format_number(metrics.leads, 0)),
             format_number(metrics.revenue, 2)),
        ]
    if metrics.pipeline_forecast is not None:
        rows.append((_("pipeline forecast"), format_number(metrics.pipeline_forecast, 2)))
    width = max(14, *(display_width(title) + 2 for title, _text in rows))
    return [padded(title, width) + text for title, text in rows]


def _optional(value: float | None) -> str:
    return "-" if value is None else format_number(value, 2)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell; the first two left-aligned, the figures right."""
    widths = [max(display_width(row[c]) for row in [header, *rows])
              for c in range(len(header))]

    def line(row: list[str]) -> str:
        cells = [padded(cell, w, right=c >= 2)
                 for c, (cell, w) in enumerate(zip(row, widths, strict=True))]
        return "  ".join(cells).rstrip()

    return [line(header), line(["-" * w for w in widths]), *map(line, rows)]


def _name(text: str) -> str:
    return shortened(text, NAME_WIDTH)


def _number(value: float) -> str:
    return format_number(value, 1)


def _percent(value: float | None) -> str:
    return "-" if value is None else format_percent(value, 1)


def _outcome(outcome: str | None) -> str:
    """The outcome column: won/lost in the reader's words (JSON keeps the file's)."""
    return {"won": _("won"), "lost": _("lost")}.get(outcome or "", outcome or "-")
