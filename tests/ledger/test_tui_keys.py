"""The app keys of `LedgerKeys` open the four screens for the selected subject."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 10, 15)


async def test_keys_open_screens():
    from dutylog.services import Dutylog
    from dutylog.tui.app import DutylogApp
    from dutylog.tui.keys import localized
    from dutylog.tui.ledger_keys import LedgerKeys
    from dutylog.tui.screens.casebook import CasebookScreen
    from dutylog.tui.screens.diary import DiaryScreen
    from dutylog.tui.screens.leave import LeaveScreen
    from dutylog.tui.screens.ledger import LedgerScreen

    svc = Dutylog.open(today=TODAY)
    svc.add_subject("王明", ["leader"])
    app_cls = DutylogApp if issubclass(DutylogApp, LedgerKeys) else type(
        "DutylogApp", (LedgerKeys, DutylogApp), {"__module__": DutylogApp.__module__})
    app = localized(app_cls, "zh")(svc, today=TODAY)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for key, cls in (("l", LedgerScreen), ("d", DiaryScreen), ("v", LeaveScreen),
                             ("y", CasebookScreen)):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, cls), key
                assert app.screen.subject == "王明"
                app.pop_screen()
                await pilot.pause()
    finally:
        svc.close()
