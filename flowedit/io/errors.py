"""Errors of reading and writing process files, each naming the file and, when known, the place."""

from __future__ import annotations

import os

from flowedit.i18n import _, format_number

#: How much of a value from the file a message quotes: a hostile file must not turn into a
#: message of megabytes (a dialog would take minutes to lay it out).
QUOTE_CHARS = 40


def quoted(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` in quotes for a message, cut short when long: 'aaaa…' (100,000 characters)."""
    if len(text) <= limit:
        return repr(text)
    return _("{start}… ({count} characters)").format(start=repr(text[:limit]),
                                                      count=format_number(len(text), 0))


class FlowFileError(Exception):
    """A process file that cannot be read; the message says where and what to write instead."""

    def __init__(
        self, path: str | os.PathLike[str], problem: str, line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = os.fspath(path)
        self.problem = problem
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.problem}"


class FlowSaveError(Exception):
    """A save that failed; the previous file on disk is untouched."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = os.fspath(path)
        self.reason = reason
        super().__init__(_("Could not save {file}: {reason}").format(file=self.path,
                                                                     reason=reason))


class FlowReadOnlyError(FlowSaveError):
    """The file is marked read-only: nothing was written; Save As can keep the work elsewhere."""
