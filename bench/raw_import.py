"""Baseline for `dutylog import`: the same rows into the same schema, as raw as it gets.

    python bench/raw_import.py BUNDLE DB

Reads the bundle's JSON lines, creates dutylog's tables (the DDL of the schema migrations,
without indexes, triggers or the full-text index), inserts every record with one
`executemany` per table in one transaction, then creates the indexes, builds the trigram
FTS index (`'rebuild'`) and the triggers. No validation, no history, no merge logic: the
floor any importer of this schema stands on. Same pragmas as the store (WAL, synchronous
NORMAL).
"""

from __future__ import annotations

import json
import sqlite3
import sys

from dutylog.store.migrations import _INITIAL
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


def main(bundle: str, db_path: str) -> int:
    by_type: dict[str, list[tuple]] = {t: [] for t in SPECS}
    with open(bundle, encoding="utf-8") as fh:
        next(fh)  # header
        for line in fh:
            rec = json.loads(line)
            spec = SPECS.get(rec.get("type"))
            if spec is not None:
                by_type[spec.type].append(row(spec, rec))
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    tables = [s for s in _INITIAL if s.lstrip().upper().startswith("CREATE TABLE")]
    later = [s for s in _INITIAL if s not in tables]
    conn.execute("BEGIN")
    for stmt in tables:
        conn.execute(stmt)
    for t, rows in by_type.items():
        if not rows:
            continue
        spec = SPECS[t]
        cols = columns(spec)
        conn.executemany(f"INSERT INTO {spec.table} ({', '.join(cols)}) VALUES "
                         f"({', '.join('?' * len(cols))})", rows)
    for stmt in later:
        conn.execute(stmt)
        if "VIRTUAL TABLE entries_fts" in stmt:
            conn.execute("INSERT INTO entries_fts(entries_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    n = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    conn.close()
    print(n)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
