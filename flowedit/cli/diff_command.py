"""`flowedit diff OLD NEW`: what changed between two versions of a process, and what it does to the
win rate, the days to win and the bottleneck. No Qt here.

Text: sections of stages, arrows and lanes added, removed and changed, then the metrics of both
versions; "No differences" when there are none. JSON: `DocumentDiff.to_json()` (docs/metrics.md,
"Comparing two versions", lists every key).
Exit status: 0 when the comparison was made, whether or not the versions differ (as `git diff`
without --exit-code); 2 when a file cannot be read (the reason on stderr, never a traceback) or an
option is wrong. Metrics that cannot be computed for a version are reported in the output, not as
a failure: the rest of the comparison still holds.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from flowedit.analysis.checks import kind_text, outcome_text
from flowedit.cli.common import leads_argument, shortened
from flowedit.i18n import _, format_number, format_percent, ngettext
from flowedit.io import FlowFileError, load_document
from flowedit.model import Document, Edge, Lane, Node, NodeKind, Outcome

if TYPE_CHECKING:
    from flowedit.analysis.diff import Changed, DocumentDiff, LevelDiff, MetricsDiff

#: Names longer than this are cut so that one change stays on one line.
NAME_WIDTH = 60


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("old", metavar="OLD", help=_("the process as it is (a .yaml file)"))
    parser.add_argument("new", metavar="NEW", help=_("the process as planned (a .yaml file)"))
    parser.add_argument("--leads", type=leads_argument, default=1000.0, metavar="N",
                        help=_("leads entering each version for the metrics (default 1000)"))
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help=_("text (sections for people) or json"))
    parser.epilog = _("Stages are matched by id, then by name; arrows by the stages they join, "
                      "then by id. Exit status 0 whether or not the versions differ, 2 when a "
                      "file cannot be read. See docs/metrics.md, 'Comparing two versions'.")


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: `flowedit` without a subcommand should not load scipy.
    from flowedit.analysis.diff import diff_documents, diff_levels

    docs = []
    for path in (args.old, args.new):
        try:
            docs.append(load_document(path))
        except FlowFileError as error:
            print(f"flowedit: {error}", file=sys.stderr)
    if len(docs) < 2:
        return 2
    old, new = docs
    diff = diff_documents(old, new, args.leads)
    levels = (diff_levels(old, new, diff.nodes.matched)
              if old.has_subprocesses() or new.has_subprocesses() else [])
    if args.format == "json":
        data = diff.to_json(args.old, args.new)
        if levels:  # only then, so files without sub-processes give the same JSON
            data["differences"] = True
            data["levels"] = [level.to_json() for level in levels]
        print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
    else:
        print(format_text(diff, old, new, args.old, args.new, levels))
    return 0


def format_text(diff: DocumentDiff, old: Document, new: Document, old_name: str = "old",
                new_name: str = "new", levels: Sequence[LevelDiff] = ()) -> str:
    """The sections `flowedit diff` prints; `old_name` and `new_name` name the versions where a
    metric cannot be computed. `levels`: what differs inside sub-processes, each under its
    breadcrumb (B2B sales › Prospecting)."""
    if not diff.has_differences and not levels:
        return _("No differences")
    top = _top_sections(diff, old, new, old_name, new_name) if diff.has_differences else ""
    parts = [top] if top else []
    for level in levels:
        crumb = " › ".join((new.title, *level.names))
        if level.diff is None:
            parts.append((_("Sub-process added: {where}") if level.added else
                          _("Sub-process removed: {where}")).format(where=crumb))
            continue
        inner = _top_sections(level.diff, old.level(level.old_path),
                              new.level(level.path), old_name, new_name)
        parts.append(_("Inside {where}:").format(where=crumb) + "\n" + "\n".join(
            f"  {line}" for line in inner.splitlines()))
    return "\n\n".join(parts)


def _top_sections(diff: DocumentDiff, old: Document, new: Document, old_name: str,
                  new_name: str) -> str:
    names = _Names(old, new)
    sections: list[tuple[str, list[str]]] = []
    if diff.title is not None:
        sections.append((_("Title"), [f"{_quote(diff.title[0])} → {_quote(diff.title[1])}"]))
    sections += [
        (_("Stages added"), [f"+ {_node_entry(names, n)}" for n in diff.nodes.added]),
        (_("Stages removed"), [f"- {_node_entry(names, n)}" for n in diff.nodes.removed]),
        (_("Stages changed"), [names.node_change(c) for c in diff.nodes.changed]),
        (_("Arrows added"), [f"+ {names.edge(e, new, details=True)}" for e in diff.edges.added]),
        (_("Arrows removed"), [f"- {names.edge(e, old, details=True)}"
                               for e in diff.edges.removed]),
        (_("Arrows changed"), [names.edge_change(c) for c in diff.edges.changed]),
        (_("Lanes added"), [f"+ {_lane_entry(lane)}" for lane in diff.lanes.added]),
        (_("Lanes removed"), [f"- {_lane_entry(lane)}" for lane in diff.lanes.removed]),
        (_("Lanes changed"), [_lane_change(c) for c in diff.lanes.changed]),
    ]
    if diff.lane_order is not None:
        before, after = diff.lane_order
        sections.append((_("Lanes reordered"), [
            f"{', '.join(names.lane(i, old) for i in before)} → "
            f"{', '.join(names.lane(i, new) for i in after)}"]))
    if diff.metrics is not None:
        sections.append(_metrics_section(diff.metrics, names, old_name, new_name))
    return "\n\n".join("\n".join([title, *(f"  {line}" for line in lines)])
                       for title, lines in sections if lines)


def _node_entry(names: _Names, node: Node) -> str:
    return _("{name} ({kind}, id {id})").format(name=names.node(node), kind=kind_text(node.kind),
                                                 id=node.id)


def _lane_entry(lane: Lane) -> str:
    return _("{name} (id {id})").format(name=_quote(_short(lane.name)), id=lane.id)


def _kind_word(value: Any) -> str:
    try:
        return kind_text(NodeKind(value))
    except ValueError:
        return str(value)


def _outcome_word(value: Any) -> str:
    try:
        return outcome_text(Outcome(value)) if value else _("none")
    except ValueError:
        return str(value)


class _Names:
    """How the text names the stages, arrows and lanes of either version."""

    def __init__(self, old: Document, new: Document) -> None:
        self.old, self.new = old, new

    def node(self, node: Node) -> str:
        name = _short(node.name)
        return _quote(name) if name else _("the unnamed {kind} ({id})").format(
            kind=kind_text(node.kind), id=node.id)

    def node_id(self, node_id: str | None, doc: Document) -> str:
        if node_id is None:
            return _("none")
        node = doc.nodes.get(node_id)
        return node_id if node is None else self.node(node)

    def lane(self, lane_id: str | None, doc: Document) -> str:
        if lane_id is None:
            return _("no lane")
        names = {lane.id: lane.name for lane in doc.lanes}
        return _quote(_short(names[lane_id])) if lane_id in names else lane_id

    def ends(self, edge: Edge, doc: Document) -> str:
        return f"{self.node_id(edge.source, doc)} → {self.node_id(edge.target, doc)}"

    def edge(self, edge: Edge, doc: Document, details: bool = False) -> str:
        """"'Accepted?' → 'Deal won' (Yes)", with the probability too when `details`."""
        ends = self.ends(edge, doc)
        extra = [_short(edge.label)] if edge.label else []
        if details and edge.probability is not None:
            extra.append(_percent(edge.probability))
        return f"{ends} ({', '.join(extra)})" if extra else ends

    def node_change(self, change: Changed[Node]) -> str:
        renamed = ((self.node(change.old), self.node(change.new))
                   if "name" in change.fields else None)
        parts = [self._node_field(name, old, new, change.new)
                 for name, (old, new) in change.fields.items() if name != "name"]
        return _change_line(self.node(change.new), renamed, parts)

    def _node_field(self, name: str, old: Any, new: Any, node: Node) -> str:
        formats: dict[str, Callable[[], str]] = {
            "id": lambda: _("id {old} → {new}").format(old=old, new=new),
            "kind": lambda: _("kind {old} → {new}").format(old=_kind_word(old),
                                                           new=_kind_word(new)),
            "lane": lambda: _("lane {old} → {new}").format(old=self.lane(old, self.old),
                                                           new=self.lane(new, self.new)),
            "owner": lambda: _("owner {old} → {new}").format(old=_text(old), new=_text(new)),
            "description": lambda: (_("description added") if old is None else
                                    _("description removed") if new is None else
                                    _("description changed")),
            "duration_days": lambda: _duration(old, new),
            "outcome": lambda: _("outcome {old} → {new}").format(
                old=_outcome_word(old), new=_outcome_word(new)) + (
                (_(" (a won milestone)") if new == "won" else _(" (a lost milestone)"))
                if new and node.kind is NodeKind.STAGE else ""),
            "position": lambda: _("moved {old} → {new}").format(old=_pair(old, ", ", "()"),
                                                                new=_pair(new, ", ", "()")),
            "size": lambda: _("size {old} → {new}").format(old=_pair(old, "×"),
                                                           new=_pair(new, "×")),
            "color": lambda: _("colour {old} → {new}").format(old=old or _("default"),
                                                              new=new or _("default")),
            "bold": lambda: _("bold {old} → {new}").format(old=_bold(old), new=_bold(new)),
        }
        return formats[name]()

    def edge_change(self, change: Changed[Edge]) -> str:
        fields = change.fields
        parts = []
        if "source" in fields or "target" in fields:
            parts.append(_("re-pointed to {ends}").format(ends=self.ends(change.new, self.new)))
        if "label" in fields:
            parts.append(_("label {old} → {new}").format(old=_text(fields["label"][0]),
                                                         new=_text(fields["label"][1])))
        if "probability" in fields:
            before, after = fields["probability"]
            parts.append(_("probability {old} → {new}").format(old=_percent(before),
                                                               new=_percent(after)))
        return f"{self.edge(change.old, self.old)}: {'; '.join(parts)}"


def _bold(value: bool | None) -> str:
    return _("default") if value is None else _("yes") if value else _("no")


def _lane_change(change: Changed[Lane]) -> str:
    fields = change.fields
    renamed = ((_quote(_short(change.old.name)), _quote(_short(change.new.name)))
               if "name" in fields else None)
    parts = []
    if "height" in fields:
        parts.append(_("height {old} → {new}").format(old=_number(fields["height"][0]),
                                                      new=_number(fields["height"][1])))
    if "id" in fields:
        parts.append(_("id {old} → {new}").format(old=fields["id"][0], new=fields["id"][1]))
    if "color" in fields:
        parts.append(_("colour {old} → {new}").format(old=fields["color"][0] or _("default"),
                                                      new=fields["color"][1] or _("default")))
    return _change_line(_quote(_short(change.new.name)), renamed, parts)


def _change_line(name: str, renamed: tuple[str, str] | None, parts: list[str]) -> str:
    """"'Qualify' renamed to 'Qualification call'; duration 2 → 3 days", or "'Proposal': moved
    (400, 200) → (450, 200)" when the name stayed."""
    if renamed is None:
        return f"{name}: {'; '.join(parts)}"
    return "; ".join([_("{old} renamed to {new}").format(old=renamed[0], new=renamed[1]),
                      *parts])


