"""`flowedit --lang zh_CN|id|en ...` and LANG: the commands people run print in their language;
codes, JSON keys and the English output stay as they were."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RETAIL = ROOT / "samples" / "retail-store.yaml"

#: An unreachable stage and a decision with one way out.
BROKEN = """\
flowedit: 1
title: Broken
nodes:
  - {id: lead, kind: start, name: Lead received, x: 0, y: 0}
  - {id: ask, kind: decision, name: Qualified?, x: 200, y: 0}
  - {id: won, kind: end, name: Deal won, x: 400, y: 0, outcome: won}
  - {id: lost, kind: stage, name: Orphan, x: 400, y: 200}
edges:
  - {from: ask, to: won, label: "Yes"}
  - {from: lead, to: ask}
  - {from: lost, to: won}
"""


def _flowedit(*args: object, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    return subprocess.run([sys.executable, "-m", "flowedit", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=environ,
                          cwd=ROOT)


def _broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_check_speaks_indonesian_with_lang(tmp_path: Path) -> None:
    result = _flowedit("--lang", "id", "check", _broken(tmp_path))
    assert result.returncode == 1
    assert ": kesalahan: unreachable: 'Orphan' tidak dapat dijangkau" in result.stdout
    assert "hanya memiliki satu jalan keluar" in result.stdout


def test_check_speaks_chinese_with_lang_after_the_subcommand(tmp_path: Path) -> None:
    result = _flowedit("check", "--lang", "zh_CN", _broken(tmp_path))
    assert result.returncode == 1
    assert ": 错误: unreachable: “Orphan”永远无法到达" in result.stdout
    assert "决策“Qualified?”只有一个出口" in result.stdout


def test_lang_picks_indonesian_from_the_environment(tmp_path: Path) -> None:
    result = _flowedit("check", _broken(tmp_path), LANGUAGE="", LC_ALL="",
                       LC_MESSAGES="", LANG="id_ID.UTF-8")
    assert "tidak dapat dijangkau" in result.stdout


def test_an_unknown_language_prints_english_and_no_warning(tmp_path: Path) -> None:
    result = _flowedit("--lang", "tlh", "check", _broken(tmp_path))
    assert result.returncode == 1
    assert "'Orphan' can never be reached" in result.stdout
    assert result.stderr == ""


def test_json_keeps_codes_and_keys_in_english(tmp_path: Path) -> None:
    result = _flowedit("--lang", "zh_CN", "check", "--format", "json", _broken(tmp_path))
    problems = json.loads(result.stdout)["files"][0]["problems"]
    assert {(p["code"], p["severity"]) for p in problems} >= {("unreachable", "error"),
                                                               ("decision-branches", "error")}
    assert any("永远无法到达" in p["message"] for p in problems)


def test_metrics_write_indonesian_numbers() -> None:
    result = _flowedit("--lang", "id", "metrics", RETAIL)
    assert result.returncode == 0, result.stderr
    assert ": 1.000 prospek" in result.stdout.splitlines()[0]
    assert "tingkat kemenangan" in result.stdout


def test_metrics_in_chinese_keep_the_columns_aligned() -> None:
    lines = _flowedit("--lang", "zh_CN", "metrics", RETAIL).stdout.splitlines()
    assert lines[0].endswith("：1,000条线索")
    header, rule = lines[2], lines[3]
    assert header.startswith("阶段")
    assert len(rule.split("  ")) == 6


def test_help_and_argparse_errors_are_translated() -> None:
    help_text = _flowedit("--lang", "id", "check", "--help").stdout
    assert help_text.startswith("penggunaan: flowedit check")
    assert "berkas proses yang akan diperiksa" in help_text
    error = _flowedit("--lang", "zh_CN", "export", RETAIL)
    assert error.returncode == 2
    assert "错误：缺少以下必需参数：-o/--output" in error.stderr


def test_reader_errors_keep_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "tab.yaml"
    path.write_text("flowedit: 1\nnodes:\n\t- {id: a}\n", encoding="utf-8")
    result = _flowedit("--lang", "id", "check", path)
    assert result.returncode == 2
    assert f"{path}:3:1: tab digunakan untuk indentasi" in result.stderr
