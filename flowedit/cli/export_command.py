"""`flowedit export FILE -o OUT.png|OUT.svg|OUT.pdf|OUT.json`: the diagram as an image or a PDF,
headless, or its drawn geometry as JSON (docs/export.md).

Exit status: 0 when the file was written; 2 when it was not (a file that cannot be read, an unknown
format, a bad option, a folder that cannot be written), with the reason on stderr and never a
traceback. The output is written atomically: a failed export leaves no file, or the old one.

Qt is imported only when the export runs, so `flowedit check` never loads it. On Linux the export
uses Qt's offscreen platform by itself (unless QT_QPA_PLATFORM is set), so it needs no display.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path

from flowedit.i18n import _, format_general, ngettext
from flowedit.io import FlowFileError, load_document
from flowedit.model import Document, ModelError

#: Kept alive for the life of the process once created.
_APP: object | None = None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("the process file (.yaml) to export"))
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help=_("where to write; the extension picks the format: .png, .svg, "
                               ".pdf, or .json for the drawn geometry (docs/export.md)"))
    parser.add_argument("--scale", type=_number(_("the scale"), 0.0, 50.0, open_low=True),
                        default=1.0, metavar="S",
                        help=_("size factor (default 1: one scene pixel per pixel, or per 1/96 "
                               "inch in SVG and PDF)"))
    parser.add_argument("--dpi", type=_number(_("the dpi"), 10.0, 2400.0), metavar="N",
                        help=_("PNG only: pixels per inch written into the file; the image gets "
                               "N/96 × scale pixels per scene pixel"))
    parser.add_argument("--transparent", action="store_true",
                        help=_("no white background (PNG: transparent around the lanes)"))
    parser.add_argument("--lane", metavar="ID",
                        help=_("export only this lane: its band, its shapes, the arrows between "
                               "them"))
    parser.add_argument("--page", type=str.lower, choices=("a4", "letter", "a3"),
                        help=_("PDF only: an A4 or Letter landscape page with the diagram fitted "
                               "(default: a page the size of the diagram)"))
    parser.add_argument("--flags", action="store_true",
                        help=_("mark the shapes with a check error in red, as the editor does"))
    parser.add_argument("--metrics", action="store_true",
                        help=_("draw the metrics overlay: each stage's share of leads and days, "
                               "arrows as thick as the flow, bottleneck and biggest leak"))
    parser.add_argument("--leads",
                        type=_number(_("the number of leads"), 0.0, 1e12, open_low=True),
                        default=1000.0, metavar="N",
                        help=_("with --metrics: how many leads enter the process (default 1000)"))
    parser.add_argument("--title", nargs="?", const="", metavar="TEXT",
                        help=_("a title above the diagram: TEXT, or the process's title when "
                               "TEXT is left out"))
    parser.add_argument("--legend", action="store_true",
                        help=_("a legend under the diagram: the shapes and colours it uses"))
    parser.add_argument("--headline", action="store_true",
                        help=_("the headline figures under the title: leads, win rate, days to "
                               "win, bottleneck (for --leads leads)"))
    parser.add_argument("--details", action="store_true",
                        help=_("each shape's owner and duration written under it"))
    parser.add_argument("--slide", action="store_true",
                        help=_("16:9 slides of 1920 × 1080 pixels with no text under 10 pt: a "
                               "long process is wrapped into rows, or split by lane, over as "
                               "many slides as it needs (OUT-1.png, OUT-2.png …; a PDF gets a "
                               "page per slide)"))
    parser.add_argument("--handout", action="store_true",
                        help=_("PDF only: a training handout, the diagram on the first page and "
                               "then one section per stage in flow order (docs/presenting.md)"))
    parser.add_argument("--level", metavar="PATH", default="",
                        help=_("a sub-process instead of the whole process: the ids of the "
                               "stages leading to it, separated by '/' (e.g. prospecting). "
                               "Without it a PDF has one page per level, each stage linked to "
                               "the page of its sub-process"))
    parser.epilog = (_("examples:") + "\n"
                     "  flowedit export process.yaml -o process.png --scale 2\n"
                     "  flowedit export process.yaml -o process.pdf --page a4\n"
                     "  flowedit export process.yaml -o sales.svg --lane sales\n"
                     "  flowedit export process.yaml -o funnel.png --metrics --leads 500\n"
                     "  flowedit export process.yaml -o handout.pdf --handout\n"
                     "  flowedit export process.yaml -o slide.png --title --legend --headline\n"
                     "\n" + _("See docs/export.md for fonts (Chinese names need a CJK font)."))
    parser.formatter_class = argparse.RawDescriptionHelpFormatter


def _number(what: str, low: float, high: float,
            open_low: bool = False) -> Callable[[str], float]:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        below = value <= low if open_low else value < low
        if not math.isfinite(value) or below or value > high:
            message = (_("{what} must be a number greater than {low} and at most {high}, "
                         "not {text}") if open_low else
                       _("{what} must be a number at least {low} and at most {high}, not {text}"))
            raise argparse.ArgumentTypeError(message.format(
                what=what, low=format_general(low), high=format_general(high), text=repr(text)))
        return value

    return parse


def run(args: argparse.Namespace) -> int:
    try:
        _export(args)
    except _Failure as failure:
        print(f"flowedit: {failure}", file=sys.stderr)
        return 2
    return 0


class _Failure(Exception):
    pass


def _export(args: argparse.Namespace) -> None:
    from flowedit.render.export_options import (
        ExportError,
        ExportOptions,
        check_options,
        format_of,
    )

    output = Path(args.output)
    if output.suffix.lower() == ".json":
        _export_geometry(args, output)
        return
    options = ExportOptions(scale=args.scale, dpi=args.dpi, transparent=args.transparent,
                            lane=args.lane, page=args.page, flags=args.flags,
                            metrics=args.metrics, leads=args.leads, title=args.title,
                            legend=args.legend, headline=args.headline, details=args.details)
    try:
        fmt = format_of(output)
        check_options(fmt, options)
    except ExportError as error:
        raise _Failure(str(error)) from None
    if args.slide and args.handout:
        raise _Failure(_("--slide and --handout cannot go together: choose one"))
    if args.handout and fmt != "pdf":
        raise _Failure(_("--handout writes a PDF, not {format}: end the output name "
                         "with .pdf").format(format=fmt.upper()))
    _check_folder(output)
    doc = _read(args)
    if fmt == "svg" and not args.slide:
        from flowedit.render import svg_stream

        if svg_stream.covers(options):  # streamed; Qt starts only if some text needs it
            try:
                svg_stream.export_svg(doc, output, options, _start_qt)
            except ExportError as error:
                raise _Failure(str(error)) from None
            return
    _start_qt()
    from flowedit.render.export import export_document
    from flowedit.render.handout import export_handout

    try:
        if args.slide:
            from flowedit.render.slides import export_slides

            written = export_slides(doc, output, options)
            if len(written) > 1:
                print(ngettext("{count} slide: {files}", "{count} slides: {files}",
                               len(written)).format(count=len(written),
                                                    files=", ".join(map(str, written))))
        else:
            (export_handout if args.handout else export_document)(doc, output, options)
    except ExportError as error:
        raise _Failure(str(error)) from None


def _export_geometry(args: argparse.Namespace, output: Path) -> None:
    """The lanes, shapes, arrow polylines and label boxes as drawn, as JSON."""
    _check_folder(output)
    doc = _read(args)
    _start_qt()
    import json

    from flowedit.io.atomic import write_atomic
    from flowedit.render.geometry_export import drawn_json

    text = json.dumps(drawn_json(doc), ensure_ascii=False, indent=1) + "\n"
    try:
        write_atomic(output, text.encode("utf-8"))
    except OSError as error:
        raise _Failure(_("cannot write {file}: {reason}").format(
            file=output, reason=error.strerror or error)) from None


def _read(args: argparse.Namespace) -> Document:
    """The process file, or the sub-process `--level` names in it."""
    try:
        doc = load_document(args.file)
    except FlowFileError as error:
        raise _Failure(str(error)) from None
    if args.level:
        try:
            return doc.level(tuple(args.level.split("/")))
        except ModelError as error:
            raise _Failure(_("{file}: cannot show --level {level}: {reason}").format(
                file=args.file, level=args.level, reason=error)) from None
    return doc


def _check_folder(output: Path) -> None:
    if output.is_dir():
        raise _Failure(_("cannot write {file}: it is a folder").format(file=output))
    folder = output.parent
    if not folder.is_dir():
        reason = (_("{folder} is not a folder") if folder.exists()
                  else _("the folder {folder} does not exist")).format(folder=folder)
        raise _Failure(_("cannot write {file}: {reason}").format(file=output, reason=reason))
    if not os.access(folder, os.W_OK):
        raise _Failure(_("cannot write {file}: permission denied (the folder {folder} "
                         "is read-only for you)").format(file=output, folder=folder))


def _start_qt() -> None:
    """A QGuiApplication for fonts. On Linux and the BSDs it uses Qt's offscreen platform unless
    QT_QPA_PLATFORM says otherwise: with no display that is the only one that starts, and even with
    one an export needs no window; a stale DISPLAY (an ssh session) would make xcb abort the
    process, and the desktop's scaling cannot change the output."""
    global _APP
    if (sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd"))
            and not os.environ.get("QT_QPA_PLATFORM")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        _APP = QGuiApplication(["flowedit"])
