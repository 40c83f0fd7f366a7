"""The language flowedit speaks: translated messages, numbers and dates written the reader's way.

The bottom layer: no Qt, no other flowedit module, so the model, io, analysis, render, ui and cli
all use the same `_()`. Catalogues are gettext `.po` files under flowedit/locale/, read at run time
by the small parser below (about 1 ms for a full catalogue), so a fresh clone or a plain
`pip install` shows the translations with no compile step and no `.mo` to keep in sync
(docs/translating.md).

English is the source language and needs no catalogue. Until an entry point calls
`set_language`, everything is English, so library code and tests never depend on the machine's
locale. An unknown or missing language falls back to English without an error.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    import datetime as _dt

#: Where the catalogues live: LOCALE_DIR/<code>/LC_MESSAGES/flowedit.po.
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "flowedit"
SOURCE_LANGUAGE = "en"

#: Names people and systems give a language -> the catalogue that serves it. Traditional Chinese
#: (zh_TW, zh-Hant) is not simplified Chinese: it falls back to English until it has its own.
_ALIASES = {"zh": "zh_CN", "zh_hans": "zh_CN", "zh_sg": "zh_CN", "zh_cn": "zh_CN",
            "zh_hans_cn": "zh_CN", "in": "id", "id_id": "id", "c": "en", "posix": "en"}


class Catalogue:
    """One language's translations: msgid -> msgstr, and msgid -> the plural forms. (A plain
    class, not a dataclass: every command imports this module, and `dataclasses` alone costs
    `flowedit --help` a quarter of its start-up.)"""

    __slots__ = ("language", "messages", "plural_index", "plurals")

    def __init__(self, language: str, messages: dict[str, str] | None = None,
                 plurals: dict[str, list[str]] | None = None,
                 plural_index: Callable[[int], int] | None = None) -> None:
        self.language = language
        self.messages: dict[str, str] = {} if messages is None else messages
        self.plurals: dict[str, list[str]] = {} if plurals is None else plurals
        self.plural_index: Callable[[int], int] = plural_index or (lambda n: int(n != 1))

    def __repr__(self) -> str:
        return (f"Catalogue(language={self.language!r}, {len(self.messages)} messages, "
                f"{len(self.plurals)} plurals)")

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        forms = self.plurals.get(singular)
        if not forms:
            return singular if n == 1 else plural
        index = self.plural_index(n)
        return forms[index] if 0 <= index < len(forms) and forms[index] else forms[0]


_ENGLISH = Catalogue(SOURCE_LANGUAGE)
_current = _ENGLISH
_cache: dict[str, Catalogue] = {}


# ---- translating -------------------------------------------------------------------------------

def _(message: str) -> str:
    """`message` in the current language (itself when untranslated)."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for the count `n`: ngettext("{n} stage", "{n} stages", n)."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a message for translation without translating it: for module-level constants,
    translated with `_()` where they are shown, so a later change of language reaches them."""
    return message


class LazyText(str):
    """A marked constant that is English as data and translated when turned into text to show.

    `str(text)` and `text.translated()` give the current language; comparisons, hashing and JSON
    see the English source, so codes and keys built from it stay stable."""

    __slots__ = ()

    def translated(self) -> str:
        return _(str.__str__(self))

    def __str__(self) -> str:
        return self.translated()

    def __format__(self, spec: str) -> str:
        return format(self.translated(), spec)


def lazy(message: str) -> LazyText:
    """A LazyText: marked for extraction like `_()`, translated each time it is shown."""
    return LazyText(message)


# ---- choosing the language ---------------------------------------------------------------------

def available_languages() -> list[str]:
    """English and every language with a catalogue, e.g. ['en', 'id', 'zh_CN']."""
    found = sorted(path.parent.parent.name
                   for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return [SOURCE_LANGUAGE, *found]


def normalize(code: str | None) -> str | None:
    """The catalogue name for a locale or language code ('id_ID.UTF-8' -> 'id',
    'zh-Hans-CN' -> 'zh_CN', 'en_GB' -> 'en'), or None when no catalogue serves it."""
    if not code:
        return None
    base = re.split(r"[.@]", code.strip(), maxsplit=1)[0].replace("-", "_")
    if not base:
        return None
    languages = available_languages()
    by_key = {name.lower(): name for name in languages}
    key = base.lower()
    for candidate in (key, _ALIASES.get(key), key.split("_")[0],
                      _ALIASES.get(key.split("_")[0])):
        if candidate and candidate.lower() in by_key and not _traditional(key):
            return by_key[candidate.lower()]
    return None


def _traditional(key: str) -> bool:
    return key.startswith("zh") and any(part in key for part in ("hant", "tw", "hk", "mo"))


def detect_language(environ: Mapping[str, str] | None = None) -> str:
    """The language the system asks for: LANGUAGE, LC_ALL, LC_MESSAGES, LANG (as gettext reads
    them), then the user locale of Windows or macOS; English when none has a catalogue."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        for part in value.split(":"):
            found = normalize(part)
            if found:
                return found
        if name != "LANGUAGE":
            return SOURCE_LANGUAGE  # the first set variable decides, as in gettext
    if environ is None:
        found = normalize(_system_locale())
        if found:
            return found
    return SOURCE_LANGUAGE


