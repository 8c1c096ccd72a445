"""Issue 12, finding 1: a subject's name is data, never markup — in the command palette too.

A name `[@click=app.screenshot('dutylog.db','<data folder>')]张三[/]` replaced the database
with an SVG when clicked; a name holding `[/]` crashed the app as soon as Ctrl+P was pressed.
"""

from __future__ import annotations

from textual.command import CommandList

from .conftest import SIZE, TODAY


def clicky(home) -> str:
    return f"[@click=app.screenshot('dutylog.db','{home}')]张三[/]"


async def open_palette(pilot, text: str = "") -> CommandList:
    await pilot.press("ctrl+p", *text)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.screen.query_one(CommandList)


def prompts(commands: CommandList) -> list[str]:
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def test_a_markup_name_shows_literally_and_a_click_writes_nothing(svc, make, dutylog_home):
    name = clicky(dutylog_home)
    svc.add_subject("王明", ["leader"], since=TODAY)
    svc.add_subject(name, ["cadre"], since=TODAY)
    db = dutylog_home / "dutylog.db"
    before = db.read_bytes()[:16]
    files = sorted(p.name for p in dutylog_home.iterdir())
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        commands = await open_palette(pilot, "张三")
        # Click the subject hit on its text, where a link would be. Sources answer in their
        # own time and the list is re-sorted as they do, so wait until no source is running
        # and the frame on screen paints the hit where we aim.
        hit = f"切换对象：{name}"
        for _ in range(250):
            await pilot.pause(0.02)
            shown = prompts(commands)
            if hit not in [p.split("\n")[0] for p in shown] or any(w.is_running for w in app.workers):
                continue
            index = [p.split("\n")[0] for p in shown].index(hit)
            # an option with help text is two lines tall: its row is its line, not its index
            row = commands._index_to_line[index] - round(commands.scroll_offset.y) + commands.gutter.top
            x = commands.gutter.left + 6
            if app.screen.get_style_at(*(commands.region.offset + (x, row))).meta.get("option") == index:
                break
        else:
            raise AssertionError(f"the hit never settled on screen: {shown}")
        await pilot.click(CommandList, offset=(x, row))
        await app.workers.wait_for_complete()  # the chosen command runs after the palette closes
        await pilot.pause()
        assert not app.screen.query(CommandList), "the click on the hit chose nothing"
        assert app.subject == name  # the command ran: the subject was chosen
    assert db.read_bytes()[:16] == before == b"SQLite format 3\x00"
    assert sorted(p.name for p in dutylog_home.iterdir()) == files


async def test_a_name_closing_markup_does_not_crash_the_palette(svc, make):
    svc.add_subject("王明", ["leader"], since=TODAY)
    svc.add_subject("李[/]四[/b]", ["cadre"], since=TODAY)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        commands = await open_palette(pilot)  # discovery lists every subject
        assert any("李[/]四[/b]" in p for p in prompts(commands))
        await pilot.press("escape")
        commands = await open_palette(pilot, "李")  # search highlights the match
        assert any("李[/]四[/b]" in p for p in prompts(commands))
    assert app.return_code in (None, 0)


async def test_export_commands_show_the_name_as_typed(svc, make):
    from dutylog.tui.commands_export import ExportCommands

    svc.add_subject("[b]赵六[/b]", ["leader"], since=TODAY)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        hits = [h async for h in ExportCommands(app.screen).discover()]
        assert any("[b]赵六[/b]" in str(h.prompt) for h in hits)


async def test_the_screenshot_action_never_takes_a_path(svc, make, dutylog_home, tmp_path, monkeypatch):
    svc.add_subject("王明", ["leader"], since=TODAY)
    app = make(svc)
    delivered = []
    monkeypatch.setattr(app, "deliver_screenshot", lambda *a, **k: delivered.append((a, k)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.run_action(f"screenshot('dutylog.db', '{dutylog_home}')")
    assert delivered == [((), {})]
