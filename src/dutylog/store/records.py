"""Rows <-> the dataclasses of domain/model.py, and an entry's bundle/JSON record."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import fields
from datetime import date
from operator import itemgetter
from typing import Any

from dutylog.domain.model import Entry, Link, Subject
from dutylog.store.specs import ENTRY, dump_extra, row_to_record


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def row_to_subject(row: Any) -> Subject:
    return Subject(
        id=row["id"], name=row["name"], roles=tuple(json.loads(row["roles"])),
        updated_at=row["updated_at"], since=_date(row["since"]),
        archived=_date(row["archived"]) if "archived" in row.keys() else None,  # noqa: SIM118 (sqlite3.Row)
    )


def row_to_link(row: Any) -> Link:
    return Link(
        id=row["id"], subject_id=row["subject_id"], link_type=row["link_type"],
        name=row["name"], since=_date(row["since"]), until=_date(row["until"]),
        updated_at=row["updated_at"],
    )


# The Entry fields in their order, which is also the order of `Entry(...)`'s positional
# arguments: row_to_entry passes them by position (cheaper for a frozen slotted dataclass).
_ENTRY_FIELDS = ("id", "subject_id", "kind", "date", "days", "four_no", "title", "place",
                 "people", "note", "object_id", "recorded_by", "updated_at", "deleted",
                 "appeared", "patrol", "confirmed_by", "sensitive", "extra")
if tuple(f.name for f in fields(Entry)) != _ENTRY_FIELDS:  # pragma: no cover
    raise RuntimeError("store/records.py: Entry's fields changed; update _ENTRY_FIELDS")
# (the column names of the last sqlite3.Row seen, a getter of the Entry fields' columns
# in _ENTRY_FIELDS order); one tuple, so a reader never sees half of an update.
_row_getter: tuple[list[str] | None, Any] = (None, None)


ENTRY_COLUMNS = ", ".join(_ENTRY_FIELDS)  # SELECT these for `tuple_to_entry`


def tuple_to_entry(values: tuple[Any, ...]) -> Entry:
    """The Entry of a plain row of ENTRY_COLUMNS, in that order (the cheapest read:
    no sqlite3.Row, no lookup by name — status reads a subject-year of ~2,000)."""
    (id_, subject_id, kind, day, days, four_no, title, place, people, note, object_id,
     recorded_by, updated_at, deleted, appeared, patrol, confirmed_by, sensitive, extra) = values
    return Entry(
        id_, subject_id, kind, date.fromisoformat(day),
        None if days is None else float(days),
        bool(four_no), title, place, people, note, object_id,
        recorded_by or "", updated_at, bool(deleted),
        None if appeared is None else bool(appeared),
        patrol, confirmed_by, bool(sensitive),
        json.loads(extra) if extra else {},
    )


def row_to_entry(row: Any) -> Entry:
    """The Entry of an `entries` row (sqlite3.Row, or any mapping of the columns).

    Reading a year of the dashboard converts ~2,000 rows: a sqlite3.Row is read by
    column index (looked up once per column layout), not by name per field."""
    global _row_getter
    if type(row) is not sqlite3.Row:
        values = tuple(row[name] for name in _ENTRY_FIELDS)
    else:
        keys, getter = _row_getter
        columns = row.keys()
        if columns != keys:
            try:
                getter = itemgetter(*(columns.index(name) for name in _ENTRY_FIELDS))
            except ValueError:  # a column is missing: fail as reading it by name does
                values = tuple(row[name] for name in _ENTRY_FIELDS)
                getter = None
            else:
                _row_getter = (columns, getter)
        if getter is not None:
            values = getter(row)
    return tuple_to_entry(values)


def entry_columns(entry: Entry) -> dict[str, Any]:
    """The `entries` column values of an Entry (without seq, created_at and bookkeeping)."""
    return {
        "id": entry.id, "subject_id": entry.subject_id, "kind": entry.kind,
        "date": entry.date.isoformat(),
        "days": None if entry.days is None else float(entry.days),
        "four_no": int(bool(entry.four_no)), "title": entry.title, "place": entry.place,
        "people": entry.people, "note": entry.note, "object_id": entry.object_id,
        "recorded_by": entry.recorded_by or "", "updated_at": entry.updated_at,
        "deleted": int(bool(entry.deleted)),
        "appeared": None if entry.appeared is None else int(bool(entry.appeared)),
        "patrol": entry.patrol, "confirmed_by": entry.confirmed_by,
        "sensitive": int(bool(entry.sensitive)), "extra": dump_extra(entry.extra),
    }


def entry_to_record(
    entry: Entry, subject_name: str | None = None, object_name: str | None = None
) -> dict[str, Any]:
    """The entry as a bundle entry record (CONTRACT "Merge bundles") plus `confirmed_by`
    and `sensitive`; with `subject_name` given, also `subject_name` and `object_name`
    (null when there is no object) — the shape of `entries --json`."""
    record = row_to_record(ENTRY, entry_columns(entry))
    if subject_name is not None:
        record["subject_name"] = subject_name
        record["object_name"] = object_name
    return record
