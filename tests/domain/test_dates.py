"""Dates and days as users type them (CONTRACT.md: "Dates: YYYY-MM-DD; today and yesterday
(今天, 昨天) also accepted. A date in the future, a negative or zero --days … is refused";
"--days N (half days allowed …)"), and issue 11 part 2: 前天, N天前, 上周一…, 本周一…, M月D日,
YYYY/M/D, YYYY.M.D, YYYY年M月D日, full-width digits. Every expected date is computed by hand
in the comment beside it."""

from datetime import date, timedelta

import pytest

from dutylog.domain.dates import parse_date, parse_days, parse_year
from dutylog.domain.errors import InvalidInput
from dutylog.i18n import words

TODAY = date(2025, 6, 30)

said = words("en").refusal  # a refusal in English, as its code words it


@pytest.mark.parametrize(
    "text, expected",
    [
        ("今天", date(2025, 6, 30)),
        ("昨天", date(2025, 6, 29)),
        ("today", date(2025, 6, 30)),
        ("yesterday", date(2025, 6, 29)),
        ("Today", date(2025, 6, 30)),
        (" 2025-03-02 ", date(2025, 3, 2)),
        ("2024-02-29", date(2024, 2, 29)),  # leap day
        ("2025-06-30", date(2025, 6, 30)),
    ],
)
def test_parse_date_accepted(text, expected):
    assert parse_date(text, TODAY) == expected


def test_yesterday_across_month_and_leap_day():
    assert parse_date("yesterday", date(2025, 3, 1)) == date(2025, 2, 28)
    assert parse_date("昨天", date(2024, 3, 1)) == date(2024, 2, 29)
    assert parse_date("昨天", date(2025, 1, 1)) == date(2024, 12, 31)


@pytest.mark.parametrize(
    "text",
    [
        "2025-02-30", "2025-02-29", "2025-13-01", "2025-04-31", "", "abc", "明天", "tomorrow",
        "2025/02/30", "2025年2月29日", "2025.4.31", "2025-1/5",  # impossible, or mixed separators
        "2月30日", "13月1日", "0月1日", "上周八", "下周一", "周五", "十十天前", "99999天前", "2026/1",
        "05/01/2026", "20260105",
    ],
)
def test_parse_date_refused(text):
    with pytest.raises(InvalidInput) as exc:
        parse_date(text, TODAY)
    # one clear line naming what is accepted
    assert "YYYY-MM-DD" in said(exc.value)
    assert "\n" not in said(exc.value)
    assert said(exc.value).startswith("date: ")


def test_future_refused_only_when_asked():
    assert parse_date("2025-07-01", TODAY) == date(2025, 7, 1)
    with pytest.raises(InvalidInput) as exc:
        parse_date("2025-07-01", TODAY, allow_future=False)
    assert "future" in said(exc.value)
    # today itself is not the future
    assert parse_date("2025-06-30", TODAY, allow_future=False) == TODAY
    assert parse_date("今天", TODAY, allow_future=False) == TODAY


def test_refusal_names_the_field():
    with pytest.raises(InvalidInput) as exc:
        parse_date("2025-02-30", TODAY, field="since")
    assert exc.value.field == "since"
    assert "since" in said(exc.value)


@pytest.mark.parametrize("text, expected", [("0.5", 0.5), ("1.5", 1.5), ("1", 1.0), ("2", 2.0), (" 3 ", 3.0), (0.5, 0.5),
                                            ("半天", 0.5), ("半", 0.5), ("一天", 1.0), ("一天半", 1.5),
                                            ("两天", 2.0), ("十天", 10.0), ("2天", 2.0), ("１", 1.0), (2, 2.0)])
def test_parse_days_accepted(text, expected):
    assert parse_days(text) == expected


def test_parse_days_none_means_default():
    assert parse_days(None) is None


@pytest.mark.parametrize("text", ["0", "-1", "-0.5", "abc", "nan", "inf", "0.3", "1.25", "", 0, 0.3,
                                  "1e1", "1E1", "1_0", "0x1", "1.", "一", "一半", "天", "半半", "367",
                                  float("inf"), 1e400, True])
def test_parse_days_refused(text):
    with pytest.raises(InvalidInput) as exc:
        parse_days(text)
    assert exc.value.field == "days"


def test_parse_year():
    assert parse_year("2025") == 2025
    assert parse_year(2024) == 2024
    for bad in ("abc", "25x", "1899"):
        with pytest.raises(InvalidInput):
            parse_year(bad)


# ---- issue 11: dates as people type them --------------------------------------------------
# TODAY is Monday 2025-06-30 (1 Jan 2025 is a Wednesday; 30 Jun is 180 days later, 180 = 25·7 + 5).


