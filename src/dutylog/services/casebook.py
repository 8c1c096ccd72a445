"""Views over entries: the people's diary with its follow-ups (clause 15), court cases
(clause 26: appeared yes/no and the rate) and patrols (clause 20: by type, month, year)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry
from dutylog.store import ledgers as db

from .context import Context
from .ledgers import Ledgers
from .logbook import Logbook
from .results import CourtCase, Courts, DiaryRow, PatrolMonth, Patrols
from .subjects import Roster

if TYPE_CHECKING:
    from dutylog.domain.workdays import WorkCalendar

PATROL_TARGET_SETTING = "patrols.target"


class Casebook:
    def __init__(self, ctx: Context, roster: Roster, logbook: Logbook, ledgers: Ledgers) -> None:
        self._ctx = ctx
        self._roster = roster
        self._logbook = logbook
        self._ledgers = ledgers
        self._repo = ctx.store.ledgers

    def diary(self, subject: str | None = None, search: str | None = None,
              place: str | None = None, open_only: bool = False,
              as_of: date | None = None, limit: int | None = None) -> list[DiaryRow]:
        """Diary entries, newest first, each with its follow-up state: `follow_up` is
        None (never raised), "open" or "closed"; `color` the most urgent open item's.
        With `limit`, at most that many rows, read a page at a time so that a long
        diary answers as fast as a short one."""
        as_of = as_of or self._ctx.today
        place = (place or "").strip().lower()
        search = (search or "").strip() or None
        if open_only:
            found = self._open_diary_entries(subject, search, as_of)
        else:
            found = []
            offset, page = 0, (max(limit, 200) if limit else None)
            # Without a search, the place itself narrows the query (a superset: any field).
            query = search or (place or None)
            while True:
                batch = self._logbook.entries(subject=subject, kinds=["diary"], search=query,
                                     desc=True, limit=page, offset=offset)
                found += [e for e in batch if place in (e.place or "").lower()]
                if page is None or limit is None or len(batch) < page or len(found) >= limit:
                    break
                offset += page
        found = [e for e in found if place in (e.place or "").lower()][:limit]
        raised = self._repo.items_for_entries([e.id for e in found])
        cal, names = self._ledgers.calendar(), dict[str, str]()
        rows = [self._diary_row(e, raised.get(e.id, []), as_of, cal, names) for e in found]
        return [r for r in rows if r.follow_up == "open"] if open_only else rows

    def _open_diary_entries(self, subject: str | None, search: str | None, as_of: date) -> list[Entry]:
        """The diary entries that raised an item still open on `as_of` (few: read by id)."""
        subject_id = self._roster.subject(subject).id if subject else None
        needle = (search or "").lower()
        out = []
        for entry_id in self._repo.open_source_entries(as_of):
            e = self._logbook.entry(entry_id)
            if e.deleted or e.kind != "diary" or (subject_id and e.subject_id != subject_id):
                continue
            text = " ".join(x for x in (e.title, e.place, e.people, e.note) if x).lower()
            if needle and needle not in text:
                continue
            out.append(e)
        out.sort(key=lambda e: (e.date, e.id), reverse=True)
        return out

    def _diary_row(self, e: Entry, items: list[db.LedgerItem], as_of: date, cal: WorkCalendar,
                   names: dict[str, str]) -> DiaryRow:
        records = [self._ledgers.ledger_record(i, as_of, cal, names) for i in items]
        open_items = [r for r in records if r.color != "closed"]
        state = None if not records else ("open" if open_items else "closed")
        worst = min((r.color for r in open_items),
                    key=["red", "yellow", "blue"].index, default=None)
        return DiaryRow(e.id, e.date, e.place, e.people, e.title, e.note, state, worst, tuple(records))

    def diary_places(self, subject: str | None = None) -> list[str]:
        places = {e.place for e in self._logbook.entries(subject=subject, kinds=["diary"]) if e.place}
        return sorted(places)

    def courts(self, subject: str, year: int | None = None) -> Courts:
        """Court cases of a year (clause 26): each with appeared yes/no/unknown, and the
        rate appeared ÷ cases with a recorded outcome (None when there is none)."""
        year = year or self._ctx.today.year
        cases = self._logbook.entries(subject=subject, kinds=["court-case"], date_from=date(year, 1, 1),
                             date_to=date(year, 12, 31))
        decided = [c for c in cases if c.appeared is not None]
        appeared = sum(1 for c in decided if c.appeared)
        return Courts(subject, year, tuple(CourtCase(c.id, c.date, c.title, c.place, c.appeared) for c in cases),
                      appeared, len(decided))

    def patrol_target(self) -> float | None:
        """The yearly patrol target: the user's own (`patrols --target`), else the
        policy's (none in the preset: "定期" has no number)."""
        own = self._ctx.store.settings.get(PATROL_TARGET_SETTING)
        if own:
            return float(own)
        rule = self._ctx.policy.rule("patrols")
        return rule.target.min if rule is not None else None

    def set_patrol_target(self, target: float | None) -> None:
        if target is not None and target <= 0:
            raise InvalidInput(code="target.not_positive", field="target", target=target)
        self._ctx.store.settings.set(PATROL_TARGET_SETTING, "" if target is None else str(target))

    def patrols(self, subject: str, year: int | None = None) -> Patrols:
        """Patrols of a year (clause 20) by type (river/lake, bay, forest): per month
        and for the year, with the target when one is set."""
        year = year or self._ctx.today.year
        found = self._logbook.entries(subject=subject, kinds=["patrol"], date_from=date(year, 1, 1),
                             date_to=date(year, 12, 31))
        known = self._ctx.policy.patrol_type_ids
        kinds = (*known, "unspecified")
        counts = [dict.fromkeys(kinds, 0) for _ in range(12)]
        for e in found:
            counts[e.date.month - 1][e.patrol if e.patrol in known else "unspecified"] += 1
        months = tuple(PatrolMonth(m, c, sum(c.values())) for m, c in enumerate(counts, 1))
        totals = {k: sum(c[k] for c in counts) for k in kinds}
        return Patrols(subject, year, months, totals, len(found), self.patrol_target())
