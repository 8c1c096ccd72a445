"""`Entries`: the repository of entries — add, edit (old version to history), tombstone
delete, confirm, find by prefix, list and search (queries.py), every version (history.py)."""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from dutylog.domain.errors import Conflict, InvalidInput, NotFound
from dutylog.domain.model import Entry
from dutylog.store import history, queries
from dutylog.store.db import Database
from dutylog.store.records import entry_columns, row_to_entry
from dutylog.store.specs import ENTRY, BadValue, check_code, is_uuid, named
from dutylog.store.subjects import Subjects

EDITABLE = frozenset({
    "subject_id", "kind", "date", "days", "four_no", "title", "place", "people", "note",
    "object_id", "recorded_by", "appeared", "patrol", "confirmed_by", "sensitive", "extra",
})
MIN_PREFIX = 8
_HEX = re.compile(r"[0-9a-f-]+")


class Entries:
    """Entries of one `Database`; `subjects` checks an entry's subject."""

    def __init__(self, db: Database, subjects: Subjects) -> None:
        self.db = db
        self.subjects = subjects

    def _check_entry(self, entry: Entry) -> None:
        """What the store itself guarantees; the kind policy is the caller's."""
        if not isinstance(entry.kind, str) or not entry.kind.strip():
            raise InvalidInput(code="entry.no_kind", field="kind")
        if not isinstance(entry.date, date) or isinstance(entry.date, datetime):
            raise InvalidInput(code="store.not_a_date", field="date", given=repr(entry.date))
        if entry.days is not None:
            if isinstance(entry.days, bool) or not isinstance(entry.days, (int, float)) \
                    or not math.isfinite(entry.days) or entry.days <= 0:
                raise InvalidInput(code="entry.days_not_positive", field="days",
                                   given=repr(entry.days))
        if entry.patrol is not None:
            try:
                check_code(entry.patrol)
            except BadValue as exc:
                raise named(exc, "patrol") from None
        if not isinstance(entry.extra, dict):
            raise InvalidInput(code="entry.extra", field="extra")
        subject = self.subjects.get_subject(entry.subject_id)
        if subject.id != entry.subject_id:
            raise NotFound(code="store.unknown_subject", field="subject", given=repr(entry.subject_id))
        if entry.object_id is not None:
            row = self.db.row("SELECT subject_id FROM links WHERE id = ? AND deleted = 0",
                            (entry.object_id,))
            if row is None or row["subject_id"] != entry.subject_id:
                raise InvalidInput(code="entry.object_not_linked", field="object",
                                   given=repr(entry.object_id), name=subject.name)

    def add_entry(self, entry: Entry, changed_by: str | None = None) -> Entry:
        """Store a new entry; fills `id` (when empty) and the timestamps."""
        self._check_entry(entry)
        entry_id = entry.id or self.db.new_id()
        if not is_uuid(entry_id):
            raise InvalidInput(code="entry.bad_id", field="id", given=repr(entry_id))
        entry_id = entry_id.lower()
        with self.db.transaction() as conn:
            if conn.execute("SELECT 1 FROM entries WHERE id = ?", (entry_id,)).fetchone():
                raise Conflict(code="entry.exists", id=entry_id)
            values = entry_columns(dataclasses.replace(entry, id=entry_id))
            by = entry.recorded_by if changed_by is None else changed_by
            history.insert(self.db, ENTRY, values, by, "add")
        return self.get_entry(entry_id)

    def update_entry(self, entry_id: str, changed_by: str, **changes) -> Entry:
        """Change fields of an entry (Entry field names); the old version goes to history.
        A change that alters nothing writes nothing."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise InvalidInput(code="entry.not_editable", unknown=sorted(unknown),
                               editable=sorted(EDITABLE))
        old = self.get_entry(entry_id)
        if old.deleted:
            raise Conflict(code="entry.deleted_first", id=old.id[:8])
        new = dataclasses.replace(old, **changes)
        self._check_entry(new)
        return self._change(old, entry_columns(new), changed_by, "edit")

    def delete_entry(self, entry_id: str, changed_by: str) -> Entry:
        """Tombstone: the entry stays (deleted) with its history; undelete brings it back."""
        old = self.get_entry(entry_id)
        if old.deleted:
            raise Conflict(code="entry.already_deleted", id=old.id[:8])
        return self._change(old, {"deleted": 1}, changed_by, "delete")

    def undelete_entry(self, entry_id: str, changed_by: str) -> Entry:
        old = self.get_entry(entry_id)
        if not old.deleted:
            raise Conflict(code="entry.not_deleted", id=old.id[:8])
        return self._change(old, {"deleted": 0}, changed_by, "undelete")

    def confirm_entry(self, entry_id: str, by: str, keyed_by: str | None = None) -> Entry:
        """The subject confirms an entry someone else recorded; `keyed_by`: who typed the
        confirmation in (a secretary, asked "由王明本人确认？"), kept as the version's
        changed_by (default: the subject)."""
        if not isinstance(by, str) or not by.strip():
            raise InvalidInput(code="confirm.no_name", field="by")
        old = self.get_entry(entry_id)
        if old.deleted:
            raise Conflict(code="entry.deleted_first", id=old.id[:8])
        return self._change(old, {"confirmed_by": by.strip()},
                            (keyed_by or "").strip() or by.strip(), "confirm")

    def _change(self, old: Entry, values: dict, changed_by: str, reason: str) -> Entry:
        with self.db.transaction() as conn:
            row = conn.execute("SELECT * FROM entries WHERE id = ?", (old.id,)).fetchone()
            if row is None:
                raise NotFound(code="entry.unknown", field="id", id=old.id)
            if row["updated_at"] != old.updated_at:
                raise Conflict(code="entry.changed_meanwhile", id=old.id[:8])
            changed = {k: v for k, v in values.items()
                       if k not in ("id", "updated_at") and row[k] != v}
            if changed:
                history.revise(self.db, ENTRY, row, changed, changed_by, reason)
        return self.get_entry(old.id)

    def get_entry(self, id_or_prefix: str) -> Entry:
        """By full id or an unambiguous prefix of at least 8 characters (deleted ones too)."""
        key = (id_or_prefix or "").strip().lower()
        if len(key) < MIN_PREFIX:
            raise InvalidInput(code="id.too_short", field="id", least=MIN_PREFIX, text=id_or_prefix)
        if not _HEX.fullmatch(key):
            raise NotFound(code="id.unknown", field="id", text=id_or_prefix)
        if len(key) == 36:
            rows = self.db.rows("SELECT * FROM entries WHERE id = ?", (key,))
        else:
            rows = self.db.rows("SELECT * FROM entries WHERE id >= ? AND id < ? ORDER BY id LIMIT 6",
                           (key, key + "~"))
        if not rows:
            raise NotFound(code="id.unknown", field="id", text=id_or_prefix)
        if len(rows) > 1:
            shown = [f"{r['id'][:13]} ({r['date']} {r['kind']})" for r in rows[:5]] + (["…"] if len(rows) > 5 else [])
            raise Conflict(code="id.ambiguous", field="id", text=id_or_prefix, matches=shown)
        return row_to_entry(rows[0])

    # ---- listing and searching (queries.py) ----------------------------------------------
    def query_entries(
        self, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
        date_from: date | str | None = None, date_to: date | str | None = None,
        search: str | None = None, include_deleted: bool = False, order: str = "date",
        desc: bool = False, limit: int | None = None, offset: int = 0,
        after: tuple[date | str, str] | None = None,
    ) -> list[Entry]:
        """Entries matching every filter given (see `queries.query_entries`)."""
        return queries.query_entries(self.db, subject_id, kinds, date_from, date_to, search,
                                     include_deleted, order, desc, limit, offset, after)

    def entry_records(
        self, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
        date_from: date | str | None = None, date_to: date | str | None = None,
        search: str | None = None, include_deleted: bool = False, limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """The records `entries --json` prints, streamed (see `queries.entry_records`)."""
        return queries.entry_records(self.db, subject_id, kinds, date_from, date_to, search,
                                     include_deleted, limit)

    def entry_lines(
        self, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
        date_from: date | str | None = None, date_to: date | str | None = None,
        search: str | None = None, include_deleted: bool = False, limit: int | None = None,
    ) -> Iterator[tuple[Any, ...]]:
        """The lines of `entries`' table, streamed (see `queries.entry_lines`)."""
        return queries.entry_lines(self.db, subject_id, kinds, date_from, date_to, search,
                                   include_deleted, limit)

    def entry_record_texts(
        self, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
        date_from: date | str | None = None, date_to: date | str | None = None,
        search: str | None = None, include_deleted: bool = False, limit: int | None = None,
    ) -> Iterator[str]:
        """The same records as JSON texts, made by SQLite (see `queries.entry_record_texts`)."""
        return queries.entry_record_texts(self.db, subject_id, kinds, date_from, date_to,
                                          search, include_deleted, limit)

    def count_entries(
        self, subject_id: str | None = None, kinds: Iterable[str] | str | None = None,
        date_from: date | str | None = None, date_to: date | str | None = None,
        search: str | None = None, include_deleted: bool = False, **_ignored: Any,
    ) -> int:
        """How many entries `query_entries` with the same filters would list."""
        return queries.count_entries(self.db, subject_id, kinds, date_from, date_to, search,
                                     include_deleted)

    def entries_in_range(self, subject_id: str, start: date, end: date) -> list[Entry]:
        """The subject's non-deleted entries dated start..end (inclusive), by date."""
        return queries.entries_in_range(self.db, subject_id, start, end)

    def history(self, record_type: str, record_id: str) -> list[dict[str, Any]]:
        """Every version of a record (an entry, subject, link, ledger item or trip)."""
        return history.versions(self.db, record_type, record_id)
