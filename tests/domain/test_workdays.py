"""Working days, hand-computed against the 2026 official calendar (checked with the
chinesecalendar package):

- Spring Festival 2026: holiday Sun 02-15 … Mon 02-23; make-up Saturdays 02-14 and 02-28.
- Mid-autumn 2026: holiday Fri 09-25 … Sun 09-27.
- National Day 2026: holiday Thu 10-01 … Wed 10-07; make-up Sun 09-20 and Sat 10-10.
- 2027 is not covered by the package: it is estimated — weekends and the statutory holidays
  (with 补假 for those on a weekend) are off, no 调休 is guessed — and flagged estimated.
  The 2027 and 2028 holidays below are computed by hand from the lunar dates (春节 2027-02-06,
  2028-01-26; 端午 2027-06-09, 2028-05-28; 中秋 2027-09-15, 2028-10-03) and the 清明 solar
  term (2027-04-05, 2028-04-04), weekdays counted from 1 Jan 2027 (a Friday) and 1 Jan 2028
  (a Saturday).
"""

from datetime import date, datetime

import pytest

from dutylog.domain.errors import InvalidInput
from dutylog.domain.workdays import WorkCalendar, WorkdayCount, WorkdayResult, estimated_holidays

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
    assert CAL.is_workday(date(2027, 1, 1)) == (False, True)  # 元旦, a Friday, estimated
    assert CAL.is_workday(date(2027, 1, 2)) == (False, True)  # a Saturday
    assert CAL.is_workday(date(2027, 1, 4)) == (True, True)  # a Monday
    assert CAL.is_workday(date(2003, 6, 2)) == (True, True)  # before the package's data
    assert CAL.is_workday(date(2003, 1, 1)) == (True, True)  # no holiday estimate before 2025
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
    # 2026-12-31 is a Thursday; 2027 is not covered: Fri 1 Jan 2027 (元旦) is an estimated
    # holiday and 2–3 Jan a weekend, so the next working day is Mon 4 Jan.
    assert CAL.add_workdays(date(2026, 12, 31), 1) == WorkdayResult(date(2027, 1, 4), True)
    assert CAL.add_workdays(date(2026, 12, 31), 3) == WorkdayResult(date(2027, 1, 6), True)
    # issue 11: `workday 2026-12-30 3` — Thu 31 Dec (1), Mon 4 Jan (2), Tue 5 Jan (3)
    assert CAL.add_workdays(date(2026, 12, 30), 3) == WorkdayResult(date(2027, 1, 5), True)
    # The user enters the notice's make-up Saturday 2 Jan 2027 (hypothetical): it counts,
    # and since 1 and 2 Jan are both the user's own entries, the answer is exact.
    cal = WorkCalendar({date(2027, 1, 1): False, date(2027, 1, 2): True})
    assert cal.add_workdays(date(2026, 12, 31), 1) == WorkdayResult(date(2027, 1, 2), False)
    assert cal.add_workdays(date(2026, 12, 31), 2) == WorkdayResult(date(2027, 1, 4), True)
    # A user entry can also make an estimated holiday a workday.
    cal = WorkCalendar({date(2027, 1, 1): True})
    assert cal.add_workdays(date(2026, 12, 31), 1) == WorkdayResult(date(2027, 1, 1), False)


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
    # (Thu 31 Dec, Fri 8 Jan]: 元旦 and the weekend off, Mon 4 – Fri 8 Jan worked
    assert CAL.workdays_between(date(2026, 12, 31), date(2027, 1, 8)) == WorkdayCount(5, True)
    assert CAL.workdays_between(date(2026, 12, 31), date(2027, 1, 1)) == WorkdayCount(0, True)
    cal = WorkCalendar({date(2027, 1, 1): False})
    assert cal.workdays_between(date(2026, 12, 31), date(2027, 1, 8)) == WorkdayCount(5, True)
    assert cal.workdays_between(date(2026, 12, 31), date(2027, 1, 1)) == WorkdayCount(0, False)


def test_add_and_between_agree():
    for start in (date(2026, 2, 10), date(2026, 9, 17), date(2026, 12, 24), date(2027, 2, 1),
                  date(2027, 9, 28), date(2028, 9, 27)):
        for n in range(0, 12):
            end = CAL.add_workdays(start, n)
            assert CAL.workdays_between(start, end.date) == WorkdayCount(n, end.estimated)


