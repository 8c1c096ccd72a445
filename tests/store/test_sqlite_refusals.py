"""SQLite's errors in dutylog's words (issue 11): `Database.translate` gives a coded refusal,
worded per language at the edge, with SQLite's own text kept as `detail` after the sentence.

Each error here is a real one SQLite raises (two connections, a read-only URI, a page
limit, a file that is not a database), except the disk I/O error, which cannot be caused
cheaply and is checked by its text (the fallback used when SQLite gives no result code)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from dutylog.domain.errors import Conflict, DataFolderError, InvalidInput, StoreError
from dutylog.i18n import words
from dutylog.store import Store
from dutylog.store.db import sqlite_refusal

zh, en = words("zh").refusal, words("en").refusal


def _raised(fn) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as info:
        fn()
    return info.value


def conflict(tmp: Path) -> sqlite3.Error:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (name TEXT UNIQUE)")
    conn.execute("INSERT INTO t VALUES ('甲')")
    return _raised(lambda: conn.execute("INSERT INTO t VALUES ('甲')"))


def busy(tmp: Path) -> sqlite3.Error:
    path = tmp / "busy.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        return _raised(lambda: other.execute("BEGIN IMMEDIATE"))
    finally:
        holder.execute("ROLLBACK")


def read_only(tmp: Path) -> sqlite3.Error:
    path = tmp / "ro.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    return _raised(lambda: conn.execute("INSERT INTO t VALUES (1)"))


def full(tmp: Path) -> sqlite3.Error:
    conn = sqlite3.connect(tmp / "full.db")
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.execute("PRAGMA max_page_count = 3")  # the file may grow no further: SQLITE_FULL
    return _raised(lambda: conn.executemany("INSERT INTO t VALUES (?)", [("满" * 2000,)] * 50))


def io(tmp: Path) -> sqlite3.Error:
    return sqlite3.OperationalError("disk I/O error")


def damaged(tmp: Path) -> sqlite3.Error:
    path = tmp / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    conn = sqlite3.connect(path)
    return _raised(lambda: conn.execute("SELECT * FROM sqlite_master"))


def other(tmp: Path) -> sqlite3.Error:
    return _raised(lambda: sqlite3.connect(":memory:").execute("SELECT * FROM nowhere"))


# (how to cause it, its code, the exception type, SQLite's text, the start of each wording)
CASES = [
    (conflict, "db.conflict", Conflict, "UNIQUE constraint failed: t.name",
     "与已存的数据冲突，未写入", "refused: it conflicts with stored data"),
    (busy, "db.busy", StoreError, "database is locked",
     "数据库 {path} 正忙（另一个 dutylog 正在写入）", "the database {path} is busy"),
    (read_only, "db.cannot_write", DataFolderError, "attempt to write a readonly database",
     "无法写入数据库 {path}：数据目录或数据库文件是只读的", "cannot write the database {path}: "),
    (full, "db.disk_full", StoreError, "database or disk is full",
     "无法写入数据库 {path}：磁盘已满", "cannot write the database {path}: the disk is full"),
    (io, "db.io_error", StoreError, "disk I/O error",
     "读写数据库 {path} 时磁盘出错", "the disk failed reading or writing the database {path}"),
    (damaged, "db.damaged_now", StoreError, "file is not a database",
     "数据库 {path} 已损坏", "the database {path} is damaged"),
    (other, "db.failed", StoreError, "no such table: nowhere",
     "数据库 {path} 报错", "the database {path} reported an error"),
]


@pytest.mark.parametrize("cause, code, kind, detail, zh_start, en_start", CASES,
                         ids=[c[1] for c in CASES])
def test_translate_gives_a_coded_refusal(store, tmp_path, cause, code, kind, detail, zh_start, en_start):
    exc = cause(tmp_path)
    assert str(exc) == detail  # the SQLite error the case means to cause
    refusal = store.db.translate(exc)
    assert type(refusal) is kind and refusal.code == code
    assert refusal.params["detail"] == detail
    path = str(store.db.path)
    said_zh, said_en = zh(refusal), en(refusal)
    assert said_zh.startswith(zh_start.format(path=path)), said_zh
    assert said_zh.endswith(f"（SQLite：{detail}）"), said_zh  # SQLite's own words last
    assert said_en.startswith(en_start.format(path=path)), said_en
    assert said_en.endswith(f"(SQLite: {detail})"), said_en
    sentence = said_zh.replace(detail, "").replace(path, "")
    assert "[" not in sentence and not any(w in sentence for w in ("refused", "database", "busy"))


def test_refusals_and_failures_keep_their_exit_codes(store, tmp_path):
    """A conflict and an unwritable folder are refusals (exit 2: InvalidInput, DataFolderError);
    busy, full, failing or damaged are failures (exit 1: a StoreError that is neither)."""
    path = store.db.path
    assert isinstance(sqlite_refusal(conflict(tmp_path), path), InvalidInput)
    assert isinstance(sqlite_refusal(read_only(tmp_path), path), DataFolderError)
    for cause in (busy, full, io, damaged, other):
        refusal = sqlite_refusal(cause(tmp_path), path)
        assert isinstance(refusal, StoreError) and not isinstance(refusal, DataFolderError), cause


def test_extended_result_codes_count_as_their_primary_one(store, tmp_path):
    """SQLite gives extended codes (SQLITE_CONSTRAINT_UNIQUE is 2067): the low byte decides."""
    exc = conflict(tmp_path)
    assert exc.sqlite_errorcode == 2067
    assert store.db.translate(exc).code == "db.conflict"
    assert read_only(tmp_path).sqlite_errorcode & 0xFF == 8


def test_a_unique_clash_in_a_write_is_a_conflict_refusal(store):
    """Through a real transaction: the raw clash surfaces as the coded Conflict, rolled back."""
    with pytest.raises(Conflict) as info:
        with store.transaction() as conn:
            conn.execute("INSERT INTO counters(name, value) VALUES ('x', 1)")
            conn.execute("INSERT INTO counters(name, value) VALUES ('x', 2)")
    assert info.value.code == "db.conflict"
    assert zh(info.value).startswith("与已存的数据冲突，未写入（SQLite：UNIQUE constraint failed: counters.name")
    assert store.db.row("SELECT * FROM counters WHERE name = 'x'") is None


def test_a_closed_store_says_so_in_chinese(dutylog_home):
    store = Store.open()
    store.close()
    with pytest.raises(StoreError) as info:
        store.subjects.list_subjects()
    assert zh(info.value) == "数据库已关闭；请重新打开 dutylog"
    assert en(info.value) == "the database is closed; start dutylog again"
