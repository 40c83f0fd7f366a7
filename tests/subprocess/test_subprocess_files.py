"""Sub-processes in files: nested under a stage (`process:`) or linked (`subprocess: path`);
read, written back the same, and a process that contains itself refused at its line."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from subprocess_helpers import hand_example, random_process

from flowedit.analysis import check_document
from flowedit.io import (
    FlowFileError,
    FlowLinkCycleError,
    dumps_document,
    follow_links,
    load_document,
    loads_document,
    save_document,
)
from flowedit.model import Document, Node, NodeKind

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-with-prospecting.yaml"

PARENT = """\
flowedit: 1
title: Deals
nodes:
  - id: lead
    kind: start
    name: Lead in
    x: 100
    y: 100
  - id: nego
    kind: stage
    name: Negotiation
    x: 300
    y: 100
    subprocess: {link}
  - id: won
    kind: end
    name: Deal won
    x: 500
    y: 100
    outcome: won
edges:
  - from: lead
    to: nego
  - from: nego
    to: won
"""

CHILD = """\
flowedit: 1
title: Negotiation
nodes:
  - id: start
    kind: start
    name: Start
    x: 100
    y: 100
  - id: talks
    kind: stage
    name: Talks
    x: 300
    y: 100
    duration_days: 4
{more}
  - id: done
    kind: end
    name: Done
    x: 500
    y: 100
edges:
  - from: start
    to: talks
  - from: talks
    to: done
