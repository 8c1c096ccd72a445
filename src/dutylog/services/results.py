"""What the ledger and leave services return: small frozen records with real dates.

Screens and reports read their fields; the CLI's `--json` shapes them with `as_dict()`,
the shape CONTRACT.md documents (dates as YYYY-MM-DD, keys in this order).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from types import MappingProxyType
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


@dataclass(frozen=True, slots=True)
class DiaryRow:
    """A diary entry with its follow-up state: `follow_up` None (never raised), "open" or
    "closed"; `color` the most urgent open item's; `items` the items it raised."""

    id: str
    date: date
    place: str | None
    people: str | None
    title: str | None
    note: str | None
    follow_up: str | None
    color: str | None
    items: tuple[LedgerRecord, ...]


@dataclass(frozen=True, slots=True)
class CourtCase:
    id: str
    date: date
    title: str | None
    place: str | None
    appeared: bool | None  # None: the outcome was not recorded

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date.isoformat(), "title": self.title, "place": self.place,
                "appeared": self.appeared}


@dataclass(frozen=True, slots=True)
class Courts:
    """Court cases of a year (clause 26) and the rate appeared ÷ cases with an outcome."""

    subject: str
    year: int
    cases: tuple[CourtCase, ...]
    appeared: int
    decided: int

    @property
    def count(self) -> int:
        return len(self.cases)

    @property
    def rate(self) -> float | None:
        return self.appeared / self.decided if self.decided else None

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "year": self.year, "cases": [c.as_dict() for c in self.cases],
                "count": self.count, "appeared": self.appeared, "decided": self.decided, "rate": self.rate}


@dataclass(frozen=True, slots=True)
class PatrolMonth:
    month: int
    by_type: dict[str, int]  # every patrol type of the policy, then "unspecified"
    total: int

    def as_dict(self) -> dict[str, Any]:
        return {"month": self.month, **self.by_type, "total": self.total}


@dataclass(frozen=True, slots=True)
class Patrols:
    """Patrols of a year (clause 20) by type, per month and for the year, with the target."""

    subject: str
    year: int
    months: tuple[PatrolMonth, ...]
    by_type: dict[str, int]
    total: int
    target: float | None

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.total >= self.target

    def as_dict(self) -> dict[str, Any]:
        return {"subject": self.subject, "year": self.year, "months": [m.as_dict() for m in self.months],
                "by_type": dict(self.by_type), "total": self.total, "target": self.target, "met": self.met}


@dataclass(frozen=True, slots=True)
class Workday:
    """The N-th working day after a day; `estimated` when the year's official calendar is
    not known yet (weekends and statutory holidays off, no make-up workdays)."""

    date: date
    estimated: bool

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "estimated": self.estimated}


@dataclass(frozen=True, slots=True)
class Holiday:
    """One day of the user's own holiday notice: a holiday or a (make-up) workday."""

    date: date
    kind: str  # holiday, workday
    name: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind, "name": self.name}


@dataclass(frozen=True, slots=True)
class EntryVersion:
    """One version of an entry: the entry as a bundle record of that version (CONTRACT
    "Merge bundles" field names) with who changed it, when and how. `record` keeps the
    version whole, in the order `history --json` prints it."""

    record: Mapping[str, Any]

    @classmethod
    def of(cls, version: Mapping[str, Any]) -> EntryVersion:
        return cls(MappingProxyType(dict(version)))

    def field(self, name: str) -> Any:
        """An entry field of this version (None when the version has none)."""
        return self.record.get(name)

    @property
    def changed_at(self) -> str | None:
        return self.record.get("changed_at")

    @property
    def changed_by(self) -> str | None:
        return self.record.get("changed_by")

    @property
    def reason(self) -> str | None:
        return self.record.get("reason")

    @property
    def deleted(self) -> bool:
        return bool(self.record.get("deleted"))

    @property
    def date(self) -> str | None:
        return self.record.get("date")

    @property
    def days(self) -> float | None:
        return self.record.get("days")

    def as_dict(self) -> dict[str, Any]:
        return dict(self.record)
