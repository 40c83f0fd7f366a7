"""Where a label may go, worked out in one array operation (issue 13: placing 1,666 labels one
point at a time was most of an export's time), gives the very same places as the one-by-one
reckoning the canvas has always used: same numbers, same order, so the same pictures."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from flowedit.model import Document, Edge, Node, NodeKind
from flowedit.render.edges import edge_route
from flowedit.render.labels import candidate_array, candidates

coordinate = st.floats(min_value=-5000, max_value=5000, allow_nan=False).map(
    lambda value: round(value, 2))
size = st.floats(min_value=1, max_value=400, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(coordinate, coordinate, coordinate, coordinate, size, size,
       st.sampled_from([NodeKind.STAGE, NodeKind.DECISION, NodeKind.START]))
def test_the_array_of_places_is_the_list_of_points(x1, y1, x2, y2, width, height, kind):
    doc = Document("labels")
    doc.add_node(Node("a", kind, "A", x=x1, y=y1))
    doc.add_node(Node("b", NodeKind.STAGE, "B", x=x2, y=y2))
    doc.add_edge(Edge("e", "a", "b", label="yes"))
    route = edge_route(doc, doc.edges["e"])
    one_by_one = np.array([(c.x(), c.y()) for c in candidates(route, width, height)])
    assert np.array_equal(candidate_array(route, width, height), one_by_one)
