"""Opens the editor window; the only part of the command line that needs Qt."""

from __future__ import annotations

import gc
import sys

from flowedit.cli.common import missing_display


def open_editor(path: str | None, language: str | None = None) -> int:
    """Exit status 0 when the window is closed; 2 when there is no display to show it on.
    `language` is --lang's, which wins over the one chosen in Preferences."""
    problem = missing_display()
    if problem:
        print(f"flowedit: {problem}", file=sys.stderr)
        return 2
    # Start-up makes only objects that live on (modules, classes, the window): the cyclic
    # collector's passes over them until the first paint find nothing to free, so it waits
    # until then (flowedit.ui.app turns it back on).
    gc.disable()
    try:
        from flowedit.ui.app import run_editor

        return run_editor(path, language)
    finally:
        gc.enable()
