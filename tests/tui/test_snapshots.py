"""Snapshots of the main screens at 120×40 over the demo year (today pinned to 2025-06-18).

Refresh only after reading the diff report: pytest tests/tui --snapshot-update.
"""

from __future__ import annotations

import pytest

from .conftest import SIZE


def test_dashboard_zh(snap_compare, demo_svc, make):
    assert snap_compare(make(demo_svc), terminal_size=SIZE)


def test_dashboard_en(snap_compare, demo_svc, make):
    assert snap_compare(make(demo_svc, lang="en"), terminal_size=SIZE)


def test_log_form(snap_compare, demo_svc, make):
    assert snap_compare(make(demo_svc), press=["n", *"jcdyzf", "enter"], terminal_size=SIZE)


def test_entries_screen(snap_compare, demo_svc, make):
    async def filter_one_kind(pilot):
        # one frontline-office session a fortnight: no two rows share a date, so the
        # order (date, then random id) is the same on every run
        await pilot.press("e")
        await pilot.click("#f-kind")
        await pilot.press(*"yxbg", "enter")

    assert snap_compare(make(demo_svc), run_before=filter_one_kind, terminal_size=SIZE)


def test_heatmap(snap_compare, demo_svc, make):
    assert snap_compare(make(demo_svc), press=["c", "left", "enter"], terminal_size=SIZE)


def _month_end_svc():
    """王明, leader and Party-group member, tracked from 15 July 2025; today is 30 November
    2025, the last day of the month, still running. Petition reception was held in every
    tracked month but November: November shows 今天截止 (due today), not ✗; January–June
    are greyed "–" (not tracked) in the strips."""
    from datetime import date

    from dutylog.services import Dutylog, LogRequest

    svc = Dutylog.open(today=date(2025, 11, 30))
    svc.add_subject("王明", ["leader", "party-group-member"], date(2025, 7, 15))
    for name in ("甲公司", "乙公司", "丙公司"):
        svc.link("王明", "enterprise", name, date(2025, 7, 15))
    svc.link("王明", "department-head", "刘建国", date(2025, 7, 15))
    svc.link("王明", "department-head", "陈志强", date(2025, 7, 15))
    for month in range(7, 11):
        svc.log(LogRequest("petition-reception", "王明", date(2025, month, 20)))
        svc.log(LogRequest("indicator-dispatch", "王明", date(2025, month, 8)))
    svc.log(LogRequest("indicator-dispatch", "王明", date(2025, 11, 3)))
    svc.log(LogRequest("integrity-talk", "王明", date(2025, 9, 9), object="刘建国"))
    svc.log(LogRequest("field-research", "王明", date(2025, 9, 1), days=4, four_no=True))
    return svc


def test_dashboard_on_the_last_day_of_a_month(snap_compare):
    svc = _month_end_svc()
    try:
        assert snap_compare(make_on(svc), terminal_size=SIZE)
    finally:
        svc.close()


def test_dashboard_on_the_last_day_of_a_month_80x24(snap_compare):
    svc = _month_end_svc()
    try:
        assert snap_compare(make_on(svc), terminal_size=(80, 24))
    finally:
        svc.close()


def make_on(svc):
    from dutylog.tui.app import make_app

    return make_app(svc, today=svc.today, lang="zh", blink=False, theme="textual-dark", animations=False)


def test_svg_text_widths_follow_terminal_cells():
    """issue 10 §6: a line of Chinese in an exported SVG is as long as its cells."""
    import re

    from rich.cells import cell_len

    svg = (__import__("pathlib").Path(__file__).parent / "__snapshots__" / "test_snapshots"
           / "test_dashboard_on_the_last_day_of_a_month.svg").read_text(encoding="utf-8")
    lines = re.findall(r'<text[^>]*textLength="([0-9.]+)"[^>]*>([^<]*王明[^<]*)</text>', svg)
    assert lines
    length, text = lines[0]
    text = text.replace("&#160;", " ")
    per_cell = 12.2  # Rich's cell width at its 20px font
    assert float(length) == round(cell_len(text) * per_cell, 2)
    assert cell_len(text) > len(text)  # the line really is Chinese


def test_desk(snap_compare, demo_svc, make):
    """The demo's three subjects on the desk (w from the dashboard), most behind first."""
    assert snap_compare(make(demo_svc), press=["w", "b"], terminal_size=SIZE)
def test_dashboard_ascii_glyphs(snap_compare, demo_svc, make, monkeypatch):
    """issue 10: DUTYLOG_ASCII=1 (or the saved setting): bars, marks, strips in ASCII."""
    monkeypatch.setenv("DUTYLOG_ASCII", "1")
    assert snap_compare(make(demo_svc), terminal_size=(100, 30))


# issue 10 §4: the three main views at the sizes laptops have (80×24 usable, 100×30
# comfortable, 140×45 wide). Simple entries: (name, keys pressed after start).
SMALL_SIZES = [(80, 24), (100, 30), (140, 45)]
SMALL_SCENES = {
    "dashboard": [],
    "log_form": ["f2", *"jcdyzf", "enter"],
    "calendar": ["f4", "left", "enter"],
}


@pytest.mark.parametrize("size", SMALL_SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("scene", list(SMALL_SCENES))
def test_laptop_sizes(snap_compare, demo_svc, make, scene, size):
    assert snap_compare(make(demo_svc), press=SMALL_SCENES[scene], terminal_size=size)
