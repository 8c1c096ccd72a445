"""The entries screen's virtual table: rows come from a small page cache, never all kept;
what it paints is what a straight query lists; keys, mouse and wide characters."""

from __future__ import annotations

from rich.cells import cell_len
from textual import events

from dutylog.tui.screens import entries as entries_screen
from dutylog.tui.screens.entries import EntriesScreen
from dutylog.tui.widgets.virtual_table import STRIPS_KEPT, VirtualTable

from .conftest import SIZE, TODAY


def all_entries(svc, subject="张海峰"):
    return svc.entries(subject, desc=True)


async def test_rows_come_from_a_bounded_page_cache(demo_svc, make, monkeypatch):
    monkeypatch.setattr(entries_screen, "CACHED_PAGES", 2)
    expected = all_entries(demo_svc)
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        table = screen.query_one(VirtualTable)
        assert screen.total == len(expected) > 200
        for _ in range(4):
            await pilot.press("end")
        assert table.cursor_row == table.row_count - 1 == len(expected) - 1
        assert len(table._strips) <= STRIPS_KEPT + 1  # painted lines only, never every row
        assert len(screen.pages.pages) <= 2
        assert len(screen.pages.cells) <= entries_screen.CACHED_CELLS
        assert screen.current_id() == expected[-1].id
        for i in (0, 99, 100, 150, len(expected) - 1, 5):  # pages read again as needed
            assert screen.loaded[i].id == expected[i].id
            assert table.get_row_at(i)[0].plain == expected[i].date.isoformat()
            assert len(screen.pages.pages) <= 2
        assert [e.id for e in screen.loaded] == [e.id for e in expected]


async def test_page_keys_move_a_screen_and_the_wheel_scrolls(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        table = app.screen.query_one(VirtualTable)
        await pilot.press("pagedown")
        page = table.cursor_row
        assert page > 10 and table.scroll_y > 0
        await pilot.press("pagedown", "pageup")
        assert table.cursor_row == page
        await pilot.press("down", "down", "up")
        assert table.cursor_row == page + 1
        await pilot.press("home")
        assert table.cursor_row == 0 and table.scroll_y == 0
        for _ in range(2):
            await pilot._post_mouse_events([events.MouseScrollDown], table, offset=(5, 5))
        await pilot.pause()
        assert table.scroll_y > 0 and table.cursor_row == 0  # the wheel scrolls, no cursor


async def test_a_click_moves_the_cursor_a_second_opens_the_entry(demo_svc, make):
    from dutylog.tui.dialogs.log_form import LogForm

    expected = all_entries(demo_svc)
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        screen = app.screen
        table = screen.query_one(VirtualTable)
        await pilot.click(table, offset=(5, 1 + 3))  # below the header: the 4th row
        assert table.cursor_row == 3 and screen.current_id() == expected[3].id
        await pilot.click(table, offset=(5, 1 + 3))
        assert isinstance(app.screen, LogForm)


async def test_wide_characters_are_cropped_by_cells_and_columns_line_up(demo_svc, make):
    from dutylog.services import LogRequest

    title = "走访群众了解情况" * 4  # 32 characters, 64 cells: more than the column's 30
    demo_svc.log(LogRequest(kind="diary", subject="张海峰", date=TODAY, title=title,
                            place="留格庄镇"))
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        table = app.screen.query_one(VirtualTable)
        row = next(i for i in range(table.row_count) if table.get_row_at(i)[3].plain == title)
        table.move_cursor(row=row)
        await pilot.pause()
        header = table.render_line(0).text
        line = table.render_line(1 + row - int(table.scroll_y)).text
        assert cell_len(line) == cell_len(header) == table.size.width
        # each column starts where its header does: measure in cells, not characters
        x_title = sum(c.get_render_width(table) for c in table.ordered_columns[:3])
        x_place = x_title + table.ordered_columns[3].get_render_width(table)

        def cells_from(text: str, x: int) -> str:
            out, pos = "", 0
            for ch in text:
                if pos >= x:
                    out += ch
                pos += cell_len(ch)
            return out

        assert cells_from(line, x_title + 1).startswith(title[:15])  # 15 characters: 30 cells
        assert not cells_from(line, x_title + 1).startswith(title[:16])
        assert cells_from(line, x_place + 1).startswith("留格庄镇")
        assert cells_from(header, x_place + 1).startswith(table.ordered_columns[4].label.plain)


async def test_a_filter_rereads_the_list_from_the_top(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "end")
        screen = app.screen
        table = screen.query_one(VirtualTable)
        assert table.cursor_row > 90
        await pilot.press("slash", *"凤城", "enter")
        assert 0 < screen.total == table.row_count < 100 and table.cursor_row == 0
        assert isinstance(app.screen, EntriesScreen)
        for i in range(table.row_count):
            e = screen.loaded[i]
            assert any("凤城" in (v or "") for v in (e.title, e.place, e.people, e.note))
