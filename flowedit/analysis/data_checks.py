"""What a calibration found that the drawing does not show, as problems for the Problems panel:
transitions the deals made that no arrow allows (`data-missing-arrow`) and arrows no deal took
(`data-unused-arrow`). No Qt, no numpy: the editor runs this after every edit, against the
document as it is now, so that drawing the missing arrow makes its warning go away.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flowedit.analysis.checks import Problem, Severity, label
from flowedit.i18n import N_, _, format_number, ngettext
from flowedit.model import Document

#: The codes, with what they mean (docs/checks.md#after-calibrating-from-a-crm-export).
DATA_CHECKS: dict[str, tuple[Severity, str]] = {
    "data-missing-arrow": (Severity.WARNING, N_("deals in the CRM export moved between two "
                                                "shapes that no arrow joins")),
    "data-unused-arrow": (Severity.WARNING, N_("no deal in the CRM export took an arrow")),
}


@dataclass(frozen=True)
class DataFindings:
    """What the editor keeps of the last calibration: the export's file name, the probabilities
    as planned before it, the transitions the drawing lacked and the arrows no deal took. Deal
    ids stay out: findings are about the process, not about customers."""

    source: str
    planned: dict[str, float | None] = field(default_factory=dict)  # edge id -> before
    missing: list[tuple[str, str, int]] = field(default_factory=list)  # (from, to, deals)
    unused: list[str] = field(default_factory=list)  # edge ids

    def missing_now(self, doc: Document) -> list[tuple[str, str, int]]:
        """The transitions still without an arrow, between shapes that still exist."""
        joined = {(e.source, e.target) for e in doc.edges.values()}
        return [(s, t, n) for s, t, n in self.missing
                if s in doc.nodes and t in doc.nodes and (s, t) not in joined]


def data_problems(doc: Document, findings: DataFindings | None) -> list[Problem]:
    if findings is None:
        return []
    problems = []
    for source, target, count in findings.missing_now(doc):
        problems.append(Problem(
            "data-missing-arrow", Severity.WARNING, ngettext(
                "{count} deal in {file} went from {source} to {target}, but no arrow joins "
                "them: add the arrow, or check how the CRM records it",
                "{count} deals in {file} went from {source} to {target}, but no arrow joins "
                "them: add the arrow, or check how the CRM records it", count).format(
                count=format_number(count, 0), file=findings.source,
                source=label(doc.nodes[source]), target=label(doc.nodes[target])),
            node=source, edge=(source, target)))
    for edge_id in findings.unused:
        edge = doc.edges.get(edge_id)
        if edge is None or edge.source not in doc.nodes or edge.target not in doc.nodes:
            continue
        problems.append(Problem(
            "data-unused-arrow", Severity.WARNING,
            _("No deal in {file} took the arrow from {source} to {target}: is it still part "
              "of the process?").format(file=findings.source, source=label(doc.nodes[edge.source]),
                                        target=label(doc.nodes[edge.target])),
            node=edge.source, edge=(edge.source, edge.target), edge_id=edge_id))
    return problems
