"""Issue 10: the chosen theme, language and glyphs are kept for the next start, and the
ASCII glyphs are drawn in the app (bars, pace marks, period strips, cut titles)."""

from __future__ import annotations

from dutylog import console
from dutylog.tui.app import make_app
from dutylog.tui.widgets.rules_list import RulesList

from .conftest import SIZE, TODAY
from .test_flows import run_command


def plain_app(service, lang: str = "zh"):
    """As `dutylog` starts it: no theme asked for, so the saved one."""
    return make_app(service, today=TODAY, lang=lang, blink=False, animations=False)


def dashboard_text(app) -> str:
    rules = app.screen.query_one(RulesList)
    return "\n".join(rules.get_option_at_index(i).prompt.plain for i in range(rules.option_count))


async def test_a_theme_chosen_in_the_app_is_the_theme_of_the_next_start(demo_svc):
    app = plain_app(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert demo_svc.prefs.theme() == "nord"
    app = plain_app(demo_svc)
    async with app.run_test(size=SIZE):
        assert app.theme == "nord"


async def test_a_saved_theme_that_no_longer_exists_is_ignored(demo_svc):
    demo_svc.prefs.save_theme("gone-theme")
    app = plain_app(demo_svc)
    async with app.run_test(size=SIZE):
        assert app.theme != "gone-theme"


async def test_ascii_glyphs_from_the_palette_are_drawn_and_kept(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        before = dashboard_text(app)
        assert "│" in before and "●" in before
        await run_command(pilot, "ASCII")
        after = dashboard_text(app)
        assert demo_svc.prefs.glyphs() == "ascii"
        for glyph in "│●○▲✗✓·…–≥≤":  # (the policy's own words keep their quotes)
            assert glyph not in after, glyph
        assert "|" in after and "o" in after and "#" in after
    assert console.ascii_mode() is False  # the choice went with the app
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        assert "│" not in dashboard_text(app) and app.has_class("-ascii")
        await run_command(pilot, "ASCII")  # and back
        assert "│" in dashboard_text(app) and demo_svc.prefs.glyphs() == "unicode"


async def test_the_environment_wins_over_the_saved_glyphs(demo_svc, make, monkeypatch):
    demo_svc.prefs.save_glyphs("unicode")
    monkeypatch.setenv("DUTYLOG_ASCII", "1")
    app = make(demo_svc)
    async with app.run_test(size=SIZE):
        assert "│" not in dashboard_text(app) and "|" in dashboard_text(app)


def test_the_saved_language_is_the_language_of_the_next_start(demo_svc, monkeypatch):
    from dutylog.tui.launch import chosen_lang

    demo_svc.prefs.save_lang("en")
    assert chosen_lang(None, demo_svc) == "en"
    assert chosen_lang("zh", demo_svc) == "zh"  # --lang wins
    monkeypatch.setenv("DUTYLOG_LANG", "zh")
    assert chosen_lang(None, demo_svc) == "zh"  # and so does DUTYLOG_LANG
