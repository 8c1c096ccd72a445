"""Merge bundles: export, import, round trips, idempotence and order independence."""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime

import pytest

from dutylog.domain.errors import Conflict, InvalidInput
from dutylog.i18n import words
from dutylog.store import ImportSummary, entry_to_record

from .bundle_helpers import dump, open_home, state
from .conftest import CST, entry


@pytest.fixture
def office(tmp_path):
    """A copy with a bit of everything."""
    store = open_home(tmp_path, "office")
    wang = store.subjects.add_subject("王明", ["leader", "cadre"])
    li = store.subjects.add_subject("李华", ["econ-dept-head"])
    firm = store.subjects.add_link(wang.id, "enterprise", "海阳某公司", date(2025, 1, 1))
    store.subjects.add_link(li.id, "town", "留格庄镇")
    store.entries.add_entry(entry(wang, kind="enterprise-visit", object_id=firm.id, title="走访",
                          four_no=True, place="开发区", people="张三", note="备注"))
    e = store.entries.add_entry(entry(wang, kind="court-case", appeared=False, date=date(2025, 4, 1)))
    store.entries.update_entry(e.id, "王明", appeared=True)
    store.entries.add_entry(entry(li, kind="patrol", patrol="river", days=0.5, extra={"river": "黄垒河"}))
    gone = store.entries.add_entry(entry(li, kind="diary", note="删掉的"))
    store.entries.delete_entry(gone.id, "李华")
    item = store.ledgers.add_item(subject_id=wang.id, type="supervision", title="督办",
                            note=None, opened=date(2025, 3, 1), due=date(2025, 3, 6),
                            due_given=False)
    store.ledgers.add_progress(item, date(2025, 3, 3), "进展")
    store.ledgers.add_trip(subject_id=li.id, requested=date(2025, 5, 1),
                     depart=date(2025, 5, 5), return_date=date(2025, 5, 7), emergency=False,
                     destination="北京")
    store.ledgers.set_holidays([(date(2030, 1, 1), "holiday", "元旦")])
    yield store
    store.close()


def test_bundle_layout(office, tmp_path):
    path = tmp_path / "out.jsonl"
    n = office.bundles.export_bundle(path, source="office-pc")
    raw = path.read_bytes()
    assert raw.endswith(b"\n")
    rows = [json.loads(x) for x in raw.decode("utf-8").splitlines()]
    header, body, end = rows[0], rows[1:-1], rows[-1]
    assert header["format"] == "dutylog-bundle" and header["version"] == 1
    assert header["source"] == "office-pc" and header["records"] == n == len(body)
    assert datetime.fromisoformat(header["created"]).tzinfo is not None
    assert [r["type"] for r in body] == sorted(
        (r["type"] for r in body),
        key=["subject", "link", "entry", "ledger", "ledger_progress", "trip", "holiday"].index)
    before = raw[:raw.rindex(b"\n", 0, len(raw) - 1) + 1]
    assert end == {"type": "end", "sha256": hashlib.sha256(before).hexdigest()}
    assert "王明".encode() in raw  # UTF-8, not \\u escapes
    entries = [r for r in body if r["type"] == "entry"]
    assert all(set(r) >= {"id", "subject", "kind", "date", "days", "four_no", "title", "place",
                          "people", "note", "object", "recorded_by", "updated_at", "deleted"}
               for r in entries)
    assert {r["patrol"] for r in entries} == {None, "river"}
    assert any(r.get("river") == "黄垒河" for r in entries)  # kind-specific extra field
    assert any(r["deleted"] for r in entries)
    assert not list(tmp_path.glob(".out.jsonl*"))  # no temp files left


