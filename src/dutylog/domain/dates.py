"""Dates as people type them. `today` is always injected; nothing here reads a clock.

Accepted (after full-width digits, letters and spaces — what a Chinese IME often gives,
e.g. ``１２月５日`` — are read as their ASCII forms, and spaces are ignored):

- ``YYYY-MM-DD`` and, with or without zero padding, ``YYYY-M-D``, ``YYYY/M/D``,
  ``YYYY.M.D``, ``YYYY年M月D日`` (``号`` for ``日`` too);
- ``M月D日``: the latest such day that is not after today — this year, or last year when
  this year's would be after today. Where the field accepts future dates
  (``allow_future=True``: due days, departures…) it is this year's, as typed;
- ``今天`` ``昨天`` ``前天`` / today, yesterday, the day before yesterday;
- ``N天前`` / ``N days ago`` (N in digits, or 一…九十九 / 两);
- ``上周一`` … ``上周日``: Monday … Sunday of the previous ISO week (Monday first);
  ``本周一`` … ``本周日`` (also ``这周一``): of this week. ``星期`` and ``礼拜`` may stand for
  ``周``, and ``天`` for ``日``.

A refusal is one line naming the field and the accepted forms (its code's wording in
`dutylog.lexicon.refusals` lists them).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from .errors import InvalidInput

ACCEPTED = ("YYYY-MM-DD (also YYYY/M/D, YYYY.M.D, YYYY年M月D日), M月D日, 今天, 昨天, 前天, N天前, "
            "上周一…上周日, 本周一…本周日, today, yesterday")

_RELATIVE = {
    "today": 0, "今天": 0, "今日": 0,
    "yesterday": 1, "昨天": 1, "昨日": 1,
    "the day before yesterday": 2, "day before yesterday": 2, "前天": 2, "前日": 2,
}
_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# Year, month and day split by one kind of separator (-, / or .), or written with 年月日.
_YMD = re.compile(r"^([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})$")
_YMD_ZH = re.compile(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]$")
_MD_ZH = re.compile(r"^([0-9]{1,2})月([0-9]{1,2})[日号]$")
_DAYS_AGO = re.compile(r"^([0-9]{1,5}|[零〇一二两三四五六七八九十]{1,3})天(?:以)?前$")
_DAYS_AGO_EN = re.compile(r"^([0-9]{1,5}) days? ago$")
_WEEKDAY = re.compile(r"^(上|本|这)(?:周|星期|礼拜)([一二三四五六日天1-7])$")
_WEEKDAY_INDEX = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6} | {str(i + 1): i for i in range(7)}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_MAX_DAYS_AGO = 36600  # a hundred years: anything longer is a typing slip


def _chinese_number(text: str) -> int | None:
    """一…九十九 (and 两, 零): the small numbers people write before 天前; None if not one."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    high = _DIGITS.get(tens, -1) if tens else 1
    low = _DIGITS.get(ones, -1) if ones else 0
    if high < 1 or low < 0 or (tens == "两"):
        return None
    return high * 10 + low


def _not_a_date(text: str, field: str) -> InvalidInput:
    return InvalidInput(code="date.not_a_date", field=field, text=text)


