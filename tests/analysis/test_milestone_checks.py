"""Checks for milestones (stages marked won or lost): a lead has one outcome on any path, a won
milestone gives a win rate, and a milestone no lead can reach is reported like any stage."""

from __future__ import annotations

from flowedit.analysis import check_document
from flowedit.model import Document, Edge, Node, NodeKind, Outcome

START, STAGE, DECISION, END = NodeKind.START, NodeKind.STAGE, NodeKind.DECISION, NodeKind.END


def after_sales(churn_outcome: Outcome | None) -> Document:
    """lead -> signed (won milestone) -> onboard -> health? -> renewed (end) / churned (end)."""
    doc = Document("After-sales")
    doc.add_node(Node("lead", START, "Lead"))
    doc.add_node(Node("signed", STAGE, "Contract signed", outcome=Outcome.WON))
    doc.add_node(Node("onboard", STAGE, "Onboarding"))
    doc.add_node(Node("health", DECISION, "Healthy?"))
    doc.add_node(Node("renewed", END, "Renewed"))
    doc.add_node(Node("churned", END, "Churned", outcome=churn_outcome))
    for number, (source, target, label) in enumerate(
            [("lead", "signed", None), ("signed", "onboard", None), ("onboard", "health", None),
             ("health", "renewed", "Yes"), ("health", "churned", "No")], start=1):
        doc.add_edge(Edge(f"e{number}", source, target, label))
    return doc


def test_a_won_milestone_followed_by_plain_ends_is_clean() -> None:
    assert check_document(after_sales(None)) == []


def test_a_lost_end_after_a_won_milestone_is_an_error_naming_both() -> None:
    problems = check_document(after_sales(Outcome.LOST))
    assert [(p.code, p.severity.value, p.node) for p in problems] == [
        ("conflicting-outcome", "error", "churned")]
    assert "'Churned' is marked lost" in problems[0].message
    assert "after 'Contract signed' marked them won" in problems[0].message


def test_a_milestone_passed_again_round_a_loop_is_not_a_repeat() -> None:
    doc = after_sales(None)
    doc.add_edge(Edge("again", "onboard", "signed"))
    assert [p.code for p in check_document(doc)] == ["implicit-split"]


def test_a_won_milestone_is_enough_for_a_win_rate() -> None:
    codes = [p.code for p in check_document(after_sales(None))]
    assert "no-won-end" not in codes


def test_an_unreachable_milestone_is_reported() -> None:
    doc = after_sales(None)
    doc.add_node(Node("extra", STAGE, "Signed elsewhere", outcome=Outcome.WON))
    doc.add_edge(Edge("x", "extra", "onboard"))
    problems = [p for p in check_document(doc) if p.node == "extra"]
    assert [p.code for p in problems] == ["unreachable"]
