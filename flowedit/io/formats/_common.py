"""What every importer shares: safe XML, limits, and a builder that turns what a foreign file
holds into a valid Document, listing in warnings whatever it had to change or drop. No Qt here.

Foreign files are untrusted: XML goes through defusedxml (no entities, no external references),
every archive and compressed stream is read up to a cap, and the builder never lets a foreign value
reach the model unchecked, so a hostile or odd file gives a message, never a crash or a hang.
"""

from __future__ import annotations

import io
import math
import os
import re
import xml.etree.ElementTree as ET
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from flowedit.i18n import _, format_general, format_number, ngettext
from flowedit.io.errors import FlowFileError
from flowedit.model.document import Document
from flowedit.model.elements import (
    DEFAULT_SIZES,
    MAX_BEND_POINTS,
    MAX_COORDINATE,
    MAX_ID_LENGTH,
    MAX_SIZE,
    MAX_TEXT_LENGTH,
    MIN_SIZE,
    Colour,
    Edge,
    Lane,
    ModelError,
    Node,
    NodeKind,
    Outcome,
    Routing,
)
from flowedit.model.geometry import LANE_HEADER_WIDTH

#: The most a foreign file (or anything decompressed from it) may hold.
MAX_INPUT_BYTES = 50 * 1024 * 1024
#: The most XML elements, and how deep they may nest: far beyond any real diagram.
MAX_XML_ELEMENTS = 500_000
MAX_XML_DEPTH = 200
#: The most shapes and arrows an import keeps (the YAML reader's own limits are of this order).
MAX_SHAPES = 20_000


@dataclass
class ImportResult:
    """A foreign file as a process, and the import report: what was changed (kept in another
    form) and what was dropped, each with its reason, and notes on the whole drawing."""

    document: Document
    #: Every line of the report, notes first, then changes, then losses (what `convert` prints).
    warnings: list[str] = field(default_factory=list)
    #: The names of the file's pages (draw.io, Visio) or diagrams; empty when it has one.
    pages: list[str] = field(default_factory=list)
    #: The page that was imported, when the file has several.
    page: str | None = None
    notes: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    #: True when the file gave no positions and shapes were only stacked provisionally: the
    #: caller lays it out with Tidy Up (flowedit.layout sits beside io, not below it).
    laid_out: bool = False


