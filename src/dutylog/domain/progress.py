"""Progress of every rule for one subject and year: metrics, period statuses, pace.

Implements CONTRACT.md "status --json" literally. Pure: entries and links come in,
`RuleResult`s go out. Entries dated after `as_of`, outside the year, or deleted are ignored.
What each metric measures and how it is judged lives in `metrics.py`; the result types
and statuses in `results.py` (re-exported here).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from .metrics import METRICS, metric, normalize_title, period_status, periodic_status
from .model import Entry, Link
from .periods import periods_of_year, year_period
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
    Status,
)
from .rules import Rule, Target

__all__ = [
    "BEHIND", "FUTURE", "MET", "MISSED", "NONE", "ON_TRACK", "OPEN", "OVER", "UNREACHABLE",
    "UNTRACKED", "EvalDay", "METRICS", "ObjectResult", "PeriodResult", "RuleResult", "Status",
    "evaluate", "evaluate_rule", "metric", "normalize_title", "period_status", "periodic_status",
]


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
    active = [ln for ln in links if ln.since is None or ln.since <= day.as_of]
    out = []
    for rule in rules:
        if not rule.applies_to(roles):
            continue
        pool = [e for k in rule.kinds for e in by_kind.get(k, ())]
        out.append(evaluate_rule(rule, rule.target_for(roles), pool, active, year, day))
    return out


def evaluate_rule(rule: Rule, target: Target, entries: list[Entry], links: list[Link],
                  year: int, day: date | EvalDay) -> RuleResult:
    day = day if isinstance(day, EvalDay) else EvalDay(day)
    periods = periods_of_year(rule.period, year, rule.window)
    res = metric(rule.metric).evaluate(rule, target, entries, links, periods, day)
    res.days_left = day.days_left(year_period(year))
    if rule.breakdown:
        res.breakdown = dict(Counter(getattr(e, rule.breakdown) or "unspecified" for e in entries))
    return res
