"""Edits of sub-processes, and edits inside them: each is operations that revert exactly, so one
undo stack can span every level."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from subprocess_helpers import hand_example

from flowedit.analysis.metrics import compute_metrics
from flowedit.io import dumps_document, load_document
from flowedit.model import Document, ModelError, NodeKind
from flowedit.model import editing as edit
from flowedit.model import subprocess as sub
from flowedit.model.operations import (
    AddNode,
    LevelRecorder,
    Recorder,
    apply_all,
    revert_all,
)

B2B = Path(__file__).resolve().parents[2] / "samples" / "b2b-sales.yaml"


def _recorded(doc: Document, action, path: tuple[str, ...] = ()) -> list:  # type: ignore[no-untyped-def]
    rec = LevelRecorder(doc, path)
    with rec.all_or_nothing():
        action(rec)
    return rec.operations


def test_making_a_sub_process_keeps_the_figures_and_undoes_exactly() -> None:
    doc = load_document(B2B)
    before_text, before = dumps_document(doc), compute_metrics(doc)
    operations = _recorded(doc, lambda rec: sub.make_subprocess(rec, "negotiation"))
    child = doc.nodes["negotiation"].process
    assert child is not None
    assert [n.kind for n in child.nodes.values()] == [NodeKind.START, NodeKind.STAGE,
                                                      NodeKind.END]
    after = compute_metrics(doc)
    assert after.from_subprocess["negotiation"].days == pytest.approx(10)
    assert after.win_rate == pytest.approx(before.win_rate)
    assert after.days_to_win == pytest.approx(before.days_to_win)
    revert_all(doc, operations)
    assert dumps_document(doc) == before_text


def test_a_made_sub_process_has_one_end_per_arrow_with_its_probability() -> None:
    doc = load_document(B2B)
    _recorded(doc, lambda rec: sub.make_subprocess(rec, "negotiation"))
    doc.update_node("negotiation", duration_days=None)
    _recorded(doc, lambda rec: sub.make_subprocess(rec, "revise"))
    _recorded(doc, lambda rec: sub.remove_subprocess(rec, "revise"))
    assert doc.nodes["revise"].process is None
    # the decision 'accepted' cannot hold one
    with pytest.raises(ModelError, match="Only a stage"):
        _recorded(doc, lambda rec: sub.make_subprocess(rec, "accepted"))


def _same_process(a: Document, b: Document) -> None:
    assert a.lanes == b.lanes
    assert a.nodes == b.nodes  # ids and every field, order aside
    assert a.edges == b.edges


@pytest.mark.parametrize("chosen", [
    ["qualification", "qualified", "nurture"],  # a loop inside, two ways out
    ["proposal", "negotiation", "accepted", "revise"],  # spans two lanes
    ["contract", "ready", "redlines"],
    ["onboarding"],
])
def test_ungrouping_puts_back_what_grouping_took(chosen: list[str]) -> None:
    doc = load_document(B2B)
    original = load_document(B2B)
    before = compute_metrics(doc)
    stage: list[str] = []
    grouped = _recorded(doc, lambda rec: stage.append(sub.group_into_subprocess(rec, chosen)))
    assert not set(chosen) & set(doc.nodes)
    assert compute_metrics(doc).win_rate == pytest.approx(before.win_rate)
    text = dumps_document(doc)
    ungrouped = _recorded(doc, lambda rec: sub.ungroup_subprocess(rec, stage[0]))
    _same_process(doc, original)
    revert_all(doc, ungrouped)
    assert dumps_document(doc) == text
    revert_all(doc, grouped)
    assert dumps_document(doc) == dumps_document(original)


def test_grouping_refuses_starts_and_ends() -> None:
    doc = load_document(B2B)
    with pytest.raises(ModelError, match="begins or ends"):
        _recorded(doc, lambda rec: sub.group_into_subprocess(rec, ["lead-in", "prospecting"]))
    with pytest.raises(ModelError, match="marks the lead won"):
        _recorded(doc, lambda rec: sub.group_into_subprocess(rec, ["ready", "closing"]))
    assert doc == load_document(B2B)


def test_links_and_embedding_undo_exactly() -> None:
    doc = hand_example()
    text = dumps_document(doc)
    linked = _recorded(doc, lambda rec: sub.link_to_file(rec, "nego", "parts/nego.yaml"))
    assert doc.nodes["nego"].process is None and doc.nodes["nego"].subprocess == "parts/nego.yaml"
    unlinked = _recorded(doc, lambda rec: sub.unlink(rec, "nego"))
    revert_all(doc, unlinked)
    revert_all(doc, linked)
    assert dumps_document(doc) == text
    with pytest.raises(ModelError, match="relative"):
        _recorded(doc, lambda rec: sub.link_to_file(rec, "nego", "/etc/nego.yaml"))


def test_an_edit_inside_tells_the_stage_and_reverts_from_the_top() -> None:
    doc = hand_example()
    heard: list = []
    doc.subscribe(heard.extend)
    text = dumps_document(doc)
    operations = _recorded(doc, lambda rec: edit.place_node(rec, NodeKind.STAGE, 500, 400),
                           ("nego",))
    assert any(c.id == "nego" and "process" in c.fields for c in heard)
    assert len(doc.nodes["nego"].process.nodes) == 8
    revert_all(doc, operations)
    assert dumps_document(doc) == text


def test_the_shape_limit_counts_every_level(monkeypatch: pytest.MonkeyPatch) -> None:
    import flowedit.model.document as document
    import flowedit.model.operations as operations

    monkeypatch.setattr(document, "MAX_NODES", 12)
    monkeypatch.setattr(operations, "MAX_NODES", 12)
    doc = hand_example()  # 4 shapes + 7 inside
    text = dumps_document(doc)
    _recorded(doc, lambda rec: edit.place_node(rec, NodeKind.STAGE, 600, 400))
    with pytest.raises(ModelError, match="sub-processes included"):
        _recorded(doc, lambda rec: edit.place_node(rec, NodeKind.STAGE, 500, 400), ("nego",))
    with pytest.raises(ModelError, match="sub-processes included"):
        Recorder(doc).do(AddNode(doc.nodes["nego"].__class__(
            "copy", NodeKind.STAGE, "Copy", process=sub.copy_process(doc.nodes["nego"].process))))
    assert len(doc.nodes) == 5 and dumps_document(doc) != text


# ------------------------------------------------------------------ random edits at any level
EDITS = ("place", "connect", "move", "rename", "delete", "make", "group", "ungroup", "link",
         "unlink", "probability")


def _random_edit(rng: random.Random, root: Document) -> list:  # type: ignore[type-arg]
    paths = [level.path for level in sub.levels(root)
             if all(root.level(level.path[:i]).nodes[level.path[i]].process is not None
                    for i in range(len(level.path)))]
    path = rng.choice(paths)
    doc = root.level(path)
    nodes = list(doc.nodes)
    stages = [n for n in nodes if doc.nodes[n].kind is NodeKind.STAGE]
    kind = rng.choice(EDITS)

    def action(rec: Recorder) -> None:
        if kind == "place":
            edit.place_node(rec, rng.choice(list(NodeKind)), rng.uniform(0, 900),
                            rng.uniform(0, 600))
        elif kind == "connect" and len(nodes) >= 2:
            edit.connect(rec, rng.choice(nodes), rng.choice(nodes))
        elif kind == "move" and nodes:
            edit.move_nodes(rec, {rng.choice(nodes): (rng.uniform(0, 900), rng.uniform(0, 900))})
        elif kind == "rename" and nodes:
            edit.update_node(rec, rng.choice(nodes), name=f"Renamed {rng.randint(0, 9)}")
        elif kind == "delete" and nodes:
            edit.delete(rec, rng.sample(nodes, k=min(2, len(nodes))), [])
        elif kind == "make" and stages:
            sub.make_subprocess(rec, rng.choice(stages))
        elif kind == "group" and stages:
            sub.group_into_subprocess(rec, rng.sample(stages, k=min(len(stages),
                                                                   rng.randint(1, 3))))
        elif kind == "ungroup" and stages:
            sub.ungroup_subprocess(rec, rng.choice(stages))
        elif kind == "link" and stages:
            sub.link_to_file(rec, rng.choice(stages), "other.yaml")
        elif kind == "unlink" and stages:
            sub.unlink(rec, rng.choice(stages))
        elif kind == "probability" and doc.edges:
            edit.update_edge(rec, rng.choice(list(doc.edges)), probability=rng.random())

    try:
        return _recorded(root, action, path)
    except ModelError:
        return []


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**9), steps=st.integers(1, 12))
def test_any_edits_at_any_level_revert_exactly(seed: int, steps: int) -> None:
    rng = random.Random(seed)
    doc = load_document(B2B)
    _recorded(doc, lambda rec: sub.make_subprocess(rec, "prospecting"))
    history = []
    texts = [dumps_document(doc)]
    for _ in range(steps):
        history.append(_random_edit(rng, doc))
        texts.append(dumps_document(doc))
    final = texts[-1]
    for operations, text in zip(reversed(history), reversed(texts[:-1]), strict=True):
        revert_all(doc, operations)  # undo, step by step
        assert dumps_document(doc) == text
    for operations in history:  # redo
        apply_all(doc, operations)
    assert dumps_document(doc) == final


def test_a_duplicated_stage_gets_a_sub_process_of_its_own() -> None:
    """Duplicate (Ctrl+D) pastes the shapes without the clipboard: the copy must not share
    the document of the original's sub-process, or editing one would edit both."""
    doc = hand_example()
    new_ids: list[str] = []
    _recorded(doc, lambda rec: new_ids.extend(
        edit.paste_fragment(rec, edit.copy_fragment(doc, ["nego"]), 0, 300)))
    copy = doc.nodes[new_ids[0]].process
    assert copy == doc.nodes["nego"].process and copy is not doc.nodes["nego"].process
    _recorded(doc, lambda rec: edit.place_node(rec, NodeKind.STAGE, 500, 400), (new_ids[0],))
    assert len(doc.nodes["nego"].process.nodes) == 7