def read_input(source: str | os.PathLike[str] | bytes, name: str | None = None
               ) -> tuple[bytes, str]:
    """The bytes of `source` (a path, or the contents themselves) and the name for messages."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
        if len(data) > MAX_INPUT_BYTES:
            raise FlowFileError(name or "<data>", _too_big(len(data)))
        return data, name or "<data>"
    path = os.fspath(source)
    try:
        size = os.stat(path).st_size
        if size > MAX_INPUT_BYTES:
            raise FlowFileError(path, _too_big(size))
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise FlowFileError(path, _("no such file")) from None
    except IsADirectoryError:
        raise FlowFileError(path, _("this is a folder, not a diagram file")) from None
    except OSError as error:
        raise FlowFileError(path, _("cannot read the file: {reason}").format(
            reason=error.strerror or error)) from None
    if len(data) > MAX_INPUT_BYTES:
        raise FlowFileError(path, _too_big(len(data)))
    return data, name or path


def pages_note(names: list[str], index: int) -> str:
    """The note of a file with several pages, saying which one was imported."""
    return _("the file has {count} pages ({names}); page {number}, {title}, was imported"
             ).format(count=format_number(len(names), 0), names=", ".join(names),
                      number=index + 1, title=repr(names[index]))


def _too_big(size: int) -> str:
    return _("the file holds {size} MB; diagrams to import are limited to {limit} MiB").format(
        size=format_number(size / 1e6, 1), limit=MAX_INPUT_BYTES // (1024 * 1024))


def parse_xml(data: bytes | str, name: str, what: str | None = None) -> ET.Element:
    """Parses untrusted XML: entities and external references refused, elements and depth
    counted while parsing, so a hostile file stops early with a message naming the file.
    `what` names the XML in messages ('BPMN XML'), already translated."""
    what = what or "XML"
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_INPUT_BYTES:
        raise FlowFileError(name, _too_big(len(data)))
    depth = count = 0
    root: ET.Element | None = None
    try:
        for event, element in iterparse(io.BytesIO(data), events=("start", "end"),
                                        forbid_dtd=False, forbid_entities=True,
                                        forbid_external=True):
            if event == "start":
                depth += 1
                count += 1
                if root is None:
                    root = element
                if depth > MAX_XML_DEPTH:
                    raise FlowFileError(name, _(
                        "the {what} is nested more than {depth} levels deep; no real diagram is, "
                        "so it is refused").format(what=what, depth=MAX_XML_DEPTH))
                if count > MAX_XML_ELEMENTS:
                    raise FlowFileError(name, _(
                        "the {what} holds more than {count} elements; it is refused as too "
                        "large").format(what=what, count=format_number(MAX_XML_ELEMENTS, 0)))
            else:
                depth -= 1
    except DefusedXmlException as error:
        raise FlowFileError(name, _("the {what} declares entities or external references "
                                    "({error}); they are refused for safety").format(
                                        what=what, error=type(error).__name__)) from None
    except ET.ParseError as error:
        line, column = error.position
        bad = _bad_utf8(data)
        if bad is not None:
            raise FlowFileError(name, _("the {what} is not valid UTF-8 text (a broken "
                                        "character); save it again as UTF-8").format(what=what),
                                *bad) from None
        message = str(error).split(":")[0]
        raise FlowFileError(name, _("this is not well-formed {what} ({problem})").format(
            what=what, problem=message), line, column + 1) from None
    if root is None:
        raise FlowFileError(name, _("the file holds no {what}").format(what=what))
    return root


def _bad_utf8(data: bytes) -> tuple[int, int] | None:
    """Line and column of the first byte that is not UTF-8, when the XML says (or implies) it is
    UTF-8; None otherwise."""
    declaration = re.match(rb"<\?xml[^>]*encoding=[\"']([\w.-]+)", data.lstrip(b"\xef\xbb\xbf"))
    if declaration and declaration.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        return before.count(b"\n") + 1, len(before) - (before.rfind(b"\n") + 1) + 1
    return None


def inflate(data: bytes, name: str, raw: bool = True) -> bytes:
    """Decompresses deflate data up to MAX_INPUT_BYTES: a bomb stops at the cap."""
    decompressor = zlib.decompressobj(-15 if raw else 15)
    try:
        out = decompressor.decompress(data, MAX_INPUT_BYTES + 1)
    except zlib.error as error:
        raise FlowFileError(name, _("the compressed data is damaged ({problem})").format(
            problem=error)) from None
    if len(out) > MAX_INPUT_BYTES or decompressor.unconsumed_tail:
        raise FlowFileError(name, _("the compressed data unpacks to more than {limit} MiB; "
                                    "refused as a bomb").format(
                                        limit=MAX_INPUT_BYTES // (1024 * 1024)))
    return out


def local(tag: str) -> str:
    """An element's tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def number(text: object, default: float | None = None) -> float | None:
    try:
        value = float(str(text).strip())
    except (TypeError, ValueError):
        return default
    return value if math.isfinite(value) else default


_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(br|/div|/p|/li)\b[^>]*>", re.IGNORECASE)


