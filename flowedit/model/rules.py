"""What may connect to what: asked by the document, the editor's commands and its drag feedback.

Two levels, so that files the checks complain about can still be opened and fixed:
- `structural_refusal`: what no document may hold (an arrow to a missing node, a loop on anything
  but a stage, more arrows than the limits allow). The document enforces it on every edit and the
  file reader on every file.
- `connect_refusal`: what the editor refuses when a person draws or re-attaches an arrow; adds the
  rules a well-formed process follows (nothing leaves an end, nothing enters a start, no second
  arrow between the same two shapes).

A loop from a stage to itself is allowed: "Follow-up" that repeats until the lead answers is a real
sales pattern, and the metrics treat it as a repeated visit. Loops on starts, decisions and ends
have no meaning and are refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flowedit.i18n import _, format_number
from flowedit.model.elements import NodeKind
from flowedit.model.limits import MAX_EDGES, MAX_FAN

if TYPE_CHECKING:
    from flowedit.model.document import Document


def _no_loop(kind: NodeKind) -> str:
    if kind is NodeKind.START:
        return _("only a stage can loop back to itself, not a start")
    if kind is NodeKind.DECISION:
        return _("only a stage can loop back to itself, not a decision")
    return _("only a stage can loop back to itself, not an end")


def structural_refusal(doc: Document, source: str, target: str,
                       ignoring_edge: str | None = None) -> str | None:
    """Why an arrow source -> target cannot exist in any document, or None if it can.

    `ignoring_edge` is the arrow being re-attached: it does not count towards the limits."""
    if source not in doc.nodes:
        return _("there is no shape with id {id} to start the arrow from").format(id=repr(source))
    if target not in doc.nodes:
        return _("there is no shape with id {id} for the arrow to point at").format(id=repr(target))
    if source == target and doc.nodes[source].kind is not NodeKind.STAGE:
        return _no_loop(doc.nodes[source].kind)
    if ignoring_edge is None and len(doc.edges) >= MAX_EDGES:
        return _("a process can have at most {count} arrows").format(
            count=format_number(MAX_EDGES, 0))
    if _fan(doc.out_edges(source), ignoring_edge) >= MAX_FAN:
        return _("at most {count} arrows can leave one shape").format(count=MAX_FAN)
    if _fan(doc.in_edges(target), ignoring_edge) >= MAX_FAN:
        return _("at most {count} arrows can lead into one shape").format(count=MAX_FAN)
    return None


def _fan(edges: tuple[str, ...], ignoring_edge: str | None) -> int:
    return len(edges) - (ignoring_edge in edges)


def connect_refusal(
    doc: Document, source: str, target: str, ignoring_edge: str | None = None
) -> str | None:
    """Why a person may not draw source -> target (None if they may).

    `ignoring_edge` is the arrow being re-attached, which must not count as a duplicate of itself.
    """
    reason = structural_refusal(doc, source, target, ignoring_edge) or kind_refusal(
        doc.nodes[source].kind, doc.nodes[target].kind, source == target)
    if reason:
        return reason
    for edge_id in doc.out_edges(source):
        if edge_id != ignoring_edge and doc.edges[edge_id].target == target:
            return _("these two shapes are already connected")
    return None


def kind_refusal(source: NodeKind, target: NodeKind, loop: bool) -> str | None:
    """Why an arrow between shapes of these kinds makes no sense (None if it may exist): what a
    drawn arrow must respect, and what decides which arrows a shape loses when its kind changes."""
    if loop and source is not NodeKind.STAGE:
        return _no_loop(source)
    if source is NodeKind.END:
        return _("an end finishes the process: nothing leaves it")
    if target is NodeKind.START:
        return _("a start begins the process: nothing leads into it")
    return None


#: The Edit menu's sub-process commands `subprocess_refusal` answers for.
SUBPROCESS_COMMANDS = ("make-subprocess", "group-subprocess", "ungroup-subprocess",
                       "link-subprocess", "unlink-subprocess")


def subprocess_refusal(doc: Document, command: str, node_ids: list[str]) -> str | None:
    """Why a sub-process command cannot act on these selected shapes (None if it can): the Edit
    menu greys the command out with this as its tip, and the edit refuses with the same words.
    The model's edits (model/subprocess.py) check again, in more detail, when they run."""
    from flowedit.i18n import _

    nodes = [doc.nodes[n] for n in node_ids if n in doc.nodes]
    if command == "group-subprocess":
        if not nodes:
            return _("Select the stages and decisions to group into a sub-process")
        for node in nodes:
            if node.kind in (NodeKind.START, NodeKind.END) or node.outcome is not None:
                return _("Only stages and decisions between the start and the ends (no "
                         "milestones) can go into a sub-process")
        return None
    if len(nodes) != 1 or nodes[0].kind is not NodeKind.STAGE:
        return _("Select one stage")
    stage = nodes[0]
    has_own, has_link = stage.process is not None, stage.subprocess is not None
    if command == "make-subprocess" and (has_own or has_link):
        return _("The stage already has a sub-process")
    if command == "ungroup-subprocess":
        if doc.child(stage.id) is None:
            return _("The stage has no sub-process")
        if any(doc.edges[e].target == stage.id for e in doc.out_edges(stage.id)):
            return _("The stage loops back to itself: remove the loop first")
    if command == "unlink-subprocess":
        if not has_link:
            return _("The stage links to no file")
        if stage.id not in doc.linked:
            return _("The linked file cannot be read, so there is nothing to embed")
    return None
