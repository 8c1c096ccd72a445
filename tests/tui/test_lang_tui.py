"""Textual's own words in the app's language: the palette's placeholder and "no matches"
line, its system commands, the footer's palette key; refusals worded by code."""

from __future__ import annotations

import pytest
from textual.command import CommandInput, CommandList, CommandPalette

from .conftest import SIZE


async def _palette_shows_no_matches(pilot) -> str:
    await pilot.press("ctrl+p", *"qqqzzzxxx")
    await pilot.app.workers.wait_for_complete()
    commands = pilot.app.screen.query_one(CommandList)
    for _ in range(50):  # the palette says so after its own short countdown
        await pilot.pause(0.05)
        if commands.option_count:
            break
    return str(commands.get_option_at_index(0).prompt.renderable)


@pytest.mark.parametrize(("lang", "placeholder", "none"), [
    ("zh", "搜索命令…（中文、拼音首字母或英文）", "没有匹配的命令"),
    ("en", "Search for commands…", "No matches found"),
])
async def test_palette_words(demo_svc, make, lang, placeholder, none):
    app = make(demo_svc, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(CommandInput).placeholder == placeholder
        await pilot.press("escape")
        await pilot.pause()
        assert none in await _palette_shows_no_matches(pilot)


async def test_system_commands_and_footer_in_chinese(demo_svc, make):
    app = make(demo_svc, "zh")
    async with app.run_test(size=SIZE) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"主题", "退出", "截图", "按键"} <= titles
        assert app.screen.active_bindings["ctrl+p"].binding.description == "命令"
        app.action_set_lang("en")
        await pilot.pause()
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Theme", "Quit"} <= titles
        assert app.screen.active_bindings["ctrl+p"].binding.description == "palette"


async def test_ctrl_c_says_how_to_quit_in_chinese(demo_svc, make):
    app = make(demo_svc, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        shown = [(n.title, n.message) for n in app._notifications]  # read only: what the toast says
        assert ("要退出吗？", "按 ctrl+q 退出") in shown


def test_refusals_are_worded_by_code_not_text():
    """tui/errors.explain words a coded refusal in the app's language; plain text as it is."""
    from dutylog.domain.errors import InvalidInput
    from dutylog.tui.errors import explain

    exc = InvalidInput(code="entry.object_required", field="object", kind="enterprise-visit",
                       kind_name={"zh": "企业走访调研", "en": "Enterprise visit"}, object_type="enterprise")
    assert explain(exc, "zh").plain == "联系对象：“企业走访调研”必须选择联系对象"
    assert explain(exc, "en").plain == "object: --object is required for enterprise-visit (name the linked enterprise)"
    assert explain(InvalidInput("x: as typed", "x"), "zh").plain == "x: as typed"
