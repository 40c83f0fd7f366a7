"""Comparing two versions of a process (`diff_documents`): matching stages by id then by name,
arrows by their ends then by id, lanes, what is reported as changed, and the metrics of both on
the worked example of docs/metrics.md.
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from flowedit.analysis.diff import DocumentDiff, diff_documents
from flowedit.analysis.metrics import MetricsError
from flowedit.io import loads_document
from flowedit.model import Document, Lane, Node, NodeKind

#: The worked example of docs/metrics.md, in two lanes, with arrow ids.
EXAMPLE = """\
flowedit: 1
title: Worked example
lanes:
  - {id: sdr, name: SDR}
  - {id: ae, name: Account Executive}
nodes:
  - {id: start, kind: start, name: Lead received, lane: sdr, x: 0, y: 0}
  - {id: qualify, kind: stage, name: Qualify, lane: sdr, x: 200, y: 0, duration_days: 2}
  - {id: d, kind: decision, name: Qualified?, lane: sdr, x: 400, y: 0}
  - {id: proposal, kind: stage, name: Proposal, lane: ae, x: 400, y: 200, duration_days: 5}
  - {id: n, kind: decision, name: Accepted?, lane: ae, x: 600, y: 200}
  - {id: won, kind: end, name: Deal won, lane: ae, x: 800, y: 200, outcome: won}
  - {id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0, outcome: lost}
edges:
  - {id: e1, from: start, to: qualify}
  - {id: e2, from: qualify, to: d}
  - {id: e3, from: d, to: proposal, label: "Yes", probability: 0.5}
  - {id: e4, from: d, to: lost, label: "No", probability: 0.5}
  - {id: e5, from: proposal, to: n}
  - {id: e6, from: n, to: won, label: "Yes", probability: 0.6}
  - {id: e7, from: n, to: lost, label: "No", probability: 0.2}
  - {id: e8, from: n, to: proposal, label: Revise, probability: 0.2}
"""


def example(*replacements: tuple[str, str]) -> Document:
    """The worked example with each (old, new) text replaced; every replacement must apply."""
    text = EXAMPLE
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    return loads_document(text)


def diff(*replacements: tuple[str, str], **options: float) -> DocumentDiff:
    return diff_documents(example(), example(*replacements), **options)  # type: ignore[arg-type]


def fields(section_changes: object) -> dict[tuple[str, str], dict[str, tuple[object, object]]]:
    """{(old id, new id): fields} of a section's changes."""
    return {(c.old_id, c.new_id): dict(c.fields) for c in section_changes}  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ no differences
def test_identical_documents_have_no_differences() -> None:
    result = diff_documents(example(), example())
    assert not result.has_differences
    assert not (result.nodes or result.edges or result.lanes)
    assert result.title is None and result.lane_order is None
    assert result.metrics is not None and result.metrics.changed == ()
    assert result.metrics.pair("win_rate") == (0.375, 0.375)
    assert result.nodes.matched == {node_id: node_id for node_id in example().nodes}
    data = result.to_json()
    assert data["differences"] is False
    assert data["nodes"] == {"added": [], "removed": [], "changed": []}


def test_file_order_of_nodes_and_arrows_is_not_a_difference() -> None:
    old = example()
    new = Document(old.title)
    for lane in old.lanes:
        new.add_lane(lane)
    for node in reversed(old.nodes.values()):
        new.add_node(node)
    for edge in reversed(old.edges.values()):
        new.add_edge(edge)
    assert not diff_documents(old, new).has_differences


# ------------------------------------------------------------------------------ stages
def test_added_and_removed_stages() -> None:
    result = diff(
        ("  - {id: won,", "  - {id: demo, kind: stage, name: Demo, lane: ae, x: 500, y: 300}\n"
                         "  - {id: won,"),
        ("  - {id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0, outcome: lost}\n",
         ""),
        ("  - {id: e4, from: d, to: lost, label: \"No\", probability: 0.5}\n", ""),
        ("  - {id: e7, from: n, to: lost, label: \"No\", probability: 0.2}\n", ""),
    )
    assert [node.id for node in result.nodes.added] == ["demo"]
    assert [node.id for node in result.nodes.removed] == ["lost"]
    assert result.added_node_ids == ("demo",) and result.removed_node_ids == ("lost",)
    assert result.changed_node_ids == ()
    assert result.removed_edge_ids == ("e4", "e7") and result.added_edge_ids == ()
    assert result.to_json()["nodes"] == {"added": ["demo"], "removed": ["lost"], "changed": []}


