"""The command line never shows a traceback (issue 11): every way a real `flowedit` process can
fail gives one clear line on stderr and a documented exit status (README.md, "Exit status").

Each case runs the real command as a subprocess, the way a user or a CI job runs it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from flowedit.cli import main as cli_main
from flowedit.io import save_document
from flowedit.model import Document, Node, NodeKind
from flowedit.model.generate import generate_process

FLOWEDIT = [sys.executable, "-m", "flowedit"]
SAMPLE = Path(__file__).parents[2] / "samples" / "b2b-sales.yaml"
BPMN = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process id="p"/></definitions>
"""


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = dict(os.environ if env is None else env)
    environment.setdefault("QT_QPA_PLATFORM", "offscreen")
    environment["FLOWEDIT_QUIT_AFTER_FIRST_PAINT"] = "1"
    return subprocess.run([*FLOWEDIT, *args], env=environment, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


def assert_quiet(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Exception ignored" not in result.stderr, result.stderr
    assert "Fatal Python error" not in result.stderr, result.stderr


# ------------------------------------------------------------------------------ closed pipes
@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Output far longer than a pipe holds, so that the writer meets the closed end."""
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    save_document(generate_process(1500), path)
    return path


@pytest.mark.parametrize("command", [["metrics", "--format", "json"], ["metrics"],
                                     ["check", "--format", "json"]],
                         ids=["metrics-json", "metrics-text", "check-json"])
def test_a_reader_that_stops_early_ends_flowedit_quietly(big_file: Path,
                                                         command: list[str]) -> None:
    """`flowedit metrics --format json FILE | head -1`: the reader closes the pipe after a line."""
    target = big_file
    if command[0] == "check":  # check's report of a clean file is short: give it problems
        doc = Document("Stages and nothing else")
        for i in range(1500):
            doc.add_node(Node(f"s{i}", NodeKind.STAGE, f"Stage {i}", x=i, y=0))
        target = big_file.parent / "unconnected.yaml"
        save_document(doc, target)
    child = subprocess.Popen([*FLOWEDIT, *command, str(target)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    assert child.stdout.readline()
    child.stdout.close()
    stderr = child.stderr.read()
    status = child.wait(timeout=120)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    assert stderr == ""
    assert status == cli_main.EXIT_BROKEN_PIPE


# ------------------------------------------------------------------------------ no display
def without_display() -> dict[str, str]:
    return {name: value for name, value in os.environ.items()
            if name not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland platforms only")
@pytest.mark.parametrize("command", [[], ["present"]], ids=["editor", "present"])
def test_with_no_display_the_window_commands_say_so(command: list[str]) -> None:
    env = without_display()
    result = subprocess.run([*FLOWEDIT, *command, str(SAMPLE)], env=env, capture_output=True,
                            text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert_quiet(result)
    assert result.returncode == 2
    assert "Reinstalling" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("flowedit: no display found")
    assert "flowedit export" in lines[0] and "flowedit check" in lines[0]


# ------------------------------------------------------------------------------ bad inputs
def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.yaml"
    path.mkdir()
    return path


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def _loop(tmp_path: Path) -> Path:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    return tmp_path / "a.yaml"


def _socket(tmp_path: Path) -> Path:
    path = tmp_path / "socket.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return path


def _bpmn(tmp_path: Path) -> Path:
    path = tmp_path / "process.bpmn"
    path.write_text(BPMN, encoding="utf-8")
    return path


def _missing(tmp_path: Path) -> Path:
    return tmp_path / "folder" / "missing.yaml"


BAD_INPUTS = {
    "folder": (_folder, "this is a folder, not a process file"),
    "fifo": (_fifo, "this is a named pipe (FIFO), not a process file"),
    "link-loop": (_loop, "its symbolic links go round in a loop"),
    "socket": (_socket, "this is a socket, not a process file"),
    "bpmn": (_bpmn, "this looks like a BPMN 2.0 file"),
    "missing": (_missing, "no such file"),
}
COMMANDS = {
    "check": lambda f, out: ["check", f],
    "metrics": lambda f, out: ["metrics", f],
    "export": lambda f, out: ["export", f, "-o", out],
    "diff-old": lambda f, out: ["diff", f, str(SAMPLE)],
    "diff-new": lambda f, out: ["diff", str(SAMPLE), f],
    "present": lambda f, out: ["present", f],
}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and Unix sockets")
@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("bad", list(BAD_INPUTS))
def test_a_file_that_cannot_be_read_is_one_line_and_exit_2(tmp_path: Path, command: str,
                                                           bad: str) -> None:
    make, words = BAD_INPUTS[bad]
    path = str(make(tmp_path))
    result = run(*COMMANDS[command](path, str(tmp_path / "out.png")))
    assert_quiet(result)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"flowedit: {path}: " + result.stderr.split(": ", 2)[2]
    assert len(result.stderr.splitlines()) == 1
    assert words in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and Unix sockets")
@pytest.mark.parametrize("bad", ["fifo", "link-loop", "folder"])
def test_the_editor_reports_what_it_cannot_open_instead_of_a_new_process(tmp_path: Path,
                                                                         bad: str) -> None:
    """A loop of links once opened as an empty new process; a FIFO hung the editor."""
    make, words = BAD_INPUTS[bad]
    result = run(str(make(tmp_path)))
    assert_quiet(result)
    assert result.returncode == 0  # the window opened, with the message over it
    assert words in result.stderr
    assert "first paint" in result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root may read any file")
def test_an_unreadable_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_bytes(SAMPLE.read_bytes())
    path.chmod(0)
    result = run("check", str(path))
    assert_quiet(result)
    assert result.returncode == 2
    assert "cannot read the file: Permission denied" in result.stderr


# ------------------------------------------------------------------------------ Ctrl+C
@pytest.mark.parametrize("command", ["check", "metrics", "diff", "export"])
def test_ctrl_c_ends_a_subcommand_quietly_with_status_130(
        command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+C arrives as KeyboardInterrupt wherever the command happens to be: here while it
    reads the file."""
    def interrupted(path: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("flowedit.io.flowfile.load_document", interrupted)
    # (cli.common reads through flowedit.io.flowfile, patched above, when a file is first read)
    for module in ("check_command", "diff_command", "export_command"):
        target = f"flowedit.cli.{module}.load_document"
        monkeypatch.setattr(target, interrupted)
    args = {"check": ["check", str(SAMPLE)], "metrics": ["metrics", str(SAMPLE)],
            "diff": ["diff", str(SAMPLE), str(SAMPLE)],
            "export": ["export", str(SAMPLE), "-o", str(tmp_path / "out.png")]}[command]
    assert cli_main.main(args) == cli_main.EXIT_INTERRUPTED
    assert capsys.readouterr().err == ""
