"""What Tidy Up must get right beyond the invariants: no arrow crossing another where a picture
without crossings exists, and the most likely way to a won deal on the straight line."""

from __future__ import annotations

from pathlib import Path

import pytest

from flowedit.io import load_document
from flowedit.layout.drawn import drawn_geometry
from flowedit.layout.tidy import apply_tidy, tidy
from flowedit.model.document import Document
from flowedit.model.elements import Node, NodeKind, Outcome
from tests.layout.geometry_rules import crossings

ROOT = Path(__file__).resolve().parents[2]
#: The samples that can be drawn without a crossing in lanes-as-rows, columns-as-layers: all.
PLANAR = ["b2b-sales", "b2b-with-prospecting", "b2c-funnel", "retail-store"]


@pytest.mark.parametrize("name", PLANAR)
def test_no_arrow_crosses_another_after_tidy_up(name: str) -> None:
    doc = load_document(ROOT / "samples" / f"{name}.yaml")
    apply_tidy(doc, tidy(doc))
    assert crossings(drawn_geometry(doc)) == []


def test_the_crossing_count_sees_a_crossing() -> None:
    geometry = {"edges": [
        {"id": "a", "points": [[0, 50], [100, 50]]},
        {"id": "b", "points": [[50, 0], [50, 100]]},
        {"id": "c", "points": [[100, 50], [100, 100]]},  # meets a at its end: no crossing
    ]}
    assert crossings(geometry) == ["a crosses b"]


def _rows(doc: Document) -> dict[str, float]:
    return {node_id: y for node_id, (_, y) in tidy(doc).positions.items()}


def test_b2b_straight_line_takes_the_way_to_signing_not_the_redlines_loop() -> None:
    """"Open redlines" loops back to drafting, so it is never the way to a won deal."""
    doc = load_document(ROOT / "samples" / "b2b-sales.yaml")
    y = _rows(doc)
    assert y["contract"] == y["ready"] == y["closing"]
    assert y["redlines"] > y["closing"]
    assert y["lead-in"] == y["qualification"] == y["qualified"]
    assert y["follow-up"] == y["negotiation"] == y["accepted"]


def _decision_doc() -> Document:
    doc = Document()
    for node_id, kind in (("s", NodeKind.START), ("ask", NodeKind.STAGE),
                          ("d", NodeKind.DECISION), ("nurture", NodeKind.STAGE),
                          ("offer", NodeKind.STAGE)):
        doc.add_node(Node(node_id, kind, node_id, x=0, y=0))
    doc.add_node(Node("won", NodeKind.END, "won", x=0, y=0, outcome=Outcome.WON))
    doc.add_node(Node("lost", NodeKind.END, "lost", x=0, y=0, outcome=Outcome.LOST))
    doc.connect("s", "ask")
    doc.connect("ask", "d")
    return doc


def test_a_branch_that_wins_only_by_looping_back_is_not_the_straight_line() -> None:
    """The B2B "Qualified?" case: "Not yet" is likeliest, but nurture only goes back to ask."""
    doc = _decision_doc()
    doc.connect("d", "nurture", label="Not yet", probability=0.4)
    doc.connect("d", "offer", label="Yes", probability=0.35)
    doc.connect("d", "lost", label="No", probability=0.25)
    doc.connect("nurture", "ask")
    doc.connect("offer", "won")
    y = _rows(doc)
    assert y["offer"] == y["d"] == y["won"]
    assert y["nurture"] > y["d"]


def test_the_straight_line_is_the_likeliest_whole_way_not_the_likeliest_next_step() -> None:
    """Probabilities multiply along the way, as in the metrics' funnel: 0.4 straight to an
    offer that is signed beats 0.6 to a nurture stage that wins one time in ten."""
    doc = _decision_doc()
    doc.add_node(Node("d2", NodeKind.DECISION, "d2", x=0, y=0))
    doc.connect("d", "nurture", probability=0.6)
    doc.connect("d", "offer", probability=0.4)
    doc.connect("nurture", "d2")
    doc.connect("d2", "won", probability=0.1)
    doc.connect("d2", "lost", probability=0.9)
    doc.connect("offer", "won")
    y = _rows(doc)
    assert y["offer"] == y["d"]
    assert y["nurture"] > y["d"]


