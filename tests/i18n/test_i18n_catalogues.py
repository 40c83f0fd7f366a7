"""Every message the program marks has a translation in every catalogue, with the same
placeholders, and the catalogues are the files the program reads (no compile step to forget)."""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flowedit.i18n import LOCALE_DIR, parse_po, po_entries

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import extract_messages  # noqa: E402

LANGUAGES = ["id", "zh_CN"]
#: Chinese entries that may stay Latin: units, ids and placeholders only.
ZH_LATIN_ALLOWED = {"the dpi", "{name} ({kind}, id {id})", "{name} (id {id})",
                    "id {old} → {new}", "'{name}'",
                    # Placeholders and punctuation only (Chinese: full-width colon, quotes).
                    "{kind}: {name}", "{name}: {branches}", "{kind} “{name}”"}
_BRACE = re.compile(r"\{([^{}]*)\}")
_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0 +]*\d*(?:\.\d+)?([sdrifgx%])")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _po(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / "flowedit.po"


def _placeholders(text: str) -> list[str]:
    braces = sorted(_BRACE.findall(text))
    percents = sorted(f"{name}:{kind}" for name, kind in _PERCENT.findall(text) if kind != "%")
    return braces + percents


def test_the_template_lists_every_marked_message() -> None:
    """Fails when a message was marked (or changed) without running the extraction."""
    assert extract_messages.main(["--check"]) == 0, (
        "run: python tools/extract_messages.py, then translate the new entries")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_message_is_translated(language: str) -> None:
    marked = extract_messages.collect()
    entries = {e.msgid: e for e in po_entries(_po(language).read_text(encoding="utf-8"))}
    untranslated = [m for m in marked if m not in entries or entries[m].fuzzy
                    or not all(entries[m].msgstr) or entries[m].msgstr == [""]]
    assert not untranslated, f"{language}: {len(untranslated)} untranslated: {untranslated[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder(language: str) -> None:
    wrong = []
    for entry in po_entries(_po(language).read_text(encoding="utf-8")):
        if not entry.msgid:
            continue
        for form in entry.msgstr:
            expected = _placeholders(entry.msgid)
            if entry.plural is not None and not expected:
                expected = _placeholders(entry.plural)
            if _placeholders(form) != expected:
                wrong.append((entry.msgid, form))
    assert not wrong, f"{language}: placeholders dropped or renamed: {wrong[:5]}"


def test_no_chinese_entry_is_left_in_english() -> None:
    left = [e.msgid for e in po_entries(_po("zh_CN").read_text(encoding="utf-8"))
            if e.msgid and e.msgid not in ZH_LATIN_ALLOWED
            and not any(_CJK.search(form) for form in e.msgstr)]
    assert not left, f"Chinese entries still in English: {left[:5]}"


def test_a_placeholder_check_that_can_fail() -> None:
    """The placeholder comparison sees a renamed placeholder and a dropped one."""
    assert _placeholders("{node} add up to {total}") != _placeholders("{node} berjumlah {jumlah}")
    assert _placeholders("argument %(name)s: %(message)s") != _placeholders("argumen %(name)s")


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_run_time_reader_agrees_with_msgfmt(language: str, tmp_path: Path) -> None:
    """flowedit reads the .po itself; GNU msgfmt (which also checks the format strings) compiles
    the same file to the same messages."""
    mo = tmp_path / "flowedit.mo"
    result = subprocess.run(["msgfmt", "--check", "-o", str(mo), str(_po(language))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    ours = parse_po(_po(language).read_text(encoding="utf-8"), language)
    for msgid, text in ours.messages.items():
        assert compiled.gettext(msgid) == text
    for msgid, forms in ours.plurals.items():
        assert compiled.ngettext(msgid, msgid + "s", 5) == forms[ours.plural_index(5)]
    assert len(ours.messages) + len(ours.plurals) == len(extract_messages.collect())


#: Words GLOSSARY.md marks as mistranslations (✗) or bad style, per language.
AVOIDED = {
    "zh_CN": ["领导", "结束语", "销售渠道", "勘探", "预售", "沥青", "平均票价", "入职"],
    "id": ["berlian", "kamu", "Silahkan", "Menyimpan", " anda "],
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_the_glossary_rejects(language: str) -> None:
    found = [(word, e.msgid) for e in po_entries(_po(language).read_text(encoding="utf-8"))
             for form in e.msgstr for word in AVOIDED[language] if word in form]
    assert not found, found
