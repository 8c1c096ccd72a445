"""The data folder's lock (store/homelock.py; issue 12, finding 3): one implementation on
every system — SQLite's own locks on an empty database `dutylog.db.lock` — so what runs
here is what runs on the officials' Windows laptops. A restore waits for the open
databases, writers that come while it waits queue behind it, a timeout is `Busy` and
leaves the gate open, and the files an older dutylog left (an empty lock file taken
with flock, `dutylog.db.gate`) do no harm.

The other side of another process is a real second process (`Holder`); the order of
events is asserted, never a duration."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from dutylog.domain.errors import StoreError
from dutylog.store import DB_NAME, Store
from dutylog.store.backup import create_backup
from dutylog.store.homelock import GATE_NAME, LOCK_NAME, Busy, HomeLock
from dutylog.store.restore import restore_backup

DAY = date(2025, 6, 18)
HOLD = """
import sys
from dutylog.store.homelock import HomeLock
held = HomeLock(sys.argv[1]).shared(timeout=60)
print("held", flush=True)
sys.stdin.readline()
held.release()
print("released", flush=True)
"""


class Holder:
    """Another process holding the folder's shared lock, as an open app does, until
    `release()`."""

    def __init__(self, home: Path):
        self.proc = subprocess.Popen([sys.executable, "-c", HOLD, str(home)], text=True,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert self.proc.stdout.readline().strip() == "held"

    def release(self) -> None:
        self.proc.stdin.write("go\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "released"
        self.proc.wait(timeout=60)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def holder(dutylog_home):
    with Store.open():
        pass  # the folder and its database exist
    made: list[Holder] = []

    def start() -> Holder:
        made.append(Holder(dutylog_home))
        return made[-1]

    yield start
    for h in made:
        h.kill()


class Log:
    """What happened, in order, from several threads."""

    def __init__(self):
        self.events: list[str] = []
        self._lock = threading.Lock()

    def __call__(self, event: str) -> None:
        with self._lock:
            self.events.append(event)


def until(condition, what: str) -> None:
    """Wait for a state another thread or process reaches (no duration is asserted; the
    limit only stops a broken build from hanging)."""
    limit = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < limit, f"never: {what}"
        time.sleep(0.01)


def gate_closed(home: Path) -> bool:
    """A restore is waiting (it holds SQLite's PENDING lock): a new shared lock is not
    granted at once."""
    try:
        HomeLock(home).shared(timeout=0).release()
    except Busy:
        return True
    return False


def waiting_in_lock(thread: threading.Thread) -> bool:
    """`thread` is inside HomeLock, asking for its lock."""
    frame = sys._current_frames().get(thread.ident)
    while frame is not None:
        if frame.f_code.co_name == "_take" and frame.f_code.co_filename.endswith("homelock.py"):
            return True
        frame = frame.f_back
    return False


def in_thread(target) -> threading.Thread:
    errors: list[BaseException] = []

    def run():
        try:
            target()
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            errors.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.errors = errors
    t.start()
    return t


def finish(t: threading.Thread) -> None:
    t.join(timeout=120)
    assert not t.is_alive()
    if t.errors:
        raise t.errors[0]


def test_a_restore_waits_for_an_open_database_in_another_process(holder, dutylog_home):
    log = Log()
    app = holder()

    def restore():
        lock = HomeLock(dutylog_home).exclusive(timeout=60)
        log("restore has the folder")
        lock.release()

    t = in_thread(restore)
    until(lambda: gate_closed(dutylog_home), "the restore asks for the lock")
    log("app closes")
    app.release()
    finish(t)
    assert log.events == ["app closes", "restore has the folder"]


def test_a_writer_arriving_while_a_restore_waits_lands_after_it(holder, dutylog_home):
    """The gate: the restore waits for the open app; a `log` that starts meanwhile waits
    behind the restore (it is not let in ahead of it, which would starve it) and writes
    into the restored file. The restore kept the file it replaced."""
    with Store.open() as store:
        store.subjects.add_subject("王明", ["leader"])
        backup = create_backup(store.db, DAY)  # 王明 only
        store.subjects.add_subject("李华", ["cadre"])  # in the file the restore replaces
    log = Log()
    app = holder()
    replaced: list[Path | None] = []

    def restore():
        replaced.append(restore_backup(dutylog_home, backup, today=DAY))
        log("restored")

    def writer():
        with Store.open() as store:
            log("writer opened")
            store.subjects.add_subject("张三", ["cadre"])

    r = in_thread(restore)
    until(lambda: gate_closed(dutylog_home), "the restore asks for the lock")
    w = in_thread(writer)
    until(lambda: waiting_in_lock(w), "the writer asks for the lock")
    log("app closes")
    app.release()
    finish(r)
    finish(w)
    assert log.events == ["app closes", "restored", "writer opened"]
    with Store.open() as store:
        assert sorted(s.name for s in store.subjects.list_subjects()) == ["张三", "王明"]
    assert replaced[0] is not None
    conn = sqlite3.connect(replaced[0])
    try:
        names = sorted(r[0] for r in conn.execute("SELECT name FROM subjects"))
    finally:
        conn.close()
    assert names == ["李华", "王明"]


def test_a_timeout_is_busy_and_leaves_the_gate_open(dutylog_home):
    """In one process too (the open app is asked to restore): the second lock sees the
    first. A restore that gives up lets writers in again at once."""
    with Store.open() as store:
        with pytest.raises(Busy):
            HomeLock(dutylog_home).exclusive(timeout=0.2)
        assert not gate_closed(dutylog_home)  # the waiting restore let go of PENDING
        other = HomeLock(dutylog_home).shared(timeout=0)  # readers share
        other.release()
        store.subjects.add_subject("王明", ["leader"])
    held = HomeLock(dutylog_home).exclusive(timeout=0)
    try:
        with pytest.raises(Busy):
            HomeLock(dutylog_home).shared(timeout=0.2)
        with pytest.raises(Busy):
            HomeLock(dutylog_home).exclusive(timeout=0.2)
    finally:
        held.release()
    HomeLock(dutylog_home).exclusive(timeout=0).release()  # all let go


def test_a_restore_is_refused_in_use_while_the_app_is_open_elsewhere(holder, dutylog_home):
    with Store.open() as store:
        backup = create_backup(store.db, DAY)
    app = holder()
    try:
        with pytest.raises(Busy):
            HomeLock(dutylog_home).exclusive(timeout=0.2)
    finally:
        app.release()
    assert restore_backup(dutylog_home, backup, today=DAY) is not None


@pytest.mark.parametrize("left", ["empty", "gate", "junk", "read-only"])
def test_files_an_older_dutylog_left_do_no_harm(dutylog_home, left):
    """The flock era left an empty `dutylog.db.lock` (an empty file is an empty SQLite
    database) and `dutylog.db.gate` (removed). Anything written into the lock file is
    cleared (it is always empty; a WAL file would lock differently); a read-only one is
    made writable again (a read-only file cannot be locked exclusively)."""
    dutylog_home.mkdir(mode=0o700)
    lock = dutylog_home / LOCK_NAME
    lock.touch(mode=0o600)
    if left == "gate":
        (dutylog_home / GATE_NAME).touch(mode=0o600)
    if left == "junk":
        lock.write_bytes(b"SQLite format 3\x00" + b"\x02" * 84 + b"not ours" * 100)
    if left == "read-only":
        lock.chmod(0o400)
    with Store.open() as store:
        store.subjects.add_subject("王明", ["leader"])
        with pytest.raises(Busy):
            HomeLock(dutylog_home).exclusive(timeout=0.1)
    HomeLock(dutylog_home).exclusive(timeout=0).release()
    assert lock.stat().st_size == 0
    assert lock.stat().st_mode & stat.S_IWUSR
    names = {p.name for p in dutylog_home.iterdir()}
    assert names <= {DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", LOCK_NAME}, names


def test_the_lock_file_is_private_empty_and_in_the_data_folder(dutylog_home, tmp_path):
    """Clause 25: nothing outside the data folder; the lock file is never written (no
    journal beside it) and is the owner's only."""
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        with Store.open() as store:
            store.subjects.add_subject("王明", ["leader"])
        HomeLock(dutylog_home).exclusive(timeout=0).release()
    finally:
        os.chdir(cwd)
    assert [p.name for p in tmp_path.iterdir()] == [dutylog_home.name]
    lock = dutylog_home / LOCK_NAME
    assert lock.stat().st_size == 0
    assert not (dutylog_home / (LOCK_NAME + "-journal")).exists()
    if os.name == "posix":
        assert lock.stat().st_mode & 0o777 == 0o600


def test_a_lock_file_that_cannot_be_written_is_refused_not_taken(dutylog_home, monkeypatch):
    """SQLite opens a write-protected file read-only, and a read-only BEGIN EXCLUSIVE
    excludes no one: a restore is refused rather than swapping under open databases."""
    with Store.open():
        pass
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False
                        if Path(p).name == LOCK_NAME and mode == os.W_OK else real(p, mode, **kw))
    with pytest.raises(StoreError) as info:
        HomeLock(dutylog_home).exclusive(timeout=0)
    assert info.value.code == "db.cannot_open"
    HomeLock(dutylog_home).shared(timeout=0).release()  # reading still works


