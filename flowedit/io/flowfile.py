"""Process files, format v1: YAML in, `Document` out, and back. No Qt here.

docs/file-format.md describes every key. Reading validates everything and raises FlowFileError
naming file, line and column; writing is deterministic (same document, same bytes) and atomic.
"""

from __future__ import annotations

import errno
import math
import os
import re
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from flowedit.i18n import N_, _, format_number
from flowedit.io import fast_reader
from flowedit.io.atomic import write_atomic
from flowedit.io.errors import FlowFileError, FlowLinkCycleError, FlowSaveError, quoted
from flowedit.io.sniff import SNIFF_BYTES, foreign_format
from flowedit.io.yaml_advice import percentage
from flowedit.io.yaml_tree import MAX_VALUES, Mapping, Scalar, Sequence, TreeError, parse
from flowedit.model import (
    Colour,
    Document,
    Edge,
    Lane,
    Measured,
    ModelError,
    Node,
    NodeKind,
    Outcome,
    Routing,
    limits,
)
from flowedit.model.elements import (
    DATE_PATTERN,
    MAX_BEND_POINTS,
    MAX_COORDINATE,
    MAX_DURATION_DAYS,
    MAX_ID_LENGTH,
    MAX_SIZE,
    MAX_TEXT_LENGTH,
    MAX_VALUE,
    OUTCOME_KINDS,
    check_link,
)
from flowedit.model.limits import MAX_EDGES, MAX_FILE_BYTES, MAX_LANES, MAX_LEVELS, MAX_NODES
from flowedit.model.routes import Route, RouteChoice, find_arrow, live_choices, take_text

FORMAT_VERSION = 1

DOCUMENT_KEYS = ("flowedit", "title", "routing", "lanes", "nodes", "edges", "routes")
#: A saved walk (top level `routes:`, docs/file-format.md#routes) and each of its choices.
ROUTE_KEYS = ("name", "choices")
CHOICE_KEYS = ("at", "take")
#: More routes, or choices in one, than any training session needs.
MAX_ROUTES, MAX_ROUTE_CHOICES = 100, 1000
LANE_KEYS = ("id", "name", "height", "color")
NODE_KEYS = ("id", "kind", "name", "lane", "x", "y", "width", "height", "owner", "description",
             "duration_days", "outcome", "color", "bold", "exit", "own_figures", "subprocess",
             "process", "crm_stage", "value", "measured")
#: The keys of a nested sub-process (`process:` under a stage): a document without the version;
#: without `routing` it is drawn the way the process around it is.
PROCESS_KEYS = ("title", "routing", "lanes", "nodes", "edges")
EDGE_KEYS = ("id", "from", "to", "label", "probability", "points", "label_at", "measured")
#: Provenance of a calibrated figure (docs/file-format.md#measured-figures).
MEASURED_KEYS = ("n", "source", "from", "to")

_TreeNode = Scalar | Mapping | Sequence


