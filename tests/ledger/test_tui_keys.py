"""The app opens the four screens through `tui/registry.py` for the selected subject."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 10, 15)


async def test_app_opens_screens():
    from dutylog.services import Dutylog
    from dutylog.tui.app import make_app
    from dutylog.tui.screens.casebook import CasebookScreen
    from dutylog.tui.screens.diary import DiaryScreen
    from dutylog.tui.screens.leave import LeaveScreen
    from dutylog.tui.screens.ledger import LedgerScreen

    svc = Dutylog.open(today=TODAY)
    svc.add_subject("王明", ["leader"])
    app = make_app(svc, today=TODAY)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for name, cls in (("ledger", LedgerScreen), ("diary", DiaryScreen),
                              ("leave", LeaveScreen), ("casebook", CasebookScreen)):
                app.action_open(name)
                await pilot.pause()
                assert isinstance(app.screen, cls), name
                assert app.screen.subject == "王明"
                app.pop_screen()
                await pilot.pause()
            await pilot.press("g")  # the dashboard's key to the ledgers
            await pilot.pause()
            assert isinstance(app.screen, LedgerScreen)
    finally:
        svc.close()
