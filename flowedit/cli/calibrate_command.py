"""`flowedit calibrate PROCESS HISTORY`: the process measured on a CRM export. No Qt here.

Reads a stage history (or a wide export, or a snapshot) with flowedit.io.crm_table, calibrates
with flowedit.analysis.calibrate and prints a text or JSON report; `-o OUT.yaml` writes the
process with the measured probabilities and days (docs/calibration.md).
Exit status: 0 calibrated; 1 the report was printed but nothing could be written (a snapshot
has no per-stage figures); 2 an input cannot be read or does not fit the process: one message on
stderr naming the file (and row), nothing written.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import TYPE_CHECKING

from flowedit.cli.common import read_or_report, shortened

if TYPE_CHECKING:
    from flowedit.analysis.calibrate import CalibrationReport, SnapshotReport
    from flowedit.model import Document

NAME_WIDTH = 32


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="PROCESS", help="the process file (.yaml)")
    parser.add_argument("history", metavar="HISTORY",
                        help="the CRM export: CSV (any delimiter; UTF-8, UTF-16, cp1252) or XLSX")
    parser.add_argument("--case", metavar="COL", help="column of the deal id")
    parser.add_argument("--stage", metavar="COL", help="column of the stage")
    parser.add_argument("--time", metavar="COL", help="column of the time a stage was entered")
    parser.add_argument("--amount", metavar="COL", help="column of the deal amount")
    parser.add_argument("--sheet", metavar="NAME", help="the sheet of an Excel file to read "
                                                        "(default: the first)")
    parser.add_argument("--map", action="append", default=[], metavar="'CRM stage=node id'",
                        help="map a CRM stage to a shape (repeatable); others map by name")
    parser.add_argument("--since", type=date_argument, metavar="DATE",
                        help="ignore rows before this date (YYYY-MM-DD)")
    parser.add_argument("--until", type=date_argument, metavar="DATE",
                        help="ignore rows after this date; deals still open are cut here")
    parser.add_argument("-o", "--output", metavar="OUT.yaml",
                        help="write the process with the measured values")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (tables) or json")
    parser.epilog = ("Probability of an arrow = transitions along it / all transitions out of "
                     "its source, with a 90 % Wilson interval; days = mean time in the stage, "
                     "open deals right-censored. See docs/calibration.md.")


def date_argument(text: str) -> float:
    """argparse type of a date option: seconds since 1970 (UTC); unambiguous forms only."""
    from flowedit.io.crm_dates import DateProblem, parse_one

    try:
        day_first, month_first = parse_one(text)
    except DateProblem:
        day_first = month_first = math.nan
    if day_first != month_first or not math.isfinite(day_first):
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)")
    return day_first


def mapping_argument(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        crm, sep, node = item.rpartition("=")
        if not sep or not crm.strip() or not node.strip():
            raise ValueError(f"--map {item!r}: write it as 'CRM stage=node id'")
        mapping[crm.strip()] = node.strip()
    return mapping


def run(args: argparse.Namespace) -> int:
    from flowedit.analysis.calibrate import CalibrationError, calibrate, summarise_snapshot
    from flowedit.io import FlowSaveError, save_document
    from flowedit.io.crm_table import CrmExportError, read_crm_export
    from flowedit.model.history import DAY, DealSnapshot

    doc = read_or_report(args.file)
    if doc is None:
        return 2
    try:
        mapping = mapping_argument(args.map)
        export = read_crm_export(args.history, case=args.case, stage=args.stage,
                                 time=args.time, amount=args.amount, sheet=args.sheet)
        if isinstance(export, DealSnapshot):
            snapshot = summarise_snapshot(doc, export, mapping)
            _print(args.format, snapshot.to_json(), lambda: format_snapshot(snapshot))
            if args.output:
                print(f"flowedit: {args.history}: a snapshot (one row per deal) has no stage "
                      f"history, so {args.output} was not written", file=sys.stderr)
                return 1
            return 0
        until = None if args.until is None else args.until + DAY - 1  # the whole last day
        result = calibrate(doc, export, mapping, since=args.since, until=until)
    except (CrmExportError, CalibrationError, ValueError) as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return 2
    if args.output:
        try:
            save_document(result.document, args.output)
        except FlowSaveError as error:
            print(f"flowedit: {error}", file=sys.stderr)
            return 2
    _print(args.format, result.report.to_json(), lambda: format_report(doc, result.report))
    return 0


def _print(form: str, data: dict, text) -> None:  # type: ignore[no-untyped-def]
    if form == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(text())


def format_report(doc: Document, report: CalibrationReport) -> str:
    def name(node_id: str) -> str:
        node = doc.nodes.get(node_id)
        return shortened(node.name if node else node_id, NAME_WIDTH)

    lines = [f"{doc.title}: measured on {report.source}",
             f"{report.cases:,} deals, {report.rows:,} stage entries, {report.start} to "
             f"{report.end}; {report.open_cases:,} still open",
             "columns: " + ", ".join(f"{col} ({role})" for role, col in report.columns.items()),
             *(f"note: {note}" for note in report.notes),
             "mapping: " + "; ".join(
                 f"{crm} -> {' | '.join(nodes)} ({report.mapping.how[crm]})"
                 for crm, nodes in report.mapping.nodes.items()), ""]
    lines += _table(["arrow", "planned", "measured", "n", "90% interval"], [
        [f"{name(a.source)} -> {name(a.target)}", _percent(a.planned), _percent(a.measured),
         f"{a.n:,}", "-" if a.low is None else f"{a.low:.0%}-{a.high:.0%}"]
        for a in report.arrows if a.measured is not None or a.planned is not None])
    lines.append("")
    lines += _table(["stage", "planned days", "mean", "median", "P90", "n", "open"], [
        [name(s.id), _days(s.planned_days),
         _days(s.mean_days) + ("+" if s.mean_is_lower_bound else ""), _days(s.median_days),
         _days(s.p90_days), f"{s.n:,}", f"{s.open:,}"] for s in report.stages])
    if any(s.mean_is_lower_bound for s in report.stages):
        lines.append("+ at least: the longest stay there is still open")
    lines += ["", "conformance"]
    lines.append("  transitions the process lacks:" + ("" if report.missing else " none"))
    lines += [f"    {name(d.source)} -> {name(d.target)}: {d.count:,} (e.g. "
              f"{', '.join(d.examples)})" for d in report.missing]
    lines.append(f"  cases that skipped stages: {report.skipped_cases:,}")
    lines += [f"    {name(d.source)} -> {name(d.target)}, skipping "
              f"{', '.join(name(s) for s in d.skipped)}: {d.count:,} (e.g. "
              f"{', '.join(d.examples)})" for d in report.skips]
    lines.append("  arrows never used: " + (", ".join(
        f"{name(doc.edges[e].source)} -> {name(doc.edges[e].target)}" for e in report.unused)
        or "none"))
    lines.append("  unmapped CRM stages: " + (", ".join(
        f"{s} ({n:,} rows)" for s, n in report.unmapped.items()) or "none"))
    if report.no_data:
        lines.append("  stages no deal was seen in: " + ", ".join(map(name, report.no_data)))
    return "\n".join(lines)


def format_snapshot(report: SnapshotReport) -> str:
    lines = [f"{report.source}: a snapshot of {report.deals:,} deals "
             f"({report.won:,} won, {report.lost:,} lost, {report.open:,} open)",
             "columns: " + ", ".join(f"{col} ({role})" for role, col in report.columns.items()),
             *(f"note: {note}" for note in report.notes),
             "outcomes: " + ", ".join(f"{s} = {o}" for s, o in report.outcomes.items()), ""]
    rate = "-" if report.win_rate is None else (
        f"{report.win_rate:.1%} (90% interval {report.low:.1%}-{report.high:.1%}; open deals "
        "are not counted as lost)")
    lines.append(f"win rate      {rate}")
    if report.planned_win_rate is not None:
        lines.append(f"planned       {report.planned_win_rate:.1%} (the process as drawn)")
    for label, figure in (("days to win", report.won_days), ("days to lose", report.lost_days)):
        if figure is not None:
            lines.append(f"{label:<14}mean {_days(figure.mean_days)}, median "
                         f"{_days(figure.median_days)}, P90 {_days(figure.p90_days)} "
                         f"(n = {figure.n:,})")
    if report.mean_won_amount is not None:
        lines.append(f"deal value    {report.mean_won_amount:,.2f} (mean won amount)")
    for stage, (deals, amount) in report.open_by_stage.items():
        lines.append(f"open          {stage}: {deals:,} deals, amount {amount:,.2f}")
    lines += ["", "a snapshot cannot give:", *(f"  {item}" for item in report.cannot)]
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[c]) for row in [header, *rows]) for c in range(len(header))]
    return ["  ".join(cell.ljust(w) if c == 0 else cell.rjust(w)
                      for c, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in [header, ["-" * w for w in widths], *rows]]


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _days(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"
