"""Issue 12, findings 3, 5 and 9: restore takes only a dutylog database of a schema this
dutylog knows, and a database of a newer schema is refused in one line naming it."""

from __future__ import annotations

import sqlite3

import pytest

TODAY = "2025-06-18"


@pytest.fixture(autouse=True)
def today(monkeypatch, run):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    assert run("subject", "add", "王明", "--role", "leader").code == 0


def sql(path, *statements) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for s in statements:
            conn.execute(s)
    conn.close()


def test_a_foreign_file_with_an_entries_table_is_not_restored(run, tmp_path, dutylog_home):
    foreign = tmp_path / "foreign.db"
    sql(foreign, "CREATE TABLE entries (id TEXT)")
    before = (dutylog_home / "dutylog.db").read_bytes()
    r = run("backup", "restore", foreign, "--yes")
    assert r.code == 2 and "not a dutylog database" in r.err
    assert (dutylog_home / "dutylog.db").read_bytes() == before


@pytest.mark.parametrize("change, words", [
    ("PRAGMA user_version = 7", "schema version 7"),
    ("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
     "VALUES ('dutylog', 'm205_future', '2030-01-01')", "m205_future"),
])
def test_a_newer_schema_is_refused_in_one_line(run, tmp_path, dutylog_home, change, words):
    newer = tmp_path / "newer.db"
    sql(dutylog_home / "dutylog.db", f"VACUUM INTO '{newer}'")
    sql(newer, change)
    r = run("backup", "restore", newer, "--yes")
    assert r.code == 2 and words in r.err and r.err.count("\n") == 1, r.err
    sql(dutylog_home / "dutylog.db", change)  # as if a newer dutylog had opened it
    r = run("log", "diary", "--subject", "王明", "--date", TODAY, "--note", "n")
    assert r.code == 2 and words in r.err and r.err.count("\n") == 1, r.err
    conn = sqlite3.connect(dutylog_home / "dutylog.db")
    try:
        assert conn.execute("SELECT count(*) FROM entries").fetchone()[0] == 0  # not written
        if "user_version" in change:
            assert conn.execute("PRAGMA user_version").fetchone()[0] == 7  # kept
    finally:
        conn.close()


def test_restore_is_refused_while_the_folder_is_held(run, tmp_path, dutylog_home):
    from dutylog.store.homelock import HomeLock

    run("backup", "create")
    backup = sorted((dutylog_home / "backups").glob("*.db"))[-1]
    held = HomeLock(dutylog_home).shared()  # as the open app holds it
    try:
        r = run("backup", "restore", backup, "--yes")
        assert r.code == 1 and "正被另一个 dutylog 使用" in r.err
    finally:
        held.release()
    assert run("backup", "restore", backup, "--yes").code == 0
