"""Backups: the daily copy (the rule of what is kept: test_backup_rotation.py), create/list/restore, and a damaged database file."""

from __future__ import annotations

import io
import os
import sqlite3
from datetime import date

import pytest

from dutylog.domain.errors import StoreError
from dutylog.i18n import words
from dutylog.store.backup import check_or_explain, list_backups

said = words("en").refusal  # a refusal in English, as its code words it


@pytest.fixture
def wang(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-05-10")
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    return "王明"


def notes(run):
    return sorted(e["note"] for e in run("entries", "--json").json)


def count_entries(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM entries WHERE deleted = 0").fetchone()[0]
    finally:
        conn.close()


def test_backup_restore_round_trip(run, wang, dutylog_home):
    for note in ("一", "二"):
        assert run("log", "diary", "--subject", wang, "--date", "2025-05-01", "--note", note).code == 0
    r = run("backup", "create")
    assert r.code == 0, r.err
    copy = r.out.strip()
    assert copy.startswith(str(dutylog_home / "backups"))
    assert count_entries(copy) == 2
    # later work: one more entry, one deleted
    run("log", "diary", "--subject", wang, "--date", "2025-05-02", "--note", "三")
    first = next(e["id"] for e in run("entries", "--json").json if e["note"] == "一")
    run("delete", first)
    assert notes(run) == ["三", "二"]

    r = run("backup", "restore", copy, "--yes")
    assert r.code == 0, r.err
    assert notes(run) == ["一", "二"]
    replaced = [b for b in list_backups(dutylog_home) if b.replaced]
    assert len(replaced) == 1 and str(replaced[0].path) in r.out
    assert count_entries(replaced[0].path) == 2  # 二 and 三: the state restore replaced
    listed = run("backup", "list", "--json").json
    assert {b["file"] for b in listed} >= {copy, str(replaced[0].path)}


def test_restore_by_name_and_asks_first(run, wang, dutylog_home, monkeypatch):
    run("log", "diary", "--subject", wang, "--date", "2025-05-01", "--note", "旧")
    name = run("backup", "create").out.strip().rsplit("/", 1)[-1]
    run("log", "diary", "--subject", wang, "--date", "2025-05-01", "--note", "新")
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    r = run("backup", "restore", name)
    assert r.code == 1 and "已中止" in r.err
    assert notes(run) == ["新", "旧"]  # nothing replaced
    assert not [b for b in list_backups(dutylog_home) if b.replaced]
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    r = run("backup", "restore", name)
    assert r.code == 0, r.err
    assert notes(run) == ["旧"]


def test_restore_refuses_what_is_not_a_backup(run, wang, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("not a database", encoding="utf-8")
    run("log", "diary", "--subject", wang, "--date", "2025-05-01", "--note", "留")
    for target in (junk, tmp_path / "missing.db"):
        r = run("backup", "restore", target, "--yes")
        assert r.code == 2 and r.err.count("\n") == 1 and "Traceback" not in r.err
    assert notes(run) == ["留"]


def test_daily_backup_once_a_day(run, wang, dutylog_home, monkeypatch):
    run("entries")
    run("entries")
    assert [b.day for b in list_backups(dutylog_home)] == [date(2025, 5, 10)]
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-05-11")
    run("entries")
    run("subject", "list")
    assert [b.day for b in list_backups(dutylog_home)] == [date(2025, 5, 10), date(2025, 5, 11)]


def corrupt(path, size=4096):
    """Overwrite 4 KiB in the middle, as another program would (a later modification time)."""
    before = path.stat().st_mtime_ns
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + size] = bytes((i * 7 + 13) % 256 for i in range(size))
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_full_check_once_a_day_and_after_outside_changes(run, wang, dutylog_home, monkeypatch):
    import dutylog.store.backup as backup

    calls = []
    real = backup._problem
    monkeypatch.setattr(backup, "_problem", lambda p: calls.append(p) or real(p))
    run("entries")  # the day's backup exists and dutylog closed the file last: no full check
    run("log", "diary", "--subject", wang, "--date", "2025-05-01")
    assert calls == []
    db = dutylog_home / "dutylog.db"
    os.utime(db, ns=(db.stat().st_mtime_ns + 10**9,) * 2)  # another program touched it
    run("entries")
    assert len(calls) == 1
    run("entries")
    assert len(calls) == 1
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-05-11")  # a new day: checked before its backup
    run("entries")
    assert len(calls) == 2 and len(list_backups(dutylog_home)) == 2


def test_corrupted_database_names_the_newest_backup(run, wang, dutylog_home):
    for day in range(1, 21):
        run("log", "diary", "--subject", wang, "--date", f"2025-05-{day:02d}" if day <= 10 else "2025-05-10",
            "--note", f"日记{day}" * 20, "--place", "海阳")
    newest = run("backup", "create").out.strip()
    db = dutylog_home / "dutylog.db"
    assert not (dutylog_home / "dutylog.db-wal").exists() or (dutylog_home / "dutylog.db-wal").stat().st_size == 0
    corrupt(db)
    for args in (["entries"], ["status", "--subject", wang], ["log", "diary", "--subject", wang, "--date", "today"]):
        r = run(*args)
        assert r.code in (1, 2), r
        assert "Traceback" not in r.err and r.err.count("\n") == 1, r.err
        assert "已损坏" in r.err and newest in r.err
        assert f"dutylog backup restore {newest}" in r.err
    # the message's command works
    assert run("backup", "restore", newest, "--yes").code == 0
    assert len(run("entries", "--json").json) == 20


def test_damaged_without_backup(tmp_path):
    db = tmp_path / "dutylog.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x13" * 5000)
    with pytest.raises(StoreError) as info:
        check_or_explain(db)
    assert "no backup" in said(info.value) and str(db) in said(info.value)
    check_or_explain(tmp_path / "absent.db")  # nothing to check: no error


def test_a_copy_cut_short_is_not_a_backup(run, wang, dutylog_home, monkeypatch):
    """Killed while copying: the reserved name is empty and the partial file hidden, so the
    day's backup is taken again and the damaged-database message never names it."""
    folder = dutylog_home / "backups"
    for b in list_backups(dutylog_home):
        b.path.unlink()
    (folder / "dutylog-2025-05-10-235959.db").write_bytes(b"")
    (folder / ".dutylog-2025-05-10-235959.db.partial").write_bytes(b"SQLite format 3\x00")
    assert list_backups(dutylog_home) == []
    run("entries")
    assert len(list_backups(dutylog_home)) == 1


def test_backup_before_a_schema_upgrade(run, wang, dutylog_home, monkeypatch):
    """A newer dutylog with a new migration: the copy is taken before the schema changes,
    even when the day's backup exists already."""
    from dutylog.store.migrations import migrations

    run("log", "diary", "--subject", wang, "--date", "2025-05-01", "--note", "升级前")
    before = len(list_backups(dutylog_home))
    monkeypatch.setattr(migrations, "_migrations", list(migrations._migrations))

    @migrations()
    def m999_upgrade_probe(db):
        db.execute("CREATE TABLE upgrade_probe (x)")

    assert notes(run) == ["升级前"]
    copies = list_backups(dutylog_home)
    assert len(copies) == before + 1
    conn = sqlite3.connect(copies[-1].path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    finally:
        conn.close()
    assert "upgrade_probe" not in tables and "entries" in tables
    run("entries")
    assert len(list_backups(dutylog_home)) == before + 1  # applied: no copy again


def test_restore_refuses_while_the_database_is_open(run, wang, dutylog_home):
    """The app is open (an idle connection): restoring would take the file from under it."""
    from dutylog.services import Dutylog

    run("log", "diary", "--subject", wang, "--date", "2025-05-01", "--note", "在用")
    copy = run("backup", "create").out.strip()
    app_service = Dutylog.open(today=date(2025, 5, 10))
    try:
        app_service.entries()
        r = run("backup", "restore", copy, "--yes")
        assert r.code == 1 and "正被另一个 dutylog 使用" in r.err and r.err.count("\n") == 1
        assert not [b for b in list_backups(dutylog_home) if b.replaced]
    finally:
        app_service.close()
    assert run("backup", "restore", copy, "--yes").code == 0
