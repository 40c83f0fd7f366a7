"""Mermaid flowcharts (.mmd, and ```mermaid blocks in Markdown). No Qt here.

Read: node shapes ({} decisions; stadiums and circles are starts or ends by their arrows, a
double circle an end; everything else a stage), links with their text, chains (`a --> b & c`),
subgraphs as lanes (nested ones flattened as 'Outer / Inner'). Styling, classes and `click`
lines are ignored, and a `click` is never run. Mermaid has no positions: shapes are laid out.

Write: `flowchart LR` with one subgraph per lane; flowedit's own fields ride in `%% flowedit`
comment lines, which Mermaid ignores and a re-import reads back.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re

from flowedit.i18n import _
from flowedit.io.errors import FlowFileError
from flowedit.io.formats._common import Builder, ImportResult, RawEdge, RawLane, RawNode, read_input
from flowedit.io.formats.drawio import choose_page
from flowedit.model.document import Document
from flowedit.model.elements import NodeKind, Outcome

_HEADER = re.compile(r"^\s*(flowchart|graph|flowchart-elk)\b\s*(\w+)?", re.IGNORECASE)
_OTHER_DIAGRAM = re.compile(r"^\s*(sequenceDiagram|classDiagram|stateDiagram(-v2)?|erDiagram|"
                            r"gantt|pie|journey|gitGraph|mindmap|timeline|quadrantChart|"
                            r"requirementDiagram|C4\w*|sankey(-beta)?|xychart(-beta)?|block(-beta)?"
                            r"|packet(-beta)?|architecture(-beta)?|kanban)\b")
_ID = re.compile(r"[A-Za-z0-9_$\u00c0-\uffff]+(?:[.-][A-Za-z0-9_$\u00c0-\uffff]+)*")
#: Shape openers, longest first, with their closers and what they mean.
_SHAPES = [
    ("(((", ")))", "double-circle"), ("((", "))", "circle"), ("([", "])", "stadium"),
    ("[[", "]]", "subroutine"), ("[(", ")]", "cylinder"), ("{{", "}}", "hexagon"),
    ("[/", "/]", "parallelogram"), ("[/", "\\]", "trapezoid"), ("[\\", "\\]", "parallelogram"),
    ("[\\", "/]", "trapezoid"), ("(", ")", "round"), ("[", "]", "rect"), ("{", "}", "rhombus"),
    (">", "]", "flag"),
]
_ROUND_SHAPES = {"circle", "stadium", "circ", "sm-circ", "small-circle", "start", "pill",
                 "terminal", "rounded"}
_END_SHAPES = {"double-circle", "dbl-circ", "stop", "fr-circ",
               "framed-circle", "f-circ", "filled-circle", "junction"}
_DECISION_SHAPES = {"rhombus", "diam", "diamond", "decision", "question"}
_LINK_TEXT = re.compile(r"(--|==|-\.)\s*(?!-|>|=|\.)(.*?)\s*(-{2,}>|-{3,}|={2,}>|={3,}|\.-+>|\.-+)"
                        r"(?=\s|[A-Za-z0-9_\"])", re.DOTALL)
_LINK = re.compile(r"(<|o(?=-|=)|x(?=-|=))?(-{2,}|={2,}|-\.+-|~{3,})(>|o(?=\s)|x(?=\s))?")
_KEYWORDS = {"end", "subgraph", "graph", "flowchart", "style", "class", "classdef", "click",
             "default", "direction", "linkstyle", "call", "href"}
_IGNORED_STATEMENTS = ("classDef", "class ", "style ", "linkStyle", "accTitle", "accDescr",
                       "direction ")


def read_mermaid(source: str | os.PathLike[str] | bytes, page: int | str | None = None,
                 name: str | None = None) -> ImportResult:
    data, name = read_input(source, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FlowFileError(name, _("the file is not UTF-8 text"), line) from None
    pages: list[str] = []
    if name.lower().endswith((".md", ".markdown")) or ("```mermaid" in text and not \
            _HEADER.match(_strip_front(text)[0])):
        blocks = _fenced_blocks(text)
        if not blocks:
            raise FlowFileError(name, _("the Markdown file has no ```mermaid block"))
        flow = [(line, body) for line, body in blocks if _HEADER.match(_strip_front(body)[0])]
        if not flow:
            raise FlowFileError(name, _("none of the ```mermaid blocks is a flowchart"))
        pages = [_("block at line {line}").format(line=line) for line, _body in flow]
        index = choose_page(pages, page, name)
        offset, text = flow[index]
    else:
        offset = 0
    builder = Builder(name, os.path.splitext(os.path.basename(name))[0])
    _Parser(builder, name, offset).parse(text)
    if len(pages) > 1:
        builder.warn(_("the file has {count} flowchart blocks; the {page} was imported").format(
            count=len(pages), page=pages[index]))
    return builder.result(pages if len(pages) > 1 else [],
                          pages[index] if len(pages) > 1 else None)


def _fenced_blocks(text: str) -> list[tuple[int, str]]:
    blocks = []
    lines = text.splitlines()
    at = 0
    while at < len(lines):
        if re.match(r"^\s*(```|~~~)\s*mermaid\s*$", lines[at]):
            fence = lines[at].strip()[:3]
            start = at + 1
            at += 1
            while at < len(lines) and not lines[at].strip().startswith(fence):
                at += 1
            blocks.append((start, "\n".join(lines[start:at])))
        at += 1
    return blocks


def _strip_front(text: str) -> tuple[str, int]:
    """The text without YAML front matter and init directives, and how many lines went."""
    lines = text.splitlines()
    skipped = 0
    while lines and not lines[0].strip():
        lines.pop(0)
        skipped += 1
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() == "---":
                skipped += end + 1
                lines = lines[end + 1:]
                break
    while lines and (not lines[0].strip() or lines[0].strip().startswith("%%")):
        lines.pop(0)
        skipped += 1
    return "\n".join(lines), skipped


class _Parser:
    def __init__(self, builder: Builder, name: str, offset: int) -> None:
        self.builder = builder
        self.name = name
        self.offset = offset
        self.subgraphs: list[tuple[str, str]] = []  # (key, title) open now
        self.subgraph_keys: set[str] = set()
        self.lane_of: dict[str, tuple[tuple[str, str], ...]] = {}
        self.shape_of: dict[str, str] = {}
        self.extras: dict[str, dict[str, object]] = {}
        self.arrow_extras: dict[tuple[str, str], dict[str, object]] = {}
        self.line = 0

    def fail(self, problem: str) -> FlowFileError:
        return FlowFileError(self.name, problem, self.line + self.offset)

    def parse(self, text: str) -> None:
        body, skipped = _strip_front(text)
        title = re.match(r"\s*---\s*\n(?:.*\n)*?\s*title:\s*(.+)\n", text[:4000])
        if title:
            value = title.group(1).strip()
            with contextlib.suppress(ValueError):
                value = json.loads(value) if value.startswith('"') else value
            if isinstance(value, str) and value:
                self.builder.title = value
        self.line = skipped + 1
        first = body.split("\n", 1)[0]
        if not _HEADER.match(first):
            other = _OTHER_DIAGRAM.match(first)
            if other:
                raise self.fail(_("this is a Mermaid {kind}, not a flowchart; only flowcharts "
                                  "can be imported").format(kind=other.group(1)))
            raise self.fail(_("a Mermaid flowchart starts with 'flowchart LR' (or TD, or "
                              "'graph ...'), not {text}").format(text=repr(first.strip()[:40])))
        direction = (_HEADER.match(first).group(2) or "TD").upper()  # type: ignore[union-attr]
        rest = body[len(first):]
        self.line += 0
        for statement, line in _statements(rest, self.line):
            self.line = line
            self.statement(statement)
        if self.subgraphs:
            raise self.fail(_("subgraph {name} has no 'end'").format(
                name=repr(self.subgraphs[-1][1])))
        self.finish(direction)

    def statement(self, text: str) -> None:
        stripped = text.strip()
        if not stripped:
            return
        if stripped.startswith("%%"):
            self.comment(stripped)
            return
        word = stripped.split(None, 1)[0]
        if word == "subgraph":
            self.open_subgraph(stripped[len("subgraph"):].strip())
            return
        if stripped == "end":
            if not self.subgraphs:
                raise self.fail(_("'end' without a subgraph to close"))
            self.subgraphs.pop()
            return
        if word == "click":
            self.builder.drop("click")
            return
        if stripped.startswith(_IGNORED_STATEMENTS) or word in ("classDef", "linkStyle"):
            self.builder.drop("style") if word != "direction" else None
            return
        self.chain(stripped)

    def comment(self, text: str) -> None:
        match = re.match(r"%%\s*flowedit-(stage|arrow)\s+(\S+)(?:\s+(\S+))?\s+(\{.*\})\s*$", text)
        if not match:
            return
        try:
            values = json.loads(match.group(4))
        except ValueError:
            return
        if not isinstance(values, dict):
            return
        if match.group(1) == "stage":
            self.extras[match.group(2)] = values
        elif match.group(3):
            self.arrow_extras[(match.group(2), match.group(3))] = values

    def open_subgraph(self, rest: str) -> None:
        match = re.match(r'^(' + _ID.pattern + r')\s*\[\s*"?(.*?)"?\s*\]\s*$', rest)
        if match:
            key, title = match.group(1), match.group(2)
        elif rest.startswith('"'):
            title = rest.strip('"')
            key = title
        else:
            key = title = rest or f"subgraph{len(self.subgraph_keys) + 1}"
        title = _label(title)
        self.subgraphs.append((key, title))
        self.subgraph_keys.add(key)

    def chain(self, text: str) -> None:
        at = 0
        groups: list[list[str]] = []
        links: list[tuple[str | None, str]] = []
        while True:
            group, at = self.node_group(text, at)
            groups.append(group)
            at = _skip_space(text, at)
            if at >= len(text):
                break
            link, at = self.link(text, at)
            if link is None:
                raise self.fail(_("cannot read {text}: expected an arrow such as '-->' or the "
                                  "end of the line").format(text=repr(text[at:at + 30])))
            links.append(link)
        for (label, style), sources, targets in zip(links, groups, groups[1:], strict=False):
            for source in sources:
                for target in targets:
                    if style == "invisible":
                        self.builder.drop("invisible")
                        continue
                    if style == "both":
                        self.builder.change("two-way")
                    self.builder.add_edge(RawEdge(f"{source}-{target}", source, target, label))

    def node_group(self, text: str, at: int) -> tuple[list[str], int]:
        nodes = []
        while True:
            key, at = self.node(text, at)
            nodes.append(key)
            ahead = _skip_space(text, at)
            if ahead < len(text) and text[ahead] == "&":
                at = ahead + 1
                continue
            return nodes, at

    def node(self, text: str, at: int) -> tuple[str, int]:
        at = _skip_space(text, at)
        match = _ID.match(text, at)
        if not match:
            raise self.fail(_("expected a shape's id at {text}").format(
                text=repr(text[at:at + 30])))
        key = match.group(0)
        at = match.end()
        # An id that ends in '-' or '.' when an arrow follows: give those back to the arrow.
        shape, label = None, None
        if text.startswith("@{", at):
            close = text.find("}", at)
            if close < 0:
                raise self.fail(_("a shape written with '@{' is not closed"))
            shape, label = _new_syntax(text[at + 2:close])
            at = close + 1
        else:
            for opener, closer, name in _SHAPES:
                if text.startswith(opener, at):
                    body_start = at + len(opener)
                    if text.startswith('"', body_start):
                        end_quote = text.find('"', body_start + 1)
                        if end_quote >= 0 and text.startswith(closer, end_quote + 1):
                            label = text[body_start + 1:end_quote]
                            at = end_quote + 1 + len(closer)
                            shape = name
                            break
                    end = text.find(closer, body_start)
                    if end < 0:
                        continue
                    label = text[body_start:end]
                    at = end + len(closer)
                    shape = name
                    break
        if text.startswith(":::", at):
            match = re.compile(r"[\w-]+").match(text, at + 3)
            at = match.end() if match else at + 3
        self.mention(key, shape, None if label is None else _label(label))
        return key, at

    def mention(self, key: str, shape: str | None, label: str | None) -> None:
        if key in self.subgraph_keys and shape is None:
            self.builder.drop("arrow-to-subgraph")
            return
        node = self.builder.nodes.get(key)
        if node is None:
            node = RawNode(key, None, key)
            self.builder.add_node(node)
            self.shape_of[key] = "rect"
        if shape is not None:
            self.shape_of[key] = shape
            node.name = label if label is not None else key
        if key not in self.lane_of and self.subgraphs:
            self.lane_of[key] = tuple(self.subgraphs)

    def link(self, text: str, at: int) -> tuple[tuple[str | None, str] | None, int]:
        match = _LINK_TEXT.match(text, at)
        label = None
        if match:
            label = _label(match.group(2).strip().strip('"'))
            arrow = match.group(3)
            style = "invisible" if "~" in arrow else "normal"
            at = match.end()
        else:
            match = _LINK.match(text, at)
            if not match:
                return None, at
            style = "invisible" if "~" in match.group(2) else (
                "both" if match.group(1) == "<" and match.group(3) == ">" else "normal")
            at = match.end()
        ahead = _skip_space(text, at)
        if ahead < len(text) and text[ahead] == "|":
            close = text.find("|", ahead + 1)
            if close < 0:
                raise self.fail(_("an arrow's text '|...' has no closing '|'"))
            label = _label(text[ahead + 1:close].strip().strip('"'))
            at = close + 1
        return (label or None, style), at

    def finish(self, direction: str) -> None:
        lanes: dict[tuple[tuple[str, str], ...], str] = {}
        for key, path in self.lane_of.items():
            if key not in self.builder.nodes:
                continue
            if path not in lanes:
                lanes[path] = "-".join(k.removeprefix("lane_") for k, _ in path)
                self.builder.lanes.append(RawLane(lanes[path], " / ".join(t for _, t in path)))
            self.builder.nodes[key].lane = lanes[path]
        for key, node in self.builder.nodes.items():
            shape = self.shape_of.get(key, "rect")
            if shape in _DECISION_SHAPES:
                node.kind = NodeKind.DECISION
            elif shape in _END_SHAPES:
                node.kind = NodeKind.END
            elif shape in _ROUND_SHAPES:
                node.kind = None
            else:
                node.kind = NodeKind.STAGE
            extra = self.extras.get(key)
            if extra:
                _apply(node, extra)
        renamed = {key: str(self.extras[key]["id"]) for key in self.builder.nodes
                   if isinstance(self.extras.get(key, {}).get("id"), str)}
        others = set(self.builder.nodes) - set(renamed)
        if len(set(renamed.values())) != len(renamed) or set(renamed.values()) & others:
            renamed = {}  # ids written by hand that clash: keep Mermaid's own
        if renamed:
            self.builder.nodes = {renamed.get(k, k): n for k, n in self.builder.nodes.items()}
            for node in self.builder.nodes.values():
                node.key = renamed.get(node.key, node.key)
        for edge in self.builder.edges:
            extra = self.arrow_extras.get((edge.source, edge.target))
            if extra and isinstance(extra.get("probability"), int | float):
                edge.probability = float(extra["probability"])  # type: ignore[arg-type]
            edge.source, edge.target = (renamed.get(edge.source, edge.source),
                                        renamed.get(edge.target, edge.target))
        if direction in ("TB", "TD", "BT"):
            self.builder.warn(_("the flowchart ran top to bottom; it was laid out left to "
                                "right"))


def _apply(node: RawNode, extra: dict[str, object]) -> None:
    if extra.get("kind") in {k.value for k in NodeKind}:
        node.kind = NodeKind(str(extra["kind"]))
    for key in ("owner", "description"):
        if isinstance(extra.get(key), str):
            setattr(node, key, extra[key])
    if isinstance(extra.get("duration_days"), int | float):
        node.duration_days = float(extra["duration_days"])  # type: ignore[arg-type]
    if extra.get("outcome") in ("won", "lost"):
        node.outcome = Outcome(str(extra["outcome"]))


def _new_syntax(body: str) -> tuple[str | None, str | None]:
    shape = label = None
    for match in re.finditer(r'(\w+)\s*:\s*("(?:[^"\\]|\\.)*"|[^,]*)', body):
        value = match.group(2).strip().strip('"')
        if match.group(1) == "shape":
            shape = value
        elif match.group(1) == "label":
            label = value
    return shape or "rect", label


def _label(text: str) -> str:
    """Mermaid text as plain text: markdown strings, <br/> and #entity; codes read."""
    text = text.strip()
    if text.startswith("`") and text.endswith("`") and len(text) > 1:
        text = re.sub(r"\*\*(.*?)\*\*|\*(.*?)\*", lambda m: m.group(1) or m.group(2) or "",
                      text[1:-1])
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"#(\w+);", lambda m: html.unescape(
        f"&#{m.group(1)};" if m.group(1).isdigit() else f"&{m.group(1)};"), text)
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] in " \t\r\n":
        at += 1
    return at


