"""Walking a process as a reader does: where a walk begins, the arrows leaving a shape in the
order they are numbered, the order of the handout's sections, and a shape's name as shown to
people. Shared by the handout and the presenter's tour. No Qt here."""

from __future__ import annotations

from flowedit.analysis.flow_order import flow_order
from flowedit.analysis.graph import process_graph
from flowedit.model import Document, Edge, Node, NodeKind, Outcome


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
    """(shapes a start reaches, main path first then the branches; shapes no start reaches, in
    flow order). See `main_path` and `reading_order`."""
    main, branches, unreached = reading_order(doc)
    return main + branches, unreached


def _reaches(doc: Document, start: str, goals: set[str], avoid: set[str]) -> bool:
    seen, stack = {start}, [start]
    while stack:
        here = stack.pop()
        if here in goals:
            return True
        for edge in outgoing(doc, here):
            if edge.target not in seen and edge.target not in avoid:
                seen.add(edge.target)
                stack.append(edge.target)
    return False


def main_path(doc: Document) -> list[str]:
    """The way a lead most likely goes from the first start to a won end: at each shape the most
    likely arrow (the first among equals) whose shape still leads to a won end without coming
    back; with no won end, to any end. Never visits a shape twice."""
    start = first_start(doc)
    if start is None:
        return []
    ends = {node.id for node in doc.nodes.values() if node.kind is NodeKind.END}
    won = {node_id for node_id in ends if doc.nodes[node_id].outcome is Outcome.WON}
    goals = won if won and _reaches(doc, start, won, set()) else ends
    path = [start]
    while path[-1] not in goals:
        visited = set(path)
        fresh = [edge for edge in outgoing(doc, path[-1]) if edge.target not in visited]
        leading = [edge for edge in fresh if _reaches(doc, edge.target, goals, visited)] or fresh
        if not leading:
            break
        best = max(leading, key=lambda edge: -1.0 if edge.probability is None
                   else edge.probability)
        path.append(best.target)
    return path


def reading_order(doc: Document) -> tuple[list[str], list[str], list[str]]:
    """The order a handout explains a process in: (the main path, start to won; the branches,
    each followed to its end before the next, taken from the main path's shapes in order and
    their arrows in arrow order; the shapes no start reaches, in flow order)."""
    reachable = process_graph(doc).reachable
    main = main_path(doc)
    placed = set(main)
    branches: list[str] = []

    def follow(node_id: str) -> None:
        stack = [node_id]
        while stack:
            here = stack.pop()
            if here in placed:
                continue
            placed.add(here)
            branches.append(here)
            stack.extend(reversed([edge.target for edge in outgoing(doc, here)
                                   if edge.target not in placed]))

    for node_id in [*main, *flow_order(doc)]:
        if node_id not in reachable:
            continue
        if node_id not in placed:
            follow(node_id)
            continue
        for edge in outgoing(doc, node_id):
            follow(edge.target)
    order = flow_order(doc)
    return main, branches, [node_id for node_id in order if node_id not in reachable]


def display_name(node: Node) -> str:
    """The name as shown to people: a shape with a blank name is shown by its id."""
    return " ".join(node.name.split()) or f"({node.id})"