def test_renamed_stage_with_the_same_id_is_changed_name() -> None:
    result = diff(("name: Qualify,", "name: Qualification call,"),
                  ("duration_days: 2", "duration_days: 3"))
    assert fields(result.nodes.changed) == {
        ("qualify", "qualify"): {"name": ("Qualify", "Qualification call"),
                                 "duration_days": (2.0, 3.0)}}
    assert result.changed_node_ids == ("qualify",)
    assert not result.nodes.added and not result.nodes.removed and not result.edges


def test_moved_resized_and_edited_stage() -> None:
    result = diff(
        ("{id: proposal, kind: stage, name: Proposal, lane: ae, x: 400, y: 200, duration_days: 5}",
         "{id: proposal, kind: stage, name: Proposal, lane: sdr, x: 450, y: 20, width: 170, "
         "owner: AE team, description: Send it, duration_days: 5}"),
        ("{id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0, outcome: lost}",
         "{id: lost, kind: end, name: Deal lost, lane: sdr, x: 600, y: 0}"),
        ("{id: n, kind: decision,", "{id: n, kind: stage,"),
    )
    changes = fields(result.nodes.changed)
    assert changes[("proposal", "proposal")] == {
        "lane": ("ae", "sdr"), "owner": (None, "AE team"), "description": (None, "Send it"),
        "position": ((400.0, 200.0), (450.0, 20.0)), "size": ((150.0, 70.0), (170.0, 70.0))}
    assert changes[("lost", "lost")] == {"outcome": ("lost", None)}
    # A kind's default size changes with the kind: that is what is drawn.
    assert changes[("n", "n")] == {"kind": ("decision", "stage"),
                                   "size": ((130.0, 90.0), (150.0, 70.0))}
    as_json = {c["old_id"]: c["fields"] for c in result.to_json()["nodes"]["changed"]}
    assert as_json["proposal"]["position"] == [[400.0, 200.0], [450.0, 20.0]]
    json.dumps(result.to_json(), allow_nan=False)


def test_a_stage_whose_id_changed_but_name_stayed_is_matched_by_name() -> None:
    # Name compared without case and surrounding spaces; arrows follow the matched stage.
    result = diff(("id: proposal, kind: stage, name: Proposal,",
                   "id: offer, kind: stage, name: ' proposal ',"),
                  ("to: proposal, label: \"Yes\"", "to: offer, label: \"Yes\""),
                  ("from: proposal, to: n", "from: offer, to: n"),
                  ("to: proposal, label: Revise", "to: offer, label: Revise"))
    assert result.nodes.matched["proposal"] == "offer"
    assert fields(result.nodes.changed) == {
        ("proposal", "offer"): {"id": ("proposal", "offer"), "name": ("Proposal", " proposal ")}}
    assert not result.nodes.added and not result.nodes.removed
    assert not result.edges  # the arrows join the same stages
    assert result.metrics is not None and result.metrics.changed == ()  # same bottleneck
    assert result.metrics.pair("bottleneck") == ("proposal", "offer")


def test_id_matching_comes_before_name_matching() -> None:
    # 'qualify' keeps its id and takes Proposal's name; Proposal's node gets a new id and name.
    result = diff(("name: Qualify,", "name: Proposal,"),
                  ("id: proposal, kind: stage, name: Proposal,", "id: p2, kind: stage, name: P2,"),
                  ("to: proposal, label: \"Yes\"", "to: p2, label: \"Yes\""),
                  ("from: proposal, to: n", "from: p2, to: n"),
                  ("to: proposal, label: Revise", "to: p2, label: Revise"))
    assert result.nodes.matched["qualify"] == "qualify"
    assert result.added_node_ids == ("p2",) and result.removed_node_ids == ("proposal",)


