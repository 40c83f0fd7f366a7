"""Process files, format v1: YAML in, `Document` out, and back. No Qt here.

docs/file-format.md describes every key. Reading validates everything and raises FlowFileError
naming file, line and column; writing is deterministic (same document, same bytes) and atomic.
"""

from __future__ import annotations

import difflib
import errno
import math
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from flowedit.io.atomic import write_atomic
from flowedit.io.errors import FlowFileError, FlowSaveError, quoted
from flowedit.io.sniff import SNIFF_BYTES, foreign_format
from flowedit.io.yaml_advice import percentage
from flowedit.io.yaml_tree import MAX_VALUES, Mapping, Scalar, Sequence, TreeError, parse
from flowedit.model import Colour, Document, Edge, Lane, ModelError, Node, NodeKind, Outcome
from flowedit.model.elements import (
    MAX_COORDINATE,
    MAX_DURATION_DAYS,
    MAX_ID_LENGTH,
    MAX_SIZE,
    MAX_TEXT_LENGTH,
    OUTCOME_KINDS,
)
from flowedit.model.limits import (
    MAX_EDGES,
    MAX_FILE_BYTES,
    MAX_LANES,
    MAX_NODES,
    editor_refusal,
)

FORMAT_VERSION = 1

DOCUMENT_KEYS = ("flowedit", "title", "lanes", "nodes", "edges")
LANE_KEYS = ("id", "name", "height", "color")
NODE_KEYS = ("id", "kind", "name", "lane", "x", "y", "width", "height", "owner", "description",
             "duration_days", "outcome", "color", "bold")
EDGE_KEYS = ("id", "from", "to", "label", "probability")

_TreeNode = Scalar | Mapping | Sequence


