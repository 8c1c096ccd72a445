"""Listing and searching entries: substrings in Chinese, wildcards, quotes, paging, plans."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutylog.domain.errors import InvalidInput

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
        ids[key] = store.add_entry(entry(wang, date=date(2025, 3, 1 + n), **texts)).id
    return ids


def found(store, seeded, text):
    by_id = {v: k for k, v in seeded.items()}
    return sorted(by_id[e.id] for e in store.query_entries(search=text))


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
    assert store.count_entries(search=text) == len(keys)


def test_search_skips_deleted_and_follows_edits(store, seeded):
    store.delete_entry(seeded["a"], "王明")
    assert found(store, seeded, "留格庄") == []
    assert [e.id for e in store.query_entries(search="留格庄", include_deleted=True)] == [seeded["a"]]
    store.undelete_entry(seeded["a"], "王明")
    store.update_entry(seeded["a"], "王明", place="大阎家镇")
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
    li = store.add_subject("李华", ["cadre"])
    start = date(2025, 1, 1)
    for i in range(30):
        store.add_entry(entry(wang if i % 2 else li, date=start + timedelta(days=i),
                              kind="diary" if i % 3 else "party-lecture"))
    assert store.count_entries() == 30
    assert store.count_entries(subject_id=wang.id) == 15
    assert store.count_entries(kinds=["party-lecture"]) == 10
    assert store.count_entries(kinds="diary", subject_id=li.id) == 10
    assert store.count_entries(kinds=[]) == 0
    assert store.count_entries(date_from=date(2025, 1, 11), date_to="2025-01-20") == 10
    with pytest.raises(InvalidInput):
        store.query_entries(date_from="2025-13-01")
    with pytest.raises(InvalidInput):
        store.query_entries(order="title")
    every = store.query_entries()
    assert [e.date for e in every] == sorted(e.date for e in every)
    assert store.query_entries(desc=True) == every[::-1]
    pages = [store.query_entries(limit=7, offset=o) for o in range(0, 30, 7)]
    assert [e for p in pages for e in p] == every
    keyset, after = [], None
    while page := store.query_entries(limit=7, after=after):
        keyset += page
        after = (page[-1].date, page[-1].id)
    assert keyset == every
    back, after = [], None
    while page := store.query_entries(limit=4, after=after, desc=True):
        back += page
        after = (page[-1].date, page[-1].id)
    assert back == every[::-1]
    assert store.query_entries(order="updated_at")[0] == every[0]


def test_entries_in_range(store, wang):
    li = store.add_subject("李华", ["cadre"])
    for d in (date(2024, 12, 31), date(2025, 1, 1), date(2025, 6, 1), date(2025, 12, 31),
              date(2026, 1, 1)):
        store.add_entry(entry(wang, date=d))
        store.add_entry(entry(li, date=d))
    got = store.entries_in_range(wang.id, date(2025, 1, 1), date(2025, 12, 31))
    assert [e.date.isoformat() for e in got] == ["2025-01-01", "2025-06-01", "2025-12-31"]
    assert {e.subject_id for e in got} == {wang.id}


def _plan(store, sql, params):
    return " ".join(r[3] for r in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_status_query_uses_subject_date_index(store, wang):
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        store.entries_in_range(wang.id, date(2025, 1, 1), date(2025, 12, 31))
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
