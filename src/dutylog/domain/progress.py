"""Progress of every rule for one subject and year: metrics, period statuses, pace.

Implements CONTRACT.md "status --json" literally. Pure: entries and links come in,
`RuleResult`s go out. Entries dated after `as_of`, outside the year, or deleted are ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .model import Entry, Link
from .periods import Period, pace, periods_of_year, year_period
from .rules import Rule, Target, _num

# Rule statuses and period statuses, as CONTRACT.md names them.
MET, ON_TRACK, BEHIND, MISSED, OVER, NONE = "met", "on_track", "behind", "missed", "over", "none"
UNREACHABLE, UNTRACKED = "unreachable", "untracked"
OPEN, FUTURE = "open", "future"
# Metrics that can fall again (a share, a rate): at the minimum mid-year they are only on
# track; they are met once the year has ended.
FALLING = ("share_flagged", "rate")


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

    def current_period(self, as_of: date) -> PeriodResult | None:
        return next((p for p in self.periods if p.start <= as_of <= p.end), None)


def evaluate(rules: Iterable[Rule], roles: Sequence[str], entries: Iterable[Entry],
             links: Iterable[Link], year: int, as_of: date | EvalDay) -> list[RuleResult]:
    """Evaluate every rule that applies to `roles` (implied roles already included) for
    `year` as of an evaluation day (a bare date: evaluated at its end, tracked throughout)."""
    day = as_of if isinstance(as_of, EvalDay) else EvalDay(as_of)
    yp = year_period(year)
    counted = [e for e in entries
               if not e.deleted and yp.start <= e.date <= yp.end and e.date <= day.as_of]
    by_kind: dict[str, list[Entry]] = {}
    for e in counted:
        by_kind.setdefault(e.kind, []).append(e)
    links = [ln for ln in links if ln.since is None or ln.since <= day.as_of]
    out = []
    for rule in rules:
        if not rule.applies_to(roles):
            continue
        pool = [e for k in rule.kinds for e in by_kind.get(k, ())]
        out.append(evaluate_rule(rule, rule.target_for(roles), pool, links, year, day))
    return out


def evaluate_rule(rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                  year: int, day: date | EvalDay) -> RuleResult:
    day = day if isinstance(day, EvalDay) else EvalDay(day)
    periods = periods_of_year(rule.period, year, rule.window)
    if rule.metric == "per_object":
        res = _per_object(rule, target, entries, links, periods, year, day)
    elif rule.metric == "links":
        res = _links(rule, target, links, periods[0], day)
    else:
        res = _counted(rule, target, entries, periods, day)
    res.days_left = day.days_left(year_period(year))
    if rule.breakdown:
        res.breakdown = dict(Counter(getattr(e, rule.breakdown) or "unspecified" for e in entries))
    return res


def _counted(rule: Rule, target: Target, entries: list[Entry], periods: list[Period],
             day: EvalDay) -> RuleResult:
    falls = rule.metric in FALLING
    results = []
    for p in periods:
        value = metric_value(rule, [e for e in entries if p.contains(e.date)])
        results.append(PeriodResult(p.start, p.end, value, period_status(value, target, p, day, falls)))
    if rule.period in ("year", "window"):
        actual = results[0].actual
        expected = None
        if rule.pace and target.min is not None:
            expected = round(pace(target.min, periods[0], day.as_of), 2)
        status = yearly_status(rule, actual, target, expected, periods[0], day)
    else:
        actual = metric_value(rule, entries)
        expected = None
        status = periodic_status(results, target)
    return RuleResult(rule, target, actual, expected, status, results)


def _links(rule: Rule, target: Target, links: list[Link], year: Period, day: EvalDay) -> RuleResult:
    """Distinct objects linked on the evaluation day (as_of, or 31 December once the year is
    past): an assignment, not an activity, so no pace; a hand-over that keeps the count is met."""
    on = min(day.as_of, year.end)
    actual = len({ln.name for ln in links
                  if ln.link_type == rule.link_type and ln.active_during(on, on)})
    if day.untracked(year):
        status = UNTRACKED
    elif target.empty:
        status = NONE
    elif target.max is not None and actual > target.max:
        status = OVER
    elif target.min is None or actual >= target.min:
        status = MET
    else:
        status = MISSED if day.closed(year) else BEHIND
    period_state = FUTURE if year.start > day.as_of else status
    return RuleResult(rule, target, actual, None, status,
                      [PeriodResult(year.start, year.end, actual, period_state)])


def metric_value(rule: Rule, entries: list[Entry]) -> float | None:
    m = rule.metric
    if m == "count":
        return len(entries)
    if m == "sum_days":
        return sum(e.days if e.days is not None else 1.0 for e in entries) * 1.0
    if m == "distinct_titles":
        return len({normalize_title(e.title) for e in entries if e.title and e.title.strip()})
    if m == "share_flagged":
        total = sum(e.days if e.days is not None else 1.0 for e in entries)
        if total == 0:
            return 0.0  # no days yet: nothing of the share achieved
        flagged = sum((e.days if e.days is not None else 1.0) for e in entries
                      if getattr(e, rule.flag or "four_no"))
        return flagged / total
    if m == "rate":
        judged = [e for e in entries if getattr(e, rule.flag or "appeared") is not None]
        if not judged:
            return None  # no case yet: no rate to show
        return sum(1 for e in judged if getattr(e, rule.flag or "appeared")) / len(judged)
    raise ValueError(f"metric {m!r} needs more than entries")


def normalize_title(title: str) -> str:
    return " ".join(title.split()).casefold()


def period_status(actual: float | None, target: Target, p: Period, day: EvalDay | date,
                  falls: bool = False) -> str:
    """met, missed, open, future, over or untracked. `falls`: the value can drop again (a
    share), so reaching the minimum before the period has ended keeps it open."""
    day = day if isinstance(day, EvalDay) else EvalDay(day)
    if p.start > day.as_of:
        return FUTURE
    if day.untracked(p):
        return UNTRACKED
    closed = day.closed(p)
    if target.max is not None and actual is not None and actual > target.max:
        return OVER
    if target.min is None or actual is None:  # no minimum, or a rate with nothing judged
        return MET if closed else OPEN
    if actual >= target.min:
        return MET if closed or not falls else OPEN
    return MISSED if closed else OPEN


def yearly_status(rule: Rule, actual: float | None, target: Target, expected: float | None, p: Period,
                  day: EvalDay) -> str:
    if day.untracked(p):
        return UNTRACKED
    if target.empty:
        return NONE
    closed = day.closed(p)
    if actual is None:  # a rate with no known outcome: nothing failed
        return MET if closed else ON_TRACK
    if target.max is not None and actual > target.max:
        return OVER
    if target.min is None:
        return MET if closed else ON_TRACK
    if actual >= target.min:
        return MET if closed or rule.metric not in FALLING else ON_TRACK
    if closed:
        return MISSED
    if unreachable(rule, actual, target, p, day):
        return UNREACHABLE
    bar = expected if rule.pace else target.min
    if bar is not None and actual < bar:
        return BEHIND
    return ON_TRACK


def unreachable(rule: Rule, actual: float, target: Target, p: Period, day: EvalDay) -> bool:
    """A yearly minimum that can no longer be met before the period ends: a day-based one
    whose shortfall exceeds the calendar days left, or a 100 % rate after one failure."""
    if target.min is None or actual >= target.min:
        return False
    if rule.metric == "sum_days":
        return target.min - actual > day.days_left(p)
    if rule.metric == "rate":
        return target.min >= 1.0
    return False


def periodic_status(results: list[PeriodResult], target: Target) -> str:
    statuses = [r.status for r in results]
    if statuses and all(s == UNTRACKED for s in statuses):
        return UNTRACKED
    if target.empty:
        return NONE
    if MISSED in statuses:
        return MISSED
    if OVER in statuses:
        return OVER
    tracked = [s for s in statuses if s != UNTRACKED]
    if tracked and all(s == MET for s in tracked):
        return MET
    return ON_TRACK


def _per_object(rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                periods: list[Period], year: int, day: EvalDay) -> RuleResult:
    """Per linked object (enterprise visits per quarter, integrity talks per head per year).

    An object is one name, whatever its spans: an entry counts for the name of the link it
    names (the link active on its date), so a re-linked enterprise keeps its earlier
    visits. A period is met only when every object linked during it is met; a period
    with nothing linked is not met (open while it runs, missed once ended).
    """
    candidates = [ln for ln in links if ln.link_type == rule.link_type]
    name_of: dict[str | None, str] = {ln.id: ln.name for ln in candidates}
    results = []
    for p in periods:
        names = list(dict.fromkeys(ln.name for ln in candidates if ln.active_during(p.start, p.end)))
        counts = Counter(name_of.get(e.object_id) for e in entries if p.contains(e.date))
        objs = [ObjectResult(n, n, counts.get(n, 0), period_status(counts.get(n, 0), target, p, day))
                for n in names]
        total = sum(o.actual for o in objs)
        if p.start > day.as_of:
            status = FUTURE
        elif day.untracked(p):
            status = UNTRACKED
        elif objs and any(o.status == OVER for o in objs):
            status = OVER
        elif objs and all(o.status == MET for o in objs):
            status = MET
        else:
            status = MISSED if day.closed(p) else OPEN
        results.append(PeriodResult(p.start, p.end, total, status, objs))
    actual = len(entries)
    expected = None
    if rule.period == "year" and target.min is not None:
        n_objs = len(results[0].objects or [])
        expected = round(pace(target.min * max(n_objs, 1), periods[0], day.as_of), 2)
    status = periodic_status(results, target)
    if rule.period == "year" and status == ON_TRACK and expected is not None:
        done = sum(min(o.actual, target.min) for o in results[0].objects or [])  # type: ignore[type-var, misc]  # expected set: min is not None
        if done < expected:
            status = BEHIND
    return RuleResult(rule, target, actual, expected, status, results)
