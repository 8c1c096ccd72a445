"""The schema, as sqlite-utils migrations applied when the store opens.

Every migration is registered here, in the order they apply (the names are what existing
databases recorded as applied). Add a new decorated function at the end to change the
schema; never edit, rename or reorder an applied one.

Beside the columns every record needs, the synced tables carry four bookkeeping columns:
`changed_by` / `change_reason` (who made the current version and how: add, edit, import…),
`seen` (JSON list of the `updated_at` of every earlier version this copy knows, so an
import can tell a plain update from two sides editing the same record), and `rev` (a local
change counter, so `export --to NAME` finds what changed since the last export there, even
records imported later with older timestamps).
"""

from __future__ import annotations

import sqlite3
from typing import Any


class LazyMigrations:
    """sqlite-utils' `Migrations("dutylog")`, imported only when a migration must run.

    Registering (`@migrations()`) and `pending_names(conn)` need no sqlite-utils: opening
    an up-to-date database (every start of the CLI and the app) skips its import (~60 ms).
    Anything else (`pending`, `applied`, `apply`, `_migrations`…) is sqlite-utils' own.
    """

    migrations_table = "_sqlite_migrations"

    def __init__(self, name: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "_real", None)
        object.__setattr__(self, "_early", [])  # (name, fn, transactional), in order

    def __call__(self, *, name: str | None = None, transactional: bool = True):
        if self._real is not None:
            return self._real(name=name, transactional=transactional)

        def inner(func):
            migration_name = name or func.__name__
            if any(early[0] == migration_name for early in self._early):
                raise ValueError(f"Migration '{migration_name}' is already registered in "
                                 f"set '{self.name}'")
            self._early.append((migration_name, func, transactional))
            return func

        return inner

    def _load(self):
        if self._real is None:
            from sqlite_utils import Migrations

            real = Migrations(self.name)
            for migration_name, func, transactional in self._early:
                real(name=migration_name, transactional=transactional)(func)
            object.__setattr__(self, "_real", real)
        return self._real

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._load(), attr)

    def __setattr__(self, attr: str, value: Any) -> None:
        setattr(self._load(), attr, value)

    def names(self) -> list[str]:
        if self._real is not None:
            return [m.name for m in self._real._migrations]
        return [early[0] for early in self._early]

    def pending_names(self, conn: sqlite3.Connection) -> list[str]:
        """The registered migrations not applied to `conn`'s database, by plain SQL
        (what `pending(db)` answers, without importing sqlite-utils)."""
        table = self.migrations_table
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (table,)).fetchone() is None:
            return self.names()
        applied = {row[0] for row in conn.execute(
            f"SELECT name FROM [{table}] WHERE migration_set = ?", (self.name,))}
        return [name for name in self.names() if name not in applied]


migrations = LazyMigrations("dutylog")
SCHEMA_USER_VERSION = 0  # PRAGMA user_version as this dutylog leaves it (never changed)


def newer_schema(conn: sqlite3.Connection) -> str | None:
    """Why the database is of a schema newer than this dutylog knows (a later version's
    migrations, or a user_version it does not set), in words; None when it is not."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_USER_VERSION:
        return f"has schema version {version} (user_version); this dutylog knows {SCHEMA_USER_VERSION}"
    table = migrations.migrations_table
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                    (table,)).fetchone() is None:
        return None
    known = set(migrations.names())
    unknown = sorted(name for (name,) in conn.execute(
        f"SELECT name FROM [{table}] WHERE migration_set = ?", (migrations.name,))
        if name not in known)
    if unknown:
        return (f"has schema changes this dutylog does not know ({', '.join(unknown[:3])}"
                f"{' …' if len(unknown) > 3 else ''}): it was written by a newer dutylog")
    return None

_META = """
    changed_by TEXT NOT NULL DEFAULT '',
    change_reason TEXT NOT NULL DEFAULT '',
    seen TEXT,
    rev INTEGER NOT NULL DEFAULT 0"""

FTS_INSERT_TRIGGER = """CREATE TRIGGER entries_fts_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_fts(rowid, title, place, people, note)
    VALUES (new.seq, new.title, new.place, new.people, new.note);
