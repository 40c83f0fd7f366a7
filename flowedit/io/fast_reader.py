"""A fast reader for process files laid out the way flowedit writes them (issue 13). No Qt here.

The full reader (io/yaml_tree.py, then flowfile._Reader) composes every value with its line and
column and then validates the tree: about 1 s for 5,000 stages, 10 s for 50,000. The files
flowedit writes are mostly runs of list items whose every line is `key: value` on one line.
This reader cuts such runs apart with a regular expression and str.split, checks each value as
it turns it into a field, and puts the nodes and arrows into the document in one step. An item
that is not that simple (bend points, measured figures, a block of text, a comment, flow style)
is read by the YAML parser on its own.

It never reports a problem. The moment it meets anything it does not fully understand, or
anything the full reader might refuse, it gives up (returns None) and the full reader reads the
file: so every message, with its line and column, still comes from one place, and a file reads
the same whichever reader took it (tests/io/test_fast_file_reader.py compares them on random
documents and random damage). Tabs, lone CRs, document markers, comments between top-level
keys and sub-processes kept in the file all go to the full reader.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import Any

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from flowedit.io import yaml_tree
from flowedit.io.yaml_tree import Mapping, Scalar, Sequence, TreeError
from flowedit.io.yaml_tree import Node as TreeNode
from flowedit.model import Document, Edge, Lane, Measured, Node, NodeKind, Outcome, Routing
from flowedit.model.elements import (
    DATE_PATTERN,
    ID_PATTERN,
    MAX_BEND_POINTS,
    MAX_COORDINATE,
    MAX_DURATION_DAYS,
    MAX_ID_LENGTH,
    MAX_SIZE,
    MAX_TEXT_LENGTH,
    MAX_VALUE,
    MIN_SIZE,
    OUTCOME_KINDS,
    Colour,
    ModelError,
    check_link,
)
from flowedit.model.limits import MAX_EDGES, MAX_FAN, MAX_LANES, MAX_NODES
from flowedit.model.routes import Route, RouteChoice, find_arrow


class _GiveUp(Exception):
    """Anything this reader does not take on: the full reader decides."""


#: Characters libyaml accepts, less the ones that need care (tab, CR, NEL, U+2028/9 line and
#: paragraph separators, a byte order mark inside the text): any other character gives up.
_UNUSUAL_PATTERN = ("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                    "\U00010000-\U0010ffff]")
#: The same for text that is all ASCII (compiling the whole class takes 8 ms).
_UNUSUAL_ASCII = "[^\n\x20-\x7e]"


@functools.cache
def _pattern(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled when first needed, not when the editor starts and imports this."""
    return re.compile(pattern, flags)
#: Document markers and directives, at the start of a line.
_MARKERS = ("\n---", "\n...", "\n%")
#: Lines with nothing to read, blank or only a comment, at the start of the file or of a list
#: (elsewhere they may be part of a text written over several lines, so they are left to the
#: YAML parser, which reads the item holding them).
_LEADING_EMPTY_LINES = r"(?:[ ]*(?:#[^\n]*)?\n)*"
#: Where a block of text (`|`, `>`) may start.
_BLOCK_TEXT = r"[:\-][ ]+[|>]"

# One value on the rest of a line: a one-line plain scalar, or one in quotes (double quotes only
# without escapes), then spaces and an optional comment. A plain scalar never starts with an
# indicator (`- ` only before a non-space), never holds ': ' or ' #' and never ends with ':'.
_PLAIN = (r"""(?:[^ \n'"!&*|>%@`#,\[\]{}?:\-]|-(?=[^ \n]))"""
          r"""(?:[^ \n:]++|:(?=[^ \n])|[ ]++(?=[^ \n#]))*+""")
_VALUE = (r"""(?:[ ]+('(?:[^'\n]|'')*+'|"[^"\\\n]*+"|""" + _PLAIN
          + r"""))?[ ]*(?:[ ]\#[^\n]*)?$""")
