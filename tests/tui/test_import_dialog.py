"""The TUI's import of a folder of bundles (issue 14 §6): the palette's 导入合并包 opens the
dialog; a folder of three bundles (one altered) merges two and refuses one, with the same
summary as `dutylog import` (hand-computed in tests/records/test_merge_day.py's folder):
a.jsonl new 2 (王明 exists already here, same id: unchanged), b.jsonl new 1 updated 1
conflicts 1, c.jsonl refused; total new 3."""

from __future__ import annotations

from tests.records.conftest import entry, subject, t, write_bundle
from tests.tui.conftest import SIZE
from tests.tui.test_flows import run_command
from textual.widgets import Input, Static


def folder(tmp_path):
    d = tmp_path / "usb"
    d.mkdir()
    s = subject()
    write_bundle(d / "a.jsonl", [s, entry(1, t(8), note="A"), entry(2, t(8))])
    write_bundle(d / "b.jsonl", [s, entry(1, t(10), note="B"), entry(3, t(8))])
    c = write_bundle(d / "c.jsonl", [s, entry(4, t(8), note="丙")])
    c.write_bytes(c.read_bytes().replace("丙".encode(), "乙".encode()))
    return d


async def test_import_a_folder_from_the_palette(svc, make, tmp_path):
    from dutylog.tui.screens.import_dialog import ImportDialog

    write_bundle(tmp_path / "first.jsonl", [subject()])  # 王明 under the bundles' id
    svc.import_bundle(tmp_path / "first.jsonl")
    usb = folder(tmp_path)
    heard = []
    app = make(svc)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_command(pilot, "导入合并包")
        dialog = app.screen
        assert isinstance(dialog, ImportDialog)
        original = dialog.data_changed
        dialog.data_changed = lambda m: (heard.append(m.what), original(m))
        field = dialog.query_one("#import-path", Input)
        field.value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        await pilot.pause()
        assert "找不到" in str(dialog.query_one("#import-error", Static).render())
        field.value = str(usb)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        summary = str(dialog.query_one("#import-summary", Static).render())
        rows = {line.split()[0]: line.split()[1:] for line in summary.splitlines()[2:]}
        assert rows["a.jsonl"] == ["2", "0", "0"]
        assert rows["b.jsonl"] == ["1", "1", "1"]
        assert rows["c.jsonl"] == ["0", "0", "0", "拒绝"]
        assert rows["合计"] == ["(2/3)", "3", "1", "1", "1"]
        assert heard == ["import"]
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportDialog)
    assert sorted((e.id[:8], e.note) for e in svc.entries(subject="王明")) == [
        ("00000001", "B"), ("00000002", ""), ("00000003", "")]
