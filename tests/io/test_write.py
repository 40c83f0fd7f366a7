"""Writing a process file: lossless, the same bytes for the same document, readable by people,
and atomic: a save that fails leaves the previous file exactly as it was.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
import yaml

from flowedit.io import FlowSaveError, dumps_document, load_document, loads_document, save_document
from flowedit.model import Document, Edge, Lane, Node, NodeKind, Outcome

START, STAGE, DECISION, END = NodeKind.START, NodeKind.STAGE, NodeKind.DECISION, NodeKind.END


def full_document() -> Document:
    """A process using every field the format has, some left unset."""
    doc = Document("B2B sales – EMEA")
    doc.add_lane(Lane("sdr", "SDR"))
    doc.add_lane(Lane("ae", "Account Executive", height=255.5))
    doc.add_node(Node("lead", START, "Lead received", x=140, y=90, lane="sdr"))
    doc.add_node(Node("call", STAGE, "Discovery call", x=340.25, y=-90.5, lane="ae",
                      owner="Account Executive", description="Find the pain.\nAsk about budget.\n",
                      duration_days=2.5, width=180, height=80.5))
    doc.add_node(Node("go", DECISION, "Qualified?", x=540, y=90, lane="ae"))
    doc.add_node(Node("won", END, "Deal won", x=740, y=90, outcome=Outcome.WON))
    doc.add_node(Node("lost", END, "Deal lost", x=740, y=300, outcome=Outcome.LOST))
    doc.add_node(Node("limbo", END, "Parked", x=1e-3, y=999_999.5))
    doc.add_edge(Edge("e1", "lead", "call"))
    doc.add_edge(Edge("again", "call", "call", label="Follow up"))
    doc.add_edge(Edge("e2", "call", "go", probability=1))
    doc.add_edge(Edge("yes", "go", "won", label="Yes", probability=0.35))
    doc.add_edge(Edge("no", "go", "lost", label="No", probability=0.65))
    doc.add_edge(Edge("maybe", "go", "limbo", label="", probability=0.0))
    return doc


UNICODE = {
    "chinese": "潜在客户跟进（第二轮）",
    "indonesian": "Tindak lanjut prospek — kirim penawaran harga",
    "emoji": "Deal closed 🎉🤝 👩🏽‍💼",
    "arabic": "عميل محتمل جديد",
    "hebrew": "לקוח חדש (שלב 2)",
    "html": "<script>alert('x')</script> & <b>bold</b>",
    "quotes": """He said "yes", she said 'no' and \\ said nothing""",
    "newlines": "first line\nsecond line\n\nfourth line",
    "yaml-looking": "- item: [a, b] # not a comment {c}",
    "bool-looking": "Yes",
    "null-looking": "~",
    "number-looking": "0.40",
    "leading space": "  indented",
    "trailing space": "trailing  ",
    "tab": "a\tb",
    "carriage return": "line\r\nline",
    "control": "bell\x07 and escape\x1b",
    "zero width": "zero\u200bwidth\ufeff",
    "line separator": "a\u2028b\u2029c\x85d",
}


# ---------------------------------------------------------------------------------- lossless
def test_load_save_load_gives_an_equal_document(tmp_path: Path) -> None:
    path = tmp_path / "process.yaml"
    save_document(full_document(), path)
    loaded = load_document(path)
    assert loaded == full_document()
    save_document(loaded, tmp_path / "again.yaml")
    assert load_document(tmp_path / "again.yaml") == full_document()


def test_every_field_survives_a_round_trip() -> None:
    doc = loads_document(dumps_document(full_document()))
    call = doc.nodes["call"]
    assert (call.owner, call.description, call.duration_days) == (
        "Account Executive", "Find the pain.\nAsk about budget.\n", 2.5)
    assert (call.width, call.height, call.x, call.y) == (180, 80.5, 340.25, -90.5)
    assert doc.nodes["won"].outcome is Outcome.WON and doc.nodes["won"].lane is None
    assert doc.lane("ae").height == 255.5
    assert doc.edges["maybe"].label == "" and doc.edges["maybe"].probability == 0
    assert doc.edges["e1"].label is None and doc.edges["e1"].probability is None
    assert doc.edges["again"].source == doc.edges["again"].target == "call"


def test_an_empty_document_round_trips() -> None:
    for doc in (Document(), Document("")):
        assert loads_document(dumps_document(doc)) == doc


@pytest.mark.parametrize("text", UNICODE.values(), ids=UNICODE.keys())
def test_any_text_survives_in_every_text_field(text: str) -> None:
    doc = Document(text)
    doc.add_lane(Lane("l", text))
    doc.add_node(Node("a", STAGE, text, lane="l", owner=text, description=text))
    doc.add_node(Node("b", END, text))
    doc.add_edge(Edge("e", "a", "b", label=text))
    again = loads_document(dumps_document(doc).encode("utf-8"))
    assert again == doc
    assert again.nodes["a"].description == text


# Emoji (outside the Basic Multilingual Plane) survive, but libyaml writes them as \U escapes.
@pytest.mark.parametrize("key", ["chinese", "indonesian", "arabic", "hebrew"])
def test_unicode_is_written_as_itself_not_escaped(key: str) -> None:
    text = UNICODE[key]
    written = dumps_document(Document(text))
    assert text in written
    assert "\\u" not in written and "\\U" not in written


def test_emoji_are_written_as_themselves() -> None:
    assert UNICODE["emoji"] in dumps_document(Document(UNICODE["emoji"]))


def test_markup_is_written_as_text() -> None:
    written = dumps_document(Document(UNICODE["html"]))
    assert yaml.safe_load(written)["title"] == UNICODE["html"]


def test_labels_that_yaml_would_read_as_other_things_are_quoted() -> None:
    doc = Document()
    doc.add_node(Node("a", DECISION, "A?"))
    doc.add_node(Node("b", END, "B"))
    for index, label in enumerate(["Yes", "No", "on", "null", "1", "0.5", "2024-01-31", ""]):
        doc.add_edge(Edge(f"e{index}", "a", "b", label=label))
    # Any YAML tool, not only flowedit, must read the labels back as the same text.
    data = yaml.safe_load(dumps_document(doc))
    assert [edge["label"] for edge in data["edges"]] == [e.label for e in doc.edges.values()]


def test_ids_that_look_like_numbers_are_written_quoted() -> None:
    doc = Document()
    doc.add_lane(Lane("1", "One"))
    doc.add_node(Node("2", START, "Two", lane="1"))
    doc.add_node(Node("yes", END, "Three"))
    doc.add_edge(Edge("3.0", "2", "yes"))
    assert loads_document(dumps_document(doc)) == doc


# ---------------------------------------------------------------------------------- stable
def test_the_same_document_always_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    save_document(full_document(), first)
    save_document(full_document(), second)
    assert first.read_bytes() == second.read_bytes()
    save_document(load_document(first), first)
    assert first.read_bytes() == second.read_bytes()


def test_saving_a_loaded_file_written_by_hand_keeps_its_content(tmp_path: Path) -> None:
    path = tmp_path / "hand.yaml"
    path.write_text("flowedit: 1\nnodes:\n  - {id: a, kind: start, name: A, x: 1.50, y: 0x10}\n"
                    "  - {id: b, kind: end, name: B, x: 0, y: 0}\nedges:\n  - {from: a, to: b}\n")
    doc = load_document(path)
    save_document(doc, path)
    assert load_document(path) == doc
    assert load_document(path).nodes["a"].y == 16


def test_whole_numbers_are_written_without_a_fraction() -> None:
    written = dumps_document(full_document())
    assert "\n  x: 140\n" in written
    assert "\n  x: 340.25\n" in written
    assert "probability: 1\n" in written
    assert "height: 180\n" in written


def test_a_multi_line_description_is_a_literal_block() -> None:
    written = dumps_document(full_document())
    block = "\n  description: |\n    Find the pain.\n    Ask about budget.\n  duration_days: "
    assert block in written


def test_a_description_without_final_newline_keeps_that() -> None:
    doc = Document()
    doc.add_node(Node("a", STAGE, "A", description="one\ntwo"))
    written = dumps_document(doc)
    assert "description: |-\n" in written
    assert loads_document(written).nodes["a"].description == "one\ntwo"


def test_a_one_line_text_is_written_on_its_line() -> None:
    written = dumps_document(full_document())
    assert "\n  owner: Account Executive\n" in written
    assert "title: B2B sales – EMEA\n" in written


def test_keys_are_written_in_the_documented_order() -> None:
    written = dumps_document(full_document())
    data = yaml.safe_load(written)
    assert list(data) == ["flowedit", "title", "lanes", "nodes", "edges"]
    assert written.startswith("flowedit: 1\ntitle: ")
    assert list(data["lanes"][1]) == ["id", "name", "height"]
    assert list(data["nodes"][1]) == ["id", "kind", "name", "lane", "x", "y", "width", "height",
                                      "owner", "description", "duration_days"]
    assert list(data["nodes"][3]) == ["id", "kind", "name", "x", "y", "outcome"]
    assert list(data["edges"][3]) == ["id", "from", "to", "label", "probability"]
    assert list(data["edges"][0]) == ["id", "from", "to"]


def test_lanes_are_left_out_when_there_are_none_but_nodes_and_edges_never_are() -> None:
    data = yaml.safe_load(dumps_document(Document("Empty")))
    assert data == {"flowedit": 1, "title": "Empty", "nodes": [], "edges": []}


def test_order_of_lanes_nodes_and_edges_is_kept() -> None:
    doc = full_document()
    doc.move_lane("ae", 0)
    again = loads_document(dumps_document(doc))
    assert [lane.id for lane in again.lanes] == ["ae", "sdr"]
    assert list(again.nodes) == list(doc.nodes)
    assert list(again.edges) == list(doc.edges)


def test_the_file_is_utf8_with_unix_line_ends_and_no_bom(tmp_path: Path) -> None:
    path = tmp_path / "process.yaml"
    doc = Document(UNICODE["chinese"])
    save_document(doc, path)
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" not in data
    assert UNICODE["chinese"].encode("utf-8") in data
    assert data.endswith(b"\n")


# ---------------------------------------------------------------------------------- atomic
@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A folder holding one saved process, process.yaml."""
    path = tmp_path / "process.yaml"
    save_document(full_document(), path)
    return path


