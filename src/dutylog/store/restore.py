"""Restoring a backup: check it, keep the file it replaces as `backups/replaced-….db`,
then put a copy of it in place of `dutylog.db`. Runs with no store open, so it works
when the database is damaged."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from dutylog.domain.errors import InvalidInput, StoreError
from dutylog.store import paths
from dutylog.store.homelock import Busy, HomeLock
from dutylog.store.migrations import migrations, newer_schema
from dutylog.store.paths import readonly_uri
from dutylog.store.backup import (REPLACED, _copy_db, _ensure_dir, _new_file, _problem, backups_dir,
                                  list_backups)


def resolve_backup(home: Path, name: str) -> Path:
    """FILE as given, or the name of a file in `backups/`; InvalidInput when missing."""
    given = Path(name).expanduser()
    for candidate in (given, backups_dir(home) / name):
        if candidate.is_file():
            return candidate
    known = [b.name for b in list_backups(home)]
    if known:
        raise InvalidInput(code="backup.no_file", field="file", name=name, known=known[-3:])
    raise InvalidInput(code="backup.no_file_none", field="file", name=name)


def check_backup(path: Path) -> None:
    """InvalidInput unless `path` is an undamaged dutylog database."""
    problem = _problem(path)
    if problem is None:
        try:
            conn = sqlite3.connect(readonly_uri(path), uri=True)
            try:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            finally:
                conn.close()
        except sqlite3.Error as exc:
            tables, problem = set(), str(exc)
        if problem is None and ("entries" not in tables
                                or migrations.migrations_table not in tables):
            problem = "it is not a dutylog database"
        if problem is None:
            problem = _schema_problem(path)
    if problem is not None:
        raise InvalidInput(code="backup.unusable", field="file", path=path, problem=problem)


def _schema_problem(path: Path) -> str | None:
    """A dutylog database of a schema this dutylog knows: its first migration applied,
    none it does not know, no user_version it does not set."""
    conn = sqlite3.connect(readonly_uri(path), uri=True)
    try:
        newer = newer_schema(conn)
        if newer:
            return f"it {newer}"
        first = conn.execute(
            f"SELECT 1 FROM [{migrations.migrations_table}] WHERE migration_set = ? AND name = ?",
            (migrations.name, migrations.names()[0])).fetchone()
        return None if first else "it is not a dutylog database"
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()


def _keep_replaced(db_path: Path, today: date, now: datetime | None) -> Path | None:
    """Keep the current database (healthy or not) as `backups/replaced-….db`."""
    if not db_path.exists():
        return None
    folder = _ensure_dir(db_path.parent)
    kept = _new_file(folder, REPLACED, today, now)
    try:
        if _problem(db_path) is not None:
            raise sqlite3.DatabaseError("damaged")
        src = sqlite3.connect(db_path)
        try:
            _copy_db(src, kept)
        finally:
            src.close()
    except sqlite3.Error:
        shutil.copyfile(db_path, kept)  # damaged: keep its bytes as they are
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(f"{kept}-wal"))
            os.chmod(Path(f"{kept}-wal"), 0o600)
        os.chmod(kept, 0o600)
    return kept


def ensure_not_in_use(db_path: Path) -> None:
    """StoreError when another dutylog (the app, a command) has the database open: taking
    the file from under it would lose its writes. An idle connection counts too."""
    if not db_path.exists():
        return
    try:
        conn = sqlite3.connect(db_path, timeout=0.2, isolation_level=None)
    except sqlite3.Error:
        return  # cannot even open it (damaged): nobody else is using it either
    try:
        conn.execute("PRAGMA locking_mode=EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise StoreError(code="db.in_use", path=db_path) from exc
    except sqlite3.Error:
        pass  # damaged: the restore is what it needs
    finally:
        conn.close()


def restore_backup(home: Path, backup: Path, today: date | None = None,
                   now: datetime | None = None) -> Path | None:
    """Replace the database by `backup`; return where the replaced file was kept.
    Run it with no store open on `home`."""
    home = Path(home)
    db_path = home / paths.DB_NAME
    check_backup(backup)
    paths.ensure_home(home)
    lock = HomeLock(home)
    try:
        lock.exclusive()  # no dutylog has the database open, and none opens it meanwhile
    except Busy:
        raise StoreError(code="db.in_use", path=db_path) from None
    try:
        ensure_not_in_use(db_path)
        return _swap(home, db_path, backup, today, now)
    finally:
        lock.release()


def _swap(home: Path, db_path: Path, backup: Path, today: date | None,
          now: datetime | None) -> Path | None:
    kept = _keep_replaced(db_path, today or date.today(), now)
    staging = home / f"{paths.DB_NAME}.restoring"
    staging.unlink(missing_ok=True)
    fd = os.open(staging, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(readonly_uri(backup), uri=True)
        try:
            _copy_db(src, staging)
        finally:
            src.close()
        _to_wal(staging)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(staging, db_path)
    except (sqlite3.Error, OSError) as exc:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{staging}{suffix}").unlink(missing_ok=True)
        raise StoreError(code="backup.cannot_restore", path=backup, reason=exc) from exc
    os.chmod(db_path, 0o600)
    return kept


def _to_wal(path: Path) -> None:
    """Put the copy in WAL mode, as dutylog keeps its database, before it takes the
    database's place: the writers that waited for the restore then open it at once, and
    each would otherwise switch it to WAL itself — a switch SQLite refuses at once
    ("database is locked", its busy handler not asked) to all but one of them."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise sqlite3.OperationalError(f"journal mode {mode}")
    finally:
        conn.close()  # the last connection: its WAL is checkpointed and removed
