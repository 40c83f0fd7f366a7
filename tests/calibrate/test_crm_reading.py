"""Reading CRM exports: every encoding and delimiter real exports come in gives the same history;
XLSX, wide exports and the usual column names are recognised; reading in chunks changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from calibrate_helpers import write
from hypothesis import given, settings
from hypothesis import strategies as st

from flowedit.io import crm_table
from flowedit.io.crm_table import read_crm_export
from flowedit.model.history import StageHistory

ROWS = [("D-1", "Prospección", "2024-03-01"), ("D-1", "Négociation", "2024-03-05"),
        ("D-2", "Prospección", "2024-03-02"), ("D-2", "Closed Won", "2024-03-09")]


def _text(delimiter: str = ",", header: tuple[str, str, str] = ("deal_id", "stage", "entered_at"),
          newline: str = "\n") -> str:
    return newline.join(delimiter.join(row) for row in [header, *ROWS]) + newline


def _assert_expected(history: StageHistory, rows: tuple[int, ...] = (2, 3, 4, 5)) -> None:
    assert isinstance(history, StageHistory)
    assert history.case_names == ["D-1", "D-2"]
    assert history.stage_names == ["Prospección", "Négociation", "Closed Won"]
    assert history.stage.tolist() == [0, 1, 0, 2]
    assert history.row.tolist() == list(rows)
    days = (history.time - history.time[0]) / 86400
    assert days.tolist() == [0, 4, 1, 8]


@pytest.mark.parametrize(("encoding", "expected_note"), [
    ("utf-8", "UTF-8"), ("utf-8-sig", "UTF-8 with BOM"), ("utf-16", "UTF-16"),
    ("cp1252", "CP1252"), ("utf-16-le", "UTF-16-LE")])
def test_encodings(tmp_path: Path, encoding: str, expected_note: str) -> None:
    history = read_crm_export(write(tmp_path, "h.csv", _text(), encoding))
    _assert_expected(history)
    assert history.notes[0].startswith(f"read as {expected_note},")


@pytest.mark.parametrize(("delimiter", "name"), [
    (",", "comma"), (";", "semicolon"), ("\t", "tab"), ("|", "bar")])
def test_delimiters(tmp_path: Path, delimiter: str, name: str) -> None:
    history = read_crm_export(write(tmp_path, "h.csv", _text(delimiter, newline="\r\n")))
    _assert_expected(history)
    assert f"{name}-separated" in history.notes[0]


def test_a_cp1252_byte_after_the_sample_rereads_the_file_as_cp1252(tmp_path: Path) -> None:
    filler = "".join(f"X{i},Prospección,2024-03-01\n" for i in range(5000))
    text = _text() + filler  # the accents of the first rows are in the sample...
    data = text.encode("ascii", errors="replace")  # ...as '?' there: the sample is ASCII
    data += "Z,Négociation,2024-03-02\n".encode("cp1252")  # and cp1252 only at the end
    path = tmp_path / "h.csv"
    path.write_bytes(data)
    history = read_crm_export(path)
    assert history.stage_names[-1] == "Négociation"
    assert "CP1252" in history.notes[0]


@pytest.mark.parametrize(("header", "chosen"), [
    (("OpportunityId", "StageName", "CreatedDate"), ("OpportunityId", "StageName", "CreatedDate")),
    (("case:concept:name", "concept:name", "time:timestamp"),
     ("case:concept:name", "concept:name", "time:timestamp")),
    (("Deal ID", "Deal Stage", "Entered At"), ("Deal ID", "Deal Stage", "Entered At")),
])
def test_usual_column_names(tmp_path: Path, header: tuple[str, str, str],
                            chosen: tuple[str, str, str]) -> None:
    history = read_crm_export(write(tmp_path, "h.csv", _text(",", header)))
    _assert_expected(history)
    assert (history.columns["case"], history.columns["stage"], history.columns["time"]) == chosen


def test_extra_columns_and_explicit_choices(tmp_path: Path) -> None:
    text = ("Owner,When,Id,Step,Amount\n"
            + "".join(f"Ann,{t},{c},{s},10\n" for c, s, t in ROWS))
    history = read_crm_export(write(tmp_path, "h.csv", text), case="Id", stage="step",
                              time="When")
    _assert_expected(history)


def test_reading_in_small_chunks_gives_the_same_history(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["deal,stage,date"] + [f"C{i % 97},S{i % 7},2024-01-{1 + i % 28:02d}"
                                   for i in range(1000)]
    path = write(tmp_path, "h.csv", "\n".join(lines) + "\n")
    whole = read_crm_export(path)
    monkeypatch.setattr(crm_table, "CHUNK_ROWS", 7)
    chunked = read_crm_export(path)
    for name in ("case", "stage", "time", "row"):
        assert np.array_equal(getattr(whole, name), getattr(chunked, name))
    assert whole.case_names == chunked.case_names


def test_iso_with_zones_dotted_and_year_first_dates_mix(tmp_path: Path) -> None:
    text = ("deal,stage,date\nA,X,2024-03-01T10:00:00Z\nA,Y,2024-03-01T12:00:00+01:00\n"
            "A,Z,02.03.2024\nA,W,2024/03/03 06:00\n")
    history = read_crm_export(write(tmp_path, "h.csv", text))
    hours = (history.time - history.time[0]) / 3600
    assert hours.tolist() == [0, 1, 14, 44]


def test_slashed_dates_settled_by_a_day_above_12(tmp_path: Path) -> None:
    text = "deal,stage,date\nA,X,03/04/2024\nA,Y,25/04/2024\n"
    history = read_crm_export(write(tmp_path, "h.csv", text))
    assert (history.time[1] - history.time[0]) / 86400 == 22  # 3 April to 25 April
    text = "deal,stage,date\nA,X,03/04/2024\nA,Y,04/25/2024 1:30 PM\n"
    history = read_crm_export(write(tmp_path, "h.csv", text))
    assert (history.time[1] - history.time[0]) / 3600 == 52 * 24 + 13.5  # 4 March to 25 April


def test_wide_export(tmp_path: Path) -> None:
    text = ('Record ID,Deal Name,Date entered "Prospección (Sales Pipeline)",'
            'Date entered "Négociation (Sales Pipeline)",Date exited "Négociation",'
            'Date entered "Closed Won (Sales Pipeline)"\n'
            "D-1,Big deal,2024-03-01,2024-03-05,2024-03-06,\n"
            "D-2,Small deal,2024-03-02,,,2024-03-09\n")
    history = read_crm_export(write(tmp_path, "h.csv", text))
    _assert_expected(history, rows=(2, 2, 3, 3))  # one row per deal
    assert history.columns["case"] == "Record ID"
    assert "wide export" in history.notes[-1]


def _xlsx(path: Path, sheets: dict[str, list[tuple[object, ...]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


XLSX_ROWS = [("deal_id", "stage", "entered_at"),
             *[(c, s, dt.datetime.fromisoformat(t)) for c, s, t in ROWS]]


def test_xlsx_with_date_cells(tmp_path: Path) -> None:
    history = read_crm_export(_xlsx(tmp_path / "h.xlsx", {"History": XLSX_ROWS}))
    _assert_expected(history)
    assert history.notes == ["read sheet 'History' of an Excel workbook"]


def test_xlsx_several_sheets_reads_the_first_and_says_so(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "h.xlsx", {"History": XLSX_ROWS, "Notes": [("x",)]})
    history = read_crm_export(path)
    _assert_expected(history)
    assert "2 sheets (History, Notes)" in history.notes[1]
    assert "--sheet" in history.notes[1]
    other = _xlsx(tmp_path / "o.xlsx", {"Summary": [("x",)], "History": XLSX_ROWS})
    _assert_expected(read_crm_export(other, sheet="History"))


def test_xlsx_numeric_ids_read_as_text(tmp_path: Path) -> None:
    rows = [("Deal ID", "Stage", "Date"), (1001, "A", dt.date(2024, 1, 1)),
            (1001, "B", dt.date(2024, 1, 3))]
    history = read_crm_export(_xlsx(tmp_path / "n.xlsx", {"Sheet1": rows}))
    assert history.case_names == ["1001"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='ab1 ,;\t|"\'\n', max_size=120))
def test_the_delimiter_shortcut_decides_as_the_sniffer_does(sample: str) -> None:
    """A sample with one of , ; tab | skips the sniffer: the answer must not change."""
    assert crm_table._delimiter(sample) == crm_table.sniffed_delimiter(sample)
