"""`DeskMemo`: the desk's rows as counted, kept in the database until anything changes.

The desk (services/desk.py) evaluates every kept subject against every duty: about 6 ms a
subject-year, three seconds and more for a county's 500. What it counted is kept here,
one row a subject-year (`desk_memo`, migration m007), under a stamp naming everything
the count read: the day it was counted for, the policy, and the database's change number
(`counters.rev`, which every write of a record, an import and a holiday moves on: see
`Database.rev`). A desk opened again under the same stamp reads its rows from here at
once; any change of data, policy or day is a new stamp, and the rows are counted again.

A row is kept only while the change number is still the one it was counted under
(checked in the write itself): a count that raced a write in another process is never
kept. The memo is no record: no history, no change number, not carried in bundles. A
file changed outside dutylog forgets it (`store.opening`). Keeping it is a courtesy: a
database that cannot be written (read-only, busy) keeps nothing and the desk counts as
before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from dutylog.domain.errors import DutylogError
from dutylog.store.db import Database

TABLE = "desk_memo"
BUSY_MS = 100  # a memo write waits this long for another writer, then gives up


class DeskMemo:
    def __init__(self, db: Database) -> None:
        self.db = db

    def change_number(self) -> int:
        """The database's change number (0 before the first write)."""
        row = self.db.tuples("SELECT value FROM counters WHERE name = 'rev'")
        return int(row[0][0]) if row else 0

    def rows(self, year: int, stamp: str) -> dict[str, str]:
        """subject id -> the row kept for `year` under `stamp` (its text, as kept)."""
        return dict(self.db.tuples(f"SELECT subject_id, row FROM {TABLE} WHERE year = ? AND stamp = ?",
                                   (year, stamp)))

    def keep(self, year: int, stamp: str, rev: int, rows: Iterable[tuple[str, str]]) -> bool:
        """Keep `rows` (subject id, text) for `year` under `stamp`, if the change number
        is still `rev`; False when nothing was kept (changed since, or not writable)."""
        rows = list(rows)
        if not rows:
            return True
        with self.db.lock:
            conn = self.db.conn
            try:
                waited = conn.execute("PRAGMA busy_timeout").fetchone()[0]
                conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
                try:
                    with self.db.transaction():
                        if self.change_number() != rev:
                            return False
                        conn.executemany(
                            f"INSERT INTO {TABLE}(subject_id, year, stamp, row) VALUES (?, ?, ?, ?) "
                            "ON CONFLICT(subject_id, year) DO UPDATE SET stamp = excluded.stamp, "
                            "row = excluded.row", [(sid, year, stamp, text) for sid, text in rows])
                finally:
                    conn.execute(f"PRAGMA busy_timeout={int(waited)}")
            except (DutylogError, sqlite3.Error, OSError):  # busy, read-only, closed
                return False
        return True

    def forget(self) -> None:
        """Drop every kept row (the file was changed outside dutylog)."""
        try:
            if self.db.tuples(f"SELECT 1 FROM {TABLE} LIMIT 1"):
                with self.db.transaction() as conn:
                    conn.execute(f"DELETE FROM {TABLE}")
        except (DutylogError, sqlite3.Error, OSError):
            pass  # a read-only file keeps its memo: the stamp still guards it