def test_without_probabilities_the_first_branch_is_the_straight_line() -> None:
    doc = _decision_doc()
    doc.connect("d", "offer")
    doc.connect("d", "nurture")
    doc.connect("offer", "won")
    doc.connect("nurture", "won")
    y = _rows(doc)
    assert y["offer"] == y["d"]
    assert y["nurture"] > y["d"]


def test_the_retail_main_path_goes_down_from_the_lowest_row_past_the_returns_branch() -> None:
    """"Barang diterima" hands over to the shop floor below while "Retur ke pemasok" goes on
    in the warehouse lane: the hand-over takes the lower row, so its way down crosses nothing
    (it crossed the returns arrow before)."""
    doc = load_document(ROOT / "samples" / "retail-store.yaml")
    y = _rows(doc)
    assert y["barang-diterima"] > y["retur"] == y["sesuai-pesanan"]
    # the rule is only for a path that goes down past arrows going on in the lane: B2B's
    # "Contract signed" stays on the straight line above "Resolve redlines", which loops back
    b2b = _rows(load_document(ROOT / "samples" / "b2b-sales.yaml"))
    assert b2b["closing"] == b2b["ready"] < b2b["redlines"]


def test_a_process_is_wrapped_only_when_that_shows_it_larger() -> None:
    """A long process without lanes wraps into a few bands (it then fits the window at a
    larger zoom); one whose every stretch visits each of many lanes stays one long row: each
    band would add a sub-row to every lane, so it would grow taller than it gets narrower."""
    from flowedit.model.elements import Lane

    long = Document()
    for i in range(20):
        long.add_node(Node(f"s{i}", NodeKind.START if i == 0 else NodeKind.STAGE, f"s{i}"))
        if i:
            long.connect(f"s{i - 1}", f"s{i}")
    bands = tidy(long).bands
    assert max(bands.values()) > 0
    assert tidy(long, width=None).bands == dict.fromkeys(long.nodes, 0)

    parallel = Document()  # ten lanes, each with a long chain of its own
    parallel.add_node(Node("s", NodeKind.START, "s"))
    for lane in range(10):
        parallel.add_lane(Lane(f"l{lane}", f"Lane {lane}", height=100))
        previous = "s"
        for i in range(20):
            parallel.add_node(Node(f"l{lane}-{i}", NodeKind.STAGE, f"{i}", lane=f"l{lane}"))
            parallel.connect(previous, f"l{lane}-{i}")
            previous = f"l{lane}-{i}"
    assert tidy(parallel).bands == dict.fromkeys(parallel.nodes, 0)


def test_a_wrap_never_cuts_a_loop_back_in_two() -> None:
    """A loop back from the last stage of a long chain to its second would climb across every
    band between, over the arrows that wrap: the chain stays one row instead."""
    doc = Document()
    for i in range(20):
        doc.add_node(Node(f"s{i}", NodeKind.START if i == 0 else NodeKind.STAGE, f"s{i}"))
        if i:
            doc.connect(f"s{i - 1}", f"s{i}")
    assert max(tidy(doc).bands.values()) > 0
    doc.connect("s19", "s1", label="rework")
    assert max(tidy(doc).bands.values()) == 0
    short = Document()  # a loop inside one band is no reason not to wrap
    for i in range(20):
        short.add_node(Node(f"s{i}", NodeKind.START if i == 0 else NodeKind.STAGE, f"s{i}"))
        if i:
            short.connect(f"s{i - 1}", f"s{i}")
    short.connect("s3", "s2", label="rework")
    result = tidy(short)
    assert max(result.bands.values()) > 0 and result.bands["s3"] == result.bands["s2"]