def test_equal_names_pair_up_in_file_order_and_empty_names_never_match() -> None:
    old, new = Document(), Document()
    for doc, ids in ((old, ("a", "b", "c")), (new, ("x", "y", "z"))):
        for node_id, name in zip(ids, ("Call", "Call", ""), strict=True):
            doc.add_node(Node(node_id, NodeKind.STAGE, name))
    result = diff_documents(old, new, metrics=False)
    assert result.nodes.matched == {"a": "x", "b": "y"}
    assert result.added_node_ids == ("z",) and result.removed_node_ids == ("c",)
    assert result.metrics is None


# ------------------------------------------------------------------------------ arrows
def test_relabelled_arrow_and_changed_probability() -> None:
    result = diff(('{id: e6, from: n, to: won, label: "Yes", probability: 0.6}',
                   '{id: e6, from: n, to: won, label: Accepted, probability: 0.7}'),
                  ('label: "No", probability: 0.2', 'label: "No", probability: 0.1'))
    assert fields(result.edges.changed) == {
        ("e6", "e6"): {"label": ("Yes", "Accepted"), "probability": (0.6, 0.7)},
        ("e7", "e7"): {"probability": (0.2, 0.1)}}
    assert result.changed_edge_ids == ("e6", "e7")


def test_re_pointed_arrow_is_matched_by_id() -> None:
    result = diff(("{id: e8, from: n, to: proposal,", "{id: e8, from: n, to: qualify,"))
    assert fields(result.edges.changed) == {("e8", "e8"): {"target": ("proposal", "qualify")}}
    assert not result.edges.added and not result.edges.removed


def test_an_arrow_sharing_only_its_id_is_removed_and_added() -> None:
    result = diff(("{id: e8, from: n, to: proposal,", "{id: e8, from: d, to: qualify,"))
    assert result.removed_edge_ids == ("e8",) and result.added_edge_ids == ("e8",)
    assert not result.edges.changed


def test_arrows_are_matched_by_their_ends_whatever_their_ids() -> None:
    # Arrows written without ids are numbered in file order: one inserted arrow renumbers the
    # rest, which must not turn into changes.
    text = re.sub(r"\{id: e\d+, ", "{", EXAMPLE)
    old = loads_document(text)
    new = loads_document(text.replace("edges:\n", "edges:\n  - {from: qualify, to: lost}\n"))
    assert old.edges["e1"].source == "start" and new.edges["e1"].source == "qualify"
    result = diff_documents(old, new)
    assert [(e.source, e.target) for e in result.edges.added] == [("qualify", "lost")]
    assert not result.edges.removed and not result.edges.changed
    assert result.edges.matched["e1"] == "e2"


def test_a_re_pointed_end_follows_the_stage_matching() -> None:
    # The arrow into Proposal now goes into the same stage under a new id: no arrow change.
    result = diff(("id: proposal, kind: stage", "id: offer, kind: stage"),
                  ("to: proposal, label: \"Yes\"", "to: offer, label: \"Yes\""),
                  ("from: proposal, to: n", "from: offer, to: n"),
                  ("to: proposal, label: Revise", "to: qualify, label: Revise"))
    assert fields(result.edges.changed) == {("e8", "e8"): {"target": ("proposal", "qualify")}}


# ------------------------------------------------------------------------------ lanes and title
def test_lanes_added_removed_renamed_and_reordered() -> None:
    result = diff(("  - {id: sdr, name: SDR}\n  - {id: ae, name: Account Executive}\n",
                   "  - {id: ae, name: Account executives, height: 200}\n"
                   "  - {id: sdr, name: SDR}\n  - {id: cs, name: Customer success}\n"),
                  ("title: Worked example", "title: Planned"))
    assert [lane.id for lane in result.lanes.added] == ["cs"]
    assert fields(result.lanes.changed) == {
        ("ae", "ae"): {"name": ("Account Executive", "Account executives"),
                       "height": (180.0, 200.0)}}
    assert result.lane_order == (("sdr", "ae"), ("ae", "sdr", "cs"))
    assert result.title == ("Worked example", "Planned")
    data = result.to_json()
    assert data["lanes"]["order"] == [["sdr", "ae"], ["ae", "sdr", "cs"]]
    assert data["title"] == ["Worked example", "Planned"]

    old, new = example(), example()
    new.remove_node("won")
    new.update_node("proposal", lane=None)
    new.update_node("n", lane=None)
    new.remove_lane("ae")
    result = diff_documents(old, new)
    assert [lane.id for lane in result.lanes.removed] == ["ae"] and result.lane_order is None
    assert fields(result.nodes.changed)[("n", "n")] == {"lane": ("ae", None)}


