"""A large write into a large database is copied back into the file by a job after the
command has closed (store/checkpoint_job.py, issue 14 §7): the command's own close copies
nothing, the data is readable throughout, and the job leaves the file complete."""

from __future__ import annotations

import sqlite3
import time

from dutylog.store import checkpoint_job
from dutylog.store.opening import close_store, open_store

from .conftest import entry


def _wal(home):
    path = home / "dutylog.db-wal"
    return path.stat().st_size if path.exists() else 0


def _wait(cond, timeout=60.0):
    deadline = time.monotonic() + timeout
    while not cond() and time.monotonic() < deadline:
        time.sleep(0.05)
    return cond()


def test_the_close_hands_the_copy_over_and_the_job_finishes_it(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("DUTYLOG_BACKUP", "background")  # hand over whatever the size
    from dutylog.store import backup_job

    # no day's backup job beside it: its read-only connection, closing last, could not
    # remove the WAL the checkpoint job emptied (harmless, but not what is checked here)
    monkeypatch.setattr(backup_job, "schedule", lambda home, today: None)
    go = tmp_path / "go"
    monkeypatch.setenv("DUTYLOG_CHECKPOINT_HOLD", str(go))  # the job waits for our go
    store = open_store(home)
    store.db.conn.execute("PRAGMA wal_autocheckpoint=0")  # as `import` runs
    wang = store.subjects.add_subject("王明", ["leader"])
    with store.transaction():
        for i in range(300):
            store.entries.add_entry(entry(wang, kind="diary", note=f"第{i}篇"))
    assert checkpoint_job.wanted(home, store.db.changes)
    assert not checkpoint_job.wanted(home, 0)  # a session that wrote nothing hands nothing over
    frames = _wal(home)
    assert frames > 0
    close_store(store)
    # the command has closed: its close copied nothing back (the job holds the file open)
    assert _wal(home) == frames
    reader = sqlite3.connect(home / "dutylog.db")
    assert reader.execute("SELECT count(*) FROM entries").fetchone()[0] == 300  # via the WAL
    reader.close()
    go.touch()
    assert _wait(lambda: not (home / "dutylog.db-wal").exists())  # copied back and removed
    check = sqlite3.connect(home / "dutylog.db")
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM entries").fetchone()[0] == 300
    check.close()
    # noted as dutylog left it (by the job, once its connection has closed and removed the
    # WAL: a moment after): the next open does not take the job's work for an outside change
    from dutylog.store import opening

    assert _wait(lambda: opening._unchanged(home / "dutylog.db"))


def test_small_writes_and_inline_mode_close_as_before(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("DUTYLOG_BACKUP", "auto")
    store = open_store(home)
    wang = store.subjects.add_subject("王明", ["leader"])
    store.entries.add_entry(entry(wang, kind="diary"))
    changes = store.db.changes
    assert not checkpoint_job.wanted(home, changes)  # a small file: its close copies the WAL back
    monkeypatch.setattr(checkpoint_job, "HANDOFF_DB", 0)
    monkeypatch.setattr(checkpoint_job, "HANDOFF_WAL", 0)
    assert not checkpoint_job.wanted(home, changes)  # few changes: nothing to hand over
    assert checkpoint_job.wanted(home, 5000)
    monkeypatch.setenv("DUTYLOG_BACKUP", "inline")
    assert not checkpoint_job.wanted(home, 5000)
    close_store(store)
    assert _wal(home) == 0  # copied back by the close itself (the day's backup may reopen it)


def test_the_job_merges_what_a_bulk_import_put_off(tmp_path):
    """`tidy_indexes` does the full-text merging `_hold_merges` put off, and stops when
    there is nothing left to merge."""
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    for table in checkpoint_job.FTS_TABLES:
        conn.execute(f"CREATE VIRTUAL TABLE {table} USING fts5(x)")
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 0)")
        for i in range(40):  # forty segments, one a transaction
            conn.execute(f"INSERT INTO {table}(x) VALUES (?)", (f"走访 {i}",))
        conn.execute(f"INSERT INTO {table}({table}, rank) VALUES ('automerge', 4)")
    assert checkpoint_job.tidy_indexes(conn) > 0
    assert checkpoint_job.tidy_indexes(conn) == 0  # nothing left to do
    for table in checkpoint_job.FTS_TABLES:
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE {table} MATCH '走访'").fetchone()[0] == 40
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def _office_and_bundle(tmp_path, monkeypatch, n=300):
    from dutylog.store import backup_job

    monkeypatch.setattr(backup_job, "schedule", lambda home, today: None)
    monkeypatch.setattr(checkpoint_job, "HANDOFF_DB", 0)  # every file "large"
    monkeypatch.setattr(checkpoint_job, "EARLY_BUNDLE", 0)  # every bundle too
    laptop = open_store(tmp_path / "laptop")
    wang = laptop.subjects.add_subject("王明", ["leader"])
    with laptop.transaction():
        for i in range(n):
            laptop.entries.add_entry(entry(wang, kind="diary", note=f"第{i}篇"))
    bundle = tmp_path / "b.jsonl"
    laptop.bundles.export_bundle(bundle)
    close_store(laptop)
    home = tmp_path / "office"
    store = open_store(home)
    store.subjects.add_subject("李华", ["leader"])
    started: list[bool] = []
    real = checkpoint_job._start
    monkeypatch.setattr(checkpoint_job, "_start",
                        lambda home, early: started.append(early) or real(home, early))
    return home, store, bundle, started


def test_a_large_import_starts_the_job_before_it_ends(tmp_path, monkeypatch):
    """The job is started when a large import begins, waits while it writes, and is the
    one the close hands over to: no second job, nothing copied back by the close."""
    monkeypatch.setenv("DUTYLOG_BACKUP", "background")
    go = tmp_path / "go"
    monkeypatch.setenv("DUTYLOG_CHECKPOINT_HOLD", str(go))
    home, store, bundle, started = _office_and_bundle(tmp_path, monkeypatch)
    during: list[bool] = []

    def progress(done, total):
        if done == total:  # the import's last step, before its commit
            job = checkpoint_job._EARLY.get(str(home))
            during.append(job is not None and job.ready(30.0))

    assert store.bundles.import_bundle(bundle, progress=progress).added == 301  # 王明 too
    assert started == [True] and during and all(during)  # open beside the import's transaction
    frames = _wal(home)
    assert frames > 0
    close_store(store)
    assert started == [True]  # the close took the early job: none started then
    assert _wal(home) == frames  # and copied nothing back
    reader = sqlite3.connect(home / "dutylog.db")
    assert reader.execute("SELECT count(*) FROM entries").fetchone()[0] == 300
    reader.close()
    go.touch()
    assert _wait(lambda: not (home / "dutylog.db-wal").exists())
    check = sqlite3.connect(home / "dutylog.db")
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("SELECT count(*) FROM entries").fetchone()[0] == 300
    check.close()


def test_an_early_job_goes_by_itself_after_a_refused_import(tmp_path, monkeypatch):
    """A refused import lets its early job go at once (it never waits for the close),
    and the job ends; nothing was written."""
    from dutylog.domain.errors import DutylogError

    monkeypatch.setenv("DUTYLOG_BACKUP", "auto")
    home, store, bundle, started = _office_and_bundle(tmp_path, monkeypatch, n=20)
    text = bundle.read_text(encoding="utf-8").splitlines(keepends=True)
    text[3] = '{"type": "entry", "broken": tru\n'
    bundle.write_text("".join(text), encoding="utf-8")
    count = store.db.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    try:
        store.bundles.import_bundle(bundle)
        raise AssertionError("a broken bundle was merged")
    except DutylogError:
        pass
    assert started == [True]
    job = checkpoint_job._EARLY[str(home)]
    assert _wait(lambda: job.process.poll() is not None)  # gone by itself, store still open
    assert store.db.conn.execute("SELECT count(*) FROM entries").fetchone()[0] == count
    close_store(store)
    assert str(home) not in checkpoint_job._EARLY
