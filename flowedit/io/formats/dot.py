"""Graphviz DOT: a small reader of the DOT language and a writer with one cluster per lane.
No Qt here, and no Graphviz needed: pydot would bring pyparsing for the same small grammar.

Read: node statements with `label` and `shape` (diamond: decision; circle, doublecircle,
Mdiamond, Msquare, ellipse marked start/end: start or end by its arrows; else stage), edge chains
`a -> b -> c` with `label`, `cluster` subgraphs as lanes, `pos` as positions when present
(otherwise laid out), flowedit's own fields as attributes of the same name.
"""

from __future__ import annotations

import itertools
import os
import re

from flowedit.i18n import _
from flowedit.io.errors import FlowFileError
from flowedit.io.formats._common import (
    Builder,
    ImportResult,
    RawEdge,
    RawLane,
    RawNode,
    nearest_colour,
    number,
    read_input,
)
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind, Outcome

_TOKEN = re.compile(r"""
    (?P<space>\s+|//[^\n]*|/\*.*?\*/|^\#[^\n]*)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<html><)
  | (?P<arrow>->|--)
  | (?P<id>[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*|-?(?:\.\d+|\d+(?:\.\d*)?))
  | (?P<punct>[{}\[\];,=:])
""", re.VERBOSE | re.DOTALL | re.MULTILINE)
_ROUND = {"circle", "doublecircle", "mdiamond", "msquare", "oval", "ellipse", "point",
          "terminator"}
MAX_NESTING = 100


def _tokens(text: str, name: str) -> list[tuple[str, str, int]]:
    out = []
    at = 0
    line = 1
    while at < len(text):
        match = _TOKEN.match(text, at)
        if not match:
            raise FlowFileError(name, _("unexpected {text} in the DOT file").format(
                text=repr(text[at])), line)
        kind = match.lastgroup or ""
        value = match.group(0)
        if kind == "html":  # <...> with nested angle brackets
            depth, end = 0, at
            while end < len(text):
                depth += {"<": 1, ">": -1}.get(text[end], 0)
                end += 1
                if depth == 0:
                    break
            if depth:
                raise FlowFileError(name, _("an HTML label '<...>' is not closed"), line)
            value = text[at:end]
            out.append(("id", re.sub(r"<[^>]*>", " ", value[1:-1]).strip(), line))
            line += value.count("\n")
            at = end
            continue
        if kind == "string":
            out.append(("id", value[1:-1].replace('\\"', '"').replace("\\\n", "")
                        .replace("\\n", "\n").replace("\\l", "\n").replace("\\r", "\n"), line))
        elif kind != "space":
            out.append((kind, value, line))
        line += value.count("\n")
        at = match.end()
    return out


