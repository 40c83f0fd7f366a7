"""`flowedit metrics FILE [--leads N] [--format text|json]` as people and scripts run it.

Text: a table of the stages, one of the ends, then the headline figures. JSON: the keys of
docs/metrics.md. Exit status: 0 computed; 2 the file cannot be read, or its numbers cannot be
computed (no start, shares over 100%): the reason on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from worked_example import EXAMPLE

from flowedit.cli.main import SUBCOMMANDS, main

ROOT = Path(__file__).resolve().parents[2]


OVER_100 = EXAMPLE.replace("label: \"No\", probability: 0.5", "label: \"No\", probability: 0.7")
NO_START = EXAMPLE.replace("kind: start", "kind: stage")
BROKEN = EXAMPLE.replace("kind: decision", "kind: gateway", 1)


def own_folders() -> dict[str, str]:
    """The test's own HOME and XDG folders (tests/conftest.py), for a minimal environment."""
    return {name: os.environ[name] for name in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in {"example": EXAMPLE, "over": OVER_100, "no_start": NO_START,
                       "broken": BROKEN}.items():
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main(["metrics", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_metrics_is_a_subcommand() -> None:
    assert "metrics" in SUBCOMMANDS


def test_text_shows_the_stage_table_the_ends_and_the_headline(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["example"])
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "Worked example: 1,000 leads"
    header = next(line for line in lines if line.startswith("stage"))
    assert header.split() == ["stage", "lane", "visits", "share", "conversion", "lead", "days"]
    proposal = next(line for line in lines if line.startswith("Proposal"))
    assert proposal.split() == ["Proposal", "Account", "Executive", "625.0", "62.5%", "50.0%",
                                "3,125.0"]
    start = next(line for line in lines if line.startswith("Lead received"))
    assert start.split()[-2:] == ["-", "0.0"]  # a start has no conversion
    won = next(line for line in lines if line.startswith("Deal won"))
    assert won.split() == ["Deal", "won", "won", "375.0", "37.5%", "8.25"]
    assert lines[-8:] == [
        "",
        "win rate      37.5% (375.0 leads)",
        "days to win   8.25",
        "P50 / P90     7.00 / 12.00 days (exact)",
        "dropped       0.0 leads (0.0%)",
        "stuck         0.0 leads (0.0%)",
        "bottleneck    Proposal (3,125.0 lead days)",
        "biggest leak  Qualified? (500.0 leads lost)",
    ]


def test_json_gives_every_documented_key(files: dict[str, Path],
                                          capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["example"], "--format", "json")
    assert status == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"leads", "nodes", "edges", "ends", "win_rate", "days_to_win", "dropped",
                         "stuck", "bottleneck", "lanes", "biggest_leak", "deal_value",
                         "revenue_per_lead", "revenue", "days_to_win_p50", "days_to_win_p90"}
    assert data["nodes"]["proposal"] == {"visits": 625.0, "share": 0.625, "lead_days": 3125.0}
    assert data["ends"]["won"] == {"leads": 375.0, "share": 0.375, "outcome": "won",
                                   "days": 8.25}
    assert data["win_rate"] == 0.375 and data["days_to_win"] == 8.25
    assert data["bottleneck"] == "proposal" and data["biggest_leak"] == "d"
    assert data["dropped"] == 0 and data["stuck"] == 0
    assert {"from": "n", "to": "proposal", "flow": 125.0} in data["edges"]
    # Handoffs: qualified leads go from SDR to AE (500), AE's losses go back to SDR's end (125).
    assert data["lanes"] == {
        "sdr": {"lead_days": 2000.0, "handoffs_in": 125.0, "handoffs_out": 500.0},
        "ae": {"lead_days": 3125.0, "handoffs_in": 500.0, "handoffs_out": 125.0},
    }


def test_leads_sets_how_many_enter(files: dict[str, Path],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, files["example"], "--leads", "200", "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["leads"] == 200
    assert data["ends"]["won"]["leads"] == pytest.approx(75) and data["win_rate"] == 0.375


@pytest.mark.parametrize("leads", ["0", "-3", "many", "inf", "nan"])
def test_leads_must_be_a_positive_number(files: dict[str, Path], leads: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["metrics", str(files["example"]), "--leads", leads])
    assert exit_info.value.code == 2
    assert "--leads" in capsys.readouterr().err


def test_shares_over_100_percent_exit_2_naming_the_node(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["over"])
    assert status == 2 and out == ""
    assert err == (f"flowedit: {files['over']}: cannot compute the metrics: The shares of leads "
                   "leaving 'Qualified?' (d) add up to 1.2; together they cannot be more than 1 "
                   "(100%)\n")


def test_no_start_exits_2(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["no_start"], "--format", "json")
    assert status == 2 and out == "" and "no start" in err


def test_an_unreadable_file_exits_2(files: dict[str, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["broken"])
    assert status == 2 and out == ""
    assert err.startswith(f"flowedit: {files['broken']}:") and "gateway" in err
    status, out, err = run(capsys, tmp_path / "missing.yaml")
    assert (status, out, err) == (2, "", f"flowedit: {tmp_path / 'missing.yaml'}: no such file\n")


def test_as_a_real_command_with_non_ascii_names(tmp_path: Path) -> None:
    """The whole way, as a user runs it: exit status, UTF-8 output, and no traceback on error."""
    path = tmp_path / "process.yaml"
    path.write_text(EXAMPLE.replace("name: Proposal", "name: Angebot 提案"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "flowedit", "metrics", str(path)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60,
                          env={"PYTHONIOENCODING": "ascii", "PATH": "", "LC_ALL": "C",
                               **own_folders()})
    assert done.returncode == 0, done.stderr
    assert "Angebot 提案 (3,125.0 lead days)" in done.stdout
    path.write_text(OVER_100, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "flowedit", "metrics", str(path), "--format",
                           "json"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and "'Qualified?' (d)" in done.stderr


def test_help_lists_metrics() -> None:
    done = subprocess.run([sys.executable, "-m", "flowedit", "--help"], capture_output=True,
                          text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and "metrics" in done.stdout
