"""Pilot tests of every flow: first run, log → bar moves, errors in the form, delete → undo,
switch subject and year, search, calendar day, links. Today is pinned (conftest)."""

from __future__ import annotations

from textual.widgets import Button, DataTable, Input, SelectionList, Static

from dutylog.tui.dialogs.log_form import LogForm
from dutylog.tui.screens.dashboard import DashboardScreen
from dutylog.tui.screens.entries import EntriesScreen
from dutylog.tui.screens.onboarding import OnboardingScreen
from dutylog.tui.widgets.rules_list import RulesList
from dutylog.tui.widgets.virtual_table import VirtualTable

from .conftest import SIZE, TODAY


def rule_line(app, rule_id: str) -> str:
    return app.screen.query_one(RulesList).get_option(rule_id).prompt.plain


def shown_text(widget: Static) -> str:
    return str(widget.render())


async def run_command(pilot, text: str) -> None:
    """Type into the command palette, wait for its search to list a hit, run the first."""
    from textual.command import CommandList

    await pilot.press("ctrl+p", *text)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the palette searches in a worker
    await pilot.pause()
    commands = pilot.app.screen.query_one(CommandList)
    if commands.highlighted is None:
        await pilot.press("down")
    assert text in str(commands.highlighted_option.prompt)
    await pilot.press("enter")
    await pilot.pause()


async def press(pilot, selector: str) -> None:
    """Press a button again (a click within its 0.2 s press effect is ignored by Textual)."""
    pilot.app.screen.query_one(selector, Button).press()
    await pilot.pause()


async def test_first_run_asks_who_then_shows_the_dashboard(svc, make):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.click("#ob-name")
        await pilot.press(*"王明")
        roles = app.screen.query_one(SelectionList)
        roles.select("leader")
        roles.select("cadre")
        await pilot.click("#ob-add")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.subject == "王明"
        assert "research-days" in [o.id for o in app.screen.query_one(RulesList)._options]
    assert [s.roles for s in svc.subjects()] == [("leader", "cadre")]
    assert [s.since for s in svc.subjects()] == [svc.today]  # 从哪天开始记录: default today


async def test_first_run_asks_from_which_day_and_refuses_a_future_one(svc, make):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#ob-name", Input).value = "王明"
        app.screen.query_one(SelectionList).select("leader")
        app.screen.query_one("#ob-since", Input).value = "2099-01-01"
        await pilot.click("#ob-add")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingScreen)
        assert "2099-01-01" in str(app.screen.query_one("#err-since").render())
        assert svc.subjects() == []
        assert "起始日期：2099-01-01 晚于今天" in str(app.screen.query_one("#err-since").render())
        app.screen.query_one("#ob-since", Input).value = "2025-03-01"
        app.screen.query_one("#ob-add", Button).press()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    from datetime import date

    assert [s.since for s in svc.subjects()] == [date(2025, 3, 1)]


async def test_first_run_for_others_adds_several_and_refuses_no_role(svc, make):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#ob-others")
        await pilot.click("#ob-recorder")
        await pilot.press(*"李秘书")
        await pilot.click("#ob-name")
        await pilot.press(*"张市长")
        await pilot.click("#ob-add")  # no role ticked: refused next to the roles
        said = shown_text(app.screen.query_one("#err-role", Static))
        assert "请至少选一个角色" in said and "--role" not in said  # no CLI flag in the app
        app.screen.query_one(SelectionList).select("leader")
        await press(pilot, "#ob-add")
        assert app.screen.query_one("#ob-name", Input).value == ""
        await pilot.press(*"市政府党组")
        app.screen.query_one(SelectionList).select("party-group")
        await press(pilot, "#ob-add")
        await pilot.click("#ob-done")
        await pilot.pause()
        from dutylog.tui.screens.desk import DeskScreen

        assert isinstance(app.screen, DeskScreen)  # 李秘书 keeps two: the desk first
    assert [s.name for s in svc.subjects()] == ["张市长", "市政府党组"]
    assert svc.prefs.recorder() == "李秘书"


async def test_first_run_demo_leaves_the_users_database_empty(svc, make):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#ob-demo")
        await pilot.pause()
        assert app.demo and app.subject == "张海峰"
        assert isinstance(app.screen, DashboardScreen)
        demo_home = app.demo_home
        app.cleanup()
    assert svc.subjects() == []
    assert not demo_home.exists()