def _statements(text: str, first_line: int) -> list[tuple[str, int]]:
    """Statements split at line ends and ';' outside quotes, with their line numbers."""
    out: list[tuple[str, int]] = []
    current: list[str] = []
    line = first_line
    start = line
    quote = False
    for char in text:
        if char == '"':
            quote = not quote
        if (char == "\n" or char == ";") and not quote:
            out.append(("".join(current), start))
            current = []
            if char == "\n":
                line += 1
            start = line
            continue
        if char == "\n":
            line += 1
        current.append(char)
    out.append(("".join(current), start))
    # A '%%' comment runs to the end of its line, ';' included.
    return [(s, n) for s, n in out if s.strip()]


# ----------------------------------------------------------------------- writing
_OPEN = {NodeKind.START: ('(["', '"])'), NodeKind.END: ('((("', '")))'),
         NodeKind.STAGE: ('["', '"]'), NodeKind.DECISION: ('{"', '"}')}


def write_mermaid(doc: Document) -> str:
    ids = _MermaidIds()
    out = ["flowchart LR"]
    if doc.title:
        out.insert(0, f"---\ntitle: {json.dumps(doc.title)}\n---")

    def shape(node_id: str) -> str:
        node = doc.nodes[node_id]
        opener, closer = _OPEN[node.kind]
        return f"{ids.of(node_id)}{opener}{_escape(node.name or ' ')}{closer}"

    for lane in doc.lanes:
        out.append(f'    subgraph {ids.of("lane:" + lane.id)}["{_escape(lane.name)}"]')
        out.extend(f"        {shape(node_id)}" for node_id in doc.nodes_in_lane(lane.id))
        out.append("    end")
    out.extend(f"    {shape(node_id)}" for node_id in doc.nodes_in_lane(None))
    for edge in doc.edges.values():
        label = f'|"{_escape(edge.label)}"|' if edge.label else ""
        out.append(f"    {ids.of(edge.source)} -->{label} {ids.of(edge.target)}")
    for node in doc.nodes.values():
        extra: dict[str, object] = {"id": node.id, "kind": node.kind.value}
        for key in ("owner", "description", "duration_days", "outcome"):
            value = getattr(node, key)
            if value is not None:
                extra[key] = getattr(value, "value", value)
        out.append(f"    %% flowedit-stage {ids.of(node.id)} "
                   f"{json.dumps(extra, ensure_ascii=False).replace(chr(10), ' ')}")
    for edge in doc.edges.values():
        if edge.probability is not None:
            out.append(f"    %% flowedit-arrow {ids.of(edge.source)} {ids.of(edge.target)} "
                       f'{{"probability": {edge.probability:g}}}')
    return "\n".join(out) + "\n"


_ESCAPES = {"#": "#35;", '"': "#quot;", ";": "#59;", "|": "#124;", "<": "#lt;", ">": "#gt;",
            "\n": "<br/>", "`": "#96;"}


def _escape(text: str) -> str:
    return "".join(_ESCAPES.get(char, char) for char in text)


class _MermaidIds:
    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.taken: set[str] = set()

    def of(self, key: str) -> str:
        if key not in self.ids:
            base = re.sub(r"\W+", "_", key.removeprefix("lane:"))
            if key.startswith("lane:"):
                base = "lane_" + base
            if not base or base.lower() in _KEYWORDS or base[0].isdigit():
                base = "n_" + base
            candidate, n = base, 2
            while candidate in self.taken:
                candidate, n = f"{base}_{n}", n + 1
            self.taken.add(candidate)
            self.ids[key] = candidate
        return self.ids[key]
