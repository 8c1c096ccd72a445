"""Versioned writes: every change keeps the version it replaces in `history`.

A history row holds one full earlier version (its bundle record) with who made that
version (`changed_by`), when (`changed_at`, its `updated_at`) and how (`reason`: add, edit,
delete, undelete, confirm, end, import, import-older). The live row carries the same three
facts about the current version, so `versions()` can list every version alike.
Functions over a `Database`, used by the repositories that keep versions.
"""

from __future__ import annotations

import json
from typing import Any

from dutylog.domain.errors import InvalidInput
from dutylog.store.db import Database, parse_stamp
from dutylog.store.specs import BY_HISTORY, Spec, row_to_record


def merge_seen(*parts: Any) -> str | None:
    """Union of `seen` lists (JSON texts, lists or single stamps) as stored JSON."""
    stamps: set[str] = set()
    for part in parts:
        if not part:
            continue
        if isinstance(part, str) and part.startswith("["):
            stamps.update(json.loads(part))
        elif isinstance(part, str):
            stamps.add(part)
        else:
            stamps.update(part)
    return json.dumps(sorted(stamps)) if stamps else None


def history_row(spec: Spec, row: Any) -> tuple:
    """The history row that keeps stored row `row` as an earlier version."""
    version = json.dumps(row_to_record(spec, row), ensure_ascii=False)
    return (spec.history, row[spec.key], version, row["changed_by"] or "",
            row["updated_at"], row["change_reason"] or "")


def keep_history(db: Database, rows: list[tuple]) -> None:
    """Store history rows (inside `db.transaction()`)."""
    if rows:
        db.conn.executemany(
            "INSERT INTO history(record_type, record_id, version, changed_by, "
            "changed_at, reason) VALUES (?, ?, ?, ?, ?, ?)", rows)


def insert(db: Database, spec: Spec, values: dict[str, Any], changed_by: str,
           reason: str) -> str:
    """Insert a new record (in a transaction); fills timestamps; returns its stamp."""
    stamp = db.timestamp()
    values = dict(values, updated_at=stamp, created_at=stamp, rev=db.rev(),
                  changed_by=changed_by or "", change_reason=reason)
    cols = ", ".join(values)
    marks = ", ".join("?" * len(values))
    db.conn.execute(f"INSERT INTO {spec.table} ({cols}) VALUES ({marks})",
                    tuple(values.values()))
    return stamp


def revise(db: Database, spec: Spec, old: Any, changes: dict[str, Any], changed_by: str,
           reason: str) -> None:
    """Replace stored row `old` by `old` + `changes` (in a transaction), keeping `old`
    in history; the new `updated_at` is later than the old one."""
    keep_history(db, [history_row(spec, old)])
    values = dict(changes)
    values.update(
        updated_at=db.timestamp(after=old["updated_at"]), changed_by=changed_by or "",
        change_reason=reason, seen=merge_seen(old["seen"], old["updated_at"]),
        rev=db.rev(),
    )
    sets = ", ".join(f"{c} = ?" for c in values)
    db.conn.execute(f"UPDATE {spec.table} SET {sets} WHERE {spec.key} = ?",
                    (*values.values(), old[spec.key]))


def versions(db: Database, record_type: str, record_id: str) -> list[dict[str, Any]]:
    """Every version of a record, oldest first, the current one last: each the full
    record (bundle field names) plus `changed_by`, `changed_at` and `reason`."""
    spec = BY_HISTORY.get(record_type)
    if spec is None:
        raise InvalidInput(code="history.record_type", given=repr(record_type),
                           accepted=list(BY_HISTORY))
    found = []
    for row in db.rows("SELECT * FROM history WHERE record_type = ? AND record_id = ? "
                       "ORDER BY id", (record_type, record_id)):
        version = json.loads(row["version"])
        version.update(changed_by=row["changed_by"], changed_at=row["changed_at"],
                       reason=row["reason"])
        found.append(version)
    found.sort(key=lambda v: parse_stamp(v["updated_at"]))
    current = db.row(f"SELECT * FROM {spec.table} WHERE {spec.key} = ?", (record_id,))
    if current is not None:
        version = row_to_record(spec, current)
        version.update(changed_by=current["changed_by"], changed_at=current["updated_at"],
                       reason=current["change_reason"])
        found.append(version)
    return found
