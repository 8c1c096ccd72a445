"""`Database`: opening the file, pragmas, migrations, transactions and timestamps.

The one object every repository of the store holds (subjects.py, entries.py, ledgers.py,
settings.py, bundles.py, backup.py); `Store` (store.py) opens one and hands them out."""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from dutylog.domain.errors import Conflict, DataFolderError, DutylogError, StoreError
from dutylog.store import paths
from dutylog.store.homelock import Busy, HomeLock
from dutylog.store.migrations import migrations, newer_schema

Clock = Callable[[], datetime]
Ids = Callable[[], str]  # a new record id (a UUID in text) each call
FUTURE_SLACK = timedelta(days=1)
ONE_MICROSECOND = timedelta(microseconds=1)


def real_clock() -> datetime:
    return datetime.now().astimezone()


def random_id() -> str:
    return str(uuid.uuid4())


def parse_stamp(text: str) -> datetime:
    """An ISO timestamp as an aware datetime (a naive one is taken as local time)."""
    value = datetime.fromisoformat(text)
    return value if value.tzinfo is not None else value.astimezone()


class Database:
    """One open dutylog database: `Database.open(home=None, clock=None, ids=None)`; close it, or
    use `with`. Every write is one transaction (`with db.transaction() as conn:`)."""

    def __init__(self, conn: sqlite3.Connection, home: Path, clock: Clock, ids: Ids = random_id):
        self._conn: sqlite3.Connection | None = conn
        self.home = home
        self.path = home / paths.DB_NAME
        self._clock = clock
        self._ids = ids
        self.lock = threading.RLock()  # one connection, shared by the app's threads
        self._depth = 0
        self._tx_rev: int | None = None
        self._last: datetime | None = None
        self._held: HomeLock | None = None  # the data folder's shared lock (homelock)

    # ---- opening and closing -------------------------------------------------------
    @classmethod
    def open(cls, home: Path | None = None, clock: Clock | None = None, ids: Ids | None = None) -> Database:
        """Open (creating on first use) the database in `home`, default `data_home()`.
        `clock` and `ids` stamp and name new records (tests and screenshots pass fixed ones)."""
        home = Path(home) if home is not None else paths.data_home()
        created_home = paths.ensure_home(home)
        db_path = home / paths.DB_NAME
        created_db = paths.ensure_db_file(db_path)
        conn = None
        held = None
        try:
            if not created_db and not _writable(db_path):
                raise DataFolderError(code="db.read_only", path=db_path)
            _heal_side_files(db_path)
            try:
                held = HomeLock(home).shared()  # waits while a restore swaps the file
            except Busy:
                raise StoreError(code="db.restoring", path=db_path) from None
            conn = sqlite3.connect(
                db_path, timeout=15.0, isolation_level=None, check_same_thread=False
            )
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout=15000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            newer = newer_schema(conn)
            if newer:
                raise DataFolderError(code="db.newer", path=db_path, why=newer)
            _apply_migrations(conn)
        except (sqlite3.Error, StoreError, OSError) as exc:
            if conn is not None:
                conn.close()
            if held is not None:
                held.release()
            if created_db:
                paths.remove_db_files(db_path)
            if created_home:
                try:
                    home.rmdir()
                except OSError:
                    pass
            if isinstance(exc, StoreError):
                raise
            if isinstance(exc, sqlite3.Error) and _kind(exc) == "read_only":
                # a folder SQLite cannot make its `-wal` in: refused like a read-only file
                raise DataFolderError(code="db.cannot_write", path=db_path, detail=exc) from exc
            raise StoreError(code="db.cannot_open", home=home, reason=exc) from exc
        db = cls(conn, home, clock or real_clock, ids or random_id)
        db._held = held
        db.changes_at_open = conn.total_changes  # (migrations included)
        return db

    changes_at_open = 0

    @property
    def changes(self) -> int:
        """Rows this connection inserted, updated or deleted since it was opened."""
        return self.conn.total_changes - self.changes_at_open

    def close(self) -> None:
        with self.lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            held, self._held = getattr(self, "_held", None), None
            if held is not None:
                held.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @property
    def conn(self) -> sqlite3.Connection:
        """The raw connection, for the repositories; write only inside `transaction()`."""
        if self._conn is None:
            raise StoreError(code="db.closed")
        return self._conn

    # ---- transactions ---------------------------------------------------------------
    @property
    def in_transaction(self) -> bool:
        """A `transaction()` block of this object is running."""
        return bool(self._depth)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write (BEGIN IMMEDIATE); nested blocks are savepoints."""
        with self.lock:
            conn = self.conn
            if self._depth:
                name = f"dutylog_sp{self._depth}"
                conn.execute(f"SAVEPOINT {name}")
                self._depth += 1
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                        conn.execute(f"RELEASE SAVEPOINT {name}")
                    raise
                else:
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                finally:
                    self._depth -= 1
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self.translate(exc) from exc
            self._depth = 1
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self.translate(exc) from exc
                raise
            finally:
                self._depth = 0
                self._tx_rev = None

    def translate(self, exc: sqlite3.Error) -> DutylogError:
        """SQLite's error as a coded refusal (`sqlite_refusal`), naming this database."""
        return sqlite_refusal(exc, self.path)

    # ---- queries ----------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] | dict = ()) -> list[sqlite3.Row]:
        """Every row of one read (errors in dutylog's words)."""
        with self.lock:
            try:
                return self.conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self.translate(exc) from exc

    def tuples(self, sql: str, params: Sequence[Any] | dict = ()) -> list[tuple[Any, ...]]:
        """Every row of one read as plain tuples (no sqlite3.Row), read whole under the lock:
        safe beside the app's worker threads."""
        with self.lock:
            try:
                cur = self.conn.cursor()
                cur.row_factory = None
                return cur.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise self.translate(exc) from exc

    def stream(self, sql: str, params: Sequence[Any] | dict = (),
               size: int = 500) -> Iterator[tuple[Any, ...]]:
        """The rows of one read as plain tuples, fetched `size` at a time: memory stays
        flat however many rows (`entries --json` over a county). For one-thread use (the
        command line): the statement stays open between batches, and on a connection
        shared with other threads their DDL would find its tables locked (the app reads
        with `rows`/`tuples`)."""
        try:
            with self.lock:
                cur = self.conn.cursor()
                cur.row_factory = None
                cur.execute(sql, params)
            while True:
                with self.lock:
                    batch = cur.fetchmany(size)
                if not batch:
                    return
                yield from batch
        except sqlite3.Error as exc:
            raise self.translate(exc) from exc

    def row(self, sql: str, params: Sequence[Any] | dict = ()) -> sqlite3.Row | None:
        """The first row of one read, or None."""
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    def integrity_ok(self) -> bool:
        """`PRAGMA quick_check` says ok (used by backups)."""
        try:
            rows = self.rows("PRAGMA quick_check")
        except DutylogError:
            return False
        return [tuple(r) for r in rows] == [("ok",)]

    # ---- ids, timestamps and the change counter -------------------------------------
    def new_id(self) -> str:
        return self._ids()

    def timestamp(self, after: str | None = None) -> str:
        """Now, local time with offset; strictly later than this process's last stamp and
        than `after` (the stored `updated_at` of the record being changed)."""
        now = self._clock()
        if now.tzinfo is None:
            now = now.astimezone()
        if self._last is not None and now <= self._last:
            now = (self._last + ONE_MICROSECOND).astimezone(now.tzinfo)
        if after:
            try:
                previous = parse_stamp(after)
            except (ValueError, OverflowError):
                previous = now  # an unreadable stored stamp: ours is simply now
            if previous > now + FUTURE_SLACK:
                # a stamp from the far future (imported before issue 12's check): never
                # follow it — 9999-12-31 would overflow, and nothing could come after it
                previous = now - ONE_MICROSECOND
            if now <= previous:
                now = (previous + ONE_MICROSECOND).astimezone(now.tzinfo)
        self._last = now
        return now.isoformat(timespec="microseconds")

    def rev(self) -> int:
        """The local change number of the current write transaction."""
        if not self._depth:
            raise StoreError("internal: a write outside store.transaction()")
        if self._tx_rev is None:
            row = self.conn.execute(
                "INSERT INTO counters(name, value) VALUES ('rev', 1) "
                "ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value"
            ).fetchone()
            self._tx_rev = int(row[0])
        return self._tx_rev