def test_a_lane_whose_id_changed_is_matched_by_name_and_its_stages_did_not_move() -> None:
    old = example()
    new = Document(old.title)
    new.add_lane(Lane("sales-dev", "sdr"))
    new.add_lane(Lane("ae", "Account Executive"))
    for node in old.nodes.values():
        new.add_node(dataclasses.replace(
            node, lane="sales-dev" if node.lane == "sdr" else node.lane))
    for edge in old.edges.values():
        new.add_edge(edge)
    result = diff_documents(old, new)
    assert fields(result.lanes.changed) == {
        ("sdr", "sales-dev"): {"id": ("sdr", "sales-dev"), "name": ("SDR", "sdr")}}
    assert not result.nodes and not result.edges and result.lane_order is None


# ------------------------------------------------------------------------------ metrics
def test_raising_a_probability_raises_the_win_rate() -> None:
    # 60% -> 70% accepted, 20% -> 10% rejected: won = 0.5 * 0.7 / 0.8 = 0.4375 of the leads.
    result = diff(("probability: 0.6", "probability: 0.7"),
                  ('label: "No", probability: 0.2', 'label: "No", probability: 0.1'))
    metrics = result.metrics
    assert metrics is not None and metrics.old is not None and metrics.new is not None
    old_rate, new_rate = metrics.pair("win_rate")
    assert old_rate == pytest.approx(0.375) and new_rate == pytest.approx(0.4375)
    assert metrics.changed == ("win_rate",)  # days to win: still 1.25 proposals on average
    assert metrics.pair("days_to_win") == pytest.approx((8.25, 8.25))
    assert result.to_json()["metrics"]["win_rate"] == [pytest.approx(0.375),
                                                      pytest.approx(0.4375)]


def test_days_to_win_and_bottleneck_follow_the_durations() -> None:
    # Qualify takes 4 days instead of 2: 4000 lead-days there, more than Proposal's 3125.
    result = diff(("duration_days: 2", "duration_days: 4"), leads=200)
    metrics = result.metrics
    assert metrics is not None and metrics.leads == 200
    assert metrics.pair("days_to_win") == pytest.approx((8.25, 10.25))
    assert metrics.pair("bottleneck") == ("proposal", "qualify")
    assert metrics.changed == ("days_to_win", "bottleneck")
    data = result.to_json()["metrics"]
    assert data["bottleneck"] == ["proposal", "qualify"] and data["leads"] == 200
    assert data["changed"] == ["days_to_win", "bottleneck"]
    assert data["errors"] == {"old": None, "new": None}


def test_metrics_that_cannot_be_computed_keep_the_structural_diff() -> None:
    result = diff(("kind: start", "kind: stage"))
    metrics = result.metrics
    assert metrics is not None and metrics.old is not None and metrics.new is None
    assert metrics.old_error is None and "no start" in (metrics.new_error or "")
    assert metrics.pair("win_rate") == (0.375, None) and metrics.changed == ()
    assert fields(result.nodes.changed) == {("start", "start"): {
        "kind": ("start", "stage"), "size": ((120.0, 50.0), (150.0, 70.0))}}
    data = result.to_json()["metrics"]
    assert data["win_rate"] == [0.375, None] and data["errors"]["new"] == metrics.new_error


@pytest.mark.parametrize("leads", [0, -1, float("nan"), float("inf"), 1e13, True])
def test_leads_must_be_a_positive_number(leads: float) -> None:
    with pytest.raises(MetricsError):
        diff_documents(example(), example(), leads)


def test_no_bottleneck_any_more_is_a_change() -> None:
    result = diff(("duration_days: 2", "duration_days: 0"),
                  ("duration_days: 5", "duration_days: 0"))
    assert result.metrics is not None
    assert result.metrics.pair("bottleneck") == ("proposal", None)
    assert result.metrics.changed == ("days_to_win", "bottleneck")
