"""Baseline for `dutylog import`: the same rows into the same schema, as raw as it gets.

    python bench/raw_import.py BUNDLE DB

Creates dutylog's schema (every migration applied), drops its indexes, triggers and the
full-text index, streams the bundle's JSON lines into the tables with `executemany` in
batches of 50,000 in one transaction, then creates the indexes, builds the trigram FTS
index (`'rebuild'`), the one-character index (`chars.index_from`) and the triggers again. No validation, no history, no merge logic: the
floor any importer of this schema stands on. Same pragmas as the store (WAL, synchronous
NORMAL).
"""

from __future__ import annotations

import json
import sqlite3
import sys

from dutylog.store import chars
from dutylog.store.db import _apply_migrations
from dutylog.store.specs import SPECS


def columns(spec) -> list[str]:
    cols = [f.column for f in spec.fields]
    if spec.type == "entry":
        cols.append("extra")
    if spec.meta:
        cols += ["created_at", "changed_by", "change_reason", "rev"]
    else:
        cols += ["rev"]
    return cols


def row(spec, rec: dict) -> tuple:
    out = []
    for f in spec.fields:
        v = rec.get(f.name)
        if f.kind.endswith("bool"):
            v = None if v is None and f.kind.startswith("opt_") else int(bool(v))
        elif f.kind == "roles":
            v = json.dumps(v, ensure_ascii=False)
        elif f.kind == "text" and v is None:
            v = ""
        out.append(v)
    if spec.type == "entry":
        out.append(None)
    if spec.meta:
        out += [rec["updated_at"], "", "import", 1]
    else:
        out += [1]
    return tuple(out)


BATCH = 50_000  # rows per executemany: the bundle is streamed, memory stays flat


def main(bundle: str, db_path: str) -> int:
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    _apply_migrations(conn)  # the schema as dutylog has it now, every migration applied
    later = [r for r in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND ("
        "type IN ('index', 'trigger') OR name = 'entries_fts') ORDER BY type = 'trigger'")]
    conn.execute("BEGIN")
    for kind, name, _ in later:  # inserted without them, made again afterwards
        conn.execute(f'DROP {"TABLE" if kind == "table" else kind.upper()} IF EXISTS "{name}"')
    pending: dict[str, list[tuple]] = {t: [] for t in SPECS}

    def flush(t: str) -> None:
        rows = pending[t]
        if rows:
            spec = SPECS[t]
            cols = columns(spec)
            conn.executemany(f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES "
                             f"({', '.join('?' * len(cols))})", rows)
            rows.clear()

    with open(bundle, encoding="utf-8") as fh:
        next(fh)  # header
        for line in fh:
            rec = json.loads(line)
            spec = SPECS.get(rec.get("type"))
            if spec is not None:
                pending[spec.type].append(row(spec, rec))
                if len(pending[spec.type]) >= BATCH:
                    flush(spec.type)
    for t in pending:
        flush(t)
    for _kind, name, sql in sorted(later, key=lambda r: r[0] == "trigger"):
        conn.execute(sql)
        if name == "entries_fts":
            conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
    # the one-character index too (store/chars.py; its text is made in Python, as dutylog
    # makes it): without it the copy would not answer 1–2 character searches, and the
    # baseline would skip work the import must do (runs before 2026-11-28 did skip it)
    chars.index_from(conn, 0)
    conn.execute("COMMIT")
    n = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    conn.close()
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
