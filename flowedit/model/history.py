"""What a CRM export says about deals, as plain arrays: the shape io reads and analysis uses.

No Qt, no file handling. It lives in `model` because both `io` (which reads exports and writes
simulated ones) and `analysis` (which calibrates and simulates) need it and may not import each
other. Arrays, not one object per row: a history of millions of rows must fit in memory as a few
numbers per row, never as the file's text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

#: Seconds in a day: timestamps are seconds since 1970-01-01 UTC, durations are reported in days.
DAY = 86_400.0


def normalised(name: str) -> str:
    """A name compared without case, accents, spaces or punctuation: 'Clôturé — gagné' and
    'cloture gagne' are the same; letters of other scripts are kept ('赢单')."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if c.isalnum())


def codes_from_starts(starts: np.ndarray, rows: int) -> np.ndarray:
    """Each row's case code (int32) when the cases' rows are together, beginning at `starts`."""
    codes = np.zeros(rows, dtype=np.int32)
    codes[starts[1:]] = 1
    return np.cumsum(codes, out=codes)


@dataclass(frozen=True)
class StageHistory:
    """One row per stage entry: deal `case[i]` entered stage `stage[i]` at `time[i]`.

    `case` and `stage` index `case_names` and `stage_names` (any integer type); `row` is the row
    in the file the entry came from (the header is row 1), so that messages and ties ("file
    order breaks ties") can refer to it. `columns` says which column gave what ("case",
    "stage", "time", ...).

    What a reader knows for free, calibration need not work out again with passes over a
    million rows: `case_starts`, when given, says the rows come grouped by deal (codes 0, 1,
    2 ... in order) and holds where each deal's rows begin; `case_codes` may then be None and
    `case` is made from it when first asked for. `file_rows` None says the rows are the
    file's rows 2, 3, 4 ... in order, and `row` is likewise made only when asked for (each is
    4-8 MB for a million rows).
    """

    source: str
    case_names: Sequence[str]
    stage_names: list[str]
    case_codes: np.ndarray | None
    stage: np.ndarray
    time: np.ndarray  # float64, seconds since the epoch, UTC
    file_rows: np.ndarray | None  # int64; None: 2, 3, 4 ...
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    case_starts: np.ndarray | None = None

    def __post_init__(self) -> None:
        if self.case_codes is None and self.case_starts is None:
            raise TypeError("a stage history needs its case codes or where its cases start")

    def __len__(self) -> int:
        return len(self.time)

    @property
    def case(self) -> np.ndarray:
        """The deal code of each entry (int32 or int64)."""
        if self.case_codes is None:
            object.__setattr__(self, "case_codes",
                               codes_from_starts(self.case_starts, len(self.time)))
        return self.case_codes  # type: ignore[return-value]

    @property
    def row(self) -> np.ndarray:
        """The file row of each entry (int64)."""
        if self.file_rows is None:
            object.__setattr__(self, "file_rows", np.arange(2, len(self) + 2, dtype=np.int64))
        return self.file_rows  # type: ignore[return-value]


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
