"""What a CRM export says about deals, as plain arrays: the shape io reads and analysis uses.

No Qt, no file handling. It lives in `model` because both `io` (which reads exports and writes
simulated ones) and `analysis` (which calibrates and simulates) need it and may not import each
other. Arrays, not one object per row: a history of millions of rows must fit in memory as a few
numbers per row, never as the file's text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import numpy as np

#: Seconds in a day: timestamps are seconds since 1970-01-01 UTC, durations are reported in days.
DAY = 86_400.0


def normalised(name: str) -> str:
    """A name compared without case, accents, spaces or punctuation: 'Clôturé — gagné' and
    'cloture gagne' are the same; letters of other scripts are kept ('赢单')."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


@dataclass(frozen=True)
class StageHistory:
    """One row per stage entry: deal `case[i]` entered stage `stage[i]` at `time[i]`.

    `case` and `stage` index `case_names` and `stage_names`; `row` is the row in the file the entry
    came from (the header is row 1), so that messages and ties ("file order breaks ties") can
    refer to it. `columns` says which column gave what ("case", "stage", "time", ...).
    """

    source: str
    case_names: list[str]
    stage_names: list[str]
    case: np.ndarray  # int64
    stage: np.ndarray  # int64
    time: np.ndarray  # float64, seconds since the epoch, UTC
    row: np.ndarray  # int64
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.case)


@dataclass(frozen=True)
class DealSnapshot:
    """One row per deal: its current stage, created and closed dates (NaN when not given) and
    amount (NaN when not given). Gives win rates, cycle times and deal values, never per-stage
    figures: the stages a deal went through are not in it."""

    source: str
    case_names: list[str]
    stage_names: list[str]
    stage: np.ndarray  # int64
    created: np.ndarray  # float64 seconds, NaN when empty
    closed: np.ndarray  # float64 seconds, NaN when empty
    amount: np.ndarray  # float64, NaN when empty
    row: np.ndarray  # int64
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.stage)
