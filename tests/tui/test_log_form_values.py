"""Issue 14 part 3: the log form as people fill it. Enter moves on, Ctrl+S saves; every
value of the days and date fields, accepted and refused, in the CLI's words (and Chinese).

Today is 2025-06-18 (conftest). An entry dated 2025-06-16 may last at most 3 days (16, 17
and 18 June); one dated today at most 1.
"""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static

from dutylog.tui.dialogs.log_form import LogForm
from dutylog.tui.screens.dashboard import DashboardScreen

from .conftest import SIZE
from .test_flows import shown_text

ACCEPTED = [("0.5", 0.5), ("半天", 0.5), ("半", 0.5), ("1", 1.0), ("一天", 1.0), ("2", 2.0),
            ("3", 3.0), ("一天半", 1.5), ("两天", 2.0), ("１", 1.0)]
# (days, date, the refusal's words — one catalog wording for the CLI and the form, issue 11)
REFUSED = [
    ("1e1", "2025-06-16", "天数：“1e1”不是天数"),
    ("1E1", "2025-06-16", "天数：“1E1”不是天数"),
    ("inf", "2025-06-16", "天数：“inf”不是天数"),
    ("1_0", "2025-06-16", "天数：“1_0”不是天数"),
    ("一", "2025-06-16", "天数：“一”不是天数"),
    ("0", "2025-06-16", "天数：0 须大于 0"),
    ("-1", "2025-06-16", "天数：-1 须大于 0"),
    ("0.3", "2025-06-16", "天数：0.3 不是整天或半天"),
    ("3.5", "2025-06-16", "天数：从 2025-06-16 起 3.5 天会超过今天（2025-06-18）；最多 3 天"),
    ("100", "2025-06-16", "天数：从 2025-06-16 起 100 天会超过今天（2025-06-18）；最多 3 天"),
    ("366", "2025-01-01", "天数：从 2025-01-01 起 366 天会超过今天（2025-06-18）；最多 169 天"),
    ("367", "2024-01-01", "天数：367 超过一年"),
    ("1.5", "2025-06-18", "天数：从 2025-06-18 起 1.5 天会超过今天（2025-06-18）；最多 1 天"),
]
DATES_REFUSED = [
    ("1999-12-31", "日期：1999-12-31 早于 2000 年"),
    ("0001-01-01", "日期：0001-01-01 早于 2000 年"),
    ("2025-06-19", "日期：2025-06-19 晚于今天（2025-06-18）"),
    ("2025-02-30", "日期：日历上没有 2025-02-30 这一天"),
]


@pytest.fixture
def leader(svc):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    return svc


async def open_research_form(pilot, when: str, days: str) -> LogForm:
    await pilot.press("n", *"jcdy", "enter")  # 基层调研 (field research), by pinyin
    form = pilot.app.screen
    assert isinstance(form, LogForm) and form.kind == "field-research"
    form.query_one("#date", Input).value = when
    form.query_one("#days", Input).value = days
    return form


async def test_every_accepted_days_value_is_saved(leader, make):
    app = make(leader)
    async with app.run_test(size=SIZE) as pilot:
        for text, expected in ACCEPTED:
            await open_research_form(pilot, "2025-06-16", text)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen), text
            newest = max(leader.entries("王明"), key=lambda e: e.updated_at)
            assert newest.days == expected, text
    assert len(leader.entries("王明")) == len(ACCEPTED)


async def test_every_refused_days_value_is_refused_in_the_clis_words(leader, make, run):
    app = make(leader)
    async with app.run_test(size=SIZE) as pilot:
        for days, when, words in REFUSED:
            form = await open_research_form(pilot, when, days)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen is form, days
            error = shown_text(form.query_one("#err-days", Static))
            assert words in error, (days, error)
            await pilot.press("escape")
            await pilot.pause()
    assert leader.entries("王明") == []


def test_the_cli_says_the_same(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-06-18")
    assert run("subject", "add", "王明", "--role", "leader", "--since", "2025-01-01").code == 0
    for days, when, words in REFUSED:
        r = run("log", "field-research", "--subject", "王明", "--date", when, "--days", days)
        assert r.code == 2 and words in r.err, (days, r.err)
    ok = run("log", "field-research", "--subject", "王明", "--date", "2025-06-16", "--days", "半天")
    assert ok.code == 0, ok.err


async def test_enter_on_the_last_field_saves(leader, make):
    app = make(leader)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"mqrj", "enter")  # 民情日记: date, title, place, people, note
        form = app.screen
        assert form.kind == "diary" and form.focused is form.query_one("#date", Input)
        for _ in range(4):
            await pilot.press("enter")
            assert app.screen is form
        assert form.focused is form.query_one("#note", Input)
        await pilot.press(*"听取意见", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    assert [e.note for e in leader.entries("王明")] == ["听取意见"]


async def test_dates_before_2000_or_after_today_are_refused(leader, make):
    app = make(leader)
    async with app.run_test(size=SIZE) as pilot:
        for when, words in DATES_REFUSED:
            form = await open_research_form(pilot, when, "1")
            await pilot.press("ctrl+s")
            await pilot.pause()
            error = shown_text(form.query_one("#err-date", Static))
            assert words in error, (when, error)
            await pilot.press("escape")
            await pilot.pause()
    assert leader.entries("王明") == []


async def test_enter_moves_to_the_next_field_and_saves_on_the_last(leader, make):
    app = make(leader)
    async with app.run_test(size=SIZE) as pilot:
        form = await open_research_form(pilot, "2025-06-16", "1")
        form.query_one("#date", Input).focus()
        await pilot.press("enter")
        assert form.focused is form.query_one("#days", Input)
        await pilot.press("enter")  # on to 四不两直, then the title: nothing saved yet
        assert leader.entries("王明") == []
        assert form.focused.id == "four_no"
        await pilot.press("tab")
        assert form.focused is form.query_one("#title", Input)
        await pilot.press(*"调研", "enter")
        assert form.focused is form.query_one("#place", Input)
        assert app.screen is form and leader.entries("王明") == []
        await pilot.press(*"发城镇", "enter", "enter")  # place, people
        assert form.focused is form.query_one("#note", Input)
        await pilot.press("enter")  # on to the (optional) linked object, a list: Enter opens it
        assert form.focused is form.query_one("#object")
        assert app.screen is form and leader.entries("王明") == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    [saved] = leader.entries("王明")
    assert (saved.title, saved.place, saved.days) == ("调研", "发城镇", 1.0)
