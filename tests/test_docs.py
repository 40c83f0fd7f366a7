"""The pages of README.md and docs/*.md show what the commands really print.

Conventions of the pages, checked here:

- **Examples.** A fenced ```sh block followed (with only blank lines between) by a fenced block
  without a language, or marked ```text or ```json, is an example: every command of the sh block
  is run, and what they print (standard output and standard error together, as in a terminal)
  must be the second block, line for line. A command is one line; a `# comment` after it is not
  part of it.
- **Abbreviated output.** A line holding only `…` in the output block stands for any number of
  lines (none included), so a page may show the start and the end of a long output.
- **Files.** Commands run in a scratch folder holding copies of `samples/` and `docs/`, and
  `worked-example.yaml` (the worked example of docs/metrics.md, from tests/cli/worked_example.py).
  A fenced block right after the comment `<!-- file: PATH -->` shows the file PATH of the
  repository, and must be exactly its content.
- **Process files.** Every ```yaml block that starts with `flowedit:` is a whole process file and
  must read without error; one right after `<!-- canonical: ... -->` must be exactly what
  flowedit writes for it.
- **Skipped by rule.** Commands that open a window (`flowedit FILE`, `flowedit present`) or install
  things (`pip`, `python3 -m venv`, `apt`, `sudo`, `.ci/run`, running the tests) are not run;
  sh blocks with no output block after them are not run either (they show how to call, not what
  comes out).

`flowedit` is the command installed next to the Python running the tests, with this tree's code
first on PYTHONPATH.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from flowedit.cli.main import SUBCOMMANDS
from flowedit.io import dumps_document, loads_document

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
ABBREVIATION = "…"
_FENCE = re.compile(r"^(?P<indent> *)(?P<fence>```+|~~~+)(?P<info>[^`\s]*)\s*$")
_FILE_MARKER = re.compile(r"^\s*<!--\s*file:\s*(?P<path>\S+)\s*-->\s*$")
_INSTALLERS = {"pip", "pip3", "apt", "apt-get", "sudo", "venv", ".ci/run", "pytest"}


@dataclass(frozen=True)
class Block:
    page: Path
    line: int  # of the opening fence, 1-based
    info: str
    text: str
    marker: str | None  # the `<!-- ... -->` line just before the fence, if any
    follows: Block | None = None  # the block right after this one, blank lines between


def blocks(page: Path) -> list[Block]:
    """The fenced blocks of a page, each knowing the block that comes right after it."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[tuple[Block, int]] = []  # with the index of the closing fence
    index = 0
    while index < len(lines):
        opening = _FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        end = index + 1
        while end < len(lines) and lines[end].strip() != fence:
            end += 1
        body = "".join(line[indent:] + "\n" for line in lines[index + 1:end])
        marker = next((line for line in reversed(lines[:index]) if line.strip()), None)
        marker = marker if marker and marker.strip().startswith("<!--") else None
        found.append((Block(page, index + 1, opening["info"], body, marker), index))
        index = end + 1
    result: list[Block] = []
    for position, (block, start) in enumerate(found):
        follows = None
        if position + 1 < len(found):
            after, after_start = found[position + 1]
            closing = start + block.text.count("\n") + 1
            if all(not line.strip() for line in lines[closing + 1:after_start]):
                follows = after
        result.append(Block(block.page, block.line, block.info, block.text, block.marker,
                            follows))
    return result


def examples() -> list[Block]:
    return [block for page in PAGES for block in blocks(page)
            if block.info == "sh" and block.follows is not None
            and block.follows.info in ("", "text", "json")]


def skip_reason(command: str) -> str | None:
    """Why a command of a page is not run, or None to run it."""
    words = shlex.split(command, comments=True)
    if not words:
        return "empty"
    if any(word in _INSTALLERS or word.endswith("/.ci/run") for word in words) or \
            words[:3] == ["python3", "-m", "venv"] or words[:3] == ["python", "-m", "pytest"]:
        return "installs things or runs the tests"
    flowedit = words.index("flowedit") if "flowedit" in words else None
    if flowedit is not None:
        rest = words[flowedit + 1:]
        if not rest or rest[0] == "present" or (rest[0] not in SUBCOMMANDS
                                                and not rest[0].startswith("-")):
            return "opens a window"
    return None


def commands(block: Block) -> list[str]:
    return [line for line in block.text.splitlines()
            if line.strip() and not line.lstrip().startswith("#") and skip_reason(line) is None]


