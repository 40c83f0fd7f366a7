"""Calibrating a process from a CRM stage history: measured probabilities and days, and where the
deals did something the drawing does not allow. Pure numpy and Python, no Qt, no files.

docs/calibration.md states the semantics with a worked example; in short:

- Each CRM stage maps to shapes (`map_stages`): explicitly, by name (case and accent
  insensitive), or as a won/lost outcome ("Closed Won", "Ganado", "赢单" ...). A stage that maps
  to several shapes (all lost ends, say) is resolved per transition: the one the drawing can
  reach from where the deal was.
- A case's rows are sorted by time, file order breaking ties; repeated rows of one stage
  collapse; a transition is a change of stage. The first row is the transition from the start.
- A transition a→b the drawing allows (an arrow, or arrows through decisions only) counts once on
  each arrow of that path. Probability of arrow x→y = its count ÷ all transitions out of x (for a
  decision: all that passed through it). Transitions the drawing lacks count in the denominator
  of their source and nowhere else, so the arrows of a stage add up to less than 1 and the rest
  is "dropped" in the metrics. Cases still in a stage do not leave it: open deals are never lost.
- Days in a stage = entry into the next stage − entry into this one. A case still in a stage at
  the end of the data (`until`, else the last timestamp) is right-censored there: Kaplan–Meier
  gives the median, P90 and the mean (the area under the survival curve up to the longest stay
  seen, a lower bound when that longest stay is still open).
"""

from __future__ import annotations

import math
import os
from collections import deque
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from flowedit.analysis.data_checks import DataFindings
from flowedit.analysis.stays import (
    StageFigure,
    Stays,
    kaplan_meier,
    narrowest_int,
    rounded,
    stay_days,
)
from flowedit.model import Document, Measured, ModelError, NodeKind, Outcome
from flowedit.model.elements import MAX_DURATION_DAYS
from flowedit.model.history import DAY, DealSnapshot, StageHistory, normalised

#: z of a two-sided 90 % interval (the 95th percentile of the standard normal distribution).
Z90 = 1.6448536269514722
#: Below this share of rows whose stage maps to a shape, the export is taken for the history of
#: another process and refused.
MIN_MAPPED_SHARE = 0.5
#: From this many rows on, the days per stage are worked out on a second thread while the
#: transitions are counted (numpy lets go of the GIL in both); below, a thread costs more than
#: it saves.
PARALLEL_ROWS = 200_000
#: Probabilities are written with this many decimals, durations with two.
PROBABILITY_DECIMALS = 4

#: CRM stage names that mean the deal was won or lost, compared as `normalised` does.
WON_NAMES = frozenset(normalised(n) for n in (
    "Closed Won", "Won", "Closed - Won", "Deal Won", "Won Deal", "Ganado", "Cerrado ganado",
    "Ganada", "Ganho", "Fechado ganho", "Gagné", "Clôturé gagné", "Gewonnen", "Vinto",
    "Chiuso vinto", "Menang", "Berhasil", "赢单", "成交", "已成交", "受注", "成約"))
LOST_NAMES = frozenset(normalised(n) for n in (
    "Closed Lost", "Lost", "Closed - Lost", "Deal Lost", "Lost Deal", "Perdido",
    "Cerrado perdido", "Perdida", "Fechado perdido", "Perdu", "Clôturé perdu", "Verloren",
    "Perso", "Chiuso perso", "Kalah", "Gagal", "输单", "丢单", "失单", "失注"))


class CalibrationError(ValueError):
    """A history that cannot calibrate this process; the message says why and what to do."""


# ----------------------------------------------------------------------------- mapping
@dataclass(frozen=True)
class StageMapping:
    """CRM stage name -> the shapes it may stand for, and how that was decided."""

    nodes: dict[str, tuple[str, ...]]
    how: dict[str, str]  # "map", "crm_stage", "name" or "won"/"lost"
    unmapped: list[str]