def test_the_restored_file_is_already_in_wal_mode(dutylog_home):
    """The writers a restore held back open the restored file together; had it a rollback
    journal (as backups have), each would switch it to WAL, and SQLite refuses that switch
    at once, without waiting, to all but one ("database is locked": 2 of 500 writes in the
    restore-during-writes run). The swap puts it in place already in WAL mode."""
    with Store.open() as store:
        store.subjects.add_subject("王明", ["leader"])
        backup = create_backup(store.db, DAY)
    assert backup.read_bytes()[18:20] == b"\x01\x01"  # a backup: rollback journal
    restore_backup(dutylog_home, backup, today=DAY)
    assert (dutylog_home / DB_NAME).read_bytes()[18:20] == b"\x02\x02"  # WAL
    assert not [p.name for p in dutylog_home.iterdir() if ".restoring" in p.name]
    with Store.open() as store:
        assert [s.name for s in store.subjects.list_subjects()] == ["王明"]


def test_restores_at_once_take_turns(dutylog_home):
    """Each asks while holding nothing, so SQLite's busy handler waits for every one of
    them (a second BEGIN EXCLUSIVE gives back its SHARED lock and retries): none is
    refused at once, and none has the folder while another does."""
    dutylog_home.mkdir()
    log = Log()
    app = HomeLock(dutylog_home).shared()

    def restore(n: int):
        lock = HomeLock(dutylog_home).exclusive(timeout=60)
        log(f"{n} has it")
        log(f"{n} lets go")
        lock.release()

    threads = [in_thread(lambda n=n: restore(n)) for n in range(3)]
    for t in threads:
        until(lambda t=t: waiting_in_lock(t), "each restore asks")
    log("app closes")
    app.release()
    for t in threads:
        finish(t)
    assert log.events[0] == "app closes" and len(log.events) == 7
    pairs = list(zip(log.events[1::2], log.events[2::2], strict=True))
    assert all(a.split()[0] == b.split()[0] and a.endswith("has it") and b.endswith("lets go")
               for a, b in pairs), log.events
    assert sorted(a.split()[0] for a, _ in pairs) == ["0", "1", "2"]
