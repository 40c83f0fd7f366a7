"""Turns the YAML parser's own words into what to do about them. No Qt here.

libyaml says "mapping values are not allowed in this context" for a value with a colon in it and
for a key indented too far alike, and often points at the line *after* the mistake. People who
write process files by hand need "put the value in quotes" or "line 'name' up with 'kind'", on
the line they got wrong. This module looks at the text around the parser's mark to tell those
cases apart; when it cannot, it returns nothing and the parser's words are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flowedit.i18n import _
from flowedit.io.errors import quoted

#: A line as YAML sees it: indentation, an optional list dash, then the content.
_LINE = re.compile(r"(?P<indent>[ \t]*)(?P<dash>-(?=[ \t]|$)[ \t]*)?(?P<content>.*)")
#: A `key: value` content; the key is plain (no quotes, no flow brackets).
_KEY_VALUE = re.compile(r"(?P<key>[^\s:#'\"{}\[\],][^:#{}\[\],]*?):(?:[ \t]+(?P<value>.*))?$")
#: A `key value` content that lacks its colon.
_KEY_WITHOUT_COLON = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]+(?P<value>[^:#\s].*)$")
#: How far above the parser's mark the advice looks for the mistake: enough for any entry of a
#: process file, and bounded so that a hostile file of a million lines costs nothing extra.
LOOK_BACK = 200
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_PERCENT = re.compile(r"[ \t]*(?P<number>\d+(?:\.\d*)?|\.\d+)[ \t]*%[ \t]*$")


@dataclass(frozen=True, slots=True)
class Advice:
    """What to tell the person, and the 1-based place of the mistake."""

    problem: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    text: str

    @property
    def parts(self) -> re.Match[str]:
        match = _LINE.match(self.text)
        assert match is not None  # the pattern matches every string
        return match

    @property
    def indent(self) -> int:
        return len(self.parts["indent"])

    @property
    def has_dash(self) -> bool:
        return self.parts["dash"] is not None

    @property
    def content(self) -> str:
        return _without_comment(self.parts["content"]).rstrip()

    @property
    def content_column(self) -> int:
        """1-based column where the content (after indentation and dash) starts."""
        return self.parts.start("content") + 1

    @property
    def key(self) -> str | None:
        match = _KEY_VALUE.match(self.content)
        return match["key"].strip() if match else None


def _without_comment(content: str) -> str:
    """The content without a trailing `# comment` (a '#' after a space starts one)."""
    found = re.search(r"(^|[ \t])#", content)
    return content[: found.start()] if found else content


def advise(text: str, problem: str, line: int, column: int, context: str | None,
           context_line: int | None, context_column: int | None) -> Advice | None:
    """Advice for a parser error at (line, column), or None to keep the parser's words."""
    if (context == "while scanning a quoted scalar" and "end of stream" in problem
            and context_line is not None and context_column is not None):
        return Advice(_("this quote is never closed: end the value with the same quote mark, "
                        "or remove the quote"), context_line, context_column)
    lines = _Lines(text, line)
    here = lines.get(line)
    if here is None:
        return None
    if "tab" in problem or "cannot start any token" in problem or "indentation" in problem:
        tab = _tab_advice(lines, line, context_line)
        if tab is not None:
            return tab
    if problem == "mapping values are not allowed in this context":
        return _colon_or_indent(lines, here, column)
    if problem == "did not find expected '-' indicator":
        return _misaligned_in_list(lines, here, context_line, context_column)
    if problem == "did not find expected key" and context_line is not None:
        return _misaligned_in_mapping(lines, here, column, context_line, context_column)
    if problem == "could not find expected ':'" and context_line is not None:
        return _missing_colon(lines.get(context_line))
    if problem == "did not find expected <document start>":
        return _indented_top_level(lines, here)
    if problem == "found character that cannot start any token":
        return _bad_first_character(here, column)
    if problem.startswith("did not find expected ',' or") and context_line is not None:
        return _flow_problem(lines, here, column, problem, context_line, context_column)
    return None


