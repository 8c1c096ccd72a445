"""Merging laptops, computed by hand.

Two laptops, A (the leader's) and B (the secretary's), hand in bundles about subject 王明.
Entries (times on 1 June 2025, neither side has seen the other's version):
  e1  only in A                                   → added
  e2  only in B                                   → added
  e3  the same version in both (08:00)            → unchanged
  e4  A edits at 10:00 ("A改"), B at 11:00 ("B改") → B's wins, A's stays in history
  e5  A deletes at 12:00, B edits at 09:00         → deleted; B's edit in history
  e6  A deletes at 09:00, B edits at 12:00         → B's edit wins, the entry stays
Either order gives the same entries, the same current versions and the same histories.
"""

from __future__ import annotations

import pytest

FIELDS = ("date", "note", "deleted", "updated_at")

@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The summaries below are checked in English (Chinese: tests/records/test_merge_day.py)."""
    monkeypatch.setenv("DUTYLOG_LANG", "en")



@pytest.fixture
def bundles(hb, tmp_path):
    s = hb.subject()
    a = [s, hb.entry(1, hb.t(8), note="只在A"), hb.entry(3, hb.t(8), note="两边一样"),
         hb.entry(4, hb.t(10), note="A改"), hb.entry(5, hb.t(12), note="原", deleted=True),
         hb.entry(6, hb.t(9), note="原", deleted=True)]
    b = [s, hb.entry(2, hb.t(8), note="只在B", by="李秘书"), hb.entry(3, hb.t(8), note="两边一样"),
         hb.entry(4, hb.t(11), note="B改"), hb.entry(5, hb.t(9), note="B改了"),
         hb.entry(6, hb.t(12), note="B改了")]
    return (hb.write_bundle(tmp_path / "a.jsonl", a, source="laptop-a"),
            hb.write_bundle(tmp_path / "b.jsonl", b, source="pc-b", checksum=False))


def imported(run, monkeypatch, home, *paths):
    monkeypatch.setenv("DUTYLOG_HOME", str(home))
    outputs = []
    for p in paths:
        r = run("import", p)
        assert r.code == 0, r.err
        outputs.append(r.out)
    return outputs


def state(run):
    """Every entry (deleted ones too) and every version of each, without who/how."""
    entries = sorted(run("entries", "--deleted", "--json").json, key=lambda e: e["id"])
    histories = {e["id"]: [tuple(v[f] for f in FIELDS) for v in run("history", e["id"], "--json").json]
                 for e in entries}
    return entries, histories


def test_both_orders_give_the_same_database(run, monkeypatch, tmp_path, bundles, hb):
    a, b = bundles
    out_ab = imported(run, monkeypatch, tmp_path / "ab", a, b)
    entries_ab, hist_ab = state(run)
    out_ba = imported(run, monkeypatch, tmp_path / "ba", b, a)
    entries_ba, hist_ba = state(run)

    assert entries_ab == entries_ba
    assert hist_ab == hist_ba
    current = {int(e["id"][:8], 16): (e["note"], e["deleted"]) for e in entries_ab}
    assert current == {1: ("只在A", False), 2: ("只在B", False), 3: ("两边一样", False),
                       4: ("B改", False), 5: ("原", True), 6: ("B改了", False)}
    assert len({e["subject"] for e in entries_ab}) == 1
    assert hist_ab[hb.uid(4)] == [("2025-03-02", "A改", False, hb.t(10)), ("2025-03-02", "B改", False, hb.t(11))]
    assert hist_ab[hb.uid(5)] == [("2025-03-02", "B改了", False, hb.t(9)), ("2025-03-02", "原", True, hb.t(12))]
    assert hist_ab[hb.uid(6)] == [("2025-03-02", "原", True, hb.t(9)), ("2025-03-02", "B改了", False, hb.t(12))]
    assert hist_ab[hb.uid(3)] == [("2025-03-02", "两边一样", False, hb.t(8))]

    # A into an empty database: subject + 5 entries added
    assert out_ab[0].splitlines()[0].startswith("added 6, updated 0, unchanged 0, conflicts resolved 0")
    # then B: e2 added; subject and e3 unchanged; e4, e6 updated; e5 older (ours kept)
    summary = out_ab[1].splitlines()
    assert summary[0].startswith("added 1, updated 2, unchanged 3, conflicts resolved 3")
    conflicts = [s for s in summary[1:] if s.startswith("  conflict:")]
    assert len(conflicts) == 3
    assert sorted(c.split()[2] for c in conflicts) == [hb.uid(n)[:8] for n in (4, 5, 6)]
    # B then A: e1 added; subject, e3 unchanged; e5 updated; e4, e6 older
    assert out_ba[1].splitlines()[0].startswith("added 1, updated 1, unchanged 4, conflicts resolved 3")


def test_reimport_changes_nothing(run, monkeypatch, tmp_path, bundles):
    a, b = bundles
    imported(run, monkeypatch, tmp_path / "x", a, b)
    before = state(run)
    db = tmp_path / "x" / "dutylog.db"
    for bundle in (a, b, a):
        r = run("import", bundle)
        assert r.code == 0
        first = r.out.splitlines()[0]
        assert first.startswith("added 0, updated 0, unchanged 6, conflicts resolved 0"), first
    assert state(run) == before
    assert db.exists()


def test_later_edit_that_saw_ours_is_not_a_conflict(run, monkeypatch, tmp_path, hb):
    """B edited e4 after receiving A's version (A's stamp in B's `seen`): a plain update."""
    first = hb.write_bundle(tmp_path / "1.jsonl", [hb.subject(), hb.entry(4, hb.t(10), note="A改")])
    later = hb.write_bundle(tmp_path / "2.jsonl", [hb.subject(), hb.entry(4, hb.t(11), note="B接着改",
                                                                         seen=[hb.t(10)])])
    out = imported(run, monkeypatch, tmp_path / "y", first, later)
    assert out[1].splitlines() == ["added 0, updated 1, unchanged 1, conflicts resolved 0"]
    assert [v["note"] for v in run("history", hb.uid(4), "--json").json] == ["A改", "B接着改"]


