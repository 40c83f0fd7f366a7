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

from flowedit.cli.common import display_width, padded, read_or_report, shortened
from flowedit.i18n import N_, _, format_number, format_percent

if TYPE_CHECKING:
    from flowedit.analysis.calibrate import CalibrationReport, SnapshotReport
    from flowedit.model import Document

NAME_WIDTH = 32


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="PROCESS", help=_("the process file (.yaml)"))
    parser.add_argument("history", metavar="HISTORY",
                        help=_("the CRM export: CSV (any delimiter; UTF-8, UTF-16, cp1252) or "
                               "XLSX"))
    parser.add_argument("--case", metavar="COL", help=_("column of the deal id"))
    parser.add_argument("--stage", metavar="COL", help=_("column of the stage"))
    parser.add_argument("--time", metavar="COL", help=_("column of the time a stage was entered"))
    parser.add_argument("--amount", metavar="COL", help=_("column of the deal amount"))
    parser.add_argument("--sheet", metavar="NAME", help=_("the sheet of an Excel file to read "
                                                          "(default: the first)"))
    parser.add_argument("--map", action="append", default=[], metavar="'CRM stage=node id'",
                        help=_("map a CRM stage to a shape (repeatable); others map by name"))
    parser.add_argument("--since", type=date_argument, metavar="DATE",
                        help=_("ignore rows before this date (YYYY-MM-DD)"))
    parser.add_argument("--until", type=date_argument, metavar="DATE",
                        help=_("ignore rows after this date; deals still open are cut here"))
    parser.add_argument("-o", "--output", metavar="OUT.yaml",
                        help=_("write the process with the measured values"))
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("text (tables) or json"))
    parser.epilog = _("Probability of an arrow = transitions along it / all transitions out of "
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
        raise argparse.ArgumentTypeError(_("not a date: {text} (use YYYY-MM-DD)").format(
            text=repr(text)))
    return day_first


def mapping_argument(items: list[str]) -> dict[str, str]:
    mapping = {}
    for item in items:
        crm, sep, node = item.rpartition("=")
        if not sep or not crm.strip() or not node.strip():
            raise ValueError(_("--map {item}: write it as 'CRM stage=node id'").format(
                item=repr(item)))
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
                print("flowedit: " + _("{file}: a snapshot (one row per deal) has no stage "
                                       "history, so {output} was not written").format(
                    file=args.history, output=args.output), file=sys.stderr)
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


#: How each way of mapping a CRM stage is named in the text report.
_HOW = {"map": "map", "crm_stage": "crm_stage", "name": N_("name"), "won": N_("won"),
        "lost": N_("lost")}


def format_report(doc: Document, report: CalibrationReport) -> str:
    def name(node_id: str) -> str:
        node = doc.nodes.get(node_id)
        return shortened(node.name if node else node_id, NAME_WIDTH)

    def examples(items: list[str]) -> str:
        return _("e.g. {cases}").format(cases=", ".join(items))

    lines = [_("{title}: measured on {file}").format(title=doc.title, file=report.source),
             _("{deals} deals, {entries} stage entries, {start} to {end}; {open} still "
               "open").format(deals=_count(report.cases), entries=_count(report.rows),
                              start=report.start, end=report.end,
                              open=_count(report.open_cases)),
             _("columns: {columns}").format(columns=", ".join(
                 f"{col} ({_(_ROLES.get(role, role))})" for role, col in report.columns.items())),
             *(_("note: {note}").format(note=note) for note in report.notes),
             _("mapping: {mapping}").format(mapping="; ".join(
                 f"{crm} -> {' | '.join(nodes)} ({_(_HOW.get(report.mapping.how[crm], 'map'))})"
                 for crm, nodes in report.mapping.nodes.items())), ""]
    interval = _("{level} interval").format(level=format_percent(0.9, 0))
    lines += _table([_("arrow"), _("planned"), _("measured"), "n", interval], [
        [f"{name(a.source)} -> {name(a.target)}", _percent(a.planned), _percent(a.measured),
         _count(a.n), "-" if a.low is None or a.high is None
         else f"{format_percent(a.low, 0)}-{format_percent(a.high, 0)}"]
        for a in report.arrows if a.measured is not None or a.planned is not None])
    lines.append("")
    lines += _table([_("stage"), _("planned days"), _("mean"), _("median"), "P90", "n",
                     _("open")], [
        [name(s.id), _days(s.planned_days),
         _days(s.mean_days) + ("+" if s.mean_is_lower_bound else ""), _days(s.median_days),
         _days(s.p90_days), _count(s.n), _count(s.open)] for s in report.stages])
    if any(s.mean_is_lower_bound for s in report.stages):
        lines.append(_("+ at least: the longest stay there is still open"))
    lines += ["", _("conformance")]
    lines.append("  " + _("transitions the process lacks:") + (
        "" if report.missing else " " + _("none")))
    lines += [f"    {name(d.source)} -> {name(d.target)}: {_count(d.count)} "
              f"({examples(d.examples)})" for d in report.missing]
    lines.append("  " + _("cases that skipped stages: {count}").format(
        count=_count(report.skipped_cases)))
    lines += ["    " + _("{source} -> {target}, skipping {skipped}: {count} ({examples})").format(
        source=name(d.source), target=name(d.target),
        skipped=", ".join(name(s) for s in d.skipped), count=_count(d.count),
        examples=examples(d.examples)) for d in report.skips]
    lines.append("  " + _("arrows never used: {arrows}").format(arrows=", ".join(
        f"{name(doc.edges[e].source)} -> {name(doc.edges[e].target)}" for e in report.unused)
        or _("none")))
    lines.append("  " + _("unmapped CRM stages: {stages}").format(stages=", ".join(
        _("{stage} ({rows} rows)").format(stage=s, rows=_count(n))
        for s, n in report.unmapped.items()) or _("none")))
    if report.no_data:
        lines.append("  " + _("stages no deal was seen in: {stages}").format(
            stages=", ".join(map(name, report.no_data))))
    return "\n".join(lines)


#: Column roles as the reports name them.
_ROLES = {"case": N_("case"), "stage": N_("stage"), "time": N_("time"), "amount": N_("amount"),
          "closed": N_("closed"), "created": N_("created")}
#: What a snapshot cannot give, in the reader's words (the JSON keeps English).
_CANNOT = [
    N_("arrow probabilities (only each deal's current stage is known, not the stages it "
       "passed)"),
    N_("days per stage (only created and closed dates are known)"),
    N_("conformance (which transitions deals made)"),
]


def format_snapshot(report: SnapshotReport) -> str:
    outcome_words = {"won": _("won"), "lost": _("lost"), "open": _("open")}
    lines = [_("{file}: a snapshot of {deals} deals ({won} won, {lost} lost, {open} "
               "open)").format(file=report.source, deals=_count(report.deals),
                               won=_count(report.won), lost=_count(report.lost),
                               open=_count(report.open)),
             _("columns: {columns}").format(columns=", ".join(
                 f"{col} ({_(_ROLES.get(role, role))})" for role, col in report.columns.items())),
             *(_("note: {note}").format(note=note) for note in report.notes),
             _("outcomes: {outcomes}").format(outcomes=", ".join(
                 f"{s} = {outcome_words.get(o, o)}" for s, o in report.outcomes.items())), ""]
    rows: list[tuple[str, str]] = []
    rate = "-" if report.win_rate is None or report.low is None or report.high is None else (
        _("{rate} ({level} interval {low}-{high}; open deals are not counted as lost)").format(
            rate=format_percent(report.win_rate, 1), level=format_percent(0.9, 0),
            low=format_percent(report.low, 1),
            high=format_percent(report.high, 1)))
    rows.append((_("win rate"), rate))
    if report.planned_win_rate is not None:
        rows.append((_("planned"), _("{rate} (the process as drawn)").format(
            rate=format_percent(report.planned_win_rate, 1))))
    for label, figure in ((_("days to win"), report.won_days),
                          (_("days to lose"), report.lost_days)):
        if figure is not None:
            rows.append((label, _("mean {mean}, median {median}, P90 {p90} (n = {n})").format(
                mean=_days(figure.mean_days), median=_days(figure.median_days),
                p90=_days(figure.p90_days), n=_count(figure.n))))
    if report.mean_won_amount is not None:
        rows.append((_("deal value"), _("{amount} (mean won amount)").format(
            amount=format_number(report.mean_won_amount, 2))))
    for stage, (deals, amount) in report.open_by_stage.items():
        rows.append((_("open"), _("{stage}: {deals} deals, amount {amount}").format(
            stage=stage, deals=_count(deals), amount=format_number(amount, 2))))
    if report.pipeline_forecast is not None:
        rows.append((_("pipeline forecast"), _("{amount} (open amounts x their stage's chance "
                                               "to be won)").format(
            amount=format_number(report.pipeline_forecast, 2))))
    if report.pipeline_unmapped:
        rows.append(("", _("left out of the forecast (no shape): {stages}").format(
            stages=", ".join(report.pipeline_unmapped))))
    width = max(14, *(display_width(title) + 2 for title, _text in rows))
    lines += [padded(title, width) + text for title, text in rows]
    lines += ["", _("a snapshot cannot give:"), *(f"  {_(item)}" for item in _CANNOT)]
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(display_width(row[c]) for row in [header, *rows]) for c in range(len(header))]
    return ["  ".join(padded(cell, w, right=c > 0)
                      for c, (cell, w) in enumerate(zip(row, widths, strict=True))).rstrip()
            for row in [header, ["-" * w for w in widths], *rows]]


def _count(value: int) -> str:
    return format_number(value, 0)


def _percent(value: float | None) -> str:
    return "-" if value is None else format_percent(value, 1)


def _days(value: float | None) -> str:
    return "-" if value is None else format_number(value, 2)