def map_stages(doc: Document, stage_names: list[str],
               explicit: Mapping[str, str] | None = None) -> StageMapping:
    """Maps each CRM stage: `explicit` first (CRM stage -> node id; this is where `--map` and the
    editor's dialog go), then a node's `crm_stage` key, then by shape name or id, then won/lost
    names to the shapes with that outcome. Only stages and ends can stand for a CRM stage."""
    targets = [n for n in doc.nodes.values() if n.kind in (NodeKind.STAGE, NodeKind.END)]
    by_crm_stage: dict[str, list[str]] = {}
    for node in targets:
        if node.crm_stage:
            by_crm_stage.setdefault(normalised(node.crm_stage), []).append(node.id)
    by_key: dict[str, list[str]] = {}
    for node in targets:
        for key in {normalised(node.name), normalised(node.id)}:
            if key:
                by_key.setdefault(key, []).append(node.id)
    wanted = {normalised(k): v for k, v in (explicit or {}).items()}
    for crm, node_id in (explicit or {}).items():
        if node_id not in doc.nodes:
            raise CalibrationError(f"--map {crm}={node_id}: the process has no shape with id "
                                   f"{node_id!r}")
        if doc.nodes[node_id].kind not in (NodeKind.STAGE, NodeKind.END):
            raise CalibrationError(f"--map {crm}={node_id}: a CRM stage can stand for a stage "
                                   f"or an end, not a {doc.nodes[node_id].kind.value}")
    unknown = sorted(set(wanted) - {normalised(s) for s in stage_names})
    if unknown:
        known = ", ".join(repr(s) for s in stage_names[:20])
        raise CalibrationError(f"--map names a CRM stage the export does not have "
                               f"({unknown[0]!r}); its stages are {known}")
    outcome_nodes = {
        outcome: tuple(n.id for n in targets if n.outcome is outcome) for outcome in Outcome}
    nodes: dict[str, tuple[str, ...]] = {}
    how: dict[str, str] = {}
    unmapped: list[str] = []
    for name in stage_names:
        key = normalised(name)
        if key in wanted:
            nodes[name], how[name] = (wanted[key],), "map"
        elif key in by_crm_stage:
            nodes[name], how[name] = tuple(by_crm_stage[key]), "crm_stage"
        elif key in by_key:
            nodes[name], how[name] = tuple(dict.fromkeys(by_key[key])), "name"
        elif key in WON_NAMES and outcome_nodes[Outcome.WON]:
            nodes[name], how[name] = outcome_nodes[Outcome.WON], "won"
        elif key in LOST_NAMES and outcome_nodes[Outcome.LOST]:
            nodes[name], how[name] = outcome_nodes[Outcome.LOST], "lost"
        else:
            unmapped.append(name)
    return StageMapping(nodes, how, unmapped)


# ----------------------------------------------------------------------------- report
@dataclass(frozen=True)
class ArrowFigure:
    edge: str
    source: str
    target: str
    planned: float | None
    measured: float | None  # None: no deal was seen leaving the arrow's source
    n: int  # transitions out of the source
    count: int  # transitions along this arrow
    low: float | None
    high: float | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.edge, "from": self.source, "to": self.target,
                "planned": self.planned, "measured": self.measured, "n": self.n,
                "count": self.count, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class Deviation:
    """Transitions the drawing lacks (or allows only by skipping stages), with examples."""

    source: str  # node id, or "(start)"
    target: str
    count: int
    examples: list[str]
    skipped: list[str] = field(default_factory=list)  # stage ids passed over (skips only)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"from": self.source, "to": self.target, "count": self.count,
                                "examples": self.examples}
        if self.skipped:
            data["skipped"] = self.skipped
        return data


@dataclass(frozen=True)
class Provenance:
    """Where a measured arrow comes from; no case ids, no names: it may be saved in the file."""

    n: int
    source: str
    start: str  # first date of the data used, YYYY-MM-DD
    end: str

    def to_json(self) -> dict[str, Any]:
        return {"n": self.n, "source": self.source, "from": self.start, "to": self.end}

    def to_model(self) -> Measured:
        return Measured(self.n, self.source, self.start, self.end)


@dataclass(frozen=True)
class CalibrationReport:
    source: str
    columns: dict[str, str]
    notes: list[str]
    cases: int
    rows: int
    open_cases: int
    start: str
    end: str
    mapping: StageMapping
    arrows: list[ArrowFigure]
    stages: list[StageFigure]
    missing: list[Deviation]
    skips: list[Deviation]
    skipped_cases: int
    unused: list[str]
    unmapped: dict[str, int]  # CRM stage -> rows
    no_data: list[str]  # stages no deal was seen in

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "columns": self.columns, "notes": self.notes,
            "cases": self.cases, "rows": self.rows, "open_cases": self.open_cases,
            "from": self.start, "to": self.end,
            "mapping": {name: list(nodes) for name, nodes in self.mapping.nodes.items()},
            "arrows": [a.to_json() for a in self.arrows],
            "stages": [s.to_json() for s in self.stages],
            "conformance": {
                "missing_arrows": [d.to_json() for d in self.missing],
                "unused_arrows": self.unused,
                "skipped_stages": [d.to_json() for d in self.skips],
                "cases_that_skipped": self.skipped_cases,
                "unmapped_stages": self.unmapped,
                "stages_without_data": self.no_data,
            },
        }


