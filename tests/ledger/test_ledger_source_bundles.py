"""A follow-up's source diary entry travels in merge bundles (the ledger record's `entry`)."""

from __future__ import annotations

import json
import uuid

from .conftest import refused


def _follow_up(run, wang, *extra):
    r = run("log", "diary", "--subject", wang, "--date", "2026-10-12", "--note", "反映灌溉渠堵塞",
            "--follow-up-due", "2026-10-20", *extra)
    assert r.code == 0, r.err
    return r.out.split()


def _records(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _rewrite(path, records):
    """Write records back without the header's count (so no end line is needed)."""
    header, *body = [r for r in records if r.get("type") != "end"]
    header.pop("records", None)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in [header, *body]),
                    encoding="utf-8")


def _sources(home):
    import sqlite3

    conn = sqlite3.connect(home / "dutylog.db")
    try:
        return conn.execute("SELECT item_id, entry_id FROM ledger_sources ORDER BY 1").fetchall()
    finally:
        conn.close()


def test_source_entry_round_trip(run, wang, tmp_path, monkeypatch):
    entry, item = _follow_up(run, wang)
    bundle = tmp_path / "b.jsonl"
    assert run("export", bundle).code == 0
    [ledger] = [r for r in _records(bundle) if r.get("type") == "ledger"]
    assert ledger["entry"] == entry
    other = tmp_path / "other"
    monkeypatch.setenv("DUTYLOG_HOME", str(other))
    r = run("import", bundle)
    assert r.code == 0, r.err
    [rec] = run("ledger", "list", "--json").json
    assert rec["id"] == item and rec["entry"] == entry
    before = _sources(other)
    assert before == [(item, entry)]
    r = run("import", bundle)  # re-import changes nothing
    assert r.code == 0, r.err
    assert _sources(other) == before
    assert run("ledger", "list", "--json").json == [rec]
    # and back again: the other copy's export names the same entry
    back = tmp_path / "back.jsonl"
    assert run("export", back).code == 0
    assert [r["entry"] for r in _records(back) if r.get("type") == "ledger"] == [entry]


def test_source_entry_outside_a_since_export_goes_along(run, wang, tmp_path, monkeypatch):
    entry, item = _follow_up(run, wang)
    bundle = tmp_path / "b.jsonl"
    assert run("ledger", "progress", item, "--date", "2026-10-14", "--note", "已疏通").code == 0
    assert run("export", bundle, "--since", "2026-10-13").code == 0
    assert entry in {r.get("id") for r in _records(bundle) if r.get("type") == "entry"}
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "other"))
    assert run("import", bundle).code == 0
    assert run("ledger", "list", "--json").json[0]["entry"] == entry


def test_sensitive_source_left_out_is_null(run, wang, tmp_path, monkeypatch):
    entry, item = _follow_up(run, wang, "--sensitive")
    bundle = tmp_path / "b.jsonl"
    assert run("export", bundle).code == 0
    records = _records(bundle)
    assert entry not in {r.get("id") for r in records}
    assert [r["entry"] for r in records if r.get("type") == "ledger"] == [None]
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "other"))
    r = run("import", bundle)
    assert r.code == 0, r.err
    assert run("ledger", "list", "--json").json[0]["entry"] is None


def test_bad_entry_reference_refused_whole(run, wang, tmp_path, monkeypatch, snapshot):
    entry, item = _follow_up(run, wang)
    bundle = tmp_path / "b.jsonl"
    assert run("export", bundle).code == 0
    records = _records(bundle)
    ghost = str(uuid.uuid4())
    number = next(n for n, r in enumerate(records, 1) if r.get("type") == "ledger")
    records[number - 1]["entry"] = ghost
    _rewrite(bundle, records)
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "other"))
    assert run("subject", "list").code == 0  # an empty home
    dump = snapshot()
    r = run("import", bundle)
    assert refused(r), r.err
    assert f"第 {number} 行：" in r.err and ghost in r.err
    assert snapshot() == dump
    records[number - 1]["entry"] = "not-a-uuid"
    _rewrite(bundle, records)
    r = run("import", bundle)
    assert refused(r), r.err
    assert f"第 {number} 行：" in r.err and "entry" in r.err
    assert snapshot() == dump


def test_entry_reference_order_independent_within_bundle(run, wang, tmp_path, monkeypatch):
    entry, item = _follow_up(run, wang)
    bundle = tmp_path / "b.jsonl"
    assert run("export", bundle).code == 0
    records = _records(bundle)
    header, body = records[0], [r for r in records[1:] if r.get("type") != "end"]
    body.sort(key=lambda r: r.get("type") != "ledger")  # the item before its entry and subject
    _rewrite(bundle, [header, *body])
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "other"))
    r = run("import", bundle)
    assert r.code == 0, r.err
    assert run("ledger", "list", "--json").json[0]["entry"] == entry


def test_old_bundle_without_entry_field(run, wang, tmp_path, monkeypatch):
    entry, item = _follow_up(run, wang)
    bundle = tmp_path / "b.jsonl"
    assert run("export", bundle).code == 0
    records = _records(bundle)
    for r in records:
        r.pop("entry", None) if r.get("type") == "ledger" else None
    _rewrite(bundle, records)
    other = tmp_path / "other"
    monkeypatch.setenv("DUTYLOG_HOME", str(other))
    r = run("import", bundle)
    assert r.code == 0, r.err
    [rec] = run("ledger", "list", "--json").json
    assert rec["id"] == item and rec["entry"] is None
    # a later bundle naming the entry fills the link in; the old one again does not undo it
    assert run("import", tmp_path / "b.jsonl").code == 0
    full = tmp_path / "full.jsonl"
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "home"))
    assert run("export", full).code == 0
    monkeypatch.setenv("DUTYLOG_HOME", str(other))
    assert run("import", full).code == 0
    assert run("ledger", "list", "--json").json[0]["entry"] == entry
    assert run("import", bundle).code == 0
    assert run("ledger", "list", "--json").json[0]["entry"] == entry
    assert _sources(other) == [(item, entry)]
