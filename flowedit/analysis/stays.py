"""Days in each stage: survival statistics of stays, some still open, and the grouping of a
million stays by stage that calibration needs. Pure numpy, no Qt.

Split out of calibrate.py because it is the part of calibration that costs the most (about half
of it on a million rows) and runs on two threads: the stays are worked out and grouped on one
thread while calibration counts transitions on the other, then each thread takes half of the
stages (`Stays.figures_on`).
"""

from __future__ import annotations

import math
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

import numpy as np

from flowedit.model import Document, NodeKind
from flowedit.model.history import DAY

#: Up to this many stages, each stage's rows are found by one comparison pass over the rows;
#: beyond, one stable radix sort of all rows by shape is cheaper (measured on the B2B sample's
#: 13 stages and a million rows: 40 ms of calibration with the sort, 45 ms with the passes).
GROUP_PASSES = 6


@dataclass(frozen=True)
class StageFigure:
    id: str
    planned_days: float | None
    mean_days: float | None
    median_days: float | None
    p90_days: float | None
    n: int  # completed stays
    open: int  # stays still open at the end of the data (right-censored)
    mean_is_lower_bound: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "planned_days": self.planned_days, "mean_days": self.mean_days,
                "median_days": self.median_days, "p90_days": self.p90_days, "n": self.n,
                "open": self.open, "mean_is_lower_bound": self.mean_is_lower_bound}


@dataclass(frozen=True)
class Survival:
    mean: float | None
    median: float | None
    p90: float | None
    events: int
    censored: int
    mean_is_lower_bound: bool


def kaplan_meier(days: np.ndarray, ended: np.ndarray) -> Survival:
    """Median, P90 (the first time the survival curve reaches 0.5, 0.1; None if it never does)
    and mean (area under the curve up to the longest stay) of stays, some still open (`ended`
    False). With no open stay these are the plain sample mean and the lower median."""
    events = int(ended.sum())
    censored = len(days) - events
    if events == 0:
        return Survival(None, None, None, 0, censored, False)
    if censored == 0:
        return empirical(days)
    return survival_curve(days, ended)


def empirical(days: np.ndarray, scratch: bool = False) -> Survival:
    """kaplan_meier when no stay is open: the curve is the empirical one, so no sort is needed.
    Two partitions on one position each (numpy's vectorised selection; one call with two
    positions takes several times longer); `scratch`: `days` may be reordered in place."""
    n = len(days)
    median_at, p90_at = (math.ceil(n * (1 - level) - 1e-9) - 1 for level in (0.5, 0.1))
    mean = float(days.mean())
    values = days if scratch else days.copy()
    values.partition(p90_at)
    p90 = float(values[p90_at])
    below = values[:p90_at + 1]
    below.partition(median_at)
    return Survival(mean, float(below[median_at]), p90, n, 0, False)


def survival_curve(days: np.ndarray, ended: np.ndarray) -> Survival:
    """Kaplan–Meier from one sort of the stays: at each distinct length with an ending stay,
    the stays at risk (not shorter) and the stays ending there."""
    events = int(ended.sum())
    censored = len(days) - events
    order = np.argsort(days)  # ties need no order: only their sums are used
    ordered, ends_here = days[order], ended[order]
    starts = np.concatenate(([0], np.flatnonzero(ordered[1:] != ordered[:-1]) + 1))
    deaths_all = np.add.reduceat(ends_here.astype(np.int64), starts)
    with_death = deaths_all > 0
    times = ordered[starts][with_death]
    at_risk = (len(days) - starts)[with_death]
    deaths = deaths_all[with_death]
    curve = np.cumprod(1.0 - deaths / at_risk)

    def reached(level: float) -> float | None:
        hits = np.flatnonzero(curve <= level + 1e-12)
        return float(times[hits[0]]) if len(hits) else None

    longest = float(ordered[-1])
    edges = np.concatenate(([0.0], times, [longest]))
    heights = np.concatenate(([1.0], curve))
    mean = float(np.sum(heights * np.diff(edges)))
    lower_bound = bool(curve[-1] > 0 and censored > 0)
    return Survival(mean, reached(0.5), reached(0.1), events, censored, lower_bound)


def narrowest_int(largest: int) -> type[np.signedinteger]:
    """The narrowest signed integer type that holds 0..largest: narrow codes make every pass
    over a million rows move less memory, and let argsort use its radix sort."""
    for kind in (np.int8, np.int16, np.int32):
        if largest < np.iinfo(kind).max:
            return kind
    return np.int64


