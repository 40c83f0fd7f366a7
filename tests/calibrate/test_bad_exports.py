"""Bad CRM exports get one clear message naming file and row, and nothing is written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from calibrate_helpers import SAMPLES, sample, write

from flowedit.analysis.calibrate import CalibrationError, calibrate
from flowedit.cli.main import main
from flowedit.io.crm_table import CrmExportError, read_crm_export


def _error(path: Path, **options: str) -> str:
    with pytest.raises(CrmExportError) as caught:
        read_crm_export(path, **options)
    return str(caught.value)


def test_missing_columns_lists_those_found_and_suggests(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "Opportunity,Stage Nme,Created\nA,X,2024-01-01\n")
    message = _error(path)
    assert message.startswith(f"{path}: no column for the stage (--stage COL names it)")
    assert "'Opportunity', 'Stage Nme', 'Created'" in message
    assert "likely: 'Stage Nme'" in message


def test_a_named_column_that_does_not_exist(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,entered_at\nA,X,2024-01-01\n")
    message = _error(path, time="entered")
    assert "--time 'entered': there is no such column" in message
    assert "likely: 'entered_at'" in message


def test_unparseable_date_names_row_and_value(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,X,2024-01-01\nA,Y,next Tuesday\n")
    assert _error(path) == f"{path}: row 3: 'next Tuesday' in column 'date' is not a date"


def test_impossible_date_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,X,2024-02-30\n")
    assert "row 2: '2024-02-30' in column 'date' is not a date" in _error(path)


def test_ambiguous_slashed_dates_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,X,03/04/2024\nA,Y,05/06/2024\n")
    message = _error(path)
    assert message.startswith(f"{path}: row 2: the dates in column 'date'")
    assert "day/month or month/day" in message and "YYYY-MM-DD" in message


def test_contradicting_slashed_dates_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv",
                 "deal,stage,date\nA,X,03/04/2024\nA,Y,25/04/2024\nB,X,04/25/2024\n")
    message = _error(path)
    assert "mixes day/month dates (row 3) and month/day dates (row 4)" in message


@pytest.mark.parametrize("text", ["", "\n\n", "\ufeff", "   \r\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "h.csv", text)
    assert _error(path) == f"{path}: the file is empty: no header and no rows"


def test_header_only(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\n")
    assert _error(path) == f"{path}: the file has a header but no rows"


def test_short_row_and_empty_values(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,X,2024-01-01\n\nA,Y\n")
    assert _error(path) == (f"{path}: row 4: the row has 2 cells, fewer than the 3 the "
                            "columns used need")
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,X,2024-01-01\nA,,2024-01-02\n")
    assert _error(path) == f"{path}: row 3: column 'stage' is empty"
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,X,2024-01-01\nB,X,2024-01-02\nA,Y,\n")
    assert _error(path) == f"{path}: row 4: column 'date' is empty"


def test_xlsx_formula_without_a_saved_result(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Log"
    sheet.append(["deal_id", "stage", "entered_at"])
    sheet.append(["A", "X", dt.datetime(2024, 1, 1)])
    sheet.append(["A", "Y", "=B2+3"])  # openpyxl saves no cached result, as a script would
    book.save(tmp_path / "f.xlsx")
    message = _error(tmp_path / "f.xlsx")
    assert message == (f"{tmp_path / 'f.xlsx'}: row 3: column 'entered_at' holds a formula "
                       "whose result was never saved; open the file in Excel and save it again")


def test_xlsx_unknown_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "Log"
    book.save(tmp_path / "s.xlsx")
    assert "there is no sheet 'History'; the sheets are Log" in _error(
        tmp_path / "s.xlsx", sheet="History")


def test_history_of_another_process_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,Intake,2024-01-01\nA,Triage,2024-01-02"
                                    "\nA,Prospecting,2024-01-03\n")
    with pytest.raises(CalibrationError) as caught:
        calibrate(sample("b2c-funnel.yaml"), read_crm_export(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: only 33% of the rows are in a stage of "
                              "'Simple B2C sales funnel'")
    assert "'Intake', 'Triage'" in message and "--map" in message


def test_map_to_an_unknown_shape_or_stage(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,Prospecting,2024-01-01\n")
    doc = sample("b2c-funnel.yaml")
    with pytest.raises(CalibrationError, match="no shape with id 'nowhere'"):
        calibrate(doc, read_crm_export(path), {"Prospecting": "nowhere"})
    with pytest.raises(CalibrationError, match="a stage or an end, not a decision"):
        calibrate(doc, read_crm_export(path), {"Prospecting": "qualified"})
    with pytest.raises(CalibrationError, match=r"does not have .*'demo'"):
        calibrate(doc, read_crm_export(path), {"Demo": "closing"})


def test_rows_out_of_time_order_are_sorted_and_noted(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,Closing,2024-01-05\n"
                                    "A,Prospecting,2024-01-01\nA,Qualification call,2024-01-03\n")
    report = calibrate(sample("b2c-funnel.yaml"), read_crm_export(path)).report
    assert "1 case(s) had rows out of time order in the file; they were sorted by time" in \
        report.notes
    assert report.missing == [] and report.skips == []


@pytest.mark.parametrize(("text", "expected"), [
    ("deal,stage,date\n", "the file has a header but no rows"),
    ("deal,stage,date\nA,X,soon\n", "row 2: 'soon' in column 'date' is not a date"),
    ("who,what\nA,X\n", "no column for the deal id"),
    ("deal,stage,date\nA,Intake,2024-01-01\n", "only 0% of the rows are in a stage"),
])
def test_the_command_writes_nothing_on_bad_input(tmp_path: Path, text: str, expected: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "h.csv", text)
    out = tmp_path / "out.yaml"
    status = main(["calibrate", str(SAMPLES / "b2c-funnel.yaml"), str(path), "-o", str(out)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.startswith(f"flowedit: {path}")
    assert expected in captured.err
    assert len(captured.err.strip().splitlines()) == 1
    assert not out.exists()
