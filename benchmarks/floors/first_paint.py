"""Runs a Qt program and writes MARK on stderr as soon as the view in its main window has painted
the diagram once, then ends the process at once (its tear-down is not what is measured).

Why a wrapper: flowedit and the bare floor window are timed the same way, from outside, by the
parent noting when MARK arrives; neither program needs a hook of its own. The wrapper creates the
QApplication first (both programs reuse an existing one) and watches paint events application-wide:
the moment counts once the viewport of a QGraphicsView inside the window's central widget has
finished a paint while its scene held at least MIN_ITEMS items (so an empty first frame does not
count).

Usage: python benchmarks/floors/first_paint.py MIN_ITEMS (flowedit | bare) FILE
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

MARK = "bench: painted"


def _install(min_items: int) -> object:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

    class Watch(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (not self.done and event.type() == QEvent.Type.Paint
                    and isinstance(watched, QWidget)):
                view = watched.parentWidget()
                if (isinstance(view, QGraphicsView) and view.viewport() is watched
                        and self._central(view) and view.scene() is not None
                        and len(view.scene().items()) >= min_items):
                    self.done = True
                    QTimer.singleShot(0, self._report)  # runs once this paint has finished
            return False

        @staticmethod
        def _central(view: QGraphicsView) -> bool:
            central = getattr(view.window(), "centralWidget", lambda: None)()
            return central is not None and (central is view or central.isAncestorOf(view))

        @staticmethod
        def _report() -> None:
            sys.stderr.write(MARK + "\n")
            sys.stderr.flush()
            sys.stdout.flush()
            os._exit(0)

    app = QApplication(sys.argv[:1])
    watch = Watch(app)
    app.installEventFilter(watch)
    return watch


def main() -> int:
    min_items, program, path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    watch = _install(min_items)  # noqa: F841 - kept alive by the application
    if program == "flowedit":
        from flowedit.cli.main import main as flowedit_main

        status = flowedit_main([path])
    else:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        from benchmarks.floors.bare_window import run

        status = run(path)
    sys.stderr.write(f"bench: exited with {status} before painting\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
