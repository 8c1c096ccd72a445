"""Issue 14 part 2: the operator (本机使用者), pending entries on the dashboard and in the
entries list, confirmed-only progress, and the review screen's questions."""

from __future__ import annotations

from datetime import date

from textual.widgets import Input

from dutylog.services import LogRequest
from dutylog.tui.dialogs.ask import AskDialog
from dutylog.tui.dialogs.form import FormDialog
from dutylog.tui.screens.dashboard import DashboardScreen
from dutylog.tui.screens.review import ReviewScreen

from .conftest import SIZE
from .test_flows import press, rule_line, run_command


def secretary_and_leader(svc):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    svc.prefs.save_recorder("李秘书")
    own = svc.log(LogRequest("field-research", "王明", date(2025, 6, 2), days=1, place="留格庄镇"))
    a = svc.log(LogRequest("field-research", "王明", date(2025, 6, 9), days=1, place="发城镇",
                           by="李秘书"))
    b = svc.log(LogRequest("field-research", "王明", date(2025, 6, 16), days=0.5, place="徐家店镇",
                           by="李秘书"))
    return own, a, b


def research(app):
    return next(r for r in app.screen.dashboard_data.results if r.rule.id == "research-days")


async def test_pending_counted_per_rule_and_confirmed_only_toggle(svc, make):
    secretary_and_leader(svc)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        # 1 + 1 + 0.5 = 2.5 days counted, 2 of the entries still pending
        assert research(app).actual == 2.5
        assert "含待确认 2" in rule_line(app, "research-days")
        assert "\n" not in rule_line(app, "research-days").split("\n")[0]
        footer = {b.binding.key: b.binding.description for b in app.screen.active_bindings.values()}
        assert footer["r"] == "待确认 2"
        await pilot.press("o")  # confirmed only: the leader's own day
        await pilot.pause()
        assert research(app).actual == 1.0
        assert "仅计已确认" in str(app.screen.query_one("#subject-line").render())
        await pilot.press("o")
        await pilot.pause()
        assert research(app).actual == 2.5


async def test_entries_list_marks_pending(svc, make):
    secretary_and_leader(svc)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        from dutylog.tui.widgets.virtual_table import VirtualTable

        table = app.screen.query_one(VirtualTable)
        by = [table.get_row_at(i)[6].plain for i in range(3)]  # newest first
        assert by == ["李秘书 · 待确认", "李秘书 · 待确认", "王明"]


async def test_confirm_asks_when_the_operator_is_not_the_subject(svc, make):
    _, a, b = secretary_and_leader(svc)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert "2 条" in str(app.screen.query_one("#review-title").render())
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        assert app.screen.question == "由王明本人确认？"
        await pilot.press("n")  # not asked: nothing confirmed
        await pilot.pause()
        assert len(svc.pending("王明")) == 2
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert len(svc.pending("王明")) == 1
        confirmed = next(e for e in (svc.entry(a.id), svc.entry(b.id)) if e.confirmed_by)
        assert confirmed.confirmed_by == "王明"
        last = svc.history(confirmed.id)[-1]
        assert (last.reason, last.changed_by, last.field("confirmed_by")) == ("confirm", "李秘书", "王明")
        # reject asks, and u brings the entry back
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        await pilot.press("y")
        await pilot.pause()
        assert svc.pending("王明") == []
        await pilot.press("u")
        await pilot.pause()
        assert len(svc.pending("王明")) == 1
        await pilot.press("escape")
        await pilot.pause()
        assert "含待确认 1" in rule_line(app, "research-days")


async def test_the_operator_is_set_from_the_palette_and_recorded_by_default(svc, make):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    svc.prefs.save_recorder("王明")
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "设置本机使用者")
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#f-name", Input).value = "李秘书"
        await press(pilot, "#ok")
        assert svc.prefs.recorder() == "李秘书"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#by", Input).value == "李秘书"
