"""A refused compound edit leaves no trace, and observers never hear of it (issue 10)."""

from __future__ import annotations

import pytest

from flowedit.model import Document, Lane, ModelError, Node, NodeKind, editing
from flowedit.model.operations import Recorder


def stage_after_end(rec: Recorder) -> None:
    """A compound edit refused half-way: the new stage exists when the arrow is refused."""
    new_id = editing.place_node(rec, NodeKind.STAGE, 700, 90)
    editing.connect(rec, "end-1", new_id)


def small_doc() -> Document:
    doc = Document("Test")
    doc.add_lane(Lane("sales", "Sales"))
    doc.add_node(Node("stage-1", NodeKind.STAGE, "Qualify", x=200, y=90, lane="sales"))
    doc.add_node(Node("end-1", NodeKind.END, "Won", x=500, y=90, lane="sales"))
    doc.connect("stage-1", "end-1", edge_id="e1")
    return doc


def test_observers_never_hear_of_a_compound_edit_that_was_refused() -> None:
    doc = small_doc()
    heard: list[object] = []
    doc.subscribe(heard.append)
    recorder = Recorder(doc)
    with pytest.raises(ModelError, match="nothing leaves it"), recorder.all_or_nothing():
        stage_after_end(recorder)
    assert heard == [] and recorder.operations == []
    assert doc == small_doc()


def test_changes_made_before_a_refused_inner_edit_are_still_delivered() -> None:
    """Only the refused part is forgotten: an outer transaction's own changes still count."""
    doc = small_doc()
    heard: list[list[object]] = []
    doc.subscribe(heard.append)
    with doc.transaction():
        doc.rename_node("stage-1", "Qualify lead")
        recorder = Recorder(doc)
        with pytest.raises(ModelError), recorder.all_or_nothing():
            stage_after_end(recorder)
    assert len(heard) == 1 and [(c.what, c.how, c.id) for c in heard[0]] == [
        ("node", "changed", "stage-1")]
