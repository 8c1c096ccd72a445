"""TUI flows on a bare app: add a ledger item, report progress, close it, open its history."""

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


def app_for(svc):
    from dutylog.tui.app import make_app

    app = make_app(svc, today=TODAY)
    app.animation_level = "none"
    return app


async def fill(pilot, screen, values: dict) -> None:
    from textual.widgets import Input

    for name, value in values.items():
        screen.query_one(f"#f-{name}", Input).value = value
    await pilot.pause()


async def test_add_progress_close(svc):
    from textual.widgets import DataTable, Static

    from dutylog.tui.dialogs.form import FormDialog
    from dutylog.tui.screens.ledger import LedgerScreen
    from dutylog.tui.screens.ledger_item import LedgerItemScreen

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LedgerScreen("王明"))
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormDialog)
        # A refusal stays in the form, next to its field, and writes nothing.
        await fill(pilot, form, {"title": "督办函", "opened": "2026-10-16"})
        await submit(pilot, app.screen)
        assert app.screen is form
        assert "晚于今天" in str(form.query_one("#e-opened", Static).render())
        assert svc.ledger_list("王明") == []
        await fill(pilot, form, {"opened": "2026-10-14"})
        await submit(pilot, app.screen)
        ledger = app.screen
        assert isinstance(ledger, LedgerScreen)
        [item] = svc.ledger_list("王明")
        assert (item.title, item.due, item.color) == ("督办函", date(2026, 10, 19), "blue")
        assert ledger.query_one(DataTable).row_count == 1

        await pilot.press("p")
        await pilot.pause()
        await fill(pilot, app.screen, {"note": "已召开专题会研究"})
        await submit(pilot, app.screen)
        assert isinstance(app.screen, LedgerScreen)
        assert [p.note for p in svc.ledger_detail(item.id).progress] == ["已召开专题会研究"]

        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LedgerItemScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("c")
        await pilot.pause()
        await submit(pilot, app.screen)
        assert isinstance(app.screen, LedgerScreen)
        assert svc.ledger_list("王明")[0].color == "closed"
        assert "办结" in str(ledger.query_one(DataTable).get_row_at(0)[0])


async def test_urgency_order_and_counts(svc):
    from textual.widgets import DataTable, Static

    from dutylog.tui.screens.ledger import LedgerScreen

    for due in ("2026-10-30", "2026-10-14", "2026-10-16"):
        svc.ledger_add("follow-up", "王明", date(2026, 10, 10), title=due, due=date.fromisoformat(due))
    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LedgerScreen(None, lang="en"))
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        titles = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert titles == ["2026-10-14", "2026-10-16", "2026-10-30"]
        assert "red 1 · yellow 1" in str(app.screen.query_one("#ledger-title", Static).render())