def test_round_trip_into_a_fresh_home(office, tmp_path):
    path = tmp_path / "b.jsonl"
    office.bundles.export_bundle(path)
    with open_home(tmp_path, "laptop") as laptop:
        summary = laptop.bundles.import_bundle(path)
        assert summary == ImportSummary(added=12, updated=0, unchanged=0, conflicts=[],
                                        older_kept=0)
        assert state(laptop) | {"history": []} == state(office) | {"history": []}
        for e in office.entries.query_entries(include_deleted=True):
            assert entry_to_record(laptop.entries.get_entry(e.id)) == entry_to_record(e)
        assert laptop.entries.query_entries(search="开发区")[0].title == "走访"
        assert [x.title for x in laptop.ledgers.list_items()] == ["督办"]


def test_reimport_changes_nothing(office, tmp_path):
    path = tmp_path / "b.jsonl"
    office.bundles.export_bundle(path)
    before = state(office)
    history = office.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    summary = office.bundles.import_bundle(path)
    assert summary.added == summary.updated == summary.older_kept == 0
    assert summary.unchanged == 12 and summary.conflicts == []
    assert state(office) == before
    assert office.conn.execute("SELECT count(*) FROM history").fetchone()[0] == history
    with open_home(tmp_path, "laptop") as laptop:
        laptop.bundles.import_bundle(path)
        once = state(laptop)
        assert laptop.bundles.import_bundle(path).unchanged == 12
        assert state(laptop) == once


def _diverge(tmp_path, office):
    """Office's data copied to A and B, then edited on both (B's edits later)."""
    base = tmp_path / "base.jsonl"
    office.bundles.export_bundle(base)
    a = open_home(tmp_path, "a", datetime(2025, 8, 1, tzinfo=CST))
    b = open_home(tmp_path, "b", datetime(2025, 9, 1, tzinfo=CST))
    for copy in (a, b):
        copy.bundles.import_bundle(base)
    visit = office.entries.query_entries(kinds="enterprise-visit")[0]
    court = office.entries.query_entries(kinds="court-case")[0]
    patrol = office.entries.query_entries(kinds="patrol")[0]
    wang = a.subjects.get_subject("王明")
    a.entries.update_entry(visit.id, "甲", title="A 的标题")
    b.entries.update_entry(visit.id, "乙", title="B 的标题", note="B 改")
    a.entries.delete_entry(court.id, "甲")                     # delete on A, edit on B (later)
    b.entries.update_entry(court.id, "乙", place="法院")
    b.entries.delete_entry(patrol.id, "乙")                    # only B touches the patrol
    a.entries.add_entry(entry(wang, kind="diary", note="A 新增"))
    b.entries.add_entry(entry(wang, kind="diary", note="B 新增"))
    b.subjects.update_subject(wang.id, roles=["leader"])
    return base, a, b, visit, court


def test_a_then_b_equals_b_then_a(office, tmp_path):
    base, a, b, visit, court = _diverge(tmp_path, office)
    pa, pb = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.bundles.export_bundle(pa)
    b.bundles.export_bundle(pb)
    x = open_home(tmp_path, "x")
    y = open_home(tmp_path, "y")
    for p in (base, pa, pb):
        x.bundles.import_bundle(p)
    for p in (base, pb, pa):
        y.bundles.import_bundle(p)
    assert state(x) == state(y)
    # and the two laptops, each importing the other's bundle, agree too
    sa = a.bundles.import_bundle(pb)
    sb = b.bundles.import_bundle(pa)
    assert state(a) == state(b) == state(x)
    merged = x.entries.get_entry(visit.id)
    assert (merged.title, merged.note) == ("B 的标题", "B 改")  # later edit won
    assert not x.entries.get_entry(court.id).deleted and x.entries.get_entry(court.id).place == "法院"
    titles = {v["title"] for v in x.entries.history("entry", visit.id)}
    assert titles == {"走访", "A 的标题", "B 的标题"}  # the losing edit stays in history
    # each side reports the two records both changed, naming id prefix, date and kind
    for s in (sa, sb):
        assert len(s.conflicts) == 2
        assert any(str(c).startswith(f"entry {visit.id[:8]} 2025-03-02 enterprise-visit")
                   for c in s.conflicts)
        assert any(court.id[:8] in str(c) for c in s.conflicts)
    assert "replaced ours" in " ".join(map(str, sa.conflicts))
    assert "was kept" in " ".join(map(str, sb.conflicts))
    # worded in the run's language at the edge (the CLI's import summary)
    line = next(c for c in sb.conflicts if c.label.startswith(visit.id[:8])).worded(words("zh"))
    assert line.startswith(f"记录 {visit.id[:8]} 2025-03-02 enterprise-visit：两边都改过；保留了这里的版本（"), line
    # A takes B's four newer versions (visit, court, patrol, subject); B keeps its own
    assert (sa.updated, sa.older_kept, sb.updated, sb.older_kept) == (4, 0, 0, 4)
    # merging again changes nothing anywhere
    for store, p in ((a, pb), (b, pa), (x, pa), (y, pb)):
        snap = state(store)
        again = store.bundles.import_bundle(p)
        assert again.conflicts == [] and again.added == again.updated == 0
        assert state(store) == snap
    for s in (a, b, x, y):
        s.close()


