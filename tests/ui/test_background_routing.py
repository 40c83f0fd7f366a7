"""A big orthogonal process opens without waiting for its arrows: the first picture shows plain
placeholder routes and a thread routes the arrows (those in view first) while the user can
already work; then the canvas shows exactly what routing all at once would."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF
from ui_helpers import drag, viewport

from flowedit.layout.drawn import drawn_geometry
from flowedit.layout.routing import RouteJob, Router
from flowedit.model import Routing
from flowedit.model.generate import generate_process
from flowedit.render import routes as routes_module
from flowedit.render.edges import polyline_route
from flowedit.render.routes import routes_for
from flowedit.ui.main_window import MainWindow
from tests.layout.geometry_rules import routing_problems


@pytest.fixture
def big(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A process "big" enough to be routed in the background (the limit made small)."""
    monkeypatch.setattr(routes_module, "ROUTE_AT_ONCE", 20)
    doc = generate_process(60)
    doc.set_routing(Routing.ORTHOGONAL)
    return doc


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Holds the routing thread back until the test sets the event (so that the test knows
    the routing is still under way while it works)."""
    go = threading.Event()
    original = RouteJob.run

    def run(self, stop=lambda: False):  # type: ignore[no-untyped-def]
        go.wait(30)
        yield from original(self, stop)

    monkeypatch.setattr(RouteJob, "run", run)
    yield go
    go.set()


def open_window(qtbot, doc) -> MainWindow:  # type: ignore[no-untyped-def]
    win = MainWindow()
    qtbot.addWidget(win, before_close_func=lambda w: w.editor.stack.setClean())
    win.resize(1400, 900)
    win.set_document(doc, None)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_first_picture_comes_before_the_routing_and_ends_as_if_routed_at_once(
        qtbot, dialogs, big, held: threading.Event) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, big)
    scene = window.editor.scene
    book = routes_for(big, complete=False)
    assert scene.routing_busy()
    assert list(book.router.pending) == list(big.edges)  # shown, and nothing routed yet
    with qtbot.waitSignal(scene.routes_settled, timeout=60_000):
        held.set()
    assert not book.busy
    at_once = Router(big).route_all()
    assert book.router.routes == at_once
    labels = book.labels()
    for edge_id, item in scene.edge_items.items():
        drawn = polyline_route(at_once[edge_id], labels.get(edge_id))
        assert item.route.line == drawn.line, edge_id


def test_a_shape_moved_while_the_arrows_are_routed_ends_with_clean_routes(
        qtbot, dialogs, big, held: threading.Event) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, big)
    scene = window.editor.scene
    view = window.editor.view
    node = next(n for n in big.nodes.values() if n.id in scene.node_items
                and view.viewport().rect().contains(view.mapFromScene(QPointF(n.x, n.y))))
    start = view.mapFromScene(QPointF(node.x, node.y))
    before = (node.x, node.y)
    drag(viewport(window), start, start + type(start)(0, 30))
    assert (big.nodes[node.id].x, big.nodes[node.id].y) != before  # the drag moved it
    assert scene.routing_busy()
    with qtbot.waitSignal(scene.routes_settled, timeout=60_000):
        held.set()
    book = routes_for(big, complete=False)
    assert not book.router.pending
    assert routing_problems(drawn_geometry(big, routes=book.router.routes)) == []


def test_an_export_during_background_routing_gets_every_route(
        qtbot, dialogs, big, held: threading.Event) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, big)
    assert window.editor.scene.routing_busy()
    book = routes_for(big)  # what an export asks: it finishes the routing first
    assert not book.busy
    assert book.router.routes == Router(big).route_all()
