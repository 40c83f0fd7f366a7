"""Starting the editor application: one window, optionally opening a file from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from flowedit.ui.main_window import MainWindow


def create_window(path: str | None) -> MainWindow:
    window = MainWindow()
    if path:
        target = Path(path)
        if target.exists():
            window.open_path(target, ask=False)
        else:
            window.path = target
            window._update_title()
            window.statusBar().showMessage(f"New process: it will be saved as {target}", 10000)
    return window


def run_editor(path: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("flowedit")
    app.setOrganizationName("flowedit")
    window = create_window(path)
    window.show()
    status = app.exec()
    window.deleteLater()
    return status
