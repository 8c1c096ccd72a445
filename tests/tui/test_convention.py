"""The TUI's one convention, guarded: every screen and dialog on the one base, no screen
CSS outside the stylesheet, footer words from the one catalog in one language, a static
registry that fails loudly, writes announced to every open screen, one clock."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from dutylog.i18n import STRINGS
from dutylog.tui import registry
from dutylog.tui.messages import DataChanged
from dutylog.tui.screens.base import DutylogDialog, DutylogScreen
from dutylog.tui.screens.dashboard import DashboardScreen

from .conftest import SIZE, TODAY

CJK = re.compile(r"[\u4e00-\u9fff]")


def every_screen_class() -> list[type]:
    return [DashboardScreen, *(registry.load(name) for name in registry.SCREENS)]


def dutylog_classes(cls: type) -> list[type]:
    return [k for k in cls.__mro__ if k.__module__.startswith("dutylog.")]


def test_every_registered_screen_imports_and_stands_on_the_one_base():
    for name in registry.SCREENS:
        cls = registry.load(name)
        assert issubclass(cls, DutylogScreen), name
    for name in ("log", "links", "form", "export", "import"):
        assert issubclass(registry.load(name), DutylogDialog), name


def test_a_broken_registry_entry_fails_loudly(monkeypatch):
    monkeypatch.setitem(registry.SCREENS, "ledger", ("dutylog.tui.screens.no_such_module", "LedgerScreen"))
    with pytest.raises(ImportError):
        registry.load("ledger")
    monkeypatch.setitem(registry.SCREENS, "diary", ("dutylog.tui.screens.diary", "NoSuchScreen"))
    with pytest.raises(AttributeError):
        registry.load("diary")


async def test_opening_a_broken_screen_stops_the_app_with_its_error(monkeypatch, demo_svc, make):
    monkeypatch.setitem(registry.SCREENS, "ledger", ("dutylog.tui.screens.no_such_module", "LedgerScreen"))
    app = make(demo_svc)
    with pytest.raises(ImportError):
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("g")  # the dashboard's key to the ledgers
            await pilot.pause()


def test_screens_and_dialogs_keep_their_css_in_the_stylesheet():
    for cls in every_screen_class():
        for klass in dutylog_classes(cls):
            assert "DEFAULT_CSS" not in klass.__dict__, klass.__name__


def test_footer_words_are_catalog_keys():
    for cls in every_screen_class():
        for klass in dutylog_classes(cls):
            for binding in klass.__dict__.get("BINDINGS", []):
                if binding.show:
                    assert binding.description in STRINGS, (klass.__name__, binding)


@pytest.mark.parametrize("lang", ["zh", "en"])
async def test_every_footer_speaks_the_interface_language(demo_svc, make, lang):
    from textual.widgets import Footer

    app = make(demo_svc, lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        for name in registry.PALETTE:
            app.action_open(name)
            await pilot.pause()
            words = [b.binding.description for b in app.screen.active_bindings.values()
                     if b.binding.show and b.binding.description]
            assert words and app.screen.query(Footer), name
            for word in words:
                if lang == "en":
                    assert not CJK.search(word), (name, word)
                else:
                    assert CJK.search(word) and not re.search(r"[A-Za-z]{2,}", word), (name, word)
            app.pop_screen()
            await pilot.pause()


async def test_a_write_is_announced_and_screens_below_hear_it(demo_svc, make):
    heard: list[DataChanged] = []
    app = make(demo_svc)

    def hook(message) -> None:
        if isinstance(message, DataChanged):
            heard.append(message)

    async with app.run_test(size=SIZE, message_hook=hook) as pilot:
        dashboard = app.screen
        before = sum(dashboard.dashboard_data.day_counts.values())
        await pilot.press("e")
        entry_id = app.screen.current_id()
        await pilot.press("x")
        await pilot.pause()
        assert [(m.what, m.record) for m in heard] == [("entry", entry_id)]
        # the dashboard, covered by the entries screen, read its counts again
        assert sum(dashboard.dashboard_data.day_counts.values()) == before - 1
        await pilot.press("u")
        await pilot.pause()
        assert len(heard) == 2
        assert sum(dashboard.dashboard_data.day_counts.values()) == before


def test_the_app_takes_the_services_day_and_refuses_another(svc, make):
    from dutylog.tui.app import make_app

    assert make(svc).today == svc.today == TODAY
    with pytest.raises(ValueError):
        make_app(svc, today=TODAY + timedelta(days=1))
    assert svc.today == TODAY


def test_the_demo_lives_in_its_own_folder_and_goes_with_close():
    from dutylog.tui.demo import Demo

    demo = Demo.open(TODAY)
    try:
        assert demo.service.today == TODAY and len(demo.names) == 3
        assert demo.home.exists()
    finally:
        demo.close()
    assert not demo.home.exists()
