"""The records a process is made of: lanes, nodes and edges. No Qt here.

They are frozen: every change goes through `Document`, which validates it and tells observers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from flowedit.i18n import N_, _, format_general

if TYPE_CHECKING:
    from flowedit.model.document import Document


class ModelError(ValueError):
    """An edit the document refuses; the message is written for the person who asked for it."""


class NodeKind(StrEnum):
    START = "start"
    STAGE = "stage"
    DECISION = "decision"
    END = "end"


class Outcome(StrEnum):
    WON = "won"
    LOST = "lost"


class Routing(StrEnum):
    """How a document's arrows are drawn: around the shapes with right-angled bends, or straight
    from outline to outline (what files written before routing existed show)."""

    ORTHOGONAL = "orthogonal"
    STRAIGHT = "straight"


class Colour(StrEnum):
    """The few colours a shape or lane can be given; the drawing picks matching fill and line."""

    BLUE = "blue"
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    PURPLE = "purple"
    TEAL = "teal"
    GREY = "grey"


ID_PATTERN = re.compile(r"[A-Za-z0-9_.\-]+")
MAX_ID_LENGTH = 100
MAX_TEXT_LENGTH = 10_000
MAX_COORDINATE = 1_000_000.0
MAX_SIZE = 10_000.0
MIN_SIZE = 10.0
MAX_DURATION_DAYS = 36_500.0

#: The most bend points an arrow may have.
MAX_BEND_POINTS = 100

#: Shape size (width, height) of each kind when the node gives none.
DEFAULT_SIZES: dict[NodeKind, tuple[float, float]] = {
    NodeKind.START: (120.0, 50.0),
    NodeKind.STAGE: (150.0, 70.0),
    NodeKind.DECISION: (130.0, 90.0),
    NodeKind.END: (120.0, 50.0),
}


#: Kinds that may carry an outcome: an end finishes the process won or lost; a stage with one is
#: a milestone, where the lead counts as won or lost and the process goes on (e.g. after-sales).
OUTCOME_KINDS = frozenset({NodeKind.END, NodeKind.STAGE})


def is_milestone(node: Node) -> bool:
    """A stage that marks the lead won or lost without ending the process."""
    return node.kind is NodeKind.STAGE and node.outcome is not None


@dataclass(frozen=True, slots=True)
class Lane:
    """A horizontal band for one team or role; its top follows from the lanes above it."""

    id: str
    name: str
    height: float = 180.0
    color: Colour | None = None  # the band's tint; None: the default alternating greys


@dataclass(frozen=True, slots=True)
class Measured:
    """Where a calibrated figure comes from (docs/file-format.md#measured-figures): how many
    deals it rests on, the export's file name and the first and last day of the data used.
    Never a deal id or a customer: a process file is shared."""

    n: int
    source: str
    start: str  # YYYY-MM-DD
    end: str  # YYYY-MM-DD


DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")
#: The largest deal value a won shape may carry.
MAX_VALUE = 1e15


def validate_measured(measured: object) -> None:
    if not isinstance(measured, Measured):
        raise ModelError(_("Measured must be n, source, from and to"))
    if isinstance(measured.n, bool) or not isinstance(measured.n, int) or measured.n < 0:
        raise ModelError(_("Measured n must be a whole number of deals, 0 or more"))
    check_text(measured.source, N_("Measured source"), optional=False)
    for day, what in ((measured.start, "from"), (measured.end, "to")):
        if not isinstance(day, str) or not DATE_PATTERN.fullmatch(day):
            raise ModelError(_("Measured {key} must be a date written YYYY-MM-DD").format(
                key=what))
    if measured.start > measured.end:
        raise ModelError(_("Measured from must not be after to"))


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind
    name: str
    x: float = 0.0
    y: float = 0.0
    lane: str | None = None
    owner: str | None = None
    description: str | None = None
    duration_days: float | None = None
    outcome: Outcome | None = None
    width: float | None = None
    height: float | None = None
    color: Colour | None = None  # None: the colour of its kind
    bold: bool | None = None  # None: bold for starts, decisions and ends, normal for stages
    #: A stage's own sub-process, kept in the same file (docs/file-format.md#sub-processes).
    #: Left out of the hash: a document is mutable, and only compared by its content.
    process: Document | None = field(default=None, hash=False)
    #: A stage's sub-process kept in another file: its path relative to this file's folder.
    subprocess: str | None = None
    #: On an end of a sub-process: the stage's outgoing arrow a lead leaves by (its label, or its
    #: target's id or name); without one the end is matched by name or outcome.
    exit: str | None = None
    #: On a stage with a sub-process: true keeps the stage's own days and arrow probabilities
    #: instead of the ones computed from the sub-process.
    own_figures: bool | None = None
    #: The name of the CRM stage this shape stands for, when it differs from the shape's name
    #: (docs/calibration.md#mapping-crm-stages-to-shapes).
    crm_stage: str | None = None
    #: On a won end or won milestone: what a deal won there is worth (revenue figures).
    value: float | None = None
    #: On a stage whose days were calibrated: what they rest on.
    measured: Measured | None = None

    @property
    def size(self) -> tuple[float, float]:
        default_w, default_h = DEFAULT_SIZES[self.kind]
        return (self.width or default_w, self.height or default_h)


@dataclass(frozen=True, slots=True)
class Edge:
    """An arrow `source` -> `target`; `probability` is the share of leads leaving `source` by it."""

    id: str
    source: str
    target: str
    label: str | None = None
    probability: float | None = None
    #: Bend points the user placed, in document coordinates, that the route passes through in
    #: order (orthogonal routing only); empty: routed automatically.
    points: tuple[tuple[float, float], ...] = ()
    #: Where along the arrow its label sits, 0 (its start) to 1 (its end); None: placed freely.
    label_at: float | None = None
    #: When `probability` was calibrated from a CRM export: what it rests on.
    measured: Measured | None = None


def check_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise ModelError(_("{what} id must be non-empty text").format(what=_(what)))
    if len(value) > MAX_ID_LENGTH:
        raise ModelError(_("{what} id is longer than {limit} characters").format(
            what=_(what), limit=MAX_ID_LENGTH))
    if not ID_PATTERN.fullmatch(value):
        example = re.sub(r"[^A-Za-z0-9_.-]+", "-", value).strip("-") or "stage-1"
        raise ModelError(_("{what} id {value} may only use letters, digits, '_', '.' and '-' "
                           "(for example {example})").format(
            what=_(what), value=repr(value), example=repr(example)))
    return value


def check_text(value: object, what: str, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ModelError(_("{what} must be text").format(what=_(what)))
    if len(value) > MAX_TEXT_LENGTH:
        raise ModelError(_("{what} is longer than {limit} characters").format(
            what=_(what), limit=MAX_TEXT_LENGTH))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ModelError(_("{what} holds a broken character (a lone surrogate) that no file "
                           "can store").format(what=_(what))) from None
    return value


def check_number(value: object, what: str, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ModelError(_("{what} must be a number").format(what=_(what)))
    number = float(value)
    if not math.isfinite(number):
        raise ModelError(_("{what} must be a finite number, not {value}").format(
            what=_(what), value=value))
    if not low <= number <= high:
        raise ModelError(_("{what} must be between {low} and {high}, not {value}").format(
            what=_(what), low=format_general(low), high=format_general(high),
            value=format_general(value)))
    return number


def check_colour(value: object, what: str) -> None:
    if value is not None and not isinstance(value, Colour):
        options = ", ".join(colour.value for colour in Colour)
        raise ModelError(_("Unknown {what} {value}: use one of {options}").format(
            what=_(what), value=repr(value), options=options))


def validate_lane(lane: Lane) -> None:
    check_id(lane.id, N_("Lane"))
    check_text(lane.name, N_("Lane name"), optional=False)
    check_number(lane.height, N_("Lane height"), MIN_SIZE, MAX_SIZE * 10)
    check_colour(lane.color, N_("lane colour"))


def validate_node(node: Node) -> None:
    """Checks everything about a node that does not depend on the rest of the document."""
    check_id(node.id, N_("Node"))
    if not isinstance(node.kind, NodeKind):
        raise ModelError(_("Unknown node kind {kind}: use start, stage, decision or end").format(
            kind=repr(node.kind)))
    check_text(node.name, N_("Name"), optional=False)
    check_number(node.x, "x", -MAX_COORDINATE, MAX_COORDINATE)
    check_number(node.y, "y", -MAX_COORDINATE, MAX_COORDINATE)
    if node.lane is not None:
        check_id(node.lane, N_("Lane"))
    check_text(node.owner, N_("Owner"))
    check_text(node.description, N_("Description"))
    if node.duration_days is not None:
        check_number(node.duration_days, N_("Duration (days)"), 0.0, MAX_DURATION_DAYS)
    if node.outcome is not None:
        if not isinstance(node.outcome, Outcome):
            raise ModelError(_("Unknown outcome {outcome}: use won or lost").format(
                outcome=repr(node.outcome)))
        if node.kind not in OUTCOME_KINDS:
            raise ModelError(_("Only an end or a stage can have an outcome (won or lost)"))
    for value, what in ((node.width, N_("Width")), (node.height, N_("Height"))):
        if value is not None:
            check_number(value, what, MIN_SIZE, MAX_SIZE)
    check_colour(node.color, N_("colour"))
    if node.bold is not None and not isinstance(node.bold, bool):
        raise ModelError(_("Bold must be true or false"))
    _validate_subprocess_fields(node)
    if node.crm_stage is not None:
        check_text(node.crm_stage, N_("CRM stage"), optional=False)
        if not node.crm_stage.strip():
            raise ModelError(_("CRM stage must name a stage of the CRM"))
    if node.value is not None:
        check_number(node.value, N_("Deal value"), 0.0, MAX_VALUE)
    if node.measured is not None:
        validate_measured(node.measured)


def _validate_subprocess_fields(node: Node) -> None:
    if node.process is not None or node.subprocess is not None:
        if node.kind is not NodeKind.STAGE:
            raise ModelError(_("Only a stage can hold a sub-process"))
        if node.process is not None and node.subprocess is not None:
            raise ModelError(_("A stage holds its sub-process itself or links to a file, not both"))
    if node.process is not None and not _is_document(node.process):
        raise ModelError(_("A sub-process must be a process document"))
    if node.subprocess is not None:
        check_link(node.subprocess)
    if node.exit is not None:
        check_text(node.exit, N_("Exit"), optional=False)
        if node.kind is not NodeKind.END:
            raise ModelError(_("Only an end of a sub-process names the arrow it leaves by (exit)"))
    if node.own_figures is not None and not isinstance(node.own_figures, bool):
        raise ModelError(_("Own figures must be true or false"))


def _is_document(value: object) -> bool:
    from flowedit.model.document import Document  # the document module imports this one

    return isinstance(value, Document)


def check_link(path: object) -> str:
    """A linked sub-process file: a relative path with '/' between folders, so that the folder
    of processes can move, and be shared between Windows, macOS and Linux, as a whole."""
    text = check_text(path, N_("Sub-process file"), optional=False)
    assert text is not None
    if not text.strip():
        raise ModelError(_("Sub-process file must name a file, e.g. 'prospecting.yaml'"))
    if "\\" in text or text.startswith("/") or re.match(r"[A-Za-z]:", text):
        message = _("Sub-process file {file} must be a path relative to this file's folder, "
                    "with '/' between folders (e.g. 'parts/prospecting.yaml')")
        raise ModelError(message.format(file=repr(text)))
    return text


def validate_edge(edge: Edge) -> None:
    check_id(edge.id, N_("Arrow"))
    check_id(edge.source, N_("Arrow start"))
    check_id(edge.target, N_("Arrow end"))
    check_text(edge.label, N_("Label"))
    if edge.probability is not None:
        check_number(edge.probability, N_("Probability"), 0.0, 1.0)
    if not isinstance(edge.points, tuple):
        raise ModelError(_("Bend points must be a list of [x, y] pairs"))
    if len(edge.points) > MAX_BEND_POINTS:
        raise ModelError(_("An arrow may have at most {count} bend points").format(
            count=MAX_BEND_POINTS))
    for point in edge.points:
        if not isinstance(point, tuple) or len(point) != 2:
            raise ModelError(_("Each bend point must be a pair [x, y]"))
        check_number(point[0], N_("Bend point x"), -MAX_COORDINATE, MAX_COORDINATE)
        check_number(point[1], N_("Bend point y"), -MAX_COORDINATE, MAX_COORDINATE)
    if edge.label_at is not None:
        check_number(edge.label_at, N_("Label position (label_at)"), 0.0, 1.0)
    if edge.measured is not None:
        validate_measured(edge.measured)
