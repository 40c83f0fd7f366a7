"""The one place that decides a document's orthogonal routes (render/routes.py): it follows the
document incrementally, and every picture draws its routes."""

from __future__ import annotations

import itertools
from dataclasses import replace

import pytest

from flowedit.io import load_document
from flowedit.layout.routing import Router
from flowedit.model import Routing
from flowedit.model.generate import generate_process
from flowedit.render.export import Diagram
from flowedit.render.routes import routes_for


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Labels are measured in the drawing's font."""


def test_a_drag_step_reroutes_only_the_arrows_of_the_moved_shape(
        monkeypatch: pytest.MonkeyPatch) -> None:
    doc = generate_process(300)
    doc.set_routing(Routing.ORTHOGONAL)
    book = routes_for(doc)
    rerouted: list[tuple[list[str], bool]] = []
    original = Router._reroute_edges

    def counting(self: Router, edge_ids: list[str]):  # type: ignore[no-untyped-def]
        rerouted.append((list(edge_ids), self._quick))
        return original(self, edge_ids)

    monkeypatch.setattr(Router, "_reroute_edges", counting)
    node = list(doc.nodes.values())[150]
    book.refresh({node.id: replace(node, y=node.y + 8)})
    near = {e for n in [node.id, *(doc.edges[e].source for e in doc.in_edges(node.id)),
                        *(doc.edges[e].target for e in doc.out_edges(node.id))]
            for e in doc.edges_of(n)}
    assert rerouted and all(quick for _, quick in rerouted)
    assert set(itertools.chain.from_iterable(ids for ids, _ in rerouted)) <= near
    rerouted.clear()
    doc.move_node(node.id, node.x, node.y + 8)
    book.refresh({})  # the drop: routed again at full quality
    assert rerouted and not any(quick for _, quick in rerouted)
    rerouted.clear()
    book.refresh({})
    assert rerouted == []  # nothing changed, nothing routed


def test_exports_draw_the_books_routes_and_straight_files_stay_straight() -> None:
    doc = load_document("samples/b2b-sales.yaml")
    assert doc.routing is Routing.STRAIGHT
    straight = Diagram(doc)
    assert all(arrow.route.line.elementCount() <= 4 for arrow in straight.arrows
               if doc.edges[arrow.edge_id].source != doc.edges[arrow.edge_id].target)
    doc.set_routing(Routing.ORTHOGONAL)
    diagram = Diagram(doc)
    routes = routes_for(doc).routes
    for arrow in diagram.arrows:
        points = routes[arrow.edge_id]
        assert (arrow.route.start.x(), arrow.route.start.y()) == points[0]
        assert (arrow.route.end.x(), arrow.route.end.y()) == points[-1]
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in itertools.pairwise(points))


def test_bend_points_and_label_position_are_followed() -> None:
    doc = load_document("samples/b2c-funnel.yaml")
    doc.set_routing(Routing.ORTHOGONAL)
    book = routes_for(doc)
    edge = next(e for e in doc.edges.values() if e.label)
    doc.update_edge(edge.id, label_at=0.0)
    book.refresh()
    start = book.routes[edge.id][0]
    left, top, right, bottom = book.labels()[edge.id]
    assert abs((left + right) / 2 - start[0]) < 1 or abs((top + bottom) / 2 - start[1]) < 1
    first = book.routes[edge.id]
    x = (first[0][0] + first[-1][0]) / 2
    y = min(p[1] for p in first) - 60
    doc.update_edge(edge.id, points=((x, y),))
    book.refresh()
    assert any(abs(p[1] - y) < 0.01 for p in book.routes[edge.id])