def test_plain_update_is_not_a_conflict(office, tmp_path):
    """A → B, B edits, B → A: A's version is an ancestor of B's, no conflict."""
    pa, pb = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    visit = office.entries.query_entries(kinds="enterprise-visit")[0]
    office.entries.update_entry(visit.id, "王明", note="办公室改")
    office.bundles.export_bundle(pa)
    with open_home(tmp_path, "b", datetime(2025, 9, 1, tzinfo=CST)) as b:
        b.bundles.import_bundle(pa)
        b.entries.update_entry(visit.id, "乙", note="笔记本改")
        b.entries.update_entry(visit.id, "乙", note="笔记本再改")
        b.bundles.export_bundle(pb)
    summary = office.bundles.import_bundle(pb)
    assert summary.updated == 1 and summary.conflicts == []
    assert office.entries.get_entry(visit.id).note == "笔记本再改"


def test_same_subject_and_link_created_on_two_laptops(tmp_path):
    a = open_home(tmp_path, "a")
    b = open_home(tmp_path, "b", datetime(2025, 9, 1, tzinfo=CST))
    for copy, who in ((a, "甲"), (b, "乙")):
        wang = copy.subjects.add_subject("王明", ["leader"])
        firm = copy.subjects.add_link(wang.id, "enterprise", "海阳某公司")
        copy.entries.add_entry(entry(wang, kind="enterprise-visit", object_id=firm.id, note=who))
    pa, pb = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.bundles.export_bundle(pa)
    b.bundles.export_bundle(pb)
    summary = b.bundles.import_bundle(pa)
    assert summary.added == 1  # A's entry; A's subject and link map onto B's
    assert len(b.subjects.list_subjects()) == 1
    wang = b.subjects.get_subject("王明")
    assert len(b.subjects.links(wang.id)) == 1
    notes = sorted(e.note for e in b.entries.query_entries(subject_id=wang.id))
    assert notes == ["乙", "甲"]
    assert {e.object_id for e in b.entries.query_entries()} == {b.subjects.links(wang.id)[0].id}
    aliases = dict(b.conn.execute("SELECT record_type, count(*) FROM aliases GROUP BY 1"))
    assert aliases == {"subject": 1, "link": 1}
    snap = state(b)
    assert b.bundles.import_bundle(pa).added == 0
    assert state(b) == snap
    a.bundles.import_bundle(pb)
    assert [s.name for s in a.subjects.list_subjects()] == ["王明"]
    assert len(a.entries.query_entries()) == 2
    a.close()
    b.close()


