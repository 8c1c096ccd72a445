"""Issue 14 part 4: the links dialog shows the start date (today unless changed); ending a
link asks and `u` undoes it; `x` away from the list ends nothing."""

from __future__ import annotations

from datetime import date

from textual.widgets import Button, DataTable, Input

from dutylog.tui.dialogs.ask import AskDialog
from dutylog.tui.dialogs.links import LinksDialog

from .conftest import SIZE, TODAY
from .test_flows import rule_line


async def test_a_link_starts_today_and_ending_it_asks_and_can_be_undone(svc, make):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        dialog = app.screen
        assert isinstance(dialog, LinksDialog)
        assert dialog.query_one("#link-since", Input).value == "2025-06-18"  # shown: today
        await pilot.press(*"海阳甲公司", "enter")
        [firm] = svc.links("王明")
        assert (firm.name, firm.since, firm.until) == ("海阳甲公司", TODAY, None)
        assert dialog.query_one("#link-since", Input).value == "2025-06-18"  # ready for the next
        # x with the focus on 添加 ends nothing (and asks nothing)
        dialog.query_one("#link-add", Button).focus()
        await pilot.press("x")
        await pilot.pause()
        assert app.screen is dialog and svc.links("王明")[0].until is None
        # from the list: asked; 否 ends nothing
        dialog.query_one(DataTable).focus()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, AskDialog)
        assert "海阳甲公司" in app.screen.question and "2025-06-18" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert svc.links("王明")[0].until is None
        await pilot.press("x", "y")
        await pilot.pause()
        assert svc.links("王明")[0].until == TODAY
        await pilot.press("u")
        await pilot.pause()
        assert svc.links("王明")[0].until is None
        await pilot.press("escape")
        await pilot.pause()
        # one enterprise linked today: counted today (a link rule counts the evaluation day)
        assert "1 / =3" in rule_line(app, "linked-enterprises")


async def test_a_changed_start_date_is_kept(svc, make):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("k")
        app.screen.query_one("#link-since", Input).value = "2025-01-01"
        app.screen.query_one("#link-name", Input).focus()
        await pilot.press(*"留格庄镇")
        app.screen.query_one("#link-type").value = "town"
        await pilot.press("enter")
        await pilot.pause()
    [town] = svc.links("王明")
    assert (town.link_type, town.since) == ("town", date(2025, 1, 1))
