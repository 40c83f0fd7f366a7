"""The pyarrow fast path reads exactly what the pure-Python reader reads, and steps aside for
anything unusual so that the exact reader can word the message."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from calibrate_helpers import sample, write

from flowedit.analysis.simulate import simulate
from flowedit.io import crm_arrow
from flowedit.io.crm_table import read_crm_export, write_stage_history

pytest.importorskip("pyarrow")


def _both(path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    fast = read_crm_export(path)
    with monkeypatch.context() as patch:
        patch.setattr(crm_arrow, "read_history", lambda *args: None)
        exact = read_crm_export(path)
    return fast, exact


def test_a_simulated_history_reads_the_same(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "h.csv"
    write_stage_history(path, simulate(sample("b2b-sales.yaml"), 3000, seed=5))
    fast, exact = _both(path, monkeypatch)
    assert fast.notes[-1] == "parsed by pyarrow" and exact.notes[-1] != "parsed by pyarrow"
    assert fast.case_names == exact.case_names and fast.stage_names == exact.stage_names
    for name in ("case", "stage", "time", "row"):
        assert np.array_equal(getattr(fast, name), getattr(exact, name)), name


def test_spaces_around_names_are_stripped_the_same(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "h.csv", "deal;stage;date\n A ;Prospecting ;2024-01-01 10:00:00\n"
                                    "A; Prospecting;2024-01-02\nB;Won;2024-01-03\n")
    fast, exact = _both(path, monkeypatch)
    assert fast.notes[-1] == "parsed by pyarrow"
    assert (fast.case_names, fast.stage_names) == (exact.case_names, exact.stage_names) == (
        ["A", "B"], ["Prospecting", "Won"])
    assert np.array_equal(fast.time, exact.time)


@pytest.mark.parametrize("text", [
    "deal,stage,date\nA,X,2024-01-01T10:00:00Z\n",  # a zone: the exact reader converts it
    "deal,stage,date\nA,X,03/04/2024\nA,Y,25/04/2024\n",  # not ISO
    "deal,stage,date\nA,,2024-01-01\n",  # an empty cell: the exact reader names the row
    "deal,stage,date\nA,X\n",  # a short row
])
def test_unusual_files_go_to_the_exact_reader(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "h.csv", text)
    assert crm_arrow.read_history(str(path), ["deal", "stage", "date"], ",", (0, 1, 2), {},
                                  []) is None


def test_spaces_that_are_not_ascii_are_stripped_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Names without a space byte skip trimming; a no-break space, a tab or an ideographic
    space must still be found and stripped as str.strip() strips them."""
    path = write(tmp_path, "h.csv", "deal,stage,date\nA\u00a0,Prospecting,2024-01-01\n"
                                    "A,Won\u3000,2024-01-02\n\tB,Prospecting,2024-01-03\n"
                                    "B,Won,2024-01-04\n")
    fast, exact = _both(path, monkeypatch)
    assert fast.notes[-1] == "parsed by pyarrow"
    assert list(fast.case_names) == list(exact.case_names) == ["A", "B"]
    assert fast.stage_names == exact.stage_names == ["Prospecting", "Won"]
    assert np.array_equal(fast.case, exact.case) and np.array_equal(fast.stage, exact.stage)
