"""The data folder's lock file (issue 12, finding 3): restore swaps the database while no
dutylog has it open, and no write is lost.

Every open database holds a *shared* lock on `dutylog.db.lock` for as long as it is open;
`backup restore` takes it *exclusively* while it keeps the replaced file and swaps the
new one in. A write therefore either lands before the swap (and is in the replaced file)
or waits and lands after.

The lock file is an empty SQLite database, and the locks are SQLite's own file locks
(https://www.sqlite.org/lockingv3.html), so the same code runs on Linux, macOS and
Windows (SQLite's unix and win32 layers do the locking):

- `shared()`: `BEGIN` and one read hold a SHARED lock until `release()`.
- `exclusive()`: `BEGIN EXCLUSIVE` takes RESERVED, then PENDING, then waits for the
  SHARED holders to go and takes EXCLUSIVE. While PENDING is held no new SHARED lock is
  granted: that is the gate that keeps a stream of short writers from starving a
  waiting restore — writers that arrive meanwhile wait behind it and open the restored
  file.
- `release()`: rollback and close. Nothing is ever written, so the file stays empty (no
  journal, never WAL) and an empty file left by an older dutylog (which used `flock`) is
  simply an empty database; its gate file (`dutylog.db.gate`) is no longer used and is
  removed.

Each side asks while it holds nothing on the lock file, so SQLite's busy handler (the
connection's timeout) really waits: a SHARED request blocked by PENDING, and a restore's
BEGIN EXCLUSIVE (it gives back what it holds and retries when RESERVED is taken; it
keeps PENDING while it waits for the readers). Connections of one process see each
other's locks too (SQLite shares one POSIX lock per file within a process and never
closes it under another connection; on Windows each handle locks for itself). For the
same reason nothing else in this process may open and close the lock file: closing any
descriptor of a file drops the process's POSIX locks on it.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from pathlib import Path

from dutylog.domain.errors import StoreError

LOCK_NAME = "dutylog.db.lock"
GATE_NAME = "dutylog.db.gate"  # the flock era's second file: removed when met
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


class Busy(Exception):
    """The lock was not had in time."""


def _prepare(home: Path) -> Path:
    """The lock file's path, with what earlier runs left tidied: the old gate file
    removed, a read-only lock file made writable again, and anything written into the
    file (it is always empty: a non-empty one is not ours, or would lock differently,
    e.g. in WAL mode) cleared. Paths only, never a descriptor (see the module doc)."""
    path = home / LOCK_NAME
    try:
        (home / GATE_NAME).unlink(missing_ok=True)
    except OSError:
        pass  # read-only folder, or held open on Windows by an older dutylog
    try:
        st = path.stat()
    except OSError:
        return path  # SQLite creates it (made 0600 below)
    try:
        if not st.st_mode & stat.S_IWUSR:
            os.chmod(path, (st.st_mode | stat.S_IWUSR | stat.S_IRUSR) & 0o7777)
        if st.st_size:
            os.truncate(path, 0)
    except OSError:
        pass  # not ours to change: SQLite says what it can do with it
    return path


def _connect(home: Path, timeout: float, write: bool) -> sqlite3.Connection:
    path = _prepare(home)
    new = not path.exists()
    if write and not new and not os.access(path, os.W_OK):
        # SQLite opens such a file read-only, and a read-only BEGIN EXCLUSIVE excludes
        # no one: refuse rather than let a restore swap under the open databases
        raise _unusable(home, PermissionError(errno.EACCES, "read-only", str(path)))
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None,
                               check_same_thread=False)  # released where the store closes
    except sqlite3.Error as exc:
        if new and home.is_dir() and not os.access(home, os.W_OK):  # say why, as os.open would
            raise _unusable(home, PermissionError(errno.EACCES, os.strerror(errno.EACCES),
                                                  str(path))) from exc
        raise _unusable(home, exc) from exc
    if new:
        try:
            os.chmod(path, 0o600)  # by path: no descriptor opened and closed
        except OSError:
            pass
    return conn


def _unusable(home: Path, exc: BaseException) -> StoreError:
    return StoreError(code="db.cannot_open", home=home, reason=f"{LOCK_NAME}: {exc}")


def _is_busy(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and (code & 0xFF) in _BUSY  # extended codes too


class HomeLock:
    """The lock of one data folder; `shared()` for a connection, `exclusive()` for a
    restore. `release()` lets it go. Busy when it is not had within `timeout` seconds;
    StoreError (db.cannot_open) when the lock file cannot be used at all."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self._conns: list[sqlite3.Connection] = []

    def shared(self, timeout: float = 30.0) -> HomeLock:
        self._take("BEGIN", "SELECT count(*) FROM sqlite_master", timeout=timeout, write=False)
        return self

    def exclusive(self, timeout: float = 10.0) -> HomeLock:
        self._take("BEGIN EXCLUSIVE", timeout=timeout, write=True)
        return self

    def _take(self, *statements: str, timeout: float, write: bool) -> None:
        conn = _connect(self.home, timeout, write)
        try:
            for sql in statements:
                conn.execute(sql).fetchall()
        except sqlite3.Error as exc:
            conn.close()
            if _is_busy(exc):
                raise Busy from None
            raise _unusable(self.home, exc) from exc
        except BaseException:
            conn.close()
            raise
        self._conns.append(conn)

    def release(self) -> None:
        while self._conns:
            conn = self._conns.pop()
            try:
                conn.rollback()
            finally:
                conn.close()
