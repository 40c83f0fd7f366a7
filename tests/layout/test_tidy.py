"""Tidy Up keeps every shape in its lane, overlaps none, runs every arrow that is not a loop back
from left to right, fits the lanes to their content, and gives the same picture every time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from flowedit.io import load_document
from flowedit.layout.drawn import drawn_geometry
from flowedit.layout.tidy import (
    FIT_MARGIN,
    LEFT,
    RIGHT_ROOM,
    WRAP_WIDTH,
    apply_tidy,
    back_edges,
    tidy,
)
from flowedit.model.document import Document
from flowedit.model.elements import Node, NodeKind
from flowedit.model.geometry import lane_bands, node_extent
from tests.layout.geometry_rules import process_with_loops

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def tidy_problems(doc: Document, wrapped: dict[str, int] | None = None) -> list[str]:
    """What breaks Tidy Up's rules. `wrapped` (a `TidyResult`'s bands) tells the wrap arrows: a
    forward arrow into a later band may go right to left, but only there, and only down in
    its lane (the lane's sub-row for a later band lies below)."""
    wrapped = wrapped or {}
    problems = []
    bands = lane_bands(doc)
    boxes = {node.id: node_extent(node) for node in doc.nodes.values()}
    for node in doc.nodes.values():
        _, top, _, bottom = boxes[node.id]
        if node.lane is not None and not bands[node.lane][0] <= top < bottom <= bands[node.lane][1]:
            problems.append(f"{node.id} is not inside lane {node.lane}")
    ids = list(boxes)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            p, q = boxes[a], boxes[b]
            if p[0] < q[2] and q[0] < p[2] and p[1] < q[3] and q[1] < p[3]:
                problems.append(f"{a} and {b} overlap")
    loops = back_edges(doc)
    for edge in doc.edges.values():
        source, target = doc.nodes[edge.source], doc.nodes[edge.target]
        if edge.id in loops:
            continue
        band, target_band = wrapped.get(source.id, 0), wrapped.get(target.id, 0)
        if target_band > band:  # a wrap arrow
            if source.lane == target.lane and not source.y < target.y:
                problems.append(f"{edge.id} ({edge.source} -> {edge.target}) wraps but not down")
        elif target_band < band:
            problems.append(f"{edge.id} ({edge.source} -> {edge.target}) goes to an earlier band")
        elif not source.x < target.x:
            problems.append(f"{edge.id} ({edge.source} -> {edge.target}) does not go right")
    return problems


def band_problems(doc: Document, bands: dict[str, int], width: float = WRAP_WIDTH) -> list[str]:
    """In a wrapped drawing, every band with more than one column fits `width` as Zoom to
    Fit frames it (its last shape, the room after it and the margins), and every band starts
    again at the left. (A drawing Tidy Up did not wrap is one band, as wide as it is.)"""
    problems = []
    by_band: dict[int, list[tuple[float, float, float]]] = {}
    for node_id, band in bands.items():
        left, _, right, _ = node_extent(doc.nodes[node_id])
        by_band.setdefault(band, []).append((left, right, doc.nodes[node_id].x))
    for band, boxes in sorted(by_band.items()):
        columns = {x for _, _, x in boxes}
        right = max(r for _, r, _ in boxes) + RIGHT_ROOM + FIT_MARGIN
        if len(by_band) > 1 and len(columns) > 1 and right + FIT_MARGIN > width:
            problems.append(f"band {band} is {right + FIT_MARGIN:.0f} wide, more than {width}")
        if min(left for left, _, _ in boxes) != LEFT:
            problems.append(f"band {band} does not start at the left")
    return problems


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_after_tidy_up(path: Path) -> None:
    doc = load_document(path)
    first = tidy(doc)
    assert tidy(doc) == first
    apply_tidy(doc, first)
    assert tidy_problems(doc, first.bands) == []
    assert band_problems(doc, first.bands) == []


@pytest.mark.parametrize("block", range(4))
def test_generated_processes_after_tidy_up(block: int) -> None:
    """200 processes in all (50 per block), with loops back, arrows both ways and self-loops."""
    for seed in range(block * 50, block * 50 + 50):
        doc = process_with_loops(8 + seed % 60, seed)
        result = tidy(doc)
        assert tidy(doc) == result, f"seed {seed}: a second run differs"
        apply_tidy(doc, result)
        assert tidy_problems(doc, result.bands) == [], f"seed {seed}"
        assert band_problems(doc, result.bands) == [], f"seed {seed}"


def test_the_generated_processes_include_wrapped_ones() -> None:
    """The invariants above hold for wrapped drawings too: enough of the 200 are wrapped."""
    wrapped = [seed for seed in range(200)
               if max(tidy(process_with_loops(8 + seed % 60, seed)).bands.values()) > 0]
    assert len(wrapped) >= 20


def test_the_rules_catch_a_messy_layout() -> None:
    doc = process_with_loops(12, 1)
    first, second = list(doc.nodes)[:2]
    doc.move_node(second, doc.nodes[first].x, doc.nodes[first].y)
    problems = tidy_problems(doc)
    assert any("overlap" in p for p in problems)
    assert any("does not go right" in p for p in problems)


def test_rework_loops_are_the_loops_back() -> None:
    doc = load_document(ROOT / "samples" / "b2b-sales.yaml")
    loops = back_edges(doc)
    assert {"e8", "e15"} <= loops  # Nurture -> Qualification call, Revise -> Negotiation
    assert "e5" not in loops


def test_lanes_fit_their_content() -> None:
    doc = load_document(ROOT / "samples" / "b2b-sales.yaml")
    apply_tidy(doc, tidy(doc))
    bands = lane_bands(doc)
    for lane in doc.lanes:
        members = [node_extent(doc.nodes[n]) for n in doc.nodes_in_lane(lane.id)]
        top, bottom = bands[lane.id]
        assert min(b[1] for b in members) - top <= 60
        assert bottom - max(b[3] for b in members) <= 60


def test_the_likeliest_path_runs_straight_and_the_other_branch_goes_below() -> None:
    doc = Document()
    for node_id, kind in (("s", NodeKind.START), ("a", NodeKind.STAGE), ("d", NodeKind.DECISION),
                          ("won", NodeKind.END), ("lost", NodeKind.END)):
        doc.add_node(Node(node_id, kind, node_id, x=0, y=0))
    doc.connect("s", "a")
    doc.connect("a", "d")
    doc.connect("d", "lost", label="No", probability=0.3)
    doc.connect("d", "won", label="Yes", probability=0.7)
    positions = tidy(doc).positions
    assert len({positions[n][1] for n in ("s", "a", "d", "won")}) == 1
    assert positions["lost"][1] > positions["won"][1]
    assert positions["lost"][0] == positions["won"][0]


def test_the_straight_line_follows_the_way_to_a_won_deal_even_when_losing_is_likelier() -> None:
    doc = load_document(ROOT / "samples" / "b2c-funnel.yaml")
    positions = tidy(doc).positions
    assert positions["closing"][1] == positions["qualified"][1]
    assert positions["not-qualified"][1] > positions["qualified"][1]


def test_tidying_a_selection_leaves_the_rest_in_place() -> None:
    doc = process_with_loops(40, 7)
    chosen = [n for n in doc.nodes if doc.nodes[n].lane == "ae"]
    before = {n: (node.x, node.y) for n, node in doc.nodes.items()}
    bands = lane_bands(doc)
    result = tidy(doc, only=chosen)
    apply_tidy(doc, result)
    new_bands = lane_bands(doc)
    for node_id, node in doc.nodes.items():
        if node_id not in chosen:
            lane_shift = new_bands[node.lane][0] - bands[node.lane][0]
            assert (node.x, node.y) == (before[node_id][0], before[node_id][1] + lane_shift)
    problems = [p for p in tidy_problems(doc) if "does not go right" not in p]
    assert problems == []


def test_top_to_bottom_runs_down_and_needs_no_lanes() -> None:
    doc = Document()
    for node_id, kind in (("s", NodeKind.START), ("a", NodeKind.STAGE), ("e", NodeKind.END)):
        doc.add_node(Node(node_id, kind, node_id))
    doc.connect("s", "a")
    doc.connect("a", "e")
    positions = tidy(doc, direction="down").positions
    assert positions["s"][1] < positions["a"][1] < positions["e"][1]
    assert positions["s"][0] == positions["a"][0] == positions["e"][0]
    with pytest.raises(ValueError, match="without lanes"):
        tidy(process_with_loops(10, 1), direction="down")


_SCRIPT = """
import json
from flowedit.layout.drawn import drawn_geometry
from flowedit.layout.tidy import apply_tidy, tidy
from tests.layout.geometry_rules import process_with_loops
doc = process_with_loops(60, 11)
apply_tidy(doc, tidy(doc))
print(json.dumps(drawn_geometry(doc)))
"""


def test_the_same_input_gives_the_same_picture_in_another_process() -> None:
    """Nothing may depend on the order of a set of strings, which changes with the hash seed."""
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed,
                   PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
        run = subprocess.run([sys.executable, "-c", _SCRIPT], cwd=ROOT, env=env,
                             capture_output=True, text=True, check=True)
        outputs.append(json.loads(run.stdout))
    assert outputs[0] == outputs[1]
    doc = process_with_loops(60, 11)
    apply_tidy(doc, tidy(doc))
    assert json.loads(json.dumps(drawn_geometry(doc))) == outputs[0]
