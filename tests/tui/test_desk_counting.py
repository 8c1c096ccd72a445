"""Issue 14 §5/§7: the desk counts its rows off the UI thread, and keys answer meanwhile.

Thirty leaders 领导01 … 领导30, tracked from 2025-01-01; 领导i logged field research of
2 × (31 − i) days on 1 January. Today is Monday 2025-06-30, day 181 of 365: research days
(at least 60 a year) are paced at 60 × 181 ÷ 365 = 29.75 days, so
- 领导01 (60 days) has met it: the only 达标 cell on the desk (nothing else is met);
- 领导02 … 领导16 (58 … 32 days) are on track; 领导17 … 领导30 (28 … 2) are behind: one duty
  more behind than the others, so "most behind" puts 领导17 … 领导30 first, in the order
  added, then 领导01 … 领导16.
Due this week (Sunday 6 July), for each of them alike: five periods closing today, June
and the second quarter (in clause order: 调度考核指标完成情况, 走访联系企业, 调度重点招商项目,
接待群众来访, 重大事项进展报告), and the fortnight of 一线办公 (18 June – 1 July) tomorrow:
6 × 30 = 180 items; the line names the first six (领导01's five, then 领导02's first),
"… +174" for the rest. While the count is at 5, the line names what those five owe
(120 items, "… +114") and says "正在统计 20/30".

The worker is held by the test: the evaluation of every subject after 领导20 waits on an
Event (no timing), so the keys below are pressed while the count is at 20 of 30. The
terminal is 20 lines high: the first 20 subjects are all that can be in sight at the
start, counted first and shown as soon as they are in.
"""

from __future__ import annotations

import asyncio
import threading
from datetime import date

from textual.widgets import Input, Static

from dutylog.services import LogRequest
from dutylog.services import desk as desk_service
from dutylog.tui.app import make_app
from dutylog.tui.dialogs.form import FormDialog
from dutylog.tui.screens.desk import AHEAD_REST_S, COUNT_GROUP, DeskScreen
from dutylog.tui.widgets.virtual_table import VirtualTable

from .test_flows import press

TODAY = date(2025, 6, 30)
NAMES = [f"领导{i:02d}" for i in range(1, 31)]
FIRST = set(NAMES[:20])  # evaluated at once; the others wait for the gate
DUE_LINE = ("本周到期：领导01·调度考核指标完成情况、领导01·走访联系企业、领导01·调度重点招商项目、"
            "领导01·接待群众来访、领导01·重大事项进展报告、领导02·调度考核指标完成情况 … +174")


def thirty(svc):
    svc.prefs.save_recorder("李秘书")  # an operator keeping several: the desk first
    for i, name in enumerate(NAMES, 1):
        svc.add_subject(name, ["leader"], since=date(2025, 1, 1))
        svc.log(LogRequest("field-research", name, date(2025, 1, 1), days=2 * (31 - i)))
    return svc.on(TODAY)


def line(screen) -> str:
    return str(screen.query_one("#desk-due", Static).render())


def counting(app) -> bool:
    return any(w.group == COUNT_GROUP and not w.is_finished for w in app.workers)


def hold_the_count(monkeypatch, held_at) -> tuple[threading.Event, threading.Event]:
    """The count's evaluation of each subject `held_at(name)` says waits until the test
    opens the gate: (gate, held), held set when the count first waits."""
    gate, held = threading.Event(), threading.Event()
    real = desk_service.evaluate_row

    def evaluate(s, subj, *args):
        if held_at(subj.name):
            held.set()
            assert gate.wait(60), "the test never opened the gate"
        return real(s, subj, *args)

    monkeypatch.setattr(desk_service, "evaluate_row", evaluate)
    return gate, held


