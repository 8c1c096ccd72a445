"""Calendar periods of a year as CATALOG.md defines them, and pace arithmetic.

A fortnight k (0-based) covers days 14k+1 … 14k+14 of the calendar year; the 26th runs
to 31 December, so it has 15 days (16 in a leap year). A week runs Monday–Sunday inside
the calendar year: the first runs from 1 January to the first Sunday, the last from the
last Monday to 31 December, so a year has 53 or 54 weeks (some of them short).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

PERIOD_KINDS = ("year", "half", "quarter", "month", "fortnight", "week", "window")


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date  # inclusive

    def contains(self, d: date) -> bool:
        return self.start <= d <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def ended_by(self, as_of: date) -> bool:
        """A period has ended once `as_of` (counted as elapsed) reaches its last day."""
        return self.end <= as_of

    def elapsed_days(self, as_of: date) -> int:
        """Days of the period elapsed by `as_of`, `as_of` itself included."""
        if as_of < self.start:
            return 0
        return min(self.days, (as_of - self.start).days + 1)


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def periods_of_year(kind: str, year: int, window: tuple[str, str] | None = None) -> list[Period]:
    """Every period of `kind` in `year`, in order.

    `window` is a ("MM-DD", "MM-DD") pair for a deadline rule (one period).
    """
    if kind == "year":
        return [year_period(year)]
    if kind == "half":
        return [Period(date(year, 1, 1), date(year, 6, 30)), Period(date(year, 7, 1), date(year, 12, 31))]
    if kind == "quarter":
        return [Period(date(year, m, 1), month_end(year, m + 2)) for m in (1, 4, 7, 10)]
    if kind == "month":
        return [Period(date(year, m, 1), month_end(year, m)) for m in range(1, 13)]
    if kind == "fortnight":
        jan1 = date(year, 1, 1)
        out = [Period(jan1 + timedelta(days=14 * k), jan1 + timedelta(days=14 * k + 13)) for k in range(25)]
        out.append(Period(jan1 + timedelta(days=14 * 25), date(year, 12, 31)))
        return out
    if kind == "week":
        return _weeks(year)
    if kind == "window":
        if window is None:
            raise ValueError("a window period needs start and end")
        start, end = (_month_day(year, s) for s in window)
        return [Period(start, end)]
    raise ValueError(f"unknown period kind {kind!r}")


def _weeks(year: int) -> list[Period]:
    out = []
    start, last = date(year, 1, 1), date(year, 12, 31)
    while start <= last:
        end = min(last, start + timedelta(days=6 - start.weekday()))  # the Sunday
        out.append(Period(start, end))
        start = end + timedelta(days=1)
    return out


def _month_day(year: int, text: str) -> date:
    month, day = (int(p) for p in text.split("-"))
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return date(year, month, day)


def period_containing(kind: str, d: date, window: tuple[str, str] | None = None) -> Period | None:
    for p in periods_of_year(kind, d.year, window):
        if p.contains(d):
            return p
    return None


def pace(minimum: float, period: Period, as_of: date) -> float:
    """Where a steady pace toward `minimum` stands by `as_of`: min × elapsed ÷ length."""
    return minimum * period.elapsed_days(as_of) / period.days
