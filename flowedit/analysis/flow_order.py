"""The order a reader follows a process in: from its starts along the arrows. No Qt here.

The outline panel lists shapes in this order, find steps through matches in it, and the canvas
uses it for Tab order, so that moving through a process by keyboard or screen reader follows the
process rather than the order the shapes happen to be stored in.
"""

from __future__ import annotations

from collections import deque

from flowedit.model import Document, NodeKind


def flow_order(doc: Document) -> list[str]:
    """Every node id exactly once: breadth-first from the start nodes (in document order),
    following each node's outgoing arrows in document order; then the nodes no start reaches,
    in document order. Linear in the size of the document."""
    nodes = doc.nodes
    # Outgoing arrows by source, in the document's arrow order (one pass over the arrows).
    targets: dict[str, list[str]] = {}
    for edge in doc.edges.values():
        targets.setdefault(edge.source, []).append(edge.target)
    order: dict[str, None] = {}
    for node in nodes.values():
        if node.kind is NodeKind.START:
            order[node.id] = None
    queue = deque(order)
    while queue:
        for target in targets.get(queue.popleft(), ()):
            if target not in order and target in nodes:
                order[target] = None
                queue.append(target)
    if len(order) < len(nodes):
        for node_id in nodes:
            if node_id not in order:
                order[node_id] = None
    return list(order)
