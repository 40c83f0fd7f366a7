"""flowedit -> format -> flowedit keeps what the format can carry: kinds, names, arrows, labels,
lanes, and (where the format has them) positions, probabilities and the stage fields."""

from __future__ import annotations

from pathlib import Path

import pytest
from formats_corpus import rich_document

from flowedit.io import load_document
from flowedit.io.formats import IMPORTS, write_format
from flowedit.model.document import Document

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.yaml"))
#: Formats that keep positions, and those that lay shapes out anew.
PLACED = [".drawio", ".bpmn", ".graphml", ".vsdx"]
LAID_OUT = [".mmd", ".dot"]
#: Formats with a place for flowedit's own fields (draw.io <object> attributes, BPMN
#: extensionElements, GraphML data keys, Visio shape data, DOT attributes, Mermaid comments).
EXTENSIONS = PLACED + LAID_OUT


def round_trip(doc: Document, extension: str) -> Document:
    format_name, data = write_format(doc, "process" + extension)
    return IMPORTS[format_name](data, name="process" + extension).document


def shape_of(doc: Document) -> dict[str, tuple]:
    return {node.id: (node.kind, node.name, node.lane) for node in doc.nodes.values()}


def arrows_of(doc: Document) -> list[tuple]:
    return sorted((edge.source, edge.target, edge.label) for edge in doc.edges.values())


@pytest.mark.parametrize("extension", PLACED + LAID_OUT)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_round_trip_keeps_the_process(sample: Path, extension: str) -> None:
    doc = load_document(sample)
    back = round_trip(doc, extension)
    assert shape_of(back) == shape_of(doc)
    assert arrows_of(back) == arrows_of(doc)
    assert [(lane.id, lane.name) for lane in back.lanes] == [(la.id, la.name) for la in doc.lanes]


@pytest.mark.parametrize("extension", PLACED)
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_formats_with_geometry_keep_positions_and_lane_heights(sample: Path,
                                                              extension: str) -> None:
    doc = load_document(sample)
    back = round_trip(doc, extension)
    for node in doc.nodes.values():
        assert back.nodes[node.id].x == pytest.approx(node.x, abs=0.5)
        assert back.nodes[node.id].y == pytest.approx(node.y, abs=0.5)
    assert [lane.height for lane in back.lanes] == pytest.approx(
        [lane.height for lane in doc.lanes], abs=0.5)


@pytest.mark.parametrize("extension", EXTENSIONS)
def test_round_trip_keeps_stage_fields_probabilities_and_odd_text(extension: str) -> None:
    doc = rich_document()
    back = round_trip(doc, extension)
    assert shape_of(back) == shape_of(doc)
    assert arrows_of(back) == arrows_of(doc)
    for node in doc.nodes.values():
        other = back.nodes[node.id]
        assert (other.owner, other.description, other.duration_days, other.outcome) == (
            node.owner, node.description, node.duration_days, node.outcome), node.id
    probabilities = {(e.source, e.target): e.probability for e in back.edges.values()}
    assert probabilities[("fit", "contract")] == 0.4
    assert probabilities[("fit", "lost")] == 0.6
    assert [lane.name for lane in back.lanes] == ["Sales; team #1", "Legal | review"]


def test_mermaid_writes_one_subgraph_per_lane_and_dot_one_cluster_per_lane() -> None:
    doc = rich_document()
    mermaid = write_format(doc, "x.mmd")[1].decode()
    dot = write_format(doc, "x.dot")[1].decode()
    assert mermaid.count("subgraph ") == 2 and dot.count("subgraph \"cluster_") == 2
    assert 'fit{"Fit?"}' in mermaid  # a decision is a rhombus
    assert '"fit" [label="Fit?", shape="diamond"' in dot


def test_drawio_export_has_swimlane_containers_and_rhombi() -> None:
    text = write_format(rich_document(), "x.drawio")[1].decode()
    assert text.count('style="swimlane;') == 2
    assert text.count('style="rhombus;') == 1