"""


def test_a_nested_process_is_written_and_read_back_the_same() -> None:
    doc = hand_example()
    text = dumps_document(doc)
    assert "    process:\n" in text.replace("  process:", "    process:")
    again = loads_document(text)
    assert again == doc
    assert dumps_document(again) == text


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10**9))
def test_random_nested_processes_round_trip(seed: int) -> None:
    doc = random_process(random.Random(seed), 3)
    text = dumps_document(doc)
    assert loads_document(text) == doc
    assert dumps_document(loads_document(text)) == text


def test_the_sample_s_levels_round_trip() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert dumps_document(loads_document(text)) == text


def test_a_file_without_sub_processes_is_written_as_before() -> None:
    plain = Path(__file__).resolve().parents[2] / "samples" / "b2c-funnel.yaml"
    doc = load_document(plain)
    assert "process:" not in dumps_document(doc) and "subprocess" not in dumps_document(doc)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_linked_file_is_read_relative_to_the_file_and_rolls_up(tmp_path: Path) -> None:
    _write(tmp_path, "parts/nego.yaml", CHILD.format(more=""))
    parent = _write(tmp_path, "deals.yaml", PARENT.format(link="parts/nego.yaml"))
    doc = load_document(parent)
    assert doc.child("nego") is not None and doc.child("nego").title == "Negotiation"
    assert check_document(doc) == []
    from flowedit.analysis.metrics import compute_metrics

    assert compute_metrics(doc).from_subprocess["nego"].days == pytest.approx(4)
    assert "  subprocess: parts/nego.yaml\n" in dumps_document(doc)
    assert "Talks" not in dumps_document(doc)


def test_a_moved_folder_keeps_its_links(tmp_path: Path) -> None:
    _write(tmp_path, "a/parts/nego.yaml", CHILD.format(more=""))
    _write(tmp_path, "a/deals.yaml", PARENT.format(link="parts/nego.yaml"))
    shutil.move(tmp_path / "a", tmp_path / "moved")
    doc = load_document(tmp_path / "moved" / "deals.yaml")
    assert doc.child("nego") is not None


def test_a_missing_linked_file_is_a_problem_not_a_refusal(tmp_path: Path) -> None:
    parent = _write(tmp_path, "deals.yaml", PARENT.format(link="parts/gone.yaml"))
    doc = load_document(parent)
    problems = check_document(doc)
    assert [p.code for p in problems] == ["subprocess-file"]
    assert "gone.yaml" in problems[0].message and "no such file" in problems[0].message
    assert problems[0].node == "nego"


def test_a_broken_linked_file_says_where_it_is_broken(tmp_path: Path) -> None:
    _write(tmp_path, "nego.yaml", CHILD.format(more="  - id: talks\n    kind: stage\n"
                                                    "    name: Again\n    x: 1\n    y: 1"))
    doc = load_document(_write(tmp_path, "deals.yaml", PARENT.format(link="nego.yaml")))
    [problem] = check_document(doc)
    assert problem.code == "subprocess-file"
    assert "nego.yaml:15" in problem.message and "used twice" in problem.message


def test_a_file_linking_itself_is_refused_at_its_line(tmp_path: Path) -> None:
    parent = _write(tmp_path, "deals.yaml", PARENT.format(link="deals.yaml"))
    with pytest.raises(FlowLinkCycleError) as caught:
        load_document(parent)
    assert (caught.value.path, caught.value.line) == (str(parent), 14)
    assert "deals.yaml › deals.yaml" in str(caught.value)


def test_a_loop_through_two_files_is_refused_at_the_link_that_closes_it(tmp_path: Path) -> None:
    more = ("  - id: again\n    kind: stage\n    name: Again\n    x: 300\n    y: 300\n"
            "    subprocess: ../deals.yaml")
    child = _write(tmp_path, "parts/nego.yaml", CHILD.format(more=more))
    parent = _write(tmp_path, "deals.yaml", PARENT.format(link="parts/nego.yaml"))
    with pytest.raises(FlowFileError) as caught:
        load_document(parent)
    assert caught.value.line == 20
    assert caught.value.path == str(child)
    assert "deals.yaml › nego.yaml › deals.yaml" in caught.value.problem
    assert "cannot contain itself" in caught.value.problem


def test_a_loop_made_in_the_editor_is_a_problem(tmp_path: Path) -> None:
    _write(tmp_path, "parts/nego.yaml", CHILD.format(more=""))
    parent = _write(tmp_path, "deals.yaml", PARENT.format(link="parts/nego.yaml"))
    doc = load_document(parent)
    doc.update_node("nego", subprocess="deals.yaml")
    follow_links(doc, parent)
    assert [p.code for p in check_document(doc)] == ["subprocess-cycle"]


def test_nested_shapes_count_towards_the_limit(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    import flowedit.io.flowfile as flowfile
    import flowedit.model.document as document

    text = dumps_document(hand_example())  # 4 + 7 shapes
    monkeypatch.setattr(document, "MAX_NODES", 8)
    with pytest.raises(FlowFileError, match="sub-processes included"):
        loads_document(text)
    monkeypatch.setattr(document, "MAX_NODES", 100)
    monkeypatch.setattr(flowfile, "MAX_NODES", 5)
    _write(tmp_path, "nego.yaml", CHILD.format(more=""))
    with pytest.raises(FlowFileError, match="6 shapes; the limit is 5 in all"):
        load_document(_write(tmp_path, "deals.yaml", PARENT.format(link="nego.yaml")))


@pytest.mark.parametrize(("snippet", "line", "words"), [
    ("    kind: decision\n    subprocess: x.yaml", 4, "only a stage can hold a sub-process"),
    ("    kind: stage\n    exit: Done", 4, "only an end of a sub-process has an 'exit'"),
    ("    kind: stage\n    subprocess: /abs/x.yaml", 4, "relative to this file's folder"),
    ("    kind: stage\n    subprocess: x.yaml\n    process:\n      nodes: []", 4,
     "not both"),
    ("    kind: stage\n    process:\n      nodes: []\n      flowedit: 1", 8,
     "unknown key 'flowedit' in a sub-process"),
])
def test_misplaced_keys_are_refused_at_their_line(snippet: str, line: int, words: str) -> None:
    head, kind = snippet.split("\n", 1)
    text = ("flowedit: 1\nnodes:\n  - id: a\n" + head + "\n    name: A\n    x: 1\n    y: 1\n"
            + kind + "\n")
    with pytest.raises(FlowFileError) as caught:
        loads_document(text)
    assert words in caught.value.problem
    assert caught.value.line is not None and caught.value.line >= line


def test_saving_writes_the_link_not_the_linked_file(tmp_path: Path) -> None:
    child_path = _write(tmp_path, "nego.yaml", CHILD.format(more=""))
    doc = load_document(_write(tmp_path, "deals.yaml", PARENT.format(link="nego.yaml")))
    child_text = child_path.read_text(encoding="utf-8")
    save_document(doc, tmp_path / "copy.yaml")
    assert "subprocess: nego.yaml" in (tmp_path / "copy.yaml").read_text(encoding="utf-8")
    assert child_path.read_text(encoding="utf-8") == child_text


def test_a_nested_process_too_deep_is_refused() -> None:
    doc = Document("top")
    doc.add_node(Node("s", NodeKind.STAGE, "S"))
    level = doc
    for _ in range(9):
        inner = Document("inner")
        inner.add_node(Node("s", NodeKind.STAGE, "S"))
        level.update_node("s", process=inner)
        level = inner
    with pytest.raises(FlowFileError, match="nested more than 8 levels"):
        loads_document(dumps_document(doc))