@dataclass(frozen=True)
class Calibration:
    """The calibrated copy of the process, what each measured arrow rests on, and the report."""

    document: Document
    provenance: dict[str, Provenance]
    report: CalibrationReport


# ----------------------------------------------------------------------------- statistics
def wilson(count: int, n: int, z: float = Z90) -> tuple[float, float]:
    """Wilson score interval of a proportion count/n (90 % with the default z)."""
    if n <= 0:
        return 0.0, 1.0
    p = count / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if count == 0 else max(0.0, centre - half)
    high = 1.0 if count == n else min(1.0, centre + half)
    return low, high


# ----------------------------------------------------------------------------- paths
class _Paths:
    """For each shape: the shapes a deal can go to next (through decisions only) by which arrows,
    and every shape it can reach at all with the stages in between."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.next: dict[str, dict[str, list[str]]] = {n: self._next(n) for n in doc.nodes}
        self._reach: dict[str, dict[str, list[str]]] = {}

    def _next(self, origin: str) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        queue = deque([(origin, [])])
        seen = {origin}
        while queue:
            node, path = queue.popleft()
            for edge_id in self.doc.out_edges(node):
                edge = self.doc.edges[edge_id]
                target, way = edge.target, [*path, edge_id]
                if self.doc.nodes[target].kind is NodeKind.DECISION:
                    if target not in seen:
                        seen.add(target)
                        queue.append((target, way))
                elif target not in found:
                    found[target] = way
        return found

    def reach(self, origin: str) -> dict[str, list[str]]:
        """Shortest route (as node ids in between) to every shape reachable from `origin`."""
        if origin not in self._reach:
            routes: dict[str, list[str]] = {}
            queue = deque([(origin, [])])
            seen = {origin}
            while queue:
                node, between = queue.popleft()
                for target in self.next[node]:
                    if target not in seen:
                        seen.add(target)
                        routes[target] = between
                        queue.append((target, [*between, target]))
            self._reach[origin] = routes
        return self._reach[origin]


@dataclass(frozen=True)
class _Resolved:
    source: str | None
    target: str
    kind: str  # "arrow", "skip", "missing"
    path: list[str]  # edge ids (arrow) or skipped node ids (skip)


def _resolve(paths: _Paths, sources: tuple[str, ...], targets: tuple[str, ...]) -> _Resolved:
    allowed = [(len(paths.next[a][b]), i, a, b) for i, (a, b) in
               enumerate((a, b) for a in sources for b in targets) if b in paths.next[a]]
    if allowed:
        _, _, a, b = min(allowed)
        return _Resolved(a, b, "arrow", paths.next[a][b])
    skips = [(len(paths.reach(a)[b]), i, a, b) for i, (a, b) in
             enumerate((a, b) for a in sources for b in targets) if b in paths.reach(a)]
    if skips:
        _, _, a, b = min(skips)
        return _Resolved(a, b, "skip", paths.reach(a)[b])
    return _Resolved(sources[0] if sources else None, targets[0], "missing", [])


# ----------------------------------------------------------------------------- calibrate
def calibrate(doc: Document, history: StageHistory,
              mapping: StageMapping | Mapping[str, str] | None = None, *,
              since: float | None = None, until: float | None = None) -> Calibration:
    """Measures the process on `history`. `mapping` is a StageMapping, or explicit CRM stage ->
    node id pairs completed by name; `since`/`until` (seconds) keep the rows in between, and
    `until` is where still-open stays are cut. Raises CalibrationError.

    Every step over the rows is one numpy pass on the smallest integers that hold the codes (a
    million rows of int8 stage codes is 1 MB, not 8): the per-row work is in C, Python only
    loops over the few distinct stages and (previous shape, stage) pairs."""
    if not isinstance(mapping, StageMapping):
        mapping = map_stages(doc, history.stage_names, mapping)
    if len(history) == 0:
        raise CalibrationError(f"{history.source}: the export has no rows")
    states = list(dict.fromkeys(mapping.nodes.values()))
    stage_state = np.array([states.index(mapping.nodes[s]) if s in mapping.nodes else -1
                            for s in history.stage_names], dtype=narrowest_int(len(states)))
    if (history.stage.dtype == stage_state.dtype
            and np.array_equal(stage_state, np.arange(len(stage_state)))):
        state = history.stage  # each CRM stage is a state of its own, in the same order
    else:
        state = stage_state[history.stage]
    # Without --since/--until and with every stage mapped (the usual case) no mask is built:
    # each pass over a million rows costs milliseconds.
    windowed = since is not None or until is not None
    keep: np.ndarray | None = None
    if windowed:
        keep = np.ones(len(history), dtype=bool)
        if since is not None:
            keep &= history.time >= since
        if until is not None:
            keep &= history.time <= until
    in_window = int(np.count_nonzero(keep)) if keep is not None else len(history)
    if (stage_state >= 0).all():
        mapped = keep
        unmapped_rows = np.zeros(len(history.stage_names), dtype=np.int64)
    else:
        known = state >= 0
        mapped = known if keep is None else keep & known
        unmapped_rows = np.bincount(history.stage[~known if keep is None else keep & ~known],
                                    minlength=len(history.stage_names))
    used = int(np.count_nonzero(mapped)) if mapped is not None else len(history)
    if in_window == 0:
        raise CalibrationError(f"{history.source}: no row lies between --since and --until")
    if used < MIN_MAPPED_SHARE * in_window:
        share = used / in_window
        raise CalibrationError(
            f"{history.source}: only {share:.0%} of the rows are in a stage of "
            f"{doc.title!r} ({len(mapping.nodes)} of {len(history.stage_names)} CRM stages "
            f"match a shape): is this the history of another process? Unmatched: "
            f"{', '.join(repr(s) for s in mapping.unmapped[:8])}; map them with "
            "--map 'CRM stage=node id'")
    notes = list(history.notes)
    entries = _entries(history, state, None if used == len(history) else mapped, notes)
    node_state, time, first_rows = entries.state, entries.time, entries.first_rows
    last_rows = entries.last_rows()
    earliest, latest = entries.earliest, entries.latest

    if until is not None:
        end_of_data = until
    elif mapped is None or used == in_window:
        end_of_data = latest
    else:
        end_of_data = float(history.time[keep].max() if keep is not None
                            else history.time.max())
    several = any(len(nodes) > 1 for nodes in states)
    # On a big history a second thread groups the stays by stage while this one counts the
    # transitions; then each works out half of the stages' figures (numpy lets go of the GIL).
    helper = ThreadPoolExecutor(max_workers=1) if len(node_state) >= PARALLEL_ROWS else None
    stays: Future[Stays] | None = None
    if helper is not None and not several:  # each stage stands for one shape: it is entered
        stays = helper.submit(Stays, doc, node_state, [nodes[0] for nodes in states],
                              last_rows)
    try:
        pairs = _transitions(doc, states, node_state, first_rows, several)
        stay = stay_days(time, last_rows, end_of_data)
        if stays is None:
            entered = list(doc.nodes)
            entry_node = pairs.per_code(lambda p: entered.index(p.target),
                                        narrowest_int(len(entered)))[pairs.code]
            grouped = Stays(doc, entry_node, entered, last_rows)
        else:
            grouped = stays.result()
        stage_figures = grouped.figures_on(stay, helper)
    finally:
        if helper is not None:
            helper.shutdown(wait=False)
    resolved, pair_counts = pairs.resolved, pairs.counts

    traversals: dict[str, int] = dict.fromkeys(doc.edges, 0)
    leaving: dict[str, int] = dict.fromkeys(doc.nodes, 0)
    for pair, count in zip(resolved, pair_counts.tolist(), strict=True):
        if pair.source is not None:
            leaving[pair.source] += count
        if pair.kind == "arrow":
            for edge_id in pair.path:
                traversals[edge_id] += count
                source = doc.edges[edge_id].source
                if doc.nodes[source].kind is NodeKind.DECISION:
                    leaving[source] += count

    arrows = _arrow_figures(doc, traversals, leaving)
    case_names = history.case_names

    def examples(k: int) -> list[str]:
        chosen = np.unique(entries.cases_of(np.flatnonzero(pairs.code == pairs.codes[k])))[:3]
        return [case_names[int(c)] for c in chosen]

    def label(node_id: str | None) -> str:
        return "(start)" if node_id is None or doc.nodes[node_id].kind is NodeKind.START \
            else node_id

    node_ids, width = list(doc.nodes), len(states) + 1

    def most_first(k: int) -> tuple[int, int, int]:
        """Most transitions first; ties in the drawing's order: the shape left (the start
        last), then the stage entered (a pair code may name the state left instead)."""
        before, after = divmod(int(pairs.codes[k]), width)
        if len(node_ids) <= before < len(node_ids) + len(states):
            before = node_ids.index(states[before - len(node_ids)][0])
        return -int(pair_counts[k]), before, after

    ranked = sorted(range(len(resolved)), key=most_first)
    missing = [Deviation(label(resolved[k].source), resolved[k].target, int(pair_counts[k]),
                         examples(k)) for k in ranked if resolved[k].kind == "missing"]
    skips = [Deviation(label(resolved[k].source), resolved[k].target, int(pair_counts[k]),
                       examples(k), [n for n in resolved[k].path
                                     if doc.nodes[n].kind is not NodeKind.DECISION])
             for k in ranked if resolved[k].kind == "skip"]
    skipped_cases = 0
    if any(p.kind == "skip" for p in resolved):
        skipped = pairs.per_code(lambda p: p.kind == "skip", np.bool_)[pairs.code]
        skipped_cases = len(np.unique(entries.cases_of(np.flatnonzero(skipped))))
    seen_nodes = {p.target for p in resolved}
    unused = [a.edge for a in arrows if a.measured == 0.0]
    no_data = [n.id for n in doc.nodes.values()
               if n.kind is NodeKind.STAGE and n.id not in seen_nodes]
    period = (_day(earliest), _day(latest))
    source_name = os.path.basename(history.source)
    provenance = {a.edge: Provenance(a.n, source_name, *period)
                  for a in arrows if a.measured is not None}
    stage_provenance = {s.id: Provenance(s.n + s.open, source_name, *period)
                        for s in stage_figures if s.mean_days is not None}
    ends_open = pairs.per_code(lambda p: doc.nodes[p.target].kind is not NodeKind.END,
                               np.bool_)
    report = CalibrationReport(
        source=history.source, columns=history.columns, notes=notes,
        cases=len(first_rows), rows=used,
        open_cases=int(np.count_nonzero(ends_open[pairs.code[last_rows]])),
        start=period[0], end=period[1], mapping=mapping, arrows=arrows, stages=stage_figures,
        missing=missing, skips=skips, skipped_cases=skipped_cases, unused=unused,
        unmapped={history.stage_names[i]: int(c) for i, c in enumerate(unmapped_rows) if c},
        no_data=no_data)
    return Calibration(_calibrated(doc, arrows, stage_figures, provenance, stage_provenance),
                       provenance, report)


@dataclass(frozen=True)
class _Entries:
    """The rows that count as stage entries, grouped by case and in time order within each:
    repeated rows of one stage are collapsed into the first."""

    state: np.ndarray  # per row: the state it enters
    time: np.ndarray  # per row
    first_rows: np.ndarray  # where each case begins
    cases: np.ndarray | None  # the case code of each case, in order; None: 0, 1, 2 ...
    earliest: float  # the first and last time of any row, repeated ones too
    latest: float

    def last_rows(self) -> np.ndarray:
        return _last_rows(self.first_rows, len(self.state))

    def cases_of(self, rows: np.ndarray) -> np.ndarray:
        """The case code of each of `rows` (ascending)."""
        runs = np.searchsorted(self.first_rows, rows, side="right") - 1
        return runs if self.cases is None else self.cases[runs]


def _entries(history: StageHistory, state: np.ndarray, mapped: np.ndarray | None,
             notes: list[str]) -> _Entries:
    """The entries of the rows `mapped` keeps (None: all). A history that says where its
    cases start (rows grouped by case, as most exports are) costs one pass to check that each
    case's rows are in time order; any other is sorted by case, then time, file order
    breaking ties."""
    starts = history.case_starts
    if mapped is None and starts is not None:
        backwards = history.time[1:] < history.time[:-1]
        backwards[starts[1:] - 1] = False  # one case to the next may go back in time
        if not backwards.any():
            return _collapsed(state, history.time, starts, None)
    if mapped is None:
        case, node_state, time = history.case, state, history.time
    else:
        case, node_state, time = history.case[mapped], state[mapped], history.time[mapped]
    by_time, unordered, same_case = _time_order(case, time)
    if by_time is not None:
        case, node_state, time = case[by_time], node_state[by_time], time[by_time]
    if unordered:
        notes.append(f"{unordered} case(s) had rows out of time order in the file; they were "
                     "sorted by time")
    first = np.empty(len(case), dtype=bool)
    first[0] = True
    np.logical_not(same_case, out=first[1:])
    first_rows = np.flatnonzero(first)
    return _collapsed(node_state, time, first_rows, case[first_rows])


def _collapsed(state: np.ndarray, time: np.ndarray, first_rows: np.ndarray,
               cases: np.ndarray | None) -> _Entries:
    """A row counts as an entry where the case or the stage changes."""
    # each case's rows are in time order: its first and last rows hold the extremes
    extremes = (float(time[first_rows].min()),
                float(time[_last_rows(first_rows, len(time))].max()))
    changed = np.empty(len(state), dtype=bool)
    changed[0] = True
    np.not_equal(state[1:], state[:-1], out=changed[1:])
    changed[first_rows] = True
    if changed.all():
        return _Entries(state, time, first_rows, cases, *extremes)
    first = np.zeros(len(state), dtype=bool)
    first[first_rows] = True
    return _Entries(state[changed], time[changed], np.flatnonzero(first[changed]), cases,
                    *extremes)


def _last_rows(first_rows: np.ndarray, rows: int) -> np.ndarray:
    """Where each case ends, from where each begins."""
    last = np.empty_like(first_rows)
    np.subtract(first_rows[1:], 1, out=last[:-1])
    last[-1] = rows - 1
    return last


def _transitions(doc: Document, states: list[tuple[str, ...]], node_state: np.ndarray,
                 first_rows: np.ndarray, several: bool) -> _Pairs:
    """Each entry's transition (from the start, or from the state before) resolved to the
    drawing's arrows. With a stage mapped to several shapes ("Closed Lost" to every lost
    end), pass 1 finds the shape each entry stands for from the stage before it and pass 2
    resolves each transition from that shape, so a deal always leaves the one it was in."""
    paths = _Paths(doc)
    starts = tuple(n.id for n in doc.nodes.values() if n.kind is NodeKind.START)
    node_ids = list(doc.nodes)
    start_code = len(node_ids) + len(states)
    code_type = narrowest_int((start_code + 1) * (len(states) + 1))
    previous = np.empty(len(node_state), dtype=code_type)
    previous[1:] = node_state[:-1]
    previous[1:] += len(node_ids)  # a state's code, in the wider type: no overflow
    previous[first_rows] = start_code
    pairs = _resolve_pairs(paths, doc, states, starts, previous, node_state)
    if not several:
        return pairs
    entry_node = pairs.per_code(lambda p: node_ids.index(p.target),
                                narrowest_int(len(node_ids)))[pairs.code]
    previous = np.empty(len(node_state), dtype=code_type)
    previous[1:] = entry_node[:-1]
    previous[first_rows] = start_code
    return _resolve_pairs(paths, doc, states, starts, previous, node_state)


@dataclass(frozen=True)
class _Pairs:
    """The (previous, stage) pair of every row as one small integer code, and each distinct
    pair resolved once: per-row figures are looked up by code, never by a loop over rows."""

    code: np.ndarray  # per row
    codes: np.ndarray  # the distinct codes, ascending
    resolved: list[_Resolved]  # per distinct code
    counts: np.ndarray  # rows per distinct code

    def per_code(self, value: Callable[[_Resolved], object], dtype: type) -> np.ndarray:
        """`value` of each pair, as a table indexed by code (`table[code]` gives it per row)."""
        table = np.zeros(int(self.codes[-1]) + 1, dtype=dtype)
        table[self.codes] = [value(p) for p in self.resolved]
        return table


def _resolve_pairs(paths: _Paths, doc: Document, states: list[tuple[str, ...]],
                   starts: tuple[str, ...], previous: np.ndarray, node_state: np.ndarray
                   ) -> _Pairs:
    """Resolves each distinct (previous, stage) pair once. `previous` codes a node index below
    len(nodes), a state as len(nodes) + state, the start as len(nodes) + len(states); it is
    overwritten with the pair codes."""
    node_ids = list(doc.nodes)
    width = len(states) + 1
    combined = previous
    np.multiply(combined, width, out=combined)
    np.add(combined, node_state, out=combined)
    counts = np.bincount(combined)  # the codes are small: no sort needed
    codes = np.flatnonzero(counts)
    resolved = []
    for code in codes.tolist():
        before, after = divmod(code, width)
        if before < len(node_ids):
            sources: tuple[str, ...] = (node_ids[before],)
        elif before - len(node_ids) < len(states):
            sources = states[before - len(node_ids)]
        else:
            sources = starts
        resolved.append(_resolve(paths, sources, states[after]))
    return _Pairs(combined, codes, resolved, counts[codes])


def _time_order(case: np.ndarray, time: np.ndarray) -> tuple[np.ndarray | None, int, np.ndarray]:
    """Indices that sort the rows by case, then time, file order breaking ties (None: already
    so); how many cases had rows out of time order in the file; and, in the sorted order,
    whether each row has the deal of the row before. Exports grouped by deal cost one pass."""
    same = case[1:] == case[:-1]
    if np.all(case[1:] >= case[:-1]) and not np.any(same & (time[1:] < time[:-1])):
        return None, 0, same
    by_case = np.argsort(case, kind="stable")
    grouped, times = case[by_case], time[by_case]
    same = grouped[1:] == grouped[:-1]
    backwards = same & (times[1:] < times[:-1])
    unordered = len(np.unique(grouped[1:][backwards]))
    if unordered == 0:
        return by_case, 0, same
    return by_case[np.lexsort((times, grouped))], unordered, same


def _arrow_figures(doc: Document, traversals: dict[str, int], leaving: dict[str, int]
                   ) -> list[ArrowFigure]:
    figures = []
    for source in doc.nodes:
        out = doc.out_edges(source)
        n = leaving[source]
        shares = _shares([traversals[e] for e in out], n)
        for edge_id, share in zip(out, shares, strict=True):
            edge = doc.edges[edge_id]
            low, high = wilson(traversals[edge_id], n) if n else (None, None)
            figures.append(ArrowFigure(edge_id, edge.source, edge.target, edge.probability,
                                       share, n, traversals[edge_id], low, high))
    return figures


def _shares(counts: list[int], n: int) -> list[float | None]:
    """count/n rounded, never adding up to more than 1 after rounding."""
    if n == 0:
        return [None] * len(counts)
    shares = [round(c / n, PROBABILITY_DECIMALS) for c in counts]
    # Rounded, the shares of arrows that took every transition must still add up to exactly 1
    # (0.2984 + 0.2984 + 0.4031 would drop 0.01 % of the leads in the metrics), and never more.
    target = 1.0 if sum(counts) == n else min(1.0, sum(shares))
    excess = sum(shares) - target
    if excess != 0 and shares:
        biggest = max(range(len(shares)), key=shares.__getitem__)
        shares[biggest] = round(shares[biggest] - excess, PROBABILITY_DECIMALS + 2)
    return shares


def _day(moment: float) -> str:
    return str(np.datetime64(int(moment), "s").astype("datetime64[D]"))


def _calibrated(doc: Document, arrows: list[ArrowFigure], stages: list[StageFigure],
                provenance: dict[str, Provenance], stage_provenance: dict[str, Provenance]
                ) -> Document:
    """A copy of `doc` with the measured values and what each rests on (`measured:`), built
    through the document's edit methods."""
    copy = Document(doc.title)
    with copy.transaction():
        for lane in doc.lanes:
            copy.add_lane(lane)
        for node in doc.nodes.values():
            copy.add_node(node)
        for edge in doc.edges.values():
            copy.add_edge(edge)
        for arrow in arrows:
            if arrow.measured is not None:
                copy.update_edge(arrow.edge, probability=arrow.measured,
                                 measured=provenance[arrow.edge].to_model())
        for stage in stages:
            if stage.mean_days is not None:
                try:
                    copy.update_node(stage.id,
                                     duration_days=min(stage.mean_days, MAX_DURATION_DAYS),
                                     measured=stage_provenance[stage.id].to_model())
                except ModelError as error:  # pragma: no cover - values are in range
                    raise CalibrationError(str(error)) from None
    return copy


