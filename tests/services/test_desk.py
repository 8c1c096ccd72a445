"""services/desk.py: the desk's cell states and the week's due list, hand-computed.

frontline-office (cadre): once a fortnight, fortnights counted from 1 January. The 13th
fortnight is days 169–182 of 2025: 18 June – 1 July. 李华 (dept-head, hence cadre) is
tracked from 18 June, so the earlier fortnights are untracked and nothing is missed.
- 20 June: the open fortnight closes in 11 days → on track; the week ends Sunday 22 June,
  before 1 July → nothing due this week.
- 30 June (a Monday): it closes tomorrow (1 day left < 7) → due soon, and due this week
  (the week ends 6 July).
- with a session logged on 19 June the fortnight is met → on track, nothing due.
"""

from __future__ import annotations

from datetime import date

import pytest

from dutylog.services import Dutylog, LogRequest
from dutylog.services.desk import Desk, week_end


@pytest.fixture
def svc():
    service = Dutylog.open(today=date(2025, 6, 30))
    service.add_subject("李华", ["dept-head"], since=date(2025, 6, 18))
    yield service
    service.close()


def test_week_end_is_sunday():
    assert week_end(date(2025, 6, 30)) == date(2025, 7, 6)
    assert week_end(date(2025, 7, 6)) == date(2025, 7, 6)


def test_due_soon_within_the_week_and_on_track_before(svc):
    desk = Desk(svc)
    [row] = desk.all_rows()
    assert row.cells["frontline-office"] == "due_soon"
    assert [(s.name, d.rule.id, d.days_left) for s, d in desk.due_this_week()
            if d.rule.id == "frontline-office"] == [("李华", "frontline-office", 1)]
    earlier = Desk(svc.on(date(2025, 6, 20)))
    [row] = earlier.all_rows()
    assert row.cells["frontline-office"] == "on_track"
    assert [d for _, d in earlier.due_this_week() if d.rule.id == "frontline-office"] == []


def test_a_met_fortnight_is_on_track_and_not_due(svc):
    svc.log(LogRequest("frontline-office", "李华", date(2025, 6, 19)))
    desk = Desk(svc)
    [row] = desk.all_rows()
    assert row.cells["frontline-office"] == "on_track"
    assert [d for _, d in desk.due_this_week() if d.rule.id == "frontline-office"] == []
    assert row.pending == 0  # recorded by 李华 herself


# ---- the memo: what was counted is kept until anything it read changes ------------------
def counting(monkeypatch) -> list[str]:
    """The names of the subjects evaluated from now on."""
    from dutylog.services import desk as desk_service

    seen: list[str] = []
    real = desk_service.evaluate_row

    def evaluate(svc, subj, year, as_of):
        seen.append(subj.name)
        return real(svc, subj, year, as_of)

    monkeypatch.setattr(desk_service, "evaluate_row", evaluate)
    return seen


def shown(desk: Desk) -> list:
    return [(r.subject.name, r.roles, r.cells, r.pending,
             [(d.rule.id, d.days_left, d.object_name) for d in r.due]) for r in desk.all_rows()]


def test_a_desk_made_again_the_same_day_starts_counted_from_the_memo(svc, monkeypatch):
    svc.add_subject("王明", ["leader"])
    svc.link("王明", "enterprise", "海晟食品", since=date(2025, 1, 1))
    first = shown(Desk(svc))
    seen = counting(monkeypatch)
    again = Desk(svc)
    assert again.done == 2 and again.complete  # every row read from the memo
    assert shown(again) == first
    assert seen == []  # nothing evaluated again


def test_a_write_a_new_day_or_another_policy_counts_again(svc, monkeypatch, tmp_path):
    before = shown(Desk(svc))
    assert before[0][2]["frontline-office"] == "due_soon"
    seen = counting(monkeypatch)
    svc.log(LogRequest("frontline-office", "李华", date(2025, 6, 19)))  # the change number moves
    after = Desk(svc)
    assert after.done == 0
    assert after.row(after.subjects[0]).cells["frontline-office"] == "on_track"
    assert seen == ["李华"]
    after.remember()
    assert Desk(svc).done == 1  # kept under the new change number

    assert Desk(svc.on(date(2025, 7, 1))).done == 0  # another day
    from importlib import resources

    policy = tmp_path / "mine.toml"  # field research: 50 days instead of 60
    text = resources.files("dutylog.policy").joinpath("haiyang-2022-17.toml").read_text(encoding="utf-8")
    policy.write_text(text.replace("target = { min = 60 }", "target = { min = 50 }"), encoding="utf-8")
    svc.use_policy(str(policy))
    assert Desk(svc).done == 0  # another policy


