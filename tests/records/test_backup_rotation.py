"""Backups that scale (issue 14 §8) and failed starts (issue 12 finding 5).

The rule (store/backup_job.py): the newest copy of each of the last 7 days, of each of the
last 4 ISO weeks, and the newest copy that passed the check; then the oldest dropped while
the total exceeds max(3× the database, 256 MiB) — never the newest nor the newest checked.

30 days walked, one copy a day, 1–30 January 2025 (1 January is a Wednesday). ISO weeks:
W1 = 1–5, W2 = 6–12, W3 = 13–19, W4 = 20–26, W5 = 27–30.
  after 10 Jan: daily 4–10; weekly W2→10, W1→5 (inside the daily)     → 4…10
  after 14 Jan: daily 8–14; weekly W3→14, W2→12, W1→5                 → 5, 8…14
  after 30 Jan: daily 24–30; weekly W5→30, W4→26, W3→19, W2→12        → 12, 19, 24…30
With every copy from 21 January failing the check, the newest checked is 20 January:
                                                                      → 12, 19, 20, 24…30
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from dutylog.store import Store, backup_job
from dutylog.store import backup as backup_mod
from dutylog.store.backup import Backup, auto_backup, list_backups

JAN = [date(2025, 1, d) for d in range(1, 31)]


def days(home) -> list[int]:
    return [b.day.day for b in list_backups(home) if not b.replaced]


def walk(home, until: int, start: int = 1) -> None:
    store = Store.open(home)
    try:
        for d in JAN[start - 1:until]:
            auto_backup(store, d)
            auto_backup(store, d)  # the same day again: no second copy
    finally:
        store.close()


def test_thirty_days_of_rotation(dutylog_home):
    walk(dutylog_home, 10)
    assert days(dutylog_home) == [4, 5, 6, 7, 8, 9, 10]
    walk(dutylog_home, 14, start=11)
    assert days(dutylog_home) == [5, 8, 9, 10, 11, 12, 13, 14]
    walk(dutylog_home, 30, start=15)
    assert days(dutylog_home) == [12, 19, 24, 25, 26, 27, 28, 29, 30]
    checked = backup_job.checked(dutylog_home)
    assert all(checked[b.name] for b in list_backups(dutylog_home))
    assert sorted(checked) == sorted(b.name for b in list_backups(dutylog_home))  # no stale lines
    (dutylog_home / "backups" / "replaced-2024-12-31-000000.db").write_bytes(b"kept")
    assert backup_mod.prune(dutylog_home) == []
    assert any(b.replaced for b in list_backups(dutylog_home))  # never pruned


def test_the_newest_checked_copy_is_never_rotated_out(dutylog_home, monkeypatch):
    real = backup_mod._problem

    def problem(path):  # the copies from 21 January on fail the check
        name = Path(path).name
        if name.startswith("dutylog-2025-01-") and int(name[16:18]) >= 21:
            return "database disk image is malformed"
        return real(path)

    monkeypatch.setattr(backup_mod, "_problem", problem)
    walk(dutylog_home, 30)
    assert days(dutylog_home) == [12, 19, 20, 24, 25, 26, 27, 28, 29, 30]
    assert (dutylog_home / backup_job.DAMAGED_NOTE).exists()  # the next open checks the file


def fake(day: int, size: int = 100) -> Backup:
    d = JAN[day - 1]
    return Backup(Path(f"dutylog-{d.isoformat()}-090000.db"), d, "090000", False, size)


def test_the_total_is_bounded_by_three_times_the_database(monkeypatch):
    """30 copies of 100 bytes, a database of 250: at most 750. The rule's 9 copies (900)
    lose 12 and 19 (700). With only ≤ 20 January checked, the rule's 10 (1000) lose 12, 19
    and 24, never 20 (the newest checked) nor 30 (the newest)."""
    monkeypatch.setattr(backup_job, "SIZE_FLOOR", 0)
    every = [fake(d) for d in range(1, 31)]
    all_ok = {b.name: True for b in every}
    kept = backup_job.keep(every, all_ok, db_size=250)
    assert [b.day.day for b in kept] == [24, 25, 26, 27, 28, 29, 30]
    early_ok = {b.name: b.day.day <= 20 for b in every}
    kept = backup_job.keep(every, early_ok, db_size=250)
    assert [b.day.day for b in kept] == [20, 25, 26, 27, 28, 29, 30]
    monkeypatch.setattr(backup_job, "SIZE_FLOOR", 10_000)  # a small database keeps 7 + 4
    assert len(backup_job.keep(every, all_ok, db_size=250)) == 9


# ---- off the command's path -----------------------------------------------------------
@pytest.fixture
def wang(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-05-10")
    assert run("subject", "add", "王明", "--role", "leader").code == 0


def test_the_copy_and_the_check_come_after_the_command(run, wang, dutylog_home, monkeypatch):
    """While a new day's first command runs, nothing is copied or checked; both happen once
    it has closed the database (here inline; by default in a detached process)."""
    from dutylog.services import Dutylog

    calls = []
    real = backup_mod._problem
    monkeypatch.setattr(backup_mod, "_problem", lambda p: calls.append(Path(p).name) or real(p))
    svc = Dutylog.open(today=date(2025, 5, 11))
    assert [b.day for b in list_backups(dutylog_home)] == [date(2025, 5, 10)]
    assert svc.subjects()[0].name == "王明"
    assert calls == []
    svc.close()
    assert [b.day for b in list_backups(dutylog_home)] == [date(2025, 5, 10), date(2025, 5, 11)]
    assert calls == [list_backups(dutylog_home)[-1].name]  # the copy was checked, not the file


def test_a_large_file_changed_outside_is_not_checked_at_open(run, wang, dutylog_home, monkeypatch):
    from dutylog.store import opening

    calls = []
    monkeypatch.setattr(backup_mod, "_problem", lambda p: calls.append(p))
    db = dutylog_home / "dutylog.db"
    os.utime(db, ns=(db.stat().st_mtime_ns + 10**9,) * 2)  # another program touched it
    monkeypatch.setattr(opening, "CHECK_AT_OPEN", 1)  # every file is "large"
    assert run("entries").code == 0
    assert calls == []  # the day's copy (already taken) is where the check happens
    monkeypatch.setattr(opening, "CHECK_AT_OPEN", 64 * 1024 * 1024)
    os.utime(db, ns=(db.stat().st_mtime_ns + 10**9,) * 2)
    assert run("entries").code == 0
    assert calls == [db]


def foreign(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE entries (x)")
    conn.execute("INSERT INTO entries VALUES (1)")
    conn.commit()
    conn.close()


def test_failed_starts_never_rotate_the_good_backups_away(run, wang, dutylog_home, monkeypatch):
    """Issue 12 finding 5: a foreign file with an `entries` table, then 16 failed starts on
    16 days: before, each backed the file up and dropped the oldest good copy."""
    good = list_backups(dutylog_home)
    assert len(good) == 1
    foreign(dutylog_home / "dutylog.db")
    for d in range(11, 27):
        monkeypatch.setenv("DUTYLOG_TODAY", f"2025-05-{d}")
        r = run("entries")
        assert r.code != 0
    assert list_backups(dutylog_home) == good
    assert sorted(p.name for p in (dutylog_home / "backups").iterdir()) == [".checked", good[0].name]


def test_the_background_job_takes_the_copy(dutylog_home):
    """The detached job, run as `python -m dutylog.store.backup_job HOME DAY`."""
    store = Store.open(dutylog_home)
    store.close()
    src = str(Path(backup_job.__file__).resolve().parents[2])
    env = dict(os.environ, PYTHONPATH=src)
    done = subprocess.run([sys.executable, "-m", "dutylog.store.backup_job", str(dutylog_home),
                           "2025-03-04"], env=env, timeout=120)
    assert done.returncode == 0
    assert [b.day for b in list_backups(dutylog_home)] == [date(2025, 3, 4)]
    assert backup_job.checked(dutylog_home) == {list_backups(dutylog_home)[0].name: True}
    assert not (dutylog_home / "backups" / backup_job.LOCK).exists()


def test_schedule_detaches_and_returns(dutylog_home, monkeypatch):
    """By default the job runs in its own process: `schedule` returns at once; the copy
    appears once the job has run (waited for here, never timed)."""
    store = Store.open(dutylog_home)
    store.close()
    monkeypatch.setenv("DUTYLOG_BACKUP", "background")
    backup_job.schedule(dutylog_home, date(2025, 3, 5))
    for _ in range(600):
        if list_backups(dutylog_home) and not (dutylog_home / "backups" / backup_job.LOCK).exists():
            break
        time.sleep(0.1)
    assert [b.day for b in list_backups(dutylog_home)] == [date(2025, 3, 5)]


def test_a_small_database_is_copied_before_the_command_exits(dutylog_home, monkeypatch):
    """By default a small database is copied in the closing process: when the command has
    returned the copy is there and no job outlives it (a script may remove the folder)."""
    monkeypatch.delenv("DUTYLOG_BACKUP")
    env = {**os.environ, "DUTYLOG_HOME": str(dutylog_home), "DUTYLOG_TODAY": "2025-03-07"}
    done = subprocess.run([sys.executable, "-m", "dutylog", "subject", "add", "王明", "--role", "leader"],
                          env=env, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [b.day for b in list_backups(dutylog_home)] == [date(2025, 3, 7)]
    assert not (dutylog_home / "backups" / backup_job.LOCK).exists()
    assert backup_job._small(dutylog_home)


def test_a_second_job_gives_way(dutylog_home):
    store = Store.open(dutylog_home)
    store.close()
    folder = dutylog_home / "backups"
    folder.mkdir()
    (folder / backup_job.LOCK).write_text("1")
    assert backup_job.run_job(dutylog_home, date(2025, 3, 6)) is None
    old = time.time() - backup_job.STALE - 10
    os.utime(folder / backup_job.LOCK, (old, old))  # left by a job that died
    assert backup_job.run_job(dutylog_home, date(2025, 3, 6)) is not None
    assert backup_job.run_job(dutylog_home, date(2025, 3, 6)) is None  # done for the day


def test_backup_list_states_the_rule(run, wang):
    r = run("backup", "list")
    assert "7" in r.out and "4" in r.out and "3" in r.out
    assert "已检查" in r.out
    r = run("backup", "list", "--json")
    assert r.json[0]["checked"] is True
