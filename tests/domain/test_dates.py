"""Dates and days as users type them (CONTRACT.md: "Dates: YYYY-MM-DD; today and yesterday
(今天, 昨天) also accepted. A date in the future, a negative or zero --days … is refused";
"--days N (half days allowed …)")."""

from datetime import date

import pytest

from dutylog.domain.dates import parse_date, parse_days, parse_year
from dutylog.domain.errors import InvalidInput

TODAY = date(2025, 6, 30)


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
    ["2025-02-30", "2025-02-29", "2025-13-01", "2025-04-31", "2025/03/02", "2025-3-2", "", "abc", "明天", "tomorrow"],
)
def test_parse_date_refused(text):
    with pytest.raises(InvalidInput) as exc:
        parse_date(text, TODAY)
    # one clear line naming what is accepted
    assert "YYYY-MM-DD" in str(exc.value)
    assert "\n" not in str(exc.value)


def test_future_refused_only_when_asked():
    assert parse_date("2025-07-01", TODAY) == date(2025, 7, 1)
    with pytest.raises(InvalidInput) as exc:
        parse_date("2025-07-01", TODAY, allow_future=False)
    assert "future" in str(exc.value)
    # today itself is not the future
    assert parse_date("2025-06-30", TODAY, allow_future=False) == TODAY
    assert parse_date("今天", TODAY, allow_future=False) == TODAY


def test_refusal_names_the_field():
    with pytest.raises(InvalidInput) as exc:
        parse_date("2025-02-30", TODAY, field="since")
    assert exc.value.field == "since"
    assert "since" in str(exc.value)


@pytest.mark.parametrize("text, expected", [("0.5", 0.5), ("1.5", 1.5), ("1", 1.0), ("2", 2.0), (" 3 ", 3.0), (0.5, 0.5)])
def test_parse_days_accepted(text, expected):
    assert parse_days(text) == expected


def test_parse_days_none_means_default():
    assert parse_days(None) is None


@pytest.mark.parametrize("text", ["0", "-1", "-0.5", "abc", "nan", "inf", "0.3", "1.25", "", 0, 0.3])
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
