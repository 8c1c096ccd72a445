"""Working days, hand-computed against the 2026 official calendar (checked with the
chinesecalendar package):

- Spring Festival 2026: holiday Sun 02-15 … Mon 02-23; make-up Saturdays 02-14 and 02-28.
- Mid-autumn 2026: holiday Fri 09-25 … Sun 09-27.
- National Day 2026: holiday Thu 10-01 … Wed 10-07; make-up Sun 09-20 and Sat 10-10.
- 2027 is not covered by the package: Monday–Friday is assumed and flagged estimated.
"""

from datetime import date, datetime

import pytest

from dutylog.domain.errors import InvalidInput
from dutylog.domain.workdays import WorkCalendar, WorkdayCount, WorkdayResult

CAL = WorkCalendar()


# ---- single days ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 2, 14), True),  # make-up Saturday (调休)
        (date(2026, 2, 28), True),  # make-up Saturday
        (date(2026, 2, 16), False),  # Spring Festival Monday
        (date(2026, 2, 23), False),  # last day of the Spring Festival break (Monday)
        (date(2026, 2, 24), True),  # first working day after it
        (date(2026, 9, 20), True),  # make-up Sunday before National Day
        (date(2026, 10, 1), False),  # National Day
        (date(2026, 10, 7), False),  # last day of the break (Wednesday)
        (date(2026, 10, 10), True),  # make-up Saturday after National Day
        (date(2026, 3, 7), False),  # ordinary Saturday
        (date(2026, 3, 9), True),  # ordinary Monday
    ],
)
def test_is_workday_2026(day, expected):
    assert CAL.is_workday(day) == (expected, False)
    assert CAL.is_workday_exact(day) is expected


def test_uncovered_years_are_guessed_and_flagged():
    assert CAL.is_workday(date(2027, 1, 1)) == (True, True)  # a Friday, guessed
    assert CAL.is_workday(date(2027, 1, 2)) == (False, True)  # a Saturday
    assert CAL.is_workday(date(2003, 6, 2)) == (True, True)  # before the package's data
    assert CAL.is_covered(2026) and not CAL.is_covered(2027) and not CAL.is_covered(2003)


def test_override_wins_and_is_authoritative():
    cal = WorkCalendar({date(2026, 2, 14): False, date(2027, 1, 1): False, date(2027, 1, 2): True})
    assert cal.is_workday(date(2026, 2, 14)) == (False, False)  # beats the package
    assert cal.is_workday(date(2027, 1, 1)) == (False, False)
    assert cal.is_workday(date(2027, 1, 2)) == (True, False)
    assert cal.is_workday(date(2027, 1, 4)) == (True, True)  # no entry: still a guess


def test_overrides_are_copied():
    own = {date(2027, 1, 1): False}
    cal = WorkCalendar(own)
    own[date(2027, 1, 1)] = True
    assert cal.is_workday(date(2027, 1, 1)) == (False, False)
    assert cal.overrides == {date(2027, 1, 1): False}


def test_override_value_must_be_bool():
    with pytest.raises(InvalidInput):
        WorkCalendar({date(2027, 1, 1): "holiday"})


# ---- add_workdays ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        # Spring Festival 2026
        (date(2026, 2, 12), 3, date(2026, 2, 24)),  # Fri 13, make-up Sat 14, Tue 24
        (date(2026, 2, 13), 1, date(2026, 2, 14)),  # the make-up Saturday counts
        (date(2026, 2, 13), 2, date(2026, 2, 24)),
        (date(2026, 2, 14), 1, date(2026, 2, 24)),
        (date(2026, 2, 16), 1, date(2026, 2, 24)),  # start on a holiday: next is day 1
        (date(2026, 2, 11), 5, date(2026, 2, 25)),
        (date(2026, 2, 24), 4, date(2026, 2, 28)),  # Wed, Thu, Fri, make-up Sat
        (date(2026, 2, 27), 1, date(2026, 2, 28)),
        # Mid-autumn and National Day 2026
        (date(2026, 9, 18), 1, date(2026, 9, 20)),  # make-up Sunday
        (date(2026, 9, 24), 3, date(2026, 9, 30)),  # Fri 25 – Sun 27 off
        (date(2026, 9, 29), 3, date(2026, 10, 9)),  # Wed 30, Thu 8, Fri 9
        (date(2026, 9, 30), 1, date(2026, 10, 8)),
        (date(2026, 10, 1), 1, date(2026, 10, 8)),
        (date(2026, 10, 8), 2, date(2026, 10, 10)),  # make-up Saturday
        # ordinary weeks
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Fri -> Mon
        (date(2026, 3, 7), 3, date(2026, 3, 11)),  # start on a Saturday
    ],
)
def test_add_workdays_2026(start, n, expected):
    assert CAL.add_workdays(start, n) == WorkdayResult(expected, False)


