"""The process as a networkx graph, with what every check and metric asks of it. No Qt here.

Built once per structure of the document (nodes, arrows, kinds) and reused while the user only
moves or renames shapes, so that re-checking after a drag costs nothing here.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx loads with the first check, not when the editor starts
    import networkx as nx

from flowedit.model import Document, NodeKind

#: Virtual nodes joined to every start and every end, so one traversal answers for all of them.
_ALL_STARTS = ("flowedit", "all-starts")
_ALL_ENDS = ("flowedit", "all-ends")


@dataclass(frozen=True, slots=True)
class ProcessGraph:
    graph: nx.DiGraph  # nodes are node ids; the virtual start/end nodes are not in it
    starts: tuple[str, ...]
    ends: tuple[str, ...]
    reachable: frozenset[str]  # from some start, starts included
    finishing: frozenset[str]  # can reach some end, ends included


_cache: dict[int, tuple[weakref.ref[Document], int, ProcessGraph]] = {}


def process_graph(doc: Document) -> ProcessGraph:
    """The graph of `doc`, rebuilt only when its structure changed since the last call."""
    key = id(doc)
    cached = _cache.get(key)
    if cached and cached[0]() is doc and cached[1] == doc.structure_version:
        return cached[2]
    result = _build(doc)
    _cache[key] = (weakref.ref(doc, lambda _ref, key=key: _cache.pop(key, None)),
                   doc.structure_version, result)
    return result


def _build(doc: Document) -> ProcessGraph:
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(doc.nodes)
    graph.add_edges_from((edge.source, edge.target) for edge in doc.edges.values())
    starts = tuple(n.id for n in doc.nodes.values() if n.kind is NodeKind.START)
    ends = tuple(n.id for n in doc.nodes.values() if n.kind is NodeKind.END)
    graph.add_edges_from((_ALL_STARTS, start) for start in starts)
    graph.add_edges_from((end, _ALL_ENDS) for end in ends)
    reachable = frozenset(nx.descendants(graph, _ALL_STARTS)) if starts else frozenset()
    finishing = frozenset(nx.ancestors(graph, _ALL_ENDS)) if ends else frozenset()
    graph.remove_nodes_from((_ALL_STARTS, _ALL_ENDS))
    return ProcessGraph(graph, starts, ends, reachable, finishing)