def _build(year: int, month: int, day: int, text: str, field: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidInput(code="date.no_such_day", field=field, text=text) from None


def _read(raw: str, today: date, field: str, allow_future: bool) -> date:
    """The date `raw` (already normalised) names, or a refusal."""
    words = " ".join(raw.lower().split())
    if words in _RELATIVE:
        return today - timedelta(days=_RELATIVE[words])
    compact = "".join(words.split())
    if compact in _RELATIVE:
        return today - timedelta(days=_RELATIVE[compact])
    if _ISO.match(compact):
        try:
            return date.fromisoformat(compact)
        except ValueError:
            raise InvalidInput(code="date.no_such_day", field=field, text=raw) from None
    if m := _YMD.match(compact):
        return _build(int(m[1]), int(m[3]), int(m[4]), raw, field)
    if m := _YMD_ZH.match(compact):
        return _build(int(m[1]), int(m[2]), int(m[3]), raw, field)
    if m := _MD_ZH.match(compact):
        month, day = int(m[1]), int(m[2])
        year = today.year
        if not allow_future and (month, day) > (today.month, today.day):
            year -= 1  # a past day: 12月5日 typed in January is last December's
        return _build(year, month, day, raw, field)
    if (m := _DAYS_AGO.match(compact)) or (m := _DAYS_AGO_EN.match(words)):
        n = _chinese_number(m[1])
        if n is None:
            raise _not_a_date(raw, field)
        if n > _MAX_DAYS_AGO:
            raise InvalidInput(code="date.too_long_ago", field=field, text=raw)
        return today - timedelta(days=n)
    if m := _WEEKDAY.match(compact):
        monday = today - timedelta(days=today.weekday())
        if m[1] == "上":
            monday -= timedelta(days=7)
        return monday + timedelta(days=_WEEKDAY_INDEX[m[2]])
    raise _not_a_date(raw, field)


def parse_date(text: str, today: date, field: str = "date", allow_future: bool = True) -> date:
    """Parse a user's date; refuse impossible dates (2025-02-30) and, if asked, future ones."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    try:
        value = _read(raw, today, field, allow_future)
    except OverflowError:  # before year 1 or after 9999
        raise InvalidInput(code="date.no_such_day", field=field, text=raw) from None
    if not allow_future and value > today:
        raise InvalidInput(code="date.future", field=field, when=value, today=today)
    check_range(value, today, field)
    return value


FIRST_YEAR = 2000  # nothing before 2000 is a real entry, due day or trip
FUTURE_YEARS = 10  # a due day or a trip at most ten years ahead


def latest_day(today: date) -> date:
    """The last day a date may name: today + 10 years (29 Feb becomes 28 Feb)."""
    try:
        return today.replace(year=today.year + FUTURE_YEARS)
    except ValueError:
        return today.replace(year=today.year + FUTURE_YEARS, day=28)


def check_range(value: date, today: date, field: str = "date") -> date:
    """Refuse a date before 2000 or more than ten years after today (issue 12: a due day
    of 9999-12-31 stalled the ledger and the dashboard)."""
    if value.year < FIRST_YEAR:
        raise InvalidInput(code="date.too_early", field=field, when=value, first=FIRST_YEAR)
    if value > latest_day(today):
        raise InvalidInput(code="date.too_far", field=field, when=value, years=FUTURE_YEARS,
                           last=latest_day(today))
    return value


def parse_year(text: str | int) -> int:
    try:
        year = int(str(text).strip())
    except ValueError:
        raise InvalidInput(code="year.not_a_year", field="year", text=str(text)) from None
    if not 2000 <= year <= 2100:
        raise InvalidInput(code="year.range", field="year", year=year)
    return year


_DAYS_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")  # plain digits: never 1e1, 1_0, inf
_DAYS_ZH = re.compile(r"^([零〇一二两三四五六七八九十]{1,3})?(天)?(半)?(天)?$")
DAYS_ACCEPTED = "1, 0.5, 1.5 …, 半天, 一天, 一天半"


def _days_value(raw: str) -> float | None:
    """The number of days `raw` (normalised, no spaces) names, or None."""
    plain = raw[:-1] if raw.endswith("天") and raw[:-1] and raw[-2].isdigit() else raw
    if _DAYS_NUMBER.match(plain):
        return float(plain)
    m = _DAYS_ZH.match(raw)
    if m is None or not raw:
        return None
    number, day1, half, day2 = m.groups()
    if number is None:  # 半, 半天
        return 0.5 if half and not day1 else None
    if not (day1 or day2) or (half and not day1):  # 一 alone, 一半: not days
        return None
    whole = _chinese_number(number)
    if whole is None:
        return None
    return whole + (0.5 if half else 0.0)


def parse_days(text: str | float | None, field: str = "days") -> float | None:
    """Days spent: a positive number in steps of half a day — 0.5, 1, 1.5 … in digits
    (never in exponent form), or in words: 半 / 半天, 一天, 两天半 …"""
    if text is None:
        return None
    if isinstance(text, int | float) and not isinstance(text, bool):
        raw = repr(float(text))
        value: float | None = float(text) if _DAYS_NUMBER.match(raw) else None
    else:
        raw = "".join(unicodedata.normalize("NFKC", str(text)).split())
        value = _days_value(raw)
    if value is None:
        raise InvalidInput(code="days.not_a_number", field=field, text=str(text))
    if value <= 0:
        raise InvalidInput(code="days.not_positive", field=field, days=text)
    if value * 2 != int(value * 2):
        raise InvalidInput(code="days.not_half", field=field, days=text)
    if value > 366:
        raise InvalidInput(code="days.over_a_year", field=field, days=text)
    return value
