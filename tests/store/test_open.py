"""Opening the store: data folder, file modes, pragmas, migrations, transactions, clock."""

from __future__ import annotations

import os
import re
import sqlite3
import stat
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import platformdirs
import pytest

from dutylog.domain.errors import Conflict, DutylogError, InvalidInput, StoreError
from dutylog.i18n import words
from dutylog.store import DB_NAME, Store, data_home
from dutylog.store.migrations import migrations

from .conftest import FakeClock, entry

SID = "0b5e6a8e-0000-4000-8000-00000000000a"
EID = "0b5e6a8e-0000-4000-8000-00000000000b"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")

said = words("en").refusal  # a refusal in English, as its code words it


def test_data_home_follows_env_then_platformdirs(monkeypatch, tmp_path):
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "x"))
    assert data_home() == tmp_path / "x"
    monkeypatch.delenv("DUTYLOG_HOME")
    assert data_home() == Path(platformdirs.user_data_dir("dutylog", appauthor=False))


def test_open_creates_folder_and_database_only_there(dutylog_home):
    assert not dutylog_home.exists()
    with Store.open() as store:
        assert store.home == dutylog_home
        assert store.path == dutylog_home / DB_NAME
    assert {p.name for p in dutylog_home.iterdir()} <= {DB_NAME, DB_NAME + "-wal",
                                                        DB_NAME + "-shm", DB_NAME + ".lock",
                                                        DB_NAME + ".gate"}  # (homelock)
    assert (dutylog_home / DB_NAME).is_file()