def test_zero_returns_start_even_on_a_holiday():
    assert CAL.add_workdays(date(2026, 10, 3), 0) == WorkdayResult(date(2026, 10, 3), False)
    assert CAL.add_workdays(date(2027, 1, 2), 0) == WorkdayResult(date(2027, 1, 2), False)


@pytest.mark.parametrize("n", [-1, 1.5, "3", True])
def test_bad_n_refused(n):
    with pytest.raises(InvalidInput):
        CAL.add_workdays(date(2026, 3, 2), n)


def test_datetime_is_cut_to_its_date():
    assert CAL.add_workdays(datetime(2026, 2, 12, 18, 30), 3).date == date(2026, 2, 24)


def test_uncovered_year_is_estimated_then_override_moves_result():
    # 2026-12-31 is a Thursday; 2027 is not covered, so Fri 2027-01-01 is guessed a workday.
    assert CAL.add_workdays(date(2026, 12, 31), 1) == WorkdayResult(date(2027, 1, 1), True)
    assert CAL.add_workdays(date(2026, 12, 31), 3) == WorkdayResult(date(2027, 1, 5), True)
    # The user enters New Year's Day 2027 (a Friday) as a holiday: the result moves to Mon 4th,
    # still estimated because 1-2/1-3/1-4 were guessed.
    cal = WorkCalendar({date(2027, 1, 1): False})
    assert cal.add_workdays(date(2026, 12, 31), 1) == WorkdayResult(date(2027, 1, 4), True)
    assert cal.add_workdays(date(2026, 12, 31), 3) == WorkdayResult(date(2027, 1, 6), True)


def test_covered_start_before_uncovered_year_not_estimated():
    # Only days from start+1 up to the result are classified.
    assert CAL.add_workdays(date(2026, 12, 28), 3) == WorkdayResult(date(2026, 12, 31), False)


def test_fully_overridden_stretch_is_not_estimated():
    own = {date(2027, 1, 1): False, date(2027, 1, 2): False, date(2027, 1, 3): False}
    own[date(2027, 1, 4)] = True
    cal = WorkCalendar(own)
    assert cal.add_workdays(date(2026, 12, 31), 1) == WorkdayResult(date(2027, 1, 4), False)


# ---- workdays_between -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2026, 2, 12), date(2026, 2, 24), 3),  # (Thu 12, Tue 24]
        (date(2026, 2, 13), date(2026, 2, 23), 1),  # only the make-up Saturday
        (date(2026, 2, 14), date(2026, 2, 23), 0),  # the whole break
        (date(2026, 9, 30), date(2026, 10, 10), 3),  # Thu 8, Fri 9, make-up Sat 10
        (date(2026, 3, 6), date(2026, 3, 9), 1),  # Fri -> Mon
        (date(2026, 3, 9), date(2026, 3, 9), 0),  # empty interval
        (date(2026, 3, 9), date(2026, 3, 2), 0),  # b before a
        (date(2026, 1, 1), date(2026, 12, 31), 248),  # 261 weekdays - 19 off + 6 调休
    ],
)
def test_workdays_between_2026(a, b, expected):
    assert CAL.workdays_between(a, b) == WorkdayCount(expected, False)


def test_workdays_between_uncovered():
    assert CAL.workdays_between(date(2026, 12, 31), date(2027, 1, 8)) == WorkdayCount(6, True)
    cal = WorkCalendar({date(2027, 1, 1): False})
    assert cal.workdays_between(date(2026, 12, 31), date(2027, 1, 8)) == WorkdayCount(5, True)
    assert cal.workdays_between(date(2026, 12, 31), date(2027, 1, 1)) == WorkdayCount(0, False)


def test_add_and_between_agree():
    for start in (date(2026, 2, 10), date(2026, 9, 17), date(2026, 12, 24)):
        for n in range(0, 12):
            end = CAL.add_workdays(start, n)
            assert CAL.workdays_between(start, end.date) == WorkdayCount(n, end.estimated)