def _fail_with_enospc(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_a_failing_save_keeps_the_old_file_and_leaves_no_temp_file(
        saved: Path, monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    before = saved.read_bytes()
    changed = full_document()
    changed.set_title("Changed")
    monkeypatch.setattr(os, failing, _fail_with_enospc)
    with pytest.raises(FlowSaveError) as caught:
        save_document(changed, saved)
    monkeypatch.undo()
    assert caught.value.path == str(saved)
    assert "disk is full" in str(caught.value)
    assert str(saved) in str(caught.value)
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == ["process.yaml"]


def test_a_failing_first_save_creates_no_file(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "replace", _fail_with_enospc)
    with pytest.raises(FlowSaveError):
        save_document(full_document(), tmp_path / "new.yaml")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_save_replaces_the_whole_file(saved: Path) -> None:
    small = Document("Small")
    save_document(small, saved)
    assert load_document(saved) == small
    assert saved.read_bytes() == dumps_document(small).encode("utf-8")
    assert sorted(p.name for p in saved.parent.iterdir()) == ["process.yaml"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o600, 0o640, 0o664])
def test_a_save_keeps_the_permissions_of_the_file_it_replaces(saved: Path, mode: int) -> None:
    saved.chmod(mode)
    save_document(Document("New"), saved)
    assert stat.S_IMODE(saved.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    old_umask = os.umask(0o022)
    try:
        save_document(Document(), path)
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_saving_into_a_missing_folder_is_a_save_error(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "process.yaml"
    with pytest.raises(FlowSaveError) as caught:
        save_document(full_document(), path)
    assert caught.value.path == str(path)
    assert "folder does not exist" in caught.value.reason
    assert not (tmp_path / "missing").exists()


def test_saving_over_a_folder_is_a_save_error(tmp_path: Path) -> None:
    folder = tmp_path / "process.yaml"
    folder.mkdir()
    with pytest.raises(FlowSaveError, match="folder"):
        save_document(full_document(), folder)
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_saving_below_a_file_is_a_save_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(FlowSaveError):
        save_document(full_document(), blocker / "process.yaml")
    assert blocker.read_text() == "x"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs a POSIX user who cannot write everywhere")
def test_saving_into_a_read_only_folder_is_a_save_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(FlowSaveError, match="permission denied"):
            save_document(full_document(), folder / "process.yaml")
    finally:
        folder.chmod(0o700)