def test_a_count_raced_by_a_write_is_not_kept(svc):
    desk = Desk(svc)
    desk.row(desk.subjects[0])  # counted; then the data changes before it is kept
    svc.log(LogRequest("frontline-office", "李华", date(2025, 6, 19)))
    assert desk.remember() is False
    assert svc.memo.rows(desk.year, desk._stamp) == {}
    fresh = Desk(svc)
    assert fresh.done == 0
    assert fresh.row(fresh.subjects[0]).cells["frontline-office"] == "on_track"


def test_a_file_changed_outside_dutylog_forgets_the_memo(tmp_path, monkeypatch):
    import sqlite3

    home = tmp_path / "home"
    with Dutylog.open(home, today=date(2025, 6, 30)) as svc:
        svc.add_subject("李华", ["dept-head"], since=date(2025, 6, 18))
        Desk(svc).all_rows()
    with Dutylog.open(home, today=date(2025, 6, 30)) as svc:
        assert Desk(svc).done == 1  # closed and opened by dutylog: kept
    conn = sqlite3.connect(home / "dutylog.db")  # another tool writes the file
    conn.execute("UPDATE entries SET days = days")
    conn.execute("INSERT INTO settings(key, value) VALUES ('x', 'y')")
    conn.commit()
    conn.close()
    with Dutylog.open(home, today=date(2025, 6, 30)) as svc:
        assert Desk(svc).done == 0


@pytest.mark.parametrize("row", ['{"cells": 3', '{"cells": {"frontline-office": "<b>"}, "pending": 0, "due": []}',
                                 '{"cells": {}, "pending": 0, "due": [["no-such-rule", 1, null]]}'])
def test_a_memo_row_that_cannot_be_read_is_counted_again(svc, row):
    """Cut, with a state the desk does not draw, or naming a rule the policy lacks."""
    desk = Desk(svc)
    desk.all_rows()
    with svc.memo.db.transaction() as conn:
        conn.execute("UPDATE desk_memo SET row = ?", (row,))
    again = Desk(svc)
    assert again.done == 0
    assert again.row(again.subjects[0]).cells["frontline-office"] == "due_soon"


def test_the_policy_digest_is_the_same_in_every_process():
    """The memo's stamp holds the policy's digest: were it to change from one process to
    the next (a set's order follows the string hash seed), no desk would ever find its memo."""
    import os
    import subprocess
    import sys

    code = ("from dutylog.policy import load_policy\n"
            "from dutylog.services.desk import policy_digest\n"
            "print(policy_digest(load_policy(None)))")
    digests = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}).stdout.strip()
               for seed in ("1", "2", "3")}
    assert len(digests) == 1 and len(next(iter(digests))) == 16


def test_a_dashboard_made_ahead_is_given_back_until_a_write(svc):
    """ui.Ahead: the desk's count makes the dashboard of the row under the cursor; Enter
    gets that very object for the same subject-year while nothing was written since, and
    reads again otherwise (another subject, another year, a write, an outside write)."""
    from dutylog.services import ui

    li = svc.subject("李华")
    wang = svc.add_subject("王明", ["cadre"], since=date(2025, 1, 1))
    ahead = ui.Ahead()
    assert ahead.get(svc, li, 2025) is None  # nothing made yet
    ahead.make(svc, li, 2025)
    made = ahead.get(svc, li, 2025)
    assert made is not None and made.subject.name == "李华" and made.year == 2025
    assert made == ui.dashboard(svc, "李华", 2025)
    assert ahead.get(svc, li, 2025) is made
    assert ahead.get(svc, wang, 2025) is None and ahead.get(svc, li, 2024) is None
    ahead.make(svc, li, 2025)  # the same again: not made anew
    assert ahead.get(svc, li, 2025) is made
    svc.log(LogRequest("frontline-office", "李华", date(2025, 6, 19)))
    assert ahead.get(svc, li, 2025) is None  # written since: read again
    ahead.make(svc, li, 2025)  # made again, with the entry
    assert ahead.get(svc, li, 2025) == ui.dashboard(svc, "李华", 2025) != made
    ahead.make(svc, wang, 2025)
    assert ahead.get(svc, wang, 2025).subject.name == "王明"
    with Dutylog.open(today=date(2025, 6, 30)) as other:  # another process's write counts too
        other.log(LogRequest("frontline-office", "王明", date(2025, 6, 19)))
    assert ahead.get(svc, wang, 2025) is None