async def test_log_from_the_dashboard_moves_the_bar(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        assert "0 / ≥1" in rule_line(app, "party-lecture")
        await pilot.press("n")
        assert isinstance(app.screen, LogForm)
        await pilot.press(*"jdk", "enter")  # pinyin initials of 讲党课
        await pilot.press(*"七一党课")  # focus moved to the date: clear it, type the title
        app.screen.query_one("#date", Input).value = "昨天"
        app.screen.query_one("#title", Input).value = "七一专题党课"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "1 / ≥1" in rule_line(app, "party-lecture")
        assert "已完成" in rule_line(app, "party-lecture")
    saved = demo_svc.entries("张海峰", kinds=["party-lecture"], date_from=TODAY.replace(day=17))
    assert [(e.title, e.date.day) for e in saved] == [("七一专题党课", 17)]


async def test_form_shows_only_the_kinds_fields_and_errors_next_to_them(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"qyzf", "enter")  # 企业走访调研: needs a linked enterprise
        form = app.screen
        assert form.kind == "enterprise-visit"
        assert form.query_one("#row-object").display and not form.query_one("#row-days").display
        await pilot.press("ctrl+s")
        error = form.query_one("#err-object", Static)
        assert error.has_class("shown") and "必须选择联系对象" in shown_text(error)
        form.query_one("#date", Input).value = "2099-01-01"
        await pilot.press("ctrl+s")
        assert "晚于今天" in shown_text(form.query_one("#err-date", Static))
        form.query_one("#date", Input).value = "2025-02-30"
        await pilot.press("ctrl+s")
        assert "日历上没有" in shown_text(form.query_one("#err-date", Static))
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_unknown_kind_is_refused_in_words(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"zzzz")
        await pilot.press("ctrl+s")
        assert "类别" in shown_text(app.screen.query_one("#err-kind", Static))


async def test_delete_then_undo(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        assert isinstance(screen, EntriesScreen)
        before = screen.total
        screen.query_one(VirtualTable).move_cursor(row=5)
        first = screen.current_id()
        await pilot.press("x")
        assert screen.total == before - 1
        assert demo_svc.entry(first).deleted
        table = screen.query_one(VirtualTable)
        assert table.cursor_row == 5 and screen.current_id() != first  # on the next entry
        assert any("u" in n.message for n in app._notifications)
        await pilot.press("u")
        assert screen.total == before
        assert not demo_svc.entry(first).deleted


async def test_switch_subject_and_year_by_keys_and_palette(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert app.subject == "李晓梅"
        assert app.screen.dashboard_data.subject.name == "李晓梅"
        await pilot.press("left_square_bracket")
        assert app.screen.dashboard_data.year == 2024
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert app.year == 2025  # not past today's year
        await run_command(pilot, "切换对象：王建军")
        assert app.subject == "王建军"
        ids = [o.id for o in app.screen.query_one(RulesList)._options]
        assert "community-service" in ids and "research-days" not in ids


async def test_search_finds_chinese_substrings(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "slash")
        await pilot.press(*"凤城", "enter")
        await pilot.pause()
        screen = app.screen
        assert 0 < screen.total < len(demo_svc.entries("张海峰"))
        for e in screen.loaded:
            assert any("凤城" in (v or "") for v in (e.title, e.place, e.people, e.note))
        search = screen.query_one("#f-search", Input)
        search.value = "镇"  # one character
        await pilot.press("enter")

        def found() -> bool:
            return screen.total > 0 and bool(screen.loaded) and all(
                any("镇" in (v or "") for v in (e.title, e.place, e.people, e.note))
                for e in screen.loaded)

        for _ in range(100):  # the rows in sight are read as they are painted (a busy
            await pilot.pause()  # machine paints later: seen once under `make test`)
            if found():
                break
        assert found()


async def test_entries_filter_by_kind_and_dates(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        screen.query_one("#f-kind", Input).value = "yxbg"
        screen.query_one("#f-from", Input).value = "2025-01-01"
        screen.query_one("#f-to", Input).value = "今天"
        await pilot.click("#f-to")
        await pilot.press("enter")
        assert screen.total > 5
        assert {e.kind for e in screen.loaded} == {"frontline-office"}
        assert all(e.date.year == 2025 for e in screen.loaded)


async def test_entries_list_every_row_and_read_pages_when_painted(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        table = screen.query_one(VirtualTable)
        assert screen.total > 200 and len(screen.loaded) == table.row_count == screen.total
        assert list(screen.pages.pages) == [0]  # only the rows on screen were read
        table.move_cursor(row=150)
        await pilot.pause()
        assert list(screen.pages.pages) == [0, 1]
        dates = [e.date for e in screen.loaded]
        assert dates == sorted(dates, reverse=True)


async def test_calendar_day_lists_its_entries(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        heat = app.screen.query_one("#heatmap")
        busy = max(heat.counts, key=lambda d: (heat.counts[d], d))
        heat.cursor = busy
        await pilot.press("enter")
        table = app.screen.query_one("#day-entries", DataTable)
        assert table.row_count == heat.counts[busy] > 0


async def test_links_can_be_added_and_ended(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        await pilot.press(*"海阳测试企业", "enter")
        assert any(ln.name == "海阳测试企业" for ln in demo_svc.links("张海峰"))
        table = app.screen.query_one(DataTable)
        table.focus()
        row = [r.value for r in table.rows].index(
            next(ln.id for ln in demo_svc.links("张海峰") if ln.name == "海阳测试企业"))
        table.move_cursor(row=row)
        await pilot.press("x", "y")  # asked first (tests/tui/test_links_dialog.py)
        ended = next(ln for ln in demo_svc.links("张海峰") if ln.name == "海阳测试企业")
        assert ended.until == TODAY
        await pilot.press("escape")
        assert "4 / =3" in rule_line(app, "linked-enterprises")


async def test_user_text_is_not_markup(demo_svc, make):
    from dutylog.services import LogRequest

    demo_svc.log(LogRequest(kind="diary", subject="张海峰", date=TODAY, title="[bold]注意[/bold] [link=x]"))
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        table = app.screen.query_one(VirtualTable)
        titles = [table.get_row_at(i)[3].plain for i in range(table.row_count)]
        assert "[bold]注意[/bold] [link=x]" in titles


async def test_english_interface(demo_svc, make):
    app = make(demo_svc, lang="en")
    async with app.run_test(size=SIZE):
        line = shown_text(app.screen.query_one("#subject-line", Static))
        assert "as of 2025-06-18" in line
        assert "Field research days" in rule_line(app, "research-days")


async def test_open_an_entry_and_edit_it(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        screen.query_one("#f-kind", Input).value = "yxbg"
        await pilot.click("#f-kind")
        await pilot.press("enter")
        entry_id = screen.current_id()
        await pilot.press("enter")  # open the highlighted entry
        form = app.screen
        assert isinstance(form, LogForm) and form.entry.id == entry_id
        form.query_one("#note", Input).value = "补充：现场协调解决群众诉求3件"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert demo_svc.entry(entry_id).note == "补充：现场协调解决群众诉求3件"
        assert len(demo_svc.history(entry_id)) == 2


async def test_language_switch_from_the_palette_is_remembered(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "English")
        assert app.lang == "en"
        assert "Field research days" in rule_line(app, "research-days")
    assert demo_svc.prefs.saved_lang() == "en"


async def test_first_run_refuses_a_missing_policy_file_next_to_it(svc, make, tmp_path):
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#ob-policy", Input).value = str(tmp_path / "nope.toml")
        app.screen.query_one("#ob-name", Input).value = "王明"
        app.screen.query_one(SelectionList).select("leader")
        await pilot.click("#ob-add")
        assert "找不到政策文件" in shown_text(app.screen.query_one("#err-policy", Static))
        assert isinstance(app.screen, OnboardingScreen)
    assert svc.subjects() == []


async def test_clicking_a_heatmap_day_lists_it(demo_svc, make):
    from datetime import date

    from dutylog.tui.widgets.heatmap import LABEL_W

    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        heat = app.screen.query_one("#heatmap")
        day = date(2025, 6, 11)  # a petition reception day in the demo
        col = (day - heat.first_monday).days // 7
        await pilot.click("#heatmap", offset=(1 + LABEL_W + 2 * col, 1 + day.weekday()))
        assert heat.cursor == day
        table = app.screen.query_one("#day-entries", DataTable)
        assert table.row_count == heat.counts[day] > 0


async def test_the_dashboards_week_strip_opens_the_calendar_on_that_week(demo_svc, make):
    from datetime import date

    from dutylog.tui.screens.calendar import CalendarScreen
    from dutylog.tui.widgets.week_strip import LABEL_W

    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#week-strip", offset=(1 + LABEL_W + 2 * 10, 0))  # the 11th week
        assert isinstance(app.screen, CalendarScreen)
        assert app.screen.query_one("#heatmap").cursor == date(2025, 3, 10)


async def test_end_reaches_the_last_entry_at_once(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        await pilot.press("end")  # one press, however long the list (issue 14 §7)
        table = screen.query_one(VirtualTable)
        assert screen.total > 200 and table.cursor_row == screen.total - 1
        assert screen.current_id() == demo_svc.entries(app.subject, desc=True)[-1].id
        await pilot.press("home")
        assert table.cursor_row == 0