def test_subject_made_on_two_laptops_is_one_subject(run, monkeypatch, tmp_path, hb):
    """Both laptops added 王明 themselves (different ids): the import maps theirs to ours."""
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "z"))
    assert run("subject", "add", "王明", "--role", "leader", "--role", "cadre").code == 0
    bundle = hb.write_bundle(tmp_path / "b.jsonl", [hb.subject(), hb.entry(7, hb.t(8), note="秘书记")])
    assert run("import", bundle).code == 0
    assert len(run("subject", "list", "--json").json) == 1
    items = run("entries", "--json").json
    assert [e["subject_name"] for e in items] == ["王明"]
    assert run("import", bundle).out.startswith("added 0, updated 0")


def test_refused_bundle_changes_nothing(run, monkeypatch, tmp_path, hb):
    """All or nothing: the third record is invalid, so the first two are not written either."""
    bad = hb.write_bundle(tmp_path / "bad.jsonl", [hb.subject(), hb.entry(1, hb.t(8), note="好"),
                                                    hb.entry(2, hb.t(8), kind="no-such-kind")])
    r = run("import", bad)
    assert r.code == 2 and "line 4: unknown kind 'no-such-kind'" in r.err and r.err.count("\n") == 1
    assert run("subject", "list", "--json").json == []


def test_two_laptops_that_each_added_the_subject(run, monkeypatch, tmp_path, hb):
    """Laptop A and PC B each added 王明 (ids S1 and S2) and each linked 甲公司 under its own
    id. An office imports both bundles: one subject, one link, all four entries — in either
    order the same entries by id, names, objects and current versions."""
    s2 = "22222222-2222-4222-8222-222222222222"
    la, lb = hb.uid(901), hb.uid(902)

    def link(lid, sid):
        return {"type": "link", "id": lid, "subject": sid, "link_type": "enterprise", "name": "甲公司",
                "since": "2025-01-01", "until": None, "updated_at": hb.t(7)}

    a = [hb.subject(), link(la, hb.S1), hb.entry(1, hb.t(8), note="A一"),
         hb.entry(2, hb.t(8), kind="enterprise-visit", object=la, note="A访")]
    b = [hb.subject(updated_at=hb.t(6), sid=s2), link(lb, s2),
         {**hb.entry(3, hb.t(8), note="B一"), "subject": s2},
         {**hb.entry(4, hb.t(8), kind="enterprise-visit", object=lb, note="B访"), "subject": s2}]
    pa = hb.write_bundle(tmp_path / "a.jsonl", a)
    pb = hb.write_bundle(tmp_path / "b.jsonl", b)
    views = []
    for order, home in (((pa, pb), "ab"), ((pb, pa), "ba")):
        imported(run, monkeypatch, tmp_path / home, *order)
        assert [s["name"] for s in run("subject", "list", "--json").json] == ["王明"]
        assert [ln["name"] for ln in run("links", "王明", "--json").json] == ["甲公司"]
        entries = sorted(run("entries", "--json").json, key=lambda e: e["id"])
        views.append([(e["id"], e["subject_name"], e["object_name"], e["note"], e["updated_at"])
                      for e in entries])
        for bundle in order:  # re-importing either changes nothing
            assert run("import", bundle).out.startswith("added 0, updated 0")
    assert views[0] == views[1]
    assert [v[2] for v in views[0]] == [None, "甲公司", None, "甲公司"]


def test_conflicts_are_worded_in_the_runs_language(run, monkeypatch, tmp_path, bundles, hb):
    """Chinese by default: the kept version of each record changed on both sides, with the
    record's type in Chinese (not "entry …: changed on both sides" inside 冲突：)."""
    monkeypatch.delenv("DUTYLOG_LANG", raising=False)
    a, b = bundles
    lines = imported(run, monkeypatch, tmp_path / "zh", a, b)[1].splitlines()
    assert lines[0].startswith("新增 1，更新 2，未变 3，已解决冲突 3")
    conflicts = [s for s in lines[1:] if s.startswith("  冲突：记录 ")]
    assert sorted(c.split()[1] for c in conflicts) == [hb.uid(n)[:8] for n in (4, 5, 6)]
    assert not any("changed" in c or "ours" in c for c in conflicts), conflicts
    # e4 and e6: B's later versions replaced A's; e5: ours (deleted at 12:00) kept over B's
    assert sum("：两边都改过；采用了传入的版本（" in c for c in conflicts) == 2
    assert sum("：两边都改过；保留了这里的版本（" in c for c in conflicts) == 1
