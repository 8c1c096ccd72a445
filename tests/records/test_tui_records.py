"""The review list (confirm / reject with undo), an entry's history and the export commands,
driven with the Pilot on the app `make_app` builds."""

from __future__ import annotations

from datetime import date

import pytest

from dutylog.services import Dutylog, LogRequest

TODAY = date(2025, 6, 30)


@pytest.fixture
def svc():
    service = Dutylog.open(today=TODAY)
    service.add_subject("王明", ["leader", "cadre"])
    service.log(LogRequest("diary", "王明", date(2025, 6, 1), note="秘书记一", by="李秘书"))
    service.log(LogRequest("diary", "王明", date(2025, 6, 2), note="秘书记二", by="李秘书"))
    service.log(LogRequest("diary", "王明", date(2025, 6, 3), note="自己记"))
    yield service
    service.close()


def app_for(svc, lang="zh"):
    from dutylog.tui.app import make_app
    from dutylog.tui.commands_export import ExportCommands

    app = make_app(svc, today=TODAY, lang=lang)
    app.animation_level = "none"
    app.COMMANDS = type(app).COMMANDS | {ExportCommands}
    return app


def rows(screen, table_id):
    from textual.widgets import DataTable

    return screen.query_one(table_id, DataTable).row_count


async def test_review_confirm_reject_undo_history(svc):
    from dutylog.tui.screens.history import HistoryScreen
    from dutylog.tui.screens.review import ReviewScreen

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ReviewScreen("王明"))
        await pilot.pause()
        review = app.screen
        assert rows(review, "#review-table") == 2
        first, second = [e.id for e in svc.pending("王明")]

        await pilot.press("c")  # confirm the first
        await pilot.pause()
        assert svc.entry(first).confirmed_by == "王明"
        assert [e.id for e in svc.pending("王明")] == [second]
        assert rows(review, "#review-table") == 1

        await pilot.press("r")  # reject the second: it asks first
        await pilot.pause()
        assert not svc.entry(second).deleted
        await pilot.press("y")  # yes: deleted, undoable
        await pilot.pause()
        assert svc.entry(second).deleted and svc.pending("王明") == []
        assert rows(review, "#review-table") == 0
        assert "u" in str(review.query_one("#review-message").render())

        await pilot.press("u")
        await pilot.pause()
        assert not svc.entry(second).deleted
        assert [e.id for e in svc.pending("王明")] == [second]
        assert rows(review, "#review-table") == 1

        await pilot.press("h")  # the history of the selected entry
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen) and app.screen.entry_id == second
        assert rows(app.screen, "#history-table") == 3  # added, deleted, brought back
        assert [v.deleted for v in app.screen.versions] == [False, True, False]
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is review


async def test_review_refusal_shows_in_the_screen(svc):
    from dutylog.tui.screens.review import ReviewScreen

    app = app_for(svc, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await app.push_screen(ReviewScreen("王明"))
        await pilot.pause()
        entry_id = svc.pending("王明")[0].id
        svc.delete(entry_id)  # deleted elsewhere meanwhile
        await pilot.press("c")
        await pilot.pause()
        assert "deleted" in str(app.screen.query_one("#review-message").render())
        assert svc.entry(entry_id).confirmed_by is None


async def test_history_shows_what_changed(svc):
    from dutylog.tui.screens.history import HistoryScreen

    entry_id = svc.pending("王明")[0].id
    svc.edit(entry_id, by="李秘书", note="[b]改过[/b]")
    app = app_for(svc)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.push_screen(HistoryScreen(entry_id))
        await pilot.pause()
        table = app.screen.query_one("#history-table")
        assert table.row_count == 2
        last = [str(c) for c in table.get_row_at(1)]
        assert "[b]改过[/b]" in last[5]  # user text is not markup
        assert last[6] == "备注"  # the changed field, in the user's language


@pytest.mark.parametrize("fmt, label, suffix, start", [
    ("markdown", "MARKDOWN", ".md", b"# "), ("csv", "CSV", ".csv", b"\xef\xbb\xbf"),
    ("ics", "ICS", ".ics", b"BEGIN:VCALENDAR\r\n")])
async def test_export_commands(svc, tmp_path, fmt, label, suffix, start):
    from dutylog.tui.commands_export import ExportCommands
    from dutylog.tui.screens.export_dialog import ExportDialog

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        provider = ExportCommands(app.screen)
        hits = [h async for h in provider.search(fmt)]
        hit = next(h for h in hits if label in h.text.upper() and "王明" in h.text)
        hit.command()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        target = tmp_path / f"out{suffix}"
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
        assert target.read_bytes().startswith(start)


@pytest.mark.parametrize("query, fmt", [("word", "docx"), ("xlsx", "xlsx")])
async def test_word_and_excel_reports_from_the_export_dialog(svc, tmp_path, query, fmt):
    """issue 11 §4: both documents are reachable from the TUI; the file written opens with
    the library that reads it and holds the year's entries."""
    from dutylog.tui.commands_export import ExportCommands
    from dutylog.tui.screens.export_dialog import ExportDialog

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hits = [h async for h in ExportCommands(app.screen).search(query)]
        hit = next(h for h in hits if "王明" in h.text)
        hit.command()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.fmt == fmt
        suggested = dialog.query_one("#export-path").value
        assert suggested.endswith(f"王明-2025-{'述职' if fmt == 'docx' else '台账'}.{fmt}")
        target = tmp_path / f"report.{fmt}"
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, ExportDialog)
    if fmt == "docx":
        from docx import Document

        doc = Document(str(target))
        lines = [p.text for p in doc.paragraphs]
        assert lines[0] == "王明 2025 年度履职情况（述职材料）"
        assert "1. 2025-06-01 · 秘书记一（李秘书 记录，待确认）" in lines  # under 民情日记
        assert [c.text for c in doc.tables[0].rows[0].cells] == ["职责", "目标", "完成", "应达", "状态", "备注"]
    else:
        from openpyxl import load_workbook

        wb = load_workbook(target)
        ws = wb["台账"]
        assert ws.freeze_panes == "A2"
        notes = sorted(row[9] for row in ws.iter_rows(min_row=2, values_only=True))
        assert notes == ["秘书记一", "秘书记二", "自己记"]
        assert [row[1] for row in ws.iter_rows(min_row=2, max_row=2, values_only=True)][0].year == 2025


async def test_export_from_the_palette_and_refusal_in_the_dialog(svc, tmp_path):
    from dutylog.tui.screens.export_dialog import ExportDialog

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"markdown")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog) and dialog.fmt == "md"
        dialog.query_one("#export-path").value = str(tmp_path / "missing" / "r.md")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # refused: stays open, says why
        assert "不存在" in str(dialog.query_one("#export-error").render())
        dialog.query_one("#export-path").value = str(tmp_path / "r.md")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# 王明 2025")


async def test_bundle_export_command(svc, tmp_path):
    from dutylog.tui.commands_export import ExportCommands

    app = app_for(svc)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        hits = [h async for h in ExportCommands(app.screen).discover()]
        assert len(hits) == 7  # md, docx, xlsx, csv, ics for 王明 + one bundle + import (issue 14 §6)
        assert hits[-1].text == "导入合并包（文件或文件夹）"
        hits[-2].command()
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "b.jsonl")
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "b.jsonl").read_bytes().startswith(b'{"format": "dutylog-bundle"')
