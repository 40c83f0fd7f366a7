"""The worked example of docs/calibration.md: its export is read from the page and every figure
in its tables is compared with what calibration computes (the figures were worked out by hand)."""

from __future__ import annotations

import re

import pytest
from calibrate_helpers import ROOT, sample, write

from flowedit.analysis.calibrate import calibrate
from flowedit.io.crm_table import read_crm_export

DOC = (ROOT / "docs" / "calibration.md").read_text(encoding="utf-8")


def _example_csv() -> str:
    return re.search(r"```csv\n(.*?)```", DOC, re.DOTALL).group(1)


def _table(first_header: str) -> list[list[str]]:
    lines = DOC[DOC.index(f"| {first_header} |"):].splitlines()
    rows = []
    for line in lines[2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("worked")
    doc = sample("b2c-funnel.yaml")
    return doc, calibrate(doc, read_crm_export(write(folder, "deals.csv", _example_csv())))


def test_the_arrow_table_matches_the_calibration(result) -> None:  # type: ignore[no-untyped-def]
    doc, calibration = result
    names = {f"{doc.nodes[a.source].name} → {doc.nodes[a.target].name}": a
             for a in calibration.report.arrows}
    rows = _table("arrow")
    assert len(rows) == 6
    for name, along, out_of, measured, interval in rows:
        arrow = names[name]
        assert (arrow.count, arrow.n) == (int(along), int(out_of))
        assert f"{arrow.measured:.1%}".replace("%", " %") == measured
        assert f"{arrow.low:.1%}–{arrow.high:.1%}".replace("%", " %") == interval


def test_hand_computed_probabilities(result) -> None:  # type: ignore[no-untyped-def]
    _, calibration = result
    measured = {a.edge: (a.count, a.n, a.measured) for a in calibration.report.arrows}
    assert measured["e2"] == (3, 4, 0.75)  # C skipped qualification; D's second stay is open
    assert measured["e4"] == (2, 3, 0.6667)
    assert measured["e5"] == (1, 3, 0.3333)
    assert measured["e7"] == (1, 2, 0.5)


def test_the_stage_table_matches_the_calibration(result) -> None:  # type: ignore[no-untyped-def]
    doc, calibration = result
    stages = {doc.nodes[s.id].name: s for s in calibration.report.stages}
    rows = _table("stage")
    assert [r[0] for r in rows] == list(stages)

    def shown(value: float | None) -> str:
        return "-" if value is None else f"{value:.2f}"

    for name, _, mean, median, p90 in rows:
        stage = stages[name]
        assert shown(stage.mean_days) + ("+" if stage.mean_is_lower_bound else "") == mean
        assert shown(stage.median_days) == median
        assert shown(stage.p90_days) == p90


def test_hand_computed_days(result) -> None:  # type: ignore[no-untyped-def]
    _, calibration = result
    days = {s.id: (s.mean_days, s.median_days, s.p90_days, s.n, s.open)
            for s in calibration.report.stages}
    assert days["prospecting"] == (4.0, 3.0, 7.0, 4, 1)
    assert days["qualification"] == (1.33, 1.0, 2.0, 3, 0)
    assert days["closing"] == (4.67, 4.0, None, 2, 1)
    assert days["after-sales"] == (7.0, 7.0, 7.0, 1, 0)


def test_conformance_of_the_example(result) -> None:  # type: ignore[no-untyped-def]
    _, calibration = result
    report = calibration.report
    assert [(d.source, d.target, d.count, d.examples) for d in report.missing] == [
        ("sale-lost", "prospecting", 1, ["D"])]
    assert [(d.source, d.target, d.skipped, d.examples) for d in report.skips] == [
        ("prospecting", "closing", ["qualification"], ["C"])]
    assert report.skipped_cases == 1
    assert report.unused == []
    assert report.unmapped == {"Contract review": 1}
    assert (report.cases, report.open_cases) == (4, 2)


def test_the_calibrated_document_carries_the_measured_values(result) -> None:  # type: ignore[no-untyped-def]
    doc, calibration = result
    new = calibration.document
    assert new.edges["e4"].probability == 0.6667
    assert new.nodes["closing"].duration_days == 4.67
    assert doc.edges["e4"].probability == 0.4  # the original is untouched
    assert calibration.provenance["e4"].to_json() == {
        "n": 3, "source": "deals.csv", "from": "2024-01-01", "to": "2024-01-15"}