def _close_match(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice `word` was probably meant to be; none for a word far longer than any id (difflib
    would take seconds and hundreds of MB on a megabyte of text)."""
    if len(word) > MAX_ID_LENGTH:
        return None
    import difflib  # only for a mistake: opening a good file does not load it

    matches = difflib.get_close_matches(word, choices, n=1)
    return matches[0] if matches else None


#: What to write for a required key that is missing, after "is missing the key 'x'".
_KEY_HINTS = {
    "x": N_(": add 'x: NUMBER', the x of the shape's centre"),
    "y": N_(": add 'y: NUMBER', the y of the shape's centre"),
    "kind": N_(": add 'kind:' with one of start | stage | decision | end"),
    "id": N_(": add 'id:' with a short id such as 'stage-1'"),
    "from": N_(": add 'from:' with the id of the node the arrow leaves"),
    "to": N_(": add 'to:' with the id of the node the arrow goes to"),
    "flowedit": N_(": start the file with 'flowedit: 1'"),
    "nodes": N_(": add 'nodes:' with the list of shapes ('nodes: []' for none)"),
}
#: How a message names an entry, by kind: with id and name, with id, with name.
_ENTRY_NAMES = {
    "lane": (N_("the lane {id} ({name})"), N_("the lane {id}"), N_("the lane named {name}")),
    "node": (N_("the node {id} ({name})"), N_("the node {id}"), N_("the node named {name}")),
    "edge": (N_("the edge {id} ({name})"), N_("the edge {id}"), N_("the edge named {name}")),
}
#: A duplicate id, by kind; {where} and {example} are the fragments built in `duplicate`.
_DUPLICATE_IDS = {
    "lane": N_("the lane id {id} is used twice{where}: give this lane an id of its "
               "own{example} and change the 'lane' of the nodes meant for it"),
    "node": N_("the node id {id} is used twice{where}: give this node an id of its "
               "own{example} and point the arrows meant for it at the new id"),
    "edge": N_("the edge id {id} is used twice{where}: give this edge an id of its "
               "own{example} or leave out its 'id' and flowedit numbers it"),
}
_PLAIN_RESOLVER = yaml.resolver.Resolver()


def _reads_as_number(text: str) -> bool:
    """Whether `text`, written without quotes, would be a YAML number."""
    tag = _PLAIN_RESOLVER.resolve(yaml.ScalarNode, text.strip(), (True, False))
    return tag.endswith((":int", ":float")) and len(text) <= 100


def _scalar_text(node: _TreeNode, key: str) -> str | None:
    if isinstance(node, Mapping) and key in node.items:
        value = node.items[key][1]
        if isinstance(value, Scalar) and value.text.strip():
            return value.text
    return None


def _entry_name(node: _TreeNode, kind: str) -> str | None:
    """A lane, node or edge as a message names it: by id, and by name or ends when it has them."""
    ident, name = _scalar_text(node, "id"), _scalar_text(node, "name")
    if kind == "edge" and ident is None:
        source, target = _scalar_text(node, "from"), _scalar_text(node, "to")
        if source and target:
            return _("the edge {source} -> {target}").format(source=quoted(source),
                                                             target=quoted(target))
        if source:
            return _("the edge from {source}").format(source=quoted(source))
        if target:
            return _("the edge to {target}").format(target=quoted(target))
        return None
    both, only_id, only_name = _ENTRY_NAMES[kind]
    if ident and name:
        return _(both).format(id=quoted(ident), name=quoted(name))
    if ident:
        return _(only_id).format(id=quoted(ident))
    return _(only_name).format(name=quoted(name)) if name else None


def _free_id(ident: str, taken: Callable[[str], bool]) -> str | None:
    """An id like `ident` that is not taken yet, e.g. 'lead-2'; None when it would be too long."""
    number = 2
    while taken(f"{ident}-{number}"):
        number += 1
    free = f"{ident}-{number}"
    return free if len(free) <= MAX_ID_LENGTH else None


class _Reader:
    """Turns the YAML tree into a Document, raising FlowFileError at the first problem."""

    def __init__(self, path: str, level: int = 0) -> None:
        self.path = path
        #: How many sub-processes down this reader reads (0: the file's top process).
        self.level = level
        #: Every `subprocess:` read, at every level: (the level's document, stage id, the value),
        #: so that links can be followed, and a loop reported at its line, once all is read.
        self.links: list[tuple[Document, str, Scalar]] = []
        #: Edge ids written in the file: an edge without one must not take one of them.
        self.written_edge_ids: set[str] = set()
        #: The line of each id read so far, by kind of entry: a duplicate says where the first is.
        self.id_lines: dict[str, dict[str, int]] = {"lane": {}, "node": {}, "edge": {}}
        #: How the arrows of the process read are drawn: its nested sub-processes are drawn the
        #: same way unless they say otherwise.
        self.routing = Routing.STRAIGHT

    def fail(self, problem: str, at: _TreeNode | None = None) -> FlowFileError:
        if at is None:
            return FlowFileError(self.path, problem)
        return FlowFileError(self.path, problem, at.line, at.column)

    def mapping(self, node: _TreeNode, what: str, keys: tuple[str, ...],
                required: tuple[str, ...],
                kind: str | None = None) -> dict[str, tuple[Scalar, _TreeNode]]:
        """The key/value pairs of a mapping with only known keys and every required one; a
        message about a missing key names the lane, node or edge (`kind`) by its id or name."""
        if not isinstance(node, Mapping):
            raise self.fail(_("{what} must be a mapping of 'key: value' lines").format(
                what=what), node)
        for key, (key_node, _value) in node.items.items():
            if key not in keys:
                hint = _close_match(key, keys)
                suggestion = (_("did you mean {key}?").format(key=repr(hint)) if hint
                              else _("known keys: {keys}").format(keys=", ".join(keys)))
                raise self.fail(_("unknown key {key} in {what}; {suggestion}").format(
                    key=quoted(key), what=what, suggestion=suggestion), key_node)
        for key in required:
            if key not in node.items:
                entry = _entry_name(node, kind) if kind else None
                hint = _(_KEY_HINTS[key]) if key in _KEY_HINTS else ""
                raise self.fail(_("{what} is missing the key {key}").format(
                    what=entry or what, key=repr(key)) + hint, node)
        return node.items

    def sequence(self, node: _TreeNode, what: str, limit: int) -> list[_TreeNode]:
        if isinstance(node, Scalar) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, Sequence):
            raise self.fail(_("{what} must be a list (lines starting with '- ')").format(
                what=what), node)
        if len(node.items) > limit:
            raise self.fail(_("{what} has {count} entries; the limit is {limit}").format(
                what=what, count=format_number(len(node.items), 0),
                limit=format_number(limit, 0)), node)
        return node.items

    def scalar(self, node: _TreeNode, what: str) -> Scalar:
        if not isinstance(node, Scalar):
            raise self.fail(_("{what} must be a single value, not a list or mapping").format(
                what=what), node)
        return node

    def text(self, node: _TreeNode, what: str, optional: bool = True) -> str | None:
        """Any scalar as the text it was written as, so `label: Yes` means 'Yes', not true."""
        scalar = self.scalar(node, what)
        if scalar.tag.endswith(":null"):
            if optional:
                return None
            raise self.fail(_("{what} must not be empty; write some text").format(what=what),
                            scalar)
        return scalar.text

    def ident(self, node: _TreeNode, what: str) -> str:
        scalar = self.scalar(node, what)
        if scalar.tag.endswith(":null") and scalar.text in ("", "~"):  # not `null`: quote it
            raise self.fail(_("{what} must not be empty; write an id such as 'stage-1'").format(
                what=what), scalar)
        if not scalar.tag.endswith(":str"):
            raise self.fail(_("{what} must be text: write it in quotes, e.g. '{text}'").format(
                what=what, text=scalar.text[:40]), scalar)
        return scalar.text

    def number(self, node: _TreeNode, what: str) -> float:
        scalar = self.scalar(node, what)
        value = self.value(scalar)
        if isinstance(value, bool) or not isinstance(value, int | float):
            if scalar.quoted and _reads_as_number(scalar.text):
                raise self.fail(_("{what} must be a number, not text in quotes: write {text} "
                                  "without quotes").format(what=what, text=scalar.text.strip()),
                                scalar)
            largest = {_(key): value for key, value in _LARGEST.items()}.get(what, MAX_COORDINATE)
            if _beyond(scalar.text, largest):
                raise self.fail(_("{what} {text} is far too large: it can be at most "
                                  "{most}").format(what=what, text=repr(scalar.text[:40]),
                                                   most=format_number(largest, 0)), scalar)
            raise self.fail(_("{what} must be a number, not {text}").format(
                what=what, text=repr(scalar.text[:40])), scalar)
        try:
            number = float(value)
        except OverflowError:
            raise self.fail(_("{what} is far too large").format(what=what), scalar) from None
        if not math.isfinite(number):
            raise self.fail(_("{what} must be a finite number, not {text}").format(
                what=what, text=scalar.text[:40]), scalar)
        return number

    def value(self, scalar: Scalar) -> object:
        try:
            return scalar.value()
        except TreeError as error:
            raise self.fail(error.problem, scalar) from None

    def choice(self, node: _TreeNode, what: str,
               enum: type[NodeKind] | type[Outcome] | type[Colour] | type[Routing]) -> Any:
        scalar = self.scalar(node, what)
        try:
            return enum(scalar.text)
        except ValueError:
            options = " | ".join(member.value for member in enum)
            raise self.fail(_("unknown {what} {text}: write one of {options}").format(
                what=what, text=repr(scalar.text[:40]), options=options), scalar) from None

    def colour(self, items: dict[str, tuple[Scalar, _TreeNode]], fields: dict[str, Any]) -> None:
        if "color" in items and self.text(items["color"][1], "color") is not None:
            fields["color"] = self.choice(items["color"][1], "color", Colour)

    def flag(self, node: _TreeNode, what: str) -> bool | None:
        scalar = self.scalar(node, what)
        value = self.value(scalar)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(_("{what} must be true or false, not {text}").format(
            what=what, text=repr(scalar.text[:40])), scalar)

    def duplicate(self, kind: str, ident: str, at: _TreeNode, free: str | None) -> FlowFileError:
        first = self.id_lines[kind].get(ident)
        where = _(" (first on line {line})").format(line=first) if first is not None else ""
        example = _(", e.g. {id},").format(id=repr(free)) if free is not None else ""
        return self.fail(_(_DUPLICATE_IDS[kind]).format(id=quoted(ident), where=where,
                                                        example=example), at)

    def free_edge_id(self, doc: Document) -> str:
        """The id an edge written without one gets: never one that the file gives an edge."""
        number = len(doc.edges) + 1
        while f"e{number}" in doc.edges or f"e{number}" in self.written_edge_ids:
            number += 1
        return f"e{number}"

    def checked(self, at: _TreeNode, what: str, action: Callable[[], object]) -> None:
        try:
            action()
        except ModelError as error:
            raise self.fail(f"{what}: {error}", at) from None

    # ------------------------------------------------------------------ document
    def document(self, root: _TreeNode | None) -> Document:
        if root is None:
            raise self.fail(_("the file is empty; a process file starts with 'flowedit: 1'"))
        items = self.mapping(root, _("the file"), DOCUMENT_KEYS, ("flowedit", "nodes"))
        self.version(items["flowedit"][1])
        title = self.text(items["title"][1], "title") if "title" in items else None
        if title is not None and len(title) > MAX_TEXT_LENGTH:
            # The model checks every other text; Document() takes its title unchecked.
            raise self.fail(_("the title is longer than {limit} characters").format(
                limit=MAX_TEXT_LENGTH),
                            items["title"][1])
        doc = Document(title or "")
        if "routing" in items:  # absent: straight, as files were drawn before routing existed
            doc.set_routing(self.choice(items["routing"][1], "routing", Routing))
        self.routing = doc.routing
        self.body(doc, items)
        if "routes" in items:
            for route_node in self.sequence(items["routes"][1], "routes", MAX_ROUTES):
                self.route(doc, route_node)
        return doc

    def route(self, doc: Document, node: _TreeNode) -> None:
        """One saved walk: a unique name and the arrows it takes at the shapes it names."""
        items = self.mapping(node, _("a route"), ROUTE_KEYS, ("name",))
        name = " ".join((self.text(items["name"][1], "name", optional=False) or "").split())
        if len(name) > MAX_TEXT_LENGTH:
            raise self.fail(_("the route name is longer than {limit} characters").format(
                limit=MAX_TEXT_LENGTH), items["name"][1])
        if any(route.name.casefold() == name.casefold() for route in doc.routes):
            raise self.fail(_("there are two routes named {name}: give each route a name of "
                              "its own").format(name=quoted(name)), items["name"][1])
        choices = []
        if "choices" in items:
            for choice_node in self.sequence(items["choices"][1], _("the choices of a route"),
                                             MAX_ROUTE_CHOICES):
                choices.append(self.route_choice(doc, name, choice_node))
        doc.routes.append(Route(name, tuple(choices)))

    def route_choice(self, doc: Document, route: str, node: _TreeNode) -> RouteChoice:
        items = self.mapping(node, _("a choice of a route ('at: SHAPE, take: ARROW')"),
                             CHOICE_KEYS, ("at", "take"))
        at_node, take_node = items["at"][1], items["take"][1]
        at = self.ident(at_node, _("the route's 'at'"))
        if at not in doc.nodes:
            close = _close_match(at, list(doc.nodes))
            hint = _("; did you mean {id}?").format(id=repr(close)) if close else ""
            raise self.fail(_("route {route}: 'at: {id}' names no shape").format(
                route=quoted(route), id=at) + hint, at_node)
        take = self.text(take_node, "take", optional=False) or ""
        edge = find_arrow(doc, at, take)
        if edge is None:
            arrows = [doc.edges[e] for e in doc.out_edges(at)]
            if not arrows:
                raise self.fail(_("route {route}: no arrow leaves {id}, so there is nothing to "
                                  "take there").format(route=quoted(route), id=quoted(at)),
                                at_node)
            names = " | ".join(take_text(doc, at, a.id) for a in arrows)
            raise self.fail(_("route {route}: {take} is not one arrow out of {id}: write one "
                              "of {names}").format(route=quoted(route), take=quoted(take),
                                                   id=quoted(at), names=names), take_node)
        return RouteChoice(at, edge.id)

    def body(self, doc: Document, items: dict[str, tuple[Scalar, _TreeNode]]) -> Document:
        """Lanes, nodes and edges, of the file or of a nested sub-process."""
        if "lanes" in items:
            for lane_node in self.sequence(items["lanes"][1], "lanes", MAX_LANES):
                self.lane(doc, lane_node)
        for node in self.sequence(items["nodes"][1], "nodes", MAX_NODES):
            self.node(doc, node)
        if "edges" in items:
            edge_nodes = self.sequence(items["edges"][1], "edges", MAX_EDGES)
            self.written_edge_ids = {
                entry.items["id"][1].text for entry in edge_nodes
                if isinstance(entry, Mapping) and "id" in entry.items
                and isinstance(entry.items["id"][1], Scalar)}
            for edge_node in edge_nodes:
                self.edge(doc, edge_node)
        return doc

    def process(self, node: _TreeNode) -> Document:
        """A stage's nested sub-process: read like a file of its own (its ids are its own)."""
        if self.level >= MAX_LEVELS:
            raise self.fail(_("sub-processes are nested more than {limit} levels deep").format(
                limit=MAX_LEVELS), node)
        items = self.mapping(node, _("a sub-process ('process:')"), PROCESS_KEYS, ("nodes",))
        title = self.text(items["title"][1], "title") if "title" in items else None
        if title is not None and len(title) > MAX_TEXT_LENGTH:
            raise self.fail(_("the title is longer than {limit} characters").format(
                limit=MAX_TEXT_LENGTH), items["title"][1])
        doc = Document(title or "", self.routing)
        if "routing" in items:
            doc.set_routing(self.choice(items["routing"][1], "routing", Routing))
        reader = _Reader(self.path, self.level + 1)
        reader.links = self.links
        reader.routing = doc.routing
        return reader.body(doc, items)

    def version(self, node: _TreeNode) -> None:
        scalar = self.scalar(node, "flowedit")
        value = self.value(scalar)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(_("'flowedit' is the format version, a whole number: write "
                              "'flowedit: {version}'").format(version=FORMAT_VERSION), scalar)
        if value > FORMAT_VERSION:
            raise self.fail(_("this file uses format {found}, written by a newer flowedit; this "
                              "version reads format {version}: update flowedit").format(
                found=value, version=FORMAT_VERSION), scalar)
        if value < 1:
            raise self.fail(_("format version {found} does not exist: write "
                              "'flowedit: {version}'").format(found=value,
                                                             version=FORMAT_VERSION), scalar)

    def lane(self, doc: Document, node: _TreeNode) -> None:
        items = self.mapping(node, _("a lane"), LANE_KEYS, ("id", "name"), "lane")
        fields: dict[str, Any] = {
            "id": self.ident(items["id"][1], _("lane id")),
            "name": self.text(items["name"][1], _("lane name"), optional=False),
        }
        if "height" in items:
            fields["height"] = self.number(items["height"][1], _("lane height"))
        self.colour(items, fields)
        lane_id = items["id"][1]
        if doc.has_lane(fields["id"]):
            raise self.duplicate("lane", fields["id"], lane_id,
                                 _free_id(fields["id"], doc.has_lane))
        self.id_lines["lane"][fields["id"]] = lane_id.line
        self.checked(lane_id, _("lane {id}").format(id=quoted(fields["id"])),
                     lambda: doc.add_lane(Lane(**fields)))

    def node(self, doc: Document, node: _TreeNode) -> None:
        items = self.mapping(node, _("a node"), NODE_KEYS, ("id", "kind", "name", "x", "y"),
                             "node")
        id_node = items["id"][1]
        fields: dict[str, Any] = {
            "id": self.ident(id_node, _("node id")),
            "kind": self.choice(items["kind"][1], "kind", NodeKind),
            "name": self.text(items["name"][1], "name") or "",
            "x": self.number(items["x"][1], "x"),
            "y": self.number(items["y"][1], "y"),
        }
        if fields["id"] in doc.nodes:
            raise self.duplicate("node", fields["id"], id_node,
                                 _free_id(fields["id"], doc.nodes.__contains__))
        self.id_lines["node"][fields["id"]] = id_node.line
        for key in ("owner", "description"):
            if key in items:
                fields[key] = self.text(items[key][1], key)
        self.colour(items, fields)
        if "bold" in items:
            fields["bold"] = self.flag(items["bold"][1], "bold")
        for key in ("width", "height", "duration_days"):
            if key in items:
                fields[key] = self.number(items[key][1], key)
        if "lane" in items:
            lane_node = items["lane"][1]
            lane = self.text(lane_node, "lane")
            if lane is not None and not doc.has_lane(lane):
                known = ", ".join(lane.id for lane in doc.lanes[:10]) or _("none are listed")
                if len(doc.lanes) > 10:
                    known += ", …"
                raise self.fail(_("there is no lane {lane}; add it under 'lanes:' or use one of "
                                  "the lane ids ({known})").format(lane=quoted(lane),
                                                                   known=known), lane_node)
            fields["lane"] = lane
        if "outcome" in items:
            outcome_node = items["outcome"][1]
            if self.text(outcome_node, "outcome") is not None:
                fields["outcome"] = self.choice(outcome_node, "outcome", Outcome)
                if fields["kind"] not in OUTCOME_KINDS:
                    raise self.fail(_("only an end or a stage can have an outcome; remove "
                                      "'outcome' or write 'kind: end' (or 'kind: stage' for a "
                                      "milestone)"), outcome_node)
        self.subprocess_fields(items, fields)
        self.calibration_fields(items, fields)
        self.checked(id_node, _("node {id}").format(id=quoted(fields["id"])),
                     lambda: doc.add_node(Node(**fields)))
        if "subprocess" in items and fields.get("subprocess") is not None:
            self.links.append((doc, fields["id"], items["subprocess"][1]))

    def subprocess_fields(self, items: dict[str, tuple[Scalar, _TreeNode]],
                          fields: dict[str, Any]) -> None:
        """exit, own_figures, subprocess and process (docs/file-format.md#sub-processes)."""
        if "exit" in items:
            fields["exit"] = self.text(items["exit"][1], "exit")
            if fields["exit"] is not None and fields["kind"] is not NodeKind.END:
                raise self.fail(_("only an end of a sub-process has an 'exit' (the arrow of its "
                                  "stage that leads leave by); remove it here"), items["exit"][1])
        if "own_figures" in items:
            fields["own_figures"] = self.flag(items["own_figures"][1], "own_figures")
        for key in ("subprocess", "process"):
            if key in items and fields["kind"] is not NodeKind.STAGE:
                raise self.fail(_("only a stage can hold a sub-process; remove {key} or write "
                                  "'kind: stage'").format(key=repr(key)), items[key][1])
        if "subprocess" in items and "process" in items:
            raise self.fail(_("a stage holds its sub-process itself ('process:') or links to a "
                              "file ('subprocess:'), not both"), items["subprocess"][0])
        if "subprocess" in items:
            link_node = items["subprocess"][1]
            link = self.text(link_node, "subprocess")
            if link is not None:
                self.checked(link_node, "subprocess", lambda: check_link(link))
            fields["subprocess"] = link
        if "process" in items:
            fields["process"] = self.process(items["process"][1])

    def calibration_fields(self, items: dict[str, tuple[Scalar, _TreeNode]],
                           fields: dict[str, Any]) -> None:
        """crm_stage, value and measured (docs/file-format.md#measured-figures)."""
        if "crm_stage" in items:
            crm_stage = self.text(items["crm_stage"][1], "crm_stage")
            if crm_stage is not None and not crm_stage.strip():
                raise self.fail(_("crm_stage names the stage of the CRM this shape stands for; "
                                  "write its name or remove the key"), items["crm_stage"][1])
            if crm_stage is not None and fields["kind"] not in (NodeKind.STAGE, NodeKind.END):
                raise self.fail(_("only a stage or an end stands for a CRM stage; remove "
                                  "'crm_stage' here"), items["crm_stage"][1])
            fields["crm_stage"] = crm_stage
        if "value" in items and self.text(items["value"][1], "value") is not None:
            value_node = items["value"][1]
            value = self.number(value_node, "value")
            if fields.get("outcome") is not Outcome.WON:
                raise self.fail(_("only a won end or won milestone has a deal 'value'; add "
                                  "'outcome: won' or remove the value"), value_node)
            if not 0.0 <= value <= MAX_VALUE:
                raise self.fail(_("value is what a won deal is worth: a number from 0 to "
                                  "{most}, not {text}").format(
                    most=format_number(MAX_VALUE, 0), text=value_node.text[:40]), value_node)
            fields["value"] = value
        if "measured" in items:
            if fields["kind"] is not NodeKind.STAGE:
                raise self.fail(_("only a stage has measured days; remove 'measured' here"),
                                items["measured"][0])
            fields["measured"] = self.measured(items["measured"][1])

    def measured(self, node: _TreeNode) -> Measured | None:
        """`measured: {n, source, from, to}`: what a calibrated figure rests on."""
        if isinstance(node, Scalar) and node.tag.endswith(":null"):
            return None
        items = self.mapping(node, _("measured"), MEASURED_KEYS, MEASURED_KEYS)
        count_node = items["n"][1]
        count = self.number(count_node, "n")
        if not count.is_integer() or count < 0:
            raise self.fail(_("n is the number of deals a figure rests on, a whole number, not "
                              "{text}").format(text=count_node.text[:40]), count_node)
        source = self.text(items["source"][1], "source", optional=False) or ""
        days = []
        for key in ("from", "to"):
            day_node = items[key][1]
            day = self.text(day_node, key, optional=False) or ""
            if not DATE_PATTERN.fullmatch(day.strip()):
                raise self.fail(_("{key} must be a date written YYYY-MM-DD, not {text}").format(
                    key=key, text=repr(day[:40])), day_node)
            days.append(day.strip())
        if days[0] > days[1]:
            raise self.fail(_("the measured period starts ({start}) after it ends "
                              "({end})").format(start=days[0], end=days[1]), items["from"][1])
        return Measured(int(count), source, days[0], days[1])

    def edge(self, doc: Document, node: _TreeNode) -> None:
        items = self.mapping(node, _("an edge"), EDGE_KEYS, ("from", "to"), "edge")
        ends = {}
        for key in ("from", "to"):
            end_node = items[key][1]
            ends[key] = self.ident(end_node, _("edge '{key}'").format(key=key))
            if ends[key] not in doc.nodes:
                close = _close_match(ends[key], list(doc.nodes))
                hint = _("; did you mean {id}?").format(id=repr(close)) if close else ""
                raise self.fail(_("the edge {key} {id} names no node").format(
                    key=key, id=quoted(ends[key])) + hint, end_node)
        if "id" in items:
            edge_id = self.ident(items["id"][1], _("edge id"))
            if edge_id in doc.edges:
                raise self.duplicate("edge", edge_id, items["id"][1], self.free_edge_id(doc))
            self.id_lines["edge"][edge_id] = items["id"][1].line
        else:
            edge_id = self.free_edge_id(doc)
        label = self.text(items["label"][1], "label") if "label" in items else None
        probability = None
        if "probability" in items:
            probability_node = items["probability"][1]
            share = (percentage(probability_node.text) if isinstance(probability_node, Scalar)
                     else None)
            if share is not None:
                raise self.fail(_("probability is a share, not a percentage: write {share} for "
                                  "{text}").format(share=f"{share:g}",
                                                   text=probability_node.text.strip()),
                                probability_node)
            probability = self.number(probability_node, "probability")
            if 2.0 <= probability <= 100.0:
                raise self.fail(_("probability is a share between 0 and 1, not a percentage: "
                                  "write {share} for {percent}%").format(
                    share=f"{probability / 100:g}", percent=f"{probability:g}"),
                                probability_node)
            if not 0.0 <= probability <= 1.0:
                raise self.fail(_("probability must be between 0 and 1 (a share: 0.4 means "
                                  "40%), not {text}").format(text=probability_node.text[:40]),
                                probability_node)
        points = self.points(items["points"][1]) if "points" in items else ()
        label_at = None
        if "label_at" in items and self.text(items["label_at"][1], "label_at") is not None:
            label_at = self.number(items["label_at"][1], "label_at")
            if not 0.0 <= label_at <= 1.0:
                raise self.fail(_("label_at is where along the arrow its label sits, from 0 (its "
                                  "start) to 1 (its end), not {value}").format(
                    value=f"{label_at:g}"), items["label_at"][1])
        measured = self.measured(items["measured"][1]) if "measured" in items else None
        self.checked(node, _("edge {source} -> {target}").format(source=quoted(ends["from"]),
                                                                 target=quoted(ends["to"])),
                     lambda: doc.add_edge(Edge(edge_id, ends["from"], ends["to"], label,
                                               probability, points, label_at, measured)))

    def points(self, node: _TreeNode) -> tuple[tuple[float, float], ...]:
        """An arrow's bend points: a list of [x, y] pairs."""
        pairs = []
        for pair in self.sequence(node, "points", MAX_BEND_POINTS):
            if not isinstance(pair, Sequence) or len(pair.items) != 2:
                raise self.fail(_("each bend point must be a pair [x, y], e.g. [120, 340]"),
                                pair)
            pairs.append((self.number(pair.items[0], "x"), self.number(pair.items[1], "y")))
        return tuple(pairs)


#: The largest value of each number in the file (docs/file-format.md), for the message about
#: a number YAML 1.1 does not read (`1e308`) but which is far beyond it anyway.
_LARGEST = {"x": MAX_COORDINATE, "y": MAX_COORDINATE, "width": MAX_SIZE, "height": MAX_SIZE,
            "lane height": MAX_SIZE * 10, "duration_days": MAX_DURATION_DAYS, "probability": 1.0,
            "value": MAX_VALUE}


_EXPONENT_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d{1,6}")


def _beyond(text: str, largest: float) -> bool:
    """Whether text that YAML 1.1 does not take as a number (`1e308`: an exponent needs a dot and
    a sign) is one beyond `largest`: then saying it is too large helps more than 'not a number'."""
    if len(text) > 400 or not _EXPONENT_NUMBER.fullmatch(text):
        return False
    return abs(float(text)) > largest


def loads_document(data: bytes | str, path: str | os.PathLike[str] = "<text>") -> Document:
    """Reads a document from file contents; `path` names it in error messages, and linked
    sub-process files are looked for in its folder."""
    name = os.fspath(path)
    return _loads(data, name, (os.path.realpath(name),))


def _loads(data: bytes | str, name: str, chain: tuple[str, ...]) -> Document:
    """`chain`: the real paths of the files whose sub-processes led here, this one last."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise FlowFileError(name, _too_big(len(data)))
        _refuse_foreign(data, name)
        text = _decode(data, name)
    else:
        text = data.removeprefix("\ufeff")
        _refuse_foreign(text[:SNIFF_BYTES].encode("utf-8", "replace"), name)
    fast = fast_reader.read(text, MAX_LANES, MAX_NODES, MAX_EDGES)
    if fast is not None:  # laid out as flowedit writes files, and valid: read in one pass
        try:
            return _linked(fast, [(fast, stage_id, None) for stage_id in
                                  fast_reader.linking(fast)], name, chain)
        except FlowLinkCycleError:
            pass  # the full reader says it with the line of the link
    try:
        root = parse(text)
    except TreeError as error:
        raise FlowFileError(name, error.problem, error.line, error.column) from None
    except RecursionError:
        raise FlowFileError(name, _("values are nested too deeply")) from None
    reader = _Reader(name)
    return _linked(reader.document(root), reader.links, name, chain)


def _linked(doc: Document, links: list[tuple[Document, str, Scalar | None]], name: str,
            chain: tuple[str, ...]) -> Document:
    """The document with the sub-process files its stages link to read in."""
    for level_doc, stage_id, at in links:
        _follow_link(level_doc, stage_id, name, chain, at, strict=True)
    total = _tree_total(doc)
    if total > MAX_NODES:
        raise FlowFileError(name, _("the process and its sub-processes hold {total} shapes; "
                                    "the limit is {limit} in all").format(
            total=format_number(total, 0), limit=format_number(MAX_NODES, 0)))
    return doc


def follow_links(doc: Document, path: str | os.PathLike[str]) -> None:
    """Reads again every linked sub-process file of the document (all nested levels), after
    links were made or changed in the editor; what cannot be followed, a loop included, is
    kept in `link_problems` for the checks to report instead of refused."""
    name = os.fspath(path)
    chain = (os.path.realpath(name),)
    pending = [doc]
    while pending:
        level = pending.pop()
        level.linked.clear()
        level.link_problems.clear()
        for node in level.nodes.values():
            if node.process is not None:
                pending.append(node.process)
            elif node.subprocess is not None:
                _follow_link(level, node.id, name, chain, None, strict=False)


def _follow_link(doc: Document, stage_id: str, name: str, chain: tuple[str, ...],
                 at: Scalar | None, strict: bool) -> None:
    """Reads the file a stage links to into `doc.linked`, or says in `doc.link_problems` why
    it cannot be read. A loop back to a file above is refused (strict) or kept as a problem."""
    link = doc.nodes[stage_id].subprocess or ""
    target = os.path.join(os.path.dirname(name), *link.split("/"))
    real = os.path.realpath(target)
    line, column = (at.line, at.column) if at is not None else (None, None)
    loop = None
    if real in chain:
        names = [os.path.basename(p) for p in chain[chain.index(real):]]
        loop = _("the sub-process file {link} contains this process again ({chain}): a "
                 "process cannot contain itself; link another file or draw the steps here").format(
            link=quoted(link), chain=" › ".join([*names, os.path.basename(real)]))
    elif len(chain) > MAX_LEVELS:
        loop = _("sub-process files link more than {limit} levels deep; draw some of them "
                 "inside their stage instead").format(limit=MAX_LEVELS)
    try:
        if loop is not None:
            raise FlowLinkCycleError(name, loop, line, column)
        doc.linked[stage_id] = _load(target, (*chain, real))
        doc.link_problems.pop(stage_id, None)
    except FlowLinkCycleError as error:
        if strict:
            raise
        doc.linked.pop(stage_id, None)
        doc.link_problems[stage_id] = ("subprocess-cycle", error.problem)
    except FlowFileError as error:
        doc.linked.pop(stage_id, None)
        doc.link_problems[stage_id] = (
            "subprocess-file", _("the sub-process file {link} cannot be read: {reason}").format(
                link=quoted(link), reason=error))


def _tree_total(doc: Document) -> int:
    """Shapes in the process and every sub-process below it, linked files included."""
    total = len(doc.nodes)
    for node in doc.nodes.values():
        child = doc.child(node.id)
        if child is not None:
            total += _tree_total(child)
    return total


def _too_big(size: int) -> str:
    return _("the file is {size} MB; process files are limited to {limit} MiB").format(
        size=format_number(size / 1e6, 1), limit=MAX_FILE_BYTES // (1024 * 1024))


def _refuse_foreign(start: bytes, name: str) -> None:
    """A diagram or picture of another program, named as such, rather than a YAML error."""
    found = foreign_format(start)
    if found is not None:
        from flowedit.io.formats import recognise

        if recognise(name, start) is not None:
            raise FlowFileError(name, _("this looks like {format}, not a flowedit process; "
                                        "import it with File › Import… or flowedit convert"
                                        ).format(format=found))
        raise FlowFileError(name, _("this looks like {format}, not a flowedit process; "
                                    "flowedit cannot import it yet").format(format=found))


def _decode(data: bytes, name: str) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise FlowFileError(name, _("the file is UTF-32 text, not UTF-8; save it as UTF-8 in "
                                    "your editor"), 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows Notepad calls "Unicode"
        raise FlowFileError(name, _("the file is UTF-16 text, not UTF-8; save it as UTF-8 in "
                                    "your editor"), 1, 1)
    if b"\x00" in data[:4096]:
        raise FlowFileError(name, _("this is a binary file, not a flowedit process (YAML "
                                    "text)"))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise FlowFileError(name, _("the file is not UTF-8 text; save it as UTF-8 in your editor"),
                            line, column) from None


def load_document(path: str | os.PathLike[str]) -> Document:
    """Reads a process file, and the files its stages link to as sub-processes; every problem
    is a FlowFileError naming the file (a missing or broken linked file is not one: the checks
    report it, see Document.link_problems)."""
    name = os.fspath(path)
    return _load(name, (os.path.realpath(name),))


def _load(name: str, chain: tuple[str, ...],
          before_parsing: Callable[[bytes], None] | None = None) -> Document:
    """`before_parsing` sees the file's bytes first and may refuse them (the editor's size)."""
    try:
        # Opened without waiting (a FIFO would block until a writer comes), then asked what it
        # is: only a regular file is read, and what the name meant cannot change in between.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            refusal = _not_a_file(info.st_mode)
            if refusal is not None:
                raise FlowFileError(name, refusal)
            size = info.st_size
            if size > MAX_FILE_BYTES:
                raise FlowFileError(name, _too_big(size))
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            # read(n) sets aside n bytes first: ask for the size stat gave, not for the limit.
            data = handle.read(size + 1)
            if len(data) > size:  # grown since it was asked: read on up to the limit
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
        if before_parsing is not None:
            before_parsing(data)
    except FileNotFoundError:
        raise FlowFileError(name, _("no such file")) from None
    except IsADirectoryError:
        raise FlowFileError(name, _("this is a folder, not a process file")) from None
    except OSError as error:
        refusal = _refusal_by_name(name) if error.errno == errno.ENXIO else None
        if refusal is not None:  # a socket cannot even be opened
            raise FlowFileError(name, refusal) from None
        if error.errno == errno.ELOOP:
            raise FlowFileError(name, _("cannot read the file: its symbolic links go round in "
                                        "a loop")) from None
        raise FlowFileError(name, _("cannot read the file: {reason}").format(
            reason=error.strerror or error)) from None
    return _loads(data, name, chain)


def _refusal_by_name(name: str) -> str | None:
    try:
        return _not_a_file(os.stat(name).st_mode)
    except OSError:
        return None


def _not_a_file(mode: int) -> str | None:
    """Why a path that is not a regular file is refused before a single byte is read."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("this is a folder, not a process file")
    if stat.S_ISFIFO(mode):
        return _("this is a named pipe (FIFO), not a process file")
    if stat.S_ISSOCK(mode):
        return _("this is a socket, not a process file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("this is a device, not a process file")
    return _("this is not a regular file")


# ---------------------------------------------------------------------- writing
class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    """Multi-line text as readable '|' blocks; everything else as PyYAML would write it."""


class _PythonDumper(yaml.SafeDumper):
    """libyaml escapes characters beyond U+FFFF (emoji) as \U0001F389; PyYAML's own emitter
    writes them as themselves and otherwise gives the same bytes, so it writes such documents."""


_UNICODE_BREAKS = ("\x85", "\u2028", "\u2029")


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if any(mark in text for mark in _UNICODE_BREAKS):
        style = '"'  # escaped as \N, \L, \P: written raw they would read back as line breaks
    elif "\n" in text:
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_text)
_PythonDumper.add_representer(str, _represent_text)
_BEYOND_BMP = re.compile("[\U00010000-\U0010FFFF]")


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def document_to_data(doc: Document) -> dict[str, Any]:
    """The document as plain data in the file's key order, leaving out what is unset."""
    data: dict[str, Any] = {"flowedit": FORMAT_VERSION, "title": doc.title}
    if doc.routing is not Routing.STRAIGHT:  # straight is what a file without the key means
        data["routing"] = doc.routing.value
    process = _process_data(doc, doc.routing)
    del process["title"]
    data.update(process)
    if doc.routes:
        data["routes"] = [_route_data(doc, route) for route in doc.routes]
    return data


