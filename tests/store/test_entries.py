"""Entries: add, edit with history, tombstones, confirm, ids by prefix."""

from __future__ import annotations

import re
from datetime import date

import pytest

from dutylog.domain.errors import Conflict, InvalidInput, NotFound
from dutylog.i18n import words
from dutylog.store import entry_to_record

from .conftest import entry

said = words("en").refusal  # a refusal in English, as its code words it


def test_add_and_get(store, wang):
    firm = store.subjects.add_link(wang.id, "enterprise", "海阳某公司")
    e = store.entries.add_entry(entry(wang, kind="enterprise-visit", object_id=firm.id, title="走访",
                              four_no=True, days=None, extra={"weather": "晴"}))
    assert len(e.id) == 36 and e.updated_at
    got = store.entries.get_entry(e.id)
    assert got == e and got.extra == {"weather": "晴"}
    assert got.four_no is True and got.days is None and got.object_id == firm.id


def test_add_refusals_change_nothing(store, wang):
    other = store.subjects.add_subject("李华", ["cadre"])
    theirs = store.subjects.add_link(other.id, "enterprise", "乙公司")
    bad = [
        entry(wang, days=0), entry(wang, days=-1.5), entry(wang, kind=""),
        entry(wang, patrol="Sea!"), entry(wang, subject_id="nobody"),
        entry(wang, object_id=theirs.id), entry(wang, date="2025-03-02"),
        entry(wang, id="not-a-uuid"),
    ]
    for e in bad:
        with pytest.raises(InvalidInput):
            store.entries.add_entry(e)
    assert store.entries.count_entries(include_deleted=True) == 0


def test_update_keeps_every_version(store, wang, clock):
    e = store.entries.add_entry(entry(wang, title="初稿", recorded_by="李秘书"))
    e2 = store.entries.update_entry(e.id, "王明", title="二稿", days=0.5)
    e3 = store.entries.update_entry(e.id[:8], "李秘书", note="补充")
    assert (e3.title, e3.days, e3.note) == ("二稿", 0.5, "补充")
    assert e.updated_at < e2.updated_at < e3.updated_at
    versions = store.entries.history("entry", e.id)
    assert [v["title"] for v in versions] == ["初稿", "二稿", "二稿"]
    assert [v["changed_by"] for v in versions] == ["李秘书", "王明", "李秘书"]
    assert [v["reason"] for v in versions] == ["add", "edit", "edit"]
    assert [v["changed_at"] for v in versions] == [e.updated_at, e2.updated_at, e3.updated_at]
    assert versions[-1] == {**entry_to_record(e3), "changed_by": "李秘书",
                            "changed_at": e3.updated_at, "reason": "edit"}


def test_update_without_change_writes_nothing(store, wang):
    e = store.entries.add_entry(entry(wang, title="同"))
    same = store.entries.update_entry(e.id, "王明", title="同")
    assert same.updated_at == e.updated_at
    assert len(store.entries.history("entry", e.id)) == 1


def test_update_refusals(store, wang):
    e = store.entries.add_entry(entry(wang))
    with pytest.raises(InvalidInput) as info:
        store.entries.update_entry(e.id, "王明", updated_at="x")
    assert re.search("cannot change", said(info.value)), said(info.value)
    with pytest.raises(InvalidInput):
        store.entries.update_entry(e.id, "王明", days=0)
    assert store.entries.get_entry(e.id) == e
    assert len(store.entries.history("entry", e.id)) == 1


def test_delete_and_undelete(store, wang):
    e = store.entries.add_entry(entry(wang))
    gone = store.entries.delete_entry(e.id, "王明")
    assert gone.deleted
    assert store.entries.query_entries() == []
    assert [x.id for x in store.entries.query_entries(include_deleted=True)] == [e.id]
    assert store.entries.entries_in_range(wang.id, date(2025, 1, 1), date(2025, 12, 31)) == []
    with pytest.raises(Conflict):
        store.entries.delete_entry(e.id, "王明")
    with pytest.raises(Conflict) as info:
        store.entries.update_entry(e.id, "王明", note="x")
    assert re.search("undelete", said(info.value)), said(info.value)
    back = store.entries.undelete_entry(e.id, "王明")
    assert not back.deleted
    with pytest.raises(Conflict):
        store.entries.undelete_entry(e.id, "王明")
    assert [v["deleted"] for v in store.entries.history("entry", e.id)] == [False, True, False]
    assert [v["reason"] for v in store.entries.history("entry", e.id)] == ["add", "delete", "undelete"]


def test_confirm(store, wang):
    e = store.entries.add_entry(entry(wang, recorded_by="李秘书"))
    c = store.entries.confirm_entry(e.id, "王明")
    assert c.confirmed_by == "王明"
    assert entry_to_record(c)["confirmed_by"] == "王明"
    assert store.entries.history("entry", e.id)[-1]["reason"] == "confirm"
    with pytest.raises(InvalidInput):
        store.entries.confirm_entry(e.id, " ")


