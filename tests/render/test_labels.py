"""Arrow labels are readable in every drawing (issue 11): never under a shape, never on another
label; two arrows running opposite ways between the same shapes are drawn apart; a loop keeps off
the side its shape's other arrows use; the metrics pills never cover an arrow's end.

Checked on the export's layout (render/export.Diagram), which the presenter shares; the canvas
places its labels with the same code (tests/ui/test_canvas_labels.py).
"""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QLineF, QRectF

from flowedit.io import loads_document
from flowedit.model import Document
from flowedit.render.export import Diagram
from flowedit.render.painting import metrics_badge_rects
from flowedit.render.shapes import node_rect

#: Two shapes 40 units apart joined by a long label, as in the Indonesian sample's
#: "Memenuhi syarat prospek" (its "i syara" was hidden between the shapes).
CLOSE = """\
flowedit: 1
nodes:
  - {id: a, kind: stage, name: Kualifikasi, x: 100, y: 100}
  - {id: b, kind: stage, name: Prospek, x: 300, y: 100}
  - {id: c, kind: stage, name: Negosiasi, x: 100, y: 180}
edges:
  - {from: a, to: b, label: Memenuhi syarat prospek}
  - {from: a, to: c, label: Perlu negosiasi lanjut}
"""

#: Opposite arrows, a loop on a stage whose incoming arrow comes from above, labels on all.
CROWDED = """\
flowedit: 1
nodes:
  - {id: lead, kind: start, name: Lead, x: 60, y: 60}
  - {id: top, kind: stage, name: Proposal, x: 300, y: 60}
  - {id: mid, kind: stage, name: Negotiation, x: 300, y: 260}
  - {id: side, kind: stage, name: Legal review, x: 560, y: 260}
  - {id: won, kind: end, name: Won, x: 300, y: 420, outcome: won}
edges:
  - {from: lead, to: top}
  - {from: top, to: mid, label: Accepted in principle}
  - {from: mid, to: mid, label: Another round}
  - {from: mid, to: side, label: Needs legal}
  - {from: side, to: mid, label: Clauses agreed}
  - {from: mid, to: won, label: Signed, probability: 0.6}
  - {from: mid, to: top, label: Rework, probability: 0.4}
"""


def _diagram(text: str, metrics: bool = False) -> Diagram:
    return Diagram(loads_document(text, "test.yaml"), metrics=metrics)


def _labelled(diagram: Diagram) -> list:  # type: ignore[type-arg]
    return [arrow for arrow in diagram.arrows if arrow.label_rect is not None]


def _shapes(doc: Document) -> dict[str, QRectF]:
    return {node.id: node_rect(node) for node in doc.nodes.values()}


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Label sizes are measured with Qt's fonts."""


@pytest.mark.parametrize("text", [CLOSE, CROWDED])
def test_no_label_sits_under_a_shape(text: str) -> None:
    diagram = _diagram(text)
    for arrow in _labelled(diagram):
        for node_id, shape in _shapes(diagram.doc).items():
            assert not arrow.label_rect.intersects(shape), (
                f"the label {arrow.label!r} lies under the shape {node_id!r}")


@pytest.mark.parametrize("text", [CLOSE, CROWDED])
def test_no_label_sits_on_another_label(text: str) -> None:
    diagram = _diagram(text)
    for one, other in itertools.combinations(_labelled(diagram), 2):
        assert not one.label_rect.intersects(other.label_rect), (
            f"the labels {one.label!r} and {other.label!r} overlap")


def test_opposite_arrows_are_drawn_apart() -> None:
    diagram = _diagram(CROWDED)
    routes = {(diagram.doc.edges[a.edge_id].source, diagram.doc.edges[a.edge_id].target): a.route
              for a in diagram.arrows}
    there, back = routes["mid", "side"], routes["side", "mid"]
    one, other = QLineF(there.start, there.end), QLineF(back.start, back.end)
    # parallel lines: the distance of one's middle from the other's line
    middle = one.center()
    normal = other.normalVector().unitVector()
    apart = abs((middle - other.p1()).x() * (normal.dx())
                + (middle - other.p1()).y() * (normal.dy()))
    assert apart >= 10, f"the two arrows run {apart:.1f} units apart"
    there_up, back_up = routes["top", "mid"], routes["mid", "top"]
    assert abs(there_up.start.x() - back_up.end.x()) >= 10


def test_a_loop_keeps_off_the_side_its_other_arrows_use() -> None:
    diagram = _diagram(CROWDED)
    loop = next(a for a in diagram.arrows if a.label == "Another round")
    node = diagram.doc.nodes["mid"]
    box = loop.route.line.boundingRect()
    shape = node_rect(node)
    # the arrows from above (Proposal) and below (Won) and to the right (Legal review) are
    # there; the loop takes the left side
    assert box.right() <= shape.left() + 1, (box, shape)


def test_metrics_pills_never_cover_an_arrow_end() -> None:
    diagram = _diagram(CROWDED, metrics=True)
    assert diagram.overlay is not None
    for node in diagram.nodes:
        ends = [a.route for a in diagram.arrows
                if node.id in (diagram.doc.edges[a.edge_id].source,
                               diagram.doc.edges[a.edge_id].target)]
        tag = diagram.overlay.tags.get(node.id, (None, None))
        for text, pill, _ in metrics_badge_rects(node, diagram.overlay.badges[node.id], *tag,
                                                 arrows=ends):
            for route in ends:
                assert not route.head.intersects(pill), f"{text!r} covers an arrowhead"
                assert not pill.contains(route.end) and not pill.contains(route.start)