def test_export_filters(office, tmp_path):
    wang = office.subjects.get_subject("王明")
    path = tmp_path / "w.jsonl"
    n = office.bundles.export_bundle(path, subject_id="王明")
    body = [json.loads(x) for x in path.read_text("utf-8").splitlines()[1:-1]]
    assert n == len(body)
    assert {r.get("subject", r.get("id")) for r in body if r["type"] in ("entry", "link")} \
        == {wang.id}
    assert [r["name"] for r in body if r["type"] == "subject"] == ["王明"]
    kinds = {r["type"] for r in body}
    assert "trip" not in kinds and {"ledger", "ledger_progress"} <= kinds


def test_since_takes_activities_from_that_day_and_keeps_references(tmp_path):
    clock_start = datetime(2025, 3, 10, tzinfo=CST)
    with open_home(tmp_path, "o", clock_start) as store:
        wang = store.subjects.add_subject("王明", ["leader"])
        firm = store.subjects.add_link(wang.id, "enterprise", "甲公司")
        store.entries.add_entry(entry(wang, date=date(2025, 1, 20)))  # recorded late: still before --since
        new = store.entries.add_entry(entry(wang, kind="enterprise-visit", object_id=firm.id,
                                    date=date(2025, 2, 1)))
        path = tmp_path / "s.jsonl"
        assert store.bundles.export_bundle(path, since=date(2025, 2, 1)) == 3
        body = [json.loads(x) for x in path.read_text("utf-8").splitlines()[1:-1]]
        assert [(r["type"], r["id"]) for r in body] == [
            ("subject", wang.id), ("link", firm.id), ("entry", new.id)]
        with pytest.raises(InvalidInput):
            store.bundles.export_bundle(path, since="March")


def test_sensitive_entries_stay_home_unless_asked(store, wang, tmp_path):
    store.entries.add_entry(entry(wang, sensitive=True, note="谈话"))
    store.entries.add_entry(entry(wang))
    assert store.bundles.export_bundle(tmp_path / "1.jsonl") == 2  # subject + the plain entry
    assert store.bundles.export_bundle(tmp_path / "2.jsonl", include_sensitive=True) == 3


def test_export_to_a_destination_sends_only_changes(store, wang, tmp_path):
    e = store.entries.add_entry(entry(wang))
    assert store.bundles.export_bundle(tmp_path / "1.jsonl", to="laptop") == 2
    assert store.bundles.export_bundle(tmp_path / "2.jsonl", to="laptop") == 0
    store.entries.update_entry(e.id, "王明", note="改")
    assert store.bundles.export_bundle(tmp_path / "3.jsonl", to="laptop") == 2  # entry + its subject
    assert store.bundles.export_bundle(tmp_path / "4.jsonl", to="usb") == 2
    # a record arriving later with an older timestamp still goes out next time
    other = tmp_path / "other.jsonl"
    with open_home(tmp_path, "old", datetime(2020, 1, 1, tzinfo=CST)) as old:
        w = old.subjects.add_subject("王明", ["leader"])
        old.entries.add_entry(entry(w, note="旧"))
        old.bundles.export_bundle(other)
    store.bundles.import_bundle(other)
    out = tmp_path / "5.jsonl"
    assert store.bundles.export_bundle(out, to="laptop") == 2
    assert "旧" in out.read_text("utf-8")
    marks = store.conn.execute("SELECT destination FROM export_marks").fetchall()
    assert {m[0] for m in marks} == {"laptop", "usb"}


def test_export_to_a_missing_folder(store, wang, tmp_path):
    with pytest.raises(InvalidInput) as info:
        store.bundles.export_bundle(tmp_path / "nope" / "b.jsonl")
    assert words("en").refusal(info.value).endswith("nope does not exist")
    assert words("zh").refusal(info.value).endswith("nope 不存在")


