"""`flowedit present FILE [--quiz]`: opens a process straight in presentation mode, full screen.

The trainer walks new reps through it (docs/presenting.md); Esc ends the presentation and the
command. Exit status: 0 after the presentation ends; 2 when the file cannot be read or there is no
display (the reason on stderr, never a traceback). FLOWEDIT_QUIT_AFTER_FIRST_PAINT=1 quits once the
screen has been drawn (for tests and start-up checks, as the editor does).
"""

from __future__ import annotations

import argparse
import os
import random
import sys

from flowedit.cli.common import missing_display, read_or_report
from flowedit.i18n import _


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=_("the process file (.yaml) to present"))
    parser.add_argument("--quiz", action="store_true",
                        help=_("quiz the reps: before each step they pick the next stage among "
                               "three or four names; the score is shown at the end"))
    parser.add_argument("--seed", type=int, metavar="N",
                        help=_("quiz: the same N asks the same questions (default: a new quiz "
                               "each time)"))
    parser.epilog = _("keys: Right/Space/PageDown next, Left/PageUp/Backspace back, 1-9 pick a "
                      "branch or an answer, Home restart, Esc exit. See docs/presenting.md.")


def run(args: argparse.Namespace) -> int:
    doc = read_or_report(args.file)
    if doc is None:
        return 2
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
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    window = PresentationWindow(doc, quiz=args.quiz, seed=seed)
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
