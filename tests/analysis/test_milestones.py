"""Milestones: a stage with an outcome counts the lead as won (or lost) when it gets there, and the
process goes on (onboarding, retention). The worked example of docs/metrics.md ("A won deal that
goes on") to 1e-9, and the rules of first arrival."""

from __future__ import annotations

import json

from flowedit.analysis.metrics import compute_metrics
from flowedit.model import Document, Edge, Node, NodeKind, Outcome

KINDS = {"start": (NodeKind.START, None), "stage": (NodeKind.STAGE, None),
         "decision": (NodeKind.DECISION, None), "won": (NodeKind.END, Outcome.WON),
         "lost": (NodeKind.END, Outcome.LOST), "end": (NodeKind.END, None),
         "wonstage": (NodeKind.STAGE, Outcome.WON), "loststage": (NodeKind.STAGE, Outcome.LOST)}


def process(nodes: str, edges: str, days: dict[str, float] | None = None) -> Document:
    """As in test_metrics.py, plus the kinds 'wonstage' and 'loststage' (milestones)."""
    doc = Document("Milestone test")
    days = days or {}
    for word in nodes.split():
        node_id, kind = word.split(":")
        doc.add_node(Node(node_id, KINDS[kind][0], node_id.capitalize(), outcome=KINDS[kind][1],
                          duration_days=days.get(node_id)))
    for number, word in enumerate(edges.split(), start=1):
        ends, _, share = word.partition("@")
        source, target = ends.split(">")
        doc.add_edge(Edge(f"e{number}", source, target,
                          probability=float(share) if share else None))
    return doc


def close(actual: float | None, expected: float) -> bool:
    return actual is not None and abs(actual - expected) <= 1e-9


def worked_example() -> Document:
    """docs/metrics.md, "A won deal that goes on": the worked example with 'Contract signed'
    (1 day, won) after acceptance, then Onboarding (30 days) and the end 'Customer live'."""
    return process(
        "start:start qualify:stage d:decision proposal:stage n:decision signed:wonstage "
        "onboarding:stage live:end lost:lost",
        "start>qualify qualify>d d>proposal@0.5 d>lost@0.5 proposal>n "
        "n>signed@0.6 n>lost@0.2 n>proposal@0.2 signed>onboarding onboarding>live",
        days={"qualify": 2, "proposal": 5, "signed": 1, "onboarding": 30})


def test_the_worked_example_to_1e_9() -> None:
    m = compute_metrics(worked_example(), leads=1000)
    assert close(m.win_rate, 0.375)
    assert close(m.days_to_win, 8.25)  # measured when the lead enters 'Contract signed'
    assert close(m.milestones["signed"].leads, 375)
    assert close(m.milestones["signed"].days, 8.25)
    assert m.milestones["signed"].outcome == "won"
    assert close(m.ends["live"].leads, 375)
    assert close(m.ends["live"].days, 39.25)  # 8.25 + 1 + 30
    assert m.ends["live"].outcome is None
    assert close(m.nodes["onboarding"].lead_days, 11250)
    assert m.bottleneck == "onboarding"
    assert close(m.ends["lost"].leads, 625) and close(m.ends["lost"].days, 3.25)
    assert set(m.to_json()) >= {"milestones"}
    data = json.loads(json.dumps(m.to_json(), allow_nan=False))
    assert data["milestones"] == {"signed": {"leads": 375.0, "share": 0.375, "outcome": "won",
                                             "days": 8.25}}


def test_onboarding_before_a_won_end_is_what_the_milestone_avoids() -> None:
    # The same process with the won end after onboarding: days to win grow by 31.
    doc = process(
        "start:start qualify:stage d:decision proposal:stage n:decision signed:stage "
        "onboarding:stage won:won lost:lost",
        "start>qualify qualify>d d>proposal@0.5 d>lost@0.5 proposal>n "
        "n>signed@0.6 n>lost@0.2 n>proposal@0.2 signed>onboarding onboarding>won",
        days={"qualify": 2, "proposal": 5, "signed": 1, "onboarding": 30})
    m = compute_metrics(doc)
    assert close(m.win_rate, 0.375) and close(m.days_to_win, 39.25)
    assert m.milestones == {} and "milestones" not in m.to_json()


def test_a_milestone_visited_again_round_a_loop_counts_each_lead_once() -> None:
    # Half of the customers renew and pass 'Signed' again: 2 visits per lead, still one win.
    doc = process("start:start signed:wonstage renew:decision done:end",
                  "start>signed signed>renew renew>signed@0.5 renew>done@0.5",
                  days={"start": 3, "signed": 10})
    m = compute_metrics(doc, leads=100)
    assert close(m.nodes["signed"].visits, 200)
    assert close(m.win_rate, 1.0)
    assert close(m.days_to_win, 3.0)
    assert close(m.milestones["signed"].leads, 100)


def test_win_rate_is_the_chance_of_ever_reaching_a_won_milestone_or_won_end() -> None:
    # 40% reach the milestone and go on to the end 'Renewed' (won again: still counted once);
    # 30% go straight to the won end 'Direct'; 30% are lost.
    doc = process("start:start d:decision signed:wonstage renewed:won direct:won lost:lost",
                  "start>d d>signed@0.4 d>direct@0.3 d>lost@0.3 signed>renewed",
                  days={"start": 4, "signed": 6})
    m = compute_metrics(doc, leads=1000)
    assert close(m.win_rate, 0.7)
    assert close(m.days_to_win, 4.0)
    assert close(m.ends["renewed"].days, 10.0)


def test_a_lost_milestone_counts_first_arrivals_and_feeds_the_biggest_leak() -> None:
    # Disqualified leads are recorded as lost and go on to a nurture list that finishes.
    doc = process("start:start d:decision dq:loststage nurture:stage later:end won:won",
                  "start>d d>dq@0.25 d>won@0.75 dq>nurture nurture>later",
                  days={"start": 2, "dq": 1, "nurture": 90})
    m = compute_metrics(doc, leads=1000)
    assert close(m.milestones["dq"].leads, 250) and close(m.milestones["dq"].days, 2.0)
    assert m.milestones["dq"].outcome == "lost"
    assert close(m.win_rate, 0.75)
    assert m.biggest_leak == "d"
    assert close(m.nodes["d"].lost, 250)


def test_every_lead_is_still_accounted_for() -> None:
    m = compute_metrics(worked_example(), leads=1000)
    finished = sum(end.leads for end in m.ends.values())
    assert close(finished + m.dropped + m.stuck, 1000)
