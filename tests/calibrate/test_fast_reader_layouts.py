"""The fast reader numbers deals as the exact reader does however the export is laid out: sorted
by deal or grouped but not sorted (codes from positions, no hashing), shuffled, a deal coming back
at the end, deals spanning blocks, spaces around ids."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from calibrate_helpers import sample

from flowedit.analysis.calibrate import calibrate
from flowedit.analysis.simulate import simulate
from flowedit.io import crm_arrow
from flowedit.io.crm_table import read_crm_export, write_stage_history

pytest.importorskip("pyarrow")


def _lines(tmp_path: Path) -> tuple[str, list[str]]:
    path = tmp_path / "sorted.csv"
    write_stage_history(path, simulate(sample("b2b-sales.yaml"), 400, seed=3))
    header, *rows = path.read_text(encoding="utf-8").splitlines()
    return header, rows


def _layouts(header: str, rows: list[str]) -> dict[str, list[str]]:
    by_deal: dict[str, list[str]] = {}
    for row in rows:
        by_deal.setdefault(row.split(",")[0], []).append(row)
    shuffled = list(rows)
    random.Random(1).shuffle(shuffled)
    first = next(iter(by_deal))
    return {
        "sorted": rows,
        "grouped, descending": [r for deal in reversed(by_deal) for r in by_deal[deal]],
        "shuffled": shuffled,
        "a deal comes back": [r for r in rows if r != by_deal[first][-1]] + [by_deal[first][-1]],
        "spaces": [" " + r.replace(",", " ,", 1) if i % 7 == 0 else r
                   for i, r in enumerate(rows)],
    }


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
@pytest.mark.parametrize("layout", ["sorted", "grouped, descending", "shuffled",
                                    "a deal comes back", "spaces"])
def test_every_layout_reads_as_the_exact_reader_reads_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str, streamed: bool) -> None:
    header, rows = _lines(tmp_path)
    path = tmp_path / "h.csv"
    path.write_text("\n".join([header, *_layouts(header, rows)[layout]]) + "\n",
                    encoding="utf-8")
    monkeypatch.setattr(crm_arrow, "BLOCK_BYTES", 4096)  # many blocks; deals span blocks
    monkeypatch.setattr(crm_arrow, "PARALLEL_ROWS", 0)  # the second thread, as on big files
    if streamed:  # as a file over 256 MB is read: batch by batch, deal ids hashed as they come
        monkeypatch.setattr(crm_arrow, "WHOLE_FILE_BYTES", 0)
    runs = []
    real = crm_arrow._deals
    monkeypatch.setattr(crm_arrow, "_deals", lambda *a: runs.append(real(*a)) or runs[-1])
    fast = read_crm_export(path)
    assert fast.notes[-1] == "parsed by pyarrow"
    # grouped ids give where each deal begins, and no per-row codes to hash
    grouped = layout in ("sorted", "grouped, descending") and not streamed
    assert runs == [] if streamed else (runs[0][2] is not None) == grouped
    assert (fast.case_starts is not None) == grouped
    with monkeypatch.context() as patch:
        patch.setattr(crm_arrow, "read_history", lambda *args: None)
        exact = read_crm_export(path)
    assert list(fast.case_names) == list(exact.case_names)
    assert fast.stage_names == exact.stage_names
    for name in ("case", "stage", "time", "row"):
        assert np.array_equal(getattr(fast, name), getattr(exact, name)), name
    doc = sample("b2b-sales.yaml")
    fast_report, exact_report = (calibrate(doc, h).report.to_json() for h in (fast, exact))
    fast_notes = fast_report.pop("notes")
    assert fast_notes.pop(1) == "parsed by pyarrow"
    assert fast_notes == exact_report.pop("notes")
    assert fast_report == exact_report


def test_deal_ids_are_made_into_text_only_when_asked(tmp_path: Path) -> None:
    header, rows = _lines(tmp_path)
    path = tmp_path / "h.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    names = read_crm_export(path).case_names
    assert isinstance(names, crm_arrow.ArrowNames)
    assert names[0] == "D001" and names[-1] == rows[-1].split(",")[0]
    assert names[1:3] == ["D002", "D003"] and len(names) == 400
    assert names == [f"D{i:03d}" for i in range(1, 401)]
    with pytest.raises(IndexError):
        names[400]
