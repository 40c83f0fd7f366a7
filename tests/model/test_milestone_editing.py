"""Changing a node's kind keeps or drops its outcome: an end made a stage keeps it (it becomes a
milestone, the fix for an arrow leaving a won end), a milestone made a decision drops it."""

from __future__ import annotations

from flowedit.model import Document, Node, NodeKind, Outcome, editing, is_milestone
from flowedit.model.operations import Recorder, revert_all


def doc_with(kind: NodeKind) -> Document:
    doc = Document("Kinds")
    doc.add_node(Node("n", kind, "Contract signed", outcome=Outcome.WON))
    return doc


def test_a_won_end_made_a_stage_becomes_a_won_milestone() -> None:
    doc = doc_with(NodeKind.END)
    editing.update_node(Recorder(doc), "n", kind=NodeKind.STAGE)
    assert is_milestone(doc.nodes["n"]) and doc.nodes["n"].outcome is Outcome.WON


def test_a_milestone_made_a_decision_loses_its_outcome_and_undo_brings_it_back() -> None:
    doc = doc_with(NodeKind.STAGE)
    rec = Recorder(doc)
    editing.update_node(rec, "n", kind=NodeKind.DECISION)
    assert (doc.nodes["n"].kind, doc.nodes["n"].outcome) == (NodeKind.DECISION, None)
    revert_all(doc, rec.operations)
    assert doc == doc_with(NodeKind.STAGE)