# ---- the estimate for years the package does not cover ------------------------------------


def _d(year, *month_days):
    return [date(year, m, d) for m, d in month_days]


EXPECTED_2027 = {
    # 元旦: Fri 1 Jan — on a weekday, nothing to make up
    "元旦": _d(2027, (1, 1)),
    # 春节: 除夕 Fri 5 Feb, 初一 Sat 6, 初二 Sun 7, 初三 Mon 8; two on the weekend
    "春节": _d(2027, (2, 5), (2, 6), (2, 7), (2, 8)),
    "春节补假": _d(2027, (2, 9), (2, 10)),  # Tue 9, Wed 10
    # 清明: Mon 5 Apr
    "清明节": _d(2027, (4, 5)),
    # 劳动节: Sat 1 and Sun 2 May, made up Mon 3 and Tue 4
    "劳动节": _d(2027, (5, 1), (5, 2)),
    "劳动节补假": _d(2027, (5, 3), (5, 4)),
    # 端午: Wed 9 Jun; 中秋: Wed 15 Sep
    "端午节": _d(2027, (6, 9)),
    "中秋节": _d(2027, (9, 15)),
    # 国庆: Fri 1, Sat 2, Sun 3 Oct, made up Mon 4 and Tue 5
    "国庆节": _d(2027, (10, 1), (10, 2), (10, 3)),
    "国庆节补假": _d(2027, (10, 4), (10, 5)),
}

EXPECTED_2028 = {
    # 元旦: Sat 1 Jan, made up Mon 3 Jan (Sun 2 is a weekend anyway)
    "元旦": _d(2028, (1, 1)),
    "元旦补假": _d(2028, (1, 3)),
    # 春节: 除夕 Tue 25 Jan, 初一 Wed 26, 初二 Thu 27, 初三 Fri 28 — all weekdays
    "春节": _d(2028, (1, 25), (1, 26), (1, 27), (1, 28)),
    # 清明: Tue 4 Apr (a leap year's 清明 falls on the 4th)
    "清明节": _d(2028, (4, 4)),
    # 劳动节: Mon 1, Tue 2 May
    "劳动节": _d(2028, (5, 1), (5, 2)),
    # 端午: Sun 28 May, made up Mon 29
    "端午节": _d(2028, (5, 28)),
    "端午节补假": _d(2028, (5, 29)),
    # 国庆 Sun 1, Mon 2, Tue 3 Oct, and 中秋 on Tue 3 Oct too: Sunday's day and the shared
    # day are both made up, Wed 4 and Thu 5
    "国庆节": _d(2028, (10, 1), (10, 2), (10, 3)),
    "国庆节补假": _d(2028, (10, 4)),
    "中秋节补假": _d(2028, (10, 5)),
}


@pytest.mark.parametrize(("year", "expected"), [(2027, EXPECTED_2027), (2028, EXPECTED_2028)])
def test_estimated_holidays_by_hand(year, expected):
    want = {day: name for name, days in expected.items() for day in days}
    assert estimated_holidays(year) == want
    for day in want:
        assert CAL.is_workday(day) == (False, True)


