"""Issue 14 part 5, the "done when" of the issue: a secretary creates three leaders in
onboarding, logs for each, sees the pending counts, confirms as the operator with the
question; the desk shows the three in the right colours; Enter opens the right dashboard.

Today 2025-06-18 is day 169 of 365. Field research (research-days, min 60 days a year)
is paced at 60 × 169 ÷ 365 = 27.78 days:
- 王明 30 days (from 2025-01-01, within the 169 days to today) ≥ 27.78 → on track;
- 李华 60 days (from 2025-03-01, 110 days to today) ≥ 60 → met;
- 张强 5 days (from 2025-06-02) < 27.78 → behind.
indicator-dispatch (monthly, at least once) has nothing logged for January–May, tracked
from 2025-01-01: those months ended unmet → missed, for all three.
"""

from __future__ import annotations

import csv
from datetime import date

from textual.widgets import Input, SelectionList, Static

from dutylog.services import LogRequest
from dutylog.services.desk import Desk
from dutylog.tui.dialogs.ask import AskDialog
from dutylog.tui.dialogs.form import FormDialog
from dutylog.tui.dialogs.log_form import LogForm
from dutylog.tui.screens.dashboard import DashboardScreen
from dutylog.tui.screens.desk import CELL_STYLE, WARM_S, DeskScreen
from dutylog.tui.screens.review import ReviewScreen
from dutylog.tui.widgets.rules_list import RulesList
from dutylog.tui.widgets.virtual_table import VirtualTable

from .conftest import SIZE
from .test_flows import press

LEADERS = (("王明", "2025-01-01", "30"), ("李华", "2025-03-01", "60"), ("张强", "2025-06-02", "5"))


