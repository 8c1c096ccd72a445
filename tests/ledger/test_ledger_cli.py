"""`ledger add|progress|close|list|show`: due days, the 蓝黄红 colour boundaries, refusals."""

from __future__ import annotations

import pytest

from .conftest import refused

FIELDS = {"id", "type", "title", "opened", "due", "due_estimated", "closed", "color", "late"}


def add(run, *args):
    r = run("ledger", "add", *args)
    assert r.code == 0, r.err
    return r.out.strip()


def listed(run, *args):
    r = run("ledger", "list", "--json", *args)
    assert r.code == 0, r.err
    return r.json


def test_supervision_due_three_working_days_across_spring_festival(run, wang):
    item = add(run, "supervision", "--subject", wang, "--opened", "2026-02-12", "--title", "督办函")
    [rec] = listed(run, "--as-of", "2026-02-13")
    assert set(rec) >= FIELDS
    assert rec["id"] == item and rec["type"] == "supervision" and rec["title"] == "督办函"
    assert (rec["opened"], rec["due"], rec["due_estimated"]) == ("2026-02-12", "2026-02-24", False)
    assert rec["closed"] is None and rec["late"] is False
    # As of Fri 13 Feb: Sat 14 (make-up) and Tue 24 lie in (13 Feb, 24 Feb] -> 2 -> blue.
    assert rec["color"] == "blue"
    # As of Sat 14 Feb only Tue 24 is left (the festival in between) -> yellow.
    assert listed(run, "--as-of", "2026-02-14")[0]["color"] == "yellow"


def test_minutes_due_across_national_day(run, wang):
    add(run, "minutes", "--subject", wang, "--opened", "2026-09-30")
    rec = listed(run, "--as-of", "2026-09-30")[0]
    assert rec["due"] == "2026-10-10"  # 8, 9 Oct and the make-up Saturday 10 Oct
    assert rec["color"] == "blue"
    # As of Fri 9 Oct, the due day (make-up Sat 10 Oct) is the one working day left.
    assert listed(run, "--as-of", "2026-10-09")[0]["color"] == "yellow"


@pytest.mark.parametrize("as_of, color, late", [
    ("2026-03-04", "blue", False),    # Thu 5, Fri 6, Mon 9: 3 working days left
    ("2026-03-05", "blue", False),    # Fri 6, Mon 9: 2 left
    ("2026-03-06", "yellow", False),  # Fri: only Mon 9 left, across the weekend
    ("2026-03-07", "yellow", False),  # Saturday: Mon 9 left
    ("2026-03-09", "yellow", False),  # due today: 0 left
    ("2026-03-10", "red", True),      # overdue by one day
])
def test_colour_boundaries(run, wang, as_of, color, late):
    add(run, "rectification", "--subject", wang, "--opened", "2026-03-02", "--due", "2026-03-09")
    rec = listed(run, "--as-of", as_of)[0]
    assert (rec["color"], rec["late"]) == (color, late)


def test_progress_close_and_late(run, wang):
    item = add(run, "petition-case", "--subject", wang, "--opened", "2026-03-02", "--due", "2026-03-09",
               "--title", "信访案件")
    assert run("ledger", "progress", item[:8], "--date", "2026-03-05", "--note", "已约见信访人").code == 0
    assert run("ledger", "progress", item, "--date", "2026-03-09", "--note", "形成化解方案").code == 0
    assert run("ledger", "close", item[:10], "--date", "2026-03-10").code == 0
    rec = listed(run)[0]
    assert (rec["color"], rec["closed"], rec["late"]) == ("closed", "2026-03-10", True)
    # As of a day before it was closed, it was open and overdue.
    rec = listed(run, "--as-of", "2026-03-10")[0]
    assert rec["color"] == "closed"
    rec = listed(run, "--as-of", "2026-03-09")[0]
    assert (rec["color"], rec["closed"]) == ("yellow", None)
    shown = run("ledger", "show", item[:8], "--json").json
    assert [p["note"] for p in shown["progress"]] == ["已约见信访人", "形成化解方案"]
    assert "形成化解方案" in run("ledger", "show", item[:8]).out
    assert listed(run, "--open") == []


def test_closed_on_due_day_is_not_late(run, wang):
    item = add(run, "cosign", "--subject", wang, "--opened", "2026-03-02")
    assert run("ledger", "close", item, "--date", "2026-03-05").code == 0
    rec = listed(run)[0]
    assert (rec["due"], rec["color"], rec["late"]) == ("2026-03-05", "closed", False)


