"""Store fixtures: a real store in the temporary DUTYLOG_HOME (no mocks)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from dutylog.domain.model import Entry
from dutylog.store import Store

CST = timezone(timedelta(hours=8))


class FakeClock:
    """A settable clock: each call returns the current value, then moves 1 second on."""

    def __init__(self, start: datetime | None = None):
        self.now = start or datetime(2025, 7, 1, 9, 0, tzinfo=CST)

    def __call__(self) -> datetime:
        value = self.now
        self.now += timedelta(seconds=1)
        return value


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(dutylog_home, clock):
    with Store.open(clock=clock) as s:
        yield s


@pytest.fixture
def wang(store):
    return store.subjects.add_subject("王明", ["leader", "cadre"])


def entry(subject, **fields) -> Entry:
    values = dict(id="", subject_id=subject.id, kind="field-research", date=date(2025, 3, 2),
                  days=1.0, recorded_by=subject.name)
    values.update(fields)
    return Entry(**values)
