"""The holiday file template shipped with the package (issue 11 part 6): it documents the
format `dutylog holidays import` reads, and its commented example — the 2026 notice — says
exactly what the built-in calendar says about 2026."""

from __future__ import annotations

import re
from datetime import date, timedelta

import chinese_calendar

from dutylog.policy import holidays_template_text

TEXT = holidays_template_text()
EXAMPLE = re.compile(r"^# (\d{4}-\d{2}-\d{2}(?:\.\.\d{4}-\d{2}-\d{2})?) (holiday|workday) (\S+)$")


def _example() -> dict[date, str]:
    days = {}
    for line in TEXT.splitlines():
        if m := EXAMPLE.match(line):
            first, _, last = m[1].partition("..")
            day, end = date.fromisoformat(first), date.fromisoformat(last or first)
            while day <= end:
                days[day] = m[2]
                day += timedelta(days=1)
    return days


def test_template_documents_the_format():
    for words in ("dutylog holidays import", "YYYY-MM-DD", "..", "holiday", "workday", "休", "班", "#", "UTF-8"):
        assert words in TEXT, words


def test_template_has_no_live_line():
    # Imported unchanged it enters nothing: every line is a comment or blank.
    assert [line for line in TEXT.splitlines() if line.split("#", 1)[0].strip()] == []


def test_example_is_the_2026_notice():
    example = _example()
    assert len(example) >= 30
    for day, kind in example.items():
        assert chinese_calendar.is_workday(day) is (kind == "workday"), day
    # … and it leaves nothing of the notice out: every weekday off and weekend day worked
    day = date(2026, 1, 1)
    while day.year == 2026:
        unusual = chinese_calendar.is_workday(day) is (day.weekday() >= 5)
        if unusual:
            assert day in example, day
        day += timedelta(days=1)
