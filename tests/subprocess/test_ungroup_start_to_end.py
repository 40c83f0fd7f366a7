"""Ungrouping a sub-process whose start leads straight to an end that leaves by an arrow (found by
test_any_edits_at_any_level_revert_exactly, seed 2640: a KeyError on 'end-1')."""

from __future__ import annotations

from pathlib import Path

from flowedit.io import dumps_document, load_document
from flowedit.model import subprocess as sub
from flowedit.model.operations import LevelRecorder, revert_all

B2B = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


def test_arrows_into_the_stage_go_where_the_end_leaves_by() -> None:
    doc = load_document(B2B)
    rec = LevelRecorder(doc, ())
    with rec.all_or_nothing():
        sub.make_subprocess(rec, "prospecting")
    child = doc.nodes["prospecting"].process
    assert child is not None
    child.remove_node("step")  # the sub-process now passes every lead straight through
    child.connect("start", "end-1")
    incoming = [e.id for e in doc.edges.values() if e.target == "prospecting"]
    leaving = {e.target for e in doc.edges.values() if e.source == "prospecting"}
    before = dumps_document(doc)
    rec = LevelRecorder(doc, ())
    with rec.all_or_nothing():
        sub.ungroup_subprocess(rec, "prospecting")
    assert "prospecting" not in doc.nodes
    assert incoming and {doc.edges[e].target for e in incoming} == leaving
    revert_all(doc, rec.operations)
    assert dumps_document(doc) == before
