"""Copying a large write back into a large database, off the command's path (issue 14 §7).

In WAL mode a commit appends the changed pages to `dutylog.db-wal`; a *checkpoint* copies
them back into the database file, and SQLite runs one when the last connection closes.
After merging one official's bundle (~10,000 entries) into a county's 3 GB database the
changed pages are tens of thousands of index pages scattered over the file: copying them
back took 0.6 s of a 2.3 s import. So a large write (`import` turns off the automatic
checkpoint during its transaction) is handed over when the command closes:

    handoff(home)  starts `python -m dutylog.store.checkpoint_job HOME`, which opens the
                   database (taking the data folder's shared lock, as every connection does,
                   so a restore waits for it) and says "ready"; the command's own close is
                   then not the last one and copies nothing; it exits at once. The job
                   checkpoints (PASSIVE: never blocking the next command's reads or writes),
                   closes — the last connection: SQLite finishes and removes the WAL — and
                   notes the file as dutylog left it (`opening.VERIFIED`).

An import of a large bundle (EARLY_BUNDLE) into a large file starts the job when it
begins (`start_early`): the job opens the file, says "ready" and waits for the end of its
input, which the import closes when it has committed or rolled back (`writes_done`; a
killed command closes it too); the close then finds it ready and waits for nothing.

Nothing is at risk meanwhile: committed pages are in the WAL, which every later connection
reads, and a job killed half-way leaves a WAL the next close copies back. Only a database
of at least `HANDOFF_DB` with a WAL of at least `HANDOFF_WAL` is handed over; a smaller one
is copied back by the close as before (milliseconds). `DUTYLOG_BACKUP=inline` (tests,
scripts) keeps every close in its process, `background` hands over whatever the size.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from dutylog.store.paths import DB_NAME

HANDOFF_DB = 64 << 20  # bytes: below, an outside change is checked at open (opening.py)
HANDOFF_WAL = 4 << 20  # bytes: SQLite's own automatic checkpoint starts at 1,000 pages
READY = b"ready\n"
WAIT_READY = 5.0  # seconds the closing command waits for the job to have the file open


HANDOFF_CHANGES = 1000  # rows the closing connection changed: below, nothing to hand over


def wanted(home: Path, changes: int) -> bool:
    """Whether closing the database in `home`, after its connection changed `changes`
    rows, should hand its checkpoint over. Only a session that wrote a lot: a WAL left
    large by an earlier one (the app open meanwhile, a backup's reader closing last) is
    not a reason for every later command to start a job."""
    mode = os.environ.get("DUTYLOG_BACKUP", "auto")
    if mode == "inline" or changes <= 0:
        return False
    db = Path(home) / DB_NAME
    try:
        wal = Path(f"{db}-wal").stat().st_size
        size = db.stat().st_size
    except OSError:
        return False
    if mode == "background":
        return wal > 0
    # the database as it will be: a first import into an empty file has all of it in the WAL
    return changes >= HANDOFF_CHANGES and wal >= HANDOFF_WAL and size + wal >= HANDOFF_DB


class _Job:
    """A started job: its process and, once read, its first line."""

    def __init__(self, process) -> None:
        self.process = process
        self.answer: list[bytes] = []
        self.reader = threading.Thread(
            target=lambda: self.answer.append(process.stdout.readline()), daemon=True)
        self.reader.start()

    def ready(self, timeout: float) -> bool:
        """It has the database open (waiting at most `timeout` for it to say so) and is
        still running."""
        self.reader.join(timeout)
        if self.answer != [READY]:
            return False
        if self.process.stdout and not self.process.stdout.closed:
            self.process.stdout.close()
        return self.process.poll() is None

    def go(self) -> None:
        """Let it go on (it waits for the end of its input before copying anything)."""
        stdin = self.process.stdin
        if stdin is not None and not stdin.closed:
            try:
                stdin.close()
            except OSError:
                pass


_EARLY: dict[str, _Job] = {}  # data folder -> the job started while a large write ran
EARLY_BUNDLE = 512 << 10  # bytes of bundle (~1,000 records): below, no job started early


def _start(home: Path, early: bool) -> _Job | None:
    import subprocess

    options: dict = {"stdin": subprocess.PIPE if early else subprocess.DEVNULL,
                     "stdout": subprocess.PIPE, "stderr": subprocess.DEVNULL,
                     "close_fds": True}
    if os.name == "nt":
        options["creationflags"] = (getattr(subprocess, "DETACHED_PROCESS", 0)
                                    | getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0))
    else:
        options["start_new_session"] = True
    options["cwd"] = str(Path(sys.executable).parent)  # not the data folder: Windows would hold it
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[2])  # the dutylog package's folder, as run now
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    try:
        return _Job(subprocess.Popen([sys.executable, "-m", "dutylog.store.checkpoint_job",
                                      str(home)], env=env, **options))
    except OSError:
        return None


def start_early(home: Path, bundle_bytes: int) -> None:
    """A large import into a large database begins: start the job now, so it has the file
    open by the time the command closes (its start, ~30 ms, off the command's path). It
    waits until `writes_done` (or this process ends) before it copies anything, so it
    never competes with the import for the write lock."""
    if os.environ.get("DUTYLOG_BACKUP", "auto") == "inline" or bundle_bytes < EARLY_BUNDLE:
        return
    key = str(Path(home))
    job = _EARLY.get(key)
    if job is not None and job.process.poll() is None:
        return  # one is there already (an earlier bundle of the same session)
    try:
        if (Path(home) / DB_NAME).stat().st_size < HANDOFF_DB:
            return
    except OSError:
        return
    job = _start(Path(home), early=True)
    if job is not None:
        _EARLY[key] = job


def writes_done(home: Path) -> None:
    """The import has committed or rolled back: the early job (if any) may go on."""
    job = _EARLY.get(str(Path(home)))
    if job is not None:
        job.go()


def handoff(home: Path) -> bool:
    """Hand the copy back over to a job: the one started early for this folder if it is
    there and has the file open, else a new one, waiting (at most WAIT_READY) until it
    has the database open; True when one has (the caller's close then copies nothing
    back), False when no job could be started or it did not answer in time (the close
    then checkpoints, as without it)."""
    early = _EARLY.pop(str(Path(home)), None)
    if early is not None:
        early.go()
        if early.ready(WAIT_READY):
            return True
    job = _start(Path(home), early=False)
    # (a job that answers later finds the WAL copied back already)
    return job is not None and job.ready(WAIT_READY)


def forget(home: Path) -> None:
    """The store is closing without a handoff: an early job goes on by itself."""
    job = _EARLY.pop(str(Path(home)), None)
    if job is not None:
        job.go()


def run_job(home: Path) -> int:
    """The job: open, say ready, checkpoint, close (the last connection), note the file."""
    import sqlite3

    from dutylog.store.homelock import HomeLock

    home = Path(home)
    db = home / DB_NAME
    try:  # not long: the closing command waits for our "ready" (or our exit)
        lock = HomeLock(home).shared(timeout=1.0)
    except Exception:  # (Busy: a restore holds the folder; the closing command copies the WAL)
        return 1
    try:
        conn = sqlite3.connect(db, timeout=30.0, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the WAL index mapped
            _say_ready()
            _wait_for_input_end()  # (started early: until the import is done)
            hold = os.environ.get("DUTYLOG_CHECKPOINT_HOLD")  # tests: wait for their go
            if hold:
                _wait_for(Path(hold))
            tidy_indexes(conn)
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            conn.execute("PRAGMA busy_timeout=0")  # and empty the file, unless someone reads
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error:
                pass
        finally:
            conn.close()  # the last connection: SQLite copies what is left and drops the WAL
    except sqlite3.Error:
        return 1
    finally:
        lock.release()
    from dutylog.store.opening import note_verified

    note_verified(home)
    return 0


FTS_TABLES = ("entries_fts", "entries_fts_chars")
MERGE_PAGES = 200  # FTS5 work per short transaction: a writer waits at most for one
MERGE_ROUNDS = 50


def tidy_indexes(conn) -> int:
    """The merging of full-text segments a bulk import put off (bundle_import
    `_hold_merges`), in short transactions so a command that writes meanwhile waits for
    one at most; FTS5 merges only levels holding enough segments, so this stops at once
    when there is nothing to do. Returns the rounds that changed something."""
    import sqlite3

    done = 0
    for table in FTS_TABLES:
        for _ in range(MERGE_ROUNDS):
            try:
                conn.execute("BEGIN IMMEDIATE")
                before = conn.total_changes
                conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('merge', ?)",
                             (MERGE_PAGES,))
                changed = conn.total_changes - before >= 2  # FTS5: below 2, nothing merged
                conn.execute("COMMIT")
            except sqlite3.Error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                return done
            if not changed:
                break
            done += 1
    return done


def _say_ready() -> None:
    out = sys.stdout.buffer
    out.write(READY)
    out.flush()
    try:  # the command stops listening: nothing more is written there
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except OSError:
        pass


def _wait_for_input_end() -> None:
    """Until the starting command closes our input (at once when it gave us none)."""
    try:
        while sys.stdin.buffer.read(4096):
            pass
    except (OSError, ValueError, AttributeError):
        pass


def _wait_for(path: Path, timeout: float = 60.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.02)


if __name__ == "__main__":
    sys.exit(run_job(Path(sys.argv[1])))
