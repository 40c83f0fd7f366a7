"""Comparing two versions of a process: what was added, removed and changed, and what it does to
the win rate, the days to win and the bottleneck. Pure Python (metrics use numpy/scipy), no Qt.

Matching (docs/metrics.md, "Comparing two versions"):

- Lanes and nodes are matched by id first, then, among those left over on both sides, by name
  (case-insensitive, surrounding spaces ignored; empty names never match), pairing equal names in
  file order. So a renamed stage that kept its id is "changed: name", and a stage whose id changed
  but whose name stayed is matched by its name ("changed: id").
- Arrows are matched by their ends first: an old arrow whose source and target were matched to
  the source and target of a new arrow is that arrow, whatever its id (several arrows joining the
  same two nodes pair up by id, then in file order). Then, among those left over, by id, but only
  when at least one end still corresponds: that arrow was re-pointed. Two arrows that share only
  an id (ids are reused after a deletion) are one removed and one added arrow.

What is compared: lanes' id, name, height and color, and the order of the lanes; nodes' id, name,
kind, lane, owner, description, duration_days, outcome, position (x, y), size (the drawn size, the
kind's default included), color and bold; arrows' ends, label and probability (not their ids);
the title. The order of nodes and arrows in the file is not compared.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from flowedit.analysis.metrics import (
    DEFAULT_LEADS,
    Metrics,
    MetricsError,
    check_leads,
    compute_metrics,
)
from flowedit.model import Document, Edge, Lane, Node, NodeKind
from flowedit.model.limits import MAX_LEVELS

#: The node fields compared, in the order they are reported.
NODE_FIELDS = ("id", "name", "kind", "lane", "owner", "description", "duration_days", "outcome",
               "position", "size", "color", "bold")
#: An arrow's id is not compared: an arrow is the one joining the same two stages whatever its id
#: (arrows written without one are numbered in file order, so one inserted arrow renumbers the
#: rest). `Changed.old_id` and `new_id` still give both.
EDGE_FIELDS = ("source", "target", "label", "probability")
LANE_FIELDS = ("id", "name", "height", "color")
#: The metrics compared.
METRIC_FIELDS = ("win_rate", "days_to_win", "bottleneck")
#: Figures closer than this (relative, and absolute near 0) are the same: the same process in
#: another file order may round differently in the last bits.
_TOLERANCE = 1e-9

R = TypeVar("R", Node, Edge, Lane)
Named = TypeVar("Named", Node, Lane)


@dataclass(frozen=True, slots=True)
class Changed(Generic[R]):
    """A record that is in both versions but differs: `fields` maps each differing field to its
    (old, new) value. Values are JSON-ready: kinds and outcomes as text, position and size as
    (x, y) and (width, height), lane, source and target as ids of their own version."""

    old: R
    new: R
    fields: Mapping[str, tuple[Any, Any]]

    @property
    def old_id(self) -> str:
        return self.old.id

    @property
    def new_id(self) -> str:
        return self.new.id

    def to_json(self) -> dict[str, Any]:
        return {"old_id": self.old.id, "new_id": self.new.id,
                "fields": {name: [_json(old), _json(new)]
                           for name, (old, new) in self.fields.items()}}


def _json(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, slots=True)
class Section(Generic[R]):
    """The lanes, nodes or arrows that differ. `added` are records of the new version, `removed`
    of the old one, each in file order; `matched` maps every old id that has a counterpart
    (changed or not) to the new id."""

    added: tuple[R, ...] = ()
    removed: tuple[R, ...] = ()
    changed: tuple[Changed[R], ...] = ()
    matched: Mapping[str, str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {"added": [record.id for record in self.added],
                "removed": [record.id for record in self.removed],
                "changed": [change.to_json() for change in self.changed]}


@dataclass(frozen=True, slots=True)
class MetricsDiff:
    """The metrics of both versions for the same number of leads. A side whose metrics cannot be
    computed has None and its reason in `old_error` / `new_error`."""

    leads: float
    old: Metrics | None
    new: Metrics | None
    old_error: str | None = None
    new_error: str | None = None
    #: The metrics that differ: "win_rate", "days_to_win", "bottleneck". Empty when a side could
    #: not be computed (there is nothing to compare then).
    changed: tuple[str, ...] = ()

    def pair(self, name: str) -> tuple[Any, Any]:
        """(old, new) of one of METRIC_FIELDS; None on a side that has no such figure."""
        return (None if self.old is None else getattr(self.old, name),
                None if self.new is None else getattr(self.new, name))

    def to_json(self) -> dict[str, Any]:
        return {"leads": self.leads,
                **{name: list(self.pair(name)) for name in METRIC_FIELDS},
                "changed": list(self.changed),
                "errors": {"old": self.old_error, "new": self.new_error}}


@dataclass(frozen=True, slots=True)
class DocumentDiff:
    """Everything that differs between an old and a new version of a process."""

    title: tuple[str, str] | None
    lanes: Section[Lane]
    #: (old lane ids, new lane ids), each top to bottom, when the matched lanes are in another
    #: order; None when they are in the same order.
    lane_order: tuple[tuple[str, ...], tuple[str, ...]] | None
    nodes: Section[Node]
    edges: Section[Edge]
    metrics: MetricsDiff | None  # None when diff_documents was asked not to compute them

    @property
    def has_differences(self) -> bool:
        """False only when nothing is reported: same content (file order aside), same metrics."""
        return bool(self.title or self.lanes or self.lane_order or self.nodes or self.edges
                    or (self.metrics and self.metrics.changed))

    # What the editor highlights: ids of the new version for added and changed records, ids of
    # the old version for removed ones.
    @property
    def added_node_ids(self) -> tuple[str, ...]:
        return tuple(node.id for node in self.nodes.added)

    @property
    def changed_node_ids(self) -> tuple[str, ...]:
        return tuple(change.new_id for change in self.nodes.changed)

    @property
    def removed_node_ids(self) -> tuple[str, ...]:
        return tuple(node.id for node in self.nodes.removed)

    @property
    def added_edge_ids(self) -> tuple[str, ...]:
        return tuple(edge.id for edge in self.edges.added)

    @property
    def changed_edge_ids(self) -> tuple[str, ...]:
        return tuple(change.new_id for change in self.edges.changed)

    @property
    def removed_edge_ids(self) -> tuple[str, ...]:
        return tuple(edge.id for edge in self.edges.removed)

    def to_json(self, old: str | None = None, new: str | None = None) -> dict[str, Any]:
        """The JSON of `flowedit diff --format json`; `old` and `new` name the two versions (the
        command gives the file paths)."""
        lanes = self.lanes.to_json()
        lanes["order"] = None if self.lane_order is None else [list(ids) for ids in
                                                                 self.lane_order]
        return {
            "old": old,
            "new": new,
            "differences": self.has_differences,
            "title": None if self.title is None else list(self.title),
            "nodes": self.nodes.to_json(),
            "edges": self.edges.to_json(),
            "lanes": lanes,
            "metrics": None if self.metrics is None else self.metrics.to_json(),
        }


def diff_documents(old: Document, new: Document, leads: float = DEFAULT_LEADS,
                   metrics: bool = True) -> DocumentDiff:
    """What changed from `old` to `new`. With `metrics`, both are computed for `leads` leads;
    a side that cannot be computed is reported in `MetricsDiff`, the rest of the diff stays.
    MetricsError (a ValueError) if `leads` is not a number above 0 and at most 10^12."""
    if metrics:
        leads = check_leads(leads)
    lanes = _diff_lanes(old.lanes, new.lanes)
    lane_map = lanes.matched
    nodes = _diff_nodes(old, new, lane_map)
    edges = _diff_edges(old, new, nodes.matched)
    return DocumentDiff(
        title=None if old.title == new.title else (old.title, new.title),
        lanes=lanes,
        lane_order=_lane_order(old.lanes, new.lanes, lane_map),
        nodes=nodes,
        edges=edges,
        metrics=_diff_metrics(old, new, leads, nodes.matched) if metrics else None,
    )


@dataclass(frozen=True, slots=True)
class LevelDiff:
    """What differs inside the sub-process of a stage matched in both versions: `path` is the
    stage ids leading there (the new version's), `names` the breadcrumb's names below the top.
    `diff` is None when only one version has a sub-process there (`added` says which)."""

    path: tuple[str, ...]
    names: tuple[str, ...]
    diff: DocumentDiff | None
    added: bool = False
    old_path: tuple[str, ...] = ()  # the old version's stage ids along the way

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"level": list(self.path)}
        if self.diff is None:
            data["subprocess"] = "added" if self.added else "removed"
        else:
            body = self.diff.to_json()
            data.update({key: body[key] for key in ("title", "nodes", "edges", "lanes")})
        return data


def diff_levels(old: Document, new: Document, matched: Mapping[str, str],
                path: tuple[str, ...] = (), names: tuple[str, ...] = (),
                old_path: tuple[str, ...] = ()) -> list[LevelDiff]:
    """The differences inside every sub-process of the stages `matched` (old id -> new id, as
    `DocumentDiff.nodes.matched` gives them), depth first; figures are compared at the top."""
    found: list[LevelDiff] = []
    if len(path) >= MAX_LEVELS:
        return found
    for old_id, new_id in matched.items():
        before, after = old.nodes[old_id], new.nodes[new_id]
        old_child = old.child(old_id) if before.kind is NodeKind.STAGE else None
        new_child = new.child(new_id) if after.kind is NodeKind.STAGE else None
        if old_child is None and new_child is None:
            continue
        here, there = (*path, new_id), (*old_path, old_id)
        crumb = (*names, " ".join(after.name.split()) or new_id)
        if old_child is None or new_child is None:
            found.append(LevelDiff(here, crumb, None, new_child is not None, there))
            continue
        inside = diff_documents(old_child, new_child, metrics=False)
        if inside.has_differences:
            found.append(LevelDiff(here, crumb, inside, old_path=there))
        found += diff_levels(old_child, new_child, inside.nodes.matched, here, crumb, there)
    return found


# --------------------------------------------------------------------------------- matching
def _name_key(name: str) -> str:
    return name.strip().casefold()


def _match(old: Sequence[R], new: Sequence[R], old_key: Callable[[R], Hashable | None],
           new_key: Callable[[R], Hashable | None], matched: dict[str, str]) -> None:
    """Adds to `matched` (old id -> new id) the records left over on both sides whose keys are
    equal and not None, pairing equal keys in file order."""
    taken = set(matched.values())
    waiting: dict[Hashable, list[R]] = defaultdict(list)
    for record in new:
        if record.id not in taken and (key := new_key(record)) is not None:
            waiting[key].append(record)
    for record in old:
        if record.id in matched or (key := old_key(record)) is None or not waiting.get(key):
            continue
        matched[record.id] = waiting[key].pop(0).id


def _match_by_id_then_name(old: Sequence[Named], new: Sequence[Named]) -> dict[str, str]:
    new_ids = {record.id for record in new}
    matched = {record.id: record.id for record in old if record.id in new_ids}

    def key(record: Named) -> str | None:
        return _name_key(record.name) or None

    _match(old, new, key, key, matched)
    return matched


def _section(old: Iterable[R], new: Iterable[R], matched: dict[str, str],
             compare: Callable[[R, R], dict[str, tuple[Any, Any]]]) -> Section[R]:
    new_by_id = {record.id: record for record in new}
    old_list = list(old)
    changed = []
    for record in old_list:
        if record.id in matched:
            counterpart = new_by_id[matched[record.id]]
            fields = compare(record, counterpart)
            if fields:
                changed.append(Changed(record, counterpart, fields))
    taken = set(matched.values())
    return Section(
        added=tuple(record for record in new_by_id.values() if record.id not in taken),
        removed=tuple(record for record in old_list if record.id not in matched),
        changed=tuple(changed),
        matched=matched,
    )


def _counterpart(old_id: str | None, matched: Mapping[str, str]) -> str | None:
    """The new id of what `old_id` names: None for None, "" (no id) when it was not matched."""
    return None if old_id is None else matched.get(old_id, "")


def _differences(pairs: Iterable[tuple[str, Any, Any]]) -> dict[str, tuple[Any, Any]]:
    return {name: (a, b) for name, a, b in pairs if a != b}


# --------------------------------------------------------------------------------- lanes
def _diff_lanes(old: Sequence[Lane], new: Sequence[Lane]) -> Section[Lane]:
    def compare(a: Lane, b: Lane) -> dict[str, tuple[Any, Any]]:
        return _differences((name, getattr(a, name), getattr(b, name)) for name in LANE_FIELDS)

    return _section(old, new, _match_by_id_then_name(old, new), compare)


def _lane_order(old: Sequence[Lane], new: Sequence[Lane],
                matched: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    kept = set(matched.values())
    before = [matched[lane.id] for lane in old if lane.id in matched]
    after = [lane.id for lane in new if lane.id in kept]
    if before == after:
        return None
    return tuple(lane.id for lane in old), tuple(lane.id for lane in new)


# --------------------------------------------------------------------------------- nodes
def _node_values(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "name": node.name,
        "kind": node.kind.value,
        "lane": node.lane,
        "owner": node.owner,
        "description": node.description,
        "duration_days": node.duration_days,
        "outcome": None if node.outcome is None else node.outcome.value,
        "position": (node.x, node.y),
        "size": node.size,
        "color": None if node.color is None else node.color.value,
        "bold": node.bold,
    }


def _diff_nodes(old: Document, new: Document, lane_map: Mapping[str, str]) -> Section[Node]:
    def compare(a: Node, b: Node) -> dict[str, tuple[Any, Any]]:
        before, after = _node_values(a), _node_values(b)
        fields = _differences((name, before[name], after[name]) for name in NODE_FIELDS
                              if name != "lane")
        # The lane is the same when the node's old lane was matched to its new one.
        if _counterpart(a.lane, lane_map) != b.lane:
            fields["lane"] = (a.lane, b.lane)
        return {name: fields[name] for name in NODE_FIELDS if name in fields}

    return _section(old.nodes.values(), new.nodes.values(),
                    _match_by_id_then_name(list(old.nodes.values()), list(new.nodes.values())),
                    compare)


# --------------------------------------------------------------------------------- arrows
def _diff_edges(old: Document, new: Document, node_map: Mapping[str, str]) -> Section[Edge]:
    old_edges, new_edges = list(old.edges.values()), list(new.edges.values())

    def ends(edge: Edge) -> tuple[str, str] | None:
        """The new ids of an old arrow's ends; None when one of them is not in the new version."""
        source, target = node_map.get(edge.source), node_map.get(edge.target)
        return None if source is None or target is None else (source, target)

    def same_id(edge: Edge) -> tuple[str, str, str] | None:
        joined = ends(edge)
        return None if joined is None else (*joined, edge.id)

    matched: dict[str, str] = {}
    # By ends: the arrows joining the same two nodes, same id first, then in file order.
    _match(old_edges, new_edges, same_id, lambda e: (e.source, e.target, e.id), matched)
    _match(old_edges, new_edges, ends, lambda e: (e.source, e.target), matched)
    # Then by id, when one end still corresponds (re-pointed).
    taken = set(matched.values())
    new_by_id = {edge.id: edge for edge in new_edges}
    for edge in old_edges:
        other = new_by_id.get(edge.id)
        if edge.id in matched or other is None or other.id in taken:
            continue
        if node_map.get(edge.source) == other.source or node_map.get(edge.target) == other.target:
            matched[edge.id] = other.id
            taken.add(other.id)
    return _section(old_edges, new_edges, matched, lambda a, b: _compare_edges(a, b, node_map))


def _compare_edges(a: Edge, b: Edge, node_map: Mapping[str, str]) -> dict[str, tuple[Any, Any]]:
    fields = {}
    if node_map.get(a.source) != b.source:
        fields["source"] = (a.source, b.source)
    if node_map.get(a.target) != b.target:
        fields["target"] = (a.target, b.target)
    fields.update(_differences((name, getattr(a, name), getattr(b, name))
                               for name in ("label", "probability")))
    return fields


# --------------------------------------------------------------------------------- metrics
def _metrics_of(doc: Document, leads: float) -> tuple[Metrics | None, str | None]:
    try:
        return compute_metrics(doc, leads), None
    except MetricsError as error:
        return None, str(error)


def _diff_metrics(old: Document, new: Document, leads: float,
                  node_map: Mapping[str, str]) -> MetricsDiff:
    before, old_error = _metrics_of(old, leads)
    after, new_error = _metrics_of(new, leads)
    changed: list[str] = []
    if before is not None and after is not None:
        for name in ("win_rate", "days_to_win"):
            a, b = getattr(before, name), getattr(after, name)
            if (a is None) != (b is None) or (
                    a is not None and not math.isclose(a, b, rel_tol=_TOLERANCE,
                                                       abs_tol=_TOLERANCE)):
                changed.append(name)
        # The same bottleneck even when its id changed (matched by name).
        if _counterpart(before.bottleneck, node_map) != after.bottleneck:
            changed.append("bottleneck")
    return MetricsDiff(leads, before, after, old_error, new_error, tuple(changed))