def test_progress_and_validate_record_callbacks(office, tmp_path):
    path = tmp_path / "b.jsonl"
    office.bundles.export_bundle(path)
    seen, calls = [], []
    with open_home(tmp_path, "l") as laptop:
        laptop.bundles.import_bundle(path, validate_record=lambda r: seen.append(r) or None,
                             progress=lambda done, total: calls.append((done, total)))
    entries = [r for r in seen if r["type"] == "entry"]
    assert len(seen) == 12 and len(entries) == 4  # every record, each with its type
    assert {"kind", "date", "days", "object", "appeared", "patrol"} <= set(entries[0])
    assert any(r.get("river") == "黄垒河" for r in entries)
    assert all("roles" in r for r in seen if r["type"] == "subject")
    assert all("link_type" in r for r in seen if r["type"] == "link")
    assert calls[0] == (0, 12) and calls[-1] == (12, 12)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def _diary_bundle(tmp_path, home: str, name: str, diaries: list[dict]):
    """A data folder `home` keeping `name` (a leader) and a diary entry with each of
    `diaries`' fields, exported whole: (the subject, the bundle's path)."""
    store = open_home(tmp_path, home)
    subject = store.subjects.add_subject(name, ["leader"])
    for fields in diaries:
        store.entries.add_entry(entry(subject, kind="diary", **fields))
    path = tmp_path / f"{home}.jsonl"
    store.bundles.export_bundle(path)
    return subject, path


def _entry_indexes(store) -> list[tuple[str, str]]:
    return store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND "
                              "tbl_name = 'entries' ORDER BY name").fetchall()


def test_a_bundle_larger_than_the_table_rebuilds_its_indexes_once(tmp_path, monkeypatch):
    """A large import into a smaller table drops the entries' secondary indexes and builds
    them again after the rows (issue 14 §7: sorted builds instead of random inserts): the
    indexes come back exactly, searches and lists find the rows, and a refused import
    leaves the indexes as they were."""
    from dutylog.store import bundle_import

    monkeypatch.setattr(bundle_import, "BULK_FTS", 50)  # "large" from 50 entries
    wang, bundle = _diary_bundle(tmp_path, "laptop", "王明", [
        dict(date=date(2025, 1, 1 + i % 28), note=f"走访第{i}户 梁家庄村") for i in range(120)])
    office = open_home(tmp_path, "office")
    indexes = _entry_indexes(office)
    assert len([n for n, sql in indexes if sql]) >= 3
    dropped: list[str] = []
    real = bundle_import._drop_entry_indexes
    monkeypatch.setattr(bundle_import, "_drop_entry_indexes",
                        lambda conn: dropped.extend(real(conn)) or list(dropped))
    assert office.bundles.import_bundle(bundle).added == 121
    assert dropped  # rebuilt: the bundle is larger than the (empty) table
    assert _entry_indexes(office) == indexes
    assert office.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(office.entries.query_entries(search="梁家庄村")) == 120
    assert len(office.entries.query_entries(search="走访第7户")) == 1
    plan = office.conn.execute("EXPLAIN QUERY PLAN SELECT id FROM entries WHERE subject_id = ? "
                               "AND deleted = 0 ORDER BY date", (wang.id,)).fetchall()
    assert "entries_subject_date" in str([tuple(r) for r in plan])

    # a smaller bundle into the now larger table: inserted into the indexes as they are
    dropped.clear()
    _, small = _diary_bundle(tmp_path, "more", "李华", [dict(note=f"第{i}篇") for i in range(60)])
    assert office.bundles.import_bundle(small).added == 61
    assert not dropped and _entry_indexes(office) == indexes
    # the first bundle again: as large as the table, but nothing in it is new
    assert office.bundles.import_bundle(bundle).unchanged == 121
    assert not dropped and _entry_indexes(office) == indexes

    # failing after the indexes were dropped (here: writing history breaks): everything
    # is rolled back, the indexes too
    fresh = open_home(tmp_path, "fresh")
    before = dump(fresh)
    dropped.clear()

    def broken(*args, **kwargs):
        if dropped:
            raise RuntimeError("disk gone")

    monkeypatch.setattr(bundle_import, "keep_history", broken)
    with pytest.raises(RuntimeError):
        fresh.bundles.import_bundle(bundle)
    assert dropped
    assert dump(fresh) == before
    assert _entry_indexes(fresh) == indexes


