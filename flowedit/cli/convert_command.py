"""`flowedit convert IN OUT`: a diagram from draw.io, Visio, BPMN, Mermaid, GraphML or DOT into
a flowedit process (.yaml), or a process into one of those formats, or one foreign format into
another through flowedit's model. Headless: no Qt.

What the target cannot hold, or the source held that flowedit cannot, is printed as warnings on
stderr. Exit status: 0 written; 2 not written (a file that cannot be read, an unknown format, a
page that does not exist), with one line saying why and never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from flowedit.io import FlowFileError, FlowSaveError, dumps_document, load_document
from flowedit.io.atomic import write_atomic
from flowedit.io.formats import EXPORTS, import_file, write_format

_YAML = (".yaml", ".yml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="IN",
                        help="a .yaml process or a diagram: .drawio, .xml, .drawio.svg, "
                             ".drawio.png, .vsdx, .bpmn, .mmd, .md, .graphml, .dot")
    parser.add_argument("output", metavar="OUT",
                        help="where to write; the extension picks the format: .yaml, "
                             + ", ".join(EXPORTS))
    parser.add_argument("--page", metavar="N|NAME",
                        help="the page to import from a file with several (draw.io, Visio, "
                             "Markdown with several Mermaid blocks): its number from 1 or name")
    parser.epilog = ("examples:\n"
                     "  flowedit convert process.drawio process.yaml --page 2\n"
                     "  flowedit convert process.yaml process.bpmn\n"
                     "\nSee docs/formats.md for what each format keeps and loses.")
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def run(options: argparse.Namespace) -> int:
    source, target = options.input, options.output
    try:
        if source.lower().endswith(_YAML):
            if options.page is not None:
                raise FlowFileError(source, "--page is for diagrams with several pages; a "
                                            "flowedit process has one")
            document = load_document(source)
        else:
            result = import_file(source, options.page)
            document = result.document
            for warning in result.warnings:
                print(f"flowedit: {source}: {warning}", file=sys.stderr)
        if os.path.abspath(source) == os.path.abspath(target):
            raise FlowSaveError(target, "the output is the input file; choose another name")
        if target.lower().endswith(_YAML):
            write_atomic(target, dumps_document(document).encode("utf-8"))
        else:
            _, data = write_format(document, target)
            write_atomic(target, data)
    except (FlowFileError, FlowSaveError) as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return 2
    counts = f"{len(document.nodes)} shapes, {len(document.edges)} arrows, " \
             f"{len(document.lanes)} lanes"
    print(f"wrote {target} ({counts})")
    return 0
