"""issue 11 §2: a date field shows the date its text names before anything is saved —
上周五 shows "= 2026-11-20 星期五" beside the field — and text naming no date says why."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static

TODAY = date(2026, 11, 28)  # a Saturday: 上周五 is Friday 20 November


@pytest.fixture
def svc():
    from dutylog.services import Dutylog

    service = Dutylog.open(today=TODAY)
    service.add_subject("王明", ["leader"], since=date(2026, 1, 1))
    yield service
    service.close()


def app_for(svc, lang="zh"):
    from dutylog.tui.app import make_app

    return make_app(svc, today=TODAY, lang=lang, blink=False, theme="textual-dark", animations=False)


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def type_into(pilot, screen, selector: str, text: str) -> None:
    screen.query_one(selector, Input).value = text
    await pilot.pause()


async def test_the_log_form_shows_the_date_before_saving_and_saves_it(svc):
    from dutylog.tui.dialogs.log_form import LogForm

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LogForm("王明", kind="diary"))
        await pilot.pause()
        form = app.screen
        assert shown(form, "#date-hint") == "= 2026-11-28 星期六"  # the 今天 it opens with
        await type_into(pilot, form, "#date", "上周五")
        assert shown(form, "#date-hint") == "= 2026-11-20 星期五"
        await type_into(pilot, form, "#date", "11月3日")
        assert shown(form, "#date-hint") == "= 2026-11-03 星期二"
        await type_into(pilot, form, "#date", "2026年12月1日")  # after today: refused, in words
        assert shown(form, "#date-hint").startswith("日期：2026-12-")
        await type_into(pilot, form, "#date", "2026-02-30")
        assert shown(form, "#date-hint").startswith("日期：日历上没有")
        await type_into(pilot, form, "#date", "下周")
        assert shown(form, "#date-hint").startswith("日期：“下周”不是日期")
        assert svc.entries("王明") == []  # nothing written while typing
        await type_into(pilot, form, "#date", "前天")
        assert shown(form, "#date-hint") == "= 2026-11-26 星期四"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [e.date for e in svc.entries("王明")] == [date(2026, 11, 26)]


async def test_in_english_the_weekday_is_english(svc):
    from dutylog.tui.dialogs.log_form import LogForm

    app = app_for(svc, "en")
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LogForm("王明", kind="diary"))
        await pilot.pause()
        await type_into(pilot, app.screen, "#date", "上周五")
        assert shown(app.screen, "#date-hint") == "= 2026-11-20 Friday"


async def test_the_ledger_form_shows_its_dates_and_a_due_day_may_be_ahead(svc):
    from dutylog.tui.dialogs.form import FormDialog
    from dutylog.tui.screens.ledger import LedgerScreen

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LedgerScreen("王明"))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        assert shown(form, "#h-opened") == "= 2026-11-28 星期六"
        assert "可留空" in shown(form, "#h-due")  # a blank due day: what it means, beside it
        await type_into(pilot, form, "#f-due", "12月10日")  # a due day may be after today
        assert shown(form, "#h-due") == "= 2026-12-10 星期四"
        await type_into(pilot, form, "#f-opened", "12月10日")  # a past day: last year's
        assert shown(form, "#h-opened") == "= 2025-12-10 星期三"
        await type_into(pilot, form, "#f-opened", "2026-12-10")  # an opened day may not be ahead
        assert shown(form, "#h-opened").startswith("日期：2026-12-")
        await type_into(pilot, form, "#f-opened", "本周一")
        assert shown(form, "#h-opened") == "= 2026-11-23 星期一"
        await type_into(pilot, form, "#f-title", "督办函")
        form.action_submit()
        await pilot.pause()
    [item] = svc.ledger_list("王明")
    assert (item.opened, item.due) == (date(2026, 11, 23), date(2026, 12, 10))


async def test_the_leave_form_and_the_links_dialog_show_theirs(svc):
    from dutylog.tui.dialogs.links import LinksDialog
    from dutylog.tui.screens.leave import LeaveScreen

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeaveScreen("王明"))
        await pilot.pause()
        app.screen.action_request()
        await pilot.pause()
        form = app.screen
        await type_into(pilot, form, "#f-depart", "2026/12/5")
        assert shown(form, "#h-depart") == "= 2026-12-05 星期六"
        form.dismiss(None)
        await pilot.pause()
        app.push_screen(LinksDialog("王明"))
        await pilot.pause()
        await type_into(pilot, app.screen, "#link-since", "2026.3.1")
        assert shown(app.screen, "#link-since-hint") == "= 2026-03-01 星期日"


async def test_the_entries_filter_says_which_dates_it_read(svc):
    from dutylog.tui.screens.entries import EntriesScreen

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        app.subject = "王明"
        app.push_screen(EntriesScreen())
        await pilot.pause()
        await type_into(pilot, app.screen, "#f-from", "上周一")
        app.screen.query_one("#f-from", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app.screen, "#count").endswith("；日期 2026-11-16 至 …")