def read_dot(source: str | os.PathLike[str] | bytes, page: int | str | None = None,
             name: str | None = None) -> ImportResult:
    data, name = read_input(source, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FlowFileError(name, _("the DOT file is not UTF-8 text")) from None
    builder = Builder(name, os.path.splitext(os.path.basename(name))[0])
    _Parser(builder, _tokens(text, name), name).parse()
    return builder.result()


class _Parser:
    def __init__(self, builder: Builder, tokens: list[tuple[str, str, int]], name: str) -> None:
        self.builder = builder
        self.tokens = tokens
        self.at = 0
        self.name = name
        self.attrs: dict[str, dict[str, str]] = {}
        self.positions = False
        self.flip = 1.0
        self.undirected = False

    def peek(self, offset: int = 0) -> tuple[str, str, int]:
        index = self.at + offset
        return self.tokens[index] if index < len(self.tokens) else ("eof", "", self.line())

    def line(self) -> int:
        return self.tokens[min(self.at, len(self.tokens) - 1)][2] if self.tokens else 1

    def take(self, value: str | None = None, kind: str | None = None) -> str:
        token = self.peek()
        if (value is not None and token[1] != value) or (kind is not None and token[0] != kind):
            wanted = value or kind
            found = repr(token[1]) if token[1] else _("the end of the file")
            raise FlowFileError(self.name, _("expected {wanted} but found {found}").format(
                wanted=repr(wanted), found=found), token[2])
        self.at += 1
        return token[1]

    def parse(self) -> None:
        if self.peek()[1].lower() == "strict":
            self.take()
        kind = self.take(kind="id").lower()
        if kind not in ("digraph", "graph"):
            raise FlowFileError(self.name, _("a DOT file starts with 'digraph' or 'graph', not "
                                             "{word}").format(word=repr(kind)),
                                self.tokens[0][2] if self.tokens else 1)
        self.undirected = kind == "graph"
        if self.peek()[0] == "id":
            self.builder.title = self.take() or self.builder.title
        self.body({}, {}, None, 0)
        if self.peek()[0] != "eof":
            raise FlowFileError(self.name, _("unexpected {text} after the graph").format(
                text=repr(self.peek()[1])), self.peek()[2])
        for node in self.builder.nodes.values():
            self.finish(node)

    def body(self, node_defaults: dict[str, str], edge_defaults: dict[str, str],
             lane: str | None, depth: int) -> list[str]:
        if depth > MAX_NESTING:
            raise FlowFileError(self.name, _("subgraphs are nested too deeply"), self.line())
        self.take("{")
        node_defaults, edge_defaults = dict(node_defaults), dict(edge_defaults)
        members: list[str] = []
        while self.peek()[1] != "}":
            if self.peek()[0] == "eof":
                raise FlowFileError(self.name, _("a '{' is never closed"), self.line())
            self.statement(node_defaults, edge_defaults, lane, depth, members)
            if self.peek()[1] in (";", ","):
                self.take()
        self.take("}")
        return members

    def attr_list(self) -> dict[str, str]:
        found: dict[str, str] = {}
        while self.peek()[1] == "[":
            self.take("[")
            while self.peek()[1] != "]":
                key = self.take(kind="id")
                value = "true"
                if self.peek()[1] == "=":
                    self.take("=")
                    value = self.take(kind="id")
                found[key] = value
                if self.peek()[1] in (";", ","):
                    self.take()
            self.take("]")
        return found

    def statement(self, node_defaults: dict[str, str], edge_defaults: dict[str, str],
                  lane: str | None, depth: int, members: list[str]) -> None:
        token = self.peek()
        word = token[1].lower() if token[0] == "id" else ""
        if word in ("node", "edge", "graph") and self.peek(1)[1] == "[":
            self.take()
            attrs = self.attr_list()
            (node_defaults if word == "node" else edge_defaults if word == "edge"
             else {}).update(attrs)
            return
        if token[0] == "id" and self.peek(1)[1] == "=":
            key = self.take()
            self.take("=")
            value = self.take(kind="id")
            if key == "label" and lane is not None:
                for raw in self.builder.lanes:
                    if raw.key == lane:
                        raw.name = value
            return
        groups = [self.endpoint(node_defaults, edge_defaults, lane, depth, members)]
        while self.peek()[0] == "arrow":
            self.take()
            groups.append(self.endpoint(node_defaults, edge_defaults, lane, depth, members))
        if len(groups) == 1:
            attrs = self.attr_list()
            if len(groups[0]) == 1 and groups[0][0] in self.attrs:
                self.attrs[groups[0][0]].update(attrs)
            return
        attrs = {**edge_defaults, **self.attr_list()}
        for sources, targets in itertools.pairwise(groups):
            for source in sources:
                for target in targets:
                    if self.undirected:
                        self.builder.change("undirected")
                    self.builder.add_edge(RawEdge(
                        f"{source}-{target}", source, target, attrs.get("label") or
                        attrs.get("xlabel"), number(attrs.get("probability"))))

    def endpoint(self, node_defaults: dict[str, str], edge_defaults: dict[str, str],
                 lane: str | None, depth: int, members: list[str]) -> list[str]:
        token = self.peek()
        if token[1] == "{" or (token[0] == "id" and token[1].lower() == "subgraph"):
            key = None
            if token[1] != "{":
                self.take()
                if self.peek()[0] == "id":
                    key = self.take()
            is_lane = key is not None and key.startswith("cluster") and lane is None
            if is_lane:
                assert key is not None
                key = key.removeprefix("cluster").lstrip("_") or key
                self.builder.lanes.append(RawLane(key, key))
            elif key is not None and key.startswith("cluster"):
                self.builder.change("nested-cluster")
            inner = self.body(node_defaults, edge_defaults, key if is_lane else lane,
                              depth + 1)
            members.extend(inner)
            return inner
        ident = self.take(kind="id")
        if self.peek()[1] == ":":  # a port: a-place on the shape, not kept
            self.take(":")
            self.take(kind="id")
            if self.peek()[1] == ":":
                self.take(":")
                self.take(kind="id")
        if ident not in self.builder.nodes:
            self.builder.add_node(RawNode(ident, NodeKind.STAGE, ident, lane=lane))
            self.attrs[ident] = dict(node_defaults)
        elif lane is not None and self.builder.nodes[ident].lane is None:
            self.builder.nodes[ident].lane = lane
        members.append(ident)
        # A node statement's own attributes (an edge's are read by the caller).
        if self.peek()[1] == "[" and self.peek(1)[0] == "id" and self._is_node_statement():
            self.attrs[ident].update(self.attr_list())
        return [ident]

    def _is_node_statement(self) -> bool:
        """True when the '[...]' ahead closes a statement with no '->' before it."""
        back = self.at - 1
        while back >= 0 and self.tokens[back][1] not in (";", "{", "}", "]"):
            if self.tokens[back][0] == "arrow":
                return False
            back -= 1
        return True

    def finish(self, node: RawNode) -> None:
        attrs = self.attrs.get(node.key, {})
        node.name = attrs.get("label", node.key)
        if node.name == "\\N":
            node.name = node.key
        shape = attrs.get("shape", "ellipse").lower()
        if shape == "diamond":
            node.kind = NodeKind.DECISION
        elif shape in ("circle", "doublecircle", "mdiamond", "msquare", "point"):
            node.kind = NodeKind.END if shape == "doublecircle" else None
        if attrs.get("flowedit_kind") in {k.value for k in NodeKind}:
            node.kind = NodeKind(attrs["flowedit_kind"])
        node.owner = attrs.get("owner") or None
        node.description = attrs.get("description") or None
        node.duration_days = number(attrs.get("duration_days"))
        if attrs.get("outcome") in ("won", "lost"):
            node.outcome = Outcome(attrs["outcome"])
        node.color = nearest_colour(attrs.get("fillcolor"))
        pos = attrs.get("pos")
        if pos and "," in pos:
            x, y = (number(part) for part in pos.rstrip("!").split(",")[:2])
            if x is not None and y is not None:
                node.x, node.y = x * 1.5, -y * 1.5  # points, y up -> flowedit pixels, y down


# ----------------------------------------------------------------------- writing
_SHAPE = {NodeKind.START: "ellipse", NodeKind.END: "doublecircle", NodeKind.STAGE: "box",
          NodeKind.DECISION: "diamond"}


def write_dot(doc: Document) -> str:
    out = [f"digraph {_quote(doc.title or 'process')} {{", "  rankdir=LR;",
           '  node [style="rounded,filled", fillcolor=white];']

    def node_line(node_id: str, indent: str) -> str:
        node = doc.nodes[node_id]
        attrs = {"label": node.name, "shape": _SHAPE[node.kind], "flowedit_kind": node.kind.value}
        for key in ("owner", "description", "duration_days", "outcome"):
            value = getattr(node, key)
            if value is not None:
                attrs[key] = f"{value:g}" if isinstance(value, float) else str(
                    getattr(value, "value", value))
        return f"{indent}{_quote(node_id)} [{_attrs(attrs)}];"

    for lane in doc.lanes:
        out.append(f"  subgraph {_quote(f'cluster_{lane.id}')} {{")
        out.append(f"    label={_quote(lane.name)};")
        out.extend(node_line(n, "    ") for n in doc.nodes_in_lane(lane.id))
        out.append("  }")
    out.extend(node_line(n, "  ") for n in doc.nodes_in_lane(None))
    for edge in doc.edges.values():
        attrs = {}
        if edge.label:
            attrs["label"] = edge.label
        if edge.probability is not None:
            attrs["probability"] = f"{edge.probability:g}"
        tail = f" [{_attrs(attrs)}]" if attrs else ""
        out.append(f"  {_quote(edge.source)} -> {_quote(edge.target)}{tail};")
    out.append("}")
    return "\n".join(out) + "\n"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{key}={_quote(value)}" for key, value in attrs.items())
