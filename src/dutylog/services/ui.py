"""What the terminal UI asks of the service, in one place and free of Textual.

Plain functions over a `Dutylog`: the dashboard of one subject-year (rule results grouped
by the policy's sections, what is due next, what is missed, activity per day), pages of
entries for the browser, and the kind matcher of the log form.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from dutylog.domain.errors import DutylogError
from dutylog.domain.model import Entry, Link, Subject
from dutylog.domain.progress import MISSED, OPEN, PeriodResult, RuleResult
from dutylog.domain.rules import Kind, Policy, Section, Text

from .core import Dutylog
from .logbook import EntryFilter
from .results import LedgerSummary

__all__ = ["Calendar", "Dashboard", "DueItem", "EntryFilter", "MissedItem", "calendar",
           "dashboard", "day_entries", "due_next", "entry_count", "entry_page",
           "group_by_section", "is_pending", "link_names", "pending_by_rule", "match_kinds", "missed_this_year",
           "object_choices", "recorder", "save_glyphs", "save_lang", "save_recorder", "save_theme",
           "saved_glyphs", "saved_lang", "saved_theme"]


@dataclass(slots=True)
class DueItem:
    """Something that must happen before its period closes."""

    result: RuleResult
    period: PeriodResult
    days_left: int  # 0: the period closes today
    need: float  # how much is still missing
    object_name: str | None = None


@dataclass(slots=True)
class MissedItem:
    result: RuleResult
    period: PeriodResult
    object_name: str | None = None


@dataclass
class Dashboard:
    subject: Subject
    year: int
    as_of: date
    sections: list[tuple[Section, list[RuleResult]]]
    due: list[DueItem]
    missed: list[MissedItem]
    day_counts: Counter[date]
    ledger: LedgerSummary | None = None
    results: list[RuleResult] = field(default_factory=list)
    policy: Policy | None = None  # the words of roles, link types and readings
    pending: dict[str, int] = field(default_factory=dict)  # rule id -> pending entries it counts
    pending_total: int = 0  # the subject's pending entries of the year (up to as_of)
    confirmed_only: bool = False  # the results count confirmed entries only


def is_pending(entry: Entry, subject_name: str) -> bool:
    """Recorded by someone else than the subject and not confirmed (the review screen's)."""
    return not entry.deleted and entry.recorded_by != subject_name and not entry.confirmed_by


def pending_by_rule(policy: Policy, results: list[RuleResult], entries: list[Entry],
                    subject_name: str, as_of: date) -> tuple[dict[str, int], int]:
    """How many pending entries of the year (up to as_of) each rule counts, and in all."""
    waiting = Counter(e.kind for e in entries if e.date <= as_of and is_pending(e, subject_name))
    counts: dict[str, int] = {}
    for r in results:
        n = sum(waiting[kind] for kind in set(r.rule.kinds))
        if n:
            counts[r.rule.id] = n
    return counts, waiting.total()


def dashboard(svc: Dutylog, subject: str, year: int | None = None,
              as_of: date | None = None, confirmed_only: bool = False) -> Dashboard:
    """Everything the dashboard shows, from one read of the subject-year's entries.
    `confirmed_only`: progress without pending entries (the CLI's `--confirmed-only`)."""
    subj = svc.subject(subject)
    year, as_of = svc.resolve_year(year, as_of)
    entries = svc.year_entries(subj, year)
    counted = ([e for e in entries if not is_pending(e, subj.name)] if confirmed_only
               else entries)
    results = svc.evaluate(subj, year, as_of, entries=counted)
    counts = Counter(e.date for e in entries if not e.deleted)
    ledger = svc.ledger_summary(subj.name)
    pending, total = pending_by_rule(svc.policy, results, entries, subj.name, as_of)
    return Dashboard(subj, year, as_of, group_by_section(svc.policy, results),
                     due_next(results, as_of), missed_this_year(results), counts, ledger, results,
                     svc.policy, pending, total, confirmed_only)


class Ahead:
    """One subject-year's dashboard made ahead of being asked for, by a thread that reads
    anyway (the desk's count, for the row under the cursor): given back only while the
    database's change number is the one read before it was made (no write since)."""

    def __init__(self) -> None:
        self._made: tuple[str, int, int, Dashboard] | None = None  # subject id, year, rev, it

    def make(self, svc: Dutylog, subj: Subject, year: int) -> None:
        """Make the dashboard of `subj` in `year`, unless the one made last still is it."""
        made = self._made
        try:
            rev = svc.memo.change_number()  # first: a write while it is made shows
            if made is None or made[:3] != (subj.id, year, rev):
                self._made = (subj.id, year, rev, dashboard(svc, subj.name, year))
        except DutylogError:  # (a store that refuses a read: the one asking reads, and says so)
            self._made = None

    def get(self, svc: Dutylog, subj: Subject, year: int) -> Dashboard | None:
        """The dashboard made for `subj` in `year`, if nothing was written since."""
        made = self._made
        if made is None or made[:2] != (subj.id, year):
            return None
        try:
            return made[3] if svc.memo.change_number() == made[2] else None
        except DutylogError:
            return None


@dataclass
class Calendar:
    year: int
    as_of: date
    day_counts: Counter[date]


def calendar(svc: Dutylog, subject: str, year: int | None = None) -> Calendar:
    """Entries per day of the subject-year (deleted ones left out)."""
    subj = svc.subject(subject)
    year, as_of = svc.resolve_year(year, None)
    entries = svc.year_entries(subj, year)
    return Calendar(year, as_of, Counter(e.date for e in entries if not e.deleted))


def group_by_section(policy: Policy, results: list[RuleResult]) -> list[tuple[Section, list[RuleResult]]]:
    out = []
    for section in policy.sections:
        inside = [r for r in results if r.rule.section == section.id]
        if inside:
            out.append((section, inside))
    known = {s.id for s in policy.sections}
    rest = [r for r in results if r.rule.section not in known]
    if rest:
        out.append((Section("other", _other_name()), rest))
    return out


def _other_name() -> Text:
    return Text("其他", "Other")


def due_next(results: list[RuleResult], as_of: date) -> list[DueItem]:
    """Open, unmet periods that contain `as_of`, the one closing soonest first."""
    items: list[DueItem] = []
    for r in results:
        low = r.target.min
        if low is None or not r.metric.has_amount:
            continue
        p = r.current_period(as_of)
        if p is None or p.status != OPEN:
            continue
        left = (p.end - as_of).days
        if p.objects is not None:
            for o in p.objects:
                if o.status == OPEN:
                    items.append(DueItem(r, p, left, low - o.actual, o.name))
            if not p.objects:
                items.append(DueItem(r, p, left, low))
            continue
        items.append(DueItem(r, p, left, low - (p.actual or 0)))
    items.sort(key=lambda d: (d.days_left, d.result.rule.clause))
    return items


def missed_this_year(results: list[RuleResult]) -> list[MissedItem]:
    """Every period that ended unmet (and each object missed in it), latest first."""
    items: list[MissedItem] = []
    for r in results:
        for p in r.periods:
            if p.status != MISSED:
                continue
            if p.objects:
                items.extend(MissedItem(r, p, o.name) for o in p.objects if o.status == MISSED)
            else:
                items.append(MissedItem(r, p))
    items.sort(key=lambda m: (m.period.end, -m.result.rule.clause), reverse=True)
    return items


# ---------------------------------------------------------------------- entries browser
def entry_page(svc: Dutylog, flt: EntryFilter, limit: int, after: Entry | None = None,
               offset: int = 0) -> list[Entry]:
    """One page of entries, newest first (see `Logbook.page`)."""
    return svc.entry_page(flt, limit, after, offset)


def entry_count(svc: Dutylog, flt: EntryFilter) -> int:
    return svc.entry_count(flt)


def day_entries(svc: Dutylog, subject: str, day: date) -> list[Entry]:
    return svc.entries(subject, date_from=day, date_to=day)


def link_names(svc: Dutylog, subject: str) -> dict[str, str]:
    return svc.link_names(subject)


def object_choices(svc: Dutylog, subject: str, kind: Kind, on: date, keep: str | None = None) -> list[Link]:
    """The links an entry of `kind` may name on day `on` (plus `keep`, an entry's current one)."""
    if not kind.object_type and "object" not in kind.fields:
        return []
    out = []
    for ln in svc.links(subject):
        if kind.object_type and ln.link_type != kind.object_type:
            continue
        if ln.id == keep or ln.active_during(on, on):
            out.append(ln)
    return out


# ---------------------------------------------------------------------- kinds by typing
def match_kinds(policy: Policy, text: str) -> list[Kind]:
    """Kinds matching what the user typed: id, Chinese or English name, or pinyin initials.

    Exact matches first, then prefixes, then substrings; an empty text matches every kind.
    """
    q = " ".join((text or "").split()).casefold()
    if not q:
        return list(policy.kinds)
    scored = []
    for i, k in enumerate(policy.kinds):
        keys = [k.id, k.name.zh, k.name.en.casefold(), k.pinyin]
        if any(q == key for key in keys):
            score = 0
        elif any(key.startswith(q) for key in keys if key):
            score = 1
        elif any(q in key for key in keys if key):
            score = 2
        else:
            continue
        scored.append((score, i, k))
    return [k for _, _, k in sorted(scored)]


# ---------------------------------------------------------------------- settings
def saved_lang(svc: Dutylog) -> str | None:
    return svc.prefs.saved_lang()


def save_lang(svc: Dutylog, lang: str) -> None:
    svc.prefs.save_lang(lang)


def recorder(svc: Dutylog) -> str | None:
    return svc.prefs.recorder()


def save_recorder(svc: Dutylog, name: str | None) -> None:
    svc.prefs.save_recorder(name)


def saved_theme(svc: Dutylog) -> str | None:
    return svc.prefs.theme()


def save_theme(svc: Dutylog, name: str) -> None:
    svc.prefs.save_theme(name)


def saved_glyphs(svc: Dutylog) -> str | None:
    return svc.prefs.glyphs()


def save_glyphs(svc: Dutylog, glyphs: str) -> None:
    svc.prefs.save_glyphs(glyphs)
