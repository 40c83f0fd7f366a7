"""Money and the spread of days to win: what a won deal is worth, the revenue a lead brings, the
forecast of the open pipeline, and the median and P90 of the days to win. Pure numpy and Python,
no Qt; metrics.py calls it with the chain it has already solved.

Days to win, exactly: the metrics model gives every stage a fixed number of days per visit, so a
won lead's days are the sum of the days of the stages on its path, and the distribution of the
days to win is a set of (days, probability) pairs. They are found in order of days, like
Dijkstra's algorithm: the probability mass of the leads is carried along the arrows, bucket by
bucket of equal elapsed days, and a lead stops at the first won shape it reaches (as the win rate
counts it). P50 and P90 are the first days at which the won mass reaches half and nine tenths of
the win rate. A loop makes the set infinite, but its mass shrinks each time round: the walk stops
as soon as both quantiles are known, and gives up (None) after WORK_BUDGET steps.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np

#: Steps (a shape reached at some number of days) the exact walk may take before giving up.
WORK_BUDGET = 200_000
#: Mass below this (of one lead) is not carried further.
_NEGLIGIBLE = 1e-14
#: Days are compared to this many decimals, so that 0.1 + 0.2 and 0.3 are the same day.
_DAY_DECIMALS = 9


def days_to_win_quantiles(source: Sequence[int], target: Sequence[int], share: np.ndarray,
                          initial: np.ndarray, duration: np.ndarray, is_end: np.ndarray,
                          is_won: np.ndarray, win_share: float,
                          levels: tuple[float, ...] = (0.5, 0.9),
                          budget: int = WORK_BUDGET) -> list[float | None]:
    """The first days by which `levels` of the won leads are won (exact, see the module
    docstring); `initial` is the share of leads starting at each shape, `win_share` the share
    of all leads that is won. None for a level not found within `budget` steps."""
    found: list[float | None] = [None] * len(levels)
    if win_share <= 0:
        return found
    out: list[list[tuple[int, float]]] = [[] for _ in range(len(initial))]
    for s, t, p in zip(source, target, share.tolist(), strict=True):
        if p > 0:
            out[s].append((t, p))
    days = duration.tolist()
    end = is_end.tolist()
    won = is_won.tolist()
    pending: dict[float, dict[int, float]] = {0.0: {}}
    for node in np.flatnonzero(initial).tolist():
        pending[0.0][node] = float(initial[node])
    times = [0.0]
    goals = [level * win_share - 1e-12 for level in levels]
    reached = 0.0
    work = 0
    while times:
        now = heapq.heappop(times)
        bucket = pending.pop(now)
        while bucket:
            node, mass = bucket.popitem()
            work += 1
            if work > budget:
                return found
            if won[node]:
                reached += mass
                continue
            if end[node] or mass < _NEGLIGIBLE:
                continue
            later = round(now + days[node], _DAY_DECIMALS)
            into = bucket if later == now else pending.get(later)
            if into is None:
                into = pending[later] = {}
                heapq.heappush(times, later)
            for next_node, p in out[node]:
                into[next_node] = into.get(next_node, 0.0) + mass * p
        for k, goal in enumerate(goals):
            if found[k] is None and reached >= goal:
                found[k] = now
        if all(day is not None for day in found):
            break
    return found


def won_value(reached: np.ndarray, value: Sequence[float | None], is_won: np.ndarray
              ) -> tuple[float, float] | None:
    """(leads won, their value together) over the won shapes, from the leads first reaching
    each; None when a won shape that leads reach has no value (the figure would be too low)."""
    leads = total = 0.0
    for i in np.flatnonzero(is_won).tolist():
        arrived = float(reached[i])
        if arrived <= 0:
            continue
        if value[i] is None:
            return None
        leads += arrived
        total += arrived * float(value[i])  # type: ignore[arg-type]
    return (leads, total) if leads > 0 else None


def win_chance_from(source: Sequence[int], target: Sequence[int], share: np.ndarray,
                    is_end: np.ndarray, is_won: np.ndarray, sweeps: int = 10_000) -> np.ndarray:
    """For each shape, the chance that a lead there is won in the end (a won shape itself: 1),
    under the model: value iteration over the arrows, within `sweeps` passes (each pass a
    vectorised step; the chance only grows towards its limit, so stopping early underestimates)."""
    n = len(is_end)
    src = np.asarray(source, dtype=np.intp)
    tgt = np.asarray(target, dtype=np.intp)
    moving = ~is_end[src] & ~is_won[src] & (share > 0)
    src, tgt, weight = src[moving], tgt[moving], share[moving]
    chance = is_won.astype(float)
    for _ in range(sweeps):
        step = np.bincount(src, weights=weight * chance[tgt], minlength=n)
        updated = np.where(is_won, 1.0, step)
        if np.max(np.abs(updated - chance), initial=0.0) < 1e-13:
            return updated
        chance = updated
    return chance
