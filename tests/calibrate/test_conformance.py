"""Conformance on the B2B sample: a log with back-steps, skips, unused arrows and unmapped stages,
every count worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from calibrate_helpers import sample, write

from flowedit.analysis.calibrate import calibrate, map_stages
from flowedit.io.crm_table import read_crm_export

#: Salesforce-style OpportunityHistory export, rows not grouped by deal.
LOG = """OpportunityId,StageName,CreatedDate,Amount
O1,Prospecting,2023-01-02T09:00:00.000+0000,100
O2,Prospecting,2023-01-03T09:00:00.000+0000,100
O1,Identification,2023-01-05T09:00:00.000+0000,100
O1,Qualification call,2023-01-06T09:00:00.000+0000,100
O3,Prospecting,2023-01-04T09:00:00.000+0000,100
O3,Qualification call,2023-01-09T09:00:00.000+0000,100
O1,Follow-up and demo,2023-01-10T09:00:00.000+0000,100
O2,Identification,2023-01-10T09:00:00.000+0000,100
O2,Negotiation,2023-01-12T09:00:00.000+0000,100
O1,Prepare proposal,2023-01-20T09:00:00.000+0000,100
O1,Negotiation,2023-01-22T09:00:00.000+0000,100
O1,Contract drafting,2023-01-30T09:00:00.000+0000,100
O1,Prospecting,2023-02-02T09:00:00.000+0000,100
O3,Closed Lost,2023-01-11T09:00:00.000+0000,100
O4,Prospecting,2023-01-05T09:00:00.000+0000,100
O4,Qualification call,2023-01-08T09:00:00.000+0000,100
O5,Prospecting,2023-01-06T09:00:00.000+0000,100
O5,Qualification call,2023-01-07T09:00:00.000+0000,100
O6,Prospecting,2023-01-06T09:00:00.000+0000,100
O6,Qualification call,2023-01-07T09:00:00.000+0000,100
O4,Closed Lost,2023-01-09T09:00:00.000+0000,100
O5,Closed Won,2023-01-09T09:00:00.000+0000,100
O6,On Hold,2023-01-08T09:00:00.000+0000,100
O6,Closed Won,2023-01-10T09:00:00.000+0000,100
O2,Closed Lost,2023-01-20T09:00:00.000+0000,100
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = write(tmp_path_factory.mktemp("b2b"), "OpportunityHistory.csv", LOG)
    return calibrate(sample("b2b-sales.yaml"), read_crm_export(path)).report


def test_columns_chosen(report) -> None:  # type: ignore[no-untyped-def]
    assert report.columns == {"case": "OpportunityId", "stage": "StageName",
                              "time": "CreatedDate"}


def test_back_step_is_a_transition_the_process_lacks(report) -> None:  # type: ignore[no-untyped-def]
    # O1 went from contract drafting back to prospecting: no path leads there
    missing = {(d.source, d.target): (d.count, d.examples) for d in report.missing}
    assert missing == {("contract", "prospecting"): (1, ["O1"])}


def test_skips_name_the_stages_passed_over(report) -> None:  # type: ignore[no-untyped-def]
    skips = {(d.source, d.target): (d.count, d.examples, d.skipped) for d in report.skips}
    assert skips == {
        ("prospecting", "qualification"): (4, ["O3", "O4", "O5"], ["identification"]),
        ("identification", "negotiation"): (1, ["O2"], ["qualification", "follow-up",
                                                        "proposal"]),
        ("qualification", "closing"): (2, ["O5", "O6"], ["follow-up", "proposal",
                                                         "negotiation", "contract"]),
    }
    assert report.skipped_cases == 5  # O2 to O6


def test_closed_lost_resolves_to_the_reachable_lost_end(report) -> None:  # type: ignore[no-untyped-def]
    arrows = {a.edge: (a.count, a.n) for a in report.arrows}
    # qualification left 5 times: O1 -> follow-up; O3, O4 -> lost (disqualified); O5, O6 skip
    assert arrows["e4"] == (3, 5)
    assert arrows["e5"] == (1, 3) and arrows["e7"] == (2, 3) and arrows["e6"] == (0, 3)
    # O2 reached 'Closed Lost' from negotiation: through 'Proposal accepted?' to 'Deal lost'
    assert arrows["e14"] == (1, 2) and arrows["e12"] == (1, 2)


def test_unused_arrows_and_unmapped_stages(report) -> None:  # type: ignore[no-untyped-def]
    assert "e6" in report.unused and "e13" in report.unused  # nurture, revise: never taken
    assert report.unmapped == {"On Hold": 1}
    assert "nurture" in report.no_data and "revise" in report.no_data


def test_open_deals_are_not_lost(report) -> None:  # type: ignore[no-untyped-def]
    # O1 is back in prospecting; 'Closed Won' is the won milestone 'closing', a stage that
    # after-sales follows, so O5 and O6 are still in it. Nobody open counts as lost.
    assert report.open_cases == 3
    assert report.cases == 6


def test_won_and_lost_names_in_other_languages(tmp_path: Path) -> None:
    doc = sample("b2c-funnel.yaml")
    names = ["Ganado", "Menang", "赢单", "GAGNÉ", "Perdido", "Kalah", "输单", "Closed - Lost",
             "prospecting", "QUALIFICATION CALL", "Cloture"]
    mapping = map_stages(doc, names, {"Cloture": "closing"})
    for won in names[:4]:
        assert mapping.nodes[won] == ("won",) and mapping.how[won] == "won"
    for lost in names[4:8]:
        assert mapping.nodes[lost] == ("not-qualified", "sale-lost")
    assert mapping.nodes["QUALIFICATION CALL"] == ("qualification",)
    assert mapping.how["Cloture"] == "map"
    assert mapping.unmapped == []


def test_accents_are_ignored_by_name(tmp_path: Path) -> None:
    doc = sample("b2c-funnel.yaml")
    doc.rename_node("closing", "Négociation finale")
    assert map_stages(doc, ["negociation  FINALE"]).nodes == {
        "negociation  FINALE": ("closing",)}
