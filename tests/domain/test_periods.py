"""Calendar periods and pace, checked against dates worked out by hand.

Reference: CATALOG.md (frontline-office: "fortnight k = days 14k+1 … 14k+14 of the calendar
year (1–14 Jan, 15–28 Jan, …); the 26th runs to 31 Dec") and CONTRACT.md "status --json"
(expected = min × elapsed days of the year ÷ days in the year, as_of counted as elapsed).

Day-of-year landmarks used below (cumulative days at the end of each month):
  2025: Jan 31, Feb 59, Mar 90, Apr 120, May 151, Jun 181, Jul 212, Aug 243, Sep 273,
        Oct 304, Nov 334, Dec 365
  2024 (leap): Jan 31, Feb 60, Mar 91, Apr 121, May 152, Jun 182, … Nov 335, Dec 366
"""

from datetime import date
from itertools import pairwise

import pytest

from dutylog.domain.periods import (
    Period,
    days_in_year,
    pace,
    period_containing,
    periods_of_year,
    year_period,
)

D = date


# ---- fortnights -------------------------------------------------------------------------


def test_26_fortnights_2025():
    fns = periods_of_year("fortnight", 2025)
    assert len(fns) == 26
    # fortnight 1 = days 1..14 = Jan 1–14; fortnight 2 = days 15..28 = Jan 15–28
    assert (fns[0].start, fns[0].end) == (D(2025, 1, 1), D(2025, 1, 14))
    assert (fns[1].start, fns[1].end) == (D(2025, 1, 15), D(2025, 1, 28))
    # fortnight 3 = days 29..42: Jan 29 … day 42 = Feb 11 (31 + 11)
    assert (fns[2].start, fns[2].end) == (D(2025, 1, 29), D(2025, 2, 11))
    # fortnight 5 = days 57..70: day 57 = Feb 26 (31 + 26), day 70 = Mar 11 (59 + 11)
    assert (fns[4].start, fns[4].end) == (D(2025, 2, 26), D(2025, 3, 11))
    # fortnight 25 = days 337..350: Dec 3 (334 + 3) … Dec 16 (334 + 16)
    assert (fns[24].start, fns[24].end) == (D(2025, 12, 3), D(2025, 12, 16))
    # fortnight 26 = day 351 (= 14·25 + 1) to 31 Dec: day 351 = Dec 17 (334 + 17); 15 days
    assert (fns[25].start, fns[25].end) == (D(2025, 12, 17), D(2025, 12, 31))
    assert fns[25].days == 15


def test_26_fortnights_leap_year_2024():
    fns = periods_of_year("fortnight", 2024)
    assert len(fns) == 26
    # fortnight 5 = days 57..70: day 57 = Feb 26, day 60 = Feb 29, day 70 = Mar 10 (60 + 10)
    assert (fns[4].start, fns[4].end) == (D(2024, 2, 26), D(2024, 3, 10))
    # fortnight 25 = days 337..350: Dec 2 (335 + 2) … Dec 15 (335 + 15)
    assert (fns[24].start, fns[24].end) == (D(2024, 12, 2), D(2024, 12, 15))
    # fortnight 26 = day 351 = Dec 16 (335 + 16) to Dec 31; 16 days
    assert (fns[25].start, fns[25].end) == (D(2024, 12, 16), D(2024, 12, 31))
    assert fns[25].days == 16


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_fortnights_tile_the_year(year):
    fns = periods_of_year("fortnight", year)
    assert fns[0].start == D(year, 1, 1)
    assert fns[-1].end == D(year, 12, 31)
    for a, b in pairwise(fns):
        assert (b.start - a.end).days == 1
    assert all(p.days == 14 for p in fns[:25])
    assert sum(p.days for p in fns) == (366 if year == 2024 else 365)


@pytest.mark.parametrize(
    "day, index",  # index is 1-based, as the catalog counts fortnights
    [
        (D(2025, 1, 1), 1),
        (D(2025, 1, 14), 1),
        (D(2025, 1, 15), 2),
        (D(2025, 1, 28), 2),
        (D(2025, 1, 29), 3),
        (D(2025, 12, 16), 25),
        (D(2025, 12, 17), 26),
        (D(2025, 12, 31), 26),  # 31 Dec falls in the 26th
        (D(2024, 12, 15), 25),
        (D(2024, 12, 16), 26),
        (D(2024, 12, 31), 26),
    ],
)
def test_fortnight_containing(day, index):
    fns = periods_of_year("fortnight", day.year)
    p = period_containing("fortnight", day)
    assert p == fns[index - 1]