class _Lines:
    """The LOOK_BACK lines of the text up to a given line, found without copying or splitting a
    20 MB text."""

    def __init__(self, text: str, last: int) -> None:
        self._first = max(last - LOOK_BACK, 1)
        start = 0
        for _skipped in range(self._first - 1):
            start = text.find("\n", start) + 1
            if start == 0:
                break
        self._lines: list[str] = []
        if start == 0 and self._first > 1:
            return  # the text has fewer lines than the parser's mark says
        for found in _LINE_BREAK.finditer(text, start):
            self._lines.append(text[start:found.start()])
            start = found.end()
            if len(self._lines) == last - self._first + 1:
                return
        self._lines.append(text[start:])

    def get(self, number: int | None) -> _Line | None:
        if number is None or not 0 <= number - self._first < len(self._lines):
            return None
        return _Line(number, self._lines[number - self._first])

    def before(self, number: int) -> _Line | None:
        """The nearest line above `number` with content (not blank, not only a comment)."""
        for earlier in range(number - 1, max(number - LOOK_BACK, 0), -1):
            found = self.get(earlier)
            if found is not None and (found.content or found.has_dash):
                return found
        return None

    def dash_before(self, number: int) -> _Line | None:
        """The nearest line above `number` that is a list item."""
        for earlier in range(number - 1, max(number - LOOK_BACK, 0), -1):
            found = self.get(earlier)
            if found is not None and found.has_dash:
                return found
        return None


def _tab_advice(lines: _Lines, line: int, context_line: int | None) -> Advice | None:
    first = context_line if context_line is not None and context_line < line else line
    for number in range(line, max(first, line - LOOK_BACK) - 1, -1):
        found = lines.get(number)
        if found is not None and "\t" in found.parts["indent"] + (found.parts["dash"] or ""):
            return Advice(_("a tab is used for indentation: indent with spaces (YAML does not "
                            "allow tabs there)"), number, found.text.index("\t") + 1)
    return None


def _describe(line: _Line) -> str:
    key = line.key
    if key:
        return _("{key} on line {line}").format(key=quoted(key), line=line.number)
    return _("line {line}").format(line=line.number)


def _line_up(key: str, how: str, other: _Line, with_key: str, column: int) -> str:
    """"'name' is indented more than 'id' on line 3: line it up with 'id' (column 5)"."""
    template = (_("{key} is indented more than {other}: line it up with {with_key} (column "
                  "{column})") if how == "more" else
                _("{key} is indented less than {other}: line it up with {with_key} (column "
                  "{column})"))
    return template.format(key=quoted(key), other=_describe(other), with_key=quoted(with_key),
                           column=column)


def _line_up_item(how: str, line: int, column: int) -> str:
    """"this list item is indented more than the one on line 4: line its '-' up with ..."."""
    template = (_("this list item is indented more than the one on line {line}: line its '-' "
                  "up with the '-' there (column {column})") if how == "more" else
                _("this list item is indented less than the one on line {line}: line its '-' "
                  "up with the '-' there (column {column})"))
    return template.format(line=line, column=column)


def _colon_or_indent(lines: _Lines, here: _Line, column: int) -> Advice | None:
    """'mapping values are not allowed': a colon inside a value, or a key indented too far
    (either this one, or the line above it indented too little), or a missing colon above."""
    match = _KEY_VALUE.match(here.content)
    key_colon = here.content_column + len(match["key"]) if match else None
    if match and match["value"] and key_colon is not None and column > key_colon:
        return _quote_the_value(here, match["key"].strip(), match["value"])
    above = lines.before(here.number)
    if above is None:
        return None
    if _dash_without_space(above):
        return _dash_without_space(above)
    if above.key is None and above.content:
        return _missing_colon(above)
    mistake_above = _under_indented_above(lines, here)
    if mistake_above is not None:
        return mistake_above
    if here.key and here.content_column > above.content_column and above.key:
        return Advice(_line_up(here.key, "more", above, above.key, above.content_column),
                      here.number, here.content_column)
    return None


