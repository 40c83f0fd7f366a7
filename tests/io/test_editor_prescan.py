"""The editor refuses a file over its size limits by counting the file's lines before parsing it
(issue 13: a 50,000-stage file was refused only after a minute of reading), with the message the
parsed count gives. The count never exceeds what the reader finds, so no file that fits is
refused by it."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowedit.io import FlowFileError, dumps_document, flowfile, load_document, load_for_editor
from flowedit.model import limits
from flowedit.model.generate import generate_process

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", sorted((ROOT / "samples").glob("*.yaml")), ids=lambda p: p.name)
def test_the_count_of_a_sample_is_what_the_reader_finds_at_its_top_level(path: Path) -> None:
    doc = load_document(path)
    assert flowfile._block_counts(path.read_bytes()) == (len(doc.nodes), len(doc.edges))


def test_the_count_of_a_written_process_is_exact() -> None:
    doc = generate_process(300)
    text = dumps_document(doc).encode("utf-8")
    assert flowfile._block_counts(text) == (300, len(doc.edges))


def test_flow_style_lists_are_left_to_the_reader() -> None:
    text = b"flowedit: 1\nnodes: [{id: a, kind: start, name: A, x: 0, y: 0}]\n"
    assert flowfile._block_counts(text) is None


def test_a_file_over_the_limit_is_refused_before_it_is_parsed(tmp_path, monkeypatch) -> None:
    path = tmp_path / "big.yaml"
    doc = generate_process(60)
    path.write_text(dumps_document(doc), encoding="utf-8")
    monkeypatch.setattr(limits, "EDITOR_MAX_NODES", 50)
    block_counts = flowfile._block_counts
    monkeypatch.setattr(flowfile, "_block_counts", lambda data: None)  # no count first
    with pytest.raises(FlowFileError) as parsed:  # the message once the file is read
        load_for_editor(path)
    monkeypatch.setattr(flowfile, "_block_counts", block_counts)
    parses: list[int] = []
    parse = flowfile.parse
    monkeypatch.setattr(flowfile, "parse", lambda text: parses.append(1) or parse(text))
    with pytest.raises(FlowFileError) as counted:
        load_for_editor(path)
    assert parses == []
    assert str(counted.value) == str(parsed.value)
    assert "the process has 60 shapes" in str(counted.value)