def _route_data(doc: Document, route: Route) -> dict[str, Any]:
    """A route's choices still in the process (a deleted arrow's choice is left out)."""
    item: dict[str, Any] = {"name": route.name}
    choices = live_choices(doc, route)
    if choices:
        item["choices"] = [{"at": choice.at, "take": take_text(doc, choice.at, choice.take)}
                           for choice in choices]
    return item


def _process_data(doc: Document, around: Routing) -> dict[str, Any]:
    """Title, lanes, nodes and edges: the whole file but its version and routing, or a nested
    sub-process (its routing written only where it differs from the process `around` it)."""
    data: dict[str, Any] = {"title": doc.title}
    if doc.routing is not around:
        data["routing"] = doc.routing.value
    if doc.lanes:
        data["lanes"] = [_lane_data(lane) for lane in doc.lanes]
    data["nodes"] = [_node_data(node, doc.routing) for node in doc.nodes.values()]
    data["edges"] = [_edge_data(edge) for edge in doc.edges.values()]
    return data


def _lane_data(lane: Lane) -> dict[str, Any]:
    item: dict[str, Any] = {"id": lane.id, "name": lane.name, "height": _number(lane.height)}
    if lane.color is not None:
        item["color"] = lane.color.value
    return item


def _node_data(node: Node, routing: Routing) -> dict[str, Any]:
    item: dict[str, Any] = {"id": node.id, "kind": node.kind.value, "name": node.name}
    if node.lane is not None:
        item["lane"] = node.lane
    item["x"] = _number(node.x)
    item["y"] = _number(node.y)
    for key in ("width", "height"):
        if getattr(node, key) is not None:
            item[key] = _number(getattr(node, key))
    for key in ("owner", "description"):
        if getattr(node, key) is not None:
            item[key] = getattr(node, key)
    if node.duration_days is not None:
        item["duration_days"] = _number(node.duration_days)
    if node.outcome is not None:
        item["outcome"] = node.outcome.value
    if node.color is not None:
        item["color"] = node.color.value
    if node.bold is not None:
        item["bold"] = node.bold
    if node.exit is not None:
        item["exit"] = node.exit
    if node.own_figures is not None:
        item["own_figures"] = node.own_figures
    if node.subprocess is not None:
        item["subprocess"] = node.subprocess
    if node.process is not None:
        item["process"] = _process_data(node.process, routing)
    if node.crm_stage is not None:
        item["crm_stage"] = node.crm_stage
    if node.value is not None:
        item["value"] = _number(node.value)
    if node.measured is not None:
        item["measured"] = _measured_data(node.measured)
    return item


