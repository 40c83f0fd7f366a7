"""Every test runs headless: Qt draws offscreen and never needs a display."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("XDG_STATE_HOME", os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                     "flowedit-test-state"))


def pytest_sessionfinish(session, exitstatus) -> None:  # type: ignore[no-untyped-def]
    """Qt's offscreen platform crashes at exit (SIGSEGV) when its clipboard still holds
    QMimeData set by the application; the real window systems do not (checked on xcb). Tests
    that copy leave it there, so empty it before the interpreter exits."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()
