"""The sample processes shipped in samples/: they load, pass every check and are laid out tidily.

They are what a new user opens first, so they must look right in the editor: every shape inside its
lane's band with room to spare, clear of the lane header, and no two shapes on top of each other.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest

from flowedit.analysis import Severity, check_document
from flowedit.io import dumps_document, load_document, loads_document
from flowedit.model import Document
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, lane_bands, node_extent

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"
SAMPLES = sorted(SAMPLES_DIR.glob("*.yaml"))


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 3, f"expected at least 3 samples in {SAMPLES_DIR}, found {SAMPLES}"


@pytest.fixture(params=SAMPLES, ids=[path.name for path in SAMPLES])
def sample(request: pytest.FixtureRequest) -> Document:
    return load_document(request.param)


def test_sample_has_no_errors(sample: Document) -> None:
    errors = [p.message for p in check_document(sample) if p.severity is Severity.ERROR]
    assert errors == []


def test_sample_has_no_warnings(sample: Document) -> None:
    warnings = [p.message for p in check_document(sample) if p.severity is Severity.WARNING]
    assert warnings == []


def test_every_shape_lies_inside_its_lane(sample: Document) -> None:
    bands = lane_bands(sample)
    assert bands, "a sample should show lanes"
    for node in sample.nodes.values():
        assert node.lane in bands, f"{node.id} is in no lane"
        top, bottom = bands[node.lane]
        left, shape_top, _right, shape_bottom = node_extent(node)
        assert shape_top >= top + LANE_PADDING, f"{node.id} sticks out of the top of its lane"
        assert shape_bottom <= bottom - LANE_PADDING, f"{node.id} sticks out of the bottom"
        assert left >= LANE_HEADER_WIDTH + LANE_PADDING, f"{node.id} covers the lane header"


def test_no_two_shapes_overlap(sample: Document) -> None:
    for a, b in combinations(sample.nodes.values(), 2):
        a_left, a_top, a_right, a_bottom = node_extent(a)
        b_left, b_top, b_right, b_bottom = node_extent(b)
        overlap = (a_left < b_right and b_left < a_right
                   and a_top < b_bottom and b_top < a_bottom)
        assert not overlap, f"{a.id} and {b.id} overlap"


def test_sample_survives_a_save_and_reload(sample: Document) -> None:
    text = dumps_document(sample)
    again = loads_document(text)
    assert again == sample
    assert dumps_document(again) == text
