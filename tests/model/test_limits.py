"""Every limit the reader enforces is enforced by the edit that would cross it, and what the writer
writes at each limit reads back: flowedit never saves a file it cannot open again (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowedit.io import FlowSaveError, flowfile, load_document, save_document, yaml_tree
from flowedit.model import Document, Edge, Lane, ModelError, Node, NodeKind
from flowedit.model.elements import MAX_TEXT_LENGTH
from flowedit.model.limits import MAX_EDGES, MAX_FAN, MAX_FILE_BYTES, MAX_LANES, MAX_NODES
from flowedit.model.rules import connect_refusal


def stage(i: int, **fields: object) -> Node:
    return Node(f"s{i}", NodeKind.STAGE, f"Stage {i}", x=float(i % 1000), y=float(i // 1000),
                **fields)  # type: ignore[arg-type]


def doc_with(lanes: int = 0, nodes: int = 0) -> Document:
    doc = Document("Limits")
    for i in range(lanes):
        doc.add_lane(Lane(f"lane-{i}", f"Lane {i}"))
    for i in range(nodes):
        doc.add_node(stage(i))
    return doc


def reads_back(doc: Document, path: Path) -> Document:
    save_document(doc, path)
    again = load_document(path)
    assert again == doc
    return again


def test_the_reader_and_the_model_share_one_list_of_limits() -> None:
    assert (flowfile.MAX_LANES, flowfile.MAX_NODES, flowfile.MAX_EDGES, flowfile.MAX_FILE_BYTES) \
        == (MAX_LANES, MAX_NODES, MAX_EDGES, MAX_FILE_BYTES)


def test_a_lane_beyond_the_limit_is_refused_and_the_last_allowed_one_reads_back(
        tmp_path: Path) -> None:
    doc = doc_with(lanes=MAX_LANES - 1)
    doc.add_lane(Lane("last", "Last"))
    with pytest.raises(ModelError, match=f"at most {MAX_LANES} lanes"):
        doc.add_lane(Lane("one-too-many", "One too many"))
    assert len(doc.lanes) == MAX_LANES
    assert len(reads_back(doc, tmp_path / "lanes.yaml").lanes) == MAX_LANES


def test_a_shape_beyond_the_limit_is_refused_and_the_last_allowed_one_reads_back(
        tmp_path: Path) -> None:
    doc = doc_with(nodes=MAX_NODES)
    with pytest.raises(ModelError, match=f"at most {MAX_NODES:,} shapes"):
        doc.add_node(stage(MAX_NODES))
    assert len(reads_back(doc, tmp_path / "nodes.yaml").nodes) == MAX_NODES


def test_an_arrow_beyond_the_limit_is_refused_and_the_last_allowed_one_reads_back(
        tmp_path: Path) -> None:
    """Arrows spread so that no shape reaches the fan-out limit first."""
    nodes = MAX_EDGES // (MAX_FAN // 2) + 1
    doc = doc_with(nodes=nodes)
    count = 0
    for i in range(nodes):
        for step in range(1, MAX_FAN // 2 + 1):
            if count == MAX_EDGES:
                break
            count += 1
            doc.add_edge(Edge(f"e{count}", f"s{i}", f"s{(i + step) % nodes}"))
    assert len(doc.edges) == MAX_EDGES
    assert connect_refusal(doc, "s0", f"s{nodes // 2}") == \
        f"a process can have at most {MAX_EDGES:,} arrows"
    with pytest.raises(ModelError, match=f"at most {MAX_EDGES:,} arrows"):
        doc.connect("s0", f"s{nodes // 2}")
    assert len(reads_back(doc, tmp_path / "edges.yaml").edges) == MAX_EDGES


@pytest.mark.parametrize("direction", ["out", "in"])
def test_arrows_beyond_the_fan_limit_of_one_shape_are_refused(tmp_path: Path,
                                                              direction: str) -> None:
    doc = doc_with(nodes=MAX_FAN + 2)
    hub = "s0"
    for i in range(1, MAX_FAN + 1):
        ends = (hub, f"s{i}") if direction == "out" else (f"s{i}", hub)
        doc.connect(*ends)
    extra = (hub, f"s{MAX_FAN + 1}") if direction == "out" else (f"s{MAX_FAN + 1}", hub)
    word = "leave" if direction == "out" else "lead into"
    assert connect_refusal(doc, *extra) == f"at most {MAX_FAN} arrows can {word} one shape"
    with pytest.raises(ModelError, match=f"at most {MAX_FAN} arrows can {word} one shape"):
        doc.connect(*extra)
    reads_back(doc, tmp_path / "fan.yaml")


def test_re_attaching_an_arrow_of_a_full_shape_to_another_end_is_allowed() -> None:
    """The arrow being moved does not count against the shape it already leaves."""
    doc = doc_with(nodes=MAX_FAN + 2)
    for i in range(1, MAX_FAN + 1):
        doc.connect("s0", f"s{i}", edge_id=f"e{i}")
    doc.update_edge("e1", target=f"s{MAX_FAN + 1}")
    assert doc.edges["e1"].target == f"s{MAX_FAN + 1}"
    doc.update_edge("e2", label="Yes")
    doc.connect(f"s{MAX_FAN}", "s1")
    with pytest.raises(ModelError, match="can leave one shape"):
        doc.update_edge(f"e{len(doc.edges)}", source="s0")


def test_a_file_with_a_shape_beyond_the_fan_limit_is_refused_at_its_arrow(tmp_path: Path) -> None:
    lines = ["flowedit: 1", "nodes:"]
    lines += [f"- {{id: s{i}, kind: stage, name: S, x: 0, y: 0}}" for i in range(MAX_FAN + 2)]
    lines += ["edges:"] + [f"- {{from: s0, to: s{i}}}" for i in range(1, MAX_FAN + 2)]
    path = tmp_path / "fan.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(flowfile.FlowFileError, match=f"at most {MAX_FAN} arrows can leave") as err:
        load_document(path)
    assert err.value.line == len(lines)


def test_a_document_whose_file_would_be_too_big_is_not_saved(tmp_path: Path) -> None:
    """Every text may be 10,000 characters: enough long descriptions pass the file size limit.
    The save is refused with the reason, and the old file stays as it was."""
    doc = doc_with()
    for i in range(MAX_FILE_BYTES // MAX_TEXT_LENGTH + 1):
        doc.add_node(stage(i, description="d" * MAX_TEXT_LENGTH))
    path = tmp_path / "big.yaml"
    path.write_bytes(b"old")
    with pytest.raises(FlowSaveError, match="limited to 20 MiB") as caught:
        save_document(doc, path)
    assert "could not be opened again" in caught.value.reason
    assert path.read_bytes() == b"old"
    for i in range(20):  # each about 10 kB: now the file fits
        doc.remove_node(f"s{i}")
    assert len(reads_back(doc, path).nodes) == MAX_FILE_BYTES // MAX_TEXT_LENGTH + 1 - 20


def test_a_document_with_more_values_than_a_file_may_hold_is_not_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer counts values as the reader does: at the limit it saves, one more it refuses."""
    doc = doc_with(nodes=10)
    path = tmp_path / "values.yaml"
    save_document(doc, path)
    counted = flowfile._value_count(doc)
    monkeypatch.setattr(yaml_tree, "MAX_VALUES", counted)
    monkeypatch.setattr(flowfile, "MAX_VALUES", counted)
    assert load_document(path) == doc
    doc.update_node("s0", owner="Someone")  # two more values: a key and its text
    with pytest.raises(FlowSaveError, match=f"at most {counted:,}"):
        save_document(doc, path)
    monkeypatch.setattr(yaml_tree, "MAX_VALUES", counted + 2)
    monkeypatch.setattr(flowfile, "MAX_VALUES", counted + 2)
    assert reads_back(doc, path) == doc


