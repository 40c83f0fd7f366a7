"""Property tests of the file format.

(a) Any document the model accepts is written and read back exactly, byte-stable.
(b) Any damage to a valid file gives a Document or a FlowFileError, never another exception, and
    never takes long.
"""

from __future__ import annotations

import contextlib
import tracemalloc

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowedit.io import FlowFileError, dumps_document, loads_document
from flowedit.model import Document, Edge, Lane, Node, NodeKind, Outcome, rules
from flowedit.model.elements import MAX_COORDINATE, MAX_DURATION_DAYS, MAX_SIZE, MIN_SIZE

ids = st.from_regex(r"[A-Za-z0-9_.\-]{1,12}", fullmatch=True)
texts = st.text(max_size=40) | st.sampled_from(
    ["Yes", "No", "null", "~", "", " ", "0.5", "1e3", "- a", "#x", "a: b", "'", '"', "\n", "a\n",
     "\ta", "潜在客户", "🤝", "عميل", "<script>", "---", "...", "%TAG", "&a", "*a", "!!str"])


def numbers(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False) | st.integers(
        int(low), int(high)).map(float)


coordinates = numbers(-MAX_COORDINATE, MAX_COORDINATE)
sizes = st.none() | numbers(MIN_SIZE, MAX_SIZE)
shares = st.none() | numbers(0.0, 1.0)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A document built through the model API, so everything in it is something it accepts."""
    doc = Document(draw(texts))
    for lane_id in draw(st.lists(ids, max_size=3, unique=True)):
        doc.add_lane(Lane(lane_id, draw(texts), draw(numbers(MIN_SIZE, MAX_SIZE * 10))))
    lane_ids = [None, *(lane.id for lane in doc.lanes)]
    for node_id in draw(st.lists(ids, max_size=6, unique=True)):
        kind = draw(st.sampled_from(NodeKind))
        doc.add_node(Node(
            node_id, kind, draw(texts), x=draw(coordinates), y=draw(coordinates),
            lane=draw(st.sampled_from(lane_ids)),
            owner=draw(st.none() | texts), description=draw(st.none() | texts),
            duration_days=draw(st.none() | numbers(0.0, MAX_DURATION_DAYS)),
            outcome=draw(st.none() | st.sampled_from(Outcome)) if kind is NodeKind.END else None,
            width=draw(sizes), height=draw(sizes)))
    node_ids = list(doc.nodes)
    if node_ids:
        for edge_id in draw(st.lists(ids, max_size=8, unique=True)):
            source = draw(st.sampled_from(node_ids))
            target = draw(st.sampled_from(node_ids))
            if rules.structural_refusal(doc, source, target) is None:
                doc.add_edge(Edge(edge_id, source, target, draw(st.none() | texts),
                                  draw(shares)))
    return doc


@settings(max_examples=250, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_round_trips_exactly_and_byte_stable(doc: Document) -> None:
    written = dumps_document(doc)
    again = loads_document(written.encode("utf-8"))
    assert again == doc
    assert list(again.nodes) == list(doc.nodes)
    assert list(again.edges) == list(doc.edges)
    assert dumps_document(again) == written


VALID = """\
flowedit: 1
title: Fuzzed process
lanes:
  - id: sales
    name: Sales
nodes:
  - id: lead
    kind: start
    name: Lead received
    lane: sales
    x: 140
    y: 90
  - id: ask
    kind: decision
    name: Qualified?
    x: 340.5
    y: 90
    description: |
      Two lines
      of text
  - id: won
    kind: end
    name: Deal won
    x: 540
    y: 90
    outcome: won
edges:
  - id: e1
    from: lead
    to: ask
  - {id: e2, from: ask, to: won, label: "Yes", probability: 0.4}
  - from: lead
    to: won
"""
BASE = VALID.encode("utf-8")

CONSTRUCTS = [b"&a ", b"*a", b"&a [1, 2]", b"!!python/name:os.system", b"!!python/object/apply:"
              b"os.system ['true']", b"{", b"}", b"[", b"]", b"\t", b"\x00", b"\xff", b"\xc3",
              b"---\n", b"...\n", b"%YAML 1.1\n", b"? ", b": ", b"- ", b"#", b"'", b'"', b"|",
              b">", b"\r", b"\n", b"  ", b"<<: ", b"!!binary ", b"!!int ", b"!!bool ", b"!!float ",
              b".nan", b"1e999", b"9" * 5000, b"x" * 100_000, b"[" * 2000, b"{a: " * 500,
              b"\xef\xbb\xbf", "é🤝".encode(), b"flowedit: 2\n", b"id: lead\n"]

TAGS = [b"!!bool ", b"!!int ", b"!!float ", b"!!null ", b"!!str ", b"!!timestamp ", b"! ",
        b"!local ", b"&a ", b"*a ", b"!!python/name:os.system ", b"!!python/object:os.system ",
        b"!!seq ", b"!!map ", b"'", b"[", b"{", b"|\n  ", b">-\n  "]


@st.composite
def damaged(draw: st.DrawFn) -> bytes:
    """The valid file with one to four random kinds of damage."""
    data = BASE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        damage = draw(st.sampled_from(["flip", "truncate", "insert", "delete", "duplicate", "tag",
                                       "tag"]))
        if damage == "flip" and data:
            at = min(at, len(data) - 1)
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif damage == "truncate":
            data = data[:at]
        elif damage == "insert":
            data = data[:at] + draw(st.sampled_from(CONSTRUCTS) | st.binary(max_size=8)) + data[at:]
        elif damage == "tag":  # put a tag, anchor or alias in front of some value
            values = [i + 2 for i in range(len(data)) if data.startswith(b": ", i)] or [at]
            at = draw(st.sampled_from(values))
            data = data[:at] + draw(st.sampled_from(TAGS)) + data[at:]
        elif damage == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 20)):]
        else:
            line_start = data.rfind(b"\n", 0, at) + 1
            line_end = data.find(b"\n", at)
            line = data[line_start:] if line_end < 0 else data[line_start:line_end + 1]
            data = data[:line_start] + line + data[line_start:]
    return data


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_a_damaged_file_reads_or_is_a_file_error(data: bytes) -> None:
    """Only FlowFileError escapes, within the deadline above, and memory stays bounded: a few
    kilobytes of damaged input never cost more than a few megabytes (no alias expansion, no
    runaway structure)."""
    tracemalloc.start()
    try:
        outcome: Document | FlowFileError = loads_document(data, "damaged.yaml")
    except FlowFileError as error:
        outcome = error
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"reading {len(data)} bytes took {peak / 1e6:.1f} MB"
    if isinstance(outcome, FlowFileError):
        assert outcome.path == "damaged.yaml"
        assert str(outcome).startswith("damaged.yaml")
        assert outcome.problem
    else:
        assert isinstance(outcome, Document)
        # Whatever was read is a document the writer can write and read back the same.
        assert loads_document(dumps_document(outcome)) == outcome


@settings(max_examples=100, deadline=2000)
@given(st.text(max_size=300))
def test_any_text_reads_or_is_a_file_error(text: str) -> None:
    with contextlib.suppress(FlowFileError):
        assert isinstance(loads_document(text, "typed.yaml"), Document)


def test_the_base_of_the_damage_is_a_valid_file() -> None:
    doc = loads_document(BASE)
    assert list(doc.nodes) == ["lead", "ask", "won"]
    assert len(doc.edges) == 3
