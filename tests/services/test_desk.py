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
    assert [(s.name, d.result.rule.id, d.days_left) for s, d in desk.due_this_week()
            if d.result.rule.id == "frontline-office"] == [("李华", "frontline-office", 1)]
    earlier = Desk(svc.on(date(2025, 6, 20)))
    [row] = earlier.all_rows()
    assert row.cells["frontline-office"] == "on_track"
    assert [d for _, d in earlier.due_this_week() if d.result.rule.id == "frontline-office"] == []


def test_a_met_fortnight_is_on_track_and_not_due(svc):
    svc.log(LogRequest("frontline-office", "李华", date(2025, 6, 19)))
    desk = Desk(svc)
    [row] = desk.all_rows()
    assert row.cells["frontline-office"] == "on_track"
    assert [d for _, d in desk.due_this_week() if d.result.rule.id == "frontline-office"] == []
    assert row.pending == 0  # recorded by 李华 herself
