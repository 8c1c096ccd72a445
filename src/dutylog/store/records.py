"""Rows <-> the dataclasses of domain/model.py, and an entry's bundle/JSON record."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from dutylog.domain.model import Entry, Link, Subject
from dutylog.store.specs import ENTRY, dump_extra, row_to_record


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def row_to_subject(row: Any) -> Subject:
    return Subject(
        id=row["id"], name=row["name"], roles=tuple(json.loads(row["roles"])),
        updated_at=row["updated_at"],
    )


def row_to_link(row: Any) -> Link:
    return Link(
        id=row["id"], subject_id=row["subject_id"], link_type=row["link_type"],
        name=row["name"], since=_date(row["since"]), until=_date(row["until"]),
        updated_at=row["updated_at"],
    )


def row_to_entry(row: Any) -> Entry:
    return Entry(
        id=row["id"], subject_id=row["subject_id"], kind=row["kind"],
        date=date.fromisoformat(row["date"]),
        days=None if row["days"] is None else float(row["days"]),
        four_no=bool(row["four_no"]), title=row["title"], place=row["place"],
        people=row["people"], note=row["note"], object_id=row["object_id"],
        recorded_by=row["recorded_by"] or "", updated_at=row["updated_at"],
        deleted=bool(row["deleted"]),
        appeared=None if row["appeared"] is None else bool(row["appeared"]),
        patrol=row["patrol"], confirmed_by=row["confirmed_by"],
        sensitive=bool(row["sensitive"]),
        extra=json.loads(row["extra"]) if row["extra"] else {},
    )


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