def test_prefix_ids(store, wang):
    ids = ["12345678-aaaa-4aaa-8aaa-000000000001", "12345678-bbbb-4bbb-8bbb-000000000002",
           "abcdef01-0000-4000-8000-000000000003"]
    for i in ids:
        store.entries.add_entry(entry(wang, id=i))
    assert store.entries.get_entry("ABCDEF01").id == ids[2]
    assert store.entries.get_entry("12345678-a").id == ids[0]
    assert store.entries.get_entry(ids[1]).id == ids[1]
    with pytest.raises(InvalidInput) as info:
        store.entries.get_entry("abcdef0")
    assert re.search("at least 8", said(info.value)), said(info.value)
    with pytest.raises(Conflict) as info:
        store.entries.get_entry("12345678")
    assert "12345678-aaaa" in said(info.value) and "12345678-bbbb" in said(info.value)
    with pytest.raises(NotFound):
        store.entries.get_entry("ffffffff")
    with pytest.raises(NotFound):
        store.entries.get_entry("zzzzzzzzzz")
    with pytest.raises(Conflict):
        store.entries.add_entry(entry(wang, id=ids[0]))


def test_entry_to_record_field_names(store, wang):
    firm = store.subjects.add_link(wang.id, "enterprise", "海阳某公司")
    e = store.entries.add_entry(entry(wang, kind="court-case", appeared=True, object_id=firm.id))
    rec = entry_to_record(e)
    assert list(rec) == ["type", "id", "subject", "kind", "date", "days", "four_no", "title",
                         "place", "people", "note", "object", "recorded_by", "updated_at",
                         "deleted", "appeared", "patrol", "confirmed_by", "sensitive"]
    assert rec["date"] == "2025-03-02" and rec["appeared"] is True and rec["object"] == firm.id
    named = store.entry_to_record(e, subject_name="王明", object_name="海阳某公司")
    assert named["subject_name"] == "王明" and named["object_name"] == "海阳某公司"
    assert store.entry_to_record(e, subject_name="王明")["object_name"] is None


def test_entry_records_straight_from_the_rows_equal_the_records_of_the_entries(store, wang):
    """`entries --json` reads records straight from the rows (issue 14 §7): each must be
    exactly the record of the Entry the old path built, key order included, whatever the
    fields (an object, a half day, no days, appeared yes/no/unknown, a patrol with an extra
    field, a deleted entry, a confirmation)."""
    import json

    from dutylog.store.queries import entry_records

    li = store.subjects.add_subject("李华", ["econ-dept-head"])
    firm = store.subjects.add_link(wang.id, "enterprise", "海阳某公司", date(2025, 1, 1))
    store.entries.add_entry(entry(wang, kind="enterprise-visit", object_id=firm.id, title="走访",
                                  four_no=True, place="开发区", people="张三", note="备注"))
    court = store.entries.add_entry(entry(wang, kind="court-case", appeared=False, date=date(2025, 4, 1)))
    store.entries.add_entry(entry(wang, kind="court-case", date=date(2025, 4, 2)))
    store.entries.update_entry(court.id, "王明", appeared=True)
    store.entries.add_entry(entry(li, kind="patrol", patrol="river", days=0.5,
                                  extra={"river": "黄垒河", "a": 1}))
    store.entries.add_entry(entry(li, kind="field-research", days=None, confirmed_by="李华"))
    gone = store.entries.add_entry(entry(li, kind="diary", note="删掉的"))
    store.entries.delete_entry(gone.id, "李华")
    names = {wang.id: "王明", li.id: "李华", firm.id: "海阳某公司"}

    def old(**filters):
        return [entry_to_record(e, names[e.subject_id], names.get(e.object_id))
                for e in store.entries.query_entries(**filters)]

    for filters in ({}, {"include_deleted": True}, {"subject_id": li.id},
                    {"kinds": ["court-case"]}, {"search": "开发区"}, {"search": "走"},
                    {"date_from": "2025-04-02"}, {"limit": 2}):
        got = list(entry_records(store.db, **filters))
        assert json.dumps(got, ensure_ascii=False) == json.dumps(old(**filters), ensure_ascii=False), filters
    assert len(list(entry_records(store.db, include_deleted=True))) == 6


def test_entry_record_texts_are_the_records_as_json(store, wang):
    """`entries --json` takes each record's JSON text from SQLite's JSON functions: it must
    be the JSON of `entry_records`' record, key order included, extra fields and all."""
    import json

    from dutylog.store.queries import entry_record_texts, entry_records

    li = store.subjects.add_subject("李华", ["econ-dept-head"])
    firm = store.subjects.add_link(wang.id, "enterprise", "海阳\"某\"公司\n", date(2025, 1, 1))
    store.entries.add_entry(entry(wang, kind="enterprise-visit", object_id=firm.id, title="走访 \"一\"",
                                  four_no=True, place="开发区\t东", people="张三", note="备注\n第二行"))
    store.entries.add_entry(entry(wang, kind="court-case", appeared=False, date=date(2025, 4, 1)))
    store.entries.add_entry(entry(wang, kind="court-case", appeared=True, date=date(2025, 4, 2)))
    store.entries.add_entry(entry(li, kind="patrol", patrol="river", days=0.5,
                                  extra={"river": "黄垒河", "a": [1, 2]}))
    store.entries.add_entry(entry(li, kind="field-research", days=1.0, confirmed_by="李华"))
    store.entries.add_entry(entry(li, kind="field-research", days=None, sensitive=True))
    gone = store.entries.add_entry(entry(li, kind="diary", note="删掉的"))
    store.entries.delete_entry(gone.id, "李华")
    for filters in ({}, {"include_deleted": True}, {"subject_id": li.id}, {"limit": 3},
                    {"search": "开发区"}):
        texts = list(entry_record_texts(store.db, **filters))
        records = list(entry_records(store.db, **filters))
        assert [json.loads(t) for t in texts] == records, filters
        assert [list(json.loads(t)) for t in texts] == [list(r) for r in records]  # key order
    assert len(list(entry_record_texts(store.db, include_deleted=True))) == 7
