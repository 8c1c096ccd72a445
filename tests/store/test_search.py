"""Listing and searching entries: substrings in Chinese, wildcards, quotes, paging, plans."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutylog.domain.errors import InvalidInput
from dutylog.store import chars
from dutylog.store.bundle_import import BULK_FTS

from .bundle_helpers import write_lines
from .conftest import entry

TEXTS = {
    "a": dict(title="海阳市经济开发区调研", place="留格庄镇", people="张三、李四", note=None),
    "b": dict(title="100% 完成", place="A_B 车间", people=None, note='他说"好"'),
    "c": dict(title="Safety CHECK", place=None, people="王 明", note="back\\slash"),
    "d": dict(title="党课", place="会议室", people=None, note="学习"),
}


@pytest.fixture
def seeded(store, wang):
    ids = {}
    for n, (key, texts) in enumerate(TEXTS.items()):
        ids[key] = store.entries.add_entry(entry(wang, date=date(2025, 3, 1 + n), **texts)).id
    return ids


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters only, as the search ignores ASCII case (and only that)."""
    return "".join(c.lower() if c.isascii() else c for c in text)


def contains(value: str | None, query: str) -> bool:
    """The search's meaning, written independently of its SQL: `query` is a substring of
    `value`, ASCII case ignored; no wildcards."""
    return value is not None and ascii_fold(query) in ascii_fold(value)


def found(store, seeded, text):
    by_id = {v: k for k, v in seeded.items()}
    return sorted(by_id[e.id] for e in store.entries.query_entries(search=text))


@pytest.mark.parametrize("text, keys", [
    ("海", ["a"]), ("镇", ["a"]), ("调研", ["a"]), ("李四", ["a"]),  # 1-2 characters: LIKE
    ("经济开", ["a"]), ("留格庄镇", ["a"]), ("开发区调研", ["a"]),  # 3+: trigram
    ("党课", ["d"]), ("学", ["d"]),
    ("%", ["b"]), ("_", ["b"]), ("0%", ["b"]), ("% 完", ["b"]), ("A_B", ["b"]), ("A_", ["b"]),
    ('"', ["b"]), ('"好"', ["b"]), ('说"', ["b"]),
    ("\\", ["c"]), ("k\\s", ["c"]),
    ("safety", ["c"]), ("Check", ["c"]), ("ch", ["c"]), ("SA", ["c"]),  # ASCII case ignored
    ("王 明", ["c"]), ("海阳市", ["a"]), ("x", []), ("不存在的词", []), ("%%", []), ("__", []),
])
def test_search_substrings(store, seeded, text, keys):
    assert found(store, seeded, text) == keys
    assert store.entries.count_entries(search=text) == len(keys)


def test_search_skips_deleted_and_follows_edits(store, seeded):
    store.entries.delete_entry(seeded["a"], "王明")
    assert found(store, seeded, "留格庄") == []
    assert [e.id for e in store.entries.query_entries(search="留格庄", include_deleted=True)] == [seeded["a"]]
    store.entries.undelete_entry(seeded["a"], "王明")
    store.entries.update_entry(seeded["a"], "王明", place="大阎家镇")
    assert found(store, seeded, "留格庄") == []
    assert found(store, seeded, "大阎家") == ["a"]
    assert found(store, seeded, "阎") == ["a"]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet="海阳镇调研会a%_\"\\ 党课", min_size=1, max_size=5))
def test_search_agrees_with_python_substrings(store, seeded, text):
    if not text.strip():
        return
    query = text.strip()
    expected = sorted(k for k, t in TEXTS.items()
                      if any(v and query.lower() in v.lower() for v in t.values()))
    assert found(store, seeded, text) == expected


