"""`flowedit check FILE...`: the process checks for people and for CI jobs. No Qt here.

Exit status: 0 when no file has an error (warnings allowed), 1 when some file has an error,
2 when a file cannot be read (the reason on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys

from flowedit.analysis import CHECKS, Severity, check_document
from flowedit.i18n import N_, _
from flowedit.io import FlowFileError, load_document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help=_("process files to check"))
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("text (one line per problem) or json"))
    parser.add_argument("--flatten", action="store_true",
                        help=_("check the process with every sub-process drawn in place of its "
                               "stage, as one level"))
    parser.epilog = _("checks:") + "\n" + "\n".join(
        f"  {code:18} {severity_text(severity):8} {_(text)}"
        for code, (severity, text) in CHECKS.items())
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def run(args: argparse.Namespace) -> int:
    status = 0
    report = []
    for path in args.files:
        try:
            doc = load_document(path)
            if args.flatten:
                from flowedit.model.subprocess import flatten

                doc = flatten(doc)
            problems = check_document(doc)
            if args.flatten:  # the inlined shapes keep their places in their own lanes
                problems = [p for p in problems if p.code != "outside-lane"]
        except FlowFileError as error:
            print(f"flowedit: {error}", file=sys.stderr)
            status = 2
            continue
        if any(p.severity is Severity.ERROR for p in problems) and status == 0:
            status = 1
        if args.format == "json":
            report.append({"file": path, "problems": [p.to_json() for p in problems]})
        else:
            for p in problems:
                inside = (*p.level, p.level_node) if p.level_node else p.level
                where = f" ({' › '.join(inside) if inside else p.node})" if p.node else ""
                print(f"{path}: {severity_text(p.severity)}: {p.code}: {p.message}{where}")
    if args.format == "json":
        print(json.dumps({"files": report}, ensure_ascii=False, indent=2))
    return status


#: How the text output names a severity; the JSON output and the codes stay English for CI.
SEVERITY_TEXT = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}


def severity_text(severity: Severity) -> str:
    return _(SEVERITY_TEXT[severity])