def stay_days(time: np.ndarray, last_rows: np.ndarray, end_of_data: float) -> np.ndarray:
    """How long each entry stayed, in days: until the case's next entry, or until
    `end_of_data` for a case's last one. Each case's entries are in time order and the end of
    the data is not before any of them: no stay is negative."""
    stay = np.empty(len(time))
    np.subtract(time[1:], time[:-1], out=stay[:-1])
    stay[last_rows] = end_of_data - time[last_rows]
    return np.divide(stay, DAY, out=stay)


class Stays:
    """Every stay of the entries, grouped by the shape it was in.

    `groups[i]` is the group of the shape entry i entered and `group_nodes[g]` that shape's id
    (one group per shape); each case's entries are in time order and `last_rows` are the
    cases' last entries. A case's last stay in an end closes it and is not a stay at all. The
    lengths (`stay_days`) come separately, so that two threads can work out one each."""

    def __init__(self, doc: Document, groups: np.ndarray, group_nodes: list[str],
                 last_rows: np.ndarray) -> None:
        self.doc, self.group_nodes = doc, group_nodes
        is_end = np.array([doc.nodes[n].kind is NodeKind.END for n in group_nodes])
        last_group = groups[last_rows]
        closing = is_end[last_group]  # these rows are in ends' groups, which have no figures
        place = {node_id: position for position, node_id in enumerate(doc.nodes)}
        stages = sorted((g for g, node_id in enumerate(group_nodes)
                         if doc.nodes[node_id].kind is NodeKind.STAGE),
                        key=lambda g: place[group_nodes[g]])
        if len(stages) <= GROUP_PASSES:
            # one vectorised comparison per stage finds its rows, in file order
            rows_of = {g: np.flatnonzero(groups == g) for g in stages}
        else:  # one stable (radix) sort by shape groups the rows of every stage, in file order
            by_shape = np.argsort(groups, kind="stable")
            bounds = np.zeros(len(group_nodes) + 1, dtype=np.int64)
            np.cumsum(np.bincount(groups, minlength=len(group_nodes)), out=bounds[1:])
            rows_of = {g: by_shape[bounds[g]:bounds[g + 1]] for g in stages}
        self.rows_of = rows_of
        #: the stages with stays, in the document's order
        self.stages = [g for g in stages if len(rows_of[g])]
        self.open_count = np.bincount(last_group[~closing], minlength=len(group_nodes))
        self.ended: np.ndarray | None = None
        if self.open_count.any():
            self.ended = np.ones(len(groups), dtype=bool)
            self.ended[last_rows] = False

    def figures(self, stay: np.ndarray, stages: list[int]) -> list[StageFigure]:
        """The figures of `stages` (groups), in that order, from each entry's `stay`."""
        figures = []
        for g in stages:
            node = self.doc.nodes[self.group_nodes[g]]
            rows = self.rows_of[g]
            if self.open_count[g]:
                survival = kaplan_meier(stay[rows], self.ended[rows])  # type: ignore[index]
            else:  # no stay is open: the gathered stays are ours to reorder
                survival = empirical(stay[rows], scratch=True)
            figures.append(StageFigure(
                node.id, node.duration_days, rounded(survival.mean),
                rounded(survival.median), rounded(survival.p90), survival.events,
                survival.censored, survival.mean_is_lower_bound))
        return figures

    def figures_on(self, stay: np.ndarray, helper: Executor | None) -> list[StageFigure]:
        """Every stage's figures; with a `helper`, it works out about half of the rows."""
        if helper is None or len(self.stages) < 2:
            return self.figures(stay, self.stages)
        mine: list[int] = []
        theirs: list[int] = []
        load = [0, 0]
        for g in sorted(self.stages, key=lambda g: -len(self.rows_of[g])):
            side = 0 if load[0] <= load[1] else 1
            (mine, theirs)[side].append(g)
            load[side] += len(self.rows_of[g])
        later = helper.submit(self.figures, stay, theirs)
        found = dict(zip(mine, self.figures(stay, mine), strict=True))
        found.update(zip(theirs, later.result(), strict=True))
        return [found[g] for g in self.stages]


def rounded(value: float | None, decimals: int = 2) -> float | None:
    """`value` rounded for the report (None stays None)."""
    return None if value is None else round(value, decimals)
