"""`flowedit diff OLD NEW [--leads N] [--format text|json]` as people and scripts run it.

Text: sections of what was added, removed and changed, then the metrics; "No differences" when
there are none. JSON: the keys of docs/metrics.md, "Comparing two versions". Exit status: 0 when
compared, differences or not; 2 when a file cannot be read or an option is wrong.
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


#: The planned version of docs/metrics.md, "Comparing two versions".
PLANNED = (
    EXAMPLE
    .replace("{id: sdr, name: SDR}", "{id: sdr, name: Sales development, height: 200}")
    .replace("name: Qualify, lane: sdr, x: 200, y: 0, duration_days: 2",
             "name: Qualification call, lane: sdr, x: 200, y: 0, duration_days: 3")
    .replace("x: 400, y: 200,", "x: 450, y: 200, width: 170,")
    .replace("  - {id: won,", "  - {id: demo, kind: stage, name: Demo, lane: ae, x: 500, y: 300, "
                             "duration_days: 1}\n  - {id: won,")
    .replace("probability: 0.6", "probability: 0.7")
    .replace('label: "No", probability: 0.2', 'label: "No", probability: 0.1')
    .replace("{from: n, to: proposal, label: Revise, probability: 0.2}",
             "{from: n, to: demo, label: Revise, probability: 0.2}\n"
             "  - {from: demo, to: proposal}")
)

EXPECTED_TEXT = """\
Stages added
  + 'Demo' (stage, id demo)

Stages changed
  'Qualify' renamed to 'Qualification call'; duration 2 → 3 days
  'Proposal': moved (400, 200) → (450, 200); size 150×70 → 170×70

Arrows added
  + 'Demo' → 'Proposal'

Arrows changed
  'Accepted?' → 'Deal won' (Yes): probability 60% → 70%
  'Accepted?' → 'Deal lost' (No): probability 20% → 10%
  'Accepted?' → 'Proposal' (Revise): re-pointed to 'Accepted?' → 'Demo'

Lanes changed
  'SDR' renamed to 'Sales development'; height 180 → 200

Metrics (1,000 leads)
  Win rate 37.5% → 43.8% (+6.3 points)
  Days to win 8.25 → 9.50 (+1.25 days)
  Bottleneck 'Proposal' (unchanged)