async def test_keys_answer_while_the_desk_counts_and_the_results_match(svc, monkeypatch, tmp_path):
    today = thirty(svc)
    gate, held = hold_the_count(monkeypatch, lambda name: name not in FIRST)
    app = make_app(today, today=TODAY, lang="zh", blink=False, theme="textual-dark", animations=False)
    async with app.run_test(size=(100, 20)) as pilot:
        await asyncio.to_thread(held.wait, 60)  # the worker has counted 20 and waits
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DeskScreen) and counting(app)
        # the due line so far (20 × 6 = 120 items) and how far the count is
        assert screen.desk.done == 20
        assert line(screen) == DUE_LINE.replace("+174", "+114") + "   正在统计 20/30"
        table = screen.query_one(VirtualTable)
        assert [c.plain for c in table.get_row_at(20)[:3]] == ["领导21", "…", "…"]
        assert table.get_row_at(0)[2].plain == "20"  # counted: 领导01 is behind in 20 duties

        # keys answer while the count waits
        await pilot.press("down", "down", "down")
        assert table.cursor_row == 3 and screen.cursor_subject() == today.subject("领导04").id
        await pilot.press("b")  # of the 20 counted, 领导17 … 20 first; the rest follow
        assert screen.most_behind
        assert [s.name for s in screen.shown] == NAMES[16:20] + NAMES[:16] + NAMES[20:]
        assert screen.cursor_subject() == today.subject("领导04").id and table.cursor_row == 7
        filt = screen.query_one("#desk-filter", Input)
        filt.value = "达标"
        await pilot.pause()
        assert [s.name for s in screen.shown] == ["领导01"]
        filt.value = ""
        await pilot.pause()
        assert screen.cursor_subject() == today.subject("领导01").id  # the one the filter left
        table.focus()
        await pilot.press("x")  # an export waits for the count: refused in the form
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#f-path", Input).value = str(tmp_path / "desk.csv")
        await press(pilot, "#ok")
        assert "正在统计 20/30" in str(app.screen.query_one("#e-path").render())
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and counting(app)
        assert screen.desk.done == 20

        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not counting(app) and screen.desk.done == 30
        assert line(screen) == DUE_LINE
        # the line equals the one computed at once, here; 领导17's own items by hand
        at_once = desk_service.Desk(today).due_this_week()
        assert [(s.name, d.rule.id) for s, d in screen.desk.due_this_week()] == \
            [(s.name, d.rule.id) for s, d in at_once]
        assert [d.rule.id for s, d in at_once if s.name == "领导17"] == [
            "indicator-dispatch", "enterprise-visits", "investment-dispatch",
            "petition-reception", "major-item-reports", "frontline-office"]
        # sorted again now that all are in; the cursor stayed on 领导01, now the 15th row
        assert [s.name for s in screen.shown] == NAMES[16:] + NAMES[:16]
        assert screen.cursor_subject() == today.subject("领导01").id and table.cursor_row == 14
        behind = {n: int(table.get_row_at(i)[2].plain) for i, n in enumerate(s.name for s in screen.shown)}
        assert behind["领导17"] == behind["领导16"] + 1 == behind["领导01"] + 1
        filt.value = "达标"
        await pilot.pause()
        assert [s.name for s in screen.shown] == ["领导01"]
        filt.value = "落后 领导3"
        await pilot.pause()
        assert [s.name for s in screen.shown] == ["领导30"]


