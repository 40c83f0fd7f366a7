"""Days in a stage: the Kaplan–Meier figures by hand, and the shortcut taken when no stay is open
agrees with the full curve."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from flowedit.analysis.calibrate import wilson
from flowedit.analysis.stays import empirical, kaplan_meier, survival_curve


def test_plain_sample_without_open_stays() -> None:
    s = kaplan_meier(np.array([4.0, 1.0, 3.0, 2.0]), np.ones(4, dtype=bool))
    assert (s.mean, s.median, s.p90, s.events, s.censored) == (2.5, 2.0, 4.0, 4, 0)


def test_open_stays_are_right_censored() -> None:
    # ended after 2 and 5 days; still open after 3 and 10 days
    s = kaplan_meier(np.array([2.0, 3.0, 5.0, 10.0]), np.array([True, False, True, False]))
    # S = 3/4 from day 2, then 3/4 * (1 - 1/2) = 3/8 from day 5 until day 10
    assert s.median == 5.0 and s.p90 is None
    assert s.mean == 2 + 0.75 * 3 + 0.375 * 5
    assert s.mean_is_lower_bound and (s.events, s.censored) == (2, 2)


def test_no_stay_ended() -> None:
    s = kaplan_meier(np.array([3.0]), np.array([False]))
    assert (s.mean, s.median, s.p90, s.events, s.censored) == (None, None, None, 0, 1)


@given(st.lists(st.integers(0, 30), min_size=1, max_size=60))
def test_the_shortcut_equals_the_full_curve(values: list[int]) -> None:
    days = np.array(values, dtype=float)
    fast, full = empirical(days), survival_curve(days, np.ones(len(days), dtype=bool))
    assert fast.median == full.median and fast.p90 == full.p90
    assert abs(fast.mean - full.mean) < 1e-9


def test_wilson_edges() -> None:
    assert wilson(0, 10)[0] == 0.0 and wilson(10, 10)[1] == 1.0
    assert wilson(0, 0) == (0.0, 1.0)