def html_to_text(value: str) -> str:
    """Label text from draw.io's HTML labels: line breaks kept, tags dropped, entities read."""
    import html

    if "<" not in value and "&" not in value:
        return value.strip()
    text = _BREAK.sub("\n", value)
    text = _TAG.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    lines = [line.strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


_COLOURS = {
    Colour.BLUE: (0x4A, 0x86, 0xE8), Colour.GREEN: (0x5A, 0xB0, 0x5A),
    Colour.AMBER: (0xF0, 0xB0, 0x30), Colour.RED: (0xE0, 0x50, 0x50),
    Colour.PURPLE: (0x9A, 0x6A, 0xD0), Colour.TEAL: (0x30, 0xA8, 0xA0),
    Colour.GREY: (0x99, 0x99, 0x99),
}
#: The hex each colour is written as (light fills, as diagram tools use them).
COLOUR_HEX = {
    Colour.BLUE: "#dae8fc", Colour.GREEN: "#d5e8d4", Colour.AMBER: "#ffe6cc",
    Colour.RED: "#f8cecc", Colour.PURPLE: "#e1d5e7", Colour.TEAL: "#d0f0ec",
    Colour.GREY: "#f5f5f5",
}
_HEX_COLOUR = {value: key for key, value in COLOUR_HEX.items()}


def nearest_colour(value: str | None) -> Colour | None:
    """The flowedit colour nearest a foreign '#rrggbb' fill; None for white, none or unknown."""
    if not value:
        return None
    value = value.strip().lower()
    if value in _HEX_COLOUR:
        return _HEX_COLOUR[value]
    match = re.fullmatch(r"#?([0-9a-f]{6})", value)
    if not match:
        return None
    rgb = tuple(int(match.group(1)[i:i + 2], 16) for i in (0, 2, 4))
    if min(rgb) > 0xF0:  # white or nearly: the default look
        return None
    # Compare hues of the saturated colour, so pastel fills find their family.
    top, low = max(rgb), min(rgb)
    if top - low < 24:
        return Colour.GREY
    norm = tuple((c - low) / (top - low) for c in rgb)

    def distance(colour: Colour) -> float:
        ref = _COLOURS[colour]
        rt, rl = max(ref), min(ref)
        ref_norm = tuple((c - rl) / (rt - rl) for c in ref)
        return sum((a - b) ** 2 for a, b in zip(norm, ref_norm, strict=True))

    return min((c for c in _COLOURS if c is not Colour.GREY), key=distance)


# --------------------------------------------------------------------------- building
@dataclass
class RawLane:
    key: str
    name: str
    x: float | None = None  # the lane's box in the file's coordinates (top-left, size)
    y: float | None = None
    width: float | None = None
    height: float | None = None
    color: Colour | None = None


@dataclass
class RawNode:
    key: str
    kind: NodeKind | None  # None: start or end or stage, decided by its arrows
    name: str
    x: float | None = None  # centre, in the file's coordinates (y grows downwards)
    y: float | None = None
    width: float | None = None
    height: float | None = None
    lane: str | None = None  # a RawLane key
    color: Colour | None = None
    owner: str | None = None
    description: str | None = None
    duration_days: float | None = None
    outcome: Outcome | None = None
    #: The width the file draws the shape with, when flowedit draws it wider (a BPMN event).
    box_width: float | None = None


@dataclass
class RawEdge:
    key: str
    source: str
    target: str
    label: str | None = None
    probability: float | None = None
    #: Bend points in the file's coordinates (y grows downwards), without the two ends.
    points: list[tuple[float, float]] = field(default_factory=list)


Report = Callable[[int, list[object]], str]

#: What an import drops, by key: the report line for `n` of them (and their details).
DROPPED: dict[str, Report] = {
    "duplicate-id": lambda n, d: ngettext(
        "{n} shape with the id of another dropped (ids must be unique)",
        "{n} shapes with the id of another dropped (ids must be unique)", n),
    "loop-start": lambda n, d: ngettext(
        "{n} arrow from a start to itself dropped (only stages may loop)",
        "{n} arrows from a start to itself dropped (only stages may loop)", n),
    "loop-end": lambda n, d: ngettext(
        "{n} arrow from an end to itself dropped (only stages may loop)",
        "{n} arrows from an end to itself dropped (only stages may loop)", n),
    "loop-decision": lambda n, d: ngettext(
        "{n} arrow from a decision to itself dropped (only stages may loop)",
        "{n} arrows from a decision to itself dropped (only stages may loop)", n),
    "probability": lambda n, d: ngettext(
        "{n} probability outside 0..1 dropped", "{n} probabilities outside 0..1 dropped", n),
    "no-ends": lambda n, d: ngettext(
        "{n} arrow without a shape at both ends dropped",
        "{n} arrows without a shape at both ends dropped", n),
    "refused": lambda n, d: ngettext(
        "{n} shape kept without its owner, description, days, outcome and colour (they were "
        "not valid)",
        "{n} shapes kept without their owner, description, days, outcome and colour (they were "
        "not valid)", n),
    "duration": lambda n, d: ngettext(
        "{n} duration outside 0..36,500 days dropped",
        "{n} durations outside 0..36,500 days dropped", n),
    "bends": lambda n, d: ngettext(
        "{n} arrow's bends dropped (the shapes were laid out anew or the lanes turned, so the "
        "bends would no longer fit)",
        "{n} arrows' bends dropped (the shapes were laid out anew or the lanes turned, so the "
        "bends would no longer fit)", n),
    "too-many-bends": lambda n, d: ngettext(
        "{n} arrow's bends dropped (more than 100 bends)",
        "{n} arrows' bends dropped (more than 100 bends)", n),
    # BPMN
    "duplicate-process": lambda n, d: ngettext(
        "{n} process with the id of another dropped (ids must be unique)",
        "{n} processes with the id of another dropped (ids must be unique)", n),
    "message-flow": lambda n, d: ngettext(
        "{n} message flow dropped (flowedit has no messages between pools)",
        "{n} message flows dropped (flowedit has no messages between pools)", n),
    "text-annotation": lambda n, d: ngettext(
        "{n} text annotation dropped", "{n} text annotations dropped", n),
    "black-box": lambda n, d: ngettext(
        "{n} pool without a process (a black box) dropped",
        "{n} pools without a process (black boxes) dropped", n),
    "association": lambda n, d: ngettext(
        "{n} association dropped", "{n} associations dropped", n),
    "data": lambda n, d: ngettext(
        "{n} data object, store, input or output dropped",
        "{n} data objects, stores, inputs or outputs dropped", n),
    "group": lambda n, d: ngettext("{n} group dropped", "{n} groups dropped", n),
    "boundary-event": lambda n, d: ngettext(
        "{n} boundary event dropped (flowedit has no events on a stage's edge)",
        "{n} boundary events dropped (flowedit has no events on a stage's edge)", n),
    "bpmn-other": lambda n, d: ngettext(
        "{n} BPMN element flowedit has no shape for dropped ({names})",
        "{n} BPMN elements flowedit has no shape for dropped ({names})", n),
    # draw.io, Visio, GraphML
    "text-box": lambda n, d: ngettext("{n} text box dropped", "{n} text boxes dropped", n),
    "picture": lambda n, d: ngettext("{n} picture dropped", "{n} pictures dropped", n),
    "no-text": lambda n, d: ngettext(
        "{n} shape without text and arrows dropped", "{n} shapes without text and arrows dropped",
        n),
    "arrow-to-lane": lambda n, d: ngettext(
        "{n} arrow to or from a lane dropped (arrows join shapes)",
        "{n} arrows to or from a lane dropped (arrows join shapes)", n),
    "empty-group": lambda n, d: ngettext(
        "{n} empty group dropped", "{n} empty groups dropped", n),
    "unglued": lambda n, d: ngettext(
        "{n} connector not glued at both ends dropped",
        "{n} connectors not glued at both ends dropped", n),
    "cff-part": lambda n, d: ngettext(
        "{n} cross-functional frame part (title, phase or separator) dropped",
        "{n} cross-functional frame parts (titles, phases or separators) dropped", n),
    # Mermaid
    "click": lambda n, d: ngettext(
        "{n} click line (links and callbacks are never run) dropped",
        "{n} click lines (links and callbacks are never run) dropped", n),
    "style": lambda n, d: ngettext(
        "{n} style or class line dropped", "{n} style or class lines dropped", n),
    "invisible": lambda n, d: ngettext(
        "{n} invisible link dropped", "{n} invisible links dropped", n),
    "arrow-to-subgraph": lambda n, d: ngettext(
        "{n} arrow to or from a subgraph dropped (arrows join shapes)",
        "{n} arrows to or from a subgraph dropped (arrows join shapes)", n),
}

#: What an import keeps in another form, by key.
CHANGED: dict[str, Report] = {
    "subprocess": lambda n, d: ngettext(
        "{n} sub-process imported as a stage ({inner} elements inside dropped: flowedit does "
        "not import sub-processes yet)",
        "{n} sub-processes imported as stages ({inner} elements inside dropped: flowedit does "
        "not import sub-processes yet)", n).replace(
            "{inner}", format_number(sum(int(x) for x in d if isinstance(x, int)), 0)),
    "empty-subprocess": lambda n, d: ngettext(
        "{n} empty sub-process imported as a stage",
        "{n} empty sub-processes imported as stages", n),
    "call-activity": lambda n, d: ngettext(
        "{n} call activity imported as a stage", "{n} call activities imported as stages", n),
    "parallel-gateway": lambda n, d: ngettext(
        "{n} parallel gateway imported as a decision (flowedit has no parallel split)",
        "{n} parallel gateways imported as decisions (flowedit has no parallel split)", n),
    "complex-gateway": lambda n, d: ngettext(
        "{n} complex gateway imported as a decision",
        "{n} complex gateways imported as decisions", n),
    "event-gateway": lambda n, d: ngettext(
        "{n} event-based gateway imported as a decision",
        "{n} event-based gateways imported as decisions", n),
    "intermediate-event": lambda n, d: ngettext(
        "{n} intermediate event imported as a stage",
        "{n} intermediate events imported as stages", n),
    "nested-cluster": lambda n, d: ngettext(
        "{n} cluster inside a cluster merged into the outer lane",
        "{n} clusters inside a cluster merged into the outer lane", n),
    "nested-group": lambda n, d: ngettext(
        "{n} group inside a group merged into the outer lane",
        "{n} groups inside a group merged into the outer lane", n),
    "two-way": lambda n, d: ngettext(
        "{n} two-way link imported as one arrow", "{n} two-way links imported as one arrow each",
        n),
    "shape-group": lambda n, d: ngettext(
        "{n} shape group imported as one shape", "{n} shape groups imported as one shape each",
        n),
    "undirected": lambda n, d: ngettext(
        "{n} line of an undirected graph imported as an arrow",
        "{n} lines of an undirected graph imported as arrows", n),
}


class Builder:
    """Collects lanes, shapes and arrows as a file states them, then makes a valid Document."""

    def __init__(self, name: str, title: str = "") -> None:
        self.name = name
        self.title = title
        self.lanes: list[RawLane] = []
        self.nodes: dict[str, RawNode] = {}
        self.edges: list[RawEdge] = []
        self.warnings: list[str] = []
        self._dropped: Counter[str] = Counter()
        self._changed: Counter[str] = Counter()
        self._details: dict[str, list[object]] = defaultdict(list)
        self._laid_out = False

    # what the importers call
    def drop(self, key: str, count: int = 1, detail: object = None) -> None:
        """Counts something left out, by its key in DROPPED ('text-annotation' -> '3 text
        annotations dropped'); `detail` (a name, a number) goes into the report line."""
        assert key in DROPPED, key
        if count:
            self._dropped[key] += count
            if detail is not None:
                self._details[key].append(detail)

    def change(self, key: str, count: int = 1, detail: object = None) -> None:
        """Counts something kept in another form, by its key in CHANGED."""
        assert key in CHANGED, key
        if count:
            self._changed[key] += count
            if detail is not None:
                self._details[key].append(detail)

    def warn(self, text: str) -> None:
        """A note on the whole drawing (already translated)."""
        if text not in self.warnings:
            self.warnings.append(text)

    def add_node(self, node: RawNode) -> None:
        if len(self.nodes) >= MAX_SHAPES:
            raise FlowFileError(self.name, _("the diagram has more than {count} shapes").format(
                count=format_number(MAX_SHAPES, 0)))
        if node.key in self.nodes:
            self.drop("duplicate-id")
            return
        self.nodes[node.key] = node

    def add_edge(self, edge: RawEdge) -> None:
        if len(self.edges) >= MAX_SHAPES:
            raise FlowFileError(self.name, _("the diagram has more than {count} arrows").format(
                count=format_number(MAX_SHAPES, 0)))
        self.edges.append(edge)

    # the result
    def result(self, pages: list[str] | None = None, page: str | None = None) -> ImportResult:
        doc = self.document()
        notes = list(self.warnings)
        changed = [self._line(CHANGED, key, count) for key, count in self._changed.items()]
        dropped = [self._line(DROPPED, key, count) for key, count in self._dropped.items()]
        return ImportResult(doc, notes + changed + dropped, pages or [], page, notes, changed,
                            dropped, self._laid_out)

    def _line(self, table: dict[str, Report], key: str, count: int) -> str:
        details = self._details.get(key, [])
        names = ", ".join(dict.fromkeys(str(d) for d in details if isinstance(d, str)))
        return table[key](count, details).replace("{names}", names).replace(
            "{n}", format_number(count, 0))

    def document(self) -> Document:
        doc = Document(_clip(self.title or _("Imported process")), routing=Routing.ORTHOGONAL)
        edges = [e for e in self.edges if self._edge_ok(e)]
        self._decide_kinds(edges)
        lane_ids = self._add_lanes(doc)
        node_ids, to_document = self._place_and_add_nodes(doc, lane_ids)
        edge_ids: set[str] = set()
        for edge in edges:
            source, target = node_ids[edge.source], node_ids[edge.target]
            if source == target and doc.nodes[source].kind is not NodeKind.STAGE:
                self.drop(f"loop-{doc.nodes[source].kind.value}")
                continue
            probability = edge.probability
            if probability is not None and not 0.0 <= probability <= 1.0:
                self.drop("probability")
                probability = None
            edge_id = unique_id(edge.key, edge_ids, "e")
            label = _clip(edge.label.strip()) if edge.label and edge.label.strip() else None
            points = self._points(edge, to_document)
            doc.add_edge(Edge(edge_id, source, target, label, probability, points))
        return doc

    def _points(self, edge: RawEdge, to_document: Callable[[float, float], tuple[float, float]]
                | None) -> tuple[tuple[float, float], ...]:
        """An arrow's bends in document coordinates: moved with the shapes' lanes; dropped
        when the lanes were turned (they would point across the flow) or are too many."""
        if not edge.points:
            return ()
        if to_document is None:
            self.drop("bends")
            return ()
        if len(edge.points) > MAX_BEND_POINTS:
            self.drop("too-many-bends")
            return ()
        return tuple((_coordinate(x), _coordinate(y))
                     for x, y in (to_document(px, py) for px, py in edge.points))

    def _edge_ok(self, edge: RawEdge) -> bool:
        if edge.source not in self.nodes or edge.target not in self.nodes:
            self.drop("no-ends")
            return False
        return True

    def _decide_kinds(self, edges: list[RawEdge]) -> None:
        """Rounded shapes (terminators, circles) are a start where nothing enters them, an end
        where nothing leaves, and a stage otherwise."""
        ins: Counter[str] = Counter(e.target for e in edges if e.source != e.target)
        outs: Counter[str] = Counter(e.source for e in edges if e.source != e.target)
        for node in self.nodes.values():
            if node.kind is not None:
                continue
            lowered = node.name.lower()
            if not ins[node.key] and (outs[node.key] or "start" in lowered):
                node.kind = NodeKind.START
            elif not outs[node.key]:
                node.kind = NodeKind.END
            elif re.search(r"\b(start|begin)", lowered):
                node.kind = NodeKind.START
            elif re.search(r"\b(end|stop|finish)", lowered):
                node.kind = NodeKind.END
            else:
                node.kind = NodeKind.STAGE
        for node in self.nodes.values():
            if node.outcome is not None and node.kind not in (NodeKind.END, NodeKind.STAGE):
                node.outcome = None

    def _add_lanes(self, doc: Document) -> dict[str, str]:
        taken: set[str] = set()
        ids: dict[str, str] = {}
        for lane in self.lanes:
            lane_id = unique_id(lane.key, taken, "lane")
            ids[lane.key] = lane_id
            doc.add_lane(Lane(lane_id, _clip(lane.name or lane_id), 180.0, lane.color))
        return ids

    def _place_and_add_nodes(self, doc: Document, lane_ids: dict[str, str]
                             ) -> tuple[dict[str, str], Callable[[float, float],
                                                                 tuple[float, float]] | None]:
        """Lanes of flowedit are horizontal bands stacked from y = 0; the file's lanes may lie
        anywhere, side by side (vertical) or stacked. Each shape keeps its place inside its lane,
        turned a quarter for vertical lanes, so the drawing reads the same way along the lanes.
        Returns the new ids, and the mapping of any other point of the file (an arrow's bend)
        into the document, None when there is none (shapes laid out anew, lanes turned)."""
        self._lanes_by_geometry()
        placed = all(n.x is not None and n.y is not None for n in self.nodes.values())
        if not placed:
            self._laid_out = bool(self.nodes)
            if any(n.x is not None for n in self.nodes.values()):
                self.warn(_("some shapes have no position: all were laid out anew"))
            from flowedit.io.formats._layout import layered_positions

            positions, lane_heights = layered_positions(self)
            for key, (x, y) in positions.items():
                self.nodes[key].x, self.nodes[key].y = x, y
            for lane in self.lanes:
                lane.x, lane.y, lane.width = 0.0, None, None
                lane.height = lane_heights.get(lane.key)
        transform = self._lane_transform() if placed else None
        for index, lane in enumerate(self.lanes):  # in the order the transform sorted them
            doc.move_lane(lane_ids[lane.key], index)
        taken: set[str] = set()
        ids: dict[str, str] = {}
        bands: dict[str, tuple[float, float]] = {}
        top = 0.0
        needed: dict[str, float] = defaultdict(float)
        moved: dict[str, tuple[float, float]] = {}
        for raw in self.nodes.values():
            moved[raw.key] = (transform(raw) if transform else (raw.x or 0.0, raw.y or 0.0))
            if transform is not None and transform.vertical and raw.box_width is None:
                raw.box_width = raw.height or _size(raw)[1]  # the file's extent along the lane
        factor = self._spread(moved) if placed else 1.0
        for raw in self.nodes.values():
            x, y = moved[raw.key]
            x = x * factor
            if raw.lane is not None:
                # Inside its band: a shape drawn across the lane's top edge (or larger here
                # than in the file) moves down into it, and the lane grows to hold it.
                _w, h = _size(raw)
                y = round(max(y, h / 2 + 10), 1)
                needed[raw.lane] = max(needed[raw.lane], y + h / 2 + 20)
            moved[raw.key] = (x, y)
        for lane in self.lanes:
            height = lane.height if (lane.height and not transform) else None
            if transform:
                height = transform.lane_height(lane)
            height = round(max(height or 180.0, needed[lane.key], MIN_SIZE), 1)
            bands[lane.key] = (top, height)
            doc.update_lane(lane_ids[lane.key], height=min(height, MAX_SIZE * 10))
            top += height
        for raw in self.nodes.values():
            x, y = moved[raw.key]
            if raw.lane is not None:
                y += bands[raw.lane][0]
            node_id = unique_id(raw.key, taken, raw.kind.value if raw.kind else "stage")
            ids[raw.key] = node_id
            width, height = raw.width, raw.height
            if width is not None:
                width = round(min(max(width, MIN_SIZE), MAX_SIZE), 1)
            if height is not None:
                height = round(min(max(height, MIN_SIZE), MAX_SIZE), 1)
            node = Node(
                node_id, raw.kind or NodeKind.STAGE, _clip(raw.name),
                _coordinate(x), _coordinate(y),
                lane_ids[raw.lane] if raw.lane is not None else None,
                owner=_clip_optional(raw.owner), description=_clip_optional(raw.description),
                duration_days=raw.duration_days, outcome=raw.outcome,
                width=width, height=height, color=raw.color)
            try:
                doc.add_node(node)
            except ModelError:
                node = Node(node.id, node.kind, node.name, node.x, node.y, node.lane,
                            width=width, height=height)
                self.drop("refused")
                doc.add_node(node)
        if not placed or transform is None or transform.vertical:
            return ids, None
        placement = transform

        def to_document(x: float, y: float) -> tuple[float, float]:
            lane = placement.lane_at(y)
            dx, dy = placement.point(x, y, lane)
            return dx * factor, dy + (bands[lane.key][0] if lane is not None else 0.0)

        return ids, to_document

    def _spread(self, moved: dict[str, tuple[float, float]]) -> float:
        """How much to widen the drawing so that shapes drawn larger than in the file (a BPMN
        event of 36 pixels becomes a start of 120) do not cover their neighbours: the least
        factor (1 to 3) that keeps apart, in each row, shapes that were apart in the file."""
        nodes = [n for n in self.nodes.values() if n.box_width is not None]
        if not nodes or len(nodes) > 2000:
            return 1.0
        factor = 1.0
        for a in nodes:
            ax, ay = moved[a.key]
            aw, ah = _size(a)
            for b in nodes:
                bx, by = moved[b.key]
                if bx <= ax or a.lane != b.lane:
                    continue
                bw, bh = _size(b)
                if abs(ay - by) * 2 >= ah + bh:
                    continue  # not in the same row
                if (bx - ax) * 2 < (a.box_width or aw) + (b.box_width or bw):
                    continue  # they overlapped in the file already
                factor = max(factor, ((aw + bw) / 2 + 20) / (bx - ax))
        factor = min(round(factor, 2), 3.0)
        if factor > 1.0:
            self.warn(_("shapes apart in the file would overlap here (flowedit draws them "
                        "larger, or the lanes were turned): the drawing was widened {factor} "
                        "times").format(factor=format_general(factor)))
        return factor

    def _lanes_by_geometry(self) -> None:
        """Shapes the file does not put in a lane join the lane whose box holds their centre."""
        boxed = [lane for lane in self.lanes if None not in (lane.x, lane.y, lane.width,
                                                             lane.height)]
        if not boxed:
            return
        for node in self.nodes.values():
            if node.lane is not None or node.x is None or node.y is None:
                continue
            for lane in boxed:
                assert lane.x is not None and lane.y is not None
                assert lane.width is not None and lane.height is not None
                if (lane.x <= node.x <= lane.x + lane.width
                        and lane.y <= node.y <= lane.y + lane.height):
                    node.lane = lane.key
                    break

    def _lane_transform(self) -> _Transform:
        boxed = [lane for lane in self.lanes if None not in (lane.x, lane.y, lane.width,
                                                             lane.height)]
        vertical = bool(boxed) and sum(
            1 for lane in boxed if (lane.height or 0) > (lane.width or 0)) > len(boxed) / 2
        if vertical:
            self.lanes.sort(key=lambda lane: lane.x if lane.x is not None else math.inf)
            self.warn(_("the lanes ran top to bottom; they were turned to run left to right"))
        else:
            self.lanes.sort(key=lambda lane: lane.y if lane.y is not None else math.inf)
        return _Transform(self, vertical)


class _Transform:
    """Maps a shape's centre from the file into its lane band (before the band's own top)."""

    def __init__(self, builder: Builder, vertical: bool) -> None:
        self.vertical = vertical
        self.lanes = {lane.key: lane for lane in builder.lanes}
        xs = [n.x for n in builder.nodes.values() if n.x is not None]
        ys = [n.y for n in builder.nodes.values() if n.y is not None]
        lane_x = [lane.x for lane in builder.lanes if lane.x is not None]
        lane_y = [lane.y for lane in builder.lanes if lane.y is not None]
        self.left = min(lane_x + [x - 100 for x in xs], default=0.0)
        self.top = min(lane_y + [y - 60 for y in ys], default=0.0)
        self.lane_extent_top = min(lane_y, default=self.top)
        self.lane_extent_left = min(lane_x, default=self.left)

    def __call__(self, node: RawNode) -> tuple[float, float]:
        assert node.x is not None and node.y is not None
        lane = self.lanes.get(node.lane) if node.lane is not None else None
        if self.vertical:
            along = node.y - self.lane_extent_top + 40.0  # 40: room for the lane header
            across_origin = lane.x if lane is not None and lane.x is not None else self.left
            return along, node.x - across_origin
        if lane is not None and lane.y is not None:
            return node.x - self.lane_extent_left - LANE_HEADER_WIDTH, node.y - lane.y
        if self.lanes:
            return node.x - self.lane_extent_left - LANE_HEADER_WIDTH, node.y - self.top
        return node.x, node.y

    def lane_at(self, y: float) -> RawLane | None:
        """The (horizontal) lane whose box holds height `y` of the file."""
        for lane in self.lanes.values():
            if lane.y is not None and lane.height is not None \
                    and lane.y <= y <= lane.y + lane.height:
                return lane
        return None

    def point(self, x: float, y: float, lane: RawLane | None) -> tuple[float, float]:
        """Any point of the file (horizontal lanes) as a shape's centre would move."""
        if lane is not None and lane.y is not None:
            return x - self.lane_extent_left - LANE_HEADER_WIDTH, y - lane.y
        if self.lanes:
            return x - self.lane_extent_left - LANE_HEADER_WIDTH, y - self.top
        return x, y

    def lane_height(self, lane: RawLane) -> float | None:
        return lane.width if self.vertical else lane.height


def _size(raw: RawNode) -> tuple[float, float]:
    default_w, default_h = DEFAULT_SIZES[raw.kind or NodeKind.STAGE]
    return (raw.width or default_w, raw.height or default_h)


def _coordinate(value: float) -> float:
    return max(-MAX_COORDINATE, min(MAX_COORDINATE, round(value, 1)))


def _clip(text: str) -> str:
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text[:MAX_TEXT_LENGTH]


def _clip_optional(text: str | None) -> str | None:
    return None if text is None else _clip(text)


_ID_BAD = re.compile(r"[^A-Za-z0-9_.\-]+")


def unique_id(key: str, taken: set[str], prefix: str) -> str:
    """A valid flowedit id from a foreign one, unique among `taken` (which it joins)."""
    base = _ID_BAD.sub("-", key).strip("-")[:MAX_ID_LENGTH - 8] or prefix
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def kinds_count(doc: Document) -> Counter[str]:
    """How many of each kind a document holds (used by tests and the convert command)."""
    return Counter(node.kind.value for node in doc.nodes.values())
