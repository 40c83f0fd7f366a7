"""Reads YAML text into a small tree that remembers where each value stood. No Qt here.

Built on PyYAML's event stream (the C parser when present), not on its loader, so that:
- nothing is ever constructed from a tag: only plain YAML scalars, lists and mappings exist;
- anchors and aliases are refused outright, so "billion laughs" documents cannot expand;
- nesting depth and the number of values are bounded while parsing, without recursion;
- duplicate keys, which PyYAML silently drops, are reported with their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from flowedit.i18n import _, format_number
from flowedit.io.errors import quoted
from flowedit.io.yaml_advice import advise

try:
    from yaml import CSafeLoader as _Loader

    _OFFSETS_IN_BYTES = True  # libyaml reports places as offsets into the UTF-8 bytes
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

    _OFFSETS_IN_BYTES = False

MAX_DEPTH = 32
MAX_VALUES = 2_000_000
#: Longest number, yes/no or null value: longer ones are refused before Python converts them
#: (converting a 10-million-digit integer takes minutes when Python's digit limit is off).
MAX_VALUE_CHARS = 1_000

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq", "!",
}


class TreeError(Exception):
    """A problem at a place in the text; lines and columns are 1-based."""

    def __init__(self, problem: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line
        self.column = column


@dataclass(slots=True)
class Scalar:
    text: str
    tag: str  # the resolved YAML tag: str, int, float, bool or null
    line: int
    column: int
    quoted: bool = False  # written in quotes: '"0.6"' is text, and the message says so

    def value(self) -> object:
        """The scalar as YAML means it (number, bool, None or text)."""
        if self.tag == "tag:yaml.org,2002:str":
            return self.text
        if len(self.text) > MAX_VALUE_CHARS:
            raise TreeError(_("{value} is not a valid value: a number is at most {limit} "
                              "characters long").format(value=quoted(self.text),
                                                        limit=format_number(MAX_VALUE_CHARS, 0)),
                            self.line, self.column)
        key = (self.tag, self.text)
        if key in _CONSTRUCTED:
            return _CONSTRUCTED[key]
        try:
            value = _CONSTRUCTOR.construct_object(ScalarNode(self.tag, self.text))
        except (ConstructorError, ValueError, OverflowError, LookupError) as error:
            # LookupError: PyYAML indexes into the text, e.g. `!!bool maybe` or `!!int ''`.
            raise TreeError(_("{value} is not a valid value ({reason})").format(
                value=repr(self.text[:40]), reason=str(error)[:200]), self.line,
                self.column) from None
        if len(self.text) <= 64:
            if len(_CONSTRUCTED) >= _RESOLVED_SIZE:
                _CONSTRUCTED.clear()
            _CONSTRUCTED[key] = value
        return value


@dataclass(slots=True)
class Mapping:
    line: int
    column: int
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)


@dataclass(slots=True)
class Sequence:
    line: int
    column: int
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence

_CONSTRUCTOR = SafeConstructor()
#: Values of short scalars already constructed, by tag and text (coordinates repeat all over a
#: file, and the constructor is slow); numbers, booleans, None and dates, which never change.
_CONSTRUCTED: dict[tuple[str, str], object] = {}
_RESOLVER = Resolver()


def _place(mark: yaml.Mark | None) -> tuple[int, int]:
    if mark is None:
        return (0, 0)
    return (mark.line + 1, mark.column + 1)


def parse(text: str) -> Node | None:
    """The single document in `text` as a tree, or None for an empty file."""
    try:
        # The parser's own get_event, not yaml.parse: no generator between it and _build.
        loader = _Loader(text)
        try:
            return _build(iter(loader.get_event, None))
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = _place(mark)
        problem = error.problem or error.context or _("this is not valid YAML")
        if "nesting depth" in problem:  # libyaml's own limit (1000 levels of '[' or '{')
            raise TreeError(_too_deep(), line or None, column or None) from None
        if "cannot start any token" in problem and _character_at(text, line, column) == "\t":
            problem = _("a tab is used for indentation; indent with spaces")
        context_line, context_column = _place(error.context_mark)
        advice = advise(text, problem, line, column, error.context, context_line or None,
                        context_column or None) if line else None
        if advice is not None:
            raise TreeError(advice.problem, advice.line, advice.column) from None
        raise TreeError(_("not valid YAML: {problem}").format(problem=problem), line or None,
                        column or None) from None
    except yaml.reader.ReaderError as error:
        line, column = _offset_place(text, error.position)
        raise TreeError(_("not valid YAML: character {code} is not allowed ({reason})").format(
            code=f"#x{error.character:04x}", reason=error.reason), line, column) from None
    except UnicodeEncodeError:
        raise TreeError(_("the text holds characters that are not valid Unicode")) from None
    except yaml.YAMLError as error:
        raise TreeError(_("not valid YAML: {problem}").format(problem=error)) from None


def _too_deep() -> str:
    return _("values are nested more than {depth} levels deep").format(depth=MAX_DEPTH)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _character_at(text: str, line: int, column: int) -> str:
    """The character at a 1-based place, or '' (found without splitting a 20 MB text)."""
    start = 0
    if line > 1:
        for number, found in enumerate(_LINE_BREAK.finditer(text), start=2):
            if number == line:
                start = found.end()
                break
        else:
            return ""
    return text[start + column - 1:start + column] if column >= 1 else ""


def _offset_place(text: str, offset: int) -> tuple[int, int]:
    """Line and column of a reader error, which libyaml gives as an offset, not a mark."""
    if _OFFSETS_IN_BYTES:
        text = text.encode("utf-8")[:offset].decode("utf-8", "replace")
    before = text[:offset]
    return (before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)


def _build(events: object) -> Node | None:
    stack: list[Mapping | Sequence] = []
    pending_keys: list[Scalar | None] = []
    root: Node | None = None
    documents = 0
    count = 0
    scalar_event = yaml.ScalarEvent
    for event in events:  # type: ignore[attr-defined]
        if event.__class__ is scalar_event and event.anchor is None:
            # The common case first, with the same checks in the same order as below.
            mark = event.start_mark
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
            count += 1
            if count > MAX_VALUES:
                raise TreeError(_("the file holds more than {limit} values").format(
                    limit=format_number(MAX_VALUES, 0)), line, column)
            tag = event.tag
            if tag is not None and tag not in _STANDARD_TAGS:
                raise TreeError(_("the tag {tag} is not allowed: a process file holds only plain "
                                  "text, numbers, lists and mappings").format(tag=quoted(tag, 80)),
                                line, column)
            node = _scalar(event, line, column)
            if not stack:
                root = node
            else:
                _attach(node, stack, pending_keys)
            continue
        line, column = _place(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise TreeError(_("a process file holds one YAML document; remove the second "
                                  "'---'"), line, column)
            continue
        if isinstance(event, yaml.AliasEvent):
            raise TreeError(_("aliases ('*name') are not allowed in a process file: write the "
                              "value out in full"), line, column)
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise TreeError(_("anchors ('&name') are not allowed in a process file: remove "
                              "'&{anchor}'").format(anchor=event.anchor[:40]), line, column)
        if isinstance(event, (yaml.CollectionEndEvent)):
            done = stack.pop()
            pending_keys.pop()
            _attach(done, stack, pending_keys)
            if not stack:
                root = done
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        count += 1
        if count > MAX_VALUES:
            raise TreeError(_("the file holds more than {limit} values").format(
                limit=format_number(MAX_VALUES, 0)), line, column)
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS:
            raise TreeError(_("the tag {tag} is not allowed: a process file holds only plain "
                              "text, numbers, lists and mappings").format(tag=quoted(tag, 80)),
                            line, column)
        if isinstance(event, yaml.ScalarEvent):
            node: Node = _scalar(event, line, column)
            if not stack:
                root = node
            else:
                _attach(node, stack, pending_keys)
            continue
        if len(stack) >= MAX_DEPTH:
            raise TreeError(_too_deep(), line, column)
        if isinstance(event, yaml.MappingStartEvent):
            stack.append(Mapping(line, column))
        else:
            stack.append(Sequence(line, column))
        pending_keys.append(None)
    return root


#: Tags of plain scalars already resolved (kinds, lanes, coordinates repeat): resolving runs a
#: list of regular expressions per value. Short values only, cleared when full: it stays small.
_RESOLVED: dict[str, str] = {}
_RESOLVED_SIZE = 4096


def _scalar(event: yaml.ScalarEvent, line: int, column: int) -> Scalar:
    if event.tag not in (None, "!"):
        tag = event.tag
    elif event.implicit[0]:
        tag = _RESOLVED.get(event.value)
        if tag is None:
            tag = _RESOLVER.resolve(ScalarNode, event.value, (True, False))
            if len(event.value) <= 64:
                if len(_RESOLVED) >= _RESOLVED_SIZE:
                    _RESOLVED.clear()
                _RESOLVED[event.value] = tag
    else:
        tag = "tag:yaml.org,2002:str"
    return Scalar(event.value, tag, line, column, event.style in ("'", '"'))


def _attach(node: Node, stack: list[Mapping | Sequence], pending_keys: list[Scalar | None]) -> None:
    if not stack:
        return
    parent = stack[-1]
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    key = pending_keys[-1]
    if key is None:
        if not isinstance(node, Scalar):
            raise TreeError(_("a key must be plain text"), node.line, node.column)
        pending_keys[-1] = node
        return
    if key.text in parent.items:
        first = parent.items[key.text][0]
        raise TreeError(_("the key {key} appears twice (first on line {line}); keep one").format(
            key=quoted(key.text), line=first.line), key.line, key.column)
    parent.items[key.text] = (key, node)
    pending_keys[-1] = None
