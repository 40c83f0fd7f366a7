"""Sub-processes and arrow routing (merge of issue 18 with issue 14): a nested sub-process is
drawn the way its file is, keeps its bend points and label places, and an edit inside it tells
the drawn-geometry cache of the top level that something changed."""

from __future__ import annotations

from subprocess_helpers import hand_example

from flowedit.io import dumps_document, loads_document
from flowedit.model import Routing
from flowedit.model.document import copy_process
from flowedit.model.operations import AtLevel, UpdateEdge, UpdateNode


def test_a_nested_sub_process_keeps_routing_bend_points_and_label_places() -> None:
    doc = hand_example()
    doc.set_routing(Routing.ORTHOGONAL)
    child = doc.nodes["nego"].process
    assert child is not None
    edge_id = next(iter(child.edges))
    UpdateEdge(edge_id, {"points": ((150.0, 40.0), (250.0, 40.0)), "label_at": 0.25}).apply(child)
    text = dumps_document(doc)
    assert text.count("routing:") == 2  # the file's, and the straight sub-process's own
    again = loads_document(text)
    assert again == doc
    inner = again.nodes["nego"].process
    assert inner is not None and inner.routing is Routing.STRAIGHT
    child.set_routing(Routing.ORTHOGONAL)
    text = dumps_document(doc)
    assert text.count("routing:") == 1  # the same as around it: not repeated
    assert loads_document(text) == doc
    assert inner.edges[edge_id].points == ((150.0, 40.0), (250.0, 40.0))
    assert inner.edges[edge_id].label_at == 0.25


def test_a_copied_sub_process_is_routed_like_the_original() -> None:
    doc = hand_example()
    doc.set_routing(Routing.ORTHOGONAL)
    assert copy_process(doc).routing is Routing.ORTHOGONAL


def test_an_edit_inside_a_sub_process_changes_the_top_level_version() -> None:
    doc = hand_example()
    before = doc.version
    step = AtLevel(("nego",), UpdateNode("talks", {"x": 333.0}))
    step.apply(doc)
    assert doc.version > before
    after = doc.version
    step.revert(doc)
    assert doc.version > after