async def counted(pilot) -> None:
    """The desk counts its rows in a worker thread: wait for it, then for its reports."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def desk_cells(app) -> dict[str, dict[str, str]]:
    """{name: {rule id: style of its cell}} as painted."""
    screen = app.screen
    table = screen.query_one(VirtualTable)
    keys = list(table.columns)
    out = {}
    for i in range(table.row_count):
        cells = table.get_row_at(i)
        out[cells[0].plain] = {k: str(c.style) for k, c in zip(keys, cells, strict=True)} | {
            "pending": cells[1].plain, "behind": cells[2].plain}
    return out


async def test_a_secretary_keeps_three_leaders_on_the_desk(svc, make):
    app = make(svc)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.click("#ob-others")
        app.screen.query_one("#ob-recorder", Input).value = "李秘书"
        for name, _, _ in LEADERS:
            app.screen.query_one("#ob-name", Input).value = name
            app.screen.query_one(SelectionList).select("leader")
            app.screen.query_one("#ob-since", Input).value = "2025-01-01"
            await press(pilot, "#ob-add")
        await press(pilot, "#ob-done")
        assert isinstance(app.screen, DeskScreen)  # 李秘书 keeps three: the desk first
        assert [r.name for r in svc.subjects()] == ["王明", "李华", "张强"]

        # log for each, from their dashboards (Enter on the desk row)
        for row, (name, when, days) in enumerate(LEADERS):
            app.screen.query_one(VirtualTable).move_cursor(row=row)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen) and app.subject == name
            await pilot.press("n", *"jcdy", "enter")
            form = app.screen
            assert isinstance(form, LogForm) and form.query_one("#by", Input).value == "李秘书"
            form.query_one("#date", Input).value = when
            form.query_one("#days", Input).value = days
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert app.screen.dashboard_data.pending_total == 1  # recorded by 李秘书
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, DeskScreen)

        await counted(pilot)
        cells = desk_cells(app)
        assert [cells[n]["pending"] for n, _, _ in LEADERS] == ["1", "1", "1"]
        assert cells["王明"]["research-days"] == CELL_STYLE["on_track"]
        assert cells["李华"]["research-days"] == CELL_STYLE["met"]
        assert cells["张强"]["research-days"] == CELL_STYLE["behind"]
        assert {cells[n]["indicator-dispatch"] for n, _, _ in LEADERS} == {CELL_STYLE["missed"]}

        # 王明 confirms his entry at the secretary's keyboard: asked, both names kept
        app.screen.query_one(VirtualTable).move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog) and app.screen.question == "由王明本人确认？"
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("escape", "w")
        await counted(pilot)
        assert isinstance(app.screen, DeskScreen)
        assert [desk_cells(app)[n]["pending"] for n, _, _ in LEADERS] == ["", "1", "1"]

        # the three owe the same duties and logged the same kind: they differ in research
        # days alone, where 张强 alone is behind: one more duty behind than the others
        behind = {n: int(desk_cells(app)[n]["behind"]) for n, _, _ in LEADERS}
        assert behind["张强"] == behind["王明"] + 1 == behind["李华"] + 1
        await pilot.press("b")  # most behind first; the cursor stays on 王明
        await pilot.pause()
        assert app.screen.shown[0].name == "张强"
        assert app.screen.cursor_subject() == svc.subject("王明").id
        # Enter opens the dashboard of the row under the cursor
        app.screen.query_one(VirtualTable).move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.subject == "张强"
    [entry] = svc.entries("王明")
    assert entry.confirmed_by == "王明" and svc.history(entry.id)[-1].changed_by == "李秘书"


def keep_three(svc):
    svc.prefs.save_recorder("李秘书")
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    svc.add_subject("李华", ["dept-head"], since=date(2025, 1, 1))
    svc.add_subject("张强", ["leader"], since=date(2025, 1, 1))
    svc.link("张强", "town", "留格庄镇", date(2025, 1, 1))
    svc.log(LogRequest("field-research", "王明", date(2025, 1, 1), days=30))


async def test_desk_filters_by_role_town_and_status_and_exports(svc, make, tmp_path):
    """领导 is in the short word of leader (市政府领导) only; 张强 alone is linked, to
    留格庄镇, and his one link meets linked-town (one town, =1): the only 达标 cell."""
    keep_three(svc)
    app = make(svc)
    async with app.run_test(size=(140, 45)) as pilot:
        assert isinstance(app.screen, DeskScreen)
        await counted(pilot)
        filt = app.screen.query_one("#desk-filter", Input)
        for text, names in (("领导", ["王明", "张强"]), ("leader", ["王明", "张强"]),
                            ("留格庄", ["张强"]), ("dept-head", ["李华"]),
                            ("达标", ["张强"]), ("领导 达标", ["张强"]), ("部门 达标", []),
                            ("", ["王明", "李华", "张强"])):
            filt.value = text
            await pilot.pause()
            assert [s.name for s in app.screen.shown] == names, text
        out = tmp_path / "desk.csv"
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#f-path", Input).value = str(out)
        await press(pilot, "#ok")
        assert out.exists()
        await pilot.press("x")  # the same file again: refused, nothing overwritten
        await pilot.pause()
        app.screen.query_one("#f-path", Input).value = str(out)
        await press(pilot, "#ok")
        assert "already exists" in str(app.screen.query_one("#e-path").render())
        await pilot.press("escape")
        await pilot.pause()
        app.screen.query_one(VirtualTable).focus()
        app.screen.query_one(VirtualTable).move_cursor(row=1)
        await pilot.press("n")  # logs for the row under the cursor
        await pilot.pause()
        assert isinstance(app.screen, LogForm) and app.screen.subject == "李华"
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:4] == ["姓名", "角色", "待确认", "落后"]
    assert [r[0] for r in rows[1:]] == ["王明", "李华", "张强"]
    research = rows[0].index("基层调研走访天数")
    assert [r[research] for r in rows[1:]] == ["正常", "", "落后"]


def test_desk_rows_are_evaluated_when_asked(svc):
    keep_three(svc)
    desk = Desk(svc)
    assert desk._rows == {}
    desk.row(desk.subjects[0])
    assert list(desk._rows) == [desk.subjects[0].id]


async def test_a_leader_keeping_a_body_starts_on_the_dashboard(svc, make):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    svc.add_subject("市政府党组", ["party-group"], since=date(2025, 1, 1))
    svc.prefs.save_recorder("王明")
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, DeskScreen)


async def test_desk_column_heads_are_distinct(svc, make):
    """Each duty's column has its own label (the titles' first two characters repeated:
    "联系 联系 联系", "调度 调度")."""
    from dutylog.tui.screens.desk import column_heads

    keep_three(svc)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_desk()
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        heads = [str(c.label) for c in table.columns.values()][3:]
        assert len(heads) == len(app.screen.desk.rules) > 10
        assert len(set(heads)) == len(heads), heads
    for lang in ("zh", "en"):
        rules = svc.policy.rules
        heads = column_heads(rules, lang)
        assert len(set(heads)) == len(heads) == len(rules), heads


def test_column_heads_fall_back_to_a_differing_character_and_honour_short():
    from dataclasses import replace

    from dutylog.domain.rules import Rule
    from dutylog.domain.rules import Text as Words
    from dutylog.tui.screens.desk import column_heads

    def rule(title, short=None):
        return Rule(id=title, clause=1, section="", roles=(), title=Words(zh=title, en=title), duty="",
                    metric="count", period="year", unit="count", short=short)

    rules = [rule("联系规上企业"), rule("联系镇街"), rule("联系村(社区)"), rule("讲党课")]
    assert column_heads(rules, "zh") == ["联规", "联镇", "联村", "讲党"]
    rules[0] = replace(rules[0], short=Words(zh="企业", en="Firm"))
    assert column_heads(rules, "zh")[0] == "企业"


async def test_desk_cells_are_painted_in_their_status_colour(svc, make):
    """The legend promises coloured cells: the painted row carries each cell's background."""
    keep_three(svc)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_desk()
        await counted(pilot)
        table = app.screen.query_one(VirtualTable)
        styles = [str(c.style) for c in table.row_at(0)[1][3:] if c.plain.strip()]
        assert styles and all(s in CELL_STYLE.values() for s in styles)
        painted = {seg.style.bgcolor.name for seg in table._render_row(0, table.rich_style, table.rich_style,
                                                                        cursor=False)
                   if seg.style and seg.style.bgcolor and seg.text.strip()}
        wanted = {s.split(" on ")[1] for s in styles}
        assert wanted <= painted, (wanted, painted)


