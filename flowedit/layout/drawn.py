"""The drawn geometry of a process as plain data: what `flowedit export FILE -o OUT.json` writes,
and what the layout tests check. No Qt here.

    {"lanes": [{"id", "rect": [x, y, w, h]}],
     "nodes": [{"id", "kind", "rect": [x, y, w, h]}],          # a diamond: its bounding box
     "edges": [{"id", "from", "to", "points": [[x, y], ...],
                "label_rect": [x, y, w, h] or null}]}

All in document units. Lanes span the drawing from left to right as in the picture exports: the
header just left of the leftmost shape, the band's end just right of the rightmost thing drawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flowedit.layout.labels import estimate_label_size, place_labels
from flowedit.layout.routing import Route, route_document
from flowedit.layout.shapes import Box, Point, node_box
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind
from flowedit.model.geometry import LANE_HEADER_WIDTH, LANE_PADDING, lane_bands

#: Width of a lane band when there is nothing to draw (as in the picture exports).
EMPTY_LANE_WIDTH = 200.0


def label_boxes(doc: Document, routes: Mapping[str, Sequence[Point]],
                sizes: Mapping[str, tuple[float, float]] | None = None) -> dict[str, Box]:
    """Each labelled arrow's label box; `sizes` holds measured (width, height) by arrow id,
    and a label not in it gets `estimate_label_size`."""
    measured = dict(sizes or {})
    wanted = {edge.id: measured.get(edge.id) or estimate_label_size(edge.label)
              for edge in doc.edges.values() if edge.label}
    shapes = {node.id: node_box(node) for node in doc.nodes.values()}
    branches = [edge.id for edge in doc.edges.values()
                if doc.nodes[edge.source].kind is NodeKind.DECISION]
    return place_labels({edge_id: routes[edge_id] for edge_id in doc.edges if edge_id in routes},
                        wanted, shapes, branches)


def drawn_geometry(doc: Document, routes: Mapping[str, Route] | None = None,
                   label_sizes: Mapping[str, tuple[float, float]] | None = None,
                   bends: Mapping[str, Sequence[Point]] | None = None) -> dict[str, Any]:
    """The JSON-ready geometry; routes are computed (with `bends`) unless given."""
    if routes is None:
        routes = route_document(doc, bends)
    labels = label_boxes(doc, routes, label_sizes)
    nodes = [{"id": node.id, "kind": node.kind.value, "rect": _rect(node_box(node))}
             for node in doc.nodes.values()]
    edges = [{"id": edge.id, "from": edge.source, "to": edge.target,
              "points": [[_num(x), _num(y)] for x, y in routes.get(edge.id, [])],
              "label_rect": _rect(labels[edge.id]) if edge.id in labels else None}
             for edge in doc.edges.values()]
    extent = _extent([node_box(node) for node in doc.nodes.values()]
                     + [(x, y, x, y) for route in routes.values() for x, y in route]
                     + list(labels.values()))
    if extent is None:
        left, right = 0.0, LANE_HEADER_WIDTH + EMPTY_LANE_WIDTH
    else:
        left, right = extent[0] - LANE_PADDING - LANE_HEADER_WIDTH, extent[2] + LANE_PADDING
    bands = lane_bands(doc)
    lanes = [{"id": lane.id, "rect": _rect((left, bands[lane.id][0], right, bands[lane.id][1]))}
             for lane in doc.lanes]
    return {"lanes": lanes, "nodes": nodes, "edges": edges}


def _extent(boxes: list[Box]) -> Box | None:
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes))


def _num(value: float) -> float:
    return round(value, 3) + 0.0


def _rect(box: Box) -> list[float]:
    return [_num(box[0]), _num(box[1]), _num(box[2] - box[0]), _num(box[3] - box[1])]
