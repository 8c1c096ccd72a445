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
        await app.workers.wait_for_complete()  # every source has answered: the order is final
        await pilot.pause()
        shown = prompts(commands)
        assert any(name in p for p in shown), shown  # the brackets as typed
        # click the hit (on its text, where the link would be)
        index = next(i for i, p in enumerate(shown) if name in p)
        commands.highlighted = index
        for x in range(2, 40, 4):  # anywhere on the hit's text, where a link would be
            await pilot.click(CommandList, offset=(x, index))
            await pilot.pause()
            if not app.screen.query(CommandList):
                break
        await pilot.pause()
        if app.screen.query(CommandList):
            await pilot.press("enter")
            await pilot.pause()
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
