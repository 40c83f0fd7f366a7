"""The fast reader (io/fast_reader.py) reads what the full reader reads, or leaves the file to it.

Whatever text it is given, the fast reader either gives up or gives exactly the document the full
reader gives, down to the document's own indexes; so a file opens the same, with the same message
when it is refused, whichever of the two read it. Random documents are written by flowedit, then
edited the way people edit files (other indentation, comments, CRLF, quotes) or damaged (lines
deleted, duplicated or indented, tabs, tags, aliases, values replaced).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowedit.io import (
    FlowFileError,
    dumps_document,
    fast_reader,
    flowfile,
    load_document,
    loads_document,
)
from flowedit.model import Document, Edge, Lane, Measured, Node, NodeKind, Outcome, rules
from flowedit.model.elements import MAX_COORDINATE, MAX_DURATION_DAYS, MAX_SIZE, MIN_SIZE, Colour
from flowedit.model.generate import generate_process

#: Words YAML reads as something other than text, and text that needs quotes or care.
TRICKY = ["1e3", "yes", "No", "on", "OFF", "true", "null", "Null", "~", "", "0x10", "0o17", "012",
          ".5", "1_000", "+1", "-0", "1.", "2024-01-01", "2024-1-1 10:00", "12:30", "=", "<<",
          " leading", "trailing ", "a: b", "a:b", "a #b", "a#b", "#x", "- x", "-x", "?x", ": c",
          "'q'", '"dq"', "it's", "[x]", "{y}", "&a", "*a", "!t", "|", ">", "%p", "@a", "`b",
          "潜在客户", "客户: 成交", "Ünïcödé", "🤝 deal", "\u00a0nbsp", "a  b", "x\\y", "tab\there",
          "two\nlines", "end\n", "\u2028", "\x85", ",", "a,b", "- ", "---", "..."]
texts = st.sampled_from(TRICKY) | st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
#: Text on one line without escapes: what the fast reader itself takes, so that damage to a file
#: made of it often leaves something the fast reader still reads.
one_line = st.sampled_from([text for text in TRICKY if text.isprintable()]) | st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), max_size=12)
ids = st.sampled_from(["s1", "yes", "null", "2024-01-01", "1e3", "0x10", "10", "on", "n", "y",
                       "_x", ".5", "-1", "a.b", "won", "Stage-1"]) | st.from_regex(
    r"[A-Za-z0-9_.\-]{1,8}", fullmatch=True)


def numbers(low: float, high: float) -> st.SearchStrategy[float]:
    return st.integers(int(low), int(high)).map(float) | st.floats(
        low, high, allow_nan=False, allow_infinity=False) | st.sampled_from(
        [low, high, 0.5 if low <= 0.5 <= high else low])


bends = st.just(()) | st.lists(st.tuples(numbers(-MAX_COORDINATE, MAX_COORDINATE),
                                         numbers(-MAX_COORDINATE, MAX_COORDINATE)),
                               max_size=3).map(tuple)


def measures(texts: st.SearchStrategy[str]) -> st.SearchStrategy[Measured]:
    days = st.dates().map(date.isoformat)
    return st.builds(lambda n, source, a, b: Measured(n, source, min(a, b), max(a, b)),
                     st.integers(0, 10**6), texts, days, days)


@st.composite
def documents(draw: st.DrawFn, texts: st.SearchStrategy[str] = texts) -> Document:
    """A document built through the model API: something flowedit may write."""
    doc = Document(draw(texts))
    for lane_id in draw(st.lists(ids, max_size=3, unique=True)):
        doc.add_lane(Lane(lane_id, draw(texts), draw(numbers(MIN_SIZE, MAX_SIZE * 10)),
                          draw(st.none() | st.sampled_from(Colour))))
    lane_ids = [None, *(lane.id for lane in doc.lanes)]
    for node_id in draw(st.lists(ids, min_size=1, max_size=6, unique=True)):
        kind = draw(st.sampled_from(NodeKind))
        outcome = (draw(st.none() | st.sampled_from(Outcome))
                   if kind in (NodeKind.END, NodeKind.STAGE) else None)
        optional = draw(st.booleans())
        doc.add_node(Node(
            node_id, kind, draw(texts), x=draw(numbers(-MAX_COORDINATE, MAX_COORDINATE)),
            y=draw(numbers(-MAX_COORDINATE, MAX_COORDINATE)), lane=draw(st.sampled_from(lane_ids)),
            owner=draw(st.none() | texts) if optional else None,
            description=draw(st.none() | texts) if optional else None,
            duration_days=draw(st.none() | numbers(0.0, MAX_DURATION_DAYS)),
            outcome=outcome,
            width=draw(st.none() | numbers(MIN_SIZE, MAX_SIZE)) if optional else None,
            height=draw(st.none() | numbers(MIN_SIZE, MAX_SIZE)) if optional else None,
            color=draw(st.none() | st.sampled_from(Colour)),
            bold=draw(st.none() | st.booleans()),
            exit=draw(st.none() | texts.filter(bool)) if kind is NodeKind.END else None,
            own_figures=draw(st.none() | st.booleans()) if kind is NodeKind.STAGE else None,
            crm_stage=(draw(st.none() | texts.filter(str.strip))
                       if kind in (NodeKind.STAGE, NodeKind.END) else None),
            value=(draw(st.none() | numbers(0.0, 1e15)) if outcome is Outcome.WON else None),
            measured=draw(st.none() | measures(texts)) if kind is NodeKind.STAGE else None))
    node_ids = list(doc.nodes)
    for edge_id in draw(st.lists(ids, max_size=8, unique=True)):
        source, target = draw(st.sampled_from(node_ids)), draw(st.sampled_from(node_ids))
        if rules.structural_refusal(doc, source, target) is None:
            doc.add_edge(Edge(edge_id, source, target, draw(st.none() | texts),
                              draw(st.none() | numbers(0.0, 1.0)), draw(bends),
                              draw(st.none() | numbers(0.0, 1.0)),
                              draw(st.none() | measures(texts))))
    return doc


@contextlib.contextmanager
def full_reader_only() -> Iterator[None]:
    with mock.patch.object(fast_reader, "read", return_value=None):
        yield


def outcome(text: str) -> Document | str:
    """What loads_document gives: the document, or the message it refuses the text with."""
    try:
        return loads_document(text, "process.yaml")
    except FlowFileError as error:
        return str(error)


def state(doc: Document) -> dict[str, object]:
    """Everything a document holds, its indexes and counters included."""
    return {key: value for key, value in vars(doc).items() if key != "_listeners"}


def assert_same_as_full_reader(text: str) -> Document | None:
    """The fast reader gives up, or gives what the full reader gives; both loads agree."""
    fast = fast_reader.read(text)
    with full_reader_only():
        full = outcome(text)
    if fast is not None:
        assert isinstance(full, Document), full
        assert fast == full
        assert state(fast) == state(full)
    assert outcome(text) == full
    return fast


def test_a_generated_process_is_read_by_the_fast_reader_as_the_full_reader_reads_it() -> None:
    text = dumps_document(generate_process(300))
    assert assert_same_as_full_reader(text) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents() | documents(one_line))
def test_what_flowedit_writes_reads_the_same(doc: Document) -> None:
    text = dumps_document(doc)
    read = assert_same_as_full_reader(text)
    if read is not None:
        assert read == doc


def test_the_fast_reader_takes_files_flowedit_writes_with_awkward_text() -> None:
    """Quotes, colons, '#', unicode and words YAML reads as numbers, booleans or dates stay text
    and do not send the file to the slow reader."""
    doc = Document("Pipeline: 2024 #1")
    doc.add_lane(Lane("yes", "潜在客户 & 'leads'"))
    for number, name in enumerate(["1e3", "yes", "null", "~", "0x10", "a: b", "it's",
                                   "2024-01-01", " leading", "客户: 成交", "🤝 deal", "#x"]):
        doc.add_node(Node(f"n{number}", NodeKind.STAGE, name, x=number * 10.5, y=-3,
                          lane="yes", owner=name, duration_days=0.25))
    doc.add_edge(Edge("e1", "n0", "n1", "No", 0.4, (), 0.5))
    doc.add_edge(Edge("2024-01-01", "n1", "n2", "on"))
    text = dumps_document(doc)
    assert assert_same_as_full_reader(text) == doc


@pytest.mark.parametrize("value", [
    "1_000", ".5", "+1", "0o17", "012", "0x10", "1e3", "1.5e+3", "1.5E-3", "-0", "-0.0", "1.",
    "0.1", "-12", "1000000", "1000001", "1e400", "1.0e+400", ".inf", ".nan", "'5'", '"5"', "~",
    "null", "yes", "", "5 # five", "5  ", "2024-01-01", "1:30", "0b101", "00.5", "9" * 30])
@pytest.mark.parametrize("key", ["x", "duration_days", "width"])
def test_numbers_read_as_the_full_reader_reads_them(key: str, value: str) -> None:
    text = "flowedit: 1\nnodes:\n- id: a\n  kind: stage\n  name: A\n  y: 2\n"
    text += f"  {key}: {value}\n" + ("  x: 1\n" if key != "x" else "")
    assert_same_as_full_reader(text)


@pytest.mark.parametrize("value", [
    "yes", "Yes", "no", "NO", "on", "Off", "true", "False", "y", "n", "~", "null", "", "'true'",
    "1", "maybe"])
def test_flags_read_as_the_full_reader_reads_them(value: str) -> None:
    text = ("flowedit: 1\nnodes:\n- id: a\n  kind: stage\n  name: A\n  x: 1\n  y: 2\n"
            f"  bold: {value}\n")
    assert_same_as_full_reader(text)


@pytest.mark.parametrize("value", [
    "s1", "yes", "null", "~", "", "10", "1e3", "0x10", "2024-01-01", "'10'", '"yes"', "a b",
    "a:b", "-a", ".5", "_a", "x" * 101, "'it''s'", "n", "on", "<<", "="])
def test_ids_read_as_the_full_reader_reads_them(value: str) -> None:
    text = (f"flowedit: 1\nnodes:\n- id: {value}\n  kind: stage\n  name: A\n  x: 1\n  y: 2\n"
            f"- id: b\n  kind: end\n  name: B\n  x: 1\n  y: 2\nedges:\n- from: {value}\n  to: b\n")
    assert_same_as_full_reader(text)


#: Edits people make that the fast reader takes (it reads the file) or leaves (the full reader
#: does); either way the document is the same.
TAKEN = [
    ("indented lists", lambda text: text.replace("\n- ", "\n  - ").replace("\n  ", "\n    ")
     .replace("\n    - ", "\n  - ")),
    ("comments", lambda text: "# a process\n" + text.replace("\nnodes:\n", "\nnodes: # all\n\n")
     .replace("\n  x:", "  # here\n  x:")),
    ("CRLF", lambda text: text.replace("\n", "\r\n")),
    ("BOM", lambda text: "\ufeff" + text),
    ("no final line break", lambda text: text.rstrip("\n")),
    ("trailing spaces", lambda text: text.replace("\n", "  \n")),
    ("double-quoted", lambda text: text.replace("name: Stage 1\n", 'name: "Stage 1"\n')),
    ("quoted keys", lambda text: text.replace("\n  kind:", "\n  'kind':")),
    ("flow mapping", lambda text: text.replace("- id: e1\n  from: start\n  to: s1\n",
                                               "- {id: e1, from: start, to: s1}\n")),
    ("wider items", lambda text: text.replace("\n  ", "\n    ").replace("\n- ", "\n-   ")),
    ("wrapped name", lambda text: text.replace("name: Lead received", "name: Lead\n    received")),
    ("block text", lambda text: text.replace("name: Lead received", "name: |-\n    Lead received")),
    ("quoted over lines", lambda text: text.replace("name: Lead received",
                                                    "name: 'Lead\n\n    # received'")),
    ("plain over lines", lambda text: text.replace("name: Lead received",
                                                   "name: Lead\n\n    received")),
    ("blank lines", lambda text: "\n# about\n\n" + text.replace("\nnodes:\n", "\n\nnodes:\n\n")),
    ("routes", lambda text: text + "# walks\nroutes:\n- name: Main\n  choices:\n"
     "  - {at: d4, take: 'No'}\n"),
    ("text tag", lambda text: text.replace("kind: start", "kind: !!str start")),
]
LEFT = [
    ("flow list", lambda text: re.sub(
        r"lanes:\n(?:[- ] [^\n]*\n)+", "lanes: [{id: sdr, name: SDR, height: 300}, {id: ae, "
        "name: Account Executive, height: 300}, {id: legal, name: Finance & Legal, height: 300}, "
        "{id: cs, name: Customer Success, height: 300}]\n", text)),
    ("document start", lambda text: "---\n" + text),
    ("wrapped title", lambda text: text.replace("title: Generated process", "title: Generated\n"
                                                "  process")),
]


@pytest.mark.parametrize("name, edit", TAKEN + LEFT, ids=[name for name, _edit in TAKEN + LEFT])
def test_hand_edited_files_read_the_same(name: str, edit: object) -> None:
    doc = generate_process(12)
    text = edit(dumps_document(doc))  # type: ignore[operator]
    assert text != dumps_document(doc)
    read = assert_same_as_full_reader(text)
    if name in dict(TAKEN):
        assert read is not None
        assert read == doc or "over lines" in name or (name == "routes" and read.routes)
    else:
        assert read is None
        assert outcome(text) == doc


@pytest.mark.parametrize("ending", ["", "\n", "\n\n", "\nedges: []\n", "\n\nedges: []"])
@pytest.mark.parametrize("block", ["|", "|-", "|+", ">"])
def test_a_block_of_text_ending_a_list_keeps_its_line_breaks(block: str, ending: str) -> None:
    text = f"flowedit: 1\nnodes:\n- id: a\n  kind: stage\n  name: A\n  x: 1\n  y: 2\n" \
           f"  description: {block}\n    the end" + ending
    assert_same_as_full_reader(text)


@pytest.mark.parametrize("more", ["", "label: Yes", "probability: 0.5", "label_at: 0.5",
                                  "id: e1", "id: e2", "id: e3"])
def test_arrows_without_ids_read_the_same(more: str) -> None:
    """flowedit numbers an arrow written without an id, avoiding the ids the file gives."""
    nodes = "".join(f"- id: {name}\n  kind: stage\n  name: {name}\n  x: 1\n  y: 2\n"
                    for name in "abc")
    edges = "- from: a\n  to: b\n" + (f"  {more}\n" if more else "") + \
            "- from: b\n  to: c\n- id: e2\n  from: a\n  to: c\n"
    read = assert_same_as_full_reader(f"flowedit: 1\nnodes:\n{nodes}edges:\n{edges}")
    assert read is not None or more in ("id: e2",)


def test_a_bom_is_read() -> None:
    doc = generate_process(12)
    assert loads_document(b"\xef\xbb\xbf" + dumps_document(doc).encode()) == doc


DAMAGE = st.sampled_from([
    "delete", "duplicate", "indent", "dedent", "tab", "tag", "alias", "anchor", "value",
    "comment", "blank", "swap", "key", "quote", "colon", "flow", "trailing", "marker", "no id"])
VALUES = st.sampled_from([*TRICKY, "[]", "{}", "[1, 2]", "- a", "|", "|-", ">", "'a", '"a\\"',
                          "!!int 5", "&a x", "*a", "'a'b"])


ROOT = Path(__file__).resolve().parents[2]
#: Files people wrote by hand: comments between items and keys, routes, flow style, blocks.
HAND_WRITTEN = sorted((ROOT / "samples").glob("*.yaml"))


@pytest.mark.parametrize("path", HAND_WRITTEN + sorted((ROOT / "flowedit" / "templates").glob(
    "*/*.yaml")), ids=lambda path: f"{path.parent.name}/{path.name}")
def test_samples_and_templates_read_the_same(path: Path) -> None:
    read = assert_same_as_full_reader(path.read_text(encoding="utf-8"))
    assert read is not None or "process:" in path.read_text(encoding="utf-8")


@st.composite
def damaged(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)) == 0:
        text = draw(st.sampled_from(HAND_WRITTEN)).read_text(encoding="utf-8")
    else:
        text = dumps_document(draw(documents(one_line)))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        damage = draw(DAMAGE)
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        key, colon, value = line.partition(": ")
        if damage == "delete":
            del lines[at]
        elif damage == "duplicate":
            lines.insert(at, line)
        elif damage == "indent":
            lines[at] = " " * draw(st.integers(1, 4)) + line
        elif damage == "dedent":
            lines[at] = line[draw(st.integers(1, 2)):]
        elif damage == "tab":
            lines[at] = "\t" + line if draw(st.booleans()) else line.replace(" ", "\t", 1)
        elif damage in ("tag", "alias", "anchor", "value", "quote", "flow") and colon:
            new = {"tag": "!!str " + value, "alias": "*a", "anchor": "&a " + value,
                   "quote": "'" + value, "flow": "{" + value + "}"}.get(damage)
            lines[at] = key + colon + (new if new is not None else draw(VALUES))
        elif damage == "comment":
            lines.insert(at, " " * draw(st.integers(0, 4)) + "# note")
        elif damage == "blank":
            lines.insert(at, " " * draw(st.integers(0, 4)))
        elif damage == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], line
        elif damage == "key" and colon:
            other = draw(st.sampled_from(["x", "id", "name", "Id", ""]))
            lines[at] = key[:-1] + other + colon + value
        elif damage == "colon":
            lines[at] = line + draw(st.sampled_from([":", ": x", " #", " # c", "#c"]))
        elif damage == "trailing":
            lines[at] = line + " " * draw(st.integers(1, 3))
        elif damage == "no id" and line.startswith("- id: ") and at + 1 < len(lines):
            lines[at] = "- " + lines[at + 1].lstrip(" ")
            del lines[at + 1]
        elif damage == "marker":
            lines.insert(at, draw(st.sampled_from(["---", "...", "%YAML 1.1", "- x", "-"])))
    separator = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return separator.join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_files_read_the_same_or_fail_with_the_same_message(text: str) -> None:
    assert_same_as_full_reader(text)


def test_the_fast_reader_gives_up_on_what_it_does_not_take() -> None:
    """Each of these goes to the full reader (which reads some of them and refuses others)."""
    base = dumps_document(generate_process(8))
    for text in (
        base.replace("flowedit: 1", "flowedit: 2"),
        base.replace("  x: 140\n", "  x: 140\n  x: 150\n", 1),
        base.replace("kind: stage", "kind: !!bool stage", 1),
        base.replace("name: Stage 1", "name: &a Stage 1").replace("name: Stage 2", "name: *a"),
        base.replace("  duration_days: 2\n", "  duration_days: 2\n  process:\n    nodes: []\n", 1),
        "# about\n" + base.replace("\nnodes:", "\n# the shapes\nnodes: # here", 1).replace(
            "\n  kind: stage", "\n# inside\n  kind: stage", 1),
        base.replace("\n  y: 85\n", "\n  y: 85\n  subprocess: other.yaml\n", 1),
        base.replace("lane: sdr", "lane: nowhere", 1),
        base.replace("name: Stage 1", "name: Stage\n one"),
        base.replace("  x: 140\n", "  x: !!float 140\n", 1),
        base.replace("  x: 140\n", "  x: [140]\n", 1),
        base.replace("- id: e1\n", "- id: e1\n  points: [[1, 2, 3]]\n", 1),
        base.replace("\n  x:", "\n\tx:", 1),
    ):
        assert fast_reader.read(text) is None
        assert_same_as_full_reader(text)


def test_a_big_file_reads_without_the_full_reader() -> None:
    """Counted, not timed: the full reader's parser is never asked."""
    text = dumps_document(generate_process(2000))
    with mock.patch.object(flowfile, "parse", side_effect=AssertionError("full reader used")):
        doc = loads_document(text)
    assert len(doc.nodes) == 2000