_KEY = r"([A-Za-z_]+):"
#: A line at column 0 that is not a list item or a comment: a top-level key.
_TOP_LINE = r"^(?:[^ \n\-#]|-[^ \n])[^\n]*"
_TOP_KEY = _KEY + r"""(?:[ ]+(\[\])[ ]*(?:[ ]\#[^\n]*)?$|""" + _VALUE + ")"
_ITEM_LINES: dict[int, re.Pattern[str]] = {}
#: The lines of a list whose values hold no ': ', no comment and no trailing space.
_SIMPLE_VALUE = (r"""(?:'(?:[^'\n:]|:(?! )|'')*+'|"(?:[^"\\\n:]|:(?! ))*+"|""" + _PLAIN + ")")
_SIMPLE_ITEMS: dict[int, re.Pattern[str]] = {}


def _simple_items(indent: int) -> re.Pattern[str]:
    pattern = _SIMPLE_ITEMS.get(indent)
    if pattern is None:
        pattern = re.compile("(?:" + " " * indent + "(?:- |  )[A-Za-z_]+: " + _SIMPLE_VALUE
                             + "\n)*+")
        _SIMPLE_ITEMS[indent] = pattern
    return pattern


def _item_lines(indent: int) -> re.Pattern[str]:
    """The `key: value` lines of one list item whose `- ` stands at `indent`: the first line
    without its `- `, the others indented two more."""
    pattern = _ITEM_LINES.get(indent)
    if pattern is None:
        pattern = re.compile(r"(?:\A|(?<=\n)" + " " * (indent + 2) + ")" + _KEY + _VALUE,
                             re.MULTILINE)
        _ITEM_LINES[indent] = pattern
    return pattern


_NULL_WORDS = frozenset(("~", "null", "Null", "NULL"))
_BOOLS = {word: True for word in ("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON")}
_BOOLS.update({word: False for word in ("no", "No", "NO", "false", "False", "FALSE", "off",
                                        "Off", "OFF")})
#: Numbers as flowedit writes them, which YAML reads as int or float and Python's float() reads
#: to the same value: no sign but '-', no leading zeros (octal), no '_', no '.5', no ':'.
_NUMBER = r"-?(?:0|[1-9][0-9]{0,15})(?:\.[0-9]{0,20}(?:[eE][-+][0-9]{1,3})?)?"
_RESOLVER = Resolver()
#: First characters of plain scalars that YAML may read as something other than text.
_RESOLVED_STARTS = frozenset(key for key in _RESOLVER.yaml_implicit_resolvers if key)
_STR_TAG = "tag:yaml.org,2002:str"
#: First characters of plain ids that are text whatever follows: the rest of the id is checked
#: with all the others at once (`_IDS`).
_TEXT_ID_STARTS = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_") - _RESOLVED_STARTS
_IDS = "(?:(?:" + ID_PATTERN.pattern + ")\n)*"

_KINDS = {kind.value: kind for kind in NodeKind}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
_COLOURS = {colour.value: colour for colour in Colour}
_ROUTINGS = {routing.value: routing for routing in Routing}

_DOCUMENT_KEYS = frozenset(("flowedit", "title", "routing", "lanes", "nodes", "edges", "routes"))
_LANE_KEYS = frozenset(("id", "name", "height", "color"))
_NODE_KEYS = frozenset(("id", "kind", "name", "lane", "x", "y", "width", "height", "owner",
                        "description", "duration_days", "outcome", "color", "bold", "exit",
                        "own_figures", "crm_stage", "value", "measured", "subprocess"))
_NODE_REQUIRED = frozenset(("id", "kind", "name", "x", "y"))
_EDGE_KEYS = frozenset(("id", "from", "to", "label", "probability", "points", "label_at",
                        "measured"))
