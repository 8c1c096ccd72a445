"""Ledgers with a clock (clauses 9, 12, 14, 19), working days and the user's holidays.

Dates arrive parsed; "as of" defaults to the service's injected today. Leave is in
leave.py; the diary, court-case and patrol views in casebook.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from dutylog.domain.dates import check_range
from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry
from dutylog.store import ledgers as db
from dutylog.textsafe import clean_text

from .context import Context
from .leave import Leave
from .logbook import Logbook, LogRequest
from .results import Holiday, LedgerDetail, LedgerRecord, LedgerSummary, ProgressLine, Workday
from .subjects import OfSubject, Roster

if TYPE_CHECKING:
    from dutylog.domain.workdays import WorkCalendar

# dutylog.domain.ledger and .workdays (with the chinese_calendar package) are imported in
# the methods that compute with them: commands that never touch a ledger skip them.

URGENCY = {"red": 0, "yellow": 1, "blue": 2, "closed": 3}
MAX_WORKDAYS = 2600  # about ten years of working days (issue 12)

HOLIDAY_WORDS = {"holiday": "holiday", "休": "holiday", "假": "holiday", "放假": "holiday",
                 "workday": "workday", "班": "workday", "上班": "workday", "调休上班": "workday"}


def _text(value: str | None) -> str | None:
    value = clean_text(value or "").strip()  # no control characters stored (issue 12)
    return value or None


class Ledgers:
    def __init__(self, ctx: Context, roster: Roster, logbook: Logbook, leave: Leave) -> None:
        self._ctx = ctx
        self._roster = roster
        self._logbook = logbook
        self._leave = leave
        self._repo = ctx.store.ledgers

    # ------------------------------------------------------------------ working days
    def calendar(self) -> WorkCalendar:
        """China's official calendar with the user's own holiday entries on top."""
        from dutylog.domain.workdays import WorkCalendar

        return WorkCalendar(self._repo.overrides())

    def workday(self, start: date, n: int) -> Workday:
        if n > MAX_WORKDAYS:
            raise InvalidInput(code="workday.too_many", field="n", n=n, most=MAX_WORKDAYS)
        result = self.calendar().add_workdays(start, n)
        return Workday(result.date, result.estimated)

    def holidays_set(self, day: date, kind: str, name: str | None = None) -> Holiday:
        canonical = HOLIDAY_WORDS.get((kind or "").strip().lower())
        if canonical is None:
            raise InvalidInput(code="holiday.kind", field="kind", text=kind)
        self._repo.set_holidays([(day, canonical, _text(name))])
        return Holiday(day, canonical, _text(name))

    def holidays_list(self, year: int) -> list[Holiday]:
        return [Holiday(date.fromisoformat(h["date"]), h["kind"], h["name"]) for h in self._repo.holidays(year)]

    def holidays_import(self, path: Path) -> int:
        """Import a holiday notice file, all or nothing. Each line: `DATE[..DATE] KIND
        [NAME]` (spaces, tabs or commas between; `#` starts a comment); KIND is holiday
        or workday (休/班 also accepted). Returns how many days changed."""
        from dutylog.console import UnreadableText, read_user_text

        try:
            text = read_user_text(path)  # UTF-8 with or without BOM, or GBK from Notepad
        except UnreadableText:
            raise InvalidInput(code="file.not_text", field="path", path=path) from None
        except OSError as exc:
            raise InvalidInput(code="holiday.unreadable", field="path", path=path, reason=exc.strerror or exc) from None
        entries: list[tuple[date, str, str | None]] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.split("#", 1)[0].replace(",", " ").replace("\t", " ").strip()
            if not line:
                continue
            parts = line.split(None, 2)
            try:
                if len(parts) < 2:
                    raise ValueError("give a date and holiday or workday")
                first, _, last = parts[0].partition("..")
                start = date.fromisoformat(first)
                end = date.fromisoformat(last) if last else start
                if end < start or (end - start).days > 366:
                    raise ValueError(f"bad range {parts[0]}")
                kind = HOLIDAY_WORDS.get(parts[1].lower())
                if kind is None:
                    raise ValueError(f"{parts[1]!r} is neither holiday nor workday")
            except ValueError as exc:
                raise InvalidInput(code="holiday.bad_line", field="path", path=path, line=number, reason=exc) from None
            name = _text(parts[2]) if len(parts) > 2 else None
            day = start
            while day <= end:
                entries.append((day, kind, name))
                day = date.fromordinal(day.toordinal() + 1)
        if not entries:
            raise InvalidInput(code="holiday.empty", field="path", path=path)
        return self._repo.set_holidays(entries)

    # ------------------------------------------------------------------ ledger items
    def ledger_add(self, ledger_type: str, subject: str, opened: date, title: str | None = None,
                   due: date | None = None, note: str | None = None,
                   entry_id: str | None = None) -> db.LedgerItem:
        from dutylog.domain import ledger as rules

        kind = rules.check_ledger_type(self._ctx.policy, ledger_type)
        subj = self._roster.subject(subject)
        if opened > self._ctx.today:
            raise InvalidInput(code="day.future", field="opened", when=opened, today=self._ctx.today)
        check_range(opened, self._ctx.today, "opened")
        if due is not None:
            check_range(due, self._ctx.today, "due")
        resolved = rules.resolve_due(kind, opened, due, self.calendar())
        return self._repo.add_item(subject_id=subj.id, type=ledger_type,
                           title=_text(title), note=_text(note), opened=opened,
                           due=resolved.date, due_given=due is not None,
                           changed_by=subj.name, entry_id=entry_id)

    def ledger_item(self, item_id: str) -> db.LedgerItem:
        return self._repo.get_item(item_id)

    def ledger_progress(self, item_id: str, when: date, note: str) -> db.ProgressReport:
        item = self.ledger_item(item_id)
        text = _text(note)
        if text is None:
            raise InvalidInput(code="ledger.no_note", field="note")
        self._check_item_day(item, when, "date")
        if item.closed is not None:
            raise InvalidInput(code="ledger.closed_no_progress", field="id", id=item.id[:8], closed=item.closed)
        return self._repo.add_progress(item, when, text, self._roster.subject_of(item).name)

    def ledger_close(self, item_id: str, when: date) -> db.LedgerItem:
        item = self.ledger_item(item_id)
        if item.closed is not None:
            raise InvalidInput(code="ledger.already_closed", field="id", id=item.id[:8], closed=item.closed)
        self._check_item_day(item, when, "date")
        return self._repo.close_item(item, when, self._roster.subject_of(item).name)

    def _check_item_day(self, item: db.LedgerItem, when: date, field: str) -> None:
        if when > self._ctx.today:
            raise InvalidInput(code="day.future", field=field, when=when, today=self._ctx.today)
        if when < item.opened:
            raise InvalidInput(code="ledger.before_opened", field=field, when=when, opened=item.opened)

    def _subject_name_of(self, record: OfSubject) -> str:
        return self._roster.subject_of(record).name

    def ledger_due(self, item: db.LedgerItem, cal: WorkCalendar) -> tuple[date | None, bool]:
        """The due day and whether it is estimated. A due day the policy sets (N
        working days) is recomputed from today's calendar, so an estimate becomes exact
        as soon as the year's holidays are known. An item of a type the policy no longer
        names keeps the due day it was given."""
        from dutylog.domain import ledger as rules

        kind = self._ctx.policy.ledger_type(item.type)
        if not item.due_given and kind is not None and rules.has_default_due(kind):
            result = rules.default_due(kind, item.opened, cal)
            return result.date, result.estimated
        return item.due, False

    def ledger_record(self, item: db.LedgerItem, as_of: date, cal: WorkCalendar,
                      names: dict[str, str] | None = None) -> LedgerRecord:
        from dutylog.domain import ledger as rules

        due, estimated = self.ledger_due(item, cal)
        closed = item.closed if item.closed is not None and item.closed <= as_of else None
        left: int | None
        if due is None:
            color, late, left = ("closed" if closed else "blue"), False, None
        else:
            color = rules.colour(due, item.closed, as_of, cal)
            late = rules.late(due, item.closed, as_of)
            left = None if closed or as_of > due else cal.workdays_between(as_of, due).count
        names = names if names is not None else {}
        if item.subject_id not in names:
            names[item.subject_id] = self._roster.subject_of(item).name
        return LedgerRecord(item.id, item.type, item.title, item.opened, due, estimated, closed, color,
                            late, names[item.subject_id], item.note, left, item.entry_id)

    def ledger_list(self, subject: str | None = None, open_only: bool = False,
                    as_of: date | None = None) -> list[LedgerRecord]:
        """Items as of `as_of` (default today), most urgent first: red, yellow, blue,
        closed; within a colour the earliest due day first."""
        as_of = as_of or self._ctx.today
        subject_id = self._roster.subject(subject).id if subject else None
        cal, names = self.calendar(), dict[str, str]()
        records = [self.ledger_record(i, as_of, cal, names)
                   for i in self._repo.list_items(subject_id) if i.opened <= as_of]
        if open_only:
            records = [r for r in records if r.color != "closed"]
        records.sort(key=lambda r: (URGENCY[r.color], r.due or date.max, r.opened, r.id))
        return records

    def ledger_detail(self, item_id: str, as_of: date | None = None) -> LedgerDetail:
        """One item's record with its progress reports (oldest first)."""
        item = self.ledger_item(item_id)
        record = self.ledger_record(item, as_of or self._ctx.today, self.calendar())
        return LedgerDetail.of(record, tuple(ProgressLine(p.id, p.date, p.note, p.recorded_by)
                                             for p in self._repo.progress_of(item.id)))

    def ledger_summary(self, subject: str | None = None, as_of: date | None = None) -> LedgerSummary:
        """What the dashboard shows: red and yellow items and open trips as of a day."""
        as_of = as_of or self._ctx.today
        items = self.ledger_list(subject, open_only=True, as_of=as_of)
        return LedgerSummary(red=sum(r.color == "red" for r in items),
                             yellow=sum(r.color == "yellow" for r in items),
                             open_trips=sum(t.open for t in self._leave.leave_list(subject, as_of)))

    def log_with_follow_up(self, req: LogRequest, due: date,
                           title: str | None = None) -> tuple[Entry, db.LedgerItem]:
        """Log an entry and open a follow-up item linked to it, in one transaction."""
        with self._ctx.store.transaction():
            entry = self._logbook.log(req)
            if due < entry.date:
                raise InvalidInput(code="ledger.due_before_entry", field="follow-up-due", due=due,
                                   date=entry.date)
            check_range(due, self._ctx.today, "follow-up-due")
            item = self.follow_up(entry.id, due, title)
        return entry, item

    def follow_up(self, entry_id: str, due: date, title: str | None = None) -> db.LedgerItem:
        """Open a follow-up item for an entry (a problem met in the field), opened on the
        entry's date and linked to it."""
        entry = self._logbook.entry(entry_id)
        if entry.deleted:
            raise InvalidInput(code="entry.deleted", field="id", id=entry.id[:8])
        if due < entry.date:
            raise InvalidInput(code="ledger.due_before_entry", field="due", due=due, date=entry.date)
        check_range(due, self._ctx.today, "due")
        title = _text(title) or _text(entry.title) or _text(entry.note) or _text(entry.place)
        if title and len(title) > 60:
            title = title[:59] + "…"
        subject = self._roster.subject_of(entry).name
        return self.ledger_add("follow-up", subject, entry.date, title=title, due=due,
                               entry_id=entry.id)
