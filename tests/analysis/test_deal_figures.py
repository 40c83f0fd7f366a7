"""Money and the spread of days to win (docs/metrics.md#money-and-the-spread-of-days-to-win):
every figure below is worked out by hand in the comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_metrics import close, process, worked_example

from flowedit.analysis.metrics import compute_metrics, pipeline_forecast
from flowedit.cli.main import main
from flowedit.io import save_document
from flowedit.render.metrics_overlay import headline, overlay_for


def two_won_ends():
    """Half the leads are won at A (worth 10,000), 30 % at B (20,000), 20 % lost."""
    doc = process("s:start d:decision a:won b:won l:lost",
                  "s>d d>a@0.5 d>b@0.3 d>l@0.2")
    doc.update_node("a", value=10_000.0)
    doc.update_node("b", value=20_000.0)
    return doc


def test_deal_value_is_weighted_by_the_leads_won_at_each_end() -> None:
    m = compute_metrics(two_won_ends(), leads=1000)
    # (0.5 x 10,000 + 0.3 x 20,000) / 0.8 = 11,000 / 0.8 = 13,750 per won deal.
    assert close(m.deal_value, 13_750)
    # Per lead: 0.5 x 10,000 + 0.3 x 20,000 = 11,000; for 1,000 leads 11,000,000.
    assert close(m.revenue_per_lead, 11_000)
    assert close(m.revenue, 11_000_000)
    data = m.to_json()
    assert data["deal_value"] == pytest.approx(13_750)
    assert "pipeline_forecast" not in data  # only when open deals were given


def test_a_reached_won_end_without_value_leaves_the_money_out() -> None:
    doc = two_won_ends()
    doc.update_node("b", value=None)
    m = compute_metrics(doc)
    assert m.deal_value is None and m.revenue_per_lead is None and m.revenue is None


def test_p50_and_p90_of_the_worked_example_are_exact() -> None:
    # Won after 2 + 5k days with probability 0.5 x 0.2^(k-1) x 0.6: 0.3 at 7 days, 0.06 at 12,
    # 0.012 at 17 ... of 0.375 won: 80 % by day 7, 96 % by day 12.
    m = compute_metrics(worked_example())
    assert m.days_to_win_p50 == 7 and m.days_to_win_p90 == 12
    assert close(m.days_to_win, 8.25)


def test_p90_falls_where_nine_tenths_are_won() -> None:
    # Qualify 2 days, then won at once (50 %) or after Proposal (5 days, 40 %) or lost (10 %).
    # Of the 0.9 won, 0.5/0.9 = 55.6 % by day 2 (P50 = 2) and all by day 7 (P90 = 7).
    doc = process("s:start q:stage d:decision p:stage w:won l:lost",
                  "s>q q>d d>w@0.5 d>p@0.4 d>l@0.1 p>w", days={"q": 2, "p": 5})
    m = compute_metrics(doc)
    assert m.days_to_win_p50 == 2 and m.days_to_win_p90 == 7


def test_no_won_lead_has_no_quantiles() -> None:
    m = compute_metrics(process("s:start q:stage l:lost", "s>q q>l", days={"q": 3}))
    assert m.days_to_win_p50 is None and m.days_to_win_p90 is None


def test_pipeline_forecast_is_amount_times_the_chance_to_win() -> None:
    doc = worked_example()
    # From Proposal: won 0.6, back to Proposal 0.2, lost 0.2: 0.6 / 0.8 = 0.75.
    # From Qualify: 0.5 x 0.75 = 0.375. 1,000 x 0.75 + 2,000 x 0.375 = 1,500.
    assert close(pipeline_forecast(doc, {"proposal": 1000.0, "qualify": 2000.0}), 1500)


def test_metrics_cli_adds_the_forecast_of_a_snapshot(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    doc = worked_example()
    path = tmp_path / "p.yaml"
    save_document(doc, path)
    export = tmp_path / "snapshot.csv"
    export.write_text("opportunity_id,deal_stage,engage_date,close_date,close_value\n"
                      "A,Proposal,2024-01-01,,1000\n"
                      "B,Qualify,2024-01-02,,2000\n"
                      "C,Won,2024-01-01,2024-02-01,5000\n", encoding="utf-8")
    assert main(["metrics", str(path), "--pipeline", str(export), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pipeline_forecast"] == pytest.approx(1500)
    assert main(["metrics", str(path), "--pipeline", str(export)]) == 0
    assert "pipeline forecast  1,500.00" in capsys.readouterr().out


def test_the_overlay_and_the_funnel_headline_show_money_and_quantiles() -> None:
    doc = worked_example()
    doc.update_node("won", value=10_000.0)
    m = compute_metrics(doc)
    text = headline(m, doc)
    assert "P50 7 d · P90 12 d" in text
    assert "10,000 per won deal" in text and "3,750 per lead" in text
    assert overlay_for(doc, m).badges["won"].endswith("10,000 each")
