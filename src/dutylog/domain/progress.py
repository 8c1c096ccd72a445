"""Progress of every rule for one subject and year: metrics, period statuses, pace.

Implements CONTRACT.md "status --json" literally. Pure: entries and links come in,
`RuleResult`s go out. Entries dated after `as_of`, outside the year, or deleted are ignored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Sequence

from .model import Entry, Link
from .periods import Period, periods_of_year, pace, year_period
from .rules import Rule, Target, _num

# Rule statuses and period statuses, as CONTRACT.md names them.
MET, ON_TRACK, BEHIND, MISSED, OVER, NONE = "met", "on_track", "behind", "missed", "over", "none"
OPEN, FUTURE = "open", "future"


@dataclass(slots=True)
class ObjectResult:
    id: str
    name: str
    actual: float
    status: str

    def as_dict(self) -> dict:
        return {"name": self.name, "actual": _num(self.actual), "status": self.status}


@dataclass(slots=True)
class PeriodResult:
    start: date
    end: date
    actual: float | None
    status: str
    objects: list[ObjectResult] | None = None

    def as_dict(self) -> dict:
        out = {"start": self.start.isoformat(), "end": self.end.isoformat(),
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

    def as_dict(self) -> dict:
        r = self.rule
        # A deadline rule is a yearly duty due by the end of its window (CATALOG: "year,
        # due end of Q1"): its period reads "year" and the window's last day is its deadline.
        period = "year" if r.period == "window" else r.period
        out = {"id": r.id, "title": r.title.zh, "unit": r.unit, "period": period,
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
             links: Iterable[Link], year: int, as_of: date) -> list[RuleResult]:
    """Evaluate every rule that applies to `roles` for `year` as of `as_of`."""
    yp = year_period(year)
    counted = [e for e in entries
               if not e.deleted and yp.start <= e.date <= yp.end and e.date <= as_of]
    by_kind: dict[str, list[Entry]] = {}
    for e in counted:
        by_kind.setdefault(e.kind, []).append(e)
    links = [ln for ln in links if ln.since is None or ln.since <= as_of]
    out = []
    for rule in rules:
        if not rule.applies_to(roles):
            continue
        pool = [e for k in rule.kinds for e in by_kind.get(k, ())]
        out.append(evaluate_rule(rule, rule.target_for(roles), pool, links, year, as_of))
    return out


def evaluate_rule(rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                  year: int, as_of: date) -> RuleResult:
    periods = periods_of_year(rule.period, year, rule.window)
    if rule.metric == "per_object":
        return _per_object(rule, target, entries, links, periods, year, as_of)
    results = []
    for p in periods:
        inside = [e for e in entries if p.contains(e.date)]
        if rule.metric == "links":
            value = _metric_links(rule, links, p)
        else:
            value = metric_value(rule, inside)
        results.append(PeriodResult(p.start, p.end, value, period_status(value, target, p, as_of)))

    if rule.period in ("year", "window"):
        actual = results[0].actual
        expected = None
        if rule.pace and target.min is not None:
            expected = round(pace(target.min, periods[0], as_of), 2)
        status = yearly_status(actual, target, expected, periods[0], as_of, rule.pace)
    else:
        if rule.metric == "links":
            actual = _metric_links(rule, links, year_period(year))
        else:
            actual = metric_value(rule, entries)
        expected = None
        status = periodic_status(results, target)
    res = RuleResult(rule, target, actual, expected, status, results)
    if rule.breakdown:
        res.breakdown = dict(Counter(getattr(e, rule.breakdown) or "unspecified" for e in entries))
    return res


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


def _metric_links(rule: Rule, links: list[Link], p: Period) -> int:
    return sum(1 for ln in links if ln.link_type == rule.link_type and ln.active_during(p.start, p.end))


def period_status(actual: float | None, target: Target, p: Period, as_of: date) -> str:
    if p.start > as_of:
        return FUTURE
    if target.max is not None and actual is not None and actual > target.max:
        return "over"
    if target.min is None:
        return MET if p.ended_by(as_of) else OPEN
    if actual is None:  # a rate with nothing to judge: nothing was failed
        return MET if p.ended_by(as_of) else OPEN
    if actual >= target.min:
        return MET
    return MISSED if p.ended_by(as_of) else OPEN


def yearly_status(actual, target: Target, expected, p: Period, as_of: date, uses_pace: bool) -> str:
    if target.empty:
        return NONE
    if actual is None:
        return MET if p.ended_by(as_of) else ON_TRACK
    if target.max is not None and actual > target.max:
        return OVER
    if target.min is None:
        return ON_TRACK
    if actual >= target.min:
        return MET
    if p.ended_by(as_of):
        return MISSED
    bar = expected if uses_pace else target.min
    if bar is not None and actual < bar:
        return BEHIND
    return ON_TRACK


def periodic_status(results: list[PeriodResult], target: Target) -> str:
    if target.empty:
        return NONE
    statuses = [r.status for r in results]
    if MISSED in statuses:
        return MISSED
    if OVER in statuses:
        return OVER
    if all(s == MET for s in statuses):
        return MET
    return ON_TRACK


def _per_object(rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                periods: list[Period], year: int, as_of: date) -> RuleResult:
    """Per linked object (enterprise visits per quarter, integrity talks per head per year).

    A period is met only when every object linked during it is met; a period with nothing
    linked is not met (the link rules report the missing links).
    """
    candidates = [ln for ln in links if ln.link_type == rule.link_type]
    results = []
    for p in periods:
        objs = []
        for ln in candidates:
            if not ln.active_during(p.start, p.end):
                continue
            n = sum(1 for e in entries if e.object_id == ln.id and p.contains(e.date))
            objs.append(ObjectResult(ln.id, ln.name, n, period_status(n, target, p, as_of)))
        total = sum(o.actual for o in objs)
        if p.start > as_of:
            status = FUTURE
        elif not objs:
            status = MISSED if p.ended_by(as_of) else OPEN
        elif any(o.status == OVER for o in objs):
            status = OVER
        elif all(o.status == MET for o in objs):
            status = MET
        else:
            status = MISSED if p.ended_by(as_of) else OPEN
        results.append(PeriodResult(p.start, p.end, total, status, objs))
    actual = len(entries)
    expected = None
    if rule.period == "year" and target.min is not None:
        n_objs = len(results[0].objects or [])
        expected = round(pace(target.min * max(n_objs, 1), periods[0], as_of), 2)
    status = periodic_status(results, target)
    if rule.period == "year" and status == ON_TRACK and expected is not None:
        done = sum(min(o.actual, target.min) for o in results[0].objects or [])
        if done < expected:
            status = BEHIND
    return RuleResult(rule, target, actual, expected, status, results)
