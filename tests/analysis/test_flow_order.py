"""Flow order: the order the outline, find and Tab follow a process in (from the starts along the
arrows, then whatever no start reaches)."""

from __future__ import annotations

import random
import time

import pytest

from flowedit.analysis.flow_order import flow_order
from flowedit.model import Document, Edge, Node, NodeKind
from flowedit.model.generate import generate_process

KINDS = {kind.value: kind for kind in NodeKind}


def process(nodes: str, edges: str = "") -> Document:
    """nodes: 'id:kind' words in document order; edges: 'source>target' words in document order."""
    doc = Document("Flow order")
    for word in nodes.split():
        node_id, kind = word.split(":")
        doc.add_node(Node(node_id, KINDS[kind], node_id.capitalize()))
    for number, word in enumerate(edges.split(), start=1):
        source, target = word.split(">")
        doc.add_edge(Edge(f"e{number}", source, target))
    return doc


def test_a_chain_is_listed_from_its_start_whatever_the_document_order() -> None:
    doc = process("won:end call:stage lead:start demo:stage",
                  "demo>won call>demo lead>call")
    assert flow_order(doc) == ["lead", "call", "demo", "won"]


def test_breadth_first_with_outgoing_arrows_in_document_order() -> None:
    # ask's arrows: to 'no' first, then to 'yes' (the document's arrow order, not name order).
    doc = process("lead:start ask:decision yes:stage no:end deep:stage won:end",
                  "lead>ask ask>no ask>yes yes>deep deep>won")
    assert flow_order(doc) == ["lead", "ask", "no", "yes", "deep", "won"]
    # Breadth first: both branches of a decision come before what follows either of them.
    doc = process("lead:start ask:decision a:stage a2:stage b:stage won:end",
                  "lead>ask ask>a ask>b a>a2 a2>won b>won")
    assert flow_order(doc) == ["lead", "ask", "a", "b", "a2", "won"]


def test_arrow_order_is_the_documents_even_after_an_arrow_is_put_back_at_its_index() -> None:
    doc = process("lead:start ask:decision x:end y:end", "lead>ask ask>x ask>y")
    removed, index = doc.disconnect("e2")  # ask>x
    doc.add_edge(removed, index)  # undo puts it back first among ask's arrows
    assert list(doc.edges) == ["e1", "e2", "e3"]
    assert flow_order(doc) == ["lead", "ask", "x", "y"]


def test_several_starts_in_document_order_and_shared_nodes_listed_once() -> None:
    doc = process("web:start a:stage referral:start b:stage won:end",
                  "referral>b web>a a>won b>won b>a")
    assert flow_order(doc) == ["web", "referral", "a", "b", "won"]


def test_loops_are_followed_once() -> None:
    doc = process("lead:start call:stage nurture:stage won:end",
                  "lead>call call>nurture nurture>call call>won")
    assert flow_order(doc) == ["lead", "call", "nurture", "won"]


def test_unreached_nodes_follow_in_document_order() -> None:
    doc = process("orphan:stage lead:start call:stage island:stage won:end loner:end",
                  "lead>call call>won island>loner")
    assert flow_order(doc) == ["lead", "call", "won", "orphan", "island", "loner"]


def test_without_starts_the_order_is_the_documents() -> None:
    doc = process("b:stage a:stage c:end", "a>b b>c")
    assert flow_order(doc) == ["b", "a", "c"]
    assert flow_order(Document()) == []


def test_every_node_exactly_once_in_random_processes() -> None:
    rng = random.Random(7)
    for _ in range(50):
        doc = Document()
        count = rng.randint(1, 30)
        for number in range(count):
            kind = rng.choice(list(NodeKind))
            doc.add_node(Node(f"n{number}", kind, f"Node {number}"))
        ids = list(doc.nodes)
        for _ in range(rng.randint(0, 2 * count)):
            source, target = rng.choice(ids), rng.choice(ids)
            if source != target:
                doc.connect(source, target)
        order = flow_order(doc)
        assert sorted(order) == sorted(ids)
        starts = [n for n in ids if doc.nodes[n].kind is NodeKind.START]
        assert order[:len(starts)] == starts


def test_five_thousand_nodes_are_ordered() -> None:
    doc = generate_process(5000)
    order = flow_order(doc)
    assert len(order) == len(doc.nodes) == 5000
    assert order[0] == "start"


@pytest.mark.timing
def test_five_thousand_nodes_take_under_ten_milliseconds() -> None:
    doc = generate_process(5000)
    best = float("inf")
    for _ in range(5):
        began = time.perf_counter()
        flow_order(doc)
        best = min(best, time.perf_counter() - began)
    assert best < 0.010, f"flow_order took {best * 1000:.1f} ms"