def _close_match(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice `word` was probably meant to be; none for a word far longer than any id (difflib
    would take seconds and hundreds of MB on a megabyte of text)."""
    if len(word) > MAX_ID_LENGTH:
        return None
    matches = difflib.get_close_matches(word, choices, n=1)
    return matches[0] if matches else None


#: What to write for a required key that is missing, after "is missing the key 'x'".
_KEY_HINTS = {
    "x": ": add 'x: NUMBER', the x of the shape's centre",
    "y": ": add 'y: NUMBER', the y of the shape's centre",
    "kind": ": add 'kind:' with one of start | stage | decision | end",
    "id": ": add 'id:' with a short id such as 'stage-1'",
    "from": ": add 'from:' with the id of the node the arrow leaves",
    "to": ": add 'to:' with the id of the node the arrow goes to",
    "flowedit": ": start the file with 'flowedit: 1'",
    "nodes": ": add 'nodes:' with the list of shapes ('nodes: []' for none)",
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
            return f"the edge {quoted(source)} -> {quoted(target)}"
        if source or target:
            return f"the edge {'from' if source else 'to'} {quoted(source or target or '')}"
        return None
    if ident and name:
        return f"the {kind} {quoted(ident)} ({quoted(name)})"
    if ident:
        return f"the {kind} {quoted(ident)}"
    return f"the {kind} named {quoted(name)}" if name else None


def _free_id(ident: str, taken: Callable[[str], bool]) -> str | None:
    """An id like `ident` that is not taken yet, e.g. 'lead-2'; None when it would be too long."""
    number = 2
    while taken(f"{ident}-{number}"):
        number += 1
    free = f"{ident}-{number}"
    return free if len(free) <= MAX_ID_LENGTH else None


class _Reader:
    """Turns the YAML tree into a Document, raising FlowFileError at the first problem."""

    def __init__(self, path: str) -> None:
        self.path = path
        #: Edge ids written in the file: an edge without one must not take one of them.
        self.written_edge_ids: set[str] = set()
        #: The line of each id read so far, by kind of entry: a duplicate says where the first is.
        self.id_lines: dict[str, dict[str, int]] = {"lane": {}, "node": {}, "edge": {}}

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
            raise self.fail(f"{what} must be a mapping of 'key: value' lines", node)
        for key, (key_node, _) in node.items.items():
            if key not in keys:
                hint = _close_match(key, keys)
                suggestion = (f"did you mean {hint!r}?" if hint
                              else f"known keys: {', '.join(keys)}")
                raise self.fail(f"unknown key {quoted(key)} in {what}; {suggestion}", key_node)
        for key in required:
            if key not in node.items:
                entry = _entry_name(node, kind) if kind else None
                raise self.fail(f"{entry or what} is missing the key {key!r}"
                                f"{_KEY_HINTS.get(key, '')}", node)
        return node.items

    def sequence(self, node: _TreeNode, what: str, limit: int) -> list[_TreeNode]:
        if isinstance(node, Scalar) and node.tag.endswith(":null"):
            return []
        if not isinstance(node, Sequence):
            raise self.fail(f"{what} must be a list (lines starting with '- ')", node)
        if len(node.items) > limit:
            raise self.fail(f"{what} has {len(node.items):,} entries; the limit is {limit:,}", node)
        return node.items

    def scalar(self, node: _TreeNode, what: str) -> Scalar:
        if not isinstance(node, Scalar):
            raise self.fail(f"{what} must be a single value, not a list or mapping", node)
        return node

    def text(self, node: _TreeNode, what: str, optional: bool = True) -> str | None:
        """Any scalar as the text it was written as, so `label: Yes` means 'Yes', not true."""
        scalar = self.scalar(node, what)
        if scalar.tag.endswith(":null"):
            if optional:
                return None
            raise self.fail(f"{what} must not be empty; write some text", scalar)
        return scalar.text

    def ident(self, node: _TreeNode, what: str) -> str:
        scalar = self.scalar(node, what)
        if scalar.tag.endswith(":null") and scalar.text in ("", "~"):  # not `null`: quote it
            raise self.fail(f"{what} must not be empty; write an id such as 'stage-1'", scalar)
        if not scalar.tag.endswith(":str"):
            raise self.fail(f"{what} must be text: write it in quotes, e.g. '{scalar.text[:40]}'",
                            scalar)
        return scalar.text

    def number(self, node: _TreeNode, what: str) -> float:
        scalar = self.scalar(node, what)
        value = self.value(scalar)
        if isinstance(value, bool) or not isinstance(value, int | float):
            if scalar.quoted and _reads_as_number(scalar.text):
                raise self.fail(f"{what} must be a number, not text in quotes: write "
                                f"{scalar.text.strip()} without quotes", scalar)
            largest = _LARGEST.get(what, MAX_COORDINATE)
            if _beyond(scalar.text, largest):
                raise self.fail(f"{what} {scalar.text[:40]!r} is far too large: it can be at most "
                                f"{largest:,.0f}", scalar)
            raise self.fail(f"{what} must be a number, not {scalar.text[:40]!r}", scalar)
        try:
            number = float(value)
        except OverflowError:
            raise self.fail(f"{what} is far too large", scalar) from None
        if not math.isfinite(number):
            raise self.fail(f"{what} must be a finite number, not {scalar.text[:40]}", scalar)
        return number

    def value(self, scalar: Scalar) -> object:
        try:
            return scalar.value()
        except TreeError as error:
            raise self.fail(error.problem, scalar) from None

    def choice(self, node: _TreeNode, what: str,
               enum: type[NodeKind] | type[Outcome] | type[Colour]) -> Any:
        scalar = self.scalar(node, what)
        try:
            return enum(scalar.text)
        except ValueError:
            options = " | ".join(member.value for member in enum)
            raise self.fail(f"unknown {what} {scalar.text[:40]!r}: write one of {options}",
                            scalar) from None

    def colour(self, items: dict[str, tuple[Scalar, _TreeNode]], fields: dict[str, Any]) -> None:
        if "color" in items and self.text(items["color"][1], "color") is not None:
            fields["color"] = self.choice(items["color"][1], "color", Colour)

    def flag(self, node: _TreeNode, what: str) -> bool | None:
        scalar = self.scalar(node, what)
        value = self.value(scalar)
        if value is None or isinstance(value, bool):
            return value
        raise self.fail(f"{what} must be true or false, not {scalar.text[:40]!r}", scalar)

    def duplicate(self, kind: str, ident: str, at: _TreeNode, free: str | None,
                  also: str) -> FlowFileError:
        first = self.id_lines[kind].get(ident)
        where = f" (first on line {first})" if first is not None else ""
        example = f", e.g. {free!r}," if free is not None else ""
        return self.fail(f"the {kind} id {quoted(ident)} is used twice{where}: give this {kind} "
                         f"an id of its own{example} {also}", at)

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
            raise self.fail("the file is empty; a process file starts with 'flowedit: 1'")
        items = self.mapping(root, "the file", DOCUMENT_KEYS, ("flowedit", "nodes"))
        self.version(items["flowedit"][1])
        title = self.text(items["title"][1], "title") if "title" in items else None
        if title is not None and len(title) > MAX_TEXT_LENGTH:
            # The model checks every other text; Document() takes its title unchecked.
            raise self.fail(f"the title is longer than {MAX_TEXT_LENGTH} characters",
                            items["title"][1])
        doc = Document(title or "")
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

    def version(self, node: _TreeNode) -> None:
        scalar = self.scalar(node, "flowedit")
        value = self.value(scalar)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"'flowedit' is the format version, a whole number: write "
                            f"'flowedit: {FORMAT_VERSION}'", scalar)
        if value > FORMAT_VERSION:
            raise self.fail(f"this file uses format {value}, written by a newer flowedit; this "
                            f"version reads format {FORMAT_VERSION}: update flowedit", scalar)
        if value < 1:
            raise self.fail(f"format version {value} does not exist: write "
                            f"'flowedit: {FORMAT_VERSION}'", scalar)

    def lane(self, doc: Document, node: _TreeNode) -> None:
        items = self.mapping(node, "a lane", LANE_KEYS, ("id", "name"), "lane")
        fields: dict[str, Any] = {
            "id": self.ident(items["id"][1], "lane id"),
            "name": self.text(items["name"][1], "lane name", optional=False),
        }
        if "height" in items:
            fields["height"] = self.number(items["height"][1], "lane height")
        self.colour(items, fields)
        lane_id = items["id"][1]
        if doc.has_lane(fields["id"]):
            raise self.duplicate("lane", fields["id"], lane_id,
                                 _free_id(fields["id"], doc.has_lane),
                                 "and change the 'lane' of the nodes meant for it")
        self.id_lines["lane"][fields["id"]] = lane_id.line
        self.checked(lane_id, f"lane {quoted(fields['id'])}",
                     lambda: doc.add_lane(Lane(**fields)))

    def node(self, doc: Document, node: _TreeNode) -> None:
        items = self.mapping(node, "a node", NODE_KEYS, ("id", "kind", "name", "x", "y"),
                             "node")
        id_node = items["id"][1]
        fields: dict[str, Any] = {
            "id": self.ident(id_node, "node id"),
            "kind": self.choice(items["kind"][1], "kind", NodeKind),
            "name": self.text(items["name"][1], "name") or "",
            "x": self.number(items["x"][1], "x"),
            "y": self.number(items["y"][1], "y"),
        }
        if fields["id"] in doc.nodes:
            raise self.duplicate("node", fields["id"], id_node,
                                 _free_id(fields["id"], doc.nodes.__contains__),
                                 "and point the arrows meant for it at the new id")
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
                known = ", ".join(lane.id for lane in doc.lanes[:10]) or "none are listed"
                if len(doc.lanes) > 10:
                    known += ", …"
                raise self.fail(f"there is no lane {quoted(lane)}; add it under 'lanes:' or use "
                                f"one of the lane ids ({known})", lane_node)
            fields["lane"] = lane
        if "outcome" in items:
            outcome_node = items["outcome"][1]
            if self.text(outcome_node, "outcome") is not None:
                fields["outcome"] = self.choice(outcome_node, "outcome", Outcome)
                if fields["kind"] not in OUTCOME_KINDS:
                    raise self.fail("only an end or a stage can have an outcome; remove "
                                    "'outcome' or write 'kind: end' (or 'kind: stage' for a "
                                    "milestone)", outcome_node)
        self.checked(id_node, f"node {quoted(fields['id'])}", lambda: doc.add_node(Node(**fields)))

    def edge(self, doc: Document, node: _TreeNode) -> None:
        items = self.mapping(node, "an edge", EDGE_KEYS, ("from", "to"), "edge")
        ends = {}
        for key in ("from", "to"):
            end_node = items[key][1]
            ends[key] = self.ident(end_node, f"edge '{key}'")
            if ends[key] not in doc.nodes:
                close = _close_match(ends[key], list(doc.nodes))
                hint = f"; did you mean {close!r}?" if close else ""
                raise self.fail(f"the edge {key} {quoted(ends[key])} names no node{hint}",
                                end_node)
        if "id" in items:
            edge_id = self.ident(items["id"][1], "edge id")
            if edge_id in doc.edges:
                raise self.duplicate("edge", edge_id, items["id"][1], self.free_edge_id(doc),
                                     "or leave out its 'id' and flowedit numbers it")
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
                raise self.fail(f"probability is a share, not a percentage: write {share:g} for "
                                f"{probability_node.text.strip()}", probability_node)
            probability = self.number(probability_node, "probability")
            if 2.0 <= probability <= 100.0:
                raise self.fail(f"probability is a share between 0 and 1, not a percentage: "
                                f"write {probability / 100:g} for {probability:g}%",
                                probability_node)
            if not 0.0 <= probability <= 1.0:
                raise self.fail(f"probability must be between 0 and 1 (a share: 0.4 means 40%), "
                                f"not {probability_node.text[:40]}", probability_node)
        self.checked(node, f"edge {quoted(ends['from'])} -> {quoted(ends['to'])}",
                     lambda: doc.add_edge(Edge(edge_id, ends["from"], ends["to"], label,
                                               probability)))


#: The largest value of each number in the file (docs/file-format.md), for the message about
#: a number YAML 1.1 does not read (`1e308`) but which is far beyond it anyway.
_LARGEST = {"x": MAX_COORDINATE, "y": MAX_COORDINATE, "width": MAX_SIZE, "height": MAX_SIZE,
            "lane height": MAX_SIZE * 10, "duration_days": MAX_DURATION_DAYS, "probability": 1.0}


_EXPONENT_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d{1,6}")


def _beyond(text: str, largest: float) -> bool:
    """Whether text that YAML 1.1 does not take as a number (`1e308`: an exponent needs a dot and
    a sign) is one beyond `largest`: then saying it is too large helps more than 'not a number'."""
    if len(text) > 400 or not _EXPONENT_NUMBER.fullmatch(text):
        return False
    return abs(float(text)) > largest


def loads_document(data: bytes | str, path: str | os.PathLike[str] = "<text>") -> Document:
    """Reads a document from file contents; `path` only names it in error messages."""
    name = os.fspath(path)
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise FlowFileError(name, f"the file is {len(data) / 1e6:.1f} MB; process files are "
                                      f"limited to {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        _refuse_foreign(data, name)
        text = _decode(data, name)
    else:
        text = data.removeprefix("\ufeff")
        _refuse_foreign(text[:SNIFF_BYTES].encode("utf-8", "replace"), name)
    try:
        root = parse(text)
    except TreeError as error:
        raise FlowFileError(name, error.problem, error.line, error.column) from None
    except RecursionError:
        raise FlowFileError(name, "values are nested too deeply") from None
    return _Reader(name).document(root)


def _refuse_foreign(start: bytes, name: str) -> None:
    """A diagram or picture of another program, named as such, rather than a YAML error."""
    found = foreign_format(start)
    if found is not None:
        raise FlowFileError(name, f"this looks like {found}, not a flowedit process; flowedit "
                                  "cannot import it yet")


def _decode(data: bytes, name: str) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise FlowFileError(name, "the file is UTF-32 text, not UTF-8; save it as UTF-8 in your "
                                  "editor", 1, 1)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what Windows Notepad calls "Unicode"
        raise FlowFileError(name, "the file is UTF-16 text, not UTF-8; save it as UTF-8 in your "
                                  "editor", 1, 1)
    if b"\x00" in data[:4096]:
        raise FlowFileError(name, "this is a binary file, not a flowedit process (YAML text)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise FlowFileError(name, "the file is not UTF-8 text; save it as UTF-8 in your editor",
                            line, column) from None


def load_document(path: str | os.PathLike[str]) -> Document:
    """Reads a process file; every problem is a FlowFileError naming the file."""
    name = os.fspath(path)
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
                raise FlowFileError(name, f"the file is {size / 1e6:.1f} MB; process files are "
                                          f"limited to {MAX_FILE_BYTES // (1024 * 1024)} MiB")
            if hasattr(os, "set_blocking"):
                os.set_blocking(fd, True)
            # read(n) sets aside n bytes first: ask for the size stat gave, not for the limit.
            data = handle.read(size + 1)
            if len(data) > size:  # grown since it was asked: read on up to the limit
                data += handle.read(MAX_FILE_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise FlowFileError(name, "no such file") from None
    except IsADirectoryError:
        raise FlowFileError(name, "this is a folder, not a process file") from None
    except OSError as error:
        refusal = _refusal_by_name(name) if error.errno == errno.ENXIO else None
        if refusal is not None:  # a socket cannot even be opened
            raise FlowFileError(name, refusal) from None
        if error.errno == errno.ELOOP:
            raise FlowFileError(name, "cannot read the file: its symbolic links go round in a "
                                      "loop") from None
        raise FlowFileError(name, f"cannot read the file: {error.strerror or error}") from None
    return loads_document(data, name)


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
        return "this is a folder, not a process file"
    if stat.S_ISFIFO(mode):
        return "this is a named pipe (FIFO), not a process file"
    if stat.S_ISSOCK(mode):
        return "this is a socket, not a process file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "this is a device, not a process file"
    return "this is not a regular file"


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
    if doc.lanes:
        data["lanes"] = [_lane_data(lane) for lane in doc.lanes]
    data["nodes"] = [_node_data(node) for node in doc.nodes.values()]
    data["edges"] = [_edge_data(edge) for edge in doc.edges.values()]
    return data


def _lane_data(lane: Lane) -> dict[str, Any]:
    item: dict[str, Any] = {"id": lane.id, "name": lane.name, "height": _number(lane.height)}
    if lane.color is not None:
        item["color"] = lane.color.value
    return item


def _node_data(node: Node) -> dict[str, Any]:
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
    return item


def _edge_data(edge: Edge) -> dict[str, Any]:
    item: dict[str, Any] = {"id": edge.id, "from": edge.source, "to": edge.target}
    if edge.label is not None:
        item["label"] = edge.label
    if edge.probability is not None:
        item["probability"] = _number(edge.probability)
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
        texts += (node.name, node.owner or "", node.description or "")
    texts += (edge.label or "" for edge in doc.edges.values())
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
        raise FlowSaveError(path, f"the process holds {values:,} values and a process file at "
                                  f"most {MAX_VALUES:,}: it could not be opened again. Remove "
                                  "some shapes, arrows or their details")
    data = dumps_document(doc).encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise FlowSaveError(path, f"the file would be {len(data) / 1e6:.1f} MB and process files "
                                  f"are limited to {MAX_FILE_BYTES // (1024 * 1024)} MiB: it "
                                  "could not be opened again. Shorten some descriptions or split "
                                  "the process")
    return data


def _value_count(doc: Document) -> int:
    """How many values the reader will count in the file (each mapping, list, key and value)."""
    data = document_to_data(doc)
    count = 1 + 2 * len(data)
    for key in ("lanes", "nodes", "edges"):
        count += sum(1 + 2 * len(item) for item in data.get(key, ()))
    return count


def load_for_editor(path: str | os.PathLike[str]) -> Document:
    """load_document, refusing a process too big for the editor to show within its bounds
    (model/limits.py: the command-line tools still take it)."""
    doc = load_document(path)
    refusal = editor_refusal(len(doc.nodes), len(doc.edges))
    if refusal is not None:
        raise FlowFileError(os.fspath(path), refusal)
    return doc
