"""`outcome` on a stage (a milestone) is read and written back; files without it are unchanged and
stay format version 1."""

from __future__ import annotations

from pathlib import Path

from flowedit.io import dumps_document, load_document, loads_document
from flowedit.model import NodeKind, Outcome

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

MILESTONE = """\
flowedit: 1
title: After-sales
nodes:
- id: lead
  kind: start
  name: Lead
  x: 100
  y: 100
- id: signed
  kind: stage
  name: Contract signed
  x: 300
  y: 100
  duration_days: 2
  outcome: won
- id: live
  kind: end
  name: Customer live
  x: 500
  y: 100
edges:
- id: e1
  from: lead
  to: signed
- id: e2
  from: signed
  to: live
"""


def test_a_stage_with_an_outcome_is_read_as_a_milestone() -> None:
    doc = loads_document(MILESTONE)
    signed = doc.nodes["signed"]
    assert (signed.kind, signed.outcome) == (NodeKind.STAGE, Outcome.WON)


def test_it_is_written_back_byte_for_byte() -> None:
    assert dumps_document(loads_document(MILESTONE)) == MILESTONE


def test_files_without_milestones_are_written_as_before() -> None:
    for path in SAMPLES.glob("*.yaml"):
        text = dumps_document(load_document(path))
        assert text.startswith("flowedit: 1\n")
        assert dumps_document(loads_document(text)) == text
