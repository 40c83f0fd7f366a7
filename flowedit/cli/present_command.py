"""`flowedit present FILE [--quiz] [--route NAME]... [--lane ID] [--slides DIR]`: opens a process
straight in presentation mode, full screen; with --slides, writes its steps as pictures instead.

The trainer walks new reps through it (docs/presenting.md); Esc ends the presentation and the
command. `--results CSV` asks each trainee's name and appends the score to that file;
`--worksheet OUT.pdf` writes the printable quiz with its answer key instead (no display needed).
Exit status: 0 after the presentation ends (or the worksheet is written); 2 when the file cannot
be read, the worksheet cannot be written, or there is no display (the reason on stderr, never a
traceback). FLOWEDIT_QUIT_AFTER_FIRST_PAINT=1 quits once the
screen has been drawn (for tests and start-up checks, as the editor does).
"""

from __future__ import annotations

import argparse
import os
import random
import sys

from flowedit.cli.common import missing_display, read_or_report
from flowedit.i18n import _, ngettext
from flowedit.model import Document


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("the process file (.yaml) to present"))
    parser.add_argument("--quiz", action="store_true",
                        help=_("quiz the reps: before each step they pick the next stage among "
                               "three or four names; the score is shown at the end"))
    parser.add_argument("--seed", type=int, metavar="N",
                        help=_("quiz: the same N asks the same questions (default: a new quiz "
                               "each time)"))
    parser.add_argument("--results", metavar="CSV",
                        help=_("quiz: ask each trainee's name at the start and append the name, "
                               "date, score and missed stages to this CSV file"))
    parser.add_argument("--worksheet", metavar="OUT.pdf",
                        help=_("quiz: write a printable worksheet with its answer key (PDF) "
                               "instead of presenting; with --seed it asks what the presenter "
                               "asks"))
    parser.add_argument("--route", action="append", metavar="NAME",
                        help=_("present this saved route (the file's 'routes:'); repeat it to "
                               "present several one after another"))
    parser.add_argument("--lane", metavar="ID",
                        help=_("present the shapes of this lane only"))
    parser.add_argument("--slides", metavar="DIR",
                        help=_("write one 1920×1080 PNG per step, and an overview, into DIR "
                               "instead of presenting (needs no display)"))
    parser.epilog = _("keys: Right/Space/PageDown next, Left/PageUp/Backspace back, 1-9 pick a "
                      "branch or an answer, Home restart, Esc exit. See docs/presenting.md.")


def run(args: argparse.Namespace) -> int:
    doc = read_or_report(args.file)
    if doc is None:
        return 2
    if args.worksheet:
        return _worksheet(doc, args)
    routes = []
    for name in args.route or []:
        route = next((r for r in doc.routes if r.name.casefold() == " ".join(
            name.split()).casefold()), None)
        if route is None:
            known = ", ".join(repr(r.name) for r in doc.routes) or _("none")
            print(_("flowedit: {file} has no route {name}; its routes: {known}").format(
                file=args.file, name=repr(name), known=known), file=sys.stderr)
            return 2
        routes.append(route)
    if args.lane is not None and not doc.has_lane(args.lane):
        known = ", ".join(lane.id for lane in doc.lanes) or _("none")
        print(_("flowedit: {file} has no lane {lane}; its lanes: {known}").format(
            file=args.file, lane=repr(args.lane), known=known), file=sys.stderr)
        return 2
    if args.slides:
        if args.quiz:
            print(_("flowedit: --slides draws the walk, not a quiz: leave out --quiz"),
                  file=sys.stderr)
            return 2
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # nothing is shown
    problem = missing_display()
    if problem:
        print(f"flowedit: {problem}", file=sys.stderr)
        return 2
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from flowedit.i18n import current_language
    from flowedit.ui.language import apply_language
    from flowedit.ui.present.presentation import PresentationWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("flowedit")
    apply_language(current_language())  # Qt's words and the Chinese font, as in the editor
    if args.slides:
        from pathlib import Path

        from flowedit.ui.present.slides import write_slides

        try:
            written = write_slides(doc, Path(args.slides), routes=routes, lane=args.lane)
        except OSError as error:
            print(_("flowedit: cannot write the slides into {folder}: {reason}").format(
                folder=args.slides, reason=error.strerror or error), file=sys.stderr)
            return 2
        steps = len(written) - 1
        print(ngettext("flowedit: wrote {count} slide and an overview into {folder}",
                       "flowedit: wrote {count} slides and an overview into {folder}",
                       steps).format(count=steps, folder=args.slides), file=sys.stderr)
        return 0
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    window = PresentationWindow(doc, quiz=args.quiz or bool(args.results), seed=seed,
                                results=args.results, lane=args.lane, routes=routes)
    window.closed.connect(lambda: QTimer.singleShot(0, lambda: QApplication.exit(0)))

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                print("flowedit: presentation painted", file=sys.stderr, flush=True)
                QTimer.singleShot(0, window.exit)
            return False

    watcher = FirstPaint(window)
    if os.environ.get("FLOWEDIT_QUIT_AFTER_FIRST_PAINT"):
        window.canvas.installEventFilter(watcher)
    window.start()
    status = app.exec()
    window.deleteLater()
    return status


def _worksheet(doc: Document, args: argparse.Namespace) -> int:
    from flowedit.cli.export_command import _start_qt
    from flowedit.render.export import ExportError
    from flowedit.render.quiz_worksheet import export_worksheet

    if not args.worksheet.lower().endswith(".pdf"):
        print("flowedit: " + _("--worksheet writes a PDF: end the output name with .pdf"),
              file=sys.stderr)
        return 2
    _start_qt()
    try:
        export_worksheet(doc, args.worksheet, seed=args.seed or 0)
    except ExportError as error:
        print(f"flowedit: {error}", file=sys.stderr)
        return 2
    return 0