def _stage_linking(link: str) -> str:
    return ("flowedit: 1\nnodes:\n- id: start\n  kind: start\n  name: Go\n  x: 0\n  y: 0\n"
            f"- id: part\n  kind: stage\n  name: Part\n  x: 200\n  y: 0\n  subprocess: {link}\n"
            "edges:\n- id: e1\n  from: start\n  to: part\n")


def _load_both(path: Path) -> tuple[Document | str, Document | str]:
    def load() -> Document | str:
        try:
            return load_document(path)
        except FlowFileError as error:
            return str(error)

    with full_reader_only():
        full = load()
    return load(), full


def test_linked_sub_process_files_read_the_same(tmp_path: Path) -> None:
    (tmp_path / "parts").mkdir()
    (tmp_path / "main.yaml").write_text(_stage_linking("parts/inner.yaml"))
    (tmp_path / "parts" / "inner.yaml").write_text(dumps_document(generate_process(6)))
    with mock.patch.object(flowfile, "parse", side_effect=AssertionError("full reader used")):
        fast = load_document(tmp_path / "main.yaml")
    fast_again, full = _load_both(tmp_path / "main.yaml")
    assert isinstance(full, Document)
    assert fast == fast_again == full
    assert fast.linked == full.linked and fast.linked["part"] == generate_process(6)
    assert fast.link_problems == full.link_problems == {}


def test_a_loop_of_linked_files_is_refused_at_the_link_s_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_stage_linking("b.yaml"))
    (tmp_path / "b.yaml").write_text(_stage_linking("a.yaml"))
    fast, full = _load_both(tmp_path / "a.yaml")
    assert isinstance(full, str) and "b.yaml:13:15:" in full, full
    assert fast == full


def test_a_missing_linked_file_is_a_problem_the_checks_report(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(_stage_linking("gone.yaml"))
    fast, full = _load_both(tmp_path / "a.yaml")
    assert isinstance(fast, Document) and isinstance(full, Document)
    assert fast.link_problems == full.link_problems and "part" in fast.link_problems
