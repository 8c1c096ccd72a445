"""Working days (工作日) as 海政发〔2022〕17号 counts them.

Clause 9 (督办件 "3个工作日内反馈") and clause 14 (会签 and 会议纪要 "不超过3个工作日")
set deadlines in working days. Working days follow China's official holiday calendar,
make-up workdays (调休) included — a make-up Saturday is a working day, a holiday Monday
is not.

Where the answer comes from, strongest first:

1. the user's own entries from a year's holiday notice (`dutylog holidays set` or
   `holidays import`), given here as ``overrides`` (True = workday, False = holiday); they
   win over everything and are authoritative (never estimated);
2. the ``chinesecalendar`` package (import name ``chinese_calendar``) for the years it
   covers (2004–2026 in 1.11);
3. otherwise an *estimate* (估算): Saturdays and Sundays are off, and for years from 2025 on
   so are the statutory holidays of the law in force (`estimated_holidays`, below). No
   make-up workday (调休) is guessed: which weekend days are worked is only known from the
   State Council's yearly notice. Years before 2004 are guessed Monday–Friday only (their
   holiday rules were different and nobody logs duties there).

The estimate's reading of 《全国年节及纪念日放假办法》 as revised by 国务院令第795号
(2024-11-10, in force since 2025-01-01), article 2 — holidays for all citizens:

- 元旦 1 day (1 January);
- 春节 4 days (农历除夕 and 正月初一 to 初三 — 除夕 is the day before 初一, the 29th or
  30th of the twelfth lunar month);
- 清明节 1 day (the day of the 清明 solar term);
- 劳动节 2 days (1 and 2 May);
- 端午节 1 day (5th day of the 5th lunar month);
- 中秋节 1 day (15th day of the 8th lunar month);
- 国庆节 3 days (1 to 3 October);

and article 6: a holiday for all citizens that falls on a Saturday or Sunday is made up on a
working day (补假). Read here as: each statutory day on a weekend, and each statutory day
that falls on another one (中秋 on 1–3 October, as in 2020), gives one substitute day — the
first Monday–Friday after the festival's last day that is not already off. This is how the
notices placed them (元旦 2022 on a Saturday → Monday 3 Jan; 端午 2025 on a Saturday →
Monday 2 Jun; 中秋 2020 on 1 Oct → 8 days off instead of 7). Article 7's 调休 (weekend days
worked to join holidays into longer breaks) is not guessed.

Lunar dates come from the ``lunar-python`` package (``lunar_python``, pure Python, MIT);
the 清明 day from the solar terms ``chinese_calendar`` already computes (they agree with
lunar-python's astronomical terms for 2004–2099, checked by a test).

Estimated-flag rule: a computation is estimated when any day it had to classify — every
day from ``start + 1`` up to and including the result (``add_workdays``), or every day
of ``(a, b]`` (``workdays_between``) — lies in a year the package does not cover and has
no user override. ``add_workdays(start, 0)`` classifies nothing and is never estimated.

Pure: no clock reads, no I/O. "Today" is always a parameter of the caller.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Mapping
from typing import NamedTuple

from dutylog.domain.errors import InvalidInput

_ONE_DAY = _dt.timedelta(days=1)

# The estimate applies the holiday law in force since 2025-01-01 (国务院令第795号) to years
# from this one on; the last year the lunar and solar-term helpers are used for.
ESTIMATE_RULES_SINCE = 2025
_LAST_LUNAR_YEAR = 2100
MAKE_UP = "补假"  # suffix of a substitute day's name: 国庆节补假


# working days counted one by one ahead of a day; beyond, estimated (workdays_between)
EXACT_SPAN = 800


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
    raise InvalidInput(code="workday.not_a_date", field=what, given=repr(value))


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


def _lunar(year: int, month: int, day: int) -> _dt.date:
    """The Gregorian day of a lunar date of lunar year ``year`` (regular, not leap, month)."""
    from lunar_python import Lunar  # type: ignore[import-untyped]  # imported on the first estimate (≈ 6 ms)

    solar = Lunar.fromYmd(year, month, day).getSolar()
    return _dt.date(int(solar.getYear()), int(solar.getMonth()), int(solar.getDay()))


def _qingming(year: int) -> _dt.date:
    import chinese_calendar

    terms = chinese_calendar.get_solar_terms(_dt.date(year, 4, 1), _dt.date(year, 4, 30))
    day: _dt.date = next(d for d, name in terms if name == "清明")
    return day


def _statutory_days(year: int) -> list[tuple[str, list[_dt.date]]]:
    """Article 2's festivals of ``year``, each with its days, in calendar order."""
    d = _dt.date
    festivals = [("元旦", [d(year, 1, 1)]), ("劳动节", [d(year, 5, 1), d(year, 5, 2)]),
                 ("国庆节", [d(year, 10, 1), d(year, 10, 2), d(year, 10, 3)])]
    if year <= _LAST_LUNAR_YEAR:
        new_year = _lunar(year, 1, 1)  # 正月初一 always falls between 21 Jan and 20 Feb
        festivals += [
            ("春节", [new_year - _ONE_DAY, new_year, new_year + _ONE_DAY, new_year + 2 * _ONE_DAY]),
            ("清明节", [_qingming(year)]),
            ("端午节", [_lunar(year, 5, 5)]),
            ("中秋节", [_lunar(year, 8, 15)]),
        ]
    return sorted(festivals, key=lambda f: (f[1][-1], f[1][0]))


