"""The footer (tui/widgets/footer.py): Textual's, composed again only when its keys change,
its keys in the footer's density from the start."""

from __future__ import annotations

from datetime import date

from textual.widgets._footer import FooterKey

from dutylog.services import LogRequest
from dutylog.tui.screens.dashboard import DashboardScreen
from dutylog.tui.widgets import footer as footer_module

from .conftest import SIZE
from .test_operator import secretary_and_leader


def composes(monkeypatch) -> list[int]:
    """The number of keys of every compose of a footer from now on."""
    counts: list[int] = []
    real = footer_module.DutylogFooter.compose

    def compose(self):
        keys = list(real(self))
        counts.append(sum(isinstance(k, FooterKey) for k in keys))
        yield from keys

    monkeypatch.setattr(footer_module.DutylogFooter, "compose", compose)
    return counts


def shown(app) -> list[str]:
    return [k.description for k in app.screen.query(FooterKey)]


async def test_the_first_screen_composes_its_keys_once(svc, make, monkeypatch):
    """Textual's footer composed the dashboard's keys three times before it painted (each
    time 14 keys unmounted, mounted and styled: ~25 ms)."""
    secretary_and_leader(svc)
    counts = composes(monkeypatch)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert [n for n in counts if n] == [len(shown(app))]
        assert "待确认 2" in shown(app)
        await pilot.press("tab", "shift+tab")  # the focus moves: the same keys
        await pilot.pause()
        assert [n for n in counts if n] == [len(shown(app))]


async def test_new_words_on_a_key_compose_it_again(svc, make, monkeypatch):
    secretary_and_leader(svc)
    counts = composes(monkeypatch)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = len([n for n in counts if n])
        svc.log(LogRequest("field-research", "王明", date(2025, 6, 17), days=1, place="郭城镇", by="李秘书"))
        app.screen.reload()  # as after a write (DataChanged)
        await pilot.pause()
        await pilot.pause()
        assert "待确认 3" in shown(app)
        assert len([n for n in counts if n]) == before + 1


async def test_keys_are_compact_below_120_columns_the_palette_key_always(svc, make):
    svc.add_subject("王明", ["leader"], since=date(2025, 1, 1))
    for size, compact in (((80, 24), True), ((140, 45), False)):
        app = make(svc)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            keys = list(app.screen.query(FooterKey))
            assert keys
            for key in keys:
                palette = key.has_class("-command-palette")
                assert key.compact is (True if palette else compact), key.key
                assert key.has_class("-compact") is key.compact
            if not compact:  # narrowed: every bound key follows the footer
                await pilot.resize_terminal(90, 30)
                await pilot.pause()
                assert all(k.has_class("-compact") for k in app.screen.query(FooterKey))


async def test_the_desk_composes_its_keys_once_though_reports_and_focus_arrive_before(svc, make,
                                                                                       monkeypatch):
    """Several changes of the bindings can arrive before the recompose they asked for: the
    first asks, the others see the keys already on their way (the desk's footer was
    composed four times before it painted; its filter was focused first, then the table)."""
    from dutylog.tui.screens.desk import DeskScreen

    from .test_desk import counted, keep_three

    keep_three(svc)
    counts = composes(monkeypatch)
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await counted(pilot)
        assert isinstance(app.screen, DeskScreen)
        assert app.screen.focused is app.screen.query_one("#desk-table")
        assert [n for n in counts if n] == [len(shown(app))]
        assert "排序" in shown(app)  # the table's keys, not the filter's
