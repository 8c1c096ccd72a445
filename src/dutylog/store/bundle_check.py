"""Importing a bundle, pass 1: every record checked, the entries staged.

`stage` makes the import's temporary tables; `check` reads the whole bundle once, parses
and checks every record (the first bad line refuses the bundle, a duplicate id is refused
naming both lines, a stamp from the future after that), keeps the small kinds in
`bundle.records` and stages the entries, parsed, in SQLite's temporary tables, so memory
stays flat however large the bundle (issue 12). `staged_entries` reads them back BATCH at
a time for the later passes (bundle_resolve.py, bundle_import.py); `unstage` drops the
tables. Called by `import_bundle` (bundle_import.py), inside its one transaction.
"""

from __future__ import annotations

import marshal
from datetime import UTC, datetime, timedelta

from dutylog.domain.errors import BundleError
from dutylog.store.bundle_read import Bundle, RecordCheck, duplicate
from dutylog.store.bundles import _chunks, _marks
from dutylog.store.db import Database, parse_stamp
from dutylog.store.specs import ENTRY, ORDER, SPECS

BATCH = 5000  # entries staged, read back and written at a time


def stage(conn) -> None:
    """Temporary tables (SQLite's temporary file, not memory) for one import: the
    entries' ids (duplicates, ledger sources) and the entries themselves, checked and
    parsed once, read back BATCH at a time (`marshal`: the fastest encoding of the plain
    dicts `parse_record` makes; only this connection writes and reads the table)."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_ids "
                 "(id TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS import_entries "
                 "(line INTEGER PRIMARY KEY, subject TEXT, object TEXT, record BLOB)")
    conn.execute("PRAGMA temp.cache_size = -32768")  # 32 MiB: the ids' B-tree in memory
    conn.execute("DELETE FROM temp.import_ids")
    conn.execute("DELETE FROM temp.import_entries")


def unstage(conn) -> None:
    """Drop the import's temporary tables, once its transaction is over (committed or
    rolled back)."""
    conn.execute("DROP TABLE IF EXISTS temp.import_ids")
    conn.execute("DROP TABLE IF EXISTS temp.import_entries")


def check(db: Database, conn, bundle: Bundle, validate_record: RecordCheck | None) -> None:
    """Every record parsed and checked, the first bad line refused; a duplicate
    refused naming both lines; then (as before streaming) the first stamp from the
    future, by type then line. Keeps the small kinds in `bundle.records`, not the
    entries."""
    first_line: dict[tuple[str, str], int] = {}
    # entries not yet staged: (id, line, subject, object, the record marshalled)
    pending: list[tuple[str, int, str, str | None, bytes]] = []

    def flush() -> None:
        found: dict[str, int] = {}
        for chunk in _chunks([item[0] for item in pending]):
            found.update(conn.execute(
                f"SELECT id, line FROM temp.import_ids WHERE id IN ({_marks(chunk)})",
                chunk).fetchall())
        for key, number, *_ in pending:
            if key in found:
                raise bundle.fail(number, duplicate(ENTRY.type, key, found[key]))
            found[key] = number
        conn.executemany("INSERT INTO temp.import_ids(id, line) VALUES (?, ?)",
                         [item[:2] for item in pending])
        conn.executemany("INSERT INTO temp.import_entries(line, subject, object, record) "
                         "VALUES (?, ?, ?, ?)", [item[1:] for item in pending])
        pending.clear()

    now = max(parse_stamp(db.timestamp()), datetime.now(UTC))
    limit = now + timedelta(days=1)
    rank = {kind: i for i, kind in enumerate(ORDER)}
    future: tuple[int, int, str] | None = None
    counts = bundle.counts
    try:
        for number, kind, rec in bundle.iter_records(validate_record):
            stamp = rec.get("updated_at")
            if stamp and (future is None or (rank[kind], number) < future[:2]) \
                    and parse_stamp(stamp) > limit:
                future = (rank[kind], number, stamp)
            key = rec[SPECS[kind].key]
            if kind == ENTRY.type:
                counts[kind] = counts.get(kind, 0) + 1
                pending.append((key, number, rec["subject"], rec["object"],
                                marshal.dumps(rec)))
                if len(pending) >= BATCH:
                    flush()
                continue
            if (kind, key) in first_line:
                raise bundle.fail(number, duplicate(kind, key, first_line[kind, key]))
            first_line[kind, key] = number
            bundle.records[kind].append((number, rec))
    except BundleError:
        flush()  # a duplicate entry on an earlier line is the first bad line
        raise
    flush()
    if future is not None:
        _, number, stamp = future
        raise bundle.fail(number, code="bundle.stamp_ahead", field="updated_at", given=stamp,
                          clock=f"{limit:%Y-%m-%d}")


def staged_entries(conn, columns: str = "record"):
    """The staged entries in line order, BATCH at a time (read by key, so the writes
    in between do not disturb the reading)."""
    last = 0
    while rows := conn.execute(f"SELECT line, {columns} FROM temp.import_entries "
                               f"WHERE line > ? ORDER BY line LIMIT {BATCH}",
                               (last,)).fetchall():
        last = rows[-1][0]
        yield rows
