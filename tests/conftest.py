"""Every test runs headless: Qt draws offscreen and never needs a display."""

import os
from collections.abc import Iterator

import pytest

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Tests compare English text: the machine's language must not leak in, neither into this process
# nor into the `flowedit` commands tests start (LANGUAGE is the first variable i18n reads).
os.environ["LANGUAGE"] = "en"
os.environ.setdefault("XDG_STATE_HOME", os.path.join(os.environ.get("TMPDIR", "/tmp"),
                                                     "flowedit-test-state"))


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switches the language (`main(["--lang", "id", ...])`) leaves English behind."""
    yield
    from flowedit.i18n import set_language

    set_language("en")


def pytest_sessionfinish(session, exitstatus) -> None:  # type: ignore[no-untyped-def]
    """Qt's offscreen platform crashes at exit (SIGSEGV) when its clipboard still holds
    QMimeData set by the application; the real window systems do not (checked on xcb). Tests
    that copy leave it there, so empty it before the interpreter exits."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()