def test_filters_order_and_paging(store, wang):
    li = store.subjects.add_subject("李华", ["cadre"])
    start = date(2025, 1, 1)
    for i in range(30):
        store.entries.add_entry(entry(wang if i % 2 else li, date=start + timedelta(days=i),
                              kind="diary" if i % 3 else "party-lecture"))
    assert store.entries.count_entries() == 30
    assert store.entries.count_entries(subject_id=wang.id) == 15
    assert store.entries.count_entries(kinds=["party-lecture"]) == 10
    assert store.entries.count_entries(kinds="diary", subject_id=li.id) == 10
    assert store.entries.count_entries(kinds=[]) == 0
    assert store.entries.count_entries(date_from=date(2025, 1, 11), date_to="2025-01-20") == 10
    with pytest.raises(InvalidInput):
        store.entries.query_entries(date_from="2025-13-01")
    with pytest.raises(InvalidInput):
        store.entries.query_entries(order="title")
    every = store.entries.query_entries()
    assert [e.date for e in every] == sorted(e.date for e in every)
    assert store.entries.query_entries(desc=True) == every[::-1]
    pages = [store.entries.query_entries(limit=7, offset=o) for o in range(0, 30, 7)]
    assert [e for p in pages for e in p] == every
    keyset, after = [], None
    while page := store.entries.query_entries(limit=7, after=after):
        keyset += page
        after = (page[-1].date, page[-1].id)
    assert keyset == every
    back, after = [], None
    while page := store.entries.query_entries(limit=4, after=after, desc=True):
        back += page
        after = (page[-1].date, page[-1].id)
    assert back == every[::-1]
    assert store.entries.query_entries(order="updated_at")[0] == every[0]


def test_entries_in_range(store, wang):
    li = store.subjects.add_subject("李华", ["cadre"])
    for d in (date(2024, 12, 31), date(2025, 1, 1), date(2025, 6, 1), date(2025, 12, 31),
              date(2026, 1, 1)):
        store.entries.add_entry(entry(wang, date=d))
        store.entries.add_entry(entry(li, date=d))
    got = store.entries.entries_in_range(wang.id, date(2025, 1, 1), date(2025, 12, 31))
    assert [e.date.isoformat() for e in got] == ["2025-01-01", "2025-06-01", "2025-12-31"]
    assert {e.subject_id for e in got} == {wang.id}


def _plan(store, sql, params):
    return " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_status_query_uses_subject_date_index(store, wang):
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        store.entries.entries_in_range(wang.id, date(2025, 1, 1), date(2025, 12, 31))
    finally:
        store.conn.set_trace_callback(None)
    (sql,) = [s for s in seen if "FROM entries" in s]
    plan = _plan(store, sql, ())
    assert "USING INDEX entries_subject_date (subject_id=? AND deleted=? AND date>? AND date<?)" in plan
    assert "SCAN" not in plan.replace("SCAN TEMP", "")


def test_keyset_paging_uses_an_index(store):
    plan = _plan(store, "SELECT e.* FROM entries e WHERE (e.date, e.id) > (?, ?) AND "
                        "e.deleted = 0 ORDER BY e.date ASC, e.id ASC LIMIT 50",
                 ("2025-01-01", ""))
    assert "entries_live_date_id" in plan and "TEMP B-TREE" not in plan


def test_a_kind_over_all_subjects_reads_each_subject_s_rows_of_it(store, wang):
    """Listed over every subject, a kind is read from (subject, kind, …) subject by subject
    (migration m008: a merged official's entries land together in that index), and every
    listing gives what the unfiltered list holds of that kind, in the same order."""
    li = store.subjects.add_subject("李华", ["cadre"])
    kinds = ("diary", "field-research", "party-lecture")
    made = []
    for n in range(24):
        who = (wang, li)[n % 2]
        day = date(2025, 1, 1) + timedelta(days=n * 7 % 40)
        made.append(store.entries.add_entry(entry(who, kind=kinds[n % 3], date=day, title=f"第{n}条")))
    store.entries.delete_entry(made[0].id, "王明")  # a deleted diary stays out
    every = store.entries.query_entries()
    for wanted in (["diary"], ["diary", "party-lecture"]):
        expected = [e for e in every if e.kind in wanted]
        assert expected and store.entries.query_entries(kinds=wanted) == expected
        assert store.entries.count_entries(kinds=wanted) == len(expected)
        assert store.entries.query_entries(kinds=wanted, desc=True) == expected[::-1]
        assert store.entries.query_entries(kinds=wanted, limit=3, offset=2) == expected[2:5]
        after = (expected[3].date, expected[3].id)
        assert store.entries.query_entries(kinds=wanted, after=after, limit=50) == expected[4:]
        assert [r["id"] for r in store.entries.entry_records(kinds=wanted)] == [e.id for e in expected]
        assert [r[0] for r in store.entries.entry_lines(kinds=wanted)] == [e.id for e in expected]
        assert len(list(store.entries.entry_record_texts(kinds=wanted))) == len(expected)
    assert store.entries.query_entries(kinds=["diary"], include_deleted=True)[0].id == made[0].id

    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        store.entries.query_entries(kinds=["diary"], desc=True, limit=50)
        store.entries.count_entries(kinds=["diary"])
    finally:
        store.conn.set_trace_callback(None)
    for sql in [s for s in seen if "FROM entries e" in s]:
        plan = _plan(store, sql, ())
        assert "entries_subject_kind_date (subject_id=? AND kind=? AND deleted=?)" in plan, plan
        assert "SCAN e" not in plan, plan


