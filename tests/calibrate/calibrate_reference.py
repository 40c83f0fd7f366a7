"""calibrate() written row by row in plain Python, straight from docs/calibration.md: the
reference the vectorised calibration is checked against (tests/calibrate/test_vectorised_
calibration.py). Slow on purpose: one loop per case, one `_resolve` per transition. It shares
with the real module only what is not per row: the stage mapping, the path search through the
drawing, Kaplan–Meier on one stage's stays, the arrow shares and the calibrated copy."""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import pairwise

import numpy as np

from flowedit.analysis.calibrate import (
    MIN_MAPPED_SHARE,
    Calibration,
    CalibrationError,
    CalibrationReport,
    Deviation,
    Provenance,
    StageFigure,
    StageMapping,
    _arrow_figures,
    _calibrated,
    _day,
    _Paths,
    _resolve,
    kaplan_meier,
    map_stages,
)
from flowedit.analysis.stays import rounded
from flowedit.model import Document, NodeKind
from flowedit.model.history import DAY, StageHistory


def reference_calibrate(doc: Document, history: StageHistory,
                        mapping: StageMapping | Mapping[str, str] | None = None, *,
                        since: float | None = None, until: float | None = None) -> Calibration:
    if not isinstance(mapping, StageMapping):
        mapping = map_stages(doc, history.stage_names, mapping)
    if len(history) == 0:
        raise CalibrationError(f"{history.source}: the export has no rows")
    states = list(dict.fromkeys(mapping.nodes.values()))
    node_ids = list(doc.nodes)
    in_window: list[int] = []
    unmapped: Counter[str] = Counter()
    by_case: dict[int, list[tuple[float, int, int]]] = defaultdict(list)  # (time, row, state)
    for i in range(len(history)):
        time = float(history.time[i])
        if (since is not None and time < since) or (until is not None and time > until):
            continue
        in_window.append(i)
        name = history.stage_names[int(history.stage[i])]
        if name not in mapping.nodes:
            unmapped[name] += 1
            continue
        by_case[int(history.case[i])].append((time, i, states.index(mapping.nodes[name])))
    if not in_window:
        raise CalibrationError(f"{history.source}: no row lies between --since and --until")
    rows = sum(map(len, by_case.values()))
    if rows < MIN_MAPPED_SHARE * len(in_window):
        share = rows / len(in_window)
        raise CalibrationError(
            f"{history.source}: only {share:.0%} of the rows are in a stage of "
            f"{doc.title!r} ({len(mapping.nodes)} of {len(history.stage_names)} CRM stages "
            f"match a shape): is this the history of another process? Unmatched: "
            f"{', '.join(repr(s) for s in mapping.unmapped[:8])}; map them with "
            "--map 'CRM stage=node id'")
    notes = list(history.notes)
    unordered = sum(any(b[0] < a[0] for a, b in pairwise(entries))
                    for entries in by_case.values())
    if unordered:
        notes.append(f"{unordered} case(s) had rows out of time order in the file; they were "
                     "sorted by time")
    end_of_data = until if until is not None else max(float(history.time[i]) for i in in_window)
    paths = _Paths(doc)
    starts = tuple(n.id for n in doc.nodes.values() if n.kind is NodeKind.START)
    start_code = len(node_ids) + len(states)
    several = any(len(nodes) > 1 for nodes in states)
    pair_count: Counter[tuple[int, int]] = Counter()
    pair_cases: dict[tuple[int, int], list[int]] = defaultdict(list)
    pair_resolved = {}
    stays: dict[str, list[float]] = defaultdict(list)
    still_open: dict[str, list[bool]] = defaultdict(list)
    open_cases = 0
    for case in sorted(by_case):
        entries = sorted(by_case[case])  # by time, file order breaking ties
        collapsed = [entries[0]]
        for entry in entries[1:]:
            if entry[2] != collapsed[-1][2]:
                collapsed.append(entry)
        # the shape each entry stands for, judged from the stage before it (pass 1)
        guessed = []
        for k, (_, _, state) in enumerate(collapsed):
            if not several:
                guessed.append(states[state][0])
            else:
                before = starts if k == 0 else states[collapsed[k - 1][2]]
                guessed.append(_resolve(paths, before, states[state]).target)
        for k, (time, _, state) in enumerate(collapsed):
            before = starts if k == 0 else (guessed[k - 1],)
            resolved = _resolve(paths, before, states[state])
            key = (start_code if k == 0 else node_ids.index(guessed[k - 1]), state)
            pair_resolved[key] = resolved
            pair_count[key] += 1
            if case not in pair_cases[key]:
                pair_cases[key].append(case)
            last = k == len(collapsed) - 1
            node = resolved.target
            if last and doc.nodes[node].kind is NodeKind.END:
                continue
            stay = (end_of_data if last else collapsed[k + 1][0]) - time
            stays[node].append(max(stay, 0.0) / DAY)
            still_open[node].append(last)
        if doc.nodes[resolved.target].kind is not NodeKind.END:
            open_cases += 1
    keys = sorted(pair_resolved)
    resolved_list = [pair_resolved[k] for k in keys]
    traversals = dict.fromkeys(doc.edges, 0)
    leaving = dict.fromkeys(doc.nodes, 0)
    for key, pair in zip(keys, resolved_list, strict=True):
        if pair.source is not None:
            leaving[pair.source] += pair_count[key]
        if pair.kind == "arrow":
            for edge_id in pair.path:
                traversals[edge_id] += pair_count[key]
                if doc.nodes[doc.edges[edge_id].source].kind is NodeKind.DECISION:
                    leaving[doc.edges[edge_id].source] += pair_count[key]
    stage_figures = []
    for node_id, node in doc.nodes.items():
        if node.kind is not NodeKind.STAGE or not stays[node_id]:
            continue
        survival = kaplan_meier(np.array(stays[node_id]), ~np.array(still_open[node_id]))
        stage_figures.append(StageFigure(
            node_id, node.duration_days, rounded(survival.mean), rounded(survival.median),
            rounded(survival.p90), survival.events, survival.censored,
            survival.mean_is_lower_bound))
    arrows = _arrow_figures(doc, traversals, leaving)

    def label(node_id: str | None) -> str:
        return "(start)" if node_id is None or doc.nodes[node_id].kind is NodeKind.START \
            else node_id

    def examples(key: tuple[int, int]) -> list[str]:
        return [history.case_names[c] for c in sorted(pair_cases[key])[:3]]

    missing = [Deviation(label(p.source), p.target, pair_count[k], examples(k))
               for k, p in zip(keys, resolved_list, strict=True) if p.kind == "missing"]
    skips = [Deviation(label(p.source), p.target, pair_count[k], examples(k),
                       [n for n in p.path if doc.nodes[n].kind is not NodeKind.DECISION])
             for k, p in zip(keys, resolved_list, strict=True) if p.kind == "skip"]
    skipped_cases = len({c for k, p in zip(keys, resolved_list, strict=True)
                         if p.kind == "skip" for c in pair_cases[k]})
    missing.sort(key=lambda d: -d.count)
    skips.sort(key=lambda d: -d.count)
    seen_nodes = {p.target for p in resolved_list}
    used_times = [t for entries in by_case.values() for t, _, _ in entries]
    period = (_day(min(used_times)), _day(max(used_times)))
    source_name = os.path.basename(history.source)
    provenance = {a.edge: Provenance(a.n, source_name, *period)
                  for a in arrows if a.measured is not None}
    stage_provenance = {s.id: Provenance(s.n + s.open, source_name, *period)
                        for s in stage_figures if s.mean_days is not None}
    report = CalibrationReport(
        source=history.source, columns=history.columns, notes=notes, cases=len(by_case),
        rows=rows, open_cases=open_cases, start=period[0], end=period[1], mapping=mapping,
        arrows=arrows, stages=stage_figures, missing=missing, skips=skips,
        skipped_cases=skipped_cases, unused=[a.edge for a in arrows if a.measured == 0.0],
        unmapped={name: unmapped[name] for name in history.stage_names if unmapped[name]},
        no_data=[n.id for n in doc.nodes.values()
                 if n.kind is NodeKind.STAGE and n.id not in seen_nodes])
    return Calibration(_calibrated(doc, arrows, stage_figures, provenance, stage_provenance),
                       provenance, report)
