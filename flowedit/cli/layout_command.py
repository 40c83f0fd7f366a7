"""`flowedit layout FILE -o OUT.yaml`: Tidy Up without the editor. No Qt here.

Lays the process out with the lane-aware layered layout (layout/tidy.py, docs/layout.md) and
writes it as a process file; FILE itself is never changed (OUT may name it on purpose).
Exit status: 0 when written; 2 when the file cannot be read or the output cannot be written.
"""

from __future__ import annotations

import argparse
import sys

from flowedit.i18n import _
from flowedit.io import FlowFileError, load_document
from flowedit.io.errors import FlowSaveError
from flowedit.io.flowfile import save_document
from flowedit.layout.tidy import apply_tidy, tidy
from flowedit.model import ModelError, Routing


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("the process file (.yaml) to lay out"))
    parser.add_argument("-o", "--output", required=True, metavar="OUT.yaml",
                        help=_("where to write the tidied process"))
    parser.add_argument("--direction", choices=("right", "down"), default="right",
                        help=_("flow left to right (default) or top to bottom (for processes "
                               "without lanes)"))
    parser.add_argument("--keep-routing", action="store_true",
                        help=_("keep the file's routing; by default the result routes arrows "
                               "orthogonally, as Tidy Up lays them out for"))


def run(args: argparse.Namespace) -> int:
    try:
        doc = load_document(args.file)
    except FlowFileError as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return 2
    try:
        apply_tidy(doc, tidy(doc, direction=args.direction))
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
