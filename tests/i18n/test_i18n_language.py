"""Choosing the language: --lang, the environment, and English for anything else, silently."""

from __future__ import annotations

import datetime

import pytest

from flowedit.i18n import (
    _,
    detect_language,
    format_date,
    format_number,
    format_percent,
    ngettext,
    normalize,
    set_language,
)


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "id_ID.UTF-8"}, "id"),
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LC_ALL": "zh_SG.UTF-8", "LANG": "id_ID.UTF-8"}, "zh_CN"),
    ({"LC_MESSAGES": "id_ID", "LANG": "en_US.UTF-8"}, "id"),
    ({"LANGUAGE": "fr:id", "LANG": "en_US.UTF-8"}, "id"),
    ({"LANGUAGE": "", "LC_ALL": "", "LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "zh_TW.UTF-8"}, "en"),  # traditional Chinese is not the simplified catalogue
    ({"LANG": "C"}, "en"),
    ({}, "en"),
])
def test_the_environment_picks_the_language(environ: dict[str, str], expected: str) -> None:
    assert detect_language(environ) == expected


@pytest.mark.parametrize(("code", "expected"), [
    ("zh-Hans-CN", "zh_CN"), ("zh", "zh_CN"), ("id_ID.UTF-8", "id"), ("in", "id"),
    ("en_GB", "en"), ("xx", None), ("", None), ("zh-Hant", None),
])
def test_codes_people_write_are_understood(code: str, expected: str | None) -> None:
    assert normalize(code) == expected


def test_an_unknown_language_falls_back_to_english_without_error() -> None:
    assert set_language("tlh") == "en"
    assert _("the process file") == "the process file"


def test_switching_language_translates_at_once() -> None:
    set_language("id")
    assert _("the process file") == "berkas proses"
    set_language("zh_CN")
    assert _("the process file") == "流程文件"
    set_language("en")
    assert _("the process file") == "the process file"


def test_plural_forms_follow_the_catalogue() -> None:
    assert ngettext("expected %s argument", "expected %s arguments", 2) == "expected %s arguments"
    set_language("id")
    assert ngettext("expected %s argument", "expected %s arguments", 2) == "diperlukan %s argumen"


@pytest.mark.parametrize(("language", "number", "percent", "date"), [
    ("en", "1,234.5", "37.5%", "2024-12-01"),
    ("id", "1.234,5", "37,5%", "1 Des 2024"),
    ("zh_CN", "1,234.5", "37.5%", "2024年12月1日"),
])
def test_numbers_and_dates_are_written_the_readers_way(
        language: str, number: str, percent: str, date: str) -> None:
    set_language(language)
    assert format_number(1234.5) == number
    assert format_percent(0.375) == percent
    assert format_date(datetime.date(2024, 12, 1)) == date


def test_without_variables_the_desktop_setting_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows and macOS carry the user's language in their settings, not in LANG."""
    import flowedit.i18n as i18n

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(i18n, "_system_locale", lambda: "id_ID")
    assert detect_language() == "id"
    monkeypatch.setattr(i18n, "_system_locale", lambda: None)
    assert detect_language() == "en"