# ---------------------------------------------------------------------- 1–2 characters
# They are served by the one-character index (entries_fts_chars) and checked by LIKE:
# the results must be exactly LIKE's, the index only narrows the rows read.

def _searched_sql(store, text):
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        store.entries.query_entries(search=text)
    finally:
        store.conn.set_trace_callback(None)
    (sql,) = [s for s in seen if "FROM entries e" in s]
    return sql


def _chars_index_ok(store):
    """The index holds exactly the tokens of what its content view computes now (the
    text the triggers' SQL gives): every (row, field, position, token) alike."""
    conn = store.conn
    conn.execute(f"INSERT INTO {chars.TABLE}({chars.TABLE}) VALUES ('integrity-check')")
    conn.execute(f"CREATE VIRTUAL TABLE temp.chk USING fts5({', '.join(chars.FIELDS)}, "
                 f"content='', tokenize='{chars.TOKENIZE}')")
    try:
        conn.execute(f"INSERT INTO temp.chk(rowid, {', '.join(chars.FIELDS)}) "
                     f"SELECT seq, {', '.join(chars.FIELDS)} FROM main.{chars.VIEW}")
        conn.execute(f"CREATE VIRTUAL TABLE temp.v_index USING fts5vocab(main, {chars.TABLE}, "
                     "instance)")
        conn.execute("CREATE VIRTUAL TABLE temp.v_check USING fts5vocab(temp, chk, instance)")
        index, check = (conn.execute(f"SELECT term, doc, col, offset FROM temp.{v} "
                                     "ORDER BY doc, col, offset").fetchall()
                        for v in ("v_index", "v_check"))
    finally:
        for t in ("v_index", "v_check", "chk"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{t}")
    assert index == check
    return True


# Entries whose fields end and begin with characters a search could join.
FIELD_TEXTS = {
    "split": dict(title="调研王", place="明村", people=None, note=None),
    "whole": dict(title="走访王明家", place=None, people=None, note=None),
    "people": dict(title=None, place=None, people="王明、李四", note=None),
    "ascii": dict(title="Safety CHECK, done", place="Room_1", people=None, note="50%"),
    "mixed": dict(title="Ab王", place=None, people=None, note="x,y"),
}


@pytest.fixture
def fields(store, wang):
    """Entries whose fields end and begin with characters a search could join."""
    ids = {}
    for n, (key, t) in enumerate(FIELD_TEXTS.items()):
        ids[key] = store.entries.add_entry(entry(wang, date=date(2025, 4, 1 + n), **t)).id
    return ids


def _found(store, ids, text, **kw):
    by_id = {v: k for k, v in ids.items()}
    return sorted(by_id[e.id] for e in store.entries.query_entries(search=text, **kw))


@pytest.mark.parametrize("text, keys", [
    ("王", ["mixed", "people", "split", "whole"]), ("明", ["people", "split", "whole"]),
    ("王明", ["people", "whole"]),  # not "split": 王 ends its title, 明 begins its place
    ("明王", []), ("村", ["split"]), ("明村", ["split"]), ("、", ["people"]), ("明、", ["people"]),
    ("c", ["ascii"]), ("C", ["ascii"]), ("ch", ["ascii"]), ("cH", ["ascii"]), ("SA", ["ascii"]),
    ("ab", ["mixed"]), ("B王", ["mixed"]), ("b王", ["mixed"]),
    ("%", ["ascii"]), ("0%", ["ascii"]), ("_", ["ascii"]), ("m_", ["ascii"]), ("_1", ["ascii"]),
    (",", ["ascii", "mixed"]), (", ", ["ascii", "mixed"]), ("K,", ["ascii"]), (",y", ["mixed"]),
    ("x,", ["mixed"]), ("%%", []), ("__", []), (",,", []), ("yx", []), ("x", ["mixed"]),
])
def test_short_search_finds_substrings(store, fields, text, keys):
    assert _found(store, fields, text) == keys
    assert store.entries.count_entries(search=text) == len(keys)
    # the hand-written keys agree with the meaning of a search, computed in Python
    assert keys == sorted(k for k, t in FIELD_TEXTS.items()
                          if any(contains(v, text.strip()) for v in t.values()))


@pytest.mark.parametrize("text, indexed", [
    ("王", True), ("王明", True), ("c", True), ("C,", True), (",a", True),
    ("%", False), ("_", False), (",", False), ("%%", False), ("、，", False), ("😀", False),
])
def test_short_search_uses_the_character_index(store, fields, text, indexed):
    sql = _searched_sql(store, text)
    assert (chars.TABLE in sql) == indexed, sql
    if indexed:
        plan = _plan(store, sql, ()) + " "
        assert "SEARCH e USING INTEGER PRIMARY KEY" in plan and "SCAN e " not in plan, plan


def test_short_search_follows_edit_delete_undelete(store, fields):
    assert _found(store, fields, "王明") == ["people", "whole"]
    store.entries.update_entry(fields["whole"], "王明", title="走访", note="见王明")
    assert _found(store, fields, "王明") == ["people", "whole"]
    assert _found(store, fields, "访") == ["whole"]
    store.entries.update_entry(fields["whole"], "王明", note="见王")
    assert _found(store, fields, "王明") == ["people"]
    store.entries.update_entry(fields["split"], "王明", place="村明")  # now "调研王" and "村明"
    assert _found(store, fields, "明村") == []
    assert _found(store, fields, "村明") == ["split"]
    store.entries.delete_entry(fields["people"], "王明")
    assert _found(store, fields, "王明") == []
    assert _found(store, fields, "王明", include_deleted=True) == ["people"]
    store.entries.undelete_entry(fields["people"], "王明")
    assert _found(store, fields, "王明") == ["people"]
    store.entries.update_entry(fields["people"], "王明", people=None)
    assert _found(store, fields, "李") == []
    assert _chars_index_ok(store)


def test_short_search_of_a_long_text(store, wang):
    """Past MAX_CHARS a text is a candidate for every character; LIKE decides."""
    long = "会" * chars.MAX_CHARS + "议王明"
    e = store.entries.add_entry(entry(wang, note=long))
    other = store.entries.add_entry(entry(wang, note="会议"))
    assert [x.id for x in store.entries.query_entries(search="王明")] == [e.id]
    assert {x.id for x in store.entries.query_entries(search="议")} == {e.id, other.id}
    assert store.entries.query_entries(search="党") == []
    store.entries.update_entry(e.id, "王明", note=long[:-2])
    assert store.entries.query_entries(search="王明") == []
    assert _chars_index_ok(store)


def test_writes_by_other_programs_are_indexed(store, fields):
    """Plain SQL (as the sqlite3 shell writes) keeps the index right: triggers, no
    application functions."""
    import sqlite3

    other = sqlite3.connect(store.path, isolation_level=None)
    try:
        other.execute("UPDATE entries SET note = '外来王明' WHERE id = ?", (fields["ascii"],))
        other.execute("UPDATE entries SET people = NULL WHERE id = ?", (fields["people"],))
        row = other.execute("SELECT * FROM entries WHERE id = ?", (fields["whole"],)).fetchone()
        other.execute("DELETE FROM entries WHERE id = ?", (fields["whole"],))
    finally:
        other.close()
    assert _found(store, fields, "王明") == ["ascii"]
    assert _found(store, fields, "外") == ["ascii"]
    assert row is not None
    assert _chars_index_ok(store)
    # 'rebuild' (from the content view) gives the same index
    store.conn.execute(f"INSERT INTO {chars.TABLE}({chars.TABLE}) VALUES ('rebuild')")
    assert _found(store, fields, "王明") == ["ascii"]
    assert _chars_index_ok(store)


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.none(), st.text(alphabet="王明村a B,%_ 、é\u0301😀\"\\", max_size=8)),
                min_size=4, max_size=4),
       st.text(alphabet="王明村aAbB,%_ 、é😀\"", min_size=1, max_size=2))
