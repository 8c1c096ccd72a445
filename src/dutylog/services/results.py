"""What the ledger and leave services return: small frozen records with real dates.

Screens and reports read their fields; the CLI's `--json` shapes them with `as_dict()`,
the shape CONTRACT.md documents (dates as YYYY-MM-DD, keys in this order).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import Any


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True, slots=True)
class LedgerRecord:
    """A ledger item as of a day: its due day (set, or the policy's default), colour and
    lateness; `closed` only when it was closed by that day."""

    id: str
    type: str
    title: str | None
    opened: date
    due: date | None
    due_estimated: bool
    closed: date | None
    color: str  # red, yellow, blue, closed
    late: bool
    subject: str
    note: str | None
    workdays_left: int | None
    entry: str | None  # the entry a follow-up was raised from

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "type": self.type, "title": self.title, "opened": self.opened.isoformat(),
                "due": _day(self.due), "due_estimated": self.due_estimated, "closed": _day(self.closed),
                "color": self.color, "late": self.late, "subject": self.subject, "note": self.note,
                "workdays_left": self.workdays_left, "entry": self.entry}


@dataclass(frozen=True, slots=True)
class ProgressLine:
    id: str
    date: date
    note: str | None
    recorded_by: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date.isoformat(), "note": self.note,
                "recorded_by": self.recorded_by}


@dataclass(frozen=True, slots=True)
class LedgerDetail(LedgerRecord):
    """One item with its progress reports, oldest first."""

    progress: tuple[ProgressLine, ...]

    @classmethod
    def of(cls, record: LedgerRecord, progress: tuple[ProgressLine, ...]) -> LedgerDetail:
        return cls(**{f.name: getattr(record, f.name) for f in fields(LedgerRecord)}, progress=progress)

    def as_dict(self) -> dict[str, Any]:
        return {**LedgerRecord.as_dict(self), "progress": [p.as_dict() for p in self.progress]}


@dataclass(frozen=True, slots=True)
class LedgerSummary:
    """What the dashboard shows: red and yellow items and trips not reported back."""

    red: int
    yellow: int
    open_trips: int


@dataclass(frozen=True, slots=True)
class TripRecord:
    """A trip as of a day: its notice, compliance and whether it is still open (销假 due)."""

    id: str
    requested: date
    depart: date
    return_date: date
    emergency: bool
    back: date | None  # only when reported back by that day
    notice_days: int
    compliant: bool
    open: bool
    subject: str
    destination: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "requested": self.requested.isoformat(), "depart": self.depart.isoformat(),
                "return": self.return_date.isoformat(), "emergency": self.emergency, "back": _day(self.back),
                "notice_days": self.notice_days, "compliant": self.compliant, "open": self.open,
                "subject": self.subject, "destination": self.destination}
