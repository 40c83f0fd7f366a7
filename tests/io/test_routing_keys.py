"""The routing keys of the file format: `routing:` per document, `points:` and `label_at:` on an
arrow (docs/file-format.md)."""

from __future__ import annotations

import pytest

from flowedit.io.flowfile import FlowFileError, dumps_document, loads_document
from flowedit.model import Document, Edge, ModelError, Node, NodeKind, Routing

BASE = """flowedit: 1
title: T
{routing}nodes:
  - {{id: a, kind: start, name: A, x: 0, y: 0}}
  - {{id: b, kind: end, name: B, x: 300, y: 100}}
edges:
  - {{id: e1, from: a, to: b{extra}}}
"""


def text(routing: str = "", extra: str = "") -> str:
    return BASE.format(routing=routing, extra=extra)


def test_a_file_without_routing_stays_straight_and_saves_without_the_key() -> None:
    doc = loads_document(text())
    assert doc.routing is Routing.STRAIGHT
    assert "routing" not in dumps_document(doc)


def test_routing_points_and_label_at_round_trip() -> None:
    doc = loads_document(text("routing: orthogonal\n",
                              ", points: [[150, 0], [150.5, 100]], label_at: 0.25"))
    assert doc.routing is Routing.ORTHOGONAL
    edge = doc.edges["e1"]
    assert edge.points == ((150.0, 0.0), (150.5, 100.0))
    assert edge.label_at == 0.25
    again = loads_document(dumps_document(doc))
    assert again == doc
    assert again.edges["e1"] == edge


@pytest.mark.parametrize(("routing", "extra", "message"), [
    ("routing: curved\n", "", "unknown routing 'curved'"),
    ("", ", points: [[1, 2, 3]]", "pair [x, y]"),
    ("", ", points: 5", "must be a list"),
    ("", ", points: [[a, 2]]", "x must be a number"),
    ("", ", label_at: 1.5", "label_at is where along the arrow"),
])
def test_bad_routing_keys_name_the_line(routing: str, extra: str, message: str) -> None:
    with pytest.raises(FlowFileError) as caught:
        loads_document(text(routing, extra), "p.yaml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("p.yaml:")  # file:line:column


def test_the_model_checks_bend_points_and_label_position() -> None:
    doc = Document()
    doc.add_node(Node("a", NodeKind.START, "A"))
    doc.add_node(Node("b", NodeKind.END, "B", x=200))
    with pytest.raises(ModelError):
        doc.add_edge(Edge("e", "a", "b", points=((float("nan"), 0.0),)))
    with pytest.raises(ModelError):
        doc.add_edge(Edge("e", "a", "b", label_at=-0.1))
    doc.add_edge(Edge("e", "a", "b", points=((1.0, 2.0),), label_at=0.5))
    doc.update_edge("e", points=())
    assert doc.edges["e"].points == ()


def test_routing_changes_are_told_to_observers() -> None:
    doc = Document()
    heard = []
    doc.subscribe(heard.append)
    doc.set_routing(Routing.ORTHOGONAL)
    doc.set_routing(Routing.ORTHOGONAL)
    assert [[c.what for c in batch] for batch in heard] == [["routing"]]