async def test_a_write_counts_again_when_the_desk_is_in_front(svc, monkeypatch):
    """DataChanged throws the counted rows away: a write made on a screen above the desk
    is counted when the desk is back in front, not while it is hidden."""
    today = thirty(svc)
    calls: list[str] = []
    real = desk_service.evaluate_row
    monkeypatch.setattr(desk_service, "evaluate_row",
                        lambda s, subj, *a: calls.append(subj.name) or real(s, subj, *a))
    app = make_app(today, today=TODAY, lang="zh", blink=False, theme="textual-dark", animations=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        desk = app.screen
        assert isinstance(desk, DeskScreen) and sorted(calls) == NAMES
        calls.clear()
        await pilot.press("enter")  # 领导01's dashboard
        await pilot.pause()
        assert app.screen is not desk
        today.log(LogRequest("frontline-office", "领导01", date(2025, 6, 20)))
        desk.announce("log")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == []  # hidden: not counted
        await pilot.press("w")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is desk and sorted(calls) == NAMES
        assert [d.rule.id for s, d in desk.desk.due_this_week() if s.name == "领导01"] == [
            "indicator-dispatch", "enterprise-visits", "investment-dispatch",
            "petition-reception", "major-item-reports"]


async def test_a_count_that_fails_says_so(svc, monkeypatch):
    """The store refusing a read in the worker: the refusal under the table, not a crash."""
    from dutylog.domain.errors import StoreError

    today = thirty(svc)
    real = desk_service.evaluate_row

    def evaluate(s, subj, *args):
        if subj.name == "领导03":
            raise StoreError(code="db.in_use", path="dutylog.db")
        return real(s, subj, *args)

    monkeypatch.setattr(desk_service, "evaluate_row", evaluate)
    app = make_app(today, today=TODAY, lang="zh", blink=False, theme="textual-dark", animations=False)
    async with app.run_test(size=(140, 45)) as pilot:
        from textual.worker import WorkerFailed

        for _ in range(200):  # the failed worker's wait raises: wait on the screen instead
            try:
                await app.workers.wait_for_complete()
            except WorkerFailed:
                pass
            await pilot.pause()
            screen = app.screen
            if isinstance(screen, DeskScreen) and not counting(app) \
                    and str(screen.query_one("#desk-message", Static).render()):
                break
        assert isinstance(screen, DeskScreen) and not counting(app)
        said = str(screen.query_one("#desk-message", Static).render())
        assert "dutylog.db" in said and said == screen.refusal(StoreError(code="db.in_use", path="dutylog.db"))
        assert line(screen).endswith("正在统计 2/30")


async def test_the_count_waits_while_a_dashboard_is_in_front(svc, monkeypatch):
    """Enter opens a leader's dashboard over the desk: the count stops there (that screen's
    keys do not share the interpreter with it) and goes on when the desk is back."""
    from dutylog.tui.screens.dashboard import DashboardScreen

    today = thirty(svc)
    gate, held, second = threading.Event(), threading.Event(), threading.Event()
    done: list[str] = []
    real = desk_service.evaluate_row

    def evaluate(s, subj, *args):
        if subj.name == "领导02":
            held.set()
            assert gate.wait(60), "the test never opened the gate"
        row = real(s, subj, *args)
        done.append(subj.name)
        if subj.name == "领导02":
            second.set()
        return row

    monkeypatch.setattr(desk_service, "evaluate_row", evaluate)
    app = make_app(today, today=TODAY, lang="zh", blink=False, theme="textual-dark", animations=False)
    async with app.run_test(size=(140, 45)) as pilot:
        await asyncio.to_thread(held.wait, 60)
        desk = app.screen
        await pilot.press("enter")  # 领导01's dashboard, while 领导02 is being counted
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and counting(app)
        gate.set()
        await asyncio.to_thread(second.wait, 60)
        await asyncio.sleep(0.3)  # room for a third row, were the count going on
        assert done == ["领导01", "领导02"] and counting(app)
        await pilot.press("w")  # the desk in front again: counted to the end
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is desk and sorted(done) == NAMES and desk.desk.complete
        assert "正在统计" not in line(desk)
        # 领导02, counted while the dashboard was in front, is painted now the desk is back
        assert "…" not in {c.plain for c in desk.row_at(1)[1]} and desk.row_at(1)[1][0].plain == "领导02"


async def test_the_count_makes_the_dashboard_under_the_cursor_for_enter(svc, monkeypatch):
    """Once the rows in sight are in, the count makes the dashboard of the row the cursor
    rests on (AHEAD_REST_S) between two rows (services/ui.py `Ahead`): Enter shows that very
    one instead of reading the subject-year on the UI thread."""
    from dutylog.tui.screens.dashboard import DashboardScreen

    today = thirty(svc)
    # (领导27: after the rows in sight, the terminal being 24 lines)
    gate, held = hold_the_count(monkeypatch, lambda name: name == "领导27")
    app = make_app(today, today=TODAY, lang="zh", blink=False, theme="textual-dark", animations=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await asyncio.to_thread(held.wait, 60)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        third = today.subject("领导03")
        assert desk.ahead.get(today, third, 2025) is None
        desk.query_one(VirtualTable).move_cursor(row=2)
        await pilot.pause()
        await asyncio.sleep(AHEAD_REST_S)  # the cursor rests there (moving, it is not made)
        gate.set()
        for _ in range(200):  # made by the count's thread, between 领导27 and the next row
            if desk.ahead.get(today, third, 2025) is not None:
                break
            await asyncio.sleep(0.02)
        made = desk.ahead.get(today, third, 2025)
        assert made is not None and made.subject.name == "领导03"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.subject == "领导03"
        assert app.screen.dashboard_data is made
        await pilot.press("w")
        await app.workers.wait_for_complete()
