"""With orthogonal routing, on every sample and on 200 generated processes (lanes, decisions,
loops back, arrows both ways, self-loops): every segment is horizontal or vertical, no arrow
crosses a shape other than its ends, no label lies over a shape or another label, and two arrows
between the same shapes in opposite directions never share a stretch."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowedit.io import load_document
from flowedit.layout.drawn import drawn_geometry
from flowedit.layout.tidy import apply_tidy, tidy
from tests.layout.geometry_rules import jostle, process_with_loops, routing_problems

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.yaml"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_samples_route_cleanly_as_drawn_and_after_tidy_up(path: Path) -> None:
    doc = load_document(path)
    assert routing_problems(drawn_geometry(doc)) == []
    apply_tidy(doc, tidy(doc))
    assert routing_problems(drawn_geometry(doc)) == []


@pytest.mark.parametrize("block", range(10))
def test_generated_processes_route_cleanly(block: int) -> None:
    """20 processes per block, 200 in all: as generated, and after Tidy Up."""
    for seed in range(block * 20, block * 20 + 20):
        doc = process_with_loops(8 + seed % 40, seed)
        problems = routing_problems(drawn_geometry(doc))
        assert problems == [], f"seed {seed}: {problems}"
        apply_tidy(doc, tidy(doc))
        problems = routing_problems(drawn_geometry(doc))
        assert problems == [], f"seed {seed} after Tidy Up: {problems}"


@pytest.mark.parametrize("block", range(2))
def test_shapes_placed_by_hand_in_tight_spots_route_cleanly(block: int) -> None:
    """Shapes moved at random, some only 24 units apart: narrower than two margins."""
    for seed in range(1000 + block * 40, 1000 + block * 40 + 40):
        doc = process_with_loops(6 + seed % 50, seed)
        jostle(doc, seed)
        problems = routing_problems(drawn_geometry(doc))
        assert problems == [], f"seed {seed}: {problems}"


def test_the_rules_catch_a_route_through_a_shape() -> None:
    """The checker itself can fail: a straight line through the middle shape is reported."""
    geometry = {"nodes": [{"id": n, "kind": "stage", "rect": [x, 0, 50, 40]}
                          for n, x in (("a", 0), ("b", 100), ("c", 200))],
                "edges": [{"id": "e", "from": "a", "to": "c", "points": [[50, 20], [200, 20]],
                           "label_rect": None},
                          {"id": "f", "from": "a", "to": "b", "points": [[50, 5], [100, 30]],
                           "label_rect": [110, 10, 20, 10]}],
                "lanes": []}
    problems = routing_problems(geometry)
    assert any("crosses b" in p for p in problems)
    assert any("slanted" in p for p in problems)
    assert any("label of f lies over b" in p for p in problems)
