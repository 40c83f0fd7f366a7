"""`flowedit check FILE...` as people and CI jobs run it: a real process, real files.

Text: one line per problem, `FILE: severity: code: message (node)`.
JSON: {"files": [{"file", "problems": [{"code", "severity", "node", "edge", "message"}]}]}.
Exit status: 0 no errors (warnings allowed), 1 some file has an error, 2 a file cannot be read
(the reason on stderr, never a traceback).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flowedit import __version__
from flowedit.analysis import CHECKS, check_document
from flowedit.io import load_document

ROOT = Path(__file__).resolve().parents[2]

CLEAN = """\
flowedit: 1
title: Clean
nodes:
  - {id: lead, kind: start, name: Lead received, x: 0, y: 0}
  - {id: ask, kind: decision, name: Qualified?, x: 200, y: 0}
  - {id: won, kind: end, name: Deal won, x: 400, y: 0, outcome: won}
  - {id: lost, kind: end, name: Deal lost, x: 400, y: 200, outcome: lost}
edges:
  - {from: lead, to: ask}
  - {from: ask, to: won, label: "Yes"}
  - {from: ask, to: lost, label: "No"}
"""

#: Only warnings: an unlabeled branch and a duplicate name.
WARNINGS = CLEAN.replace('label: "Yes"', "label: ~").replace("name: Deal lost", "name: deal WON")

#: An unreachable stage (error) with a non-ASCII name, and the no-label warning.
ERRORS = WARNINGS.replace("edges:", "  - {id: contract, kind: stage, name: Vertragsprüfung 合同, "
                                    "x: 0, y: 400}\nedges:") + "  - {from: contract, to: won}\n"

BROKEN = CLEAN.replace("kind: decision", "kind: gateway")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in {"clean": CLEAN, "warnings": WARNINGS, "errors": ERRORS,
                       "broken": BROKEN}.items():
        paths[name] = tmp_path / f"{name}.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def flowedit(*args: str | Path, script: bool = False) -> subprocess.CompletedProcess[str]:
    """Runs `python -m flowedit ARGS` (or the installed `flowedit` script) as a user would."""
    if script:
        found = shutil.which("flowedit", path=str(Path(sys.executable).parent))
        if found is None:
            pytest.skip("the flowedit script is not installed next to this Python")
        command = [found]
    else:
        command = [sys.executable, "-m", "flowedit"]
    return subprocess.run([*command, *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, timeout=60)


def expected_lines(path: Path) -> list[str]:
    return [f"{path}: {p.severity.value}: {p.code}: {p.message}" + (f" ({p.node})" if p.node
                                                                     else "")
            for p in check_document(load_document(path))]


# ---------------------------------------------------------------------------------- text
def test_a_clean_file_prints_nothing_and_exits_0(files: dict[str, Path]) -> None:
    result = flowedit("check", files["clean"])
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_warnings_only_exit_0_with_one_line_per_problem(files: dict[str, Path]) -> None:
    result = flowedit("check", files["warnings"])
    assert result.returncode == 0, result.stderr
    path = files["warnings"]
    assert result.stdout.splitlines() == [
        f"{path}: warning: unlabeled-branch: The branch from 'Qualified?' to 'Deal won' has no "
        "label: say which answer it stands for (e.g. Yes) (ask)",
        f"{path}: warning: duplicate-name: Two shapes are called 'deal WON' (ids won and lost): "
        "give each its own name (lost)",
    ]
    assert result.stderr == ""


def test_an_error_exits_1_and_errors_come_first(files: dict[str, Path]) -> None:
    result = flowedit("check", files["errors"])
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    path = files["errors"]
    assert lines[0] == (f"{path}: error: unreachable: 'Vertragsprüfung 合同' can never be "
                        "reached: no path leads to it from the start (contract)")
    assert lines == expected_lines(path)
    assert [line.split(": ")[1] for line in lines] == ["error", "warning", "warning"]


def test_every_line_has_the_documented_shape(files: dict[str, Path]) -> None:
    result = flowedit("check", files["errors"], files["warnings"])
    for line in result.stdout.splitlines():
        file, severity, code, rest = line.split(": ", 3)
        assert file in (str(files["errors"]), str(files["warnings"]))
        assert severity in ("error", "warning")
        assert code in CHECKS
        assert CHECKS[code][0].value == severity
        assert rest.endswith(")")


def test_several_files_are_reported_in_the_order_given(files: dict[str, Path]) -> None:
    result = flowedit("check", files["warnings"], files["clean"], files["errors"])
    assert result.returncode == 1
    assert result.stdout.splitlines() == (expected_lines(files["warnings"])
                                          + expected_lines(files["errors"]))


def test_the_installed_script_behaves_like_python_m_flowedit(files: dict[str, Path]) -> None:
    by_module = flowedit("check", files["errors"])
    by_script = flowedit("check", files["errors"], script=True)
    assert (by_script.returncode, by_script.stdout, by_script.stderr) == (
        by_module.returncode, by_module.stdout, by_module.stderr)


# ---------------------------------------------------------------------------------- encoding
@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "latin-1"},
                                 {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}],
                         ids=["latin-1 stdout", "C locale"])
def test_output_is_utf8_whatever_the_locale(files: dict[str, Path], env: dict[str, str]) -> None:
    for args, stream in ((["check", files["errors"]], "stdout"),
                         (["check", "--format", "json", files["errors"]], "stdout"),
                         (["check", files["broken"].with_name("Prüfung 合同.yaml")], "stderr")):
        result = subprocess.run([sys.executable, "-m", "flowedit", *map(str, args)],
                                capture_output=True, cwd=ROOT, timeout=60,
                                env={**os.environ, **env})
        output = getattr(result, stream).decode("utf-8")
        assert "合同" in output
        assert "Traceback" not in result.stderr.decode("utf-8", "replace")
        assert result.returncode in (1, 2)


@pytest.mark.skipif(sys.platform != "linux", reason="needs file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_printed_as_given(tmp_path: Path) -> None:
    name = os.fsdecode(b"proc\xe9s.yaml")
    path = tmp_path / name
    path.write_text(ERRORS, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "flowedit", "check", str(path)],
                            capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 1
    assert result.stdout.startswith(os.fsencode(path) + b": error: unreachable: ")
    assert b"Traceback" not in result.stderr


# ---------------------------------------------------------------------------------- unreadable
def test_an_unreadable_file_exits_2_with_the_reason_on_stderr(files: dict[str, Path]) -> None:
    result = flowedit("check", files["broken"])
    assert result.returncode == 2
    assert result.stdout == ""
    lines = BROKEN.splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if "gateway" in text)
    column = lines[line - 1].index("gateway") + 1
    assert result.stderr == (f"flowedit: {files['broken']}:{line}:{column}: unknown kind "
                             "'gateway': write one of start | stage | decision | end\n")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("make", ["missing", "folder", "binary", "not yaml", "python tag"])
def test_no_unreadable_file_shows_a_traceback(tmp_path: Path, make: str) -> None:
    path = tmp_path / "process.yaml"
    if make == "folder":
        path.mkdir()
    elif make == "binary":
        path.write_bytes(b"\x00\xff\xfe" * 100)
    elif make == "not yaml":
        path.write_text("flowedit: 1\nnodes: [\n")
    elif make == "python tag":
        path.write_text(f"flowedit: 1\nnodes: !!python/object/apply:os.system "
                        f"['touch {tmp_path / 'ran'}']\n")
    result = flowedit("check", path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"flowedit: {path}")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "ran").exists()


def test_an_unreadable_file_does_not_stop_the_others(files: dict[str, Path]) -> None:
    result = flowedit("check", files["broken"], files["errors"], files["clean"])
    assert result.returncode == 2
    assert result.stdout.splitlines() == expected_lines(files["errors"])
    assert result.stderr.count("flowedit: ") == 1


def test_an_unreadable_file_after_an_error_still_exits_2(files: dict[str, Path]) -> None:
    assert flowedit("check", files["errors"], files["broken"]).returncode == 2


# ---------------------------------------------------------------------------------- json
def test_json_has_exactly_the_documented_keys(files: dict[str, Path]) -> None:
    result = flowedit("check", "--format", "json", files["errors"], files["clean"])
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert list(report) == ["files"]
    assert [entry["file"] for entry in report["files"]] == [str(files["errors"]),
                                                            str(files["clean"])]
    for entry in report["files"]:
        assert set(entry) == {"file", "problems"}
        for problem in entry["problems"]:
            assert set(problem) == {"code", "severity", "node", "edge", "message"}
    assert report["files"][1]["problems"] == []


def test_json_problems_match_the_checks(files: dict[str, Path]) -> None:
    result = flowedit("check", "--format", "json", files["errors"])
    problems = json.loads(result.stdout)["files"][0]["problems"]
    expected = check_document(load_document(files["errors"]))
    assert problems == [p.to_json() for p in expected]
    assert problems[0] == {
        "code": "unreachable", "severity": "error", "node": "contract", "edge": None,
        "message": "'Vertragsprüfung 合同' can never be reached: no path leads to it from the "
                   "start"}
    assert problems[1]["code"] == "unlabeled-branch"
    assert problems[1]["edge"] == ["ask", "won"]


def test_json_writes_unicode_as_itself(files: dict[str, Path]) -> None:
    result = flowedit("check", "--format", "json", files["errors"])
    assert "Vertragsprüfung 合同" in result.stdout


def test_json_with_warnings_only_exits_0(files: dict[str, Path]) -> None:
    result = flowedit("check", "--format", "json", files["warnings"])
    assert result.returncode == 0
    assert len(json.loads(result.stdout)["files"][0]["problems"]) == 2


def test_json_leaves_out_an_unreadable_file_and_exits_2(files: dict[str, Path]) -> None:
    result = flowedit("check", "--format", "json", files["broken"], files["clean"])
    assert result.returncode == 2
    assert json.loads(result.stdout) == {"files": [{"file": str(files["clean"]),
                                                    "problems": []}]}
    assert result.stderr.startswith(f"flowedit: {files['broken']}:")


# ---------------------------------------------------------------------------------- options
def test_version() -> None:
    result = flowedit("--version")
    assert result.returncode == 0
    assert result.stdout == f"flowedit {__version__}\n"


def test_help_names_the_check_subcommand() -> None:
    result = flowedit("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: flowedit")
    assert "check" in result.stdout
    assert "--version" in result.stdout


def test_check_help_lists_every_check_with_its_severity() -> None:
    result = flowedit("check", "--help")
    assert result.returncode == 0
    assert "--format {text,json}" in result.stdout
    lines = result.stdout.splitlines()
    for code, (severity, _) in CHECKS.items():
        assert any(line.split()[:2] == [code, severity.value] for line in lines if line.strip())


@pytest.mark.parametrize("args", [["check"], ["check", "--format", "xml", "x.yaml"]])
def test_wrong_usage_exits_2_with_usage_on_stderr(args: list[str]) -> None:
    result = flowedit(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "usage: flowedit check" in result.stderr
    assert "Traceback" not in result.stderr