def _system_locale() -> str | None:
    """The desktop's own setting where the environment carries none (Windows, macOS)."""
    try:
        if sys.platform == "win32":
            import _locale

            return _locale._getdefaultlocale()[0]  # type: ignore[attr-defined]
        if sys.platform == "darwin":
            import subprocess

            try:
                result = subprocess.run(["defaults", "read", "-g", "AppleLocale"],
                                        capture_output=True, text=True, timeout=2, check=False)
            except subprocess.SubprocessError:
                return None
            return result.stdout.strip() or None
    except (OSError, ValueError, AttributeError):
        return None
    return None


def set_language(code: str | None = None) -> str:
    """Speak `code` from now on ('zh_CN', 'id', 'en', or a locale such as 'id_ID.UTF-8'); None
    detects the system's. Returns the language in use: English when `code` has no catalogue."""
    global _current
    name = detect_language() if code is None else (normalize(code) or SOURCE_LANGUAGE)
    _current = _ENGLISH if name == SOURCE_LANGUAGE else _catalogue(name)
    return _current.language


def current_language() -> str:
    return _current.language


def _catalogue(name: str) -> Catalogue:
    if name not in _cache:
        path = LOCALE_DIR / name / "LC_MESSAGES" / f"{DOMAIN}.po"
        try:
            _cache[name] = parse_po(path.read_text(encoding="utf-8"), name)
        except (OSError, ValueError):
            return _ENGLISH  # a broken or missing catalogue must not stop the program
    return _cache[name]


# ---- reading .po files -------------------------------------------------------------------------

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
            "f": "\f", "v": "\v"}
_ESCAPE = re.compile(r"\\(.)")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")


def _unquote(text: str) -> str:
    if not (len(text) >= 2 and text[0] == '"' and text[-1] == '"'):
        raise ValueError(f"not a quoted string: {text}")
    body = text[1:-1]
    if "\\" not in body:  # most strings: nothing to unescape
        return body
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m[1], m[1]), body)


def parse_po(text: str, language: str = "") -> Catalogue:
    """A Catalogue from the text of a .po file. Fuzzy and untranslated entries are left out (their
    English shows), as msgfmt does; entries with a context (msgctxt) are not used by flowedit."""
    catalogue = Catalogue(language)
    for entry in po_entries(text):
        if entry.fuzzy or entry.context is not None:
            continue
        if entry.msgid == "":
            catalogue.plural_index = _plural_rule(entry.msgstr[0] if entry.msgstr else "")
        elif entry.plural is not None:
            if any(entry.msgstr):
                catalogue.plurals[entry.msgid] = entry.msgstr
        elif entry.msgstr and entry.msgstr[0]:
            catalogue.messages[entry.msgid] = entry.msgstr[0]
    return catalogue


