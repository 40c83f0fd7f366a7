"""The Edit menu's sub-process commands: Make Sub-process, Group into Sub-process, Ungroup
Sub-process, Link to File… and Unlink (Embed). The model's edits (model/subprocess.py) do the
work as one undo step each; whether a command applies to the selection is model/rules.py's to
say, so the menu greys out exactly what the edit would refuse."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from flowedit.i18n import _
from flowedit.model import rules
from flowedit.ui.command_names import translated_name

if TYPE_CHECKING:
    from flowedit.model.operations import Recorder
    from flowedit.ui.editor import Editor


def subprocess_refusal(editor: Editor, command: str) -> str | None:
    """Why the command cannot act on the editor's selection (None if it can)."""
    return rules.subprocess_refusal(editor.doc, command, editor.scene.selected_ids()[0])


def subprocess_edit(editor: Editor, command: str, file: str | None = None) -> object:
    """Runs the command on the selection (Link to File… with the relative `file`) and selects
    what it made; a refusal is shown in the status bar and changes nothing."""
    refusal = subprocess_refusal(editor, command)
    if refusal is not None:
        editor.report(refusal)
        return None
    from flowedit.model import subprocess as subprocesses  # with the first such edit

    node_ids = editor.scene.selected_ids()[0]
    builds: dict[str, Callable[[Recorder], object]] = {
        "make-subprocess": lambda rec: subprocesses.make_subprocess(rec, node_ids[0]),
        "group-subprocess": lambda rec: subprocesses.group_into_subprocess(
            rec, node_ids, _("Sub-process")),
        "ungroup-subprocess": lambda rec: subprocesses.ungroup_subprocess(rec, node_ids[0]),
        "link-subprocess": lambda rec: subprocesses.link_to_file(rec, node_ids[0], file or ""),
        "unlink-subprocess": lambda rec: subprocesses.embed_linked(rec, node_ids[0]),
    }
    result = editor.edit(lambda: translated_name(command), builds[command])
    if command == "group-subprocess" and isinstance(result, str):
        editor.scene.select_only([result])
    elif command == "ungroup-subprocess" and isinstance(result, list):
        editor.scene.select_only(result)
    elif command in ("make-subprocess", "link-subprocess", "unlink-subprocess"):
        editor.scene.select_only(node_ids)
    return result
