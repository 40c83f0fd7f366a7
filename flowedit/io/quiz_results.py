"""Per-trainee quiz results, appended to a CSV file the trainer collects: one row per quiz run
with the name typed at its start, the date, the score and the stages missed. No Qt here.

The file is rewritten atomically with the new row added (flowedit.io.atomic), so a crash never
leaves half a row or loses the earlier ones. Columns (the header is written once, in English, so
spreadsheets and scripts read every language's files alike): name, date, right, asked, missed,
process, finished.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

from flowedit.io.atomic import write_atomic

COLUMNS = ("name", "date", "right", "asked", "missed", "process", "finished")


@dataclass(frozen=True)
class QuizResult:
    name: str
    date: str  # ISO 8601, local time to the minute
    right: int
    asked: int
    missed: tuple[str, ...]  # the names of the stages asked about and missed
    process: str
    finished: bool


def append_result(path: str | os.PathLike[str], result: QuizResult) -> None:
    """Adds `result` as the last row of the CSV at `path` (created with its header if new).
    Raises FlowSaveError (from write_atomic) or OSError saying why it failed."""
    target = Path(path)
    old = target.read_bytes() if target.exists() else b""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not old.strip():
        writer.writerow(COLUMNS)
    elif not old.endswith(b"\n"):
        out.write("\n")
    writer.writerow([" ".join(result.name.split()), result.date, result.right, result.asked,
                     "; ".join(result.missed), " ".join(result.process.split()),
                     "yes" if result.finished else "no"])
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, old + out.getvalue().encode("utf-8"))


def read_results(path: str | os.PathLike[str]) -> list[dict[str, str]]:
    """The rows of a results file, as dictionaries by column."""
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))
