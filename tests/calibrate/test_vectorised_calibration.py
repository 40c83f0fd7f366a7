"""The vectorised calibrate() gives exactly what the row-by-row reference gives
(calibrate_reference.py) on random histories: ties, back-steps, skips, repeated stages, unmapped
stages, stages standing for several shapes, open deals, single-row cases, --since/--until, rows
out of time order and deals spread over the file."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from calibrate_helpers import sample
from calibrate_reference import reference_calibrate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowedit.analysis import calibrate as calibrate_module
from flowedit.analysis import stays as stays_module
from flowedit.analysis.calibrate import Calibration, CalibrationError, calibrate
from flowedit.analysis.simulate import simulate
from flowedit.io import dumps_document
from flowedit.model.history import DAY, StageHistory

B2B = sample("b2b-sales.yaml")
#: The B2B shapes by name, the won/lost outcomes (lost stands for two ends) and two stages the
#: drawing does not know.
STAGES = ["Prospecting", "Identification", "Qualification call", "Nurture", "Follow-up and demo",
          "Prepare proposal", "Negotiation", "Revise proposal", "Contract drafting",
          "Resolve redlines", "Contract signed", "Onboarding", "Retention and expansion",
          "Customer renewed", "Closed Lost", "Lead disqualified", "On Hold", "Mystery"]


def _same(fast: Calibration, slow: Calibration) -> None:
    assert fast.report.to_json() == slow.report.to_json()
    assert fast.report.notes == slow.report.notes
    assert fast.provenance == slow.provenance
    assert dumps_document(fast.document) == dumps_document(slow.document)


def _outcome(function, *args, **kwargs):  # type: ignore[no-untyped-def]
    try:
        return function(*args, **kwargs)
    except CalibrationError as error:
        return str(error)


def _check(history: StageHistory, **window: float) -> None:
    fast = _outcome(calibrate, B2B, history, **window)
    slow = _outcome(reference_calibrate, B2B, history, **window)
    if isinstance(slow, str):
        assert fast == slow
    else:
        assert not isinstance(fast, str), fast
        _same(fast, slow)


rows = st.lists(st.tuples(st.integers(0, 7),  # deal
                          st.sampled_from(range(len(STAGES))),
                          st.integers(0, 12)),  # day: few values, so many ties
                min_size=1, max_size=60)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=rows, shuffle=st.booleans(), window=st.sampled_from([
    {}, {"since": 3 * DAY}, {"until": 9 * DAY}, {"since": 2 * DAY, "until": 10 * DAY}]),
    weights=st.sampled_from(["mapped", "any"]), radix=st.booleans(), threaded=st.booleans(),
    told=st.booleans(), order=st.permutations(range(len(STAGES))),
    lost=st.sampled_from(["Closed Lost", "Deal lost"]))
def test_random_histories_calibrate_as_the_reference_does(
        rows: list[tuple[int, int, int]], shuffle: bool, window: dict[str, float],
        weights: str, radix: bool, threaded: bool, told: bool, order: list[int],
        lost: str) -> None:
    if weights == "mapped":  # mostly mapped stages, so that most histories calibrate
        rows = [(c, s % 14, d) for c, s, d in rows]
    if not shuffle:  # grouped by deal, as most exports are (the path without a sort)
        rows = sorted(rows, key=lambda r: r[0])
    case = np.array([r[0] for r in rows], dtype=np.int64)
    # deal codes in order of first appearance, as the readers give them
    distinct, first, dense = np.unique(case, return_index=True, return_inverse=True)
    rank = np.empty(len(distinct), dtype=np.int64)
    rank[np.argsort(first, kind="stable")] = np.arange(len(distinct))
    # the CRM's stages in any order, not the drawing's (ties in the report follow the drawing)
    # "Closed Lost" stands for both lost ends (two passes), "Deal lost" for one (one pass)
    names = [lost if STAGES[i] == "Closed Lost" else STAGES[i] for i in order]
    code_of = {STAGES[i]: position for position, i in enumerate(order)}  # by the old names
    history = StageHistory(
        "random.csv", [f"D{i}" for i in range(len(first))], names, rank[dense],
        np.array([code_of[STAGES[r[1]]] for r in rows], dtype=np.int64),
        np.array([r[2] * DAY + 3600.0 * (r[1] % 3) for r in rows]),
        np.arange(2, len(rows) + 2, dtype=np.int64), {"case": "deal"}, [])
    if told and not shuffle:  # as the fast reader gives a grouped export: where deals begin
        starts = np.flatnonzero(np.diff(history.case, prepend=-1))
        history = dataclasses.replace(history, case_codes=None, file_rows=None,
                                      case_starts=starts)
    # both ways of grouping the stays, with and without the second thread
    settings_now = stays_module.GROUP_PASSES, calibrate_module.PARALLEL_ROWS
    stays_module.GROUP_PASSES = 0 if radix else 100
    calibrate_module.PARALLEL_ROWS = 0 if threaded else 10**9
    try:
        _check(history, **window)
    finally:
        stays_module.GROUP_PASSES, calibrate_module.PARALLEL_ROWS = settings_now


@pytest.mark.parametrize("seed", range(5))
def test_simulated_histories_calibrate_as_the_reference_does(seed: int) -> None:
    history = simulate(B2B, 60, seed=seed)
    _check(history)
    # as the fast reader gives it: int8 stage codes (each stage a state of its own, in
    # order: no look-up) and where each deal begins
    starts = np.flatnonzero(np.diff(history.case, prepend=-1))
    _check(dataclasses.replace(history, stage=history.stage.astype(np.int8), case_codes=None,
                               case_starts=starts))
    _check(simulate(sample("b2c-funnel.yaml"), 60, seed=seed), until=120 * DAY)
