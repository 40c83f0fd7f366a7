"""Compound edits and their consequences, without Qt."""

from flowedit.model import Document, Node, NodeKind, editing
from flowedit.model.geometry import lane_bands, node_extent
from flowedit.model.operations import Recorder, revert_all


def _drawing() -> Document:
    doc = Document()
    doc.add_node(Node("s", NodeKind.START, "Lead in", x=100, y=-40))
    doc.add_node(Node("a", NodeKind.STAGE, "Call", x=300, y=200))
    doc.add_node(Node("e", NodeKind.END, "Won", x=500, y=420))
    return doc


def test_the_first_lane_takes_in_the_whole_drawing() -> None:
    doc = _drawing()
    before = doc.content()
    rec = Recorder(doc)
    with rec.all_or_nothing():
        lane_id = editing.add_lane(rec, "Sales")
    top, bottom = lane_bands(doc)[lane_id]
    for node in doc.nodes.values():
        _, node_top, _, node_bottom = node_extent(node)
        assert node.lane == lane_id
        assert top < node_top and node_bottom < bottom
    # The drawing moved as one piece: distances between shapes are kept.
    assert doc.nodes["a"].y - doc.nodes["s"].y == 240
    revert_all(doc, rec.operations)
    assert doc.content() == before


def test_later_lanes_go_below_without_touching_shapes_in_other_lanes() -> None:
    doc = _drawing()
    rec = Recorder(doc)
    with rec.all_or_nothing():
        first = editing.add_lane(rec, "Sales")
        positions = {n.id: (n.x, n.y) for n in doc.nodes.values()}
        second = editing.add_lane(rec, "Legal")
    assert list(lane_bands(doc)) == [first, second]
    assert {n.id: (n.x, n.y) for n in doc.nodes.values()} == positions