_EDGE_REQUIRED = frozenset(("from", "to"))
_MEASURED_KEYS = frozenset(("n", "source", "from", "to"))
_LIST_KEYS = ("lanes", "nodes", "edges", "routes")
_ROUTE_KEYS = frozenset(("name", "choices"))
_CHOICE_KEYS = frozenset(("at", "take"))


def read(text: str, max_lanes: int = MAX_LANES, max_nodes: int = MAX_NODES,
         max_edges: int = MAX_EDGES) -> Document | None:
    """The document in `text` when it is written in the simple layout and the full reader
    would accept it as this same document; None when the full reader must decide. The limits
    are the full reader's (given, so that both always hold a file to the same ones). Stages
    that link to a sub-process file are in `linking(doc)`: the caller reads those files."""
    try:
        return _read(text, (max_lanes, max_nodes, max_edges))
    except (_GiveUp, ModelError):
        return None


def linking(doc: Document) -> list[str]:
    """The stages of a document this reader made that link to a sub-process file."""
    return [node.id for node in doc.nodes.values() if node.subprocess is not None]


def _read(text: str, counts: tuple[int, int, int]) -> Document:
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if not text.endswith("\n"):
        if ("|" in text or ">" in text) and _pattern(_BLOCK_TEXT).search(text):
            raise _GiveUp  # a block of text at the very end keeps no line break
        text += "\n"
    unusual = _pattern(_UNUSUAL_ASCII if text.isascii() else _UNUSUAL_PATTERN)
    if unusual.search(text) or text.startswith(("---", "...", "%")) \
            or any(marker in text for marker in _MARKERS):
        raise _GiveUp
    if text.startswith((" ", "#", "\n")):
        text = text[_pattern(_LEADING_EMPTY_LINES).match(text).end():]  # type: ignore[union-attr]
    lines = text.count("\n")
    if 3 * lines + 10 > yaml_tree.MAX_VALUES:
        raise _GiveUp
    sections = _top_level(text)
    if not _DOCUMENT_KEYS.issuperset(sections) or "flowedit" not in sections \
            or "nodes" not in sections:
        raise _GiveUp
    version = sections["flowedit"]
    if version != "1":
        raise _GiveUp
    title = _text(sections["title"]) if "title" in sections else None
    if title is not None and len(title) > MAX_TEXT_LENGTH:
        raise _GiveUp
    doc = Document(title or "")
    if "routing" in sections:
        routing = _ROUTINGS.get(_choice_text(sections["routing"]))
        if routing is None:
            raise _GiveUp
        doc.set_routing(routing)
    builder = _Builder(doc, *counts)
    builder.build(sections)
    if "routes" in sections:
        builder.routes(sections["routes"])
    parsed = sum(items.parsed_values for items in sections.values() if isinstance(items, _Items))
    if 3 * lines + 10 + parsed > yaml_tree.MAX_VALUES:
        raise _GiveUp
    return doc


def _top_level(text: str) -> dict[str, Any]:
    """Top-level key -> its one-line value (raw, as written), or the list of its items' raw
    `key -> value` mappings."""
    sections: dict[str, Any] = {}
    lines = list(_pattern(_TOP_LINE, re.MULTILINE).finditer(text))
    if not lines or lines[0].start() != 0:
        raise _GiveUp
    for index, line in enumerate(lines):
        found = _pattern(_TOP_KEY).fullmatch(line[0])
        if found is None:
            raise _GiveUp
        key, empty_list, value = found.groups()
        if key in sections:
            raise _GiveUp
        end = lines[index + 1].start() if index + 1 < len(lines) else len(text)
        body = text[line.end() + 1:end]
        if key in _LIST_KEYS:
            if body.startswith((" ", "#", "\n")):
                body = body[_pattern(_LEADING_EMPTY_LINES).match(body).end():]  # type: ignore[union-attr]
            if empty_list is not None:
                if body:
                    raise _GiveUp
                sections[key] = []
            elif value is not None:  # `nodes: ~` is an empty list, with nothing under it
                if body or value not in _NULL_WORDS:
                    raise _GiveUp
                sections[key] = []
            else:
                sections[key] = _Items(body)
        else:
            if empty_list is not None or not _pattern(_LEADING_EMPTY_LINES).fullmatch(body):
                raise _GiveUp  # a value over several lines
            sections[key] = value
    return sections


