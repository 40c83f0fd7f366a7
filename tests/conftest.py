"""Every test runs headless (Qt draws offscreen and never needs a display) and away from the
user's folders: each test gets its own temporary HOME, XDG config/state/data/cache folders and
QSettings folder, so that settings, recent files, recovery copies and logs written by a test —
in this process or in a `flowedit` subprocess, which inherits the environment — never reach the
real ones (tests/test_user_folders_untouched.py proves it).

Wall-clock limits are off by default: a loaded machine must not fail a correct program. Run
`pytest --timing` to check them too (tests marked `timing`, and timing_limits.within()).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from user_folders import USER_FOLDERS, point_user_folders_at

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Tests compare English text: the machine's language must not leak in, neither into this process
# nor into the `flowedit` commands tests start (LANGUAGE is the first variable i18n reads).
os.environ["LANGUAGE"] = "en"

# For the whole session, before any test module is imported (a module may read a folder at
# import time); each test then gets folders of its own below.
point_user_folders_at(Path(tempfile.mkdtemp(prefix="flowedit-tests-")))


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """This test's own HOME/XDG/QSettings folders (the variable names mapped to the folders)."""
    for name in USER_FOLDERS:
        monkeypatch.setenv(name, os.environ[name])  # restored after the test
    values = point_user_folders_at(tmp_path_factory.mktemp("user"))
    yield values
    _drop_log_handlers()


def _drop_log_handlers() -> None:
    """A log handler opened by a test writes into that test's folder: close it so the next test
    opens its own (crash_guard.setup_logging adds one once per process)."""
    import logging
    from logging.handlers import RotatingFileHandler

    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if not isinstance(logger, logging.Logger):
            continue
        for handler in list(logger.handlers):
            if isinstance(handler, RotatingFileHandler):
                logger.removeHandler(handler)
                handler.close()


# ---------------------------------------------------------------------------- timing limits
def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--timing", action="store_true", default=False,
                     help="also check wall-clock limits (off by default: a loaded machine "
                          "must not fail a correct program)")


def pytest_configure(config: pytest.Config) -> None:
    import timing_limits

    timing_limits.ENABLED = bool(config.getoption("--timing"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--timing"):
        return
    skip = pytest.mark.skip(reason="wall-clock limit: run with --timing")
    for item in items:
        if "timing" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _english_again() -> Iterator[None]:
    """A test that switches the language (`main(["--lang", "id", ...])`) leaves English behind."""
    yield
    import sys

    from flowedit.i18n import set_language

    set_language("en")
    language = sys.modules.get("flowedit.ui.language")
    if language is not None:  # an editor test changed it: Qt's words, locale and font too
        language.apply_language("en")


def pytest_sessionfinish(session, exitstatus) -> None:  # type: ignore[no-untyped-def]
    """Qt's offscreen platform crashes at exit (SIGSEGV) when its clipboard still holds
    QMimeData set by the application; the real window systems do not (checked on xcb). Tests
    that copy leave it there, so empty it before the interpreter exits."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()
