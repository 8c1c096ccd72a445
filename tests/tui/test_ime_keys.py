"""Issue 10: keys that work while a Chinese IME is in Chinese mode (the letters go to the
IME), and the F1 / ? help screen with the keys and the legend of the marks."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from dutylog.tui.app import key_name
from dutylog.tui.dialogs.log_form import LogForm
from dutylog.tui.screens.calendar import CalendarScreen
from dutylog.tui.screens.dashboard import DashboardScreen
from dutylog.tui.screens.entries import EntriesScreen
from dutylog.tui.screens.help import HelpScreen

from .conftest import SIZE


def shown_keys(app) -> dict[str, str]:
    """action -> the key the footer shows for it (the first binding of the action)."""
    out: dict[str, str] = {}
    for active in app.screen.active_bindings.values():
        if active.binding.show:
            out.setdefault(active.binding.action, app.get_key_display(active.binding))
    return out


def ime_safe(shown: str) -> bool:
    """A key an IME in Chinese mode does not take: a function key, Ctrl+…, Esc, Delete."""
    return (shown[0] == "F" and shown[1:].isdigit()) or shown.startswith("Ctrl+") or shown in ("Esc", "Del")


@pytest.mark.parametrize("keys", [[], ["f3"], ["f4"], ["f2"], ["f5"], ["ctrl+w"], ["ctrl+r"]])
async def test_every_key_a_footer_shows_works_with_an_ime(demo_svc, make, keys):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        shown = shown_keys(app)
        assert shown and "app.help" in shown
        assert {a: k for a, k in shown.items() if not ime_safe(k)} == {}


def test_key_names_as_the_footer_shows_them():
    assert [key_name(k) for k in ("f2", "ctrl+s", "escape", "n", "delete", "question_mark")] == \
        ["F2", "Ctrl+S", "Esc", "n", "Del", "?"]


async def test_function_keys_open_the_main_screens_and_come_back(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        assert isinstance(app.screen, EntriesScreen)
        await pilot.press("escape", "f4")
        assert isinstance(app.screen, CalendarScreen)
        await pilot.press("f4")
        assert isinstance(app.screen, DashboardScreen)
        year = app.year
        await pilot.press("f7")
        assert app.year == year - 1
        await pilot.press("f8")
        assert app.year == year
        await pilot.press("f2")
        assert isinstance(app.screen, LogForm)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_the_footer_says_F2_not_n(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("DutylogFooter").render())  # the keys' line
        assert "F2 记录" in text and "F1 帮助" in text and "Ctrl+Q 退出" in text


@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_help_lists_the_keys_of_the_screen_in_front_and_the_marks(demo_svc, make, key):
    app = make(demo_svc, lang="zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3", key)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "F9 / h" in text and "历史" in text  # the entries screen's own keys
        assert "F2 / n" in text and "Ctrl+P" in text
        for mark, word in (("✓", "已完成"), ("!", "落后"), ("!", "今天截止"), ("✗", "无法完成"),
                           ("–", "未记录"), ("·", "达标中")):
            assert f"{mark} {word}" in text
        for glyph in ("●", "○", "▲", "│", "+"):
            assert glyph in text
        await pilot.press("escape")
        assert isinstance(app.screen, EntriesScreen)


async def test_help_in_english_over_the_log_form(demo_svc, make):
    app = make(demo_svc, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f2", "f1")
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "Ctrl+S" in text and "Save" in text and "Esc" in text
        assert "✓ met" in text and "due today" in text
        await pilot.press("f1")
        assert isinstance(app.screen, LogForm)


async def test_ctrl_q_quits_from_a_dialog_and_q_types_into_a_filter(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        await pilot.click("#f-kind")
        await pilot.press("q")
        assert isinstance(app.screen, EntriesScreen) and app.screen.query_one("#f-kind").value == "q"
        await pilot.press("escape", "f2", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running


async def test_first_run_footer_shows_ctrl_q(svc, make):
    app = make(svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("DutylogFooter").render())  # the keys' line
        assert "Ctrl+Q 退出" in text and "F1 帮助" in text


def test_the_readme_lists_the_function_keys_of_the_main_screens():
    from pathlib import Path

    from dutylog.tui.screens.base import MainScreen

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for binding in MainScreen.BINDINGS:
        keys = binding.key.split(",")
        if keys[0].startswith("f") and len(keys) == 2 and len(keys[1]) == 1:
            assert f"| `{keys[0].upper()}` | `{keys[1]}` |" in readme, binding.key
    assert "| `F1` | `?` |" in readme and "### What the marks mean" in readme
