"""How dutylog opens its data: check the file when needed, open it — and, on close, note
the file as dutylog left it and take the day's backup off the command's path.

The full check (`backup.check_or_explain`) reads the whole file (about 0.8 s at 200,000
entries, 5 s at county scale), so at open it runs only when the file changed since dutylog
last closed it (`close_store` notes its size and modification time) and is at most
`CHECK_AT_OPEN`, or when the day's check of the copy found damage. Every day the copy is
checked in the backup job (`store.backup_job`), which is the scheduled full check.
A start that fails (a damaged or foreign file) takes no backup: the day's copy is
scheduled only by `close_store`, after a successful open.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from dutylog.store import backup, backup_job, checkpoint_job, paths
from dutylog.store.db import Clock, Ids
from dutylog.store.migrations import migrations
from dutylog.store.paths import readonly_uri
from dutylog.store.store import Store

VERIFIED = ".verified"
# An outside change of a file up to this size is checked at open (well under a second);
# a larger one waits for the day's check of its copy (backup_job), off the command's path.
CHECK_AT_OPEN = 64 * 1024 * 1024
_OPENED_ON: dict[int, date] = {}  # id(store) -> the day it was opened for (its backup's day)


def open_store(home: Path | None = None, today: date | None = None, *, clock: Clock | None = None,
               ids: Ids | None = None) -> Store:
    """Check the database when it must be (see the module's docstring), open it; the
    day's backup is taken once it closed (`close_store`). `clock` and `ids` stamp and
    name new records (the scenes of the screenshots pass fixed ones)."""
    home = Path(home) if home is not None else paths.data_home()
    today = today or date.today()
    db_path = home / paths.DB_NAME
    unchanged = _unchanged(db_path)
    if (home / backup_job.DAMAGED_NOTE).exists() or (not unchanged and _size(db_path) <= CHECK_AT_OPEN):
        backup.check_or_explain(db_path)
    upgrade_copy = None
    if backup.has_data(db_path) and _upgrade_pending(db_path):
        upgrade_copy = backup.backup_before_open(db_path, today)  # keeps the schema the file had
    try:
        store = Store.open(home, clock, ids)
    except BaseException:
        if upgrade_copy is not None:  # a failed start never leaves a copy of what it failed on
            upgrade_copy.unlink(missing_ok=True)
        raise
    if not unchanged:  # written by something else since dutylog closed it (or never closed)
        store.memo.forget()  # the desk's memo may no longer say what the file holds
    _OPENED_ON[id(store)] = today
    return store


def close_store(store: Store) -> None:
    """Close the store, note the file as dutylog left it (see `open_store`), and take the
    day's backup off the command's path (`backup_job.schedule`)."""
    home = Path(store.home)
    today = _OPENED_ON.pop(id(store), None)
    try:
        if checkpoint_job.wanted(home, store.db.changes):  # a large write into a large file:
            checkpoint_job.handoff(home)  # copied back off the command's path
        else:
            checkpoint_job.forget(home)  # (a job started early goes on by itself)
    finally:
        store.close()
    note_verified(home)
    if today is not None and backup.has_data(home / paths.DB_NAME):
        backup_job.schedule(home, today)


def note_verified(home: Path) -> None:
    """Note the database file as dutylog leaves it (size, time, inode), so the next open
    knows whether anything else changed it."""
    try:
        fd = os.open(home / VERIFIED, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_fingerprint(home / paths.DB_NAME))
    except OSError:
        pass  # a read-only folder: the next open simply checks again


def _size(db_path: Path) -> int:
    try:
        return db_path.stat().st_size
    except OSError:
        return 0


def _upgrade_pending(db_path: Path) -> bool:
    """A newer dutylog is about to change the schema (its migrations are not all applied)."""
    try:
        conn = sqlite3.connect(readonly_uri(db_path), uri=True)
        try:
            return bool(migrations.pending_names(conn))
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _fingerprint(db_path: Path) -> str:
    st = db_path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def _unchanged(db_path: Path) -> bool:
    try:
        noted = (db_path.parent / VERIFIED).read_text(encoding="utf-8")
        return noted == _fingerprint(db_path)
    except (OSError, UnicodeDecodeError):
        return False
