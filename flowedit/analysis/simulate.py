"""A stage history the process would produce: the inverse of calibration, for tests, training
data and benchmarks. Pure Python and numpy, no Qt, no files.

Model (docs/calibration.md): leads arrive at random moments spread evenly over `spread_days`
from `start`, at a start shape (chosen evenly when there are several). A lead leaves a shape by
one of its arrows with the arrow's share, exactly as the metrics read them (arrows without a
probability share what the others leave; shares adding up to less than 1 let the rest drop out:
the lead then simply has no more rows, like a deal nobody closed). Each stay in a stage lasts an
exponential time with the stage's `duration_days` as its mean (`durations="exponential"`), or
exactly that mean (`durations="mean"`). One row is written per entry into a stage or an end,
named as the shape; starts and decisions leave no row, as in a CRM. Seeded: the same arguments
give the same history.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from itertools import accumulate

import numpy as np

from flowedit.analysis.metrics import MetricsError, compute_metrics
from flowedit.model import Document, NodeKind
from flowedit.model.history import DAY, StageHistory

#: Steps one lead may take before the simulation gives up on it (a loop with no way out).
MAX_STEPS = 10_000
DURATIONS = ("exponential", "mean")


class SimulationError(ValueError):
    """A process that cannot be simulated; the message says why."""


def simulate(doc: Document, leads: int, *, seed: int = 0, start: float = 0.0,
             spread_days: float = 365.0, durations: str = "exponential") -> StageHistory:
    """`leads` deals walked through `doc`; `start` is a timestamp in seconds (UTC)."""
    if durations not in DURATIONS:
        raise SimulationError(f"durations must be one of {', '.join(DURATIONS)}")
    if leads < 1:
        raise SimulationError("the number of leads must be at least 1")
    try:
        compute_metrics(doc)  # refuses shares adding up to more than 1, with a clear message
    except MetricsError as error:
        raise SimulationError(str(error)) from None
    node_ids = list(doc.nodes)
    starts = [i for i, n in enumerate(node_ids) if doc.nodes[n].kind is NodeKind.START]
    if not starts:
        raise SimulationError("the process has no start: leads have nowhere to enter")
    names = _row_names(doc)
    stage_names = list(dict.fromkeys(names.values()))
    stage_of = [stage_names.index(names[n]) if n in names else -1 for n in node_ids]
    kind = [doc.nodes[n].kind for n in node_ids]
    mean_days = [doc.nodes[n].duration_days or 0.0 for n in node_ids]
    choices = [_choices(doc, n, node_ids) for n in node_ids]
    rng = random.Random(seed)
    arrivals = sorted(rng.uniform(0.0, spread_days) for _ in range(leads))
    width = len(str(leads))
    case_out: list[int] = []
    stage_out: list[int] = []
    time_out: list[float] = []
    exponential = durations == "exponential"
    for lead, arrival in enumerate(arrivals):
        node = starts[0] if len(starts) == 1 else starts[rng.randrange(len(starts))]
        day = arrival
        for _ in range(MAX_STEPS):
            if stage_of[node] >= 0:
                case_out.append(lead)
                stage_out.append(stage_of[node])
                time_out.append(day)
            if kind[node] is NodeKind.END:
                break
            mean = mean_days[node]
            if mean > 0 and kind[node] is NodeKind.STAGE:
                day += rng.expovariate(1.0 / mean) if exponential else mean
            targets, cumulative = choices[node]
            if not targets:
                break
            pick = bisect_right(cumulative, rng.random())
            if pick >= len(targets):
                break  # dropped out
            node = targets[pick]
    return StageHistory(
        source="simulated", case_names=[f"D{i + 1:0{width}d}" for i in range(leads)],
        stage_names=stage_names, case_codes=np.array(case_out, dtype=np.int64),
        stage=np.array(stage_out, dtype=np.int64),
        time=start + np.array(time_out) * DAY,
        file_rows=None,
        columns={"case": "deal_id", "stage": "stage", "time": "entered_at"},
        notes=[f"simulated: {leads} leads, seed {seed}, {durations} durations"])


def _row_names(doc: Document) -> dict[str, str]:
    """The stage name written for each stage and end: its name on one line, or its id when
    another shape has the same name (so that calibration maps each row back to one shape)."""
    shown = {n.id: " ".join(n.name.split()) or n.id for n in doc.nodes.values()
             if n.kind in (NodeKind.STAGE, NodeKind.END)}
    taken: dict[str, int] = {}
    for name in shown.values():
        taken[name] = taken.get(name, 0) + 1
    return {i: name if taken[name] == 1 else i for i, name in shown.items()}


def _choices(doc: Document, node_id: str, node_ids: list[str]) -> tuple[list[int], list[float]]:
    """Targets of a shape's arrows and the cumulative shares, as the metrics read them."""
    edges = [doc.edges[e] for e in doc.out_edges(node_id)]
    if not edges or doc.nodes[node_id].kind is NodeKind.END:
        return [], []
    given = [e.probability for e in edges]
    total = math.fsum(p for p in given if p is not None)
    whole = abs(total - 1) <= 1e-9
    rest = 0.0 if whole else max(0.0, 1.0 - total)
    missing = given.count(None)
    shares = [(p / total if whole else p) if p is not None else rest / missing for p in given]
    index = {n: i for i, n in enumerate(node_ids)}
    cumulative = list(accumulate(shares))
    if whole or missing:
        cumulative[-1] = 1.0  # nothing drops out, whatever the rounding of the sum
    return [index[e.target] for e in edges], cumulative
