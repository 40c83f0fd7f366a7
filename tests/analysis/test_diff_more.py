"""What test_diff.py leaves out: when a section "has changes", an arrow re-pointed at its source,
the tolerance under which a figure counts as unchanged, an old version whose metrics cannot be
computed, and style (colour, bold) as a change.
"""

from __future__ import annotations

import pytest
from test_diff import EXAMPLE, diff, example, fields

from flowedit.analysis.diff import Section, diff_documents
from flowedit.io import loads_document
from flowedit.model import Node, NodeKind


# ------------------------------------------------------------------------------ sections
def test_a_section_has_changes_only_when_something_was_added_removed_or_changed() -> None:
    node = Node("a", NodeKind.STAGE, "A")
    assert not Section()
    assert not Section(matched={"a": "a"})  # matched and equal: nothing to report
    assert Section(added=(node,))
    assert Section(removed=(node,))
    result = diff(("name: Qualify,", "name: Qualify lead,"))
    assert result.nodes and not result.edges and not result.lanes
    assert result.nodes.changed and not result.nodes.added and not result.nodes.removed


def test_only_a_moved_stage_has_changes_in_nodes_but_not_in_metrics() -> None:
    result = diff(("x: 200, y: 0, duration_days: 2", "x: 260, y: 0, duration_days: 2"))
    assert result.nodes and result.has_differences
    assert result.metrics is not None and result.metrics.changed == ()


# ------------------------------------------------------------------------------ arrows
def test_an_arrow_re_pointed_at_its_source_is_changed_source() -> None:
    result = diff(("{id: e5, from: proposal, to: n}", "{id: e5, from: qualify, to: n}"))
    assert fields(result.edges.changed) == {("e5", "e5"): {"source": ("proposal", "qualify")}}
    assert result.changed_edge_ids == ("e5",)
    assert not result.edges.added and not result.edges.removed


def test_an_arrow_re_pointed_at_both_ends_is_removed_and_added() -> None:
    result = diff(("{id: e5, from: proposal, to: n}", "{id: e5, from: qualify, to: won}"))
    assert result.removed_edge_ids == ("e5",) and result.added_edge_ids == ("e5",)


# ------------------------------------------------------------------------------ tolerance
def _with_yes_probability(delta: float) -> str:
    """The example with 'Accepted? Yes' raised by delta and 'Revise' lowered by as much (the
    branches still add up to 1)."""
    return (EXAMPLE.replace("label: \"Yes\", probability: 0.6", f"label: \"Yes\", probability: "
                                                                f"{0.6 + delta!r}")
            .replace("label: Revise, probability: 0.2", f"label: Revise, probability: "
                                                         f"{0.2 - delta!r}"))


@pytest.mark.parametrize(("delta", "changed"), [(0.0, False), (1e-14, False), (1e-12, False),
                                                (1e-7, True), (1e-4, True)])
def test_a_figure_changes_only_beyond_the_tolerance(delta: float, changed: bool) -> None:
    old = example()
    new = loads_document(_with_yes_probability(delta))
    result = diff_documents(old, new)
    assert result.metrics is not None
    old_rate, new_rate = result.metrics.pair("win_rate")
    if changed:
        assert new_rate > old_rate
    assert ("win_rate" in result.metrics.changed) is changed
    # The probabilities themselves are compared exactly: any change is an arrow change.
    assert bool(result.edges) is (delta != 0.0)


def test_the_tolerance_is_relative_for_big_figures() -> None:
    # Days to win are in the tens: a change of a millionth of a day is a change.
    result = diff(("duration_days: 5}", "duration_days: 5.000001}"))
    assert result.metrics is not None and "days_to_win" in result.metrics.changed
    unchanged = diff(("duration_days: 5}", "duration_days: 5.0000000000001}"))
    assert unchanged.metrics is not None and "days_to_win" not in unchanged.metrics.changed


# ------------------------------------------------------------------------------ failing metrics
def test_an_old_version_whose_metrics_fail_keeps_the_rest_of_the_diff() -> None:
    broken = example(("kind: start", "kind: stage"))
    result = diff_documents(broken, example())
    metrics = result.metrics
    assert metrics is not None and metrics.old is None and metrics.new is not None
    assert "no start" in (metrics.old_error or "") and metrics.new_error is None
    assert metrics.pair("win_rate") == (None, 0.375) and metrics.changed == ()
    assert fields(result.nodes.changed) == {("start", "start"): {
        "kind": ("stage", "start"), "size": ((150.0, 70.0), (120.0, 50.0))}}
    assert result.has_differences
    data = result.to_json()["metrics"]
    assert data["errors"] == {"old": metrics.old_error, "new": None}
    assert data["win_rate"] == [None, 0.375]


def test_both_versions_failing_report_both_reasons() -> None:
    broken = example(("kind: start", "kind: stage"))
    result = diff_documents(broken, broken)
    assert result.metrics is not None and result.metrics.old_error and result.metrics.new_error
    assert not result.has_differences


# ------------------------------------------------------------------------------ style
@pytest.mark.parametrize(("before", "after", "field", "values"), [
    ("name: Qualify,", "name: Qualify, color: teal,", "color", (None, "teal")),
    ("name: Qualify,", "name: Qualify, bold: true,", "bold", (None, True))])
def test_a_recoloured_or_bolded_stage_is_a_change(before: str, after: str, field: str,
                                                  values: tuple[object, object]) -> None:
    """Colour and bold are kept in the file (the style commit): a version that only recolours
    a stage differs, and the diff must say so."""
    result = diff((before, after))
    assert fields(result.nodes.changed) == {("qualify", "qualify"): {field: values}}
    assert result.has_differences


def test_a_recoloured_lane_is_a_change() -> None:
    result = diff(("{id: sdr, name: SDR}", "{id: sdr, name: SDR, color: amber}"))
    assert fields(result.lanes.changed) == {("sdr", "sdr"): {"color": (None, "amber")}}


def test_flowedit_diff_writes_a_style_change(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from flowedit.cli.main import main

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(EXAMPLE, encoding="utf-8")
    new.write_text(EXAMPLE.replace("name: Qualify,", "name: Qualify, color: teal, bold: false,")
                   .replace("{id: sdr, name: SDR}", "{id: sdr, name: SDR, color: amber}"),
                   encoding="utf-8")
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert "colour default → teal; bold default → no" in out
    assert "colour default → amber" in out
