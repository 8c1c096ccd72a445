"""Issue 10: usable at 80×24, comfortable at 100×30 — the dashboard keeps one line per rule
(the title column gives way, full English titles when there is room), dialogs keep their
buttons and their own footer in sight."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len

from dutylog.tui.widgets.rules_list import RulesList


def rule_lines(app):
    rules = app.screen.query_one(RulesList)
    for i in range(rules.option_count):
        option = rules.get_option_at_index(i)
        if not option.disabled:
            yield option.id, option.prompt.plain.split("\n")


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (140, 45)])
async def test_every_rule_line_fits_the_list(demo_svc, make, size):
    app = make(demo_svc)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rules = app.screen.query_one(RulesList)
        width = rules.scrollable_content_region.width
        for rule_id, lines in rule_lines(app):
            assert cell_len(lines[0]) <= width, (rule_id, lines[0])
            status = demo_svc.policy.rule(rule_id)
            assert status is not None


async def test_english_titles_are_whole_at_140_columns(demo_svc, make):
    app = make(demo_svc, lang="en")
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        firsts = {rule_id: lines[0] for rule_id, lines in rule_lines(app)}
        for rule_id, line in firsts.items():
            title = demo_svc.policy.rule(rule_id).title.en
            assert line.startswith(title), (title, line)
        assert "…" not in "".join(line[:40] for line in firsts.values())


async def test_at_100_columns_the_status_word_is_on_the_rule_line(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _rule_id, lines in rule_lines(app):
            head = re.sub(r"\s+(含待确认 |待)\d+$", "", lines[0].rstrip())  # issue 14: pending after the status
            assert head.endswith(("落后", "进度正常", "已完成", "未完成", "达标中", "无指标", "今天截止",
                                  "无法完成", "超出上限", "未记录")), head


def on_screen(app, widget) -> bool:
    """The widget is what the screen shows at its own middle (not scrolled off, not covered)."""
    region = widget.region
    if not region.width or not region.height:
        return False
    try:
        found, _ = app.screen.get_widget_at(region.x + region.width // 2, region.y + region.height // 2)
    except Exception:  # outside the screen
        return False
    return found is widget or widget in found.ancestors_with_self


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_the_log_form_keeps_save_cancel_and_recorder_in_sight(demo_svc, make, size):
    from textual.widgets import Button

    from dutylog.tui.dialogs.log_form import LogForm

    app = make(demo_svc)
    async with app.run_test(size=size) as pilot:
        await pilot.press("n", *"jcdyzf", "enter")  # field research: the longest form
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LogForm)
        for button in form.query(Button):
            assert on_screen(app, button), button.id
        assert form.query_one("#row-by").display
        seen = set()
        for _ in range(20):  # Tab round the form: each widget it reaches is in sight
            await pilot.press("tab")
            await pilot.pause()
            focused = form.focused
            assert focused is not None and on_screen(app, focused), focused
            seen.add(focused.id)
        assert {"date", "by", "save", "cancel"} <= seen


async def test_the_footer_under_a_dialog_shows_the_dialogs_keys(demo_svc, make):
    app = make(demo_svc)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f2")
        await pilot.pause()
        footers = [f for f in app.screen.query("Footer")]
        assert footers and on_screen(app, footers[0])
        text = str(app.screen.query_one("DutylogFooter").render())  # the keys' line
        assert "Esc 取消" in text and "Ctrl+S 保存" in text and "F2 记录" not in text


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (140, 45)])
async def test_the_calendar_fits_with_its_cursor_in_the_grid(demo_svc, make, size):
    from datetime import date

    from dutylog.tui.widgets.heatmap import LABEL_W, Heatmap

    app = make(demo_svc)
    async with app.run_test(size=size) as pilot:
        await pilot.press("f4")
        await pilot.pause()
        heat = app.screen.query_one(Heatmap)
        lines = heat.render().plain.split("\n")
        assert len(lines) == 9  # months, 7 weekdays, legend: nothing wrapped
        width = heat.content_region.width
        assert all(cell_len(line) <= width for line in lines[:8])
        for day in (date(2025, 1, 1), date(2025, 6, 18), date(2025, 12, 31)):
            heat.year = 2025
            col = (day - heat.first_monday).days // 7
            x = LABEL_W + heat.cell_w * col
            assert x + heat.cell_w <= width
            assert heat.day_at(x, day.weekday() + 1) == day  # a click there is that day
        assert heat.cell_w == (2 if size[0] >= 120 else 1)


async def test_a_title_cut_to_fit_is_whole_in_the_tooltip(demo_svc, make):
    app = make(demo_svc, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rules = app.screen.query_one(RulesList)
        cut = [(rid, lines[0]) for rid, lines in rule_lines(app)
               if not lines[0].startswith(demo_svc.policy.rule(rid).title.en)]
        assert cut  # at 80 columns some English titles do not fit
        rule_id, _ = cut[0]
        rules.highlighted = rules.get_option_index(rule_id)
        await pilot.pause()
        assert rules.tooltip == demo_svc.policy.rule(rule_id).title.en


@pytest.mark.parametrize(("size", "compact"), [((80, 24), True), ((100, 30), True), ((140, 45), False)])
async def test_footers_are_compact_below_120_columns(demo_svc, make, size, compact):
    app = make(demo_svc)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.query_one("Footer").compact is compact
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen.query_one("Footer").compact is compact


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (140, 45)])
async def test_the_rules_list_is_made_for_the_width_it_gets(demo_svc, make, size):
    """The dashboard makes its rules list for the width the layout will give it
    (`list_width`, from the side panel's width at each breakpoint): its first resize finds
    the columns it was made for and draws nothing again."""
    from dutylog.tui.widgets.rules_list import RulesList, column_widths, list_width

    app = make(demo_svc)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        rules = app.screen.query_one(RulesList)
        assert rules.size.width == list_width(size[0])
        assert rules.columns == column_widths(rules.data, "zh", list_width(size[0]))
        # another subject (F6; the desk's Enter fills one kept dashboard the same way): its
        # own titles and pending counts give its own columns
        for _ in range(2):
            before = rules.data.subject.name
            await pilot.press("f6")
            await pilot.pause()
            assert rules.data.subject.name != before
            assert rules.columns == column_widths(rules.data, "zh", list_width(size[0]))