END"""

# Re-index an entry only when its searchable text changed.
FTS_UPDATE_TRIGGER = """CREATE TRIGGER entries_fts_update AFTER UPDATE OF title, place, people, note ON entries
WHEN old.title IS NOT new.title OR old.place IS NOT new.place
    OR old.people IS NOT new.people OR old.note IS NOT new.note
BEGIN
    INSERT INTO entries_fts(entries_fts, rowid, title, place, people, note)
    VALUES ('delete', old.seq, old.title, old.place, old.people, old.note);
    INSERT INTO entries_fts(rowid, title, place, people, note)
    VALUES (new.seq, new.title, new.place, new.people, new.note);
END"""

_INITIAL = [
    f"""CREATE TABLE subjects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    roles TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,{_META}
)""",
    f"""CREATE TABLE links (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    link_type TEXT NOT NULL,
    name TEXT NOT NULL,
    since TEXT,
    until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,{_META}
)""",
    "CREATE INDEX links_subject ON links(subject_id)",
    # `seq` is the rowid the full-text index points at: an explicit INTEGER PRIMARY KEY
    # survives VACUUM (an implicit rowid may be renumbered), `id` is the public key.
    f"""CREATE TABLE entries (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    days REAL,
    four_no INTEGER NOT NULL DEFAULT 0,
    title TEXT,
    place TEXT,
    people TEXT,
    note TEXT,
    object_id TEXT REFERENCES links(id),
    recorded_by TEXT NOT NULL DEFAULT '',
    appeared INTEGER,
    patrol TEXT,
    confirmed_by TEXT,
    sensitive INTEGER NOT NULL DEFAULT 0,
    deleted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    extra TEXT,{_META}
)""",
    "CREATE INDEX entries_subject_date ON entries(subject_id, date)",
    "CREATE INDEX entries_kind_date ON entries(kind, date)",
    "CREATE INDEX entries_updated ON entries(updated_at)",
    "CREATE INDEX entries_date_id ON entries(date, id)",
    "CREATE INDEX entries_rev ON entries(rev)",
    """CREATE VIRTUAL TABLE entries_fts USING fts5(
    title, place, people, note,
    content='entries', content_rowid='seq', tokenize='trigram'
)""",
    FTS_INSERT_TRIGGER,
    """CREATE TRIGGER entries_fts_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_fts(entries_fts, rowid, title, place, people, note)
    VALUES ('delete', old.seq, old.title, old.place, old.people, old.note);
