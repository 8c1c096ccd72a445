"""Status and progress: every rule of one subject-year, evaluated on one day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dutylog.domain.dates import parse_year
from dutylog.domain.model import Entry, Subject
from dutylog.domain.progress import EvalDay, RuleResult, evaluate

from .context import Context
from .logbook import Logbook
from .subjects import Roster


@dataclass(frozen=True)
class Progress:
    subject: Subject
    roles: tuple[str, ...]  # implied ones included
    year: int
    as_of: date
    results: list[RuleResult]


class Tracker:
    def __init__(self, ctx: Context, roster: Roster, logbook: Logbook) -> None:
        self._ctx = ctx
        self._roster = roster
        self._logbook = logbook

    def progress(self, subject: str, year: int | str | None = None, as_of: date | None = None,
                 include_pending: bool = True) -> Progress:
        """Every rule of one subject-year, as the dashboard, `status` and reports show it."""
        subj = self._roster.subject(subject)
        year_value, as_of = self.resolve_year(year, as_of)
        results = self.evaluate(subj, year_value, as_of, include_pending)
        return Progress(subj, self._roster.roles_of(subj), year_value, as_of, results)

    def resolve_year(self, year: int | str | None, as_of: date | None) -> tuple[int, date]:
        """CONTRACT: --as-of defaults to today, or 31 Dec when --year names a past year;
        --year defaults to the year of --as-of."""
        today = self._ctx.today
        if year is not None:
            y = parse_year(year)
            if as_of is None:
                as_of = today if y >= today.year else date(y, 12, 31)
            return y, as_of
        as_of = as_of or today
        return as_of.year, as_of

    def eval_day(self, subj: Subject, as_of: date) -> EvalDay:
        """as_of, still running when it is today, and the subject's tracked-from day."""
        return EvalDay(as_of, running=as_of == self._ctx.today,
                       tracked_from=self._roster.tracked_from(subj, as_of))

    def evaluate(self, subj: Subject, year: int, as_of: date, include_pending: bool = True,
                 entries: list[Entry] | None = None) -> list[RuleResult]:
        """Every rule of the subject's roles (implied ones included) for one year.
        `entries`: the subject-year's entries when the caller has read them already."""
        if entries is None:
            entries = self._logbook.year_entries(subj, year, until=as_of)
        if not include_pending:
            entries = [e for e in entries if e.recorded_by == subj.name or e.confirmed_by]
        links = self._roster.links_of(subj)
        return evaluate(self._ctx.policy.rules, self._roster.roles_of(subj), entries, links,
                        year, self.eval_day(subj, as_of))
