"""Checks across levels, and the commands on processes with sub-processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from subprocess_helpers import hand_example

from flowedit.analysis import CHECKS, Severity, check_document
from flowedit.cli.main import main
from flowedit.io import load_document, save_document
from flowedit.model import Node, NodeKind
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, lane_bands, node_extent
from flowedit.model.subprocess import levels

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "b2b-with-prospecting.yaml"


def test_the_hand_example_has_no_problems() -> None:
    assert check_document(hand_example()) == []


def test_an_end_that_leaves_by_no_arrow() -> None:
    doc = hand_example()
    doc.nodes["nego"].process.update_node("walked", name="Parked")
    problems = check_document(doc)
    assert [(p.code, p.severity, p.node) for p in problems] == [
        ("subprocess-unmapped-end", Severity.ERROR, "nego"),
        ("subprocess-unused-exit", Severity.ERROR, "nego")]
    assert "'Parked'" in problems[0].message and "'signed', 'walked away'" in problems[0].message
    assert problems[1].edge_id == "to-lost" and "'Deal lost'" in problems[1].message


def test_an_exit_naming_nothing_says_so() -> None:
    doc = hand_example()
    doc.nodes["nego"].process.update_node("walked", exit="the bin")
    problem = check_document(doc)[0]
    assert "its exit 'the bin' names none of them" in problem.message


def test_problems_inside_say_where_they_are() -> None:
    doc = hand_example()
    child = doc.nodes["nego"].process
    child.add_node(Node("orphan", NodeKind.STAGE, "List building", x=100, y=400))
    [problem] = [p for p in check_document(doc) if p.code == "unreachable"]
    assert problem.message.startswith("Deals › Negotiation: 'List building' can never be ")
    assert (problem.node, problem.level, problem.level_node) == ("nego", ("nego",), "orphan")
    assert problem.to_json()["level"] == ["nego"]


def test_a_sub_process_needs_no_won_end_but_a_start() -> None:
    doc = hand_example()
    doc.nodes["nego"].process.remove_node("start")
    codes = [p.code for p in check_document(doc)]
    assert "no-start" in codes and "no-won-end" not in codes


def test_a_stage_with_a_sub_process_may_have_several_ways_on() -> None:
    doc = hand_example()
    assert "implicit-split" not in [p.code for p in check_document(doc)]
    doc.update_node("nego", process=None)
    assert "implicit-split" in [p.code for p in check_document(doc)]


def test_every_new_code_is_documented() -> None:
    page = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for code in CHECKS:
        if code.startswith("subprocess-"):
            assert f"`{code}`" in page


def test_check_prints_the_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = hand_example()
    doc.nodes["nego"].process.add_node(Node("orphan", NodeKind.STAGE, "Orphan", x=1, y=400))
    save_document(doc, tmp_path / "deals.yaml")
    assert main(["check", str(tmp_path / "deals.yaml")]) == 1
    out = capsys.readouterr().out
    assert "error: unreachable: Deals › Negotiation: 'Orphan' can never be reached" in out
    assert out.rstrip().endswith("(nego › orphan)")


def test_metrics_show_rolled_up_figures_and_a_level(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    save_document(hand_example(), tmp_path / "deals.yaml")
    assert main(["metrics", str(tmp_path / "deals.yaml")]) == 0
    out = capsys.readouterr().out
    assert "from sub-process" in out and "Negotiation       5.40" in out
    assert main(["metrics", str(tmp_path / "deals.yaml"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["from_subprocess"]["nego"]["days"] == pytest.approx(5.4)
    assert main(["metrics", str(tmp_path / "deals.yaml"), "--level", "nego"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Negotiation: 1,000 leads") and "Walked away" in out
    assert main(["metrics", str(tmp_path / "deals.yaml"), "--level", "nego/talks"]) == 2
    assert "There is no sub-process at nego › talks" in capsys.readouterr().err


# ------------------------------------------------------------------------------ the sample
def test_the_sample_s_prospecting_opens_into_the_article_s_steps() -> None:
    doc = load_document(SAMPLE)
    child = doc.child("prospecting")
    assert child is not None
    names = {node.name for node in child.nodes.values()}
    assert {"Research", "Pitch", "Lead selection", "Cadence", "List building",
            "Social selling"} <= names
    assert any(name.startswith("Profile evaluation") for name in names)
    assert check_document(doc) == []


def test_every_level_of_the_sample_is_laid_out_tidily() -> None:
    for level in levels(load_document(SAMPLE)):
        bands = lane_bands(level.doc)
        extents = {n.id: node_extent(n) for n in level.doc.nodes.values()}
        for node in level.doc.nodes.values():
            top, bottom = bands[node.lane]
            left, shape_top, _right, shape_bottom = extents[node.id]
            assert top + LANE_PADDING <= shape_top and shape_bottom <= bottom - LANE_PADDING
            assert left >= LANE_HEADER_WIDTH + LANE_PADDING
        boxes = list(extents.values())
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