# ----------------------------------------------------------------------------- snapshots
@dataclass(frozen=True)
class SnapshotReport:
    """What a one-row-per-deal export can say: win rate, cycle time and deal value."""

    source: str
    columns: dict[str, str]
    notes: list[str]
    deals: int
    won: int
    lost: int
    open: int
    win_rate: float | None
    low: float | None
    high: float | None
    planned_win_rate: float | None
    won_days: StageFigure | None
    lost_days: StageFigure | None
    mean_won_amount: float | None
    open_by_stage: dict[str, tuple[int, float]]  # stage -> (deals, amount)
    outcomes: dict[str, str]  # CRM stage -> won / lost / open
    cannot: list[str]
    #: Open amounts x their stage's chance to be won under the process (metrics.py); None when
    #: no open stage with an amount maps to a shape.
    pipeline_forecast: float | None = None
    #: Open CRM stages with an amount that map to no shape: left out of the forecast.
    pipeline_unmapped: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "pipeline_forecast": self.pipeline_forecast,
            "pipeline_unmapped": self.pipeline_unmapped,
            "source": self.source, "columns": self.columns, "notes": self.notes,
            "deals": self.deals, "won": self.won, "lost": self.lost, "open": self.open,
            "win_rate": self.win_rate, "low": self.low, "high": self.high,
            "planned_win_rate": self.planned_win_rate,
            "days_to_win": None if self.won_days is None else self.won_days.to_json(),
            "days_to_lose": None if self.lost_days is None else self.lost_days.to_json(),
            "mean_won_amount": self.mean_won_amount,
            "open_by_stage": {s: {"deals": d, "amount": a}
                              for s, (d, a) in self.open_by_stage.items()},
            "outcomes": self.outcomes, "cannot_give": self.cannot,
        }


