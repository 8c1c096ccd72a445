"""How dutylog opens its data: check the file, copy it, open it, take the day's backup —
and, on close, note the file as dutylog left it so the next open can skip the full check.

The full check (`backup.check_or_explain`) reads the whole file (about 0.8 s at 200,000
entries), so it runs when the day's backup is due and whenever the file changed since
dutylog last closed it (`close_store` notes the file's size and modification time).
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

from dutylog.store import backup, paths
from dutylog.store.db import Clock, Ids
from dutylog.store.migrations import migrations
from dutylog.store.paths import readonly_uri
from dutylog.store.store import Store

VERIFIED = ".verified"


def open_store(home: Path | None = None, today: date | None = None, *, clock: Clock | None = None,
               ids: Ids | None = None) -> Store:
    """Check the database, open it, take the day's backup. `clock` and `ids` stamp and
    name new records (the scenes of the screenshots pass fixed ones)."""
    home = Path(home) if home is not None else paths.data_home()
    today = today or date.today()
    db_path = home / paths.DB_NAME
    if not backup.daily_done(home, today) or not _unchanged(db_path):
        backup.check_or_explain(db_path)
    if backup.has_data(db_path) and (not backup.daily_done(home, today)
                                     or _upgrade_pending(db_path)):
        backup.backup_before_open(db_path, today)  # the copy keeps the schema the file had
    store = Store.open(home, clock, ids)
    store.backups.auto(today)
    return store


def close_store(store: Store) -> None:
    """Close the store and note the file as dutylog left it (see `open_store`)."""
    home = Path(store.home)
    store.close()
    try:
        fd = os.open(home / VERIFIED, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(_fingerprint(home / paths.DB_NAME))
    except OSError:
        pass  # a read-only folder: the next open simply checks again


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