class _Items:
    """The items of a block list, each a flat mapping of one-line values ('': written empty),
    made one at a time: the records of a 50,000-stage file never exist all at once."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.indent = len(body) - len(body.lstrip(" "))
        self.prefix = " " * self.indent + "- "
        if body and not body.startswith(self.prefix):
            raise _GiveUp
        self.count = body.count("\n" + self.prefix) + 1 if body else 0
        #: Values in the items the YAML parser read (they may hold many on one line).
        self.parsed_values = 0

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[dict[str, Any]]:
        body, indent, prefix = self.body, self.indent, self.prefix
        simple = _simple_items(indent).match
        findall = _item_lines(indent).findall
        separator = "\n" + prefix
        start, end = 0, len(body)
        while start < end:
            # A run of items whose every line is `key: value`, with nothing after the value and
            # no ': ' inside it: splitting at ': ' gives keys and values in turn.
            stop = simple(body, start).end()
            if stop == end:
                item = end
            elif body.startswith(prefix, stop):
                item = stop
            else:
                item = body.rfind(separator, start, stop) + 1 or start
            if item > start:
                flat = body[start + len(prefix):item - 1].replace("\n" + " " * (indent + 2), ": ")
                for chunk in flat.split(separator):
                    parts = chunk.split(": ")
                    pairs = iter(parts)
                    record = dict(zip(pairs, pairs, strict=False))  # odd count: refused below
                    if 2 * len(record) != len(parts):
                        raise _GiveUp  # a key twice
                    yield record
            if item == end:
                return
            # Then one item that is not that simple: a comment, quotes around ': '…, or even a
            # nested value (bend points, measured figures), a block of text, flow style.
            following = body.find(separator, item)
            start = end if following < 0 else following + 1
            chunk = body[item + len(prefix):start - 1]
            found = findall(chunk)
            record = dict(found)
            if len(record) != len(found) or len(found) != chunk.count("\n") + 1:
                record = self.parsed(chunk)  # the YAML parser reads this item alone
            yield record

    def parsed(self, chunk: str) -> dict[str, Any]:
        """One item read by the full YAML parser, as raw values: text the way `_text` reads it,
        a list of pairs for `points`, a mapping for `measured`."""
        lines = chunk.split("\n")
        while len(lines) > 1 and lines[-1].lstrip(" ").startswith("#"):
            lines.pop()  # comments before the next item (they end any value over lines too)
        # Lines of spaces alone are empty lines to YAML, whatever their indentation.
        lines[1:] = ["" if not line.strip(" ") else line for line in lines[1:]]
        inside = " " * (self.indent + 2)
        if any(line and not line.startswith(inside) for line in lines[1:]):
            raise _GiveUp  # a line that might not belong to this item
        try:
            # The item's own line break too: a block of text ending the item keeps it.
            item = [lines[0], *(line[self.indent:] for line in lines[1:])]
            root = yaml_tree.parse("- " + "\n".join(item) + "\n")
        except TreeError:
            raise _GiveUp from None
        if not isinstance(root, Sequence) or len(root.items) != 1 \
                or not isinstance(root.items[0], Mapping):
            raise _GiveUp
        self.parsed_values += _count(root)
        record: dict[str, Any] = {}
        for key, (_key, value) in root.items[0].items.items():
            if key == "points" and isinstance(value, Sequence):
                record[key] = [[_raw(xy) for xy in _pair(pair)] for pair in value.items]
            elif key == "measured" and isinstance(value, Mapping):
                record[key] = _raw_mapping(value)
            elif key == "choices" and isinstance(value, Sequence):
                record[key] = [_raw_mapping(item) for item in value.items]
            else:
                record[key] = _raw(value)
        return record


def _raw_mapping(node: TreeNode) -> dict[str, str]:
    if not isinstance(node, Mapping):
        raise _GiveUp
    return {name: _raw(item) for name, (_name, item) in node.items.items()}


def _pair(node: TreeNode) -> list[TreeNode]:
    if not isinstance(node, Sequence) or len(node.items) != 2:
        raise _GiveUp
    return node.items


def _raw(node: TreeNode) -> str:
    """A parsed value as this reader's raw text: in quotes when YAML reads it as text, as
    written otherwise (a plain number, yes/no, null or date, which `_number` etc. resolve)."""
    if not isinstance(node, Scalar):
        raise _GiveUp
    if node.tag == _STR_TAG:
        return "'" + node.text.replace("'", "''") + "'"
    if node.quoted or node.tag != _RESOLVER.resolve(ScalarNode, node.text, (True, False)):
        raise _GiveUp  # a tag written out, as in `!!int 5.5`
    return node.text


def _count(node: TreeNode) -> int:
    """Values as the full reader counts them (yaml_tree.MAX_VALUES)."""
    if isinstance(node, Mapping):
        return 1 + sum(1 + _count(value) for _key, value in node.items.values())
    if isinstance(node, Sequence):
        return 1 + sum(_count(item) for item in node.items)
    return 1


def _text(raw: str | None) -> str | None:
    """A value read as text, None when it is empty or null (what `_Reader.text` gives)."""
    if not raw:
        return None
    first = raw[0]
    if first == "'":
        return raw[1:-1].replace("''", "'")
    if first == '"':
        return raw[1:-1]
    if raw in _NULL_WORDS:
        return None
    return raw


def _choice_text(raw: str | None) -> str:
    """The text a choice (kind, colour…) is looked up by: the scalar as written."""
    if not raw:
        return ""
    first = raw[0]
    if first == "'":
        return raw[1:-1].replace("''", "'")
    if first == '"':
        return raw[1:-1]
    return raw


def _ident(raw: str | None) -> str:
    """An id: text (a plain one must not read as a number, date, yes/no or null)."""
    if not raw:
        raise _GiveUp
    first = raw[0]
    if first == "'":
        ident = raw[1:-1].replace("''", "'")
    elif first == '"':
        ident = raw[1:-1]
    else:
        if first in _RESOLVED_STARTS and \
                _RESOLVER.resolve(ScalarNode, raw, (True, False)) != _STR_TAG:
            raise _GiveUp
        ident = raw
    if len(ident) > MAX_ID_LENGTH or not ID_PATTERN.fullmatch(ident):
        raise _GiveUp
    return ident


def _long(text: str | None) -> str | None:
    if text is not None and len(text) > MAX_TEXT_LENGTH:
        raise _GiveUp
    return text


def _flag(raw: str | None) -> bool | None:
    if not raw or raw in _NULL_WORDS:
        return None
    value = _BOOLS.get(raw)
    if value is None:
        raise _GiveUp
    return value


class _Builder:
    """Lanes, nodes and edges from raw records, checked as `_Reader` and the model check them.

    Nodes and arrows go into the document at the end, in one step (`Document.adopt`), not one by one
    through `Document.add_node`: each of those tells observers (none yet) and re-checks what
    the records were checked for here already, which took more time than reading the file."""

    def __init__(self, doc: Document, max_lanes: int, max_nodes: int, max_edges: int) -> None:
        self.doc = doc
        self.max_lanes, self.max_nodes, self.max_edges = max_lanes, max_nodes, max_edges
        #: Raw number -> its value: coordinates and sizes repeat all over a file.
        self.numbers: dict[str, float] = {}
        self.lane_ids: set[str] = set()
        self.lanes_by_raw: dict[str, str] = {}
        #: Raw coordinate -> its value, for those within the limits of a coordinate.
        self.coordinates: dict[str, float] = {}
        self.nodes: dict[str, Node] = {}
        self.edges: dict[str, Edge] = {}
        self.edge_items: Iterable[dict[str, str]] = ()
        self.written: set[str] | None = None

    def number(self, raw: str | None, low: float, high: float) -> float:
        value = self.numbers.get(raw)  # type: ignore[arg-type]
        if value is None:
            if not raw or raw == "-0" or not _pattern(_NUMBER).fullmatch(raw):
                raise _GiveUp
            value = float(raw)
            self.numbers[raw] = value
        if not low <= value <= high:
            raise _GiveUp
        return value

    def build(self, sections: dict[str, Any]) -> None:
        lanes = sections.get("lanes", [])
        if len(lanes) > self.max_lanes:
            raise _GiveUp
        for record in lanes:
            self.lane(record)
        records = sections["nodes"]
        if len(records) > self.max_nodes:
            raise _GiveUp
        self.lane_ids = {lane.id for lane in self.doc.lanes}
        #: A lane as written without quotes -> its id (one string shared by all its nodes).
        self.lanes_by_raw = {lane: lane for lane in self.lane_ids if lane not in _NULL_WORDS}
        for record in records:
            self.node(record)
        records = sections.get("edges", [])
        if len(records) > self.max_edges:
            raise _GiveUp
        self.edge_items = records
        out_edges: dict[str, dict[str, None]] = {node_id: {} for node_id in self.nodes}
        in_edges: dict[str, dict[str, None]] = {node_id: {} for node_id in self.nodes}
        for record in records:
            self.edge(record, out_edges, in_edges)
        ids = [*self.nodes, *self.edges]
        if ids and (max(map(len, ids)) > MAX_ID_LENGTH
                    or not _pattern(_IDS).fullmatch("\n".join(ids) + "\n")):
            raise _GiveUp
        self.doc.adopt(self.nodes, self.edges)

    def routes(self, records: _Items | list[dict[str, Any]]) -> None:
        """The saved walks (docs/file-format.md#routes), once every arrow is in."""
        from flowedit.io.flowfile import MAX_ROUTE_CHOICES, MAX_ROUTES  # it imports this

        doc = self.doc
        if len(records) > MAX_ROUTES:
            raise _GiveUp
        for record in records:
            if not _ROUTE_KEYS.issuperset(record) or "name" not in record:
                raise _GiveUp
            written = _text(record["name"])
            if written is None:
                raise _GiveUp
            name = " ".join(written.split())
            if len(name) > MAX_TEXT_LENGTH or any(
                    route.name.casefold() == name.casefold() for route in doc.routes):
                raise _GiveUp
            choices = []
            value = record.get("choices", "")
            if isinstance(value, str):
                if _text(value) is not None:
                    raise _GiveUp
                value = []
            if len(value) > MAX_ROUTE_CHOICES:
                raise _GiveUp
            for choice in value:
                if choice.keys() != _CHOICE_KEYS:
                    raise _GiveUp
                at = _ident(choice["at"])
                take = _text(choice["take"])
                edge = find_arrow(doc, at, take) if at in doc.nodes and take is not None \
                    else None
                if edge is None:
                    raise _GiveUp
                choices.append(RouteChoice(at, edge.id))
            doc.routes.append(Route(name, tuple(choices)))

    def lane(self, record: dict[str, str | None]) -> None:
        if not _LANE_KEYS.issuperset(record) or "id" not in record or "name" not in record:
            raise _GiveUp
        lane_id = _ident(record["id"])
        name = _long(_text(record["name"]))
        if name is None or self.doc.has_lane(lane_id):
            raise _GiveUp
        height = (self.number(record["height"], MIN_SIZE, MAX_SIZE * 10) if "height" in record
                  else 180.0)
        colour = None
        if "color" in record and _text(record["color"]) is not None:
            colour = _COLOURS.get(_choice_text(record["color"]))
            if colour is None:
                raise _GiveUp
        self.doc.add_lane(Lane(lane_id, name, height, colour))

    def node(self, record: dict[str, str | None]) -> None:
        if not _NODE_KEYS.issuperset(record) or not _NODE_REQUIRED.issubset(record):
            raise _GiveUp
        node_id = record["id"]
        if not node_id or node_id[0] not in _TEXT_ID_STARTS:
            node_id = _ident(node_id)
        kind = _KINDS.get(record["kind"]) or _KINDS.get(_choice_text(record["kind"]))
        if kind is None or node_id in self.nodes:
            raise _GiveUp
        # The common case without a call per field: values seen before, plain text.
        coordinates = self.coordinates
        x = coordinates.get(record["x"])
        if x is None:
            x = coordinates[record["x"]] = self.number(record["x"], -MAX_COORDINATE,
                                                       MAX_COORDINATE)
        y = coordinates.get(record["y"])
        if y is None:
            y = coordinates[record["y"]] = self.number(record["y"], -MAX_COORDINATE,
                                                       MAX_COORDINATE)
        raw = record.get("lane")
        lane = self.lanes_by_raw.get(raw)  # type: ignore[arg-type]
        if lane is None:
            lane = _text(raw)
            if lane is not None and lane not in self.lane_ids:
                raise _GiveUp
        name = record["name"]
        if not name or name[0] in "'\"" or name in _NULL_WORDS or len(name) > MAX_TEXT_LENGTH:
            name = _long(_text(name)) or ""
        if len(record) > 6 or lane is None:
            self.nodes[node_id] = Node(node_id, kind, name, x, y, lane,
                                       **self.node_details(record, kind))
        else:
            self.nodes[node_id] = Node(node_id, kind, name, x, y, lane)

    def node_details(self, record: dict[str, str | None], kind: NodeKind) -> dict[str, Any]:
        """Every field but id, kind, name, lane and the position."""
        fields: dict[str, Any] = {}
        for key in ("owner", "description"):
            if key in record:
                fields[key] = _long(_text(record[key]))
        if "color" in record and _text(record["color"]) is not None:
            fields["color"] = _COLOURS.get(_choice_text(record["color"]))
            if fields["color"] is None:
                raise _GiveUp
        if "bold" in record:
            fields["bold"] = _flag(record["bold"])
        if "width" in record:
            fields["width"] = self.number(record["width"], MIN_SIZE, MAX_SIZE)
        if "height" in record:
            fields["height"] = self.number(record["height"], MIN_SIZE, MAX_SIZE)
        if "duration_days" in record:
            fields["duration_days"] = self.number(record["duration_days"], 0.0,
                                                  MAX_DURATION_DAYS)
        if "outcome" in record and _text(record["outcome"]) is not None:
            outcome = _OUTCOMES.get(_choice_text(record["outcome"]))
            if outcome is None or kind not in OUTCOME_KINDS:
                raise _GiveUp
            fields["outcome"] = outcome
        if "exit" in record:
            fields["exit"] = _long(_text(record["exit"]))
            if fields["exit"] is not None and kind is not NodeKind.END:
                raise _GiveUp
        if "own_figures" in record:
            fields["own_figures"] = _flag(record["own_figures"])
        if "crm_stage" in record:
            crm_stage = _long(_text(record["crm_stage"]))
            if crm_stage is not None and (not crm_stage.strip()
                                          or kind not in (NodeKind.STAGE, NodeKind.END)):
                raise _GiveUp
            fields["crm_stage"] = crm_stage
        if "value" in record and _text(record["value"]) is not None:
            if fields.get("outcome") is not Outcome.WON:
                raise _GiveUp
            fields["value"] = self.number(record["value"], 0.0, MAX_VALUE)
        if "measured" in record:
            if kind is not NodeKind.STAGE:
                raise _GiveUp
            fields["measured"] = self.measured(record["measured"])
        if "subprocess" in record:
            link = _long(_text(record["subprocess"]))
            if kind is not NodeKind.STAGE:
                raise _GiveUp
            if link is not None:
                check_link(link)  # a ModelError gives up: the full reader words it
            fields["subprocess"] = link
        return fields

    def measured(self, value: str | dict[str, str]) -> Measured | None:
        """`measured: {n, source, from, to}` (nothing when written empty)."""
        if isinstance(value, str):
            if _text(value) is not None:
                raise _GiveUp
            return None
        if value.keys() != _MEASURED_KEYS:
            raise _GiveUp
        count = self.number(value["n"], 0.0, MAX_COORDINATE * MAX_COORDINATE)
        source = _long(_text(value["source"]))
        start, end = _text(value["from"]), _text(value["to"])
        if not count.is_integer() or not source or start is None or end is None:
            raise _GiveUp
        start, end = start.strip(), end.strip()
        if not DATE_PATTERN.fullmatch(start) or not DATE_PATTERN.fullmatch(end) or start > end:
            raise _GiveUp
        return Measured(int(count), source, start, end)

    def points(self, value: str | list[list[str]]) -> tuple[tuple[float, float], ...]:
        if isinstance(value, str):
            if _text(value) is not None:
                raise _GiveUp
            return ()
        if len(value) > MAX_BEND_POINTS:
            raise _GiveUp
        number = self.number
        return tuple((number(x, -MAX_COORDINATE, MAX_COORDINATE),
                      number(y, -MAX_COORDINATE, MAX_COORDINATE)) for x, y in value)

    def edge(self, record: dict[str, str | None],
             out_edges: dict[str, dict[str, None]], in_edges: dict[str, dict[str, None]]) -> None:
        if not _EDGE_KEYS.issuperset(record) or not _EDGE_REQUIRED.issubset(record):
            raise _GiveUp
        edges = self.edges
        source = record["from"]
        if not source or source[0] not in _TEXT_ID_STARTS:
            source = _ident(source)
        target = record["to"]
        if not target or target[0] not in _TEXT_ID_STARTS:
            target = _ident(target)
        outs = out_edges.get(source)
        ins = in_edges.get(target)
        if outs is None or ins is None or len(outs) >= MAX_FAN or len(ins) >= MAX_FAN:
            raise _GiveUp  # no such node, or more arrows than the limit
        if source == target and self.nodes[source].kind is not NodeKind.STAGE:
            raise _GiveUp
        if "id" in record:
            edge_id = record["id"]
            if not edge_id or edge_id[0] not in _TEXT_ID_STARTS:
                edge_id = _ident(edge_id)
            if edge_id in edges:
                raise _GiveUp
        else:
            if self.written is None:  # the ids the file gives: an arrow without one avoids them
                self.written = {_choice_text(item["id"]) for item in self.edge_items
                                if "id" in item}
            written = self.written
            number = len(edges) + 1
            while f"e{number}" in edges or f"e{number}" in written:
                number += 1
            edge_id = f"e{number}"
        if len(record) == 2 + ("id" in record):
            edges[edge_id] = Edge(edge_id, source, target)
        else:
            label = _long(_text(record["label"])) if "label" in record else None
            probability = None
            if "probability" in record:
                probability = self.number(record["probability"], 0.0, 1.0)
            label_at = None
            if "label_at" in record and _text(record["label_at"]) is not None:
                label_at = self.number(record["label_at"], 0.0, 1.0)
            points = self.points(record["points"]) if "points" in record else ()
            measured = self.measured(record["measured"]) if "measured" in record else None
            edges[edge_id] = Edge(edge_id, source, target, label, probability, points, label_at,
                                  measured)
        outs[edge_id] = None
        ins[edge_id] = None