SNAPSHOT_CANNOT = [
    "arrow probabilities (only each deal's current stage is known, not the stages it passed)",
    "days per stage (only created and closed dates are known)",
    "conformance (which transitions deals made)",
]


def summarise_snapshot(doc: Document, snapshot: DealSnapshot,
                       explicit: Mapping[str, str] | None = None) -> SnapshotReport:
    """Win rate (won ÷ closed; open deals are not lost), days from created to closed, the mean
    won amount and the open pipeline by stage."""
    mapping = map_stages(doc, snapshot.stage_names, explicit)
    outcomes: dict[str, str] = {}
    for name in snapshot.stage_names:
        key = normalised(name)
        nodes = mapping.nodes.get(name, ())
        node_outcomes = {doc.nodes[n].outcome for n in nodes}
        if key in WON_NAMES or node_outcomes == {Outcome.WON}:
            outcomes[name] = "won"
        elif key in LOST_NAMES or node_outcomes == {Outcome.LOST}:
            outcomes[name] = "lost"
        else:
            outcomes[name] = "open"
    kind = np.array([outcomes[s] for s in snapshot.stage_names], dtype=object)[snapshot.stage]
    won, lost = kind == "won", kind == "lost"
    closed = int(won.sum() + lost.sum())
    win_rate = float(won.sum() / closed) if closed else None
    low, high = wilson(int(won.sum()), closed) if closed else (None, None)

    def cycle(mask: np.ndarray, label: str) -> StageFigure | None:
        days = (snapshot.closed[mask] - snapshot.created[mask]) / DAY
        days = days[np.isfinite(days)]
        if len(days) == 0:
            return None
        survival = kaplan_meier(days, np.ones(len(days), dtype=bool))
        return StageFigure(label, None, rounded(survival.mean), rounded(survival.median),
                           rounded(survival.p90), len(days), 0)

    amounts = snapshot.amount[won]
    amounts = amounts[np.isfinite(amounts)]
    open_by_stage: dict[str, tuple[int, float]] = {}
    for index, name in enumerate(snapshot.stage_names):
        if outcomes[name] == "open":
            mine = snapshot.stage == index
            values = snapshot.amount[mine]
            open_by_stage[name] = (int(mine.sum()), float(np.nansum(values)))
    planned = forecast = None
    open_amounts = {}
    unmapped_open = []
    for name, (_deals, amount) in open_by_stage.items():
        if name in mapping.nodes and amount:
            node_id = mapping.nodes[name][0]
            open_amounts[node_id] = open_amounts.get(node_id, 0.0) + amount
        elif amount:
            unmapped_open.append(name)
    try:
        from flowedit.analysis.metrics import MetricsError, compute_metrics, pipeline_forecast

        planned = compute_metrics(doc).win_rate
        if open_amounts:
            forecast = pipeline_forecast(doc, open_amounts)
    except MetricsError:
        planned = None
    return SnapshotReport(
        snapshot.source, snapshot.columns, snapshot.notes, len(snapshot), int(won.sum()),
        int(lost.sum()), len(snapshot) - closed, win_rate, low, high, planned,
        cycle(won, "won"), cycle(lost, "lost"),
        float(amounts.mean()) if len(amounts) else None, open_by_stage, outcomes,
        list(SNAPSHOT_CANNOT), forecast, unmapped_open)


def data_findings(doc: Document, report: CalibrationReport) -> DataFindings:
    """What the editor keeps of a calibration of `doc` (as it was before): the planned
    probabilities, the transitions it lacks (from the start: from its first start shape) and the
    arrows no deal took; no deal ids."""
    first_start = next((n.id for n in doc.nodes.values() if n.kind is NodeKind.START), None)
    missing = []
    for deviation in report.missing:
        source = deviation.source if deviation.source in doc.nodes else first_start
        if source is not None:
            missing.append((source, deviation.target, deviation.count))
    return DataFindings(os.path.basename(report.source),
                        {a.edge: a.planned for a in report.arrows if a.measured is not None},
                        missing, list(report.unused))
