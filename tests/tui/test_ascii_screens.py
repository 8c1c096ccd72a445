"""ASCII glyphs everywhere (issue 10 §2 leftovers): with DUTYLOG_ASCII=1 the list screens'
titles, the log form's choices and the desk show no ambiguous-width symbol (Chinese is fine)."""

from __future__ import annotations

from textual.widgets import Select

from dutylog.tui import registry

from .conftest import SIZE

AMBIGUOUS = set("·…●▲█─│≥✓✗■▼▏")  # (▏: the footer's bar before the palette key)


def visible_text(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def ambiguous(text: str) -> set[str]:
    return {ch for ch in text if ch in AMBIGUOUS}


async def test_ascii_mode_leaves_no_ambiguous_glyph_on_lists_log_form_and_desk(demo_svc, make, monkeypatch):
    monkeypatch.setenv("DUTYLOG_ASCII", "1")
    app = make(demo_svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        if app.subject is None:
            app.set_subject(demo_svc.subjects()[0].name)
        await pilot.pause()
        seen = {}
        for name in registry.PALETTE:
            app.action_open(name)
            await pilot.pause()
            await pilot.pause()
            assert app.showing(name)
            seen[name] = ambiguous(visible_text(app))
            app.pop_screen()
            await pilot.pause()
        app.action_log("court-case")
        await pilot.pause()
        await pilot.pause()
        assert app.showing("log")
        seen["log"] = ambiguous(visible_text(app))
        labels = "".join(str(prompt) for prompt, _ in app.screen.query_one("#appeared", Select)._options)
        assert "+" in labels
        seen["log.appeared"] = ambiguous(labels)
        app.pop_screen()
        await pilot.pause()
        app.action_desk()
        await pilot.pause()
        await pilot.pause()
        assert app.showing("desk")
        seen["desk"] = ambiguous(visible_text(app))  # (perhaps rows still counted: "~")
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen["desk counted"] = ambiguous(visible_text(app))
        assert seen == {name: set() for name in seen}
