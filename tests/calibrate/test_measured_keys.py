"""The file-format keys of calibration: `crm_stage`, `value` and `measured` are read, validated
with the line of the problem, written back unchanged, and filled in by calibration without a
single deal id or name ending up in the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from calibrate_helpers import sample, write

from flowedit.analysis.calibrate import calibrate
from flowedit.io import FlowFileError, dumps_document, load_document
from flowedit.io.crm_table import read_crm_export
from flowedit.io.flowfile import loads_document
from flowedit.model import Measured

FILE = """\
flowedit: 1
title: T
nodes:
- {id: s, kind: start, name: S, x: 0, y: 0}
- id: a
  kind: stage
  name: A
  x: 0
  y: 0
  crm_stage: Qualified (Sales)
  duration_days: 3.5
  measured: {n: 12, source: Opp History.csv, from: 2023-01-02, to: 2023-05-01}
- {id: w, kind: end, name: W, x: 0, y: 0, outcome: won, value: 12000}
edges:
- {id: e1, from: s, to: a}
- id: e2
  from: a
  to: w
  probability: 0.4
  measured: {n: 310, source: x.csv, from: 2022-12-15, to: 2023-09-01}
"""


def test_the_keys_are_read_and_written_back_unchanged() -> None:
    doc = loads_document(FILE)
    assert doc.nodes["a"].crm_stage == "Qualified (Sales)"
    assert doc.nodes["a"].measured == Measured(12, "Opp History.csv", "2023-01-02", "2023-05-01")
    assert doc.nodes["w"].value == 12000
    assert doc.edges["e2"].measured == Measured(310, "x.csv", "2022-12-15", "2023-09-01")
    text = dumps_document(doc)
    assert "    from: 2022-12-15\n" in text  # a date, not a quoted string
    again = loads_document(text)
    assert again == doc
    assert dumps_document(again) == text


@pytest.mark.parametrize(("old", "new", "line", "words"), [
    ("n: 310,", "n: 3.5,", 20, "whole number"),
    ("from: 2022-12-15", "from: last year", 20, "YYYY-MM-DD"),
    ("from: 2022-12-15, to: 2023-09-01", "from: 2023-12-15, to: 2023-09-01", 20,
     "starts (2023-12-15) after it ends"),
    ("source: x.csv, ", "", 20, "missing the key 'source'"),
    ("n: 310, ", "n: 310, deals: [A1], ", 20, "unknown key 'deals'"),
    ("outcome: won, value: 12000", "value: 12000", 13, "only a won end"),
    ("outcome: won, value: 12000", "outcome: won, value: -5", 13, "from 0 to"),
    ("kind: start, name: S,", "kind: start, crm_stage: X, name: S,", 4, "stage or an end"),
])
def test_bad_values_are_refused_with_their_line(old: str, new: str, line: int,
                                                words: str) -> None:
    assert old in FILE
    with pytest.raises(FlowFileError) as caught:
        loads_document(FILE.replace(old, new, 1), "t.yaml")
    assert caught.value.line == line, str(caught.value)
    assert words in str(caught.value)


def test_calibrate_writes_provenance_and_no_deal(tmp_path: Path) -> None:
    doc = sample("b2c-funnel.yaml")
    export = write(tmp_path, "OpportunityHistory.csv", "deal_id,stage,entered_at\n"
                   "ACME-Corp-7,Prospecting,2024-01-01\n"
                   "ACME-Corp-7,Qualification call,2024-01-03\n"
                   "Globex-12,Prospecting,2024-01-02\n"
                   "Globex-12,Qualification call,2024-01-07\n")
    result = calibrate(doc, read_crm_export(export))
    out = tmp_path / "out.yaml"
    out.write_text(dumps_document(result.document), encoding="utf-8")
    text = out.read_text(encoding="utf-8")
    assert "ACME" not in text and "Globex" not in text and str(tmp_path) not in text
    back = load_document(out)
    prospecting = next(n for n in back.nodes.values() if n.name == "Prospecting")
    # Two stays, 2 and 5 days: mean 3.5, measured on both deals, 1 to 7 January.
    assert prospecting.duration_days == 3.5
    assert prospecting.measured == Measured(2, "OpportunityHistory.csv", "2024-01-01",
                                            "2024-01-07")
    arrow = next(e for e in back.edges.values()
                 if e.source == prospecting.id)
    assert arrow.probability == 1.0
    assert arrow.measured == Measured(2, "OpportunityHistory.csv", "2024-01-01", "2024-01-07")


def test_a_crm_stage_key_maps_a_stage_whose_name_differs(tmp_path: Path) -> None:
    doc = sample("b2c-funnel.yaml")
    prospecting = next(n for n in doc.nodes.values() if n.name == "Prospecting")
    doc.update_node(prospecting.id, crm_stage="Lead In")
    export = write(tmp_path, "h.csv", "deal_id,stage,entered_at\n"
                   "A,Lead In,2024-01-01\nA,Qualification call,2024-01-03\n")
    report = calibrate(doc, read_crm_export(export)).report
    assert report.mapping.nodes["Lead In"] == (prospecting.id,)
    assert report.mapping.how["Lead In"] == "crm_stage"
    assert report.unmapped == {}
