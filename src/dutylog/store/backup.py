"""Consistent copies of the database in `<data folder>/backups/`, and the check on open.

Copies are made with SQLite's online backup API (`sqlite3.Connection.backup`), so a copy
taken while dutylog writes is still a consistent database. One copy a day is taken when
dutylog closes a database it opened without trouble (`store.backup_job`, off the
command's path); which copies are kept is `backup_job.keep`'s rule (7 daily, 4 weekly,
the newest checked one, at most 3× the database).
`store.restore.restore_backup` keeps the file it replaces as `replaced-….db` (never pruned).
`Backups` is the repository the open store hands out (`store.backups`).

`check_or_explain` runs `PRAGMA quick_check` before the store opens (when, see
`store.opening.open_store`): a damaged database gives one message naming the newest
backup and the exact command that restores it.
"""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from dutylog.domain.errors import StoreError
from dutylog.store.paths import readonly_uri

BACKUP_DIR = "backups"
PREFIX = "dutylog-"
REPLACED = "replaced-"
_NAME_RE = re.compile(r"^(dutylog|replaced)-(\d{4}-\d{2}-\d{2})-(\d{6})(?:-(\d+))?\.db$")


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    day: date
    time: str  # HHMMSS
    replaced: bool  # a file `restore` replaced, kept outside the rotation
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def label(self) -> str:
        t = self.time
        return f"{self.day.isoformat()} {t[:2]}:{t[2:4]}:{t[4:]}"


class OpenDatabase(Protocol):
    """What a copy is taken from: a `Database` (or the `Store` holding one)."""

    @property
    def home(self) -> Path: ...

    @property
    def conn(self) -> sqlite3.Connection: ...

    @property
    def lock(self): ...


def backups_dir(home: Path) -> Path:
    return Path(home) / BACKUP_DIR


def _ensure_dir(home: Path) -> Path:
    folder = backups_dir(home)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise StoreError(code="backup.no_folder", folder=folder, why=exc.strerror or exc) from exc
    return folder


def _new_file(folder: Path, prefix: str, day: date, now: datetime | None) -> Path:
    """A new, empty file (mode 0600) with a name no other backup has."""
    stamp = (now or datetime.now()).strftime("%H%M%S")
    base = f"{prefix}{day.isoformat()}-{stamp}"
    for n in range(1000):
        path = folder / (f"{base}.db" if n == 0 else f"{base}-{n}.db")
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return path
    raise StoreError(code="backup.no_name", folder=folder)


def _copy_db(source: sqlite3.Connection, target: Path) -> None:
    """Copy an open database into the file `target` with the online backup API; the copy
    uses a rollback journal, so it is one self-contained file. It is written beside
    `target` and renamed when complete: a copy cut short never looks like a backup."""
    partial = target.with_name(f".{target.name}.partial")
    fd = os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        dst = sqlite3.connect(partial)
        try:
            source.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        os.chmod(partial, 0o600)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def list_backups(home: Path) -> list[Backup]:
    """Every backup in the data folder, oldest first (by the day and time in its name)."""
    folder = backups_dir(home)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        m = _NAME_RE.match(path.name)
        if not m or not path.is_file() or path.stat().st_size == 0:
            continue  # an empty file is a name reserved by a copy that never finished
        try:
            day = date.fromisoformat(m.group(2))
        except ValueError:
            continue
        found.append(Backup(path, day, m.group(3), m.group(1) == "replaced",
                            path.stat().st_size))
    found.sort(key=lambda b: (b.day, b.time, _counter(b.name), b.replaced))
    return found


def _counter(name: str) -> int:
    m = _NAME_RE.match(name)
    return int(m.group(4) or 0) if m else 0


def newest_backup(home: Path) -> Backup | None:
    regular = [b for b in list_backups(home) if not b.replaced]
    return regular[-1] if regular else None


def create_backup(db: OpenDatabase, day: date, now: datetime | None = None) -> Path:
    """A consistent copy of the open database in `backups/`; prunes old copies."""
    folder = _ensure_dir(db.home)
    path = _new_file(folder, PREFIX, day, now)
    try:
        with db.lock:
            _copy_db(db.conn, path)
    except (sqlite3.Error, OSError) as exc:
        path.unlink(missing_ok=True)
        raise StoreError(code="backup.unwritable", path=path, why=exc) from exc
    prune(db.home)
    return path


