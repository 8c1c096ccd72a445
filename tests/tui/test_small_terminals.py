"""Issue 10: usable at 80×24, comfortable at 100×30 — the dashboard keeps one line per rule
(the title column gives way, full English titles when there is room), dialogs keep their
buttons and their own footer in sight."""

from __future__ import annotations

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
            head = lines[0].rstrip()
            assert head.endswith(("落后", "进度正常", "已完成", "未完成", "达标中", "无指标", "今天截止",
                                  "无法完成", "超出上限", "未记录")), head
