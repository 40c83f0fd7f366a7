"""The shipped CRM export (../shared/corpora/crm-data/sales_pipeline.csv) is a snapshot: one row
per deal. Its figures are recomputed here with the csv module, independently of the reader."""

from __future__ import annotations

import csv
import json
import statistics
from datetime import date
from pathlib import Path

import pytest
from calibrate_helpers import CRM_DATA, SAMPLES, sample

from flowedit.analysis.calibrate import summarise_snapshot, wilson
from flowedit.cli.main import main
from flowedit.io.crm_table import read_crm_export
from flowedit.model.history import DealSnapshot

PIPELINE = CRM_DATA / "sales_pipeline.csv"
pytestmark = pytest.mark.skipif(not PIPELINE.exists(), reason="the shared corpus is not here")


def _rows() -> list[dict[str, str]]:
    with open(PIPELINE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_it_is_read_as_a_snapshot_with_the_right_columns() -> None:
    snapshot = read_crm_export(PIPELINE)
    assert isinstance(snapshot, DealSnapshot)
    assert len(snapshot) == len(_rows()) == 8800
    assert snapshot.columns == {"case": "opportunity_id", "stage": "deal_stage",
                                "created": "engage_date", "closed": "close_date",
                                "amount": "close_value"}


def test_win_rate_cycle_time_and_deal_value() -> None:
    rows = _rows()
    won = [r for r in rows if r["deal_stage"] == "Won"]
    lost = [r for r in rows if r["deal_stage"] == "Lost"]
    report = summarise_snapshot(sample("b2b-sales.yaml"), read_crm_export(PIPELINE))
    assert (report.won, report.lost, report.open) == (len(won), len(lost),
                                                      8800 - len(won) - len(lost))
    assert report.win_rate == pytest.approx(len(won) / (len(won) + len(lost)))
    assert (report.low, report.high) == wilson(len(won), len(won) + len(lost))
    days = [(date.fromisoformat(r["close_date"]) - date.fromisoformat(r["engage_date"])).days
            for r in won]
    assert report.won_days.mean_days == round(statistics.fmean(days), 2)
    assert report.won_days.median_days == sorted(days)[(len(days) - 1) // 2]  # lower median
    assert report.mean_won_amount == pytest.approx(
        statistics.fmean(float(r["close_value"]) for r in won))
    assert report.open_by_stage["Prospecting"][0] == sum(
        r["deal_stage"] == "Prospecting" for r in rows)
    assert any("arrow probabilities" in item for item in report.cannot)


def test_the_command_reports_the_snapshot_and_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.yaml"
    status = main(["calibrate", str(SAMPLES / "b2b-sales.yaml"), str(PIPELINE), "-o", str(out),
                   "--format", "json"])
    captured = capsys.readouterr()
    assert status == 1
    assert not out.exists()
    assert "a snapshot (one row per deal) has no stage history" in captured.err
    data = json.loads(captured.out)
    assert data["deals"] == 8800 and data["outcomes"]["Won"] == "won"
    assert data["cannot_give"]
