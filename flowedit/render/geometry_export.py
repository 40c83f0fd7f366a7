"""The drawn geometry as JSON-ready data, taken from the very routes and label boxes the
pictures draw (`label_layout`), so a test or another tool reads what was drawn.

The keys are layout/drawn.py's (docs/export.md); this adds only the measured label boxes and,
for a document with straight routing, its straight arrows (start and end on the outlines).
"""

from __future__ import annotations

from typing import Any

from flowedit.layout.drawn import drawn_geometry
from flowedit.model import Document, Routing
from flowedit.render.labels import label_layout
from flowedit.render.routes import routes_for


def drawn_json(doc: Document) -> dict[str, Any]:
    layout = label_layout(doc)
    if doc.routing is Routing.ORTHOGONAL:
        routes = {edge_id: list(route) for edge_id, route in routes_for(doc).routes.items()}
    else:
        routes = {edge_id: [(path.start.x(), path.start.y()), (path.end.x(), path.end.y())]
                  for edge_id, (path, _) in layout.items()}
    geometry = drawn_geometry(doc, routes=routes)
    for edge in geometry["edges"]:
        rect = layout[edge["id"]][1] if edge["id"] in layout else None
        edge["label_rect"] = (None if rect is None else
                              [_num(rect.x()), _num(rect.y()), _num(rect.width()),
                               _num(rect.height())])
    return geometry


def _num(value: float) -> float:
    return round(value, 3) + 0.0
