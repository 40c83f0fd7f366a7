"""Walking a process as a reader does: where a walk begins, the arrows leaving a shape in the
order they are numbered, the order of the handout's sections, and a shape's name as shown to
people. Shared by the handout and the presenter's tour. No Qt here."""

from __future__ import annotations

from flowedit.analysis.flow_order import flow_order
from flowedit.analysis.graph import process_graph
from flowedit.model import Document, Edge, Node, NodeKind


def outgoing(doc: Document, node_id: str) -> list[Edge]:
    """The arrows leaving a shape, in the document's arrow order (the order branches are
    numbered in, on the presentation screen and in the handout)."""
    ids = set(doc.out_edges(node_id))
    if len(ids) <= 1:
        return [doc.edges[edge_id] for edge_id in ids]
    return [edge for edge_id, edge in doc.edges.items() if edge_id in ids]


def first_start(doc: Document) -> str | None:
    """The first start in document order: where a walk through the process begins."""
    return next((node.id for node in doc.nodes.values() if node.kind is NodeKind.START), None)


def handout_order(doc: Document) -> tuple[list[str], list[str]]:
    """(shapes a start reaches, in flow order; shapes no start reaches, in document order).

    Flow order is the outline panel's (`flowedit.analysis.flow_order`): breadth-first from the
    starts along the arrows, each shape's arrows in arrow order."""
    reachable = process_graph(doc).reachable
    order = flow_order(doc)
    return ([node_id for node_id in order if node_id in reachable],
            [node_id for node_id in order if node_id not in reachable])


def display_name(node: Node) -> str:
    """The name as shown to people: a shape with a blank name is shown by its id."""
    return " ".join(node.name.split()) or f"({node.id})"
