"""issue 11 §3: times are stored in UTC with the zone and shown in the laptop's zone — in
the review and history screens and in the CSV and Excel exports. An entry last written at
03:29 UTC shows as 11:29 on a laptop set to 北京时间 (TZ=Asia/Shanghai)."""

from __future__ import annotations

import csv
import io
import os
import time
from datetime import date, datetime

import pytest

from .conftest import entry, subject, write_bundle

STAMP = "2025-06-01T03:29:00+00:00"  # 11:29 in Beijing


@pytest.fixture(params=[("Asia/Shanghai", "11:29"), ("UTC", "03:29")], ids=["beijing", "utc"])
def zone(request):
    """The process's local zone set as a laptop's would be; put back afterwards."""
    tz, shown = request.param
    old = os.environ.get("TZ")
    os.environ["TZ"] = tz
    time.tzset()
    yield shown
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture
def svc(tmp_path, zone):
    """王明 with one diary entry 李秘书 recorded (pending), last written at 03:29 UTC."""
    from dutylog.services import Dutylog

    service = Dutylog.open(today=date(2025, 6, 30))
    bundle = write_bundle(tmp_path / "b.jsonl", [
        subject(),
        entry(1, STAMP, note="村道破损", date="2025-06-01", by="李秘书"),
    ])
    service.import_bundle(bundle)
    [e] = service.entries("王明")
    assert e.updated_at.startswith("2025-06-01T03:29")  # stored as written: UTC, with its zone
    yield service
    service.close()


def test_csv_report_shows_local_time(svc, zone, tmp_path):
    from dutylog.services.reports import write_report

    out = write_report(svc, tmp_path / "r.csv", "王明", 2025, "csv")
    [row] = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"), newline="")))
    assert row["更新时间"] == f"2025-06-01 {zone}"


def test_xlsx_report_shows_local_time_as_an_excel_time(svc, zone, tmp_path):
    from openpyxl import load_workbook

    from dutylog.services.reports import write_report

    out = write_report(svc, tmp_path / "r.xlsx", "王明", 2025, "xlsx")
    ws = load_workbook(out)["台账"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("更新时间") + 1)
    hour, minute = (int(x) for x in zone.split(":"))
    assert cell.value == datetime(2025, 6, 1, hour, minute)
    assert cell.number_format == "yyyy-mm-dd hh:mm"


async def test_review_and_history_screens_show_local_time(svc, zone):
    from dutylog.tui.app import make_app
    from dutylog.tui.screens.history import HistoryScreen
    from dutylog.tui.screens.review import ReviewScreen

    app = make_app(svc, today=date(2025, 6, 30), blink=False, animations=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await app.push_screen(ReviewScreen("王明"))
        await pilot.pause()
        table = app.screen.query_one("#review-table")
        [label] = [str(c.label) for c in table.columns.values()][-1:]
        assert label == "记录时间"
        assert str(table.get_row_at(0)[-1]) == f"2025-06-01 {zone}"
        [e] = svc.entries("王明")
        await app.push_screen(HistoryScreen(e.id))
        await pilot.pause()
        history = app.screen.query_one("#history-table")
        assert str(history.get_row_at(0)[0]) == f"2025-06-01 {zone}"
