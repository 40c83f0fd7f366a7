"""Milestones wherever the process is shown: the shared painting code draws their flag (so exports
show it), and the handout says the deal counts as won there."""

from __future__ import annotations

import pytest

from flowedit.model import Document, Edge, Node, NodeKind, Outcome
from flowedit.render.export import render_bytes
from flowedit.render.handout import _section_html

LOST_RED = b"#c62828"


@pytest.fixture(autouse=True)
def _app(qapp: object) -> None:
    """Painting needs a QGuiApplication: pytest-qt's."""


def after_sales(outcome: Outcome | None) -> Document:
    doc = Document("After-sales")
    doc.add_node(Node("lead", NodeKind.START, "Lead", x=100, y=100))
    doc.add_node(Node("signed", NodeKind.STAGE, "Contract signed", x=300, y=100,
                      outcome=outcome))
    doc.add_node(Node("onboard", NodeKind.STAGE, "Onboarding", x=500, y=100))
    doc.add_node(Node("live", NodeKind.END, "Customer live", x=700, y=100))
    for number, (source, target) in enumerate(
            [("lead", "signed"), ("signed", "onboard"), ("onboard", "live")], start=1):
        doc.add_edge(Edge(f"e{number}", source, target))
    return doc


def test_the_exported_picture_shows_the_milestone_flag() -> None:
    # Nothing else in this process is drawn red: the lost milestone's flag is.
    assert LOST_RED not in render_bytes(after_sales(None), "svg").lower()
    assert LOST_RED in render_bytes(after_sales(Outcome.LOST), "svg").lower()


def test_the_handout_says_the_deal_counts_as_won_and_goes_on() -> None:
    doc = after_sales(Outcome.WON)
    html = _section_html(doc, doc.nodes["signed"], 2)
    assert "Stage (won milestone)" in html
    assert "The deal counts as won here; the process goes on." in html
    assert "milestone" not in _section_html(doc, doc.nodes["onboard"], 3)
