"""The metrics a rule can measure, one class each, in one registry.

A metric owns what is specific to it: which policy fields it needs (checked when the
policy loads), how it turns a period's entries into a value, whether its value can fall
again, when a yearly minimum becomes unreachable, and, for the two that are not plain
counts of entries (per linked object, links), the whole evaluation. Adding a metric is one
class here plus its words in `dutylog.fmt`; nothing else dispatches on metric names.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from datetime import date
from typing import ClassVar

from .model import Entry, Link
from .periods import Period, pace
from .results import (
    BEHIND,
    FUTURE,
    MET,
    MISSED,
    NONE,
    ON_TRACK,
    OPEN,
    OVER,
    UNREACHABLE,
    UNTRACKED,
    EvalDay,
    ObjectResult,
    PeriodResult,
    RuleResult,
)
from .rules import Rule, Target


def _entry_date(entry: Entry) -> date:
    return entry.date


class Metric:
    id: ClassVar[str] = ""
    needs_kinds: ClassVar[bool] = True  # counts entries of the rule's kinds
    needs_link_type: ClassVar[bool] = False
    yearly_only: ClassVar[bool] = False  # only a "year" period makes sense
    falls: ClassVar[bool] = False  # can fall again: at the minimum mid-year it is only on track
    has_amount: ClassVar[bool] = True  # "还差 N" makes sense (近期待办 lists it)
    day_based: ClassVar[bool] = False  # a number of days: can run out of calendar
    per_object: ClassVar[bool] = False

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:
        raise NotImplementedError

    def unreachable(self, rule: Rule, actual: float, target: Target, p: Period, day: EvalDay) -> bool:
        """A yearly minimum that can no longer be met before `p` ends."""
        return False

    def evaluate(self, rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                 periods: list[Period], day: EvalDay) -> RuleResult:
        """Entries counted per period: the year's value, or each shorter period's."""
        results = []
        ordered = sorted(entries, key=_entry_date)  # (read in date order: one pass of the sort)
        days = [e.date for e in ordered]
        for p in periods:  # each period's entries found by bisection, not by a pass over all
            value = self.value(rule, ordered[bisect_left(days, p.start):bisect_right(days, p.end)])
            results.append(PeriodResult(p.start, p.end, value, period_status(value, target, p, day, self.falls)))
        if rule.period in ("year", "window"):
            actual = results[0].actual
            expected = None
            if rule.pace and target.min is not None:
                expected = round(pace(target.min, periods[0], day.as_of), 2)
            status = self.yearly_status(rule, actual, target, expected, periods[0], day)
        else:
            actual = self.value(rule, entries)
            expected = None
            status = periodic_status(results, target)
        return RuleResult(rule, target, actual, expected, status, results)

    def yearly_status(self, rule: Rule, actual: float | None, target: Target, expected: float | None,
                      p: Period, day: EvalDay) -> str:
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
            return MET if closed or not self.falls else ON_TRACK
        if closed:
            return MISSED
        if self.unreachable(rule, actual, target, p, day):
            return UNREACHABLE
        bar = expected if rule.pace else target.min
        if bar is not None and actual < bar:
            return BEHIND
        return ON_TRACK


def _days(e: Entry) -> float:
    return e.days if e.days is not None else 1.0


class Count(Metric):
    id = "count"

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:
        return len(entries)


class SumDays(Metric):
    id = "sum_days"
    day_based = True

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:
        return sum(_days(e) for e in entries) * 1.0

    def unreachable(self, rule: Rule, actual: float, target: Target, p: Period, day: EvalDay) -> bool:
        return target.min is not None and target.min - actual > day.days_left(p)


class DistinctTitles(Metric):
    id = "distinct_titles"

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:
        return len({normalize_title(e.title) for e in entries if e.title and e.title.strip()})


class ShareFlagged(Metric):
    id = "share_flagged"
    falls = True
    has_amount = False
    yearly_only = True

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:
        total = sum(_days(e) for e in entries)
        if total == 0:
            return 0.0  # no days yet: nothing of the share achieved
        return sum(_days(e) for e in entries if getattr(e, rule.flag or "four_no")) / total


class Rate(Metric):
    id = "rate"
    falls = True
    has_amount = False
    yearly_only = True

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:
        judged = [e for e in entries if getattr(e, rule.flag or "appeared") is not None]
        if not judged:
            return None  # no case yet: no rate to show
        return sum(1 for e in judged if getattr(e, rule.flag or "appeared")) / len(judged)

    def unreachable(self, rule: Rule, actual: float, target: Target, p: Period, day: EvalDay) -> bool:
        # unknown cases to come can raise a rate, never to 100 % after one failure
        return target.min is not None and target.min >= 1.0 and actual < target.min


class PerObject(Metric):
    """Per linked object (enterprise visits per quarter, integrity talks per head per year).

    An object is one name, whatever its spans: an entry counts for the name of the link it
    names (the link active on its date), so a re-linked enterprise keeps its earlier
    visits. A period is met only when every object linked during it is met; a period
    with nothing linked is not met (open while it runs, missed once ended)."""

    id = "per_object"
    needs_link_type = True
    per_object = True

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:
        return len(entries)

    def evaluate(self, rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                 periods: list[Period], day: EvalDay) -> RuleResult:
        candidates = [ln for ln in links if ln.link_type == rule.link_type]
        name_of: dict[str | None, str] = {ln.id: ln.name for ln in candidates}
        results = []
        for p in periods:
            names = list(dict.fromkeys(ln.name for ln in candidates if ln.active_during(p.start, p.end)))
            counts = Counter(name_of.get(e.object_id) for e in entries if p.contains(e.date))
            objs = [ObjectResult(n, n, counts.get(n, 0), period_status(counts.get(n, 0), target, p, day))
                    for n in names]
            status: str
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
            results.append(PeriodResult(p.start, p.end, sum(o.actual for o in objs), status, objs))
        expected = None
        if rule.period == "year" and target.min is not None:
            # a yearly minimum per object: the pace of all of them
            n_objs = len(results[0].objects or [])
            expected = round(pace(target.min * max(n_objs, 1), periods[0], day.as_of), 2)
        status = periodic_status(results, target)
        if rule.period == "year" and status == ON_TRACK and expected is not None and target.min is not None:
            done = sum(min(o.actual, target.min) for o in results[0].objects or [])
            if done < expected:
                status = BEHIND
        return RuleResult(rule, target, len(entries), expected, status, results)


class Links(Metric):
    """Distinct objects linked on the evaluation day (as_of, or 31 December once the year is
    past): an assignment, not an activity, so no pace; a hand-over that keeps the count is met."""

    id = "links"
    needs_kinds = False
    needs_link_type = True
    yearly_only = True
    has_amount = False

    def value(self, rule: Rule, entries: list[Entry]) -> float | None:  # pragma: no cover - links are not counted from entries
        raise TypeError("links are counted from links, not entries")

    def evaluate(self, rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                 periods: list[Period], day: EvalDay) -> RuleResult:
        (year,) = periods
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


METRICS: dict[str, Metric] = {m.id: m for m in (Count(), SumDays(), ShareFlagged(), DistinctTitles(),
                                                 PerObject(), Rate(), Links())}


def metric(metric_id: str) -> Metric:
    try:
        return METRICS[metric_id]
    except KeyError:
        raise ValueError(f"unknown metric {metric_id!r}; known: {', '.join(METRICS)}") from None


def normalize_title(title: str) -> str:
    return " ".join(title.split()).casefold()


def period_status(actual: float | None, target: Target, p: Period, day: EvalDay,
                  falls: bool = False) -> str:
    """met, missed, open, future, over or untracked. `falls`: the value can drop again (a
    share), so reaching the minimum before the period has ended keeps it open."""
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
