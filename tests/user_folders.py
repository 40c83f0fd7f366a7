"""The user's folders and the tests' replacements for them (used by tests/conftest.py).

Imported by conftest before it changes anything, so REAL_USER_ENV is the environment the tests
started with (tests/ui/test_user_folders_untouched.py compares those folders before and after).
"""

from __future__ import annotations

import os
from pathlib import Path

REAL_USER_ENV = {name: os.environ.get(name) for name in
                 ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")}

#: Folder variables and where each points inside a test's own folder.
USER_FOLDERS = {"HOME": "home", "XDG_CONFIG_HOME": "home/.config",
                "XDG_STATE_HOME": "home/.local/state", "XDG_DATA_HOME": "home/.local/share",
                "XDG_CACHE_HOME": "home/.cache"}


def point_user_folders_at(root: Path) -> dict[str, str]:
    """Sets the folder variables (for platformdirs and subprocesses) and QSettings' folders (Qt
    reads XDG_CONFIG_HOME only once per process) to folders under `root`."""
    values = {name: str(root / sub) for name, sub in USER_FOLDERS.items()}
    for value in values.values():
        Path(value).mkdir(parents=True, exist_ok=True)
    os.environ.update(values)
    from PySide6.QtCore import QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    for form in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(form, QSettings.Scope.UserScope, values["XDG_CONFIG_HOME"])
    return values


def real_flowedit_folders() -> list[Path]:
    """The folders the user's own flowedit (and Qt's test mode) would write to."""
    home = Path(REAL_USER_ENV["HOME"] or Path("~").expanduser())
    config = Path(REAL_USER_ENV["XDG_CONFIG_HOME"] or home / ".config")
    state = Path(REAL_USER_ENV["XDG_STATE_HOME"] or home / ".local" / "state")
    return [config / "flowedit", state / "flowedit", home / ".qttest"]
