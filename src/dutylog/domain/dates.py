"""Dates as users type them: YYYY-MM-DD, today/yesterday, 今天/昨天. `today` is always injected."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .errors import InvalidInput

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_RELATIVE = {"today": 0, "今天": 0, "yesterday": 1, "昨天": 1}
ACCEPTED = "YYYY-MM-DD, today, yesterday, 今天 or 昨天"


def parse_date(text: str, today: date, field: str = "date", allow_future: bool = True) -> date:
    """Parse a user's date; refuse impossible dates (2025-02-30) and, if asked, future ones."""
    raw = (text or "").strip()
    if raw.lower() in _RELATIVE:
        return today - timedelta(days=_RELATIVE[raw.lower()])
    if not _ISO.match(raw):
        raise InvalidInput(f"{field}: {text!r} is not a date; use {ACCEPTED}", field)
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        raise InvalidInput(f"{field}: {text} does not exist on the calendar; use {ACCEPTED}", field) from None
    if not allow_future and value > today:
        raise InvalidInput(f"{field}: {value} is in the future (today is {today}); future activities cannot be logged", field)
    return value


def parse_year(text: str | int) -> int:
    try:
        year = int(str(text).strip())
    except ValueError:
        raise InvalidInput(f"year: {text!r} is not a year; use four digits such as 2025", "year") from None
    if not 2000 <= year <= 2100:
        raise InvalidInput(f"year: {year} is out of range; use a year between 2000 and 2100", "year")
    return year


def parse_days(text: str | float | None, field: str = "days") -> float | None:
    """Days spent: a positive number in steps of half a day (0.5, 1, 1.5 …)."""
    if text is None:
        return None
    try:
        value = float(str(text).strip())
    except ValueError:
        raise InvalidInput(f"{field}: {text!r} is not a number; give days such as 1 or 0.5", field) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidInput(f"{field}: {text!r} is not a number; give days such as 1 or 0.5", field)
    if value <= 0:
        raise InvalidInput(f"{field}: {text} must be more than 0; give days such as 1 or 0.5", field)
    if value * 2 != int(value * 2):
        raise InvalidInput(f"{field}: {text} is not a whole or half day; use steps of 0.5", field)
    if value > 366:
        raise InvalidInput(f"{field}: {text} is more than a year; one entry covers at most 366 days", field)
    return value
