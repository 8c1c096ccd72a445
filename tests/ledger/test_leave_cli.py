"""`leave request|back|list`: clause 3's 3-day rule and 销假, hand-computed edges."""

from __future__ import annotations

import pytest

from .conftest import refused

FIELDS = {"id", "requested", "depart", "return", "emergency", "back", "notice_days", "compliant", "open"}


def request(run, *args):
    r = run("leave", "request", "--subject", "王明", *args)
    assert r.code == 0, r.err
    return r.out.strip()


@pytest.mark.parametrize("requested, emergency, notice, compliant", [
    ("2026-10-01", False, 3, True),    # exactly 3 days
    ("2026-09-28", False, 6, True),
    ("2026-10-02", False, 2, False),   # 2 days: too late
    ("2026-10-04", False, 0, False),
    ("2026-10-04", True, 0, True),     # emergency, reported when leaving
    ("2026-10-02", True, 2, True),
])
def test_compliance(run, wang, requested, emergency, notice, compliant):
    args = ["--requested", requested, "--depart", "2026-10-04", "--return", "2026-10-06"]
    trip = request(run, *args, *(["--emergency"] if emergency else []))
    [rec] = run("leave", "list", "--json").json
    assert set(rec) >= FIELDS
    assert rec["id"] == trip and rec["emergency"] is emergency
    assert (rec["notice_days"], rec["compliant"]) == (notice, compliant)


def test_open_until_back(run, wang):
    trip = request(run, "--requested", "2026-10-01", "--depart", "2026-10-05", "--return", "2026-10-08",
                   "--destination", "青岛")
    def rec(*args):
        return run("leave", "list", "--json", *args).json[0]
    assert rec("--as-of", "2026-10-08")["open"] is False   # the return day itself
    assert rec("--as-of", "2026-10-09")["open"] is True    # the day after, no 销假
    assert run("leave", "back", trip[:8], "--date", "2026-10-09").code == 0
    now = rec()
    assert (now["open"], now["back"], now["return"]) == (False, "2026-10-09", "2026-10-08")
    assert rec("--as-of", "2026-10-09")["open"] is False
    assert rec("--as-of", "2026-10-08")["back"] is None
    assert "青岛" in run("leave", "list").out


def test_open_trip_counts_on_dashboard_summary(run, wang):
    request(run, "--requested", "2026-10-01", "--depart", "2026-10-05", "--return", "2026-10-08")
    from dutylog.services import Dutylog

    with Dutylog.open() as svc:
        assert svc.ledger_summary("王明").open_trips == 1
        assert svc.ledger_summary(None, svc.date("2026-10-08")).open_trips == 0


@pytest.mark.parametrize("args", [
    ["--requested", "2026-10-01", "--depart", "2026-10-05", "--return", "2026-10-04"],
    ["--requested", "2026-10-16", "--depart", "2026-10-20", "--return", "2026-10-21"],
    ["--requested", "2026-10-01", "--depart", "2026-10-05"],
    ["--requested", "昨天", "--depart", "2026-13-01", "--return", "2026-10-21"],
])
def test_request_refusals(run, wang, snapshot, args):
    before = snapshot()
    r = run("leave", "request", "--subject", "王明", *args)
    assert refused(r), (r.code, r.err)
    assert snapshot() == before


def test_back_refusals(run, wang, snapshot):
    trip = request(run, "--requested", "2026-10-01", "--depart", "2026-10-05", "--return", "2026-10-08")
    before = snapshot()
    assert refused(run("leave", "back", trip, "--date", "2026-10-04")) # before departure
    assert refused(run("leave", "back", trip, "--date", "2026-10-16"))  # future
    assert refused(run("leave", "back", "1234", "--date", "2026-10-09"))
    assert snapshot() == before
    assert run("leave", "back", trip, "--date", "2026-10-09").code == 0
    assert refused(run("leave", "back", trip, "--date", "2026-10-10"))
