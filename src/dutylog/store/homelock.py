"""The data folder's lock file (issue 12, finding 3): restore swaps the database while no
dutylog has it open, and no write is lost.

Every open database holds a *shared* lock on `dutylog.db.lock` for as long as it is open;
`backup restore` takes it *exclusively* while it keeps the replaced file and swaps the
new one in. A second lock, the gate (`dutylog.db.gate`), stops a stream of short writers
from starving the restore: a writer passes the gate (shared, for a moment) before it takes
its shared lock; a restore holds the gate exclusively while it waits, so new writers wait
behind it and then open the restored file. A write therefore either lands before the
swap (and is in the replaced file) or waits and lands after.

POSIX `flock`; where there is none (Windows) the locks are no-ops and the restore keeps
its SQLite-level check (`restore.ensure_not_in_use`).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "dutylog.db.lock"
GATE_NAME = "dutylog.db.gate"
POLL = 0.02


class Busy(Exception):
    """The lock was not had in time."""


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


def _take(fd: int, mode: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise Busy from None
            time.sleep(POLL)


class HomeLock:
    """The lock of one data folder; `shared()` for a connection, `exclusive()` for a
    restore. `release()` lets it go (closing the files)."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self._fds: list[int] = []

    def shared(self, timeout: float = 30.0) -> HomeLock:
        if fcntl is None:
            return self
        gate = _open(self.home / GATE_NAME)
        try:
            _take(gate, fcntl.LOCK_SH, timeout)  # behind a restore that is waiting
            lock = _open(self.home / LOCK_NAME)
            try:
                _take(lock, fcntl.LOCK_SH, timeout)
            except BaseException:
                os.close(lock)
                raise
            self._fds.append(lock)
        finally:
            os.close(gate)  # the gate is only passed through
        return self

    def exclusive(self, timeout: float = 10.0) -> HomeLock:
        if fcntl is None:
            return self
        gate = _open(self.home / GATE_NAME)
        try:
            _take(gate, fcntl.LOCK_EX, timeout)
            lock = _open(self.home / LOCK_NAME)
            try:
                _take(lock, fcntl.LOCK_EX, timeout)
            except BaseException:
                os.close(lock)
                raise
        except BaseException:
            os.close(gate)
            raise
        self._fds += [lock, gate]
        return self

    def release(self) -> None:
        while self._fds:
            os.close(self._fds.pop())