@functools.lru_cache(maxsize=64)
def _estimate(year: int) -> tuple[tuple[_dt.date, str], ...]:
    if year < ESTIMATE_RULES_SINCE:
        return ()
    off: dict[_dt.date, str] = {}
    owed: list[tuple[str, _dt.date, int]] = []  # festival, its last day, substitute days owed
    for name, days in _statutory_days(year):
        due = 0
        for day in days:
            if day in off or day.weekday() >= 5:
                due += 1
            off.setdefault(day, name)
        owed.append((name, days[-1], due))
    for name, last, due in owed:
        day = last
        for _ in range(due):
            day += _ONE_DAY
            while day.weekday() >= 5 or day in off:
                day += _ONE_DAY
            off[day] = name + MAKE_UP
    return tuple(sorted(off.items()))


def estimated_holidays(year: int) -> dict[_dt.date, str]:
    """The days off the estimate assumes in ``year`` besides weekends: the statutory holidays
    and their substitute days (named e.g. 春节, 国庆节补假). Empty before 2025. Meant for
    years the official calendar does not cover; it never says which weekend days are worked."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInput(code="workday.year", field="year", given=repr(year))
    return dict(_estimate(year))


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
        self._estimated_off: dict[int, frozenset[_dt.date]] = {}

    @property
    def overrides(self) -> dict[_dt.date, bool]:
        """A copy of the user's own entries (True = workday, False = holiday)."""
        return dict(self._overrides)

    def is_covered(self, year: int) -> bool:
        """True when the built-in official calendar has data for ``year``.

        For an uncovered year, days without a user override are estimated: weekends and,
        from 2025 on, the statutory holidays (`estimated_holidays`) are off.
        """
        known = self._covered.get(year)
        if known is None:
            known = self._covered[year] = _package_covers(year)
        return known

    def is_workday(self, d: _dt.date) -> tuple[bool, bool]:
        """``(is_workday, estimated)`` for one day.

        A user override decides (not estimated); else the official calendar for covered
        years (not estimated); else the estimate: Monday–Friday except the statutory
        holidays and their substitute days (estimated).
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
                answer = (self._estimated_workday(d), True)
        else:
            answer = (self._estimated_workday(d), True)
        self._memo[d] = answer
        return answer

    def _estimated_workday(self, d: _dt.date) -> bool:
        off = self._estimated_off.get(d.year)
        if off is None:
            off = self._estimated_off[d.year] = frozenset(day for day, _ in _estimate(d.year))
        return d.weekday() < 5 and d not in off

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
            raise InvalidInput(code="workday.n_whole", field="n", n=n)
        if n < 0:
            raise InvalidInput(code="workday.n_negative", field="n", n=n)
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
        exact_until = min(b, a + _dt.timedelta(days=EXACT_SPAN)) if b > a else b
        if b > exact_until:
            # Far ahead (a due day years away, issue 12: one of 9999-12-31 took seconds a
            # list): day by day for EXACT_SPAN days, then five working days a week,
            # estimated — never a loop to the due day.
            rest = (b - exact_until).days
            count, estimated = rest // 7 * 5 + min(rest % 7, 5), True
        while day < exact_until:
            day += _ONE_DAY
            workday, guessed = self.is_workday(day)
            estimated = estimated or guessed
            if workday:
                count += 1
        return WorkdayCount(count, estimated)