def cells_from(text: str, start: int) -> str:
    """`text` from terminal cell `start` on (a Chinese character is two cells)."""
    from rich.cells import cell_len

    at = 0
    for i, ch in enumerate(text):
        if at >= start:
            return text[i:]
        at += cell_len(ch)
    return ""


async def test_desk_heads_are_the_rules_shorts_over_their_cells_and_the_names_stay(svc, make):
    """80×24: each duty's head is its policy `short` (四不两直, 一线办公), its column as wide as
    the head, the coloured cell under it; scrolled sideways, the name, pending and behind
    columns stay in place beside the duties scrolled to."""
    from rich.cells import cell_len

    keep_three(svc)
    app = make(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await counted(pilot)
        assert isinstance(app.screen, DeskScreen)
        table = app.screen.query_one(VirtualTable)
        rules = app.screen.desk.rules
        columns = table.ordered_columns
        heads = [c.label.plain for c in columns[3:]]
        assert heads == [r.short.zh for r in rules]
        assert {"四不两直", "一线办公", "接访", "调研天数", "民情日记"} <= set(heads)
        assert [c.width for c in columns[3:]] == [max(4, cell_len(h)) for h in heads]
        # painted: each head starts where its column does, and the row's cell fills the column
        header, first = table.render_line(0).text, table.render_line(1).text
        assert header.startswith(" 姓名") and first.startswith(" 王明")
        x = sum(c.get_render_width(table) for c in columns[:3])
        assert cells_from(header, x).startswith(f" {heads[0]} ")  # 调研报告 at the fourth column
        mark = table.row_at(0)[1][3]
        assert mark.justify == "center" and str(mark.style) in CELL_STYLE.values()
        # → twice moves two duty columns (not two cells): 形势报告 right after the fixed three
        fixed = x
        one, shift = columns[3].get_render_width(table), sum(c.get_render_width(table) for c in columns[3:5])
        await pilot.press("right", "right")
        await pilot.pause()
        assert table.scroll_x == shift == 10 + 6  # "调研报告" 8 cells + 2, "党课" 4 + 2
        header, first = table.render_line(0).text, table.render_line(1).text
        assert header.startswith(" 姓名") and first.startswith(" 王明")
        assert cells_from(header, fixed).startswith(f" {heads[2]} "), header
        assert heads[0] not in header and heads[1] not in header
        await pilot.press("left")
        await pilot.pause()
        assert table.scroll_x == one
        assert cells_from(table.render_line(0).text, fixed).startswith(f" {heads[1]} ")


async def test_desk_heads_in_english_are_the_english_shorts(svc, make):
    keep_three(svc)
    app = make(svc, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = app.screen.query_one(VirtualTable)
        heads = [c.label.plain for c in table.ordered_columns]
        assert heads[:3] == ["Name", "Pending", "Behind"]  # whole, not "Pendin"
        assert heads[3:] == [r.short.en for r in app.screen.desk.rules]
        assert "Surprise %" in heads and "Frontline" in heads


async def test_enter_and_back_do_not_evaluate_the_desk_again(svc, make, monkeypatch):
    """Enter selects the row's subject (the app's selection moves); the desk shows every
    subject, so it keeps its evaluated rows — at county size re-evaluating all of them
    took seconds on that key. A new year is read again."""
    from dutylog.services import desk as desk_service

    keep_three(svc)
    evaluated: list[str] = []
    real = desk_service.evaluate_row
    monkeypatch.setattr(desk_service, "evaluate_row",
                        lambda s, subj, *a: evaluated.append(subj.name) or real(s, subj, *a))
    app = make(svc)
    async with app.run_test(size=(140, 45)) as pilot:
        await counted(pilot)
        desk = app.screen
        assert isinstance(desk, DeskScreen)
        assert sorted(evaluated) == ["张强", "李华", "王明"]  # painted rows and the due line
        evaluated.clear()
        desk.query_one(VirtualTable).move_cursor(row=2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and app.subject == "张强"
        await pilot.press("w")
        await counted(pilot)
        assert app.screen is desk and evaluated == []
        app.set_year(app.year - 1)
        await counted(pilot)
        assert desk.desk.year == app.year and sorted(evaluated) == ["张强", "李华", "王明"]


async def test_enter_shows_one_dashboard_made_ahead_and_filled_for_each_leader(svc, make):
    """The desk's Enter shows the app's one dashboard (`app.board`): made while the desk is
    read (WARM_S after the desk opens), kept when Ctrl+W goes back, filled again for
    whichever leader's row Enter is on, and read again after a write made meanwhile."""
    keep_three(svc)  # 王明: one entry (30 days of field research); 张强: none
    app = make(svc)
    async with app.run_test(size=(140, 45)) as pilot:
        await counted(pilot)
        await pilot.pause(WARM_S + 0.2)
        desk, board = app.screen, app.board()
        assert isinstance(desk, DeskScreen) and board.is_running  # made before any Enter,
        assert board.shown_for is None and not board.query_one(RulesList).option_count  # empty
        assert board not in app.screen_stack

        def shown() -> tuple[str, int]:
            line = str(board.query_one("#subject-line", Static).render())
            data = board.dashboard_data
            assert data.subject.name in line
            return data.subject.name, sum(data.day_counts.values())

        for row, expected in ((0, ("王明", 1)), (2, ("张强", 0)), (0, ("王明", 1))):
            desk.query_one(VirtualTable).move_cursor(row=row)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is board and app.subject == expected[0]
            assert shown() == expected
            await pilot.press("w")
            await counted(pilot)
            assert app.screen is desk and board.is_running  # kept, not made again

        # made ahead (the count's, between two rows) for 王明, whom the board shows already:
        # nothing to read, and not kept for a later reload (it would be stale by then)
        desk.ahead.make(svc, svc.subject("王明"), app.year)
        desk.query_one(VirtualTable).move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is board and board.ready is None and shown() == ("王明", 1)
        await pilot.press("w")
        await counted(pilot)

        # a write while the board is not shown (王明's, from the desk): read again on Enter
        desk.query_one(VirtualTable).move_cursor(row=0)
        await pilot.press("n", *"jcdy", "enter")
        form = app.screen
        assert isinstance(form, LogForm)
        form.query_one("#date", Input).value = "2025-06-02"
        form.query_one("#days", Input).value = "1"
        await pilot.press("ctrl+s")
        await counted(pilot)
        assert app.screen is desk and board.stale
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is board and shown() == ("王明", 2) and not board.stale
