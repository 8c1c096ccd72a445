"""`workday` and `holidays`: hand-computed 2026 dates and an uncovered year (2027)."""

from __future__ import annotations

import pytest

from .conftest import refused


@pytest.mark.parametrize("start, n, expected", [
    # Spring Festival 2026: Sat 14 Feb is a make-up workday, 15–23 Feb off.
    ("2026-02-12", 3, "2026-02-24"),
    ("2026-02-13", 1, "2026-02-14"),
    ("2026-02-14", 1, "2026-02-24"),
    # Mid-Autumn (Fri 25 Sep off) and National Day 2026 (1–7 Oct off, Sat 10 Oct worked).
    ("2026-09-24", 3, "2026-09-30"),
    ("2026-09-30", 3, "2026-10-10"),
    ("2026-10-01", 1, "2026-10-08"),
    ("2026-09-19", 1, "2026-09-20"),  # make-up Sunday
    ("2026-03-05", 0, "2026-03-05"),
])
def test_workday_2026(run, today, start, n, expected):
    r = run("workday", start, n, "--json")
    assert r.code == 0, r.err
    assert r.json == {"date": expected, "estimated": False}


def test_workday_plain_output(run, today):
    assert run("workday", "2026-02-12", "3").out.strip() == "2026-02-24"


def test_uncovered_year_is_estimated(run, today):
    # 2027 is not in chinesecalendar 1.11: estimated from the statutory holidays. 除夕 Fri 5 Feb
    # to 初三 Mon 8 Feb, the weekend's two days made up Tue 9 and Wed 10: Thu 11, Fri 12, Mon 15.
    assert run("workday", "2027-02-05", "3", "--json").json == {"date": "2027-02-15", "estimated": True}
    assert "估算" in run("workday", "2027-02-05", "3").out


def test_new_year_2027_is_a_holiday_in_the_estimate(run, today):
    # issue 11: Thu 31 Dec (1); Fri 1 Jan 2027 元旦; Sat, Sun; Mon 4 (2), Tue 5 (3)
    assert run("workday", "2026-12-30", "3", "--json").json == {"date": "2027-01-05", "estimated": True}


def test_uncovered_year_with_user_holidays(run, today):
    # The user enters a (hypothetical) notice: Sun 7 Feb worked, 8–12 Feb off.
    assert run("holidays", "set", "2027-02-07", "workday", "--name", "春节调休").code == 0
    for day in range(8, 13):
        assert run("holidays", "set", f"2027-02-{day:02d}", "holiday", "--name", "春节").code == 0
    # Sun 7 (1), 8–12 off, Sat 13/Sun 14 guessed off, Mon 15 (2), Tue 16 (3); still estimated
    # because the weekend was guessed.
    assert run("workday", "2027-02-05", "3", "--json").json == {"date": "2027-02-16", "estimated": True}
    # Every day classified is the user's own entry: exact.
    assert run("workday", "2027-02-06", "1", "--json").json == {"date": "2027-02-07", "estimated": False}
    listed = run("holidays", "list", "2027", "--json").json
    assert [e["date"] for e in listed] == ["2027-02-07", *[f"2027-02-{d:02d}" for d in range(8, 13)]]
    assert listed[0] == {"date": "2027-02-07", "kind": "workday", "name": "春节调休"}


def test_user_entry_overrides_builtin_calendar(run, today):
    # 2026-02-24 is an official workday; the user's entry wins.
    assert run("holidays", "set", "2026-02-24", "holiday").code == 0
    assert run("workday", "2026-02-12", "3", "--json").json == {"date": "2026-02-25", "estimated": False}
    # Setting it back to workday restores the official answer.
    assert run("holidays", "set", "2026-02-24", "workday").code == 0
    assert run("workday", "2026-02-12", "3", "--json").json["date"] == "2026-02-24"


def test_holidays_import(run, today, tmp_path):
    notice = tmp_path / "2027.txt"
    notice.write_text("# 2027 春节\n2027-02-07 workday 春节调休\n"
                      "2027-02-08..2027-02-12, holiday, 春节\n\n2027-02-20\t班\n", encoding="utf-8")
    r = run("holidays", "import", notice)
    assert r.code == 0, r.err
    listed = run("holidays", "list", "2027", "--json").json
    assert len(listed) == 7 and listed[-1] == {"date": "2027-02-20", "kind": "workday", "name": None}
    assert "春节" in run("holidays", "list", "2027").out


def test_holidays_template(run, today, tmp_path, snapshot):
    from dutylog.policy import holidays_template_text

    r = run("holidays", "template")
    assert r.code == 0 and r.out == holidays_template_text()
    # Unchanged, it is refused (nothing but comments) and nothing is entered.
    run("subject", "list")
    before = snapshot()
    blank = tmp_path / "blank.txt"
    blank.write_text(r.out, encoding="utf-8")
    assert refused(run("holidays", "import", blank))
    assert snapshot() == before
    # With its example lines uncommented it imports: the 2026 notice, 39 days (33 off, 6 worked).
    filled = tmp_path / "2026.txt"
    filled.write_text("\n".join(line[2:] if line.startswith("# 2026-") else line
                                for line in r.out.splitlines()), encoding="utf-8")
    assert run("holidays", "import", filled).code == 0
    listed = run("holidays", "list", "2026", "--json").json
    assert len(listed) == 39
    assert {"date": "2026-02-14", "kind": "workday", "name": "春节调休"} in listed
    # The same answers as the built-in calendar, and exact.
    assert run("workday", "2026-02-12", "3", "--json").json == {"date": "2026-02-24", "estimated": False}


def test_holidays_import_is_all_or_nothing(run, today, tmp_path, snapshot):
    notice = tmp_path / "bad.txt"
    notice.write_text("2027-02-08 holiday\n2027-02-30 holiday\n", encoding="utf-8")
    run("subject", "list")  # creates the database
    before = snapshot()
    r = run("holidays", "import", notice)
    assert refused(r) and "第 2 行" in r.err
    assert snapshot() == before


@pytest.mark.parametrize("args", [
    ["workday", "2026-02-30", "3"],
    ["workday", "2026-02-12", "-1"],
    ["workday", "2026-02-12", "x"],
    ["holidays", "set", "2027-01-01", "weekend"],
    ["holidays", "set", "someday", "holiday"],
    ["holidays", "list", "20x7"],
])
def test_refusals(run, today, args, snapshot):
    run("subject", "list")
    before = snapshot()
    r = run(*args)
    assert refused(r), (r.code, r.err)
    assert snapshot() == before