def test_short_search_agrees_with_python(store, wang, texts, query):
    title, place, people, note = texts
    e = store.entries.add_entry(entry(wang, title=title, place=place, people=people, note=note))
    q = query.strip()
    if q:
        expected = any(contains(v, q) for v in texts)
        assert (e.id in {x.id for x in store.entries.query_entries(search=query)}) == expected
    # the Python text (bulk writes) and the SQL text (triggers, view) give the same tokens
    assert _chars_index_ok(store)
    store.conn.execute("DELETE FROM entries WHERE id = ?", (e.id,))


def test_spaced_matches_the_sql(store):
    samples = [None, "", "a", "王明", "a\0b", "Ab, c", "😀x", "é\u0301", "x" * (chars.MAX_CHARS + 3)]
    for text in samples:
        got = store.conn.execute(f"SELECT {chars.sql_spaced('?1')}", (text,)).fetchone()[0]
        assert got == chars.spaced(text), text


def _bundle_rows(subject_id, n, title, stamp="2025-06-01T09:00:00+08:00", ids=None):
    ids = ids or [str(uuid.uuid4()) for _ in range(n)]
    return ids, [{"type": "entry", "id": i, "subject": subject_id, "kind": "field-research",
                  "date": "2025-05-01", "days": 1.0, "four_no": False,
                  "title": title(k), "place": "某镇", "people": None, "note": None,
                  "object": None, "recorded_by": "王明", "updated_at": stamp, "deleted": False}
                 for k, i in enumerate(ids)]


