"""Leave and casebook screens on a bare app: record a request and its 销假; courts, patrols."""

from __future__ import annotations

from datetime import date

import pytest

from .tui_helpers import submit

TODAY = date(2026, 10, 15)


@pytest.fixture
def svc():
    from dutylog.services import Dutylog

    service = Dutylog.open(today=TODAY)
    service.add_subject("王明", ["leader"])
    yield service
    service.close()


async def test_request_and_back(svc):
    from textual.widgets import Checkbox, DataTable, Input, Static

    from dutylog.tui.app import make_app
    from dutylog.tui.screens.leave import LeaveScreen

    app = make_app(svc, today=TODAY)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(LeaveScreen("王明"))
        await pilot.pause()
        screen = app.screen
        await pilot.press("r")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-requested", Input).value = "2026-10-08"
        form.query_one("#f-depart", Input).value = "2026-10-10"
        form.query_one("#f-return", Input).value = "2026-10-09"  # before departure: refused
        form.query_one("#f-destination", Input).value = "济南"
        await submit(pilot, app.screen)
        assert app.screen is form and "早于离海日期" in str(form.query_one("#e-return", Static).render())
        form.query_one("#f-return", Input).value = "2026-10-12"
        form.query_one("#f-emergency", Checkbox).value = True
        await submit(pilot, app.screen)
        assert app.screen is screen
        [trip] = svc.leave_list("王明")
        assert (trip.notice_days, trip.compliant, trip.open) == (2, True, True)
        table = screen.query_one(DataTable)
        assert "未销假" in str(table.get_row_at(0)[5])
        await pilot.press("b")
        await pilot.pause()
        await submit(pilot, app.screen)
        assert svc.leave_list("王明")[0].back == date(2026, 10, 15)
        assert str(table.get_row_at(0)[5]) == "2026-10-15"


async def test_casebook(svc):
    from textual.widgets import DataTable, Static

    from dutylog.services import LogRequest
    from dutylog.tui.app import make_app
    from dutylog.tui.screens.casebook import CasebookScreen

    for day, appeared in (("2026-03-01", True), ("2026-04-01", False)):
        svc.log(LogRequest(kind="court-case", subject="王明", date=date.fromisoformat(day),
                           appeared=appeared, title="案"))
    svc.log(LogRequest(kind="patrol", subject="王明", date=date(2026, 2, 3), patrol="bay"))
    app = make_app(svc, today=TODAY)
    async with app.run_test(size=(120, 50)) as pilot:
        app.push_screen(CasebookScreen("王明"))
        await pilot.pause()
        screen = app.screen
        assert "50%" in str(screen.query_one("#courts-head", Static).render())
        patrols = screen.query_one("#patrols-table", DataTable)
        assert [str(c) for c in patrols.get_row_at(1)] == ["2", "0", "1", "0", "1"]
        # one column per patrol type of the policy, in its words
        assert [str(c.label) for c in patrols.columns.values()] == ["月", "巡河湖", "巡湾", "巡林", "合计"]
        await pilot.press("left")
        await pilot.pause()
        assert "2025" in str(screen.query_one("#courts-head", Static).render())
