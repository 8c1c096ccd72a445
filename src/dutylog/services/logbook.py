"""Logging entries and reading them back: log, edit, delete, undelete, list and page."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dutylog.domain.errors import InvalidInput
from dutylog.domain.model import Entry, Subject
from dutylog.domain.validate import check_entry, check_kind
from dutylog.textsafe import clean_name, clean_text

from .context import Context
from .subjects import Roster


@dataclass
class LogRequest:
    """One activity as a user gives it (strings resolved, dates parsed)."""

    kind: str
    subject: str
    date: date
    days: float | None = None
    four_no: bool = False
    title: str | None = None
    place: str | None = None
    people: str | None = None
    note: str | None = None
    object: str | None = None
    by: str | None = None
    appeared: bool | None = None
    patrol: str | None = None
    sensitive: bool = False
    id: str | None = None  # a given UUID (import-table's stable row id); else a new one


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """What the entries browser shows: a subject, kinds, a date range, a search."""

    subject: str | None = None
    kinds: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    search: str | None = None


class Logbook:
    def __init__(self, ctx: Context, roster: Roster) -> None:
        self._ctx = ctx
        self._roster = roster
        self._entries = ctx.store.entries

    def log(self, req: LogRequest) -> Entry:
        policy, roster = self._ctx.policy, self._roster
        subj = roster.subject(req.subject)
        kind = check_kind(policy, req.kind)
        object_id = None
        if req.object:
            object_id = roster.object_on(subj, req.object.strip(), kind.object_type, req.date).id
        days = req.days
        if days is None and kind.day_based:
            days = 1.0
        title = _clean(req.title)
        check_entry(policy, kind=kind.id, when=req.date, today=self._ctx.today, days=days,
                    title=title, object_id=object_id,
                    appeared=req.appeared, patrol=req.patrol,
                    texts={"title": title, "place": req.place, "people": req.people,
                           "note": req.note, "by": req.by})
        by = _name(req.by) or subj.name
        entry = Entry(id=req.id or "", subject_id=subj.id, kind=kind.id, date=req.date, days=days,
                      four_no=bool(req.four_no), title=title, place=_clean(req.place),
                      people=_clean(req.people), note=_clean(req.note, multiline=True), object_id=object_id,
                      recorded_by=by, appeared=req.appeared, patrol=req.patrol,
                      sensitive=req.sensitive)
        return self._entries.add_entry(entry)

    def entry(self, entry_id: str) -> Entry:
        return self._entries.get_entry(entry_id)

    def edit(self, entry_id: str, by: str | None = None, **changes: Any) -> Entry:
        """Change an entry; `changes` holds only what the user gave. Old version goes to history."""
        policy, roster = self._ctx.policy, self._roster
        current = self._entries.get_entry(entry_id)
        subj = roster.subject_of(current)
        if "kind" in changes:
            changes["kind"] = check_kind(policy, changes["kind"]).id
        kind = policy.kind(changes.get("kind", current.kind))
        when = changes.get("date", current.date)
        if "object" in changes:
            name = changes.pop("object")
            object_type = kind.object_type if kind is not None else None
            changes["object_id"] = (roster.object_on(subj, name.strip(), object_type, when).id
                                    if name else None)
        elif "date" in changes and current.object_id:
            # the same object on the new date: the link of that name active then
            linked = roster.link_by_id(current.object_id)
            moved = roster.object_on(subj, linked.name, linked.link_type, when).id
            if moved != current.object_id:
                changes["object_id"] = moved
        for key in ("title", "place", "people", "note"):
            if key in changes:
                changes[key] = _clean(changes[key], multiline=key == "note")
        candidate = replace(current, **changes)
        kind = check_kind(policy, candidate.kind)
        if candidate.days is None and kind.day_based:
            candidate = replace(candidate, days=1.0)
            changes["days"] = 1.0
        check_entry(policy, kind=candidate.kind, when=candidate.date, today=self._ctx.today,
                    days=candidate.days, title=candidate.title, object_id=candidate.object_id,
                    appeared=candidate.appeared, patrol=candidate.patrol,
                    texts={k: getattr(candidate, k) for k in ("title", "place", "people", "note")})
        if not changes:
            raise InvalidInput(code="edit.nothing")
        return self._entries.update_entry(current.id, _name(by) or subj.name, **changes)

    def delete(self, entry_id: str, by: str | None = None) -> Entry:
        e = self._entries.get_entry(entry_id)
        if e.deleted:
            raise InvalidInput(code="entry.already_deleted", id=e.id[:8])
        return self._entries.delete_entry(e.id, by or self._roster.subject_of(e).name)

    def undelete(self, entry_id: str, by: str | None = None) -> Entry:
        e = self._entries.get_entry(entry_id)
        if not e.deleted:
            raise InvalidInput(code="entry.not_deleted", id=e.id[:8])
        return self._entries.undelete_entry(e.id, by or self._roster.subject_of(e).name)

    # ---- reading ----------------------------------------------------------------------------
    def _checked(self, subject: str | None, kinds: list[str] | None, date_from: date | None,
                 date_to: date | None) -> tuple[str | None, list[str]]:
        """The filters of a list checked: the subject's id, the kinds' ids."""
        subject_id = self._roster.subject(subject).id if subject else None
        kind_ids = [check_kind(self._ctx.policy, k).id for k in kinds or ()]
        if date_from and date_to and date_to < date_from:
            raise InvalidInput(code="range.backwards", field="to", date_to=date_to, date_from=date_from)
        return subject_id, kind_ids

    def entries(self, subject: str | None = None, kinds: list[str] | None = None,
                date_from: date | None = None, date_to: date | None = None,
                search: str | None = None, include_deleted: bool = False,
                limit: int | None = None, offset: int = 0, desc: bool = False) -> list[Entry]:
        subject_id, kinds = self._checked(subject, kinds, date_from, date_to)
        return self._entries.query_entries(
            subject_id=subject_id, kinds=kinds or None, date_from=date_from, date_to=date_to,
            search=search or None, include_deleted=include_deleted, limit=limit,
            offset=offset, desc=desc)

    def entry_records(self, subject: str | None = None, kinds: list[str] | None = None,
                      date_from: date | None = None, date_to: date | None = None,
                      search: str | None = None, include_deleted: bool = False,
                      limit: int | None = None) -> Iterator[dict[str, Any]]:
        """`entries` as the records `entries --json` prints (each entry's bundle record
        with its subject's and object's names), oldest first, streamed from the store.
        The filters are checked before the first record, as `entries` checks them."""
        subject_id, kinds = self._checked(subject, kinds, date_from, date_to)
        return self._entries.entry_records(
            subject_id=subject_id, kinds=kinds or None, date_from=date_from, date_to=date_to,
            search=search or None, include_deleted=include_deleted, limit=limit)

    def entry_lines(self, subject: str | None = None, kinds: list[str] | None = None,
                    date_from: date | None = None, date_to: date | None = None,
                    search: str | None = None, include_deleted: bool = False,
                    limit: int | None = None) -> Iterator[tuple[Any, ...]]:
        """The entries of `entry_records` as the lines of `entries`' table: tuples of
        (id, date, subject name, kind, four_no, days, place, title, object name, note,
        deleted, recorded_by). The filters are checked before the first line."""
        subject_id, kinds = self._checked(subject, kinds, date_from, date_to)
        return self._entries.entry_lines(
            subject_id=subject_id, kinds=kinds or None, date_from=date_from, date_to=date_to,
            search=search or None, include_deleted=include_deleted, limit=limit)

    def entry_record_texts(self, subject: str | None = None, kinds: list[str] | None = None,
                           date_from: date | None = None, date_to: date | None = None,
                           search: str | None = None, include_deleted: bool = False,
                           limit: int | None = None) -> Iterator[str]:
        """`entry_records`, each as its JSON text (what `entries --json` prints, made by
        SQLite's JSON functions). The filters are checked before the first one."""
        subject_id, kinds = self._checked(subject, kinds, date_from, date_to)
        return self._entries.entry_record_texts(
            subject_id=subject_id, kinds=kinds or None, date_from=date_from, date_to=date_to,
            search=search or None, include_deleted=include_deleted, limit=limit)

    def year_entries(self, subj: Subject, year: int, until: date | None = None) -> list[Entry]:
        """The subject's live entries of `year` (up to `until`), by date: one index read."""
        start, end = date(year, 1, 1), date(year, 12, 31)
        if until is not None:
            end = min(end, until)
        return self._entries.entries_in_range(subj.id, start, end) if end >= start else []

    def page(self, flt: EntryFilter, limit: int, after: Entry | None = None,
             offset: int = 0) -> list[Entry]:
        """One page of entries, newest first: continuing after `after` (keyset paging), or
        starting at row `offset` of the list (the store skips over the narrow index keys,
        so a page deep in 200,000 rows costs a few milliseconds); never the whole table."""
        subject_id = self._roster.subject(flt.subject).id if flt.subject else None
        return self._entries.query_entries(
            subject_id=subject_id, kinds=list(flt.kinds) or None, date_from=flt.date_from,
            date_to=flt.date_to, search=flt.search or None, desc=True, limit=limit,
            offset=0 if after else offset, after=(after.date, after.id) if after else None)

    def count(self, flt: EntryFilter) -> int:
        subject_id = self._roster.subject(flt.subject).id if flt.subject else None
        return self._entries.count_entries(
            subject_id=subject_id, kinds=list(flt.kinds) or None, date_from=flt.date_from,
            date_to=flt.date_to, search=flt.search or None)


def _clean(text: str | None, multiline: bool = False) -> str | None:
    """Text as stored: control characters removed (issue 12), one line unless the field
    holds several (a note), ends stripped; empty is None."""
    if text is None:
        return None
    text = clean_text(text, multiline).strip()
    return text or None


def _name(text: str | None) -> str | None:
    """A person's name (who recorded it) as names are compared: textsafe.clean_name."""
    return clean_name(text) or None if text is not None else None