@pytest.mark.parametrize(
    "text, expected",
    [
        # the day before yesterday
        ("前天", date(2025, 6, 28)),
        ("前日", date(2025, 6, 28)),
        ("the day before yesterday", date(2025, 6, 28)),
        ("Day  before yesterday", date(2025, 6, 28)),
        ("今日", date(2025, 6, 30)),
        # N days ago
        ("3天前", date(2025, 6, 27)),
        ("三天前", date(2025, 6, 27)),
        ("两天前", date(2025, 6, 28)),
        ("十天前", date(2025, 6, 20)),
        ("三十天前", date(2025, 5, 31)),  # 30 June - 30 = 31 May
        ("十五天前", date(2025, 6, 15)),
        ("0天前", date(2025, 6, 30)),
        ("365天前", date(2024, 6, 30)),  # no 29 Feb between 2024-06-30 and 2025-06-30
        ("10 days ago", date(2025, 6, 20)),
        ("1 day ago", date(2025, 6, 29)),
        ("３天前", date(2025, 6, 27)),  # full-width digit
        # year, month, day with every separator, padded or not
        ("2026/1/5", date(2026, 1, 5)),
        ("2026/01/05", date(2026, 1, 5)),
        ("2026.1.5", date(2026, 1, 5)),
        ("2026.01.05", date(2026, 1, 5)),
        ("2026-1-5", date(2026, 1, 5)),
        ("2026年1月5日", date(2026, 1, 5)),
        ("2026年11月3日", date(2026, 11, 3)),
        ("2026年01月05日", date(2026, 1, 5)),
        ("2026年1月5号", date(2026, 1, 5)),
        ("2026 年 1 月 5 日", date(2026, 1, 5)),
        ("２０２６／１／５", date(2026, 1, 5)),  # full-width digits and slash
        ("２０２６年１２月５日", date(2026, 12, 5)),
        ("\u30002026-01-05\u3000", date(2026, 1, 5)),  # ideographic spaces around
        ("2024/2/29", date(2024, 2, 29)),
        # month and day: this year, since neither is after 30 June
        ("1月5日", date(2025, 1, 5)),
        ("6月30日", date(2025, 6, 30)),
        ("１２月５日", date(2025, 12, 5)),  # after today, but this field allows the future
        ("3月 2 号", date(2025, 3, 2)),
    ],
)
def test_typed_forms(text, expected):
    assert parse_date(text, TODAY) == expected


def test_day_before_yesterday_across_month_year_and_leap_day():
    assert parse_date("前天", date(2025, 3, 1)) == date(2025, 2, 27)
    assert parse_date("前天", date(2024, 3, 1)) == date(2024, 2, 28)
    assert parse_date("前天", date(2024, 3, 2)) == date(2024, 2, 29)
    assert parse_date("前天", date(2026, 1, 1)) == date(2025, 12, 30)
    assert parse_date("2天前", date(2026, 1, 1)) == date(2025, 12, 30)


# 2026-01-02 is a Friday (1 Jan 2026 is a Thursday). Its ISO week runs Mon 2025-12-29 …
# Sun 2026-01-04; the week before runs Mon 2025-12-22 … Sun 2025-12-28.
NEW_YEAR = date(2026, 1, 2)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("上周一", date(2025, 12, 22)),
        ("上周二", date(2025, 12, 23)),
        ("上周三", date(2025, 12, 24)),
        ("上周四", date(2025, 12, 25)),
        ("上周五", date(2025, 12, 26)),
        ("上周六", date(2025, 12, 27)),
        ("上周日", date(2025, 12, 28)),
        ("上周天", date(2025, 12, 28)),
        ("上星期五", date(2025, 12, 26)),
        ("上礼拜五", date(2025, 12, 26)),
        ("本周一", date(2025, 12, 29)),
        ("这周三", date(2025, 12, 31)),
        ("这星期四", date(2026, 1, 1)),
        ("本周五", date(2026, 1, 2)),  # today
        ("本周六", date(2026, 1, 3)),  # future, allowed in this field
        ("本周日", date(2026, 1, 4)),
    ],
)
def test_weeks_across_new_year(text, expected):
    assert parse_date(text, NEW_YEAR) == expected


def test_weeks_on_a_monday_and_a_sunday():
    monday, sunday = date(2025, 6, 30), date(2025, 6, 29)
    assert parse_date("上周一", monday) == date(2025, 6, 23)
    assert parse_date("上周日", monday) == date(2025, 6, 29)  # yesterday
    assert parse_date("本周一", monday) == monday
    assert parse_date("本周日", monday) == date(2025, 7, 6)
    # Sunday still belongs to the week that began on Monday 23 June
    assert parse_date("本周一", sunday) == date(2025, 6, 23)
    assert parse_date("本周日", sunday) == sunday
    assert parse_date("上周日", sunday) == date(2025, 6, 22)
    assert parse_date("上周一", sunday) == date(2025, 6, 16)