def _metrics_section(metrics: MetricsDiff, names: _Names, old_name: str,
                     new_name: str) -> tuple[str, list[str]]:
    """Each figure as "old → new (change)", "(unchanged)", or "?" for a version whose metrics
    cannot be computed (the reason on a line of its own)."""
    lines = [_("{file}: cannot compute the metrics: {reason}").format(file=where, reason=error)
             for where, error in ((old_name, metrics.old_error), (new_name, metrics.new_error))
             if error is not None]
    title = _("Metrics ({leads} leads)").format(leads=_leads_text(metrics.leads))
    if metrics.old is None and metrics.new is None:
        return title, lines
    both = metrics.old is not None and metrics.new is not None
    old_rate, new_rate = metrics.pair("win_rate")
    old_days, new_days = metrics.pair("days_to_win")
    old_neck, new_neck = metrics.pair("bottleneck")

    def figure(name: str, before: str, after: str) -> str:
        if both and name not in metrics.changed:
            return _("{figure} (unchanged)").format(figure=after)
        return f"{before if metrics.old is not None else '?'} → " \
               f"{after if metrics.new is not None else '?'}"

    if old_rate is not None and new_rate is not None and "win_rate" in metrics.changed:
        a, b, change = _compared(old_rate * 100, new_rate * 100, 1)
        rate = _("{old}% → {new}% ({change} points)").format(old=a, new=b, change=change)
    else:
        rate = figure("win_rate", _rate(old_rate), _rate(new_rate))
    if old_days is not None and new_days is not None and "days_to_win" in metrics.changed:
        a, b, change = _compared(old_days, new_days, 2)
        days = _("{old} → {new} ({change} days)").format(old=a, new=b, change=change)
    else:
        days = figure("days_to_win", _to_win(old_days), _to_win(new_days))
    neck = figure("bottleneck", names.node_id(old_neck, names.old),
                  names.node_id(new_neck, names.new))
    lines += [_("Win rate {rate}").format(rate=rate), _("Days to win {days}").format(days=days),
              _("Bottleneck {name}").format(name=neck)]
    return title, lines