"""


def own_folders() -> dict[str, str]:
    """The test's own HOME and XDG folders (tests/conftest.py), for a minimal environment."""
    return {name: os.environ[name] for name in ("HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    texts = {
        "old": EXAMPLE,
        "new": PLANNED,
        "no_start": PLANNED.replace("kind: start", "kind: stage"),
        "broken": EXAMPLE.replace("kind: decision", "kind: gateway", 1),
        "removed": EXAMPLE.replace(
            "  - {id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0, outcome: lost}\n",
            "  - {id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0, outcome: lost}\n"
            "  - {id: junk, kind: end, name: Junk, x: 600, y: 100}\n"
        ).replace("  - {id: ae, name: Account Executive}\n",
                  "  - {id: ae, name: Account Executive}\n  - {id: ops, name: Ops}\n"),
    }
    paths = {}
    for name, text in texts.items():
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    status = main(["diff", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_diff_is_a_subcommand() -> None:
    assert "diff" in SUBCOMMANDS


def test_text_lists_the_changes_and_the_metrics(files: dict[str, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["old"], files["new"])
    assert (status, err) == (0, "")
    assert out == EXPECTED_TEXT


def test_identical_versions_print_no_differences(files: dict[str, Path],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, files["old"], files["old"]) == (0, "No differences\n", "")
    status, out, _ = run(capsys, files["old"], files["old"], "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["differences"] is False
    assert data["nodes"] == data["edges"] == {"added": [], "removed": [], "changed": []}


def test_removed_stages_and_lanes(files: dict[str, Path],
                                  capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, files["removed"], files["old"])
    assert status == 0
    sections = out.split("\n\n")
    assert sections[0] == "Stages removed\n  - 'Junk' (end, id junk)"
    assert sections[1] == "Lanes removed\n  - 'Ops' (id ops)"
    assert sections[2].startswith("Metrics (1,000 leads)\n  Win rate 37.5% (unchanged)")


def test_json_gives_the_documented_keys(files: dict[str, Path],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["old"], files["new"], "--format", "json",
                           "--leads", "200")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert set(data) == {"old", "new", "differences", "title", "nodes", "edges", "lanes",
                         "metrics"}
    assert data["old"] == str(files["old"]) and data["new"] == str(files["new"])
    assert data["differences"] is True and data["title"] is None
    assert data["nodes"]["added"] == ["demo"] and data["nodes"]["removed"] == []
    assert data["nodes"]["changed"][0] == {
        "old_id": "qualify", "new_id": "qualify",
        "fields": {"name": ["Qualify", "Qualification call"], "duration_days": [2.0, 3.0]}}
    # Arrows without ids: the new one took e9, the re-pointed one kept e8.
    assert data["edges"]["added"] == ["e9"]
    assert {"old_id": "e8", "new_id": "e8",
            "fields": {"target": ["proposal", "demo"]}} in data["edges"]["changed"]
    assert data["lanes"]["changed"] == [{"old_id": "sdr", "new_id": "sdr", "fields": {
        "name": ["SDR", "Sales development"], "height": [180.0, 200.0]}}]
    assert data["lanes"]["order"] is None
    assert data["metrics"] == {
        "leads": 200.0, "win_rate": [0.375, 0.4375], "days_to_win": [8.25, pytest.approx(9.5)],
        "bottleneck": ["proposal", "proposal"], "changed": ["win_rate", "days_to_win"],
        "errors": {"old": None, "new": None}}


def test_metrics_that_cannot_be_computed_are_reported_and_the_rest_kept(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["old"], files["no_start"])
    assert (status, err) == (0, "")
    assert "Stages added\n  + 'Demo' (stage, id demo)" in out
    metrics = out.split("\n\n")[-1].splitlines()
    assert metrics[0] == "Metrics (1,000 leads)"
    assert metrics[1].startswith(f"  {files['no_start']}: cannot compute the metrics: The "
                                 "process has no start node")
    assert metrics[2:] == ["  Win rate 37.5% → ?", "  Days to win 8.25 → ?",
                           "  Bottleneck 'Proposal' → ?"]
    _, out, _ = run(capsys, files["old"], files["no_start"], "--format", "json")
    data = json.loads(out)["metrics"]
    assert data["win_rate"] == [0.375, None] and data["errors"]["old"] is None
    assert "no start" in data["errors"]["new"]


def test_an_unreadable_file_exits_2(files: dict[str, Path], tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, files["old"], files["broken"])
    assert status == 2 and out == ""
    assert err.startswith(f"flowedit: {files['broken']}:") and "gateway" in err
    missing = tmp_path / "missing.yaml"
    status, out, err = run(capsys, missing, files["broken"], "--format", "json")
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == f"flowedit: {missing}: no such file"
    assert lines[1].startswith(f"flowedit: {files['broken']}:") and len(lines) == 2


@pytest.mark.parametrize("options", [["--leads", "0"], ["--leads", "many"],
                                     ["--format", "xml"], []])
def test_bad_options_exit_2(files: dict[str, Path], options: list[str],
                            capsys: pytest.CaptureFixture[str]) -> None:
    paths = [str(files["old"])] if not options else [str(files["old"]), str(files["new"])]
    with pytest.raises(SystemExit) as exit_info:
        main(["diff", *paths, *options])
    assert exit_info.value.code == 2
    assert "usage: flowedit diff" in capsys.readouterr().err


def test_as_a_real_command_with_non_ascii_names(tmp_path: Path) -> None:
    """The whole way, as a user runs it: exit status, UTF-8 output whatever the locale, and no
    traceback for a file that cannot be read."""
    old, new = tmp_path / "heute.yaml", tmp_path / "geplant.yaml"
    old.write_text(EXAMPLE, encoding="utf-8")
    new.write_text(EXAMPLE.replace("name: Proposal", "name: Angebot 提案"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "flowedit", "diff", str(old), str(new)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=60,
                          env={"PYTHONIOENCODING": "ascii", "PATH": "", "LC_ALL": "C",
                               **own_folders()})
    assert done.returncode == 0, done.stderr
    assert "'Proposal' renamed to 'Angebot 提案'" in done.stdout
    assert "Bottleneck 'Angebot 提案' (unchanged)" in done.stdout
    new.write_text(EXAMPLE.replace("kind: decision", "kind: gateway", 1), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "flowedit", "diff", str(old), str(new)],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert "Traceback" not in done.stderr and "gateway" in done.stderr


def test_the_documented_example_is_what_the_command_prints() -> None:
    docs = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    section = docs.split("## Comparing two versions", 1)[1].split("### Text", 1)[1]
    example = section.split("```\n", 2)[1]
    assert example == EXPECTED_TEXT
