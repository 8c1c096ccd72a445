"""The footer (tui/widgets/footer.py): the screen's keys on one line drawn by one widget,
as Textual's footer shows them, drawn again only when they change; a click presses a key."""

from __future__ import annotations

from datetime import date

from dutylog.services import LogRequest
from dutylog.tui.screens.dashboard import DashboardScreen
from dutylog.tui.widgets.footer import DutylogFooter

from .conftest import SIZE
from .test_operator import secretary_and_leader


def line(app) -> str:
    return str(app.screen.query_one(DutylogFooter).render())


async def test_the_keys_with_their_words_and_the_palette_at_the_right_edge(svc, make):
    secretary_and_leader(svc)
    app = make(svc)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        text = line(app)
        assert text.startswith(" F1 帮助  F2 记录 ")  # " key " then "words " (wide: not compact)
        assert "待确认 2" in text  # the review key counts what awaits confirmation
        assert text.endswith("▏Ctrl+P 命令 ")
        assert len(app.screen.query(DutylogFooter)) == 1 and not app.screen.query("FooterKey")


async def test_compact_below_120_columns_cut_before_the_palette(svc, make):
    secretary_and_leader(svc)
    app = make(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = line(app)
        assert text.startswith("F1 帮助 F2 记录 ")  # "key", " words" and a space between keys
        assert text.endswith("▏Ctrl+P 命令")
        from rich.cells import cell_len

        assert cell_len(text) == 80  # the keys that do not fit are cut before the palette's
        await pilot.resize_terminal(140, 45)
        await pilot.pause()
        assert line(app).startswith(" F1 帮助 ")


async def test_new_words_on_a_key_are_drawn_again(svc, make):
    secretary_and_leader(svc)
    app = make(svc)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        svc.log(LogRequest("field-research", "王明", date(2025, 6, 17), days=1, place="郭城镇", by="李秘书"))
        app.screen.reload()  # as after a write (DataChanged)
        await pilot.pause()
        assert "待确认 3" in line(app)


async def test_a_click_on_a_key_presses_it(svc, make):
    from dutylog.tui.screens.entries import EntriesScreen

    secretary_and_leader(svc)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        from rich.cells import cell_len

        text = line(app)
        x = cell_len(text[:text.index(" F3 ")]) + 1  # (a Chinese character is two cells)
        await pilot.click(DutylogFooter, offset=(x, 0))
        await pilot.pause()
        assert isinstance(app.screen, EntriesScreen)


async def test_the_desk_shows_the_tables_keys_not_the_filters(svc, make):
    """The desk focuses its table first (its filter's keys would have been shown first)."""
    from dutylog.tui.screens.desk import DeskScreen

    from .test_desk import counted, keep_three

    keep_three(svc)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await counted(pilot)
        assert isinstance(app.screen, DeskScreen)
        assert app.screen.focused is app.screen.query_one("#desk-table")
        assert "排序" in line(app)
