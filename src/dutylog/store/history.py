"""Versioned writes: every change keeps the version it replaces in `history`.

A history row holds one full earlier version (its bundle record) with who made that
version (`changed_by`), when (`changed_at`, its `updated_at`) and how (`reason`: add, edit,
delete, undelete, confirm, end, import, import-older). The live row carries the same three
facts about the current version, so `history()` can list every version alike.
"""

from __future__ import annotations

import json
from typing import Any

from dutylog.domain.errors import InvalidInput
from dutylog.store.db import StoreCore, parse_stamp
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


class VersionedMixin(StoreCore):
    def _history_row(self, spec: Spec, row: Any) -> tuple:
        """The history row that keeps stored row `row` as an earlier version."""
        version = json.dumps(row_to_record(spec, row), ensure_ascii=False)
        return (spec.history, row[spec.key], version, row["changed_by"] or "",
                row["updated_at"], row["change_reason"] or "")

    def _keep_history(self, rows: list[tuple]) -> None:
        if rows:
            self.conn.executemany(
                "INSERT INTO history(record_type, record_id, version, changed_by, "
                "changed_at, reason) VALUES (?, ?, ?, ?, ?, ?)", rows)

    def _insert(self, spec: Spec, values: dict[str, Any], changed_by: str, reason: str) -> str:
        """Insert a new record (in a transaction); fills timestamps; returns its stamp."""
        stamp = self.timestamp()
        values = dict(values, updated_at=stamp, created_at=stamp, rev=self._rev(),
                      changed_by=changed_by or "", change_reason=reason)
        cols = ", ".join(values)
        marks = ", ".join("?" * len(values))
        self.conn.execute(f"INSERT INTO {spec.table} ({cols}) VALUES ({marks})",
                          tuple(values.values()))
        return stamp

    def _revise(self, spec: Spec, old: Any, changes: dict[str, Any], changed_by: str,
                reason: str) -> None:
        """Replace stored row `old` by `old` + `changes` (in a transaction), keeping `old`
        in history; the new `updated_at` is later than the old one."""
        self._keep_history([self._history_row(spec, old)])
        values = dict(changes)
        values.update(
            updated_at=self.timestamp(after=old["updated_at"]), changed_by=changed_by or "",
            change_reason=reason, seen=merge_seen(old["seen"], old["updated_at"]),
            rev=self._rev(),
        )
        sets = ", ".join(f"{c} = ?" for c in values)
        self.conn.execute(f"UPDATE {spec.table} SET {sets} WHERE {spec.key} = ?",
                          (*values.values(), old[spec.key]))

    def history(self, record_type: str, record_id: str) -> list[dict[str, Any]]:
        """Every version of a record, oldest first, the current one last: each the full
        record (bundle field names) plus `changed_by`, `changed_at` and `reason`."""
        spec = BY_HISTORY.get(record_type)
        if spec is None:
            raise InvalidInput(f"unknown record type {record_type!r}; "
                               f"accepted: {', '.join(BY_HISTORY)}")
        versions = []
        for row in self._q("SELECT * FROM history WHERE record_type = ? AND record_id = ? "
                           "ORDER BY id", (record_type, record_id)):
            version = json.loads(row["version"])
            version.update(changed_by=row["changed_by"], changed_at=row["changed_at"],
                           reason=row["reason"])
            versions.append(version)
        versions.sort(key=lambda v: parse_stamp(v["updated_at"]))
        current = self._one(f"SELECT * FROM {spec.table} WHERE {spec.key} = ?", (record_id,))
        if current is not None:
            version = row_to_record(spec, current)
            version.update(changed_by=current["changed_by"], changed_at=current["updated_at"],
                           reason=current["change_reason"])
            versions.append(version)
        return versions
