"""Routes: named walks through a process that a trainer saves in the file and presents one after
another ("happy path", "lost at qualification"). No Qt here.

A route is a sequence of branch choices: at decision `at`, take the arrow `take` (an edge id).
The same decision may appear several times: the n-th time the walk reaches it, it takes the n-th
choice listed for it (a loop gone round once, then left). Where a route says nothing, the walk
takes its default branch (analysis/tour.py).

Routes are not part of the drawing: editing the process never changes them, and a choice whose
decision or arrow has since been deleted is simply not written back (`live_choices`), so a saved
file always reads again.
"""

from __future__ import annotations

from dataclasses import dataclass

from flowedit.model.document import Document
from flowedit.model.elements import Edge


@dataclass(frozen=True, slots=True)
class RouteChoice:
    """At shape `at`, take the arrow with id `take`."""

    at: str
    take: str


@dataclass(frozen=True, slots=True)
class Route:
    name: str
    choices: tuple[RouteChoice, ...] = ()


def live_choices(doc: Document, route: Route) -> tuple[RouteChoice, ...]:
    """The choices whose shape and arrow still exist, the arrow still leaving that shape."""
    return tuple(choice for choice in route.choices
                 if choice.at in doc.nodes and choice.take in doc.edges
                 and doc.edges[choice.take].source == choice.at)


def find_arrow(doc: Document, at: str, take: str) -> Edge | None:
    """The arrow out of `at` that `take` names: its id, else its label, else the id or the name
    of the shape it points at (labels and names compared without case or extra spaces); None
    when none, or more than one, fits."""
    arrows = [doc.edges[e] for e in doc.out_edges(at)]
    wanted = " ".join(take.split()).casefold()

    def plain(text: str | None) -> str:
        return " ".join((text or "").split()).casefold()

    for matches in ([a for a in arrows if a.id == take],
                    [a for a in arrows if a.label and plain(a.label) == wanted],
                    [a for a in arrows if a.target == take],
                    [a for a in arrows if plain(doc.nodes[a.target].name) == wanted]):
        if len(matches) == 1:
            return matches[0]
        if matches:
            return None
    return None


def take_text(doc: Document, at: str, edge_id: str) -> str:
    """How a file names the arrow: by its label when that names it alone, else by the id of
    the shape it points at, else by its own id (what a trainer recognises first)."""
    edge = doc.edges[edge_id]
    for text in (" ".join((edge.label or "").split()), edge.target):
        if text:
            found = find_arrow(doc, at, text)
            if found is not None and found.id == edge_id:
                return text
    return edge_id
