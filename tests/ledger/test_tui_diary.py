"""The diary screen: search with highlights, filters, raising a follow-up from an entry."""

from __future__ import annotations

from datetime import date

import pytest

from .tui_helpers import submit

TODAY = date(2026, 10, 15)


@pytest.fixture
def svc():
    from dutylog.services import Dutylog, LogRequest

    service = Dutylog.open(today=TODAY)
    service.add_subject("王明", ["leader"])
    for day, place, people, note in (
            ("2026-10-08", "凤城街道", "村民代表", "反映灌溉渠堵塞"),
            ("2026-10-12", "东村", "养殖户", "海参苗价格上涨"),
            ("2026-10-13", "凤城街道西村", "网格员", "路灯不亮")):
        service.log(LogRequest(kind="diary", subject="王明", date=date.fromisoformat(day),
                               place=place, people=people, note=note))
    yield service
    service.close()


async def test_search_filter_and_raise_follow_up(svc):
    from textual.widgets import Checkbox, DataTable, Input

    from dutylog.tui.app import make_app
    from dutylog.tui.dialogs.form import FormDialog
    from dutylog.tui.screens.diary import DiaryScreen

    app = make_app(svc, today=TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(DiaryScreen("王明"))
        await pilot.pause()
        screen = app.screen
        table = screen.query_one(DataTable)
        assert table.row_count == 3
        assert str(table.get_row_at(0)[0]) == "2026-10-13"  # newest first

        screen.query_one("#diary-search", Input).value = "渠"  # one Chinese character
        await pilot.pause()
        assert table.row_count == 1
        raised = table.get_row_at(0)[3]
        assert str(raised) == "反映灌溉渠堵塞"
        [span] = [s for s in raised.spans if "reverse" in str(s.style)]
        assert raised.plain[span.start:span.end] == "渠"

        screen.query_one("#diary-search", Input).value = ""
        screen.query_one("#diary-place", Input).value = "凤城"
        await pilot.pause()
        assert table.row_count == 2

        # Raise a follow-up from the older 凤城 entry (second row).
        table.focus()
        table.move_cursor(row=1)
        await pilot.press("f")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        form.query_one("#f-due", Input).value = "2026-10-07"  # before the entry: refused
        await submit(pilot, app.screen)
        assert app.screen is form and svc.ledger_list() == []
        form.query_one("#f-due", Input).value = "2026-10-20"
        await submit(pilot, app.screen)
        assert app.screen is screen
        [item] = svc.ledger_list()
        assert (item.type, item.title, item.opened, item.due) == \
            ("follow-up", "反映灌溉渠堵塞", date(2026, 10, 8), date(2026, 10, 20))
        assert "蓝" in str(table.get_row_at(1)[4])

        screen.query_one("#diary-place", Input).value = ""
        screen.query_one("#diary-open", Checkbox).value = True
        await pilot.pause()
        assert table.row_count == 1 and str(table.get_row_at(0)[0]) == "2026-10-08"