# ---- months, quarters, halves, year, window ----------------------------------------------


def test_months_2025_and_leap_february():
    months = periods_of_year("month", 2025)
    assert len(months) == 12
    assert (months[1].start, months[1].end) == (D(2025, 2, 1), D(2025, 2, 28))
    assert [m.days for m in months] == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    leap = periods_of_year("month", 2024)
    assert (leap[1].start, leap[1].end) == (D(2024, 2, 1), D(2024, 2, 29))
    assert sum(m.days for m in leap) == 366


def test_quarters():
    q = periods_of_year("quarter", 2025)
    assert [(p.start, p.end) for p in q] == [
        (D(2025, 1, 1), D(2025, 3, 31)),
        (D(2025, 4, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 9, 30)),
        (D(2025, 10, 1), D(2025, 12, 31)),
    ]
    # Q1 = 31 + 28 + 31 = 90 days in 2025, 91 in 2024
    assert q[0].days == 90
    assert periods_of_year("quarter", 2024)[0].days == 91


def test_halves():
    h = periods_of_year("half", 2025)
    assert [(p.start, p.end) for p in h] == [
        (D(2025, 1, 1), D(2025, 6, 30)),
        (D(2025, 7, 1), D(2025, 12, 31)),
    ]
    assert [p.days for p in h] == [181, 184]  # 181 to 30 Jun; 365 − 181
    assert [p.days for p in periods_of_year("half", 2024)] == [182, 184]


def test_year_and_days_in_year():
    assert periods_of_year("year", 2025) == [Period(D(2025, 1, 1), D(2025, 12, 31))]
    assert year_period(2024).days == 366
    assert days_in_year(2025) == 365
    assert days_in_year(2024) == 366
    assert days_in_year(2100) == 365  # divisible by 100, not by 400
    assert days_in_year(2000) == 366


def test_q1_window():
    # major-items: one period, 1 January – 31 March
    (w,) = periods_of_year("window", 2025, ("01-01", "03-31"))
    assert (w.start, w.end) == (D(2025, 1, 1), D(2025, 3, 31))
    assert not w.contains(D(2025, 4, 1))  # an item set on 1 April is outside
    assert w.contains(D(2025, 3, 31))
    (w24,) = periods_of_year("window", 2024, ("01-01", "03-31"))
    assert w24.days == 91


# ---- elapsed days and pace ---------------------------------------------------------------


def test_elapsed_days_counts_as_of():
    y = year_period(2025)
    assert y.elapsed_days(D(2024, 12, 31)) == 0
    assert y.elapsed_days(D(2025, 1, 1)) == 1
    assert y.elapsed_days(D(2025, 6, 30)) == 181
    assert y.elapsed_days(D(2025, 12, 31)) == 365
    assert y.elapsed_days(D(2026, 3, 1)) == 365


def test_ended_by_last_day():
    y = year_period(2025)
    assert not y.ended_by(D(2025, 12, 30))
    assert y.ended_by(D(2025, 12, 31))  # as_of on 31 Dec: the year has ended


@pytest.mark.parametrize(
    "minimum, as_of, expected",
    [
        # contract example: 60 × 181 / 365 = 10860 / 365 = 29.7534… → 29.75
        (60, D(2025, 6, 30), 29.75),
        # leap year: 60 × 182 / 366 = 10920 / 366 = 29.8360… → 29.84
        (60, D(2024, 6, 30), 29.84),
        # 60 × 1 / 365 = 0.1643… → 0.16
        (60, D(2025, 1, 1), 0.16),
        # 1 Mar 2025 is day 60: 60 × 60 / 365 = 9.8630… → 9.86
        (60, D(2025, 3, 1), 9.86),
        # 29 Feb 2024 is day 60: 60 × 60 / 366 = 9.8360… → 9.84
        (60, D(2024, 2, 29), 9.84),
        # end of year: the whole minimum
        (60, D(2025, 12, 31), 60.0),
        (60, D(2024, 12, 31), 60.0),
        # 2 × 181 / 365 = 0.9917… → 0.99
        (2, D(2025, 6, 30), 0.99),
    ],
)
def test_pace(minimum, as_of, expected):
    assert round(pace(minimum, year_period(as_of.year), as_of), 2) == expected


def test_pace_before_year_is_zero():
    assert pace(60, year_period(2025), D(2024, 12, 31)) == 0