@pytest.mark.parametrize("bulk", [False, True], ids=["triggers", "bulk"])
def test_new_and_known_entries_in_one_bundle(tmp_path, monkeypatch, bulk):
    """New entries are inserted as they come (the ids already here found by the insert
    itself, issue 14 §7), known ones decided as before: counts, history, the bundle's
    order, and both searches find the merged text at once."""
    from dutylog.store import bundle_import

    if bulk:  # the path of a large merge: indexed in bulk after the rows
        monkeypatch.setattr(bundle_import, "BULK_FTS", 2)
    office = open_home(tmp_path, "office")
    wang = office.subjects.add_subject("王明", ["leader"])
    first = office.entries.add_entry(entry(wang, kind="diary", note="旧的记录"))
    same = office.entries.add_entry(entry(wang, kind="diary", note="不变"))
    pa, pb = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    office.bundles.export_bundle(pa)
    with open_home(tmp_path, "laptop", datetime(2025, 9, 1, tzinfo=CST)) as laptop:
        laptop.bundles.import_bundle(pa)
        laptop.entries.update_entry(first.id, "王明", note="新的说法")
        visit = laptop.entries.add_entry(entry(wang, kind="diary", note="梁家庄村走访"))
        sea = laptop.entries.add_entry(entry(wang, kind="diary", title="海"))
        laptop.bundles.export_bundle(pb)
    calls: list[tuple[int, int]] = []
    summary = office.bundles.import_bundle(pb, progress=lambda d, t: calls.append((d, t)))
    assert (summary.added, summary.updated, summary.conflicts) == (2, 1, [])
    assert summary.unchanged == 2  # 王明 and the entry nobody changed
    assert calls[-1] == (5, 5) and [d for d, _ in calls] == sorted(d for d, _ in calls)
    seqs = dict(office.conn.execute("SELECT id, seq FROM entries").fetchall())
    assert seqs[same.id] < seqs[visit.id] < seqs[sea.id]  # appended in the bundle's order
    old = office.conn.execute("SELECT version FROM history WHERE record_id = ?",
                              (first.id,)).fetchall()
    assert [json.loads(v)["note"] for (v,) in old] == ["旧的记录"]
    assert [e.id for e in office.entries.query_entries(search="梁家庄村")] == [visit.id]
    assert [e.id for e in office.entries.query_entries(search="海")] == [sea.id]
    assert [e.id for e in office.entries.query_entries(search="说法")] == [first.id]
    assert office.entries.query_entries(search="旧的") == []
    for table in ("entries_fts", "entries_fts_chars"):
        office.conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    # again: nothing new, nothing changed
    again = office.bundles.import_bundle(pb)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    office.close()


def test_only_a_known_id_is_passed_over(tmp_path, monkeypatch):
    """Inserting the new entries passes over a known id only: any other constraint an
    entry breaks still refuses the whole import, nothing written."""
    from dutylog.store import bundle_import

    _, bundle = _diary_bundle(tmp_path, "laptop", "王明", [dict(note=f"第{i}篇") for i in range(3)])
    office = open_home(tmp_path, "office")
    office.subjects.add_subject("李华", ["leader"])
    before = dump(office)
    real = bundle_import.record_to_row

    def broken(spec, rec):  # an entry without a kind (NOT NULL), past the checks
        row = real(spec, rec)
        if "第2篇" in (row.get("note") or ""):
            row["kind"] = None
        return row

    monkeypatch.setattr(bundle_import, "record_to_row", broken)
    with pytest.raises(Conflict):  # (SQLite: NOT NULL constraint failed: entries.kind)
        office.bundles.import_bundle(bundle)
    assert dump(office) == before
    office.close()
