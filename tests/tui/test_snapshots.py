"""Snapshots of the main screens at 120×40 over the demo year (today pinned to 2025-06-18).

Refresh only after reading the diff report: pytest tests/tui --snapshot-update.
"""

from __future__ import annotations

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