def _compared(old: float, new: float, digits: int) -> tuple[str, str, str]:
    """Both figures and the change, rounded alike so that the change is the difference of the
    figures shown; with more digits when a real change would otherwise show as none."""
    for places in range(digits, digits + 4):
        before, after = round(old, places), round(new, places)
        if before != after:
            break
    change = after - before
    sign = "-" if math.copysign(1.0, change) < 0 else "+"
    return (format_number(before, places), format_number(after, places),
            sign + format_number(abs(change), places))


def _rate(value: float | None) -> str:
    return _("none (no end is won)") if value is None else format_percent(value, 1)


def _to_win(value: float | None) -> str:
    return _("none (no lead is won)") if value is None else format_number(value, 2)


def _leads_text(leads: float) -> str:
    return format_number(leads, 0 if leads.is_integer() else 1)


def _short(text: str) -> str:
    return shortened(text, NAME_WIDTH)


def _quote(text: str) -> str:
    return f"'{text}'"


def _text(value: str | None) -> str:
    return _("none") if value is None else _quote(_short(value))


def _number(value: float) -> str:
    """2, 2.5, 412.35: at most two decimals, no trailing zeros."""
    text = format_number(value, 2, grouping=False).rstrip("0").rstrip(".,")
    return "0" if text == "-0" else text


def _pair(values: tuple[float, float], separator: str, brackets: str = "") -> str:
    text = separator.join(_number(v) for v in values)
    return f"{brackets[0]}{text}{brackets[1]}" if brackets else text


def _duration(old: float | None, new: float | None) -> str:
    """"duration 2 → 3 days", "duration none → 3 days", "duration 1 day → none"."""
    if old is not None and new is not None:
        return _("duration {old} → {new}").format(old=_number(old), new=_days(new))
    return _("duration {old} → {new}").format(old=_days(old), new=_days(new))


def _days(value: float | None) -> str:
    if value is None:
        return _("none")
    return ngettext("{count} day", "{count} days", 1 if value == 1 else 2).format(
        count=_number(value))


def _percent(value: float | None) -> str:
    if value is None:
        return _("none")
    return _number(value * 100) + "%"
