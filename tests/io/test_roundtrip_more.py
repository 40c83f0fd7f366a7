"""Round trips the other io tests leave out: a shape's and a lane's `color` and a shape's `bold`
on read and on write, arrows written without ids (their fresh ids never clash with written
ones, whatever the order), and Unicode line breaks (U+2028, U+2029, NEL, CR) in every text.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowedit.io import FlowFileError, dumps_document, loads_document
from flowedit.model import Document, Lane, Node, NodeKind
from flowedit.model.elements import Colour

HEAD = "flowedit: 1\ntitle: Colours\n"
COLOURS = [None, *Colour]


# ------------------------------------------------------------------------------ color and bold
def test_color_and_bold_are_read() -> None:
    doc = loads_document(HEAD + """\
lanes:
  - {id: sales, name: Sales, color: teal}
  - {id: ops, name: Ops}
nodes:
  - {id: a, kind: start, name: A, lane: sales, x: 0, y: 90, color: amber, bold: false}
  - {id: b, kind: stage, name: B, lane: sales, x: 200, y: 90, bold: true}
  - {id: c, kind: end, name: C, lane: ops, x: 400, y: 270, color: grey}
  - {id: d, kind: stage, name: D, lane: ops, x: 600, y: 270, color: null, bold: null}
""")
    assert [lane.color for lane in doc.lanes] == [Colour.TEAL, None]
    assert {n.id: (n.color, n.bold) for n in doc.nodes.values()} == {
        "a": (Colour.AMBER, False), "b": (None, True), "c": (Colour.GREY, None),
        "d": (None, None)}


def test_color_and_bold_are_written_only_when_set_and_read_back() -> None:
    doc = Document("Colours")
    doc.add_lane(Lane("sales", "Sales", color=Colour.PURPLE))
    doc.add_lane(Lane("ops", "Ops"))
    doc.add_node(Node("a", NodeKind.STAGE, "A", y=90, lane="sales", color=Colour.RED,
                      bold=False))
    doc.add_node(Node("b", NodeKind.STAGE, "B", y=270, lane="ops"))
    text = dumps_document(doc)
    assert re.search(r"- id: sales\n  name: Sales\n  height: 180\n  color: purple\n", text)
    assert "  color: red\n  bold: false\n" in text
    # Unset values are left out, not written as null.
    assert text.count("color:") == 2 and text.count("bold:") == 1 and "null" not in text
    assert loads_document(text) == doc


@pytest.mark.parametrize(("line", "problem"), [
    ("color: pink", "unknown color 'pink'"), ("color: Teal", "unknown color 'Teal'"),
    ("bold: yes please", "bold must be true or false"), ("bold: 1", "bold must be true or false")])
def test_a_wrong_color_or_bold_is_refused_at_its_line(line: str, problem: str) -> None:
    text = HEAD + f"nodes:\n  - id: a\n    kind: stage\n    name: A\n    x: 0\n    y: 0\n" \
                  f"    {line}\n"
    with pytest.raises(FlowFileError) as caught:
        loads_document(text, "colours.yaml")
    assert problem in caught.value.problem
    assert caught.value.line == 9 and caught.value.path == "colours.yaml"


@settings(max_examples=60, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(lanes=st.lists(st.sampled_from(COLOURS), max_size=3),
       nodes=st.lists(st.tuples(st.sampled_from(list(NodeKind)), st.sampled_from(COLOURS),
                                st.sampled_from([None, True, False])), max_size=6))
def test_any_colours_and_bold_round_trip(lanes: list[Colour | None],
                                         nodes: list[tuple[NodeKind, Colour | None,
                                                           bool | None]]) -> None:
    doc = Document("Colours")
    for number, colour in enumerate(lanes):
        doc.add_lane(Lane(f"l{number}", f"Lane {number}", color=colour))
    for number, (kind, colour, bold) in enumerate(nodes):
        lane = f"l{number % len(lanes)}" if lanes else None
        doc.add_node(Node(f"n{number}", kind, f"N{number}", x=number * 200.0,
                          y=90 + 180.0 * (number % len(lanes)) if lanes else 0.0, lane=lane,
                          color=colour, bold=bold))
    text = dumps_document(doc)
    assert loads_document(text) == doc
    assert dumps_document(loads_document(text)) == text


# ------------------------------------------------------------------------------ arrows without ids
NODES = "nodes:\n" + "".join(f"  - {{id: n{i}, kind: stage, name: N{i}, x: {i * 200}, y: 0}}\n"
                             for i in range(5))


@settings(max_examples=120, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 4),
                          st.one_of(st.none(), st.sampled_from(["e1", "e2", "e3", "e5", "x"]),
                                    st.integers(1, 12).map(lambda n: f"e{n}"))),
                min_size=1, max_size=10))
def test_arrows_without_ids_get_fresh_ids_that_never_clash(
        arrows: list[tuple[int, int, str | None]]) -> None:
    written: set[str] = set()
    lines = []
    for source, target, edge_id in arrows:
        if source == target or edge_id in written:
            continue  # loops and ids used twice are refused (tested elsewhere)
        if edge_id is not None:
            written.add(edge_id)
        key = f"id: {edge_id}, " if edge_id else ""
        lines.append((source, target, edge_id, f"  - {{{key}from: n{source}, to: n{target}}}\n"))
    text = HEAD + NODES + "edges:\n" + "".join(line for *_, line in lines)
    doc = loads_document(text)
    # Every arrow is there, in file order, with its written id or a fresh one nobody wrote.
    assert len(doc.edges) == len(lines)
    for edge, (source, target, edge_id, _) in zip(doc.edges.values(), lines, strict=True):
        assert (edge.source, edge.target) == (f"n{source}", f"n{target}")
        if edge_id is not None:
            assert edge.id == edge_id
        else:
            assert edge.id not in written
    # Saved, the ids are written and read back the same.
    assert loads_document(dumps_document(doc)) == doc


def test_an_arrow_without_id_before_one_that_names_its_would_be_id() -> None:
    text = HEAD + NODES + "edges:\n  - {from: n0, to: n1}\n  - {id: e1, from: n1, to: n2}\n"
    doc = loads_document(text)
    assert list(doc.edges) == ["e2", "e1"]
    assert (doc.edges["e1"].source, doc.edges["e2"].source) == ("n1", "n0")


# ------------------------------------------------------------------------------ Unicode breaks
BREAKS = ["\u2028", "\u2029", "\x85", "\r", "\r\n", "\n"]


@settings(max_examples=150, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(BREAKS), st.text(max_size=4)), min_size=1,
                max_size=6).map("".join))
def test_unicode_line_breaks_survive_in_every_text(text: str) -> None:
    try:
        Node("n", NodeKind.STAGE, text)
        doc = Document(text or "Untitled")
        doc.add_lane(Lane("l", text or "Lane"))
        doc.add_node(Node("n", NodeKind.STAGE, text or "Stage", lane="l", y=90, owner=text,
                          description=text))
        doc.add_node(Node("m", NodeKind.END, "End", lane="l", x=300, y=90))
        doc.connect("n", "m", label=text)
    except ValueError:
        return  # a text the model refuses (a lone surrogate): nothing to save
    written = dumps_document(doc)
    back = loads_document(written)
    assert back == doc
    assert back.nodes["n"].description == text and back.edges[next(iter(back.edges))].label \
        == text
    assert dumps_document(back) == written


@pytest.mark.parametrize("mark", ["\u2028", "\u2029", "\x85"])
def test_a_unicode_break_is_written_escaped_so_the_file_keeps_its_lines(mark: str) -> None:
    doc = Document("T")
    doc.add_node(Node("n", NodeKind.STAGE, f"Call{mark}back"))
    written = dumps_document(doc)
    assert mark not in written  # editors and git would show it as a line break
    assert loads_document(written).nodes["n"].name == f"Call{mark}back"
    assert len(written.splitlines()) == written.count("\n")
