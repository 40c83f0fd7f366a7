"""`flowedit simulate PROCESS --leads N -o history.csv`: a stage history the process would produce.

No Qt here. The history is what `flowedit calibrate` reads (deal_id, stage, entered_at), so that a
round trip checks both; docs/calibration.md describes the model. Exit status: 0 written, 2 when
the process cannot be read or simulated or the file cannot be written (nothing written).
"""

from __future__ import annotations

import argparse
import sys

from flowedit.cli.common import read_or_report
from flowedit.i18n import _, format_number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="PROCESS", help=_("the process file (.yaml)"))
    parser.add_argument("--leads", type=_positive, required=True, metavar="N",
                        help=_("deals to simulate"))
    parser.add_argument("--seed", type=int, default=0, metavar="S",
                        help=_("random seed: the same seed gives the same history (default "
                               "0)"))
    parser.add_argument("--start", default="2024-01-01", metavar="DATE",
                        help=_("first day leads may arrive, YYYY-MM-DD (default 2024-01-01)"))
    parser.add_argument("--spread-days", type=float, default=365.0, metavar="D",
                        help=_("leads arrive evenly at random over this many days (default "
                               "365)"))
    parser.add_argument("--durations", choices=("exponential", "mean"), default="exponential",
                        help=_("days per stage: exponential with the stage's duration_days as "
                               "mean (default), or exactly that mean"))
    parser.add_argument("-o", "--output", required=True, metavar="HISTORY.csv",
                        help=_("the CSV file to write"))


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("not a whole number: {text}").format(
            text=repr(text))) from None
    if not 1 <= value <= 100_000_000:
        raise argparse.ArgumentTypeError(_("must be between {low} and {high}, not {text}").format(
            low=1, high=format_number(100_000_000, 0), text=text))
    return value


def run(args: argparse.Namespace) -> int:
    from flowedit.analysis.simulate import SimulationError, simulate
    from flowedit.io.crm_dates import DateProblem, parse_one
    from flowedit.io.crm_table import write_stage_history

    doc = read_or_report(args.file)
    if doc is None:
        return 2
    try:
        start, _month_first = parse_one(args.start)
    except DateProblem:
        start = float("nan")
    if start != start or start in (float("inf"), float("-inf")):
        print("flowedit: " + _("--start {date} is not a date (use YYYY-MM-DD)").format(
            date=repr(args.start)), file=sys.stderr)
        return 2
    try:
        history = simulate(doc, args.leads, seed=args.seed, start=start,
                           spread_days=args.spread_days, durations=args.durations)
    except SimulationError as error:
        print("flowedit: " + _("{file}: cannot simulate: {reason}").format(
            file=args.file, reason=error), file=sys.stderr)
        return 2
    try:
        write_stage_history(args.output, history)
    except OSError as error:
        print("flowedit: " + _("cannot write {file}: {reason}").format(
            file=args.output, reason=error.strerror or error), file=sys.stderr)
        return 2
    print(_("{file}: {entries} stage entries of {deals} deals (seed {seed})").format(
        file=args.output, entries=format_number(len(history), 0),
        deals=format_number(args.leads, 0), seed=args.seed))
    return 0