def _measured_data(measured: Measured) -> dict[str, Any]:
    # Dates as dates, so the file shows `from: 2023-01-05` without quotes.
    return {"n": measured.n, "source": measured.source,
            "from": date.fromisoformat(measured.start), "to": date.fromisoformat(measured.end)}


def _edge_data(edge: Edge) -> dict[str, Any]:
    item: dict[str, Any] = {"id": edge.id, "from": edge.source, "to": edge.target}
    if edge.label is not None:
        item["label"] = edge.label
    if edge.probability is not None:
        item["probability"] = _number(edge.probability)
    if edge.points:
        item["points"] = [[_number(x), _number(y)] for x, y in edge.points]
    if edge.label_at is not None:
        item["label_at"] = _number(edge.label_at)
    if edge.measured is not None:
        item["measured"] = _measured_data(edge.measured)
    return item


def dumps_document(doc: Document) -> str:
    """The file text for a document; the same document always gives the same text."""
    data = document_to_data(doc)
    dumper = _PythonDumper if _has_text_beyond_bmp(doc) else _Dumper
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=4096, indent=2)


def _has_text_beyond_bmp(doc: Document) -> bool:
    texts = [doc.title, *(lane.name for lane in doc.lanes)]
    for node in doc.nodes.values():
        texts += (node.name, node.owner or "", node.description or "", node.exit or "",
                  node.subprocess or "", node.crm_stage or "",
                  node.measured.source if node.measured else "")
        if node.process is not None and _has_text_beyond_bmp(node.process):
            return True
    texts += (edge.label or "" for edge in doc.edges.values())
    texts += (route.name for route in doc.routes)
    texts += (edge.measured.source for edge in doc.edges.values() if edge.measured)
    return any(_BEYOND_BMP.search(text) for text in texts if not text.isascii())