END""",
    FTS_UPDATE_TRIGGER,
    """CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL
        CHECK (record_type IN ('entry', 'subject', 'link', 'ledger', 'trip')),
    record_id TEXT NOT NULL,
    version TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
)""",
    "CREATE INDEX history_record ON history(record_type, record_id)",
    "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)",
    """CREATE TABLE aliases (
    foreign_id TEXT PRIMARY KEY,
    local_id TEXT NOT NULL,
    record_type TEXT NOT NULL
)""",
    """CREATE TABLE export_marks (
    destination TEXT PRIMARY KEY,
    last_updated_at TEXT,
    last_rev INTEGER NOT NULL DEFAULT 0
)""",
    "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)",
    f"""CREATE TABLE ledger_items (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    type TEXT NOT NULL,
    title TEXT,
    note TEXT,
    opened TEXT NOT NULL,
    due TEXT,
    due_given INTEGER NOT NULL DEFAULT 0,
    closed TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,{_META}
)""",
    "CREATE INDEX ledger_items_subject ON ledger_items(subject_id)",
    f"""CREATE TABLE ledger_progress (
    id TEXT PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES ledger_items(id),
    date TEXT NOT NULL,
    note TEXT,
    recorded_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,{_META}
)""",
    "CREATE INDEX ledger_progress_item ON ledger_progress(item_id)",
    f"""CREATE TABLE trips (
    id TEXT PRIMARY KEY,
    subject_id TEXT NOT NULL REFERENCES subjects(id),
    requested TEXT NOT NULL,
    depart TEXT NOT NULL,
    return_date TEXT NOT NULL,
    emergency INTEGER NOT NULL DEFAULT 0,
    destination TEXT,
    back TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,{_META}
)""",
    "CREATE INDEX trips_subject ON trips(subject_id)",
    """CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
    name TEXT,
    updated_at TEXT NOT NULL,
    seen TEXT,
    rev INTEGER NOT NULL DEFAULT 0
)""",
]


@migrations()
def m001_initial(db):
    for statement in _INITIAL:
        db.execute(statement)


@migrations()
def m002_paging_indexes(db):
    """(…, deleted, date, id) indexes: a page of live entries ordered by date then id is
    read from an index alone (deep OFFSETs skip through it); status still reads one
    subject-year through entries_subject_date. Also makes sure the FTS update trigger
    re-indexes only changed text (early copies of m001 lacked its WHEN)."""
    for statement in (
        "DROP INDEX IF EXISTS entries_subject_date",
        "CREATE INDEX entries_subject_date ON entries(subject_id, deleted, date, id)",
        "DROP INDEX IF EXISTS entries_kind_date",
        "CREATE INDEX entries_kind_date ON entries(kind, deleted, date, id)",
        "DROP INDEX IF EXISTS entries_date_id",
        "CREATE INDEX entries_live_date_id ON entries(deleted, date, id)",
        "DROP TRIGGER IF EXISTS entries_fts_update",
        FTS_UPDATE_TRIGGER,
    ):
        db.execute(statement)


@migrations()
def m003_char_index(db):
    """`entries_fts_chars`: one token per character, so searches of 1–2 characters use an
    index instead of reading every entry (see store/chars.py); indexes existing entries."""
    from dutylog.store import chars

    chars.create(db.conn)


@migrations()
def m004_subject_since(db):
    """`subjects.since`: the day record keeping started (revision 2's "tracked from").
    A subject that already exists is taken as tracked from the day it was added (its
    earliest entry moves that earlier when status is computed); every row is kept."""
    db.execute("ALTER TABLE subjects ADD COLUMN since TEXT")
    db.execute("UPDATE subjects SET since = substr(created_at, 1, 10)")


@migrations()
def m101_ledger_sources(db):
    """`ledger_sources`: which diary entry raised a follow-up item. Its own table, so a
    bundle import that rewrites a ledger row cannot lose it (bundles carry it as the
    ledger record's `entry`). Numbered apart (it came with the ledger part) and
    registered last: that is the order every existing database applied it in."""
    db.execute("""CREATE TABLE IF NOT EXISTS ledger_sources (
    item_id TEXT PRIMARY KEY,
    entry_id TEXT NOT NULL
)""")
    db.execute("CREATE INDEX IF NOT EXISTS ledger_sources_entry ON ledger_sources(entry_id)")


@migrations()
def m005_subject_archived(db):
    """`subjects.archived`: the day an official who left was archived (NULL: active).
    A local column: kept on this machine, not carried in bundles; the change is versioned
    like any other subject change (history reason archive / restore). Registered after
    m101: the order databases apply them in."""
    db.execute("ALTER TABLE subjects ADD COLUMN archived TEXT")


@migrations()
def m006_drop_entries_updated(db):
    """`entries_updated` (entries by updated_at) served no query: exports select by `rev`,
    lists by date. Every entry written paid for it, at a random place in a large index: a
    fifth of what merging one official's bundle into a county's database wrote (issue 14 §7)."""
    db.execute("DROP INDEX IF EXISTS entries_updated")


@migrations()
def m007_desk_memo(db):
    """`desk_memo`: the desk's rows as counted, a row a subject-year under the stamp of
    what the count read (store/memo.py). No record: no history, not in bundles."""
    db.execute("""CREATE TABLE IF NOT EXISTS desk_memo (
    subject_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    stamp TEXT NOT NULL,
    row TEXT NOT NULL,
    PRIMARY KEY (subject_id, year)
) WITHOUT ROWID""")


@migrations()
def m008_entries_subject_kind(db):
    """`entries_subject_kind_date` (subject, kind, …) replaces `entries_kind_date` (kind, …).
    A merged official's entries then land together in the index, as in
    `entries_subject_date`, instead of at ~9,500 random places among a county's 2.5 million:
    merging one official into a county's database wrote ~11,000 pages fewer (issue 14 §7).
    A kind listed over all subjects reads it subject by subject (store/queries.py)."""
    db.execute("DROP INDEX IF EXISTS entries_kind_date")
    db.execute("CREATE INDEX IF NOT EXISTS entries_subject_kind_date "
               "ON entries(subject_id, kind, deleted, date, id)")