class PoEntry(NamedTuple):
    msgid: str
    plural: str | None
    msgstr: list[str]
    context: str | None = None
    fuzzy: bool = False
    line: int = 0


def po_entries(text: str) -> list[PoEntry]:
    """The entries of a .po file in order (the header is the one with msgid "")."""
    entries: list[PoEntry] = []
    fields: dict[str, str] = {}
    forms: dict[int, str] = {}
    current: tuple[str, int] | None = None
    fuzzy = False
    start = 0

    def close() -> None:
        nonlocal fields, forms, fuzzy
        if "msgid" in fields:
            strings = [forms[i] for i in sorted(forms)] if forms else [fields.get("msgstr", "")]
            entries.append(PoEntry(fields["msgid"], fields.get("msgid_plural"), strings,
                                   fields.get("msgctxt"), fuzzy, start))
        fields, forms, fuzzy = {}, {}, False

    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        first = line[0]  # (one character compared: the editor reads a catalogue as it starts)
        if first == "#":
            if "msgstr" in fields or forms:
                close()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            continue
        if first == '"':
            if current is None:
                raise ValueError(f"line {number}: a string with no keyword before it")
            key, index = current
            if key == "msgstr[]":
                forms[index] += _unquote(line)
            else:
                fields[key] += _unquote(line)
            continue
        match = _KEYWORD.match(line)
        if match is None:
            raise ValueError(f"line {number}: cannot read {line[:40]!r}")
        keyword, index_text, value = match[1], match[2], _unquote(match[3])
        if keyword in ("msgctxt", "msgid") and ("msgstr" in fields or forms):
            close()
        if keyword in ("msgctxt", "msgid") and not fields:
            start = number
        if index_text is not None:
            forms[int(index_text)] = value
            current = ("msgstr[]", int(index_text))
        else:
            fields[keyword] = value
            current = (keyword, 0)
    close()
    return entries


def _plural_rule(header: str) -> Callable[[int], int]:
    found = re.search(r"plural\s*=\s*([^;\n]+)", header)
    if not found:
        return lambda n: int(n != 1)
    import gettext

    try:
        return gettext.c2py(found[1])
    except (ValueError, SyntaxError):
        return lambda n: int(n != 1)


# ---- numbers and dates -------------------------------------------------------------------------

#: Per language: (thousands separator, decimal separator). English and Chinese write 1,000.5;
#: Indonesian 1.000,5 (GLOSSARY.md, "Number formatting").
_SEPARATORS = {"id": (".", ",")}


def _localized(text: str) -> str:
    thousands, decimal = _SEPARATORS.get(_current.language, (",", "."))
    if (thousands, decimal) == (",", "."):
        return text
    return text.translate({ord(","): thousands, ord("."): decimal})


def format_number(value: float, decimals: int = 1, grouping: bool = True) -> str:
    """1,234.5 in English and Chinese, 1.234,5 in Indonesian."""
    return _localized(f"{value:{',' if grouping else ''}.{decimals}f}")


def format_percent(share: float, decimals: int = 1) -> str:
    """A share as a percentage, no space before %: 37.5% (English, Chinese), 37,5% (Indonesian)."""
    return _localized(f"{share:.{decimals}%}")


def format_general(value: float, significant: int | None = None) -> str:
    """A number in its shortest form (Python's :g, or :.{significant}g), with the reader's
    decimal separator."""
    spec = "g" if significant is None else f".{significant}g"
    return _localized(format(value, spec))


#: Month abbreviations of Indonesian (KBBI), for "1 Des 2024".
_ID_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


def format_date(day: _dt.date) -> str:
    """A date the reader's way: 2024-12-01 (English, ISO), 1 Des 2024, 2024年12月1日."""
    if _current.language == "id":
        return f"{day.day} {_ID_MONTHS[day.month - 1]} {day.year}"
    if _current.language == "zh_CN":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def format_time(moment: _dt.time | _dt.datetime) -> str:
    """A time of day: 14:30 (English, Chinese), 14.30 (Indonesian)."""
    separator = "." if _current.language == "id" else ":"
    return f"{moment.hour:02d}{separator}{moment.minute:02d}"
