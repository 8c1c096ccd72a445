"""Consistent copies of the database in `<data folder>/backups/`, and the check on open.

Copies are made with SQLite's online backup API (`sqlite3.Connection.backup`), so a copy
taken while dutylog writes is still a consistent database. One copy a day is taken when
dutylog opens the database (`auto_backup`); the newest `KEEP` regular copies are kept.
`restore_backup` keeps the file it replaces as `replaced-….db` (never pruned).

`check_or_explain` runs `PRAGMA quick_check` before the store opens: a damaged database
gives one message naming the newest backup and the exact command that restores it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from dutylog.domain.errors import InvalidInput, StoreError
from dutylog.store import paths

BACKUP_DIR = "backups"
KEEP = 14
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


def backups_dir(home: Path) -> Path:
    return Path(home) / BACKUP_DIR


def _ensure_dir(home: Path) -> Path:
    folder = backups_dir(home)
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError as exc:
        raise StoreError(f"cannot create the backup folder {folder}: {exc.strerror or exc}") from exc
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
    raise StoreError(f"cannot name a new backup in {folder}")


def _copy_db(source: sqlite3.Connection, target: Path) -> None:
    """Copy an open database into the file `target` with the online backup API; the copy
    uses a rollback journal, so it is one self-contained file."""
    dst = sqlite3.connect(target)
    try:
        source.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
    os.chmod(target, 0o600)


def list_backups(home: Path) -> list[Backup]:
    """Every backup in the data folder, oldest first (by the day and time in its name)."""
    folder = backups_dir(home)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        m = _NAME_RE.match(path.name)
        if not m or not path.is_file():
            continue
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


def create_backup(store, day: date, now: datetime | None = None) -> Path:
    """A consistent copy of the open store's database in `backups/`; prunes old copies."""
    folder = _ensure_dir(store.home)
    path = _new_file(folder, PREFIX, day, now)
    try:
        with store._lock:
            _copy_db(store.conn, path)
    except (sqlite3.Error, OSError) as exc:
        path.unlink(missing_ok=True)
        raise StoreError(f"cannot write the backup {path}: {exc}") from exc
    prune(store.home)
    return path


def prune(home: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` regular backups; files `restore` replaced stay."""
    regular = [b for b in list_backups(home) if not b.replaced]
    removed = []
    for b in regular[:-keep] if keep else regular:
        try:
            b.path.unlink()
            removed.append(b.path)
        except OSError:
            pass
    return removed


def auto_backup(store, today: date, now: datetime | None = None) -> Path | None:
    """Take the day's backup unless one exists for `today`. A failure here never stops
    dutylog from working: it returns None instead."""
    if any(b.day == today and not b.replaced for b in list_backups(store.home)):
        return None
    try:
        return create_backup(store, today, now)
    except StoreError:
        return None


def open_store(home: Path | None = None, today: date | None = None):
    """Check the database, open it, take the day's backup: how dutylog opens its data."""
    from dutylog.store import Store

    home = Path(home) if home is not None else paths.data_home()
    check_or_explain(home / paths.DB_NAME)
    store = Store.open(home)
    auto_backup(store, today or date.today())
    return store


# ---- the check on open ------------------------------------------------------------------
def _problem(db_path: Path) -> str | None:
    """None when `PRAGMA quick_check` passes; else what SQLite said."""
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        rows = conn.execute("PRAGMA quick_check").fetchall()
    except sqlite3.Error as exc:
        return str(exc)
    finally:
        conn.close()
    results = [r[0] for r in rows]
    if results == ["ok"]:
        return None
    return "; ".join(str(r) for r in results[:2])


def restore_command(path: Path) -> str:
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
        advice = (f"no backup exists in {backups_dir(db_path.parent)}; move the damaged file "
                  "away to start a new database")
    else:
        advice = (f"the newest backup is {newest.path} ({newest.label}); restore it with: "
                  f"{restore_command(newest.path)}")
    raise StoreError(f"the database {db_path} is damaged ({problem}); {advice}")


# ---- restore ----------------------------------------------------------------------------
def resolve_backup(home: Path, name: str) -> Path:
    """FILE as given, or the name of a file in `backups/`; InvalidInput when missing."""
    given = Path(name).expanduser()
    for candidate in (given, backups_dir(home) / name):
        if candidate.is_file():
            return candidate
    known = [b.name for b in list_backups(home)]
    hint = f"; backups: {', '.join(known[-3:])}" if known else "; see: dutylog backup list"
    raise InvalidInput(f"file: no backup file {name!r}{hint}", "file")


def check_backup(path: Path) -> None:
    """InvalidInput unless `path` is an undamaged dutylog database."""
    problem = _problem(path)
    if problem is None:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.Error as exc:
            tables, problem = set(), str(exc)
        finally:
            conn.close()
        if problem is None and "entries" not in tables:
            problem = "it is not a dutylog database"
    if problem is not None:
        raise InvalidInput(f"file: {path} cannot be restored: {problem}", "file")


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


def restore_backup(home: Path, backup: Path, today: date | None = None,
                   now: datetime | None = None) -> Path | None:
    """Replace the database by `backup`; return where the replaced file was kept.
    Run it with no store open on `home`."""
    home = Path(home)
    db_path = home / paths.DB_NAME
    check_backup(backup)
    paths.ensure_home(home)
    kept = _keep_replaced(db_path, today or date.today(), now)
    staging = home / f"{paths.DB_NAME}.restoring"
    staging.unlink(missing_ok=True)
    fd = os.open(staging, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    try:
        src = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _copy_db(src, staging)
        finally:
            src.close()
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(staging, db_path)
    except (sqlite3.Error, OSError) as exc:
        staging.unlink(missing_ok=True)
        raise StoreError(f"cannot restore {backup}: {exc}") from exc
    os.chmod(db_path, 0o600)
    return kept
