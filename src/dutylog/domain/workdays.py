"""Working days (工作日) as 海政发〔2022〕17号 counts them.

Clause 9 (督办件 "3个工作日内反馈") and clause 14 (会签 and 会议纪要 "不超过3个工作日")
set deadlines in working days. Working days follow China's official holiday calendar,
make-up workdays (调休) included — a make-up Saturday is a working day, a holiday Monday
is not.

Where the answer comes from, strongest first:

1. the user's own entries from a year's holiday notice (`dutylog holidays set`), given
   here as ``overrides`` (True = workday, False = holiday); they win over everything and
   are authoritative (never estimated);
2. the ``chinesecalendar`` package (import name ``chinese_calendar``) for the years it
   covers (2004–2026 in 1.11);
3. otherwise Monday–Friday is assumed, and the answer is *estimated* (估算).

Estimated-flag rule: a computation is estimated when any day it had to classify — every
day from ``start + 1`` up to and including the result (``add_workdays``), or every day
of ``(a, b]`` (``workdays_between``) — lies in a year the package does not cover and has
no user override. ``add_workdays(start, 0)`` classifies nothing and is never estimated.

Pure: no clock reads, no I/O. "Today" is always a parameter of the caller.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import NamedTuple

from dutylog.domain.errors import InvalidInput

_ONE_DAY = _dt.timedelta(days=1)


class WorkdayResult(NamedTuple):
    """A computed day and whether any assumption (Mon–Fri guess) went into it."""

    date: _dt.date
    estimated: bool


class WorkdayCount(NamedTuple):
    """A number of working days and whether any assumption went into counting them."""

    count: int  # type: ignore[assignment]  # shadows tuple.count, on purpose: the API's name
    estimated: bool


def _plain_date(value: object, what: str) -> _dt.date:
    """Accept a ``date`` (a ``datetime`` is cut to its date); refuse anything else."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    raise InvalidInput(f"{what} must be a date, got {value!r}", field=what)


def _package_covers(year: int) -> bool:
    """True when ``chinese_calendar`` has official data for ``year``.

    The package raises NotImplementedError for years outside its tables (before 2004,
    after its last published year); probing one day of the year is enough.
    """
    import chinese_calendar  # imported on the first working-day question (≈ 2 ms)

    try:
        chinese_calendar.is_workday(_dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


class WorkCalendar:
    """China's official working-day calendar, with the user's own holiday entries on top.

    ``overrides`` maps a day to True (a workday, e.g. a 调休 Saturday) or False (a
    holiday). The mapping is copied; later changes to it do not affect the calendar.
    """

    def __init__(self, overrides: Mapping[_dt.date, bool] | None = None) -> None:
        own: dict[_dt.date, bool] = {}
        for day, workday in (overrides or {}).items():
            if not isinstance(workday, bool):
                raise InvalidInput(
                    f"holiday entry for {day} must be workday or holiday, got {workday!r}",
                    field="holidays",
                )
            own[_plain_date(day, "holidays")] = workday
        self._overrides = own
        self._covered: dict[int, bool] = {}
        self._memo: dict[_dt.date, tuple[bool, bool]] = {}

    @property
    def overrides(self) -> dict[_dt.date, bool]:
        """A copy of the user's own entries (True = workday, False = holiday)."""
        return dict(self._overrides)

    def is_covered(self, year: int) -> bool:
        """True when the built-in official calendar has data for ``year``.

        For an uncovered year, days without a user override are guessed (Mon–Fri).
        """
        known = self._covered.get(year)
        if known is None:
            known = self._covered[year] = _package_covers(year)
        return known

    def is_workday(self, d: _dt.date) -> tuple[bool, bool]:
        """``(is_workday, estimated)`` for one day.

        A user override decides (not estimated); else the official calendar for covered
        years (not estimated); else Monday–Friday (estimated).
        """
        d = _plain_date(d, "date")
        hit = self._memo.get(d)
        if hit is not None:
            return hit
        if d in self._overrides:
            answer = (self._overrides[d], False)
        elif self.is_covered(d.year):
            import chinese_calendar

            try:
                answer = (bool(chinese_calendar.is_workday(d)), False)
            except NotImplementedError:  # defensive: coverage probe disagreed
                answer = (d.weekday() < 5, True)
        else:
            answer = (d.weekday() < 5, True)
        self._memo[d] = answer
        return answer

    def is_workday_exact(self, d: _dt.date) -> bool:
        """True when ``d`` is a working day (dropping the estimated flag)."""
        return self.is_workday(d)[0]

    def add_workdays(self, start: _dt.date, n: int) -> WorkdayResult:
        """The N-th working day after ``start`` (``start`` itself excluded).

        This is how "within 3 working days" is read (clauses 9 and 14): a letter
        received on Thursday 2026-02-12 is due on the 3rd working day after it,
        Tuesday 2026-02-24 (Fri 13th, make-up Sat 14th, then the Spring Festival
        break). ``start`` need not be a working day. ``n`` = 0 returns ``start``.
        """
        start = _plain_date(start, "start")
        if isinstance(n, bool) or not isinstance(n, int):
            raise InvalidInput(
                f"number of working days must be a whole number, got {n!r}", field="n"
            )
        if n < 0:
            raise InvalidInput(f"number of working days must be 0 or more, got {n}", field="n")
        day, left, estimated = start, n, False
        while left > 0:
            day += _ONE_DAY
            workday, guessed = self.is_workday(day)
            estimated = estimated or guessed
            if workday:
                left -= 1
        return WorkdayResult(day, estimated)

    def workdays_between(self, a: _dt.date, b: _dt.date) -> WorkdayCount:
        """How many working days lie in the half-open interval (a, b]; 0 when b <= a.

        This is the "working days left" of the 蓝黄红 colours: as of day A, with due day
        D, the working days left are those in (A, D] — 0 when D is today.
        """
        a = _plain_date(a, "from")
        b = _plain_date(b, "to")
        count, estimated, day = 0, False, a
        while day < b:
            day += _ONE_DAY
            workday, guessed = self.is_workday(day)
            estimated = estimated or guessed
            if workday:
                count += 1
        return WorkdayCount(count, estimated)
