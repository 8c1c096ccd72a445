"""Issue 12, findings 4 and 6 (and the exits 1 of finding 9): stamps and dates from the far
future or the distant past.

An entry imported with `updated_at` in 9999 won forever and made `edit`, `delete` and
`confirm` exit 1; a zone-less stamp in 0001 or 9999 crashed imports; one ledger item due
9999-12-31 made `ledger list` take seconds (the dashboard: 17 s); `entries --limit 1e23`
and `workday 9999-12-31 1` exited 1.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from .conftest import S1, entry, subject, uid, write_bundle

TODAY = "2025-06-18"
STAMP = "2025-03-02T08:00:00+08:00"


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)


@pytest.fixture
def english(monkeypatch):
    """The refusals below are checked in English (a bundle's line in Chinese:
    tests/records/test_bundle_forgery.py)."""
    monkeypatch.setenv("DUTYLOG_LANG", "en")


def dump(home) -> list[str]:
    conn = sqlite3.connect(home / "dutylog.db")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def refused(run, home, tmp_path, records, line: int, words: str) -> None:
    run("subject", "add", "李四", "--role", "cadre")  # the database exists
    before = dump(home)
    path = write_bundle(tmp_path / "b.jsonl", records)
    r = run("import", path)
    assert r.code == 2, (r.code, r.err)
    assert f"line {line}:" in r.err and words in r.err, r.err
    assert len(r.err.strip().splitlines()) == 1
    assert dump(home) == before


@pytest.mark.parametrize("stamp, words", [
    ("9999-12-31T23:59:59+00:00", "ahead of this computer's clock"),
    ("2999-01-01T00:00:00+08:00", "ahead of this computer's clock"),
    ("9999-12-31T23:59:59.999999", "9999-12-31T23:59:59"),  # no zone: crashed before
    # (out of range east of UTC, else more than a day ahead)
    ("0001-01-01T00:00:00", "before 2000"),
    ("1999-12-31T23:59:59+08:00", "before 2000"),
])
def test_a_stamp_out_of_range_is_refused_with_its_line(run, dutylog_home, tmp_path, today,
                                                       english, stamp, words):
    refused(run, dutylog_home, tmp_path, [subject(), entry(1, STAMP), entry(2, stamp)], 4, words)


def test_a_zone_less_stamp_is_stored_in_utc_with_its_zone(run, tmp_path, today):
    path = write_bundle(tmp_path / "b.jsonl", [subject(), entry(1, "2025-03-02T08:00:00")])
    assert run("import", path).code == 0
    stamp = run("entries", "--json").json[0]["updated_at"]
    assert stamp.endswith("+00:00"), stamp


@pytest.mark.parametrize("record, words", [
    (entry(3, STAMP, date="2025-06-19"), "in the future"),
    (entry(3, STAMP, date="1999-12-31"), "before 2000"),
    ({"type": "trip", "id": uid(9), "subject": S1, "requested": "2025-03-01",
      "depart": "2025-03-10", "return": "2025-03-05", "updated_at": STAMP}, "before the departure"),
    ({"type": "trip", "id": uid(9), "subject": S1, "requested": "2025-03-01",
      "depart": "2025-03-10", "return": "9999-12-31", "updated_at": STAMP}, "10 years ahead"),
    ({"type": "ledger", "id": uid(9), "subject": S1, "ledger_type": "follow-up",
      "opened": "2025-03-01", "due": "9999-12-31", "updated_at": STAMP}, "10 years ahead"),
    ({"type": "ledger", "id": uid(9), "subject": S1, "ledger_type": "follow-up",
      "opened": "2025-07-01", "due": "2025-08-01", "updated_at": STAMP}, "in the future"),
])
def test_bundle_dates_follow_the_cli_rules(run, dutylog_home, tmp_path, today, english, record,
                                           words):
    refused(run, dutylog_home, tmp_path, [subject(), entry(1, STAMP), record], 4, words)


def test_far_future_dates_are_refused_on_every_command(run, today):
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    cases = [
        ("log", "diary", "--subject", "王明", "--date", TODAY, "--note", "n",
         "--follow-up-due", "9999-12-31"),
        ("ledger", "add", "follow-up", "--subject", "王明", "--opened", TODAY, "--due", "9999-12-31"),
        ("ledger", "add", "follow-up", "--subject", "王明", "--opened", "1999-01-01", "--due", TODAY),
        ("leave", "request", "--subject", "王明", "--requested", TODAY, "--depart", "2036-01-01",
         "--return", "2036-01-02"),
        ("entries", "--limit", "1e23"),
        ("entries", "--limit", "100000000000000000000000"),
        ("workday", "9999-12-31", "1"),
        ("workday", "2025-06-18", "99999999"),
    ]
    for args in cases:
        r = run(*args)
        assert r.code == 2, (args, r.code, r.err)
        assert len(r.err.strip().splitlines()) == 1, r.err
    assert run("entries", "--json").json == []  # the refused log wrote nothing
    assert run("ledger", "add", "follow-up", "--subject", "王明", "--opened", TODAY,
               "--due", "2035-06-18").code == 0  # ten years ahead is still a due day


def test_a_far_future_stamp_already_stored_does_not_block_changes(run, dutylog_home, today):
    run("subject", "add", "王明", "--role", "leader")
    run("subject", "add", "秘书", "--role", "cadre")
    entry_id = run("log", "diary", "--subject", "王明", "--date", TODAY, "--note", "n",
                   "--by", "秘书").out.strip()
    conn = sqlite3.connect(dutylog_home / "dutylog.db")
    with conn:
        conn.execute("UPDATE entries SET updated_at = '9999-12-31T23:59:59.999999+00:00'")
    conn.close()
    for args in (("edit", entry_id, "--note", "m"), ("confirm", entry_id, "--by", "王明"),
                 ("delete", entry_id), ("undelete", entry_id)):
        r = run(*args)
        assert r.code == 0, (args, r.err)


def test_a_stored_far_due_day_does_not_loop_to_it(run, dutylog_home, today):
    """An item due 9999-12-31 (stored before these checks): its colour and working days
    left come from a bounded count; the far part is estimated."""
    from dutylog.domain.workdays import WorkCalendar

    run("subject", "add", "王明", "--role", "leader")
    run("ledger", "add", "follow-up", "--subject", "王明", "--opened", TODAY, "--due", "2025-07-18")
    conn = sqlite3.connect(dutylog_home / "dutylog.db")
    with conn:
        conn.execute("UPDATE ledger_items SET due = '9999-12-31'")
    conn.close()
    (item,) = run("ledger", "list", "--json").json
    assert item["color"] == "blue" and item["due"] == "9999-12-31"
    count = WorkCalendar().workdays_between(date(2025, 6, 18), date(9999, 12, 31))
    assert count.estimated
    # 2,920,541 days after 2025-06-18: 800 counted one by one, the rest five a week
    rest = (date(9999, 12, 31) - date(2027, 8, 27)).days
    assert count.count - rest // 7 * 5 - min(rest % 7, 5) in range(540, 580)