def test_sorted_by_urgency(run, wang):
    closed = add(run, "follow-up", "--subject", wang, "--opened", "2026-10-01", "--due", "2026-10-09")
    run("ledger", "close", closed, "--date", "2026-10-09")
    blue = add(run, "follow-up", "--subject", wang, "--opened", "2026-10-12", "--due", "2026-10-30")
    red = add(run, "follow-up", "--subject", wang, "--opened", "2026-10-08", "--due", "2026-10-14")
    yellow = add(run, "follow-up", "--subject", wang, "--opened", "2026-10-12", "--due", "2026-10-16")
    recs = listed(run, "--subject", wang)
    assert [r["id"] for r in recs] == [red, yellow, blue, closed]
    assert [r["color"] for r in recs] == ["red", "yellow", "blue", "closed"]
    assert [r["id"] for r in listed(run, "--open")] == [red, yellow, blue]
    table = run("ledger", "list").out
    assert table.index("红") < table.index("黄") < table.index("蓝")


def test_due_estimated_in_uncovered_year_becomes_exact_with_user_entries(run, wang, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2027-01-05")
    add(run, "supervision", "--subject", wang, "--opened", "2027-01-04")
    rec = listed(run)[0]
    assert (rec["due"], rec["due_estimated"]) == ("2027-01-07", True)
    for day in ("2027-01-05", "2027-01-06", "2027-01-07"):
        run("holidays", "set", day, "workday")
    rec = listed(run)[0]
    assert (rec["due"], rec["due_estimated"]) == ("2027-01-07", False)
    run("holidays", "set", "2027-01-06", "holiday")
    run("holidays", "set", "2027-01-08", "workday")
    assert listed(run)[0]["due"] == "2027-01-08"  # recomputed from the user's notice


def test_given_due_is_never_estimated(run, wang, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2027-01-05")
    add(run, "supervision", "--subject", wang, "--opened", "2027-01-04", "--due", "2027-01-20")
    assert listed(run)[0]["due_estimated"] is False


@pytest.mark.parametrize("args", [
    ["ledger", "add", "memo", "--subject", "王明", "--opened", "2026-10-01"],
    ["ledger", "add", "follow-up", "--subject", "王明", "--opened", "2026-10-01"],
    ["ledger", "add", "supervision", "--subject", "李四", "--opened", "2026-10-01"],
    ["ledger", "add", "supervision", "--subject", "王明", "--opened", "2026-10-16"],
    ["ledger", "add", "rectification", "--subject", "王明", "--opened", "2026-10-05", "--due", "2026-10-01"],
    ["ledger", "add", "supervision", "--subject", "王明", "--opened", "2026-02-30"],
    ["ledger", "list", "--as-of", "soon"],
    ["ledger", "progress", "abc", "--date", "2026-10-10", "--note", "x"],
    ["ledger", "progress", "00000000", "--date", "2026-10-10", "--note", "x"],
])
def test_refusals(run, wang, snapshot, args):
    add(run, "supervision", "--subject", wang, "--opened", "2026-10-08")
    before = snapshot()
    r = run(*args)
    assert refused(r), (r.code, r.err)
    assert snapshot() == before


def test_refusals_on_an_item(run, wang, snapshot):
    item = add(run, "supervision", "--subject", wang, "--opened", "2026-10-08")
    before = snapshot()
    for args in (["progress", item, "--date", "2026-10-07", "--note", "早于收文"],
                 ["progress", item, "--date", "2026-10-16", "--note", "未来"],
                 ["progress", item, "--date", "2026-10-09", "--note", "  "],
                 ["close", item, "--date", "2026-10-16"],
                 ["close", item, "--date", "2026-10-01"]):
        r = run("ledger", *args)
        assert refused(r), (args, r.code, r.err)
    assert snapshot() == before
    assert run("ledger", "close", item, "--date", "2026-10-12").code == 0
    before = snapshot()
    assert refused(run("ledger", "close", item, "--date", "2026-10-13"))
    assert refused(run("ledger", "progress", item, "--date", "2026-10-13", "--note", "再报"))
    assert snapshot() == before


def test_ledger_types_are_the_policys(run, wang, tmp_path, snapshot):
    """The types, their words and their due days come from the policy's [[ledger_types]]."""
    before = snapshot()
    r = run("--lang", "en", "ledger", "add", "letter", "--subject", wang, "--opened", "2026-10-12")
    assert refused(r) and "unknown ledger type 'letter'" in r.err
    assert "accepted: supervision, cosign, minutes, rectification, petition-case, follow-up" in r.err
    assert snapshot() == before
    copy = tmp_path / "mine.toml"
    assert run("policy", "export", copy).code == 0
    copy.write_text(copy.read_text("utf-8") + '\n[[ledger_types]]\nid = "letter"\n'
                    'name = { zh = "来函", en = "letter" }\ndue_workdays = 5\n', "utf-8")
    assert run("policy", "use", copy).code == 0
    add(run, "letter", "--subject", wang, "--opened", "2026-10-12", "--title", "来函办理")
    [rec] = listed(run)
    assert (rec["type"], rec["due"], rec["due_estimated"]) == ("letter", "2026-10-19", False)  # Mon + 5
    r = run("ledger", "list")
    assert r.code == 0 and "来函" in r.out
