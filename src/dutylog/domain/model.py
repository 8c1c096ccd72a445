"""Plain records shared by every layer. Dates are `datetime.date`; timestamps ISO strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Subject:
    id: str
    name: str
    roles: tuple[str, ...]  # as given; the policy adds the implied ones
    updated_at: str = ""
    since: date | None = None  # the day record keeping started (None: from the first entry)
    archived: date | None = None  # the day an official who left was archived (None: active)


@dataclass(frozen=True, slots=True)
class Link:
    id: str
    subject_id: str
    link_type: str
    name: str
    since: date | None = None  # None: linked from the start
    until: date | None = None  # None: still linked
    updated_at: str = ""

    def active_during(self, start: date, end: date) -> bool:
        """True when the link overlaps [start, end]."""
        if self.since is not None and self.since > end:
            return False
        if self.until is not None and self.until < start:
            return False
        return True


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    subject_id: str
    kind: str
    date: date
    days: float | None = None
    four_no: bool = False
    title: str | None = None
    place: str | None = None
    people: str | None = None
    note: str | None = None
    object_id: str | None = None
    recorded_by: str = ""
    updated_at: str = ""
    deleted: bool = False
    appeared: bool | None = None  # court-case only
    patrol: str | None = None  # patrol only: river | bay | forest
    confirmed_by: str | None = None
    sensitive: bool = False
    extra: dict[str, object] = field(default_factory=dict, compare=False)
