"""The funnel's "most likely path to a won deal": the path from a start to a won outcome whose
arrows' shares multiply to the most, never one that stops inside a loop."""

from __future__ import annotations

from pathlib import Path

from flowedit.analysis.funnel import funnel_bars, most_likely_won_path
from flowedit.analysis.metrics import compute_metrics
from flowedit.io.flowfile import load_document
from flowedit.model import Document, Edge, Node, NodeKind, Outcome

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"
KINDS = {"start": (NodeKind.START, None), "stage": (NodeKind.STAGE, None),
         "decision": (NodeKind.DECISION, None), "won": (NodeKind.END, Outcome.WON),
         "lost": (NodeKind.END, Outcome.LOST)}


def process(nodes: str, edges: str) -> Document:
    """'id:kind' words and 'source>target@share' words, as in tests/analysis/test_metrics.py."""
    doc = Document("Funnel test")
    for word in nodes.split():
        node_id, kind = word.split(":")
        doc.add_node(Node(node_id, KINDS[kind][0], node_id.capitalize(), outcome=KINDS[kind][1]))
    for number, word in enumerate(edges.split(), start=1):
        ends, _, share = word.partition("@")
        source, target = ends.split(">")
        doc.add_edge(Edge(f"e{number}", source, target,
                          probability=float(share) if share else None))
    return doc


def path_of(doc: Document) -> list[str]:
    return most_likely_won_path(doc, compute_metrics(doc))


def test_a_loop_back_to_an_earlier_stage_does_not_end_the_path() -> None:
    # The busiest way out of 'fit' is nurture, which only leads back to qualify.
    doc = process("start:start qualify:stage fit:decision nurture:stage demo:stage won:won "
                  "lost:lost",
                  "start>qualify qualify>fit fit>demo@0.35 fit>nurture@0.4 fit>lost@0.25 "
                  "nurture>qualify demo>won")
    assert path_of(doc) == ["start", "qualify", "fit", "demo", "won"]


def test_the_most_probable_path_not_the_busiest_first_step() -> None:
    # 60% go to 'cold' but only 10% of those are won: 0.06 against 0.4 through 'warm'.
    doc = process("start:start d:decision cold:stage ask:decision warm:stage won:won lost:lost",
                  "start>d d>cold@0.6 d>warm@0.4 cold>ask ask>won@0.1 ask>lost@0.9 warm>won")
    assert path_of(doc) == ["start", "d", "warm", "won"]


def test_a_loop_on_the_path_shows_as_extra_visits_of_its_stage() -> None:
    # Negotiation is revised and negotiated again a third of the time: 1.5 visits per proposal.
    doc = process("start:start proposal:stage negotiate:stage ok:decision revise:stage won:won "
                  "lost:lost",
                  "start>proposal proposal>negotiate negotiate>ok ok>won@0.5 "
                  "ok>revise@0.3333333333333333 ok>lost@0.16666666666666666 revise>negotiate")
    bars = funnel_bars(doc, compute_metrics(doc))
    assert [bar.node for bar in bars] == ["start", "proposal", "negotiate", "won"]
    assert abs(bars[2].conversion - 1.5) < 1e-9
    assert "revise" not in path_of(doc)


def test_no_path_when_no_lead_can_be_won() -> None:
    doc = process("start:start stage:stage lost:lost won:won", "start>stage stage>lost")
    assert path_of(doc) == []


def test_the_b2b_sample_funnel_reaches_a_won_outcome() -> None:
    doc = load_document(SAMPLE)
    path = path_of(doc)
    assert path[0] == "lead-in"
    assert doc.nodes[path[-1]].outcome is Outcome.WON
    assert "nurture" not in path and "revise" not in path