def _under_indented_above(lines: _Lines, here: _Line) -> Advice | None:
    """The line above `here` indented less than the lines on both sides of it: that line is the
    mistake, although the parser only notices at `here`."""
    above = lines.before(here.number)
    further = lines.before(above.number) if above is not None else None
    if (above is None or further is None or not above.key or not further.key
            or above.has_dash or above.content_column >= further.content_column
            or here.content_column != further.content_column):
        return None
    return Advice(_line_up(above.key, "less", further, further.key, further.content_column),
                  above.number, above.content_column)


def _indented_top_level(lines: _Lines, here: _Line) -> Advice | None:
    """The first key of the file indented, the next one not: the first one is the mistake."""
    first = lines.before(here.number)
    while first is not None and lines.before(first.number) is not None:
        first = lines.before(first.number)
    if first is None or not first.key or first.indent == 0 or first.has_dash:
        return None
    return Advice(_("{key} is indented: the keys of the top level start at the left edge "
                    "(column 1)").format(key=quoted(first.key)), first.number,
                  first.content_column)


def _quote_the_value(here: _Line, key: str, value: str) -> Advice:
    value = value.strip()
    mark = "'" if '"' in value and "'" not in value else '"'
    example = f" ({key}: {mark}{value}{mark})" if mark not in value and len(value) <= 60 else ""
    return Advice(_("the colon in the value of {key} makes YAML read another key: put the "
                    "value in quotes").format(key=quoted(key)) + example,
                  here.number, here.content_column + len(here.content) - len(value))


def _misaligned_in_list(lines: _Lines, here: _Line, context_line: int | None,
                        context_column: int | None) -> Advice | None:
    """'did not find expected '-' indicator': a line that is neither a new item of the list
    above nor indented like the keys of its item."""
    if _dash_without_space(here):
        return _dash_without_space(here)
    first_item = lines.get(context_line)
    if here.has_dash and first_item is not None and context_column is not None:
        how = "more" if here.indent + 1 > context_column else "less"
        return Advice(_line_up_item(how, first_item.number, context_column), here.number,
                      here.indent + 1)
    above = lines.before(here.number)
    if here.key and above is not None and above.key:
        return Advice(_line_up(here.key, "less", above, above.key, above.content_column),
                      here.number, here.content_column)
    parent = _key_to_the_left(lines, here)
    if here.key and parent is not None and parent.key:
        return Advice(_line_up(here.key, "more", parent, parent.key, parent.content_column),
                      here.number, here.content_column)
    return None


def _sibling_above(lines: _Lines, here: _Line, column: int | None) -> _Line | None:
    """The nearest key above `here` whose key starts at `column`: the one to line up with."""
    for number in range(here.number - 1, max(here.number - LOOK_BACK, 0), -1):
        line = lines.get(number)
        if line is not None and line.key and line.content_column == column:
            return line
    return None


def _key_to_the_left(lines: _Lines, here: _Line) -> _Line | None:
    """The nearest key above `here` that starts further left, not in a list item."""
    for number in range(here.number - 1, max(here.number - LOOK_BACK, 0), -1):
        line = lines.get(number)
        if (line is not None and not line.has_dash and line.key
                and line.content_column < here.content_column):
            return line
    return None


def _misaligned_in_mapping(lines: _Lines, here: _Line, column: int, context_line: int,
                           context_column: int | None) -> Advice | None:
    """'did not find expected key': a list item indented unlike the items above, a key
    indented unlike its neighbours, or text after a closing quote."""
    if column > here.content_column:
        quote = here.text[column - 2:column - 1]
        if quote in ("'", '"') and quote not in here.text[:column - 2]:
            return _unclosed_quote_above(lines, here, quote)
        value = _KEY_VALUE.match(here.content)
        if value and value["value"] and value["value"][0] in "'\"":
            return Advice(_("there is more text after the closing quote of {key}: put the "
                            "whole value in quotes").format(key=quoted(value["key"])),
                          here.number, column)
        return None
    if here.has_dash:
        item = lines.dash_before(here.number)
        if item is None:
            return None
        how = "more" if here.indent > item.indent else "less"
        return Advice(_line_up_item(how, item.number, item.indent + 1), here.number,
                      here.indent + 1)
    mistake_above = _under_indented_above(lines, here)
    if mistake_above is not None:
        return mistake_above
    owner = _sibling_above(lines, here, context_column) or lines.get(context_line)
    if here.key and owner is not None and owner.key and context_column is not None:
        how = "more" if here.content_column > context_column else "less"
        return Advice(_line_up(here.key, how, owner, owner.key, context_column),
                      here.number, here.content_column)
    return None