@pytest.mark.parametrize(
    ("day", "workday"),
    [
        (date(2027, 2, 4), True),  # Thu before 除夕
        (date(2027, 2, 11), True),  # Thu after the made-up days
        (date(2027, 2, 20), False),  # an ordinary Saturday: no 调休 guessed
        (date(2027, 4, 6), True),
        (date(2027, 5, 5), True),
        (date(2027, 10, 6), True),
        (date(2027, 10, 9), False),  # no make-up Saturday guessed either
        (date(2028, 1, 2), False),  # Sunday
        (date(2028, 1, 4), True),
        (date(2028, 1, 24), True),
        (date(2028, 1, 29), False),  # Saturday after 春节
        (date(2028, 1, 31), True),
        (date(2028, 5, 3), True),
        (date(2028, 5, 30), True),
        (date(2028, 10, 6), True),  # Fri after 国庆 and 中秋
    ],
)
def test_estimated_workdays_around_the_holidays(day, workday):
    assert CAL.is_workday(day) == (workday, True)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2027, 2, 4), 1, date(2027, 2, 11)),  # over 春节 2027 and its made-up days
        (date(2027, 2, 5), 3, date(2027, 2, 15)),  # Thu 11, Fri 12, Mon 15
        (date(2027, 4, 2), 1, date(2027, 4, 6)),  # Fri → over the weekend and 清明
        (date(2027, 4, 30), 1, date(2027, 5, 5)),
        (date(2027, 6, 8), 1, date(2027, 6, 10)),
        (date(2027, 9, 14), 1, date(2027, 9, 16)),
        (date(2027, 9, 30), 1, date(2027, 10, 6)),
        (date(2027, 12, 31), 1, date(2028, 1, 4)),  # Fri → 元旦 Sat, Sun, 补假 Mon 3
        (date(2028, 1, 24), 1, date(2028, 1, 31)),  # Mon → Tue–Fri 春节, weekend
        (date(2028, 4, 3), 1, date(2028, 4, 5)),
        (date(2028, 4, 28), 1, date(2028, 5, 3)),
        (date(2028, 5, 26), 1, date(2028, 5, 30)),
        (date(2028, 9, 29), 1, date(2028, 10, 6)),
    ],
)
def test_add_workdays_estimated(start, n, expected):
    assert CAL.add_workdays(start, n) == WorkdayResult(expected, True)


def test_estimate_agrees_with_the_official_2025_and_2026_calendars():
    # The same law was in force; the notices add 调休 around it, never take a day away.
    import chinese_calendar

    english = {"元旦": "New Year's Day", "春节": "Spring Festival", "清明节": "Tomb-sweeping Day",
               "劳动节": "Labour Day", "端午节": "Dragon Boat Festival", "中秋节": "Mid-autumn Festival",
               "国庆节": "National Day"}
    for year in (2025, 2026):
        days = estimated_holidays(year)
        assert len([n for n in days.values() if not n.endswith("补假")]) == 13  # article 2: 1+4+1+2+1+1+3
        for day, name in days.items():
            on_holiday, official = chinese_calendar.get_holiday_detail(day)
            assert on_holiday, (day, name)
            assert official == english[name.removesuffix("补假")], (day, name, official)


def test_2026_saturday_of_national_day_made_up_on_monday():
    # 2026: 国庆 Thu 1 – Sat 3 Oct, made up Mon 5 (Sun 4 is a weekend); 中秋 Fri 25 Sep
    days = estimated_holidays(2026)
    assert days[date(2026, 10, 5)] == "国庆节补假" and days[date(2026, 9, 25)] == "中秋节"


def test_qingming_agrees_with_lunar_python_solar_terms():
    import chinese_calendar
    from lunar_python import Lunar

    for year in range(2004, 2100, 7):
        table = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
        (day, _), = [t for t in chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
                     if t[1] == "清明"]
        assert day == date(table.getYear(), table.getMonth(), table.getDay()), year


def test_lunar_festivals_agree_with_the_official_calendar():
    # 春节 (正月初一), 端午 and 中秋 from lunar-python are official holidays every covered year.
    import chinese_calendar

    from dutylog.domain.workdays import _lunar

    for year in range(2008, 2027):  # 端午 and 中秋 are holidays since 2008
        for (m, d), name in (((1, 1), "Spring Festival"), ((5, 5), "Dragon Boat Festival"),
                             ((8, 15), "Mid-autumn Festival")):
            day = _lunar(year, m, d)
            assert chinese_calendar.get_holiday_detail(day)[0], (year, name, day)


def test_no_estimate_before_the_2025_rules():
    assert estimated_holidays(2003) == {}
    assert estimated_holidays(2024) == {}
    assert len(estimated_holidays(2099)) >= 14
    assert set(estimated_holidays(2101).values()) >= {"元旦", "劳动节", "国庆节"}  # no lunar data used


@pytest.mark.parametrize("year", ["2027", 2027.0, True])
def test_estimated_holidays_wants_a_year(year):
    with pytest.raises(InvalidInput):
        estimated_holidays(year)
