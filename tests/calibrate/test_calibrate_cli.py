"""`flowedit calibrate` and `flowedit simulate` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from calibrate_helpers import SAMPLES, write

from flowedit.cli.main import main
from flowedit.io import load_document


def test_simulate_then_calibrate_writes_the_measured_process(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    history, out = tmp_path / "history.csv", tmp_path / "out.yaml"
    process = str(SAMPLES / "b2b-sales.yaml")
    assert main(["simulate", process, "--leads", "200", "--seed", "4", "--start",
                 "2023-05-01", "-o", str(history)]) == 0
    assert history.read_text(encoding="utf-8").startswith(
        "deal_id,stage,entered_at\nD001,Prospecting,2023-05-")
    capsys.readouterr()
    assert main(["calibrate", process, str(history), "-o", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    measured = load_document(out)
    for arrow in report["arrows"]:
        assert measured.edges[arrow["id"]].probability == arrow["measured"]
    for stage in report["stages"]:
        assert measured.nodes[stage["id"]].duration_days == stage["mean_days"]
    text = out.read_text(encoding="utf-8")
    assert "D001" not in text  # nothing about individual deals in the file


def test_text_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "h.csv", "deal_id;stage;entered_at\nA;Prospecting;2024-01-01\n"
                                    "A;Qualification call;2024-01-02\nA;Ganado;2024-01-05\n")
    assert main(["calibrate", str(SAMPLES / "b2c-funnel.yaml"), str(path),
                 "--map", "Ganado=won"]) == 0
    text = capsys.readouterr().out
    assert "columns: deal_id (case), stage (stage), entered_at (time)" in text
    assert "note: read as UTF-8, semicolon-separated" in text
    assert "Ganado -> won (map)" in text
    assert "Qualification call -> Customer won, skipping Closing, After-sales: 1 (e.g. A)" in text


def test_since_and_until_keep_the_rows_in_between(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,Prospecting,2024-01-01\n"
                                    "A,Qualification call,2024-01-10 18:00\n"
                                    "B,Prospecting,2024-02-01\n")
    assert main(["calibrate", str(SAMPLES / "b2c-funnel.yaml"), str(path), "--until",
                 "2024-01-10", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["cases"], report["from"], report["to"]) == (1, "2024-01-01", "2024-01-10")
    assert main(["calibrate", str(SAMPLES / "b2c-funnel.yaml"), str(path), "--since",
                 "2024-01-05", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["cases"] == 2


def test_bad_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "h.csv", "deal,stage,date\nA,Prospecting,2024-01-01\n")
    process = str(SAMPLES / "b2c-funnel.yaml")
    assert main(["calibrate", process, str(path), "--map", "Prospecting"]) == 2
    assert "write it as 'CRM stage=node id'" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["calibrate", process, str(path), "--since", "03/04/2024"])
    assert "not a date: '03/04/2024'" in capsys.readouterr().err
    assert main(["simulate", process, "--leads", "5", "--start", "soon", "-o",
                 str(tmp_path / "x.csv")]) == 2
    assert not (tmp_path / "x.csv").exists()
    assert main(["calibrate", process, str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv" in capsys.readouterr().err
