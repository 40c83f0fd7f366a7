"""`flowedit layout FILE -o OUT.yaml` (Tidy Up headless) and `flowedit export FILE -o OUT.json`
(the drawn geometry, docs/export.md)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from flowedit.cli.main import main
from flowedit.io import load_document
from flowedit.model import Routing

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """The JSON export measures labels in the drawing's font: pytest-qt's application."""


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (outer[0] - 0.01 <= inner[0] and outer[1] - 0.01 <= inner[1]
            and inner[0] + inner[2] <= outer[0] + outer[2] + 0.01
            and inner[1] + inner[3] <= outer[1] + outer[3] + 0.01)


def _overlap(a: list[float], b: list[float]) -> bool:
    return (a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3]
            and b[1] < a[1] + a[3])


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_layout_writes_a_tidied_orthogonal_copy(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "tidy.yaml"
    again = tmp_path / "again.yaml"
    before = sample.read_bytes()
    assert main(["layout", str(sample), "-o", str(out)]) == 0
    assert main(["layout", str(sample), "-o", str(again)]) == 0
    assert sample.read_bytes() == before
    assert out.read_bytes() == again.read_bytes()  # the same input, the same picture
    doc = load_document(out)
    assert doc.routing is Routing.ORTHOGONAL
    geometry_file = tmp_path / "tidy.json"
    assert main(["export", str(out), "-o", str(geometry_file)]) == 0
    geometry = json.loads(geometry_file.read_text(encoding="utf-8"))
    lanes = {lane["id"]: lane["rect"] for lane in geometry["lanes"]}
    for node in geometry["nodes"]:
        lane = doc.nodes[node["id"]].lane
        if lane is not None:
            assert _inside(node["rect"], lanes[lane]), node["id"]
    for a, b in itertools.combinations(geometry["nodes"], 2):
        assert not _overlap(a["rect"], b["rect"]), (a["id"], b["id"])


def test_geometry_json_has_the_documented_keys(tmp_path: Path) -> None:
    source = tmp_path / "p.yaml"
    source.write_text((ROOT / "samples" / "b2b-sales.yaml").read_text(encoding="utf-8")
                      .replace("title:", "routing: orthogonal\ntitle:", 1), encoding="utf-8")
    out = tmp_path / "p.json"
    assert main(["export", str(source), "-o", str(out)]) == 0
    geometry = json.loads(out.read_text(encoding="utf-8"))
    assert set(geometry) == {"lanes", "nodes", "edges"}
    doc = load_document(source)
    assert [edge["id"] for edge in geometry["edges"]] == list(doc.edges)
    for edge in geometry["edges"]:
        assert set(edge) == {"id", "from", "to", "points", "label_rect"}
        points = edge["points"]
        assert len(points) >= 2
        for (x1, y1), (x2, y2) in itertools.pairwise(points):
            assert x1 == x2 or y1 == y2  # orthogonal
        assert (edge["label_rect"] is None) == (doc.edges[edge["id"]].label is None)
    labels = [edge["label_rect"] for edge in geometry["edges"] if edge["label_rect"]]
    for a, b in itertools.combinations(labels, 2):
        assert not _overlap(a, b)
    for label in labels:
        for node in geometry["nodes"]:
            assert not _overlap(label, node["rect"])


def test_layout_of_a_missing_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:
    assert main(["layout", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "o.yaml")]) == 2
    assert "nope.yaml" in capsys.readouterr().err
    assert not (tmp_path / "o.yaml").exists()