def prune(home: Path) -> list[Path]:
    """Remove the regular backups the rule does not keep (`backup_job.keep`); files
    `restore` replaced stay."""
    from dutylog.store.backup_job import prune as prune_by_rule

    return prune_by_rule(home)


def auto_backup(db: OpenDatabase, today: date, now: datetime | None = None) -> Path | None:
    """Take the day's backup unless one exists for `today`, check the copy, prune. A
    failure here never stops dutylog from working: it returns None instead."""
    if daily_done(db.home, today):
        return None
    from dutylog.store.backup_job import prune as prune_by_rule
    from dutylog.store.backup_job import verify

    try:
        folder = _ensure_dir(db.home)
        path = _new_file(folder, PREFIX, today, now)
    except (StoreError, OSError):
        return None
    try:
        with db.lock:
            _copy_db(db.conn, path)
    except (sqlite3.Error, OSError):
        path.unlink(missing_ok=True)
        return None
    verify(db.home, path)
    prune_by_rule(db.home)
    return path


class Backups:
    """The copies of one open database (`store.backups`)."""

    def __init__(self, db: OpenDatabase) -> None:
        self.db = db

    def create(self, day: date, now: datetime | None = None) -> Path:
        return create_backup(self.db, day, now)

    def auto(self, today: date) -> Path | None:
        return auto_backup(self.db, today)

    def all(self) -> list[Backup]:
        return list_backups(self.db.home)


def has_data(db_path: Path) -> bool:
    try:
        return db_path.stat().st_size > 0
    except OSError:
        return False


def backup_before_open(db_path: Path, today: date) -> Path | None:
    """The day's backup (or the one before a schema upgrade), taken from the file before
    the store opens it. Best effort, like `auto_backup`."""
    try:
        folder = _ensure_dir(db_path.parent)
        path = _new_file(folder, PREFIX, today, None)
    except (StoreError, OSError):
        return None
    try:
        src = sqlite3.connect(readonly_uri(db_path), uri=True)
        try:
            _copy_db(src, path)
        finally:
            src.close()
    except (sqlite3.Error, OSError):
        path.unlink(missing_ok=True)
        return None
    prune(db_path.parent)
    return path


def daily_done(home: Path, today: date) -> bool:
    return any(b.day == today and not b.replaced for b in list_backups(home))


# ---- the check on open ------------------------------------------------------------------
# What SQLite says of a damaged file (anything else — read-only, locked, no access — is not
# damage: the check gives way and the store reports it in its own words).
DAMAGED = ("malformed", "not a database", "corrupt")


def _damage(exc: sqlite3.Error) -> str | None:
    text = str(exc)
    return text if any(word in text.lower() for word in DAMAGED) else None


def _problem(db_path: Path) -> str | None:
    """None when `PRAGMA quick_check` passes (or cannot run); else what SQLite said."""
    try:
        conn = sqlite3.connect(readonly_uri(db_path), uri=True)
    except sqlite3.Error as exc:
        return _damage(exc)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return _damage(exc)
    finally:
        conn.close()
    results = [r[0] for r in rows]
    if results == ["ok"]:
        return None
    return "; ".join(str(r) for r in results[:2])


def restore_command(path: Path) -> str:
    if os.name == "nt":  # cmd.exe and PowerShell both take double quotes
        return f'dutylog backup restore "{path}"'
    return f"dutylog backup restore {shlex.quote(str(path))}"


def check_or_explain(db_path: Path) -> None:
    """Raise StoreError with one clear message when the database is damaged."""
    db_path = Path(db_path)
    if not db_path.exists() or db_path.stat().st_size == 0:
        return
    problem = _problem(db_path)
    if problem is None:
        return
    newest = newest_backup(db_path.parent)
    if newest is None:
        raise StoreError(code="db.damaged_no_backup", path=db_path, problem=problem,
                         folder=backups_dir(db_path.parent))
    raise StoreError(code="db.damaged", path=db_path, problem=problem, newest=newest.path,
                     taken=newest.label, command=restore_command(newest.path))
