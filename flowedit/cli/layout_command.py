"""`flowedit layout FILE -o OUT.yaml`: Tidy Up without the editor. No Qt here.

Lays the process out with the lane-aware layered layout (layout/tidy.py, docs/layout.md),
wrapped into bands when wider than `--width` (unless `--no-wrap`), and
writes it as a process file; FILE itself is never changed (OUT may name it on purpose).
Exit status: 0 when written; 2 when the file cannot be read or the output cannot be written.
"""

from __future__ import annotations

import argparse
import sys

from flowedit.i18n import _, format_number
from flowedit.io import FlowFileError, load_document
from flowedit.io.errors import FlowSaveError
from flowedit.io.flowfile import save_document
from flowedit.layout.tidy import WRAP_WIDTH, apply_tidy, tidy
from flowedit.model import ModelError, Routing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("the process file (.yaml) to lay out"))
    parser.add_argument("-o", "--output", required=True, metavar="OUT.yaml",
                        help=_("where to write the tidied process"))
    parser.add_argument("--direction", choices=("right", "down"), default="right",
                        help=_("flow left to right (default) or top to bottom (for processes "
                               "without lanes)"))
    wrap = parser.add_mutually_exclusive_group()
    wrap.add_argument("--width", type=_width, default=WRAP_WIDTH, metavar="UNITS",
                      help=_("wrap a process wider than this into bands, each no wider "
                             "(document units, the margins Zoom to Fit keeps included; default "
                             "{width}: a 1400×900 window at 60 %%)").format(
                                 width=format_number(WRAP_WIDTH, 0)))
    wrap.add_argument("--no-wrap", action="store_true",
                      help=_("never wrap: one row of columns, however wide"))
    parser.add_argument("--keep-routing", action="store_true",
                        help=_("keep the file's routing; by default the result routes arrows "
                               "orthogonally, as Tidy Up lays them out for"))


def _width(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(_("a width must be a positive number, not {text!r}")
                                         .format(text=text))
    return value


def run(args: argparse.Namespace) -> int:
    try:
        doc = load_document(args.file)
    except FlowFileError as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return 2
    try:
        apply_tidy(doc, tidy(doc, direction=args.direction,
                             width=None if args.no_wrap else args.width))
    except ModelError as error:
        print("flowedit: " + _("cannot lay out {file}: {reason}").format(file=args.file,
                                                                          reason=error),
              file=sys.stderr)
        return 2
    if not args.keep_routing:
        doc.set_routing(Routing.ORTHOGONAL)
    try:
        save_document(doc, args.output)
    except (FlowSaveError, OSError) as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return 2
    return 0