def test_this_week_after_today_is_refused_where_the_future_is():
    with pytest.raises(InvalidInput) as exc:
        parse_date("本周六", NEW_YEAR, allow_future=False)
    assert "future" in said(exc.value)
    assert parse_date("本周五", NEW_YEAR, allow_future=False) == NEW_YEAR


def test_month_day_rolls_to_last_year_for_past_only_fields():
    # On 2 Jan 2026 a logged 12月5日 is last December's; 1月2日 is today; 1月1日 yesterday.
    assert parse_date("12月5日", NEW_YEAR, allow_future=False) == date(2025, 12, 5)
    assert parse_date("１２月５日", NEW_YEAR, allow_future=False) == date(2025, 12, 5)
    assert parse_date("1月2日", NEW_YEAR, allow_future=False) == date(2026, 1, 2)
    assert parse_date("1月1日", NEW_YEAR, allow_future=False) == date(2026, 1, 1)
    assert parse_date("1月3日", NEW_YEAR, allow_future=False) == date(2025, 1, 3)
    # A field that takes future dates (a due day) reads it as this year's, as typed.
    assert parse_date("1月3日", NEW_YEAR) == date(2026, 1, 3)
    assert parse_date("12月5日", NEW_YEAR) == date(2026, 12, 5)
    # A full date is never moved: a future one is refused where the future is.
    with pytest.raises(InvalidInput):
        parse_date("2026年1月3日", NEW_YEAR, allow_future=False)


def test_29_february_without_a_year():
    # 2026 is not a leap year: its 29 February does not exist.
    with pytest.raises(InvalidInput) as exc:
        parse_date("2月29日", date(2026, 3, 1), allow_future=False)
    assert "does not exist" in said(exc.value) and "YYYY-MM-DD" in said(exc.value)
    with pytest.raises(InvalidInput):
        parse_date("2月29日", date(2026, 3, 1))
    # On 10 Jan 2025 a past 2月29日 is last year's, and 2024 was a leap year.
    assert parse_date("2月29日", date(2025, 1, 10), allow_future=False) == date(2024, 2, 29)
    assert parse_date("2月29日", date(2024, 3, 1), allow_future=False) == date(2024, 2, 29)
    # … but read as this year's (a future-allowing field) it is 2025-02-29: refused.
    with pytest.raises(InvalidInput):
        parse_date("2月29日", date(2025, 1, 10))


def test_refusals_name_the_field_for_every_form():
    for text in ("2月30日", "上周八", "2026/2/30", "abc"):
        with pytest.raises(InvalidInput) as exc:
            parse_date(text, TODAY, field="opened")
        assert exc.value.field == "opened"
        assert said(exc.value).startswith("opened: ")
        assert "\n" not in said(exc.value)


def test_far_past_is_refused_not_crashed():
    with pytest.raises(InvalidInput):
        parse_date("36601天前", TODAY)
    with pytest.raises(InvalidInput):
        parse_date("36600天前", date(50, 1, 1))  # before year 1


# ---- properties: every written form of a day reads back as that day ------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

DAYS = st.dates(min_value=date(2001, 1, 1), max_value=date(2035, 6, 1))  # today + 10 years at most (issue 12)


@given(DAYS)
def test_every_full_form_reads_back(d):
    forms = [d.isoformat(), f"{d.year}/{d.month}/{d.day}", f"{d.year}.{d.month}.{d.day}",
             f"{d.year}-{d.month}-{d.day}", f"{d.year}年{d.month}月{d.day}日",
             f"{d.year}/{d.month:02d}/{d.day:02d}"]
    wide = str.maketrans("0123456789/.-", "０１２３４５６７８９／．－")
    for form in forms + [f.translate(wide) for f in forms]:
        assert parse_date(form, TODAY) == d, form


@given(DAYS, st.sampled_from("一二三四五六日"))
def test_last_week_is_the_previous_iso_week(today, weekday):
    last = parse_date(f"上周{weekday}", today)
    this = parse_date(f"本周{weekday}", today)
    assert this - last == timedelta(days=7)
    assert this.isocalendar()[:2] == today.isocalendar()[:2]
    assert last.weekday() == "一二三四五六日".index(weekday)


@given(DAYS, DAYS)
def test_month_day_is_the_latest_such_day_not_after_today(today, d):
    text = f"{d.month}月{d.day}日"
    try:
        got = parse_date(text, today, allow_future=False)
    except InvalidInput:
        # only a 29 February whose chosen year is not a leap year
        assert (d.month, d.day) == (2, 29)
        return
    assert got <= today and (got.month, got.day) == (d.month, d.day)
    assert today - got < timedelta(days=366)