def test_every_value_at_its_limit_reads_back(tmp_path: Path) -> None:
    """The longest texts and ids, the farthest coordinates, the largest sizes and durations."""
    from flowedit.model.elements import (
        MAX_COORDINATE,
        MAX_DURATION_DAYS,
        MAX_ID_LENGTH,
        MAX_SIZE,
        MIN_SIZE,
    )

    long_text = "ü" * MAX_TEXT_LENGTH
    doc = Document(long_text)
    doc.add_lane(Lane("l" * MAX_ID_LENGTH, long_text, height=MAX_SIZE * 10))
    doc.add_lane(Lane("thin", "Thin", height=MIN_SIZE))
    doc.add_node(Node("n" * MAX_ID_LENGTH, NodeKind.STAGE, long_text, x=MAX_COORDINATE,
                      y=-MAX_COORDINATE, lane="l" * MAX_ID_LENGTH, owner=long_text,
                      description=long_text[:5000] + "\n" + long_text[:4999], width=MAX_SIZE,
                      height=MIN_SIZE, duration_days=MAX_DURATION_DAYS))
    doc.add_node(Node("end", NodeKind.END, "", x=-MAX_COORDINATE, y=MAX_COORDINATE,
                      duration_days=0))
    doc.add_edge(Edge("e" * MAX_ID_LENGTH, "n" * MAX_ID_LENGTH, "end", long_text, 1.0))
    reads_back(doc, tmp_path / "extremes.yaml")
