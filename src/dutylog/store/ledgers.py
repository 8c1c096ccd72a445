"""`Ledgers`: the repository of ledger items (台账), their progress reports, trips (请销假)
and the user's holidays.

Every write runs in one `db.transaction()` (nested calls become savepoints, so a caller
can wrap several in one all-or-nothing write), and versioned records keep their replaced
version in `history` like entries do.

`ledger_sources` (migration m101) remembers which diary entry raised a follow-up item. It
sits in its own table so a bundle import that rewrites a ledger row cannot lose it;
bundles carry it as the ledger record's optional `entry` field (written by bundles.py,
merged by bundle_decide.py: a null never removes a link).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from dutylog.domain.errors import Conflict, InvalidInput, NotFound
from dutylog.store import history
from dutylog.store.db import Database
from dutylog.store.history import merge_seen
from dutylog.store.specs import LEDGER, PROGRESS, TRIP

MIN_PREFIX = 8
_HEX = re.compile(r"[0-9a-f-]+")


@dataclass(frozen=True, slots=True)
class LedgerItem:
    id: str
    subject_id: str
    type: str
    title: str | None
    note: str | None
    opened: date
    due: date | None
    due_given: bool
    closed: date | None
    updated_at: str = ""
    deleted: bool = False
    entry_id: str | None = None  # the diary entry that raised it, if any


@dataclass(frozen=True, slots=True)
class ProgressReport:
    id: str
    item_id: str
    date: date
    note: str | None
    recorded_by: str
    updated_at: str = ""


@dataclass(frozen=True, slots=True)
class Trip:
    id: str
    subject_id: str
    requested: date
    depart: date
    return_date: date
    emergency: bool
    destination: str | None
    back: date | None
    updated_at: str = ""
    deleted: bool = False


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _item(row: Any, entry_id: str | None = None) -> LedgerItem:
    return LedgerItem(
        id=row["id"], subject_id=row["subject_id"], type=row["type"], title=row["title"],
        note=row["note"], opened=date.fromisoformat(row["opened"]), due=_d(row["due"]),
        due_given=bool(row["due_given"]), closed=_d(row["closed"]),
        updated_at=row["updated_at"], deleted=bool(row["deleted"]), entry_id=entry_id,
    )


def _trip(row: Any) -> Trip:
    return Trip(
        id=row["id"], subject_id=row["subject_id"], requested=date.fromisoformat(row["requested"]),
        depart=date.fromisoformat(row["depart"]), return_date=date.fromisoformat(row["return_date"]),
        emergency=bool(row["emergency"]), destination=row["destination"], back=_d(row["back"]),
        updated_at=row["updated_at"], deleted=bool(row["deleted"]),
    )


class Ledgers:
    """Ledger items, progress reports, trips and holiday entries of one `Database`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _by_prefix(self, table: str, what: str, id_or_prefix: str) -> Any:
        """One live row by full id or an unambiguous prefix of at least 8 characters."""
        key = (id_or_prefix or "").strip().lower()
        if len(key) < MIN_PREFIX:
            raise InvalidInput(code="record_id.too_short", field="id", what=what, least=MIN_PREFIX,
                               text=id_or_prefix)
        rows = []
        if _HEX.fullmatch(key):
            rows = self.db.rows(f"SELECT * FROM {table} WHERE id >= ? AND id < ? "
                                "AND deleted = 0 ORDER BY id LIMIT 6", (key, key + "~"))
        if not rows:
            raise NotFound(code="record_id.unknown", field="id", what=what, text=id_or_prefix)
        if len(rows) > 1:
            raise Conflict(code="record_id.ambiguous", field="id", what=what, text=id_or_prefix,
                           matches=[r["id"][:13] for r in rows[:5]])
        return rows[0]

    def _source(self, item_id: str) -> str | None:
        row = self.db.row("SELECT entry_id FROM ledger_sources WHERE item_id = ?", (item_id,))
        return row["entry_id"] if row else None

    # ---- ledger items --------------------------------------------------------------------
    def add_item(self, *, subject_id: str, type: str, title: str | None, note: str | None,
                 opened: date, due: date, due_given: bool, changed_by: str = "",
                 entry_id: str | None = None) -> LedgerItem:
        item_id = self.db.new_id()
        values = {"id": item_id, "subject_id": subject_id, "type": type, "title": title,
                  "note": note, "opened": opened.isoformat(), "due": due.isoformat(),
                  "due_given": int(due_given), "closed": None, "deleted": 0}
        with self.db.transaction() as conn:
            history.insert(self.db, LEDGER, values, changed_by, "add")
            if entry_id:
                conn.execute("INSERT INTO ledger_sources(item_id, entry_id) VALUES (?, ?)",
                             (item_id, entry_id))
        return self.get_item(item_id)

    def get_item(self, id_or_prefix: str) -> LedgerItem:
        row = self._by_prefix("ledger_items", "ledger item", id_or_prefix)
        return _item(row, self._source(row["id"]))

    def list_items(self, subject_id: str | None = None) -> list[LedgerItem]:
        sql = ("SELECT i.*, s.entry_id AS source FROM ledger_items i "
               "LEFT JOIN ledger_sources s ON s.item_id = i.id WHERE i.deleted = 0")
        params: list = []
        if subject_id:
            sql += " AND i.subject_id = ?"
            params.append(subject_id)
        return [_item(r, r["source"]) for r in self.db.rows(sql + " ORDER BY i.opened, i.id", params)]

    def items_for_entries(self, entry_ids: list[str]) -> dict[str, list[LedgerItem]]:
        """The live follow-up items raised by each of `entry_ids`."""
        out: dict[str, list[LedgerItem]] = {}
        for start in range(0, len(entry_ids), 500):
            chunk = entry_ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for r in self.db.rows(
                    "SELECT i.*, s.entry_id AS source FROM ledger_sources s "
                    "JOIN ledger_items i ON i.id = s.item_id "
                    f"WHERE i.deleted = 0 AND s.entry_id IN ({marks}) ORDER BY i.opened", chunk):
                out.setdefault(r["source"], []).append(_item(r, r["source"]))
        return out

    def open_source_entries(self, as_of: date) -> set[str]:
        """Ids of the entries that raised an item still open on `as_of`."""
        day = as_of.isoformat()
        return {r["entry_id"] for r in self.db.rows(
            "SELECT DISTINCT s.entry_id FROM ledger_sources s JOIN ledger_items i ON i.id = s.item_id "
            "WHERE i.deleted = 0 AND i.opened <= ? AND (i.closed IS NULL OR i.closed > ?)",
            (day, day))}

    def _revise_row(self, spec, table: str, record_id: str, updated_at: str, changes: dict,
                    changed_by: str, reason: str) -> None:
        with self.db.transaction() as conn:
            row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (record_id,)).fetchone()
            if row is None:
                raise NotFound(code="record.unknown", field="id", what=spec.type, id=record_id)
            if row["updated_at"] != updated_at:
                raise Conflict(code="record.changed_meanwhile", what=spec.type, id=record_id[:8])
            history.revise(self.db, spec, row, changes, changed_by, reason)

    def close_item(self, item: LedgerItem, closed: date, changed_by: str = "") -> LedgerItem:
        self._revise_row(LEDGER, "ledger_items", item.id, item.updated_at,
                         {"closed": closed.isoformat()}, changed_by, "close")
        return self.get_item(item.id)

    def add_progress(self, item: LedgerItem, when: date, note: str,
                     changed_by: str = "") -> ProgressReport:
        report_id = self.db.new_id()
        values = {"id": report_id, "item_id": item.id, "date": when.isoformat(), "note": note,
                  "recorded_by": changed_by or ""}
        with self.db.transaction():
            history.insert(self.db, PROGRESS, values, changed_by, "add")
        return self.progress_of(item.id, report_id)[0]

    def progress_of(self, item_id: str, report_id: str | None = None) -> list[ProgressReport]:
        sql, params = "SELECT * FROM ledger_progress WHERE item_id = ?", [item_id]
        if report_id:
            sql += " AND id = ?"
            params.append(report_id)
        return [ProgressReport(id=r["id"], item_id=r["item_id"], date=date.fromisoformat(r["date"]),
                               note=r["note"], recorded_by=r["recorded_by"] or "",
                               updated_at=r["updated_at"])
                for r in self.db.rows(sql + " ORDER BY date, created_at", params)]

    # ---- trips -------------------------------------------------------------------------------
    def add_trip(self, *, subject_id: str, requested: date, depart: date, return_date: date,
                 emergency: bool, destination: str | None, changed_by: str = "") -> Trip:
        trip_id = self.db.new_id()
        values = {"id": trip_id, "subject_id": subject_id, "requested": requested.isoformat(),
                  "depart": depart.isoformat(), "return_date": return_date.isoformat(),
                  "emergency": int(emergency), "destination": destination, "back": None,
                  "deleted": 0}
        with self.db.transaction():
            history.insert(self.db, TRIP, values, changed_by, "add")
        return self.get_trip(trip_id)

    def get_trip(self, id_or_prefix: str) -> Trip:
        return _trip(self._by_prefix("trips", "trip", id_or_prefix))

    def list_trips(self, subject_id: str | None = None) -> list[Trip]:
        sql, params = "SELECT * FROM trips WHERE deleted = 0", []
        if subject_id:
            sql += " AND subject_id = ?"
            params.append(subject_id)
        return [_trip(r) for r in self.db.rows(sql + " ORDER BY depart, id", params)]

    def trip_back(self, trip: Trip, back: date, changed_by: str = "") -> Trip:
        self._revise_row(TRIP, "trips", trip.id, trip.updated_at, {"back": back.isoformat()},
                         changed_by, "back")
        return self.get_trip(trip.id)

    # ---- the user's holiday entries ----------------------------------------------------------
    def set_holidays(self, entries: list[tuple[date, str, str | None]]) -> int:
        """Store (date, 'holiday'|'workday', name) entries in one transaction; a day already
        entered is replaced. Returns how many changed."""
        changed = 0
        with self.db.transaction() as conn:
            for day, kind, name in entries:
                old = conn.execute("SELECT * FROM holidays WHERE date = ?",
                                   (day.isoformat(),)).fetchone()
                if old is not None and old["kind"] == kind and old["name"] == name:
                    continue
                stamp = self.db.timestamp(after=old["updated_at"] if old else None)
                seen = merge_seen(old["seen"], old["updated_at"]) if old else None
                conn.execute(
                    "INSERT INTO holidays(date, kind, name, updated_at, seen, rev) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, "
                    "name = excluded.name, updated_at = excluded.updated_at, seen = excluded.seen, "
                    "rev = excluded.rev", (day.isoformat(), kind, name, stamp, seen, self.db.rev()))
                changed += 1
        return changed

    def holidays(self, year: int | None = None) -> list[dict]:
        """The user's entries, by date: {date, kind, name}."""
        sql, params = "SELECT date, kind, name FROM holidays", []
        if year is not None:
            sql += " WHERE date >= ? AND date <= ?"
            params = [f"{year:04d}-01-01", f"{year:04d}-12-31"]
        return [{"date": r["date"], "kind": r["kind"], "name": r["name"]}
                for r in self.db.rows(sql + " ORDER BY date", params)]

    def overrides(self) -> dict[date, bool]:
        """The user's entries as the working-day calendar takes them (True = workday)."""
        return {date.fromisoformat(r["date"]): r["kind"] == "workday"
                for r in self.db.rows("SELECT date, kind FROM holidays")}
