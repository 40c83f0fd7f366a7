"""Opens the editor window; the only part of the command line that needs Qt."""

from __future__ import annotations


def open_editor(path: str | None) -> int:
    from flowedit.ui.app import run_editor

    return run_editor(path)
