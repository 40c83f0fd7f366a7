"""Timestamps as CRM exports write them, to seconds since 1970-01-01 UTC. No Qt here.

ISO 8601 (with or without time, `T` or space, `Z` or an offset), `DD.MM.YYYY`, `YYYY/MM/DD` and
spreadsheet date cells are unambiguous. `A/B/YYYY` is either day/month or month/day: a file
settles it when some date has a number above 12 in one place, and is refused when none does (or
when two dates disagree) — guessing would silently swap days and months.
Naive times are taken as UTC: only differences between them matter here.
"""

from __future__ import annotations

import math
import re
import warnings
from datetime import UTC, date, datetime, timedelta

import numpy as np

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_SLASHED = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?")
_YEAR_FIRST = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")


class DateProblem(ValueError):
    """A value that is no date we can read; the reader adds file, row and column."""


def seconds(moment: datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - _EPOCH).total_seconds()


def _clock(year: int, month: int, day: int, hour: str | None, minute: str | None,
           second: str | None, half: str | None = None) -> float:
    h = int(hour or 0)
    if half:
        if not 1 <= h <= 12:
            raise DateProblem("hour out of range")
        h = h % 12 + (12 if half.lower() == "pm" else 0)
    try:
        moment = datetime(year, month, day, h, int(minute or 0), int(second or 0))
    except ValueError as error:
        raise DateProblem(str(error)) from None
    return seconds(moment)


def parse_one(value: object) -> tuple[float, float]:
    """(day-first reading, month-first reading) of one value; equal unless it is an A/B/YYYY date
    whose two readings differ. NaN for an empty value. Raises DateProblem."""
    if value is None:
        return math.nan, math.nan
    if isinstance(value, datetime):
        moment = seconds(value)
        return moment, moment
    if isinstance(value, date):
        moment = seconds(datetime(value.year, value.month, value.day))
        return moment, moment
    text = str(value).strip()
    if not text:
        return math.nan, math.nan
    if len(text) >= 10 and text[4] == "-":
        iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
        try:
            moment = seconds(datetime.fromisoformat(iso))
        except ValueError:
            raise DateProblem("not a date") from None
        return moment, moment
    if match := _DOTTED.fullmatch(text):
        day, month, year, hour, minute, second = match.groups()
        moment = _clock(int(year), int(month), int(day), hour, minute, second)
        return moment, moment
    if match := _YEAR_FIRST.fullmatch(text):
        year, month, day, hour, minute, second = match.groups()
        moment = _clock(int(year), int(month), int(day), hour, minute, second)
        return moment, moment
    if match := _SLASHED.fullmatch(text):
        first, second_part, year, hour, minute, second, half = match.groups()
        a, b = int(first), int(second_part)
        day_first = _or_impossible(int(year), b, a, hour, minute, second, half)
        month_first = _or_impossible(int(year), a, b, hour, minute, second, half)
        if math.isinf(day_first) and math.isinf(month_first):
            raise DateProblem("not a date")
        return day_first, month_first
    raise DateProblem("not a date")


def _or_impossible(year: int, month: int, day: int, hour: str | None, minute: str | None,
                   second: str | None, half: str | None) -> float:
    try:
        return _clock(year, month, day, hour, minute, second, half)
    except DateProblem:
        return math.inf


def parse_many(values: list[object]) -> tuple[np.ndarray, np.ndarray, int | None]:
    """Both readings of every value, and the index of the first value no reading fits (None when
    all parse). +inf marks the reading of an A/B/YYYY date that cannot be (a month above 12)."""
    fast = parse_iso_fast(values)
    if fast is not None:
        return fast, fast, None
    day_first = np.empty(len(values))
    month_first = np.empty(len(values))
    for index, value in enumerate(values):
        try:
            day_first[index], month_first[index] = parse_one(value)
        except DateProblem:
            return day_first, month_first, index
    return day_first, month_first, None


def parse_iso_fast(values: list[object]) -> np.ndarray | None:
    """numpy's C parser for the common case, plain ISO text without zone; None to fall back."""
    if not values or not all(map(str.__instancecheck__, values)) \
            or min(map(len, values)) < 10:  # type: ignore[arg-type]
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            stamps = np.array(values, dtype="datetime64[us]")
        except (ValueError, TypeError, Warning):
            return None
    if np.isnat(stamps).any():
        return None
    return stamps.astype(np.int64) / 1e6


def describe(moment: float) -> str:
    """A timestamp for a message or a report: the date, and the time when it is not midnight."""
    when = _EPOCH + timedelta(seconds=moment)
    return when.strftime("%Y-%m-%d") if when.time() == datetime.min.time() \
        else when.strftime("%Y-%m-%d %H:%M:%S")
