"""Metrics stay bounded on every file the limits accept (issues 11 and 13): small loops are solved
directly, one big loop iteratively within a work budget, and past the budget the figures are not
computed with a reason instead of a hang. Work is bounded by counting, not by a clock."""

from __future__ import annotations

import pytest

from flowedit.analysis import metrics
from flowedit.analysis.metrics import MetricsError, compute_metrics
from flowedit.model import Document, Edge, Node, NodeKind, Outcome


def big_loop(stages: int, exits: int = 50) -> Document:
    """A start, then every stage in one loop; the first `exits` stages let half their leads go to
    a won end, and each stage takes one day."""
    doc = Document("One big loop")
    doc.add_node(Node("start", NodeKind.START, "Start", 0, 0))
    doc.add_node(Node("won", NodeKind.END, "Won", 0, 100, outcome=Outcome.WON))
    for i in range(stages):
        doc.add_node(Node(f"s{i}", NodeKind.STAGE, f"Stage {i}", i * 10.0, 200, duration_days=1))
    doc.add_edge(Edge("in", "start", "s0"))
    for i in range(stages):
        doc.add_edge(Edge(f"next{i}", f"s{i}", f"s{(i + 1) % stages}"))
        if i < exits:
            doc.add_edge(Edge(f"out{i}", f"s{i}", "won"))
    return doc


class CountingLU:
    """Stands in for splu and counts its calls, delegating to the real one."""

    def __init__(self) -> None:
        self.calls = 0
        self.real = metrics.splu

    def __call__(self, matrix: object) -> object:
        self.calls += 1
        return self.real(matrix)


def test_one_loop_too_big_for_lu_is_solved_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    lu = CountingLU()
    monkeypatch.setattr(metrics, "splu", lu)
    stages = int(metrics.DIRECT_LIMIT ** 0.5) + 1  # one loop whose square passes the limit
    result = compute_metrics(big_loop(stages))
    assert lu.calls == 0
    assert result.win_rate == pytest.approx(1.0, abs=1e-8)  # every lead leaves through an exit
    assert result.stuck == pytest.approx(0.0, abs=1e-6)


def test_iterative_figures_match_the_direct_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    doc = big_loop(300, exits=3)
    direct = compute_metrics(doc)
    lu = CountingLU()
    monkeypatch.setattr(metrics, "splu", lu)
    monkeypatch.setattr(metrics, "DIRECT_LIMIT", 0)
    iterative = compute_metrics(doc)
    assert lu.calls == 0
    assert iterative.days_to_win == pytest.approx(direct.days_to_win, rel=1e-8)
    for node_id, figures in direct.nodes.items():
        assert iterative.nodes[node_id].visits == pytest.approx(figures.visits, rel=1e-8, abs=1e-9)


def test_past_the_budget_the_figures_are_not_computed_with_a_reason(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics, "DIRECT_LIMIT", 0)
    monkeypatch.setattr(metrics, "ITERATIVE_BUDGET", 1_000)  # a few sweeps, far too few
    with pytest.raises(MetricsError, match="figures not computed: one loop holds 300 stages"):
        compute_metrics(big_loop(300, exits=3))


def test_small_loops_are_still_solved_directly(monkeypatch: pytest.MonkeyPatch) -> None:
    lu = CountingLU()
    monkeypatch.setattr(metrics, "splu", lu)
    compute_metrics(big_loop(300, exits=3))
    assert lu.calls == 1  # one factorization serves the visits and the days on the way