def save_document(doc: Document, path: str | os.PathLike[str]) -> None:
    """Writes atomically: a failed save raises FlowSaveError and leaves the old file intact.

    A document the reader would refuse is not written (FlowSaveError says why): flowedit never
    saves a file it cannot open again."""
    write_atomic(Path(path), encoded_document(doc, path))


def encoded_document(doc: Document, path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, or FlowSaveError naming `path` when they are beyond a limit of the
    reader (the counts of lanes, shapes and arrows are kept by the document itself)."""
    values = _value_count(doc)
    if values > MAX_VALUES:
        raise FlowSaveError(path, _("the process holds {count} values and a process file at "
                                    "most {limit}: it could not be opened again. Remove some "
                                    "shapes, arrows or their details").format(
            count=format_number(values, 0), limit=format_number(MAX_VALUES, 0)))
    data = dumps_document(doc).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise FlowSaveError(path, _("the file would be {size} MB and process files are "
                                    "limited to {limit} MiB: it could not be opened again. "
                                    "Shorten some descriptions or split the process").format(
            size=format_number(len(data) / 1e6, 1), limit=MAX_FILE_BYTES // (1024 * 1024)))
    return data


def _value_count(doc: Document) -> int:
    """How many values the reader will count in the file (each mapping, list, key and value)."""
    return _values_in(document_to_data(doc))


def _values_in(data: Any) -> int:
    """Each mapping and list counts one, each key one, each scalar one."""
    if isinstance(data, dict):
        return 1 + sum(1 + _values_in(value) for value in data.values())
    if isinstance(data, list):
        return 1 + sum(_values_in(item) for item in data)
    return 1


def load_for_editor(path: str | os.PathLike[str]) -> Document:
    """load_document, refusing a process too big for the editor to show within its bounds
    (model/limits.py: the command-line tools still take it). A file written in block style
    (as flowedit writes them) is counted from its lines before it is parsed, so a 50,000-stage
    file is refused at once, not after a minute of reading."""
    name = os.fspath(path)

    def count_first(data: bytes) -> None:
        counted = _block_counts(data)
        if counted is not None and not limits.fits_editor(*counted):
            raise _too_big_for_editor(name, *counted)

    doc = _load(name, (os.path.realpath(name),), count_first)
    if not limits.fits_editor(doc.total_nodes(), len(doc.edges)):
        raise _too_big_for_editor(name, doc.total_nodes(), len(doc.edges))
    return doc


def _too_big_for_editor(name: str, nodes: int, edges: int) -> FlowFileError:
    return FlowFileError(name, _(
        "the process has {nodes} shapes and {edges} arrows; the editor opens at most "
        "{max_nodes} shapes and {max_edges} arrows. Check, measure or export it from the "
        "command line (flowedit check / metrics / export)").format(
            nodes=format_number(nodes, 0), edges=format_number(edges, 0),
            max_nodes=format_number(limits.EDITOR_MAX_NODES, 0),
            max_edges=format_number(limits.EDITOR_MAX_EDGES, 0)))


#: A top-level key at the start of a line (`nodes:`), and a list item at a given indentation.
_TOP_KEY = re.compile(rb"^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:", re.MULTILINE)
_FIRST_ITEM = re.compile(rb"^([ ]*)-[ \t\r\n]", re.MULTILINE)


def _block_counts(data: bytes) -> tuple[int, int] | None:
    """The shapes and arrows of a file's top level, counted from its lines without parsing:
    the items of `nodes:` and `edges:` at the indentation of each list's first item (deeper
    lines, a sub-process's shapes among them, are not counted, so the count is never more than
    the parsed one). None when the file does not lay its lists out in block style."""
    keys = list(_TOP_KEY.finditer(data))
    counts = {b"nodes": 0, b"edges": 0}
    for index, key in enumerate(keys):
        name = key.group(1)
        if name not in counts:
            continue
        end = keys[index + 1].start() if index + 1 < len(keys) else len(data)
        first = _FIRST_ITEM.search(data, key.end(), end)
        if first is None:
            if data[key.end():end].strip(b" \t\r\n"):  # e.g. a flow list `[...]`
                return None
            continue
        item = re.compile(rb"^" + first.group(1) + rb"-[ \t\r\n]", re.MULTILINE)
        counts[name] = len(item.findall(data, first.start(), end))
    return counts[b"nodes"], counts[b"edges"]
