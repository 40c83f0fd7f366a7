"""How the router draws single arrows: around shapes with few bends, decision branches from
different sides, self-loops around a free corner, user bend points, arrows side by side, and a
drag that re-routes only the arrows it disturbs."""

from __future__ import annotations

import itertools

from flowedit.layout.drawn import drawn_geometry
from flowedit.layout.routing import Router, route_document
from flowedit.layout.shapes import node_box, segment_enters
from flowedit.model.document import Document
from flowedit.model.elements import Node, NodeKind
from tests.layout.geometry_rules import process_with_loops, routing_problems


def _doc(*shapes: tuple[str, NodeKind, float, float]) -> Document:
    doc = Document()
    for node_id, kind, x, y in shapes:
        doc.add_node(Node(node_id, kind, node_id, x=x, y=y))
    return doc


def _bends(route: list[tuple[float, float]]) -> int:
    return max(len(route) - 2, 0)


def test_shapes_in_a_row_are_joined_by_a_straight_arrow() -> None:
    doc = _doc(("a", NodeKind.STAGE, 0, 0), ("b", NodeKind.STAGE, 300, 0))
    edge = doc.connect("a", "b")
    assert route_document(doc)[edge.id] == [(75.0, 0.0), (225.0, 0.0)]


def test_an_arrow_to_another_row_bends_twice_in_the_middle_of_the_gap() -> None:
    doc = _doc(("a", NodeKind.STAGE, 0, 0), ("b", NodeKind.STAGE, 300, 200))
    edge = doc.connect("a", "b")
    route = route_document(doc)[edge.id]
    assert _bends(route) == 2
    assert route[1][0] == route[2][0] == 150.0


def test_an_arrow_goes_around_a_shape_in_its_way() -> None:
    doc = _doc(("a", NodeKind.STAGE, 0, 0), ("block", NodeKind.STAGE, 250, 0),
               ("b", NodeKind.STAGE, 500, 0))
    edge = doc.connect("a", "b")
    route = route_document(doc)[edge.id]
    blocker = node_box(doc.nodes["block"])
    assert not any(segment_enters(p, q, blocker) for p, q in itertools.pairwise(route))
    assert route[0] == (75.0, 0.0) and route[-1] == (425.0, 0.0)
    assert _bends(route) == 4  # over (or under) the shape and back: the fewest possible


def test_a_decision_sends_its_branches_from_different_sides() -> None:
    doc = _doc(("d", NodeKind.DECISION, 0, 0), ("yes", NodeKind.STAGE, 300, 0),
               ("no", NodeKind.END, 300, 200), ("later", NodeKind.STAGE, 300, -200),
               ("in", NodeKind.STAGE, -300, 0))
    doc.connect("in", "d")
    branches = [doc.connect("d", target).id for target in ("yes", "no", "later")]
    router = Router(doc)
    router.route_all()
    sides = [router.port(edge_id, 0).side for edge_id in branches]
    assert sides[0] == "right"
    assert len(set(sides)) == 3
    assert "left" not in sides  # the side the flow comes in by


def test_a_self_loop_goes_around_a_free_corner() -> None:
    doc = _doc(("a", NodeKind.STAGE, 0, 0), ("top-right", NodeKind.STAGE, 120, -90))
    loop = doc.connect("a", "a")
    router = Router(doc)
    route = router.route_all()[loop.id]
    assert (router.port(loop.id, 0).side, router.port(loop.id, 1).side) != ("top", "right")
    box = node_box(doc.nodes["top-right"])
    assert not any(segment_enters(p, q, box) for p, q in itertools.pairwise(route))
    assert _bends(route) == 3


def test_a_route_passes_through_the_bends_the_user_placed() -> None:
    doc = _doc(("a", NodeKind.STAGE, 0, 0), ("b", NodeKind.STAGE, 400, 0))
    edge = doc.connect("a", "b")
    route = route_document(doc, {edge.id: [(200.0, 150.0)]})[edge.id]
    assert (200.0, 150.0) in route
    assert all(p[0] == q[0] or p[1] == q[1] for p, q in itertools.pairwise(route))