def matches(shown: list[str], printed: list[str]) -> bool:
    """Whether the printed lines are the shown ones, a `…` line standing for any lines."""
    if not shown:
        return not printed
    if shown[0] == ABBREVIATION:
        return any(matches(shown[1:], printed[start:]) for start in range(len(printed) + 1))
    return bool(printed) and printed[0] == shown[0] and matches(shown[1:], printed[1:])


def _worked_example() -> str:
    spec = importlib.util.spec_from_file_location(
        "worked_example", ROOT / "tests" / "cli" / "worked_example.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.EXAMPLE)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "samples", folder / "samples")
    shutil.copytree(ROOT / "docs", folder / "docs")
    (folder / "worked-example.yaml").write_text(_worked_example(), encoding="utf-8")
    return folder


def run(command: str, folder: Path) -> str:
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["COLUMNS"] = "100"
    done = subprocess.run(["bash", "-c", command], cwd=folder, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          encoding="utf-8", timeout=120, check=False)
    return done.stdout


EXAMPLES = examples()


def test_the_pages_have_examples() -> None:
    """The conventions above are in use: the parser did not silently find nothing."""
    assert len(EXAMPLES) >= 4, [f"{block.page.name}:{block.line}" for block in EXAMPLES]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the pages' commands are bash commands")
@pytest.mark.parametrize("example", EXAMPLES,
                         ids=[f"{block.page.name}:{block.line}" for block in EXAMPLES])
def test_each_example_prints_what_its_page_shows(example: Block, scratch: Path) -> None:
    to_run = commands(example)
    assert to_run, f"{example.page.name}:{example.line} shows output but runs no command"
    printed = "".join(run(command, scratch) for command in to_run)
    assert example.follows is not None
    shown = example.follows.text.splitlines()
    assert "Traceback" not in printed, printed
    assert matches(shown, printed.splitlines()), (
        f"{example.page.relative_to(ROOT)}:{example.line}: the page shows\n"
        f"{example.follows.text}\nbut the commands print\n{printed}")


FILE_BLOCKS = [block for page in PAGES for block in blocks(page)
               if block.marker and _FILE_MARKER.match(block.marker)]


@pytest.mark.parametrize("block", FILE_BLOCKS,
                         ids=[f"{block.page.name}:{block.line}" for block in FILE_BLOCKS])
def test_a_file_shown_on_a_page_is_the_file_of_the_repository(block: Block) -> None:
    match = _FILE_MARKER.match(block.marker or "")
    assert match is not None
    path = ROOT / match["path"]
    assert path.read_text(encoding="utf-8") == block.text, f"{block.page.name}:{block.line}"


PROCESS_BLOCKS = [block for page in PAGES for block in blocks(page)
                  if block.info == "yaml" and block.text.startswith("flowedit:")]


@pytest.mark.parametrize("block", PROCESS_BLOCKS,
                         ids=[f"{block.page.name}:{block.line}" for block in PROCESS_BLOCKS])
def test_a_process_file_shown_on_a_page_reads(block: Block) -> None:
    document = loads_document(block.text, f"{block.page.name}:{block.line}")
    if block.marker and block.marker.strip().startswith("<!-- canonical:"):
        assert dumps_document(document) == block.text


def test_the_pages_show_process_files() -> None:
    assert len(PROCESS_BLOCKS) >= 3
    assert any(block.marker and "canonical" in block.marker for block in PROCESS_BLOCKS)


@pytest.mark.parametrize(("command", "reason"), [
    ("flowedit samples/b2b-sales.yaml", "opens a window"),
    ("flowedit", "opens a window"),
    ("flowedit present samples/b2b-sales.yaml --quiz", "opens a window"),
    ("python3 -m venv .venv && . .venv/bin/activate && pip install -e .", "installs things or runs "
     "the tests"),
    ("flowedit check samples/*.yaml   # a comment", None),
    ("flowedit --version", None),
])
def test_the_skip_rule(command: str, reason: str | None) -> None:
    assert skip_reason(command) == reason


def test_an_abbreviation_stands_for_any_lines() -> None:
    assert matches(["a", ABBREVIATION, "d"], ["a", "b", "c", "d"])
    assert matches(["a", ABBREVIATION, "d"], ["a", "d"])
    assert not matches(["a", ABBREVIATION, "d"], ["a", "b"])
    assert not matches(["a", "d"], ["a", "b", "d"])
