"""Milestones from the command line: the B2B sample counts a deal as won when the contract is
signed (a won milestone) and goes on to after-sales; `metrics` lists the milestone and measures
days to win there, and `diff` against the old drawing shows what moved."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from milestone_example import MILESTONE_EXAMPLE

from flowedit.cli.main import main
from flowedit.io import load_document, save_document
from flowedit.model import Outcome

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    status = main([*map(str, args)])
    return status, capsys.readouterr().out


def test_metrics_of_the_b2b_sample_measure_days_to_win_at_the_signature(capsys) -> None:
    status, out = run(capsys, "metrics", SAMPLE)
    assert status == 0
    lines = out.splitlines()
    assert "Contract signed  won      416.7  41.7%  125.33" in lines
    assert "days to win   125.33" in lines
    assert "win rate      41.7% (416.7 leads)" in lines
    assert "Customer renewed   -        416.7  41.7%  487.33" in lines


def test_metrics_json_lists_the_milestones(capsys) -> None:
    status, out = run(capsys, "metrics", "--format", "json", SAMPLE)
    data = json.loads(out)
    assert status == 0
    assert data["milestones"]["closing"]["outcome"] == "won"
    assert abs(data["milestones"]["closing"]["days"] - 125 - 1 / 3) < 1e-9
    assert abs(data["days_to_win"] - 125 - 1 / 3) < 1e-9
    assert abs(data["win_rate"] - 5 / 12) < 1e-9


def test_diff_from_onboarding_before_the_won_end_to_the_milestone(capsys, tmp_path) -> None:
    before = load_document(SAMPLE)
    before.update_node("closing", outcome=None)
    before.update_node("won", outcome=Outcome.WON)
    old = tmp_path / "before.yaml"
    save_document(before, old)
    status, out = run(capsys, "diff", old, SAMPLE)
    assert status in (0, 1)
    assert "'Contract signed': outcome none → won (a won milestone)" in out
    assert "'Customer renewed': outcome won → none" in out
    assert "Days to win 487.33 → 125.33 (-362.00 days)" in out


def test_the_docs_show_the_output_of_the_milestone_example(capsys, tmp_path) -> None:
    path = tmp_path / "milestone-example.yaml"
    path.write_text(MILESTONE_EXAMPLE, encoding="utf-8")
    status, out = run(capsys, "metrics", path)
    assert status == 0
    docs = (Path(__file__).resolve().parents[2] / "docs" / "metrics.md").read_text(
        encoding="utf-8")
    assert out.rstrip("\n") + "\n```" in docs
    assert "days to win   8.25" in out and "Customer live  -        375.0  37.5%  39.25" in out