def test_a_bend_that_a_shape_now_covers_is_forgotten() -> None:
    doc = _doc(("a", NodeKind.STAGE, 0, 0), ("b", NodeKind.STAGE, 400, 0),
               ("c", NodeKind.STAGE, 200, 150))
    edge = doc.connect("a", "b")
    route = route_document(doc, {edge.id: [(200.0, 150.0)]})[edge.id]
    assert route == [(75.0, 0.0), (325.0, 0.0)]


def test_arrows_sharing_a_channel_run_side_by_side() -> None:
    doc = _doc(("s1", NodeKind.STAGE, 0, 0), ("s2", NodeKind.STAGE, 0, 150),
               ("t1", NodeKind.STAGE, 400, 250), ("t2", NodeKind.STAGE, 400, 450))
    doc.connect("s1", "t2")
    doc.connect("s2", "t1")
    routes = route_document(doc)
    verticals = [(p[0], min(p[1], q[1]), max(p[1], q[1])) for route in routes.values()
                 for p, q in itertools.pairwise(route) if p[0] == q[0]]
    assert len(verticals) == 2
    (x1, low1, high1), (x2, low2, high2) = verticals
    assert x1 != x2 or min(high1, high2) <= max(low1, low2)


def test_arrows_both_ways_between_two_shapes_stay_apart() -> None:
    for dx, dy in ((300, 0), (0, 200), (300, 200), (-300, 0)):
        doc = _doc(("a", NodeKind.STAGE, 0, 0), ("b", NodeKind.STAGE, dx, dy))
        doc.connect("a", "b")
        doc.connect("b", "a")
        assert routing_problems(drawn_geometry(doc)) == [], (dx, dy)


def test_moving_one_shape_reroutes_only_the_arrows_it_disturbs() -> None:
    doc = process_with_loops(300, 5)
    router = Router(doc)
    router.route_all()
    moved = "s40"
    node = doc.nodes[moved]
    doc.move_node(moved, node.x + 35, node.y + 45)
    changed = router.reroute([moved])
    assert set(doc.edges_of(moved)) <= set(changed)
    assert len(changed) <= 12
    assert routing_problems(drawn_geometry(doc, routes=router.routes)) == []


def test_a_shape_dropped_on_an_arrow_pushes_the_arrow_around_it() -> None:
    doc = _doc(("a", NodeKind.STAGE, 0, 0), ("b", NodeKind.STAGE, 500, 0),
               ("c", NodeKind.STAGE, 250, 400))
    edge = doc.connect("a", "b")
    router = Router(doc)
    router.route_all()
    doc.move_node("c", 250, 0)
    changed = router.reroute(["c"])
    assert edge.id in changed
    assert routing_problems(drawn_geometry(doc, routes=router.routes)) == []


def test_arrows_and_shapes_added_or_removed_are_routed_incrementally() -> None:
    doc = process_with_loops(60, 9)
    router = Router(doc)
    router.route_all()
    doc.add_node(Node("extra", NodeKind.STAGE, "Extra", x=100, y=-300))
    added = doc.connect("s3", "extra")
    changed = router.reroute(["extra"], [added.id])
    assert added.id in changed
    gone = next(e for e in doc.out_edges("s5"))
    doc.disconnect(gone)
    router.reroute(edges=[gone])
    assert gone not in router.routes
    assert set(router.routes) == set(doc.edges)
    with doc.transaction():
        for edge_id in doc.edges_of("extra"):
            doc.disconnect(edge_id)
        doc.remove_node("extra")
    router.reroute(["extra"])
    assert set(router.routes) == set(doc.edges)
    assert routing_problems(drawn_geometry(doc, routes=router.routes)) == []
    doc.add_node(Node("extra2", NodeKind.STAGE, "Extra", x=100, y=-300))
    added = doc.connect("s3", "extra2")
    router.reroute(["extra2"], [added.id])
    fresh = route_document(doc)
    assert fresh[added.id] == router.routes[added.id]


def test_a_drag_step_reroutes_only_the_arrows_of_the_dragged_shape() -> None:
    doc = process_with_loops(200, 4)
    router = Router(doc)
    router.route_all()
    node = doc.nodes["s30"]
    doc.move_node("s30", node.x + 20, node.y + 100)
    changed = router.reroute(["s30"], dragging=True)
    assert set(doc.edges_of("s30")) <= set(changed)
    assert len(changed) <= len(doc.edges_of("s30")) + 6
    router.reroute(["s30"])  # the drop
    assert routing_problems(drawn_geometry(doc, routes=router.routes)) == []
