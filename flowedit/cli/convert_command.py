"""`flowedit convert IN OUT`: a diagram from draw.io, Visio, BPMN, Mermaid, GraphML or DOT into
a flowedit process (.yaml), or a process into one of those formats, or one foreign format into
another through flowedit's model. Headless: no Qt.

What the target cannot hold, or the source held that flowedit cannot, is printed as warnings on
stderr. A file that gives no positions (Mermaid, DOT without `pos`) is laid out with Tidy Up;
`--tidy` does the same for a file whose shapes lie on top of each other. Exit status: 0 written;
2 not written (a file that cannot be read, an unknown format, a page that does not exist), with
one line saying why and never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from flowedit.i18n import _, format_number, ngettext
from flowedit.io import FlowFileError, FlowSaveError, dumps_document, load_document
from flowedit.io.atomic import write_atomic
from flowedit.io.formats import EXPORTS, import_file, write_format
from flowedit.layout.tidy import tidy_whole
from flowedit.model import ModelError

_YAML = (".yaml", ".yml")
#: Command lines shown under --help: the same in every language.
_EXAMPLES = ("\n  flowedit convert process.drawio process.yaml --page 2\n"
             "  flowedit convert process.bpmn process.yaml --tidy\n"
             "  flowedit convert process.yaml process.bpmn\n\n")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="IN",
                        help=_("a .yaml process or a diagram: .drawio, .xml, .drawio.svg, "
                               ".drawio.png, .vsdx, .bpmn, .mmd, .md, .graphml, .dot"))
    parser.add_argument("output", metavar="OUT",
                        help=_("where to write; the extension picks the format: .yaml, "
                               "{formats}").format(formats=", ".join(EXPORTS)))
    parser.add_argument("--page", metavar="N|NAME",
                        help=_("the page to import from a file with several (draw.io, Visio, "
                               "Markdown with several Mermaid blocks): its number from 1 or "
                               "name"))
    parser.add_argument("--tidy", action="store_true",
                        help=_("lay the imported diagram out anew with Tidy Up (always done "
                               "for files without positions: Mermaid, DOT)"))
    parser.epilog = (_("examples:") + _EXAMPLES
                     + _("See docs/interop.md for what each format keeps and loses."))
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def run(options: argparse.Namespace) -> int:
    source, target = options.input, options.output
    try:
        if source.lower().endswith(_YAML):
            if options.page is not None:
                raise FlowFileError(source, _("--page is for diagrams with several pages; a "
                                              "flowedit process has one"))
            document = load_document(source)
            if options.tidy:
                tidy_whole(document)
        else:
            result = import_file(source, options.page)
            document = result.document
            for warning in result.warnings:
                print(f"flowedit: {source}: {warning}", file=sys.stderr)
            if len(result.pages) > 1:
                print(f"flowedit: {source}: " + _("choose another page with --page N or "
                                                 "--page NAME"), file=sys.stderr)
            if result.laid_out or options.tidy:
                tidy_whole(document)
        if os.path.abspath(source) == os.path.abspath(target):
            raise FlowSaveError(target, _("the output is the input file; choose another name"))
        if target.lower().endswith(_YAML):
            write_atomic(target, dumps_document(document).encode("utf-8"))
        else:
            _format, data = write_format(document, target)
            write_atomic(target, data)
    except (FlowFileError, FlowSaveError) as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return 2
    except ModelError as error:
        print("flowedit: " + _("cannot lay out {file}: {reason}").format(file=source,
                                                                          reason=error),
              file=sys.stderr)
        return 2
    shapes, arrows, lanes = len(document.nodes), len(document.edges), len(document.lanes)
    print(_("wrote {file} ({shapes}, {arrows}, {lanes})").format(
        file=target,
        shapes=ngettext("{n} shape", "{n} shapes", shapes).format(n=format_number(shapes, 0)),
        arrows=ngettext("{n} arrow", "{n} arrows", arrows).format(n=format_number(arrows, 0)),
        lanes=ngettext("{n} lane", "{n} lanes", lanes).format(n=format_number(lanes, 0))))
    return 0