# SQLite's primary result codes (the low byte of an extended one), by what they mean here
_KINDS = {19: "conflict", 5: "busy", 6: "busy", 8: "read_only", 13: "full", 10: "io",
          11: "damaged", 26: "damaged"}


def _kind(exc: sqlite3.Error) -> str:
    """What went wrong, from SQLite's result code (Python 3.11+), else from its text."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and (code & 0xFF) in _KINDS:
        return _KINDS[code & 0xFF]
    text = str(exc).lower()
    if isinstance(exc, sqlite3.IntegrityError):
        return "conflict"
    for kind, words in (("busy", ("locked", "busy")), ("read_only", ("readonly", "read-only")),
                        ("full", ("disk is full",)), ("io", ("i/o error",)),
                        ("damaged", ("malformed", "not a database"))):
        if any(w in text for w in words):
            return kind
    return "other"


def sqlite_refusal(exc: sqlite3.Error, path: Path) -> DutylogError:
    """A SQLite error as dutylog's coded refusal about the database at `path`, worded per
    language at the edge (lexicon/refusals.py, `db.*`); SQLite's own text is kept as
    `detail`, shown after the sentence. A conflict with stored data and a folder or file
    that cannot be written are refusals (exit 2); the rest are failures (exit 1)."""
    detail = " ".join(str(exc).split())
    kind = _kind(exc)
    if kind == "conflict":
        return Conflict(code="db.conflict", detail=detail)
    if kind == "busy":
        return StoreError(code="db.busy", path=path, detail=detail)
    if kind == "read_only":
        return DataFolderError(code="db.cannot_write", path=path, detail=detail)
    if kind == "full":
        return StoreError(code="db.disk_full", path=path, detail=detail)
    if kind == "io":
        return StoreError(code="db.io_error", path=path, detail=detail)
    if kind == "damaged":
        return StoreError(code="db.damaged_now", path=path, detail=detail)
    return StoreError(code="db.failed", path=path, detail=detail)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK)


def _heal_side_files(db_path: Path) -> None:
    """SQLite makes `-wal` and `-shm` with the database file's mode: a run that read a
    database while it was read-only leaves them read-only, and every later write would
    fail until they were deleted by hand (issue 12, finding 9). The database is writable
    again: so are they (they are ours, in our private folder)."""
    import stat

    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        try:
            mode = side.stat().st_mode
            if not mode & stat.S_IWUSR:
                os.chmod(side, (mode | stat.S_IWUSR | stat.S_IRUSR) & 0o7777)
        except OSError:
            continue


def _apply_migrations(conn: sqlite3.Connection) -> None:
    """Apply pending migrations under one write lock, so two processes opening a new
    database at once cannot both create the schema."""
    if not migrations.pending_names(conn):
        # up to date: no sqlite-utils (its import is ~60 ms); the one setting its
        # Database(conn) makes on the connection, made here too
        conn.execute("PRAGMA recursive_triggers=on")
        return
    import sqlite_utils

    db = sqlite_utils.Database(conn, execute_plugins=False)
    if not migrations.pending(db):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