@pytest.mark.parametrize("n", [3, BULK_FTS + 1])
def test_short_search_after_import(store, wang, tmp_path, n):
    subject = {"type": "subject", "id": wang.id, "name": wang.name, "roles": list(wang.roles),
               "updated_at": wang.updated_at}
    ids, rows = _bundle_rows(wang.id, n, lambda k: "王明调研" if k == 1 else f"走访{k}")
    store.bundles.import_bundle(write_lines(tmp_path / "a.jsonl", [subject, *rows]))
    assert [e.id for e in store.entries.query_entries(search="王明")] == [ids[1]]
    assert sorted(e.id for e in store.entries.query_entries(search="1")) == sorted(
        i for k, i in enumerate(ids) if "1" in f"走访{k}" and k != 1)
    assert len(store.entries.query_entries(search="镇")) == n
    # an updating import re-indexes the changed text
    _, rows = _bundle_rows(wang.id, n, lambda k: "王明" if k == 2 else "其他",
                           stamp="2025-06-02T09:00:00+08:00", ids=ids)
    store.bundles.import_bundle(write_lines(tmp_path / "b.jsonl", [subject, *rows]))
    assert [e.id for e in store.entries.query_entries(search="王明")] == [ids[2]]
    assert len(store.entries.query_entries(search="其")) == n - 1
    assert store.entries.query_entries(search="访") == []
    assert _chars_index_ok(store)


def test_migration_indexes_existing_entries(tmp_path):
    """m003 fills the index for a database made before it (schema fixture v2)."""
    import shutil

    from dutylog.store import Store

    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema" / "v2.db"
    home = tmp_path / "old"
    home.mkdir()
    shutil.copy(fixture, home / "dutylog.db")
    with Store.open(home) as old:
        names = {r[0] for r in old.conn.execute("SELECT name FROM _sqlite_migrations")}
        assert "m003_char_index" in names
        assert [e.title for e in old.entries.query_entries(search="饮")] == ["民情日记"]
        assert f"FROM {chars.TABLE} WHERE" in _searched_sql(old, "饮")
        n = old.conn.execute("SELECT count(*) FROM entries").fetchone()[0]
        indexed = old.conn.execute(f"SELECT count(*) FROM {chars.TABLE} WHERE {chars.TABLE} "
                                   "MATCH 'title: 民 OR 民'").fetchone()[0]
        assert 0 < indexed <= n
        assert _chars_index_ok(old)


def test_the_table_lines_are_the_records_fields(tmp_path):
    """`entries`' table reads `entry_lines` (a tuple of LINE_FIELDS a line, no record made):
    the same entries, in the same order, with the same values as `entry_records`."""
    from datetime import date

    from dutylog.services import Dutylog, LogRequest
    from dutylog.store.queries import LINE_FIELDS

    with Dutylog.open(tmp_path / "home", today=date(2025, 6, 30)) as svc:
        svc.add_subject("王明", ["leader"])
        svc.link("王明", "enterprise", "海晟食品", since=date(2025, 1, 1))
        svc.log(LogRequest("enterprise-visit", "王明", date(2025, 3, 1), object="海晟食品", title="走访",
                           note="梁家庄村"))
        gone = svc.log(LogRequest("field-research", "王明", date(2025, 2, 1), days=1.5, four_no=True,
                                  place="梁家庄村", by="李秘书"))
        svc.delete(gone.id)
        for filters in ({}, {"search": "梁家庄村", "include_deleted": True}, {"include_deleted": True}):
            records = [tuple(r[f] for f in LINE_FIELDS) for r in svc.logbook.entry_records(**filters)]
            lines = [tuple(line) for line in svc.logbook.entry_lines(**filters)]
            assert lines == [(i, d, s, k, int(f), days, p, t, o, n, int(x), b)
                             for i, d, s, k, f, days, p, t, o, n, x, b in records] and lines, filters