def _dash_without_space(line: _Line) -> Advice | None:
    """`-id: fit`: a key named '-id' to YAML, a list item to the person who wrote it."""
    if line.has_dash or not re.match(r"-[A-Za-z_{\[]", line.content):
        return None
    return Advice(_("put a space after '-': write '- {text}'").format(
        text=line.content[1:].lstrip()),
                  line.number, line.content_column)


def _unclosed_quote_above(lines: _Lines, here: _Line, quote: str) -> Advice | None:
    """A quote that closes a value opened on an earlier line: that one was never closed."""
    for number in range(here.number - 1, max(here.number - LOOK_BACK, 0), -1):
        line = lines.get(number)
        if line is not None and line.text.count(quote) % 2 == 1:
            return Advice(_("this quote is never closed: end the value with the same quote "
                            "mark, or remove the quote"), number, line.text.index(quote) + 1)
    return None


def _missing_colon(line: _Line | None) -> Advice | None:
    if line is None:
        return None
    glued = re.match(r"(?P<key>[A-Za-z_][\w-]*):(?P<value>[^\s:].*)$", line.content)
    if glued:
        return Advice(_("put a space after the ':': write '{key}: {value}'").format(
            key=glued["key"], value=glued["value"]),
                      line.number, line.content_column)
    match = _KEY_WITHOUT_COLON.match(line.content)
    if match:
        problem = _("this line has no ':' after its key: write '{key}: {value}'").format(
            key=match["key"], value=match["value"])
    else:
        problem = _("this line needs a ':' between its key and its value ('key: value')")
    return Advice(problem, line.number, line.content_column)


def _bad_first_character(here: _Line, column: int) -> Advice | None:
    character = here.text[column - 1:column]
    if not character or character.isspace():
        return None
    match = _KEY_VALUE.match(here.content)
    example = ""
    if match and match["value"] and '"' not in match["value"]:
        example = f" ({match['key'].strip()}: \"{match['value'].strip()}\")"
    return Advice(_("a value cannot start with {character}: put the value in quotes").format(
        character=repr(character)) + example,
                  here.number, column)


def _flow_problem(lines: _Lines, here: _Line, column: int, problem: str, context_line: int,
                  context_column: int | None) -> Advice | None:
    """An entry in braces or brackets: an unclosed one, or a colon inside a value."""
    closing = problem[-2]
    if here.number > context_line and context_column is not None:
        return Advice(_("the '{opening}' here is never closed: end the entry with '{closing}' "
                        "on the same line").format(opening="{" if closing == "}" else "[",
                                                   closing=closing),
                      context_line, context_column)
    if here.text[column - 1:column] == ":":
        start = max(here.text.rfind(",", 0, column - 1), here.text.rfind("{", 0, column - 1))
        pair = _KEY_VALUE.match(here.text[start + 1:].strip())
        if pair and pair["value"]:
            value = re.split(r"[,}\]]", pair["value"], maxsplit=1)[0].strip()
            return Advice(_("the colon in the value of {key} ends it early: put the value in "
                            "quotes ({example})").format(
                key=quoted(pair["key"].strip()), example=f'{pair["key"].strip()}: "{value}"'),
                          here.number, column)
    return None


def percentage(text: str) -> float | None:
    """The share a percentage such as '40%' stands for (0.4), or None when `text` is not one."""
    match = _PERCENT.match(text)
    return float(match["number"]) / 100 if match else None
