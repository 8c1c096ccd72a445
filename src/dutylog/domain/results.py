"""What an evaluation returns: statuses, the evaluation day, and the results of a rule,
its periods and its objects (CONTRACT.md "status --json" shapes them with `as_dict`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .periods import Period
from .rules import Rule, Target, _num

if TYPE_CHECKING:
    from .metrics import Metric


class Status(StrEnum):
    """Rule and period statuses, as CONTRACT.md names them. A StrEnum: equal to its text,
    so JSON, comparisons with "met" and the words catalog ("status.met") keep working."""

    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    UNREACHABLE = "unreachable"
    MISSED = "missed"
    OVER = "over"
    NONE = "none"
    UNTRACKED = "untracked"
    OPEN = "open"  # periods only
    FUTURE = "future"  # periods only


MET, ON_TRACK, BEHIND, MISSED, OVER, NONE = (Status.MET, Status.ON_TRACK, Status.BEHIND,
                                             Status.MISSED, Status.OVER, Status.NONE)
UNREACHABLE, UNTRACKED, OPEN, FUTURE = Status.UNREACHABLE, Status.UNTRACKED, Status.OPEN, Status.FUTURE


@dataclass(frozen=True, slots=True)
class EvalDay:
    """The day a subject-year is evaluated on (CONTRACT.md "The evaluation day").

    `running`: `as_of` is today and still running, so a period whose last day is `as_of`
    can still be met (it is `open`, not `missed`). `tracked_from`: the first day the
    subject's record was kept; periods that ended before it are `untracked` (None: tracked
    from the start)."""

    as_of: date
    running: bool = False
    tracked_from: date | None = None

    def closed(self, p: Period) -> bool:
        """The period has ended: its last day is behind us (or is as_of, evaluated at its end)."""
        return p.end < self.as_of or (p.end == self.as_of and not self.running)

    def untracked(self, p: Period) -> bool:
        return self.tracked_from is not None and p.end < self.tracked_from

    def days_left(self, p: Period) -> int:
        """Calendar days of `p` still to come: as_of counted while it runs, else from the day after."""
        if self.as_of < p.start:
            return p.days
        return max(0, (p.end - self.as_of).days + (1 if self.running else 0))


@dataclass(slots=True)
class ObjectResult:
    id: str
    name: str
    actual: float
    status: str

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "actual": _num(self.actual), "status": self.status}


@dataclass(slots=True)
class PeriodResult:
    start: date
    end: date
    actual: float | None
    status: str
    objects: list[ObjectResult] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start.isoformat(), "end": self.end.isoformat(),
               "actual": _num(self.actual), "status": self.status}
        if self.objects is not None:
            out["objects"] = [o.as_dict() for o in self.objects]
        return out


@dataclass(slots=True)
class RuleResult:
    rule: Rule
    target: Target
    actual: float | None
    expected: float | None
    status: str
    periods: list[PeriodResult]
    breakdown: dict[str, int] = field(default_factory=dict)
    days_left: int = 0  # calendar days left in the year (as_of counted while it runs)

    def as_dict(self) -> dict[str, Any]:
        r = self.rule
        # A deadline rule is a yearly duty due by the end of its window (CATALOG: "year,
        # due end of Q1"): its period reads "year" and the window's last day is its deadline.
        period = "year" if r.period == "window" else r.period
        out: dict[str, Any] = {"id": r.id, "title": r.title.zh, "unit": r.unit, "period": period,
               "target": self.target.as_dict(), "actual": _num(self.actual),
               "expected": self.expected, "status": self.status,
               "periods": [p.as_dict() for p in self.periods],
               "clause": r.clause, "title_en": r.title.en}
        if r.period == "window" and self.periods:
            out["deadline"] = self.periods[-1].end.isoformat()
        if r.breakdown:
            out["breakdown"] = self.breakdown
        return out

    @property
    def metric(self) -> Metric:
        """The rule's metric (domain.metrics): what it counts and how it is judged."""
        from .metrics import metric

        return metric(self.rule.metric)

    def current_period(self, as_of: date) -> PeriodResult | None:
        return next((p for p in self.periods if p.start <= as_of <= p.end), None)