@posix_only
def test_folder_0700_and_file_0600(dutylog_home):
    with Store.open() as store:
        store.subjects.add_subject("王明", ["leader"])
        assert stat.S_IMODE(dutylog_home.stat().st_mode) == 0o700
        for name in (DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm"):
            path = dutylog_home / name
            if path.exists():
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, name


def test_pragmas(store):
    one = lambda sql: store.conn.execute(sql).fetchone()[0]  # noqa: E731
    assert one("PRAGMA journal_mode").lower() == "wal"
    assert one("PRAGMA busy_timeout") == 15000
    assert one("PRAGMA foreign_keys") == 1
    assert one("PRAGMA synchronous") == 1  # NORMAL


def test_migrations_apply_on_new_and_existing_database(dutylog_home):
    with Store.open() as store:
        store.subjects.add_subject("王明", ["leader"])
        applied = [m.name for m in migrations.applied(_db(store))]
        assert "m001_initial" in applied
        tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
        assert {"subjects", "links", "entries", "entries_fts", "history", "settings",
                "aliases", "export_marks", "ledger_items", "ledger_progress", "trips",
                "holidays"} <= tables
    with Store.open() as store:  # existing: nothing re-applied, data intact
        assert [s.name for s in store.subjects.list_subjects()] == ["王明"]
        assert [m.name for m in migrations.applied(_db(store))] == applied
        assert migrations.pending(_db(store)) == []


def test_upgrade_from_the_first_schema_keeps_rows(dutylog_home):
    """A database made before m002 (its indexes) upgrades on open and keeps its rows."""
    import sqlite_utils

    dutylog_home.mkdir()
    conn = sqlite3.connect(dutylog_home / DB_NAME, isolation_level=None)
    db = sqlite_utils.Database(conn, execute_plugins=False)
    migrations.apply(db, stop_before="m002_paging_indexes")
    stamp = "2025-01-01T08:00:00.000000+08:00"
    conn.execute("INSERT INTO subjects(id, name, roles, created_at, updated_at) "
                 "VALUES (?, '王明', '[\"leader\"]', ?, ?)", (SID, stamp, stamp))
    conn.execute("INSERT INTO entries(id, subject_id, kind, date, title, created_at, "
                 "updated_at) VALUES (?, ?, 'diary', '2025-03-02', '海阳调研', ?, ?)",
                 (EID, SID, stamp, stamp))
    conn.close()
    with Store.open() as store:
        assert "m002_paging_indexes" in [m.name for m in migrations.applied(_db(store))]
        indexes = {r[0]: r[1] for r in store.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")}
        assert "deleted, date, id" in indexes["entries_subject_date"]
        assert "entries_date_id" not in indexes and "entries_live_date_id" in indexes
        assert [e.title for e in store.entries.query_entries(search="海阳调")] == ["海阳调研"]
        store.entries.update_entry(EID[:8], "王明", title="新")
        assert store.entries.query_entries(search="海阳调") == []
        assert store.integrity_ok()


def test_released_schema_fixtures_open_and_upgrade(tmp_path):
    """Copies of tests/fixtures/schema/v*.db (never written) open with today's code."""
    import shutil

    folder = Path(__file__).parents[1] / "fixtures" / "schema"
    fixtures = sorted(folder.glob("v*.db"))
    if not fixtures:
        pytest.skip("no schema fixtures")
    for fixture in fixtures:
        home = tmp_path / fixture.stem
        home.mkdir()
        shutil.copy(fixture, home / DB_NAME)
        with Store.open(home) as store:
            assert migrations.pending(_db(store)) == []
            assert store.integrity_ok()
            assert store.subjects.list_subjects()
            assert store.entries.count_entries(include_deleted=True) > 0


def _db(store):
    import sqlite_utils

    return sqlite_utils.Database(store.conn, execute_plugins=False, recursive_triggers=False)


def test_folder_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError) as info:
        Store.open(blocker / "home")
    assert str(blocker / "home") in said(info.value)
    assert "\n" not in said(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


def test_home_that_is_a_file(tmp_path):
    home = tmp_path / "home"
    home.write_text("x")
    with pytest.raises(StoreError) as info:
        Store.open(home)
    assert re.search("not a folder", said(info.value)), said(info.value)


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root writes into read-only folders")
def test_read_only_folder_leaves_no_files(tmp_path):
    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(0o500)
    try:
        with pytest.raises(StoreError) as info:
            Store.open(home)
        assert str(home) in said(info.value)
        assert list(home.iterdir()) == []
    finally:
        home.chmod(0o700)


def test_not_a_database(dutylog_home):
    dutylog_home.mkdir()
    (dutylog_home / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError) as info:
        Store.open()
    assert re.search(str(dutylog_home), said(info.value)), said(info.value)
    assert (dutylog_home / DB_NAME).read_bytes() == b"this is not sqlite" * 100


def test_closed_store_refuses(dutylog_home):
    store = Store.open()
    store.close()
    with pytest.raises(StoreError):
        store.subjects.list_subjects()


def test_transaction_rolls_back_everything(store):
    with pytest.raises(InvalidInput):
        with store.transaction():
            store.subjects.add_subject("甲", ["leader"])
            store.subjects.add_subject("乙", ["No Pe!"])
    assert store.subjects.list_subjects() == []


def test_nested_transaction_is_a_savepoint(store):
    with store.transaction():
        store.subjects.add_subject("甲", ["leader"])
        with pytest.raises(Conflict):
            with store.transaction():
                store.subjects.add_subject("乙", ["leader"])
                store.subjects.add_subject("甲", ["cadre"])
    assert [s.name for s in store.subjects.list_subjects()] == ["甲"]


def test_sqlite_errors_become_dutylog_errors(store):
    with pytest.raises(DutylogError):
        with store.transaction() as conn:
            conn.execute("INSERT INTO links(id, subject_id, link_type, name, created_at, "
                         "updated_at) VALUES ('x', 'missing', 'town', 'n', 't', 't')")
    with pytest.raises(DutylogError):
        with store.transaction() as conn:
            conn.execute("SELECT * FROM no_such_table")


def test_integrity_ok(store):
    assert store.integrity_ok() is True


def test_timestamps_local_with_offset_and_strictly_increasing(dutylog_home):
    stuck = datetime(2025, 1, 1, 8, 0, tzinfo=timezone(timedelta(hours=8)))
    with Store.open(clock=lambda: stuck) as store:
        a, b = store.timestamp(), store.timestamp()
        assert a == "2025-01-01T08:00:00.000000+08:00"
        assert b == "2025-01-01T08:00:00.000001+08:00"
        later = store.timestamp(after="2025-01-01T03:00:00.000000+00:00")  # 11:00 +08
        assert later == "2025-01-01T11:00:00.000001+08:00"


def test_edit_never_goes_back_in_time(dutylog_home):
    clock = FakeClock()
    with Store.open(clock=clock) as store:
        wang = store.subjects.add_subject("王明", ["leader"])
        e = store.entries.add_entry(entry(wang))
        clock.now -= timedelta(days=3)  # the computer's clock was set back
        e2 = store.entries.update_entry(e.id, "王明", note="x")
        assert datetime.fromisoformat(e2.updated_at) > datetime.fromisoformat(e.updated_at)


def test_default_clock_is_local_aware():
    with Store.open() as store:
        stamp = datetime.fromisoformat(store.timestamp())
        assert stamp.tzinfo is not None
        assert abs(stamp - datetime.now().astimezone()) < timedelta(minutes=1)


def test_two_connections_share_the_database(dutylog_home):
    with Store.open() as one, Store.open() as two:
        one.subjects.add_subject("王明", ["leader"])
        assert [s.name for s in two.subjects.list_subjects()] == ["王明"]
        conn = sqlite3.connect(one.path)
        assert conn.execute("SELECT count(*) FROM subjects").fetchone()[0] == 1
        conn.close()


def test_settings(store):
    assert store.settings.get("lang") is None
    assert store.settings.get("lang", "zh") == "zh"
    store.settings.set("lang", "en")
    store.settings.set("lang", "zh")
    assert store.settings.get("lang") == "zh"
    assert store.settings.all() == {"lang": "zh"}


def test_read_only_side_files_left_by_an_earlier_run_are_healed(tmp_path):
    """issue 12, finding 9: a run that read the database while it was read-only left
    `-wal`/`-shm` read-only (SQLite gives them the database's mode); once the database is
    writable again, the next write works without deleting anything by hand."""
    import os
    import stat

    from dutylog.store import Store

    store = Store.open(tmp_path)
    store.close()
    db = tmp_path / "dutylog.db"
    for suffix in ("-wal", "-shm"):
        side = db.with_name(db.name + suffix)
        side.touch()
        os.chmod(side, 0o444)
    store = Store.open(tmp_path)
    try:
        for suffix in ("-wal", "-shm"):
            assert os.stat(db.with_name(db.name + suffix)).st_mode & stat.S_IWUSR, suffix
        store.settings.set("lang", "en")
        assert store.settings.get("lang") == "en"
    finally:
        store.close()
