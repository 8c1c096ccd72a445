"""The contract's command line, driven end to end with scenarios computed by hand."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def wang(run):
    assert run("subject", "add", "王明", "--role", "leader", "--role", "cadre", "--since", "2025-01-01").code == 0
    return "王明"


def rule(report, rule_id):
    return next(r for r in report["rules"] if r["id"] == rule_id)


def test_version(run):
    r = run("--version")
    assert r.code == 0 and "0.1.0" in r.out


def test_status_example_from_contract(run, wang):
    # 31 full days + one half day of research by 30 June 2025, 20 of them 四不两直.
    for day in range(1, 32):
        month, d = (3, day) if day <= 31 else (4, 1)
        args = ["log", "field-research", "--subject", wang, "--date", f"2025-{month:02d}-{d:02d}"]
        if day <= 20:
            args.append("--four-no")
        assert run(*args).code == 0
    assert run("log", "field-research", "--subject", wang, "--date", "2025-04-02", "--days", "0.5").code == 0
    r = run("status", "--subject", wang, "--year", "2025", "--as-of", "2025-06-30", "--json")
    assert r.code == 0, r.err
    report = r.json
    assert report["subject"] == "王明" and report["roles"] == ["leader", "cadre"]
    assert report["year"] == 2025 and report["as_of"] == "2025-06-30"
    assert report["policy"] == "haiyang-2022-17"
    days = rule(report, "research-days")
    assert days["actual"] == 31.5
    assert days["expected"] == 29.75  # 60 × 181 / 365 = 29.753…
    assert days["status"] == "on_track"
    assert days["target"] == {"min": 60, "max": None}
    assert days["periods"] == [{"start": "2025-01-01", "end": "2025-12-31", "actual": 31.5, "status": "open"}]
    share = rule(report, "research-four-no-share")
    assert share["actual"] == pytest.approx(20 / 31.5)  # 0.634… ≥ 0.5
    assert share["expected"] is None and share["status"] == "on_track"  # a share can fall again (rev. 2)


def test_past_year_defaults_to_31_december(run, wang):
    run("log", "party-lecture", "--subject", wang, "--date", "2025-05-04")
    report = run("status", "--subject", wang, "--year", "2025", "--json").json
    assert report["as_of"] == "2025-12-31"
    assert rule(report, "party-lecture")["status"] == "met"
    assert rule(report, "research-report")["status"] == "missed"  # year ended with 0 of 1
    assert rule(report, "research-days")["expected"] == 60


def test_frontline_fortnights(run, wang):
    # fortnight 1 = 1–14 Jan, 2 = 15–28 Jan; log in fortnight 1 only; as of 20 Jan 2025.
    run("log", "frontline-office", "--subject", wang, "--date", "2025-01-03")
    r = rule(run("status", "--subject", wang, "--as-of", "2025-01-20", "--json").json, "frontline-office")
    assert len(r["periods"]) == 26
    assert [p["status"] for p in r["periods"][:3]] == ["met", "open", "future"]
    assert r["periods"][-1] == {"start": "2025-12-17", "end": "2025-12-31", "actual": 0, "status": "future"}
    assert r["status"] == "on_track" and r["actual"] == 1 and r["expected"] is None
    # as of 29 Jan fortnight 2 has ended unmet
    r = rule(run("status", "--subject", wang, "--as-of", "2025-01-29", "--json").json, "frontline-office")
    assert r["periods"][1]["status"] == "missed" and r["status"] == "missed"


def test_enterprise_visits_per_object(run, wang):
    for name in ("甲公司", "乙公司", "丙公司"):
        assert run("link", wang, "enterprise", name, "--since", "2025-01-01").code == 0
    run("log", "enterprise-visit", "--subject", wang, "--date", "2025-02-01", "--object", "甲公司")
    run("log", "enterprise-visit", "--subject", wang, "--date", "2025-02-02", "--object", "乙公司")
    report = run("status", "--subject", wang, "--as-of", "2025-04-10", "--json").json
    visits = rule(report, "enterprise-visits")
    q1 = visits["periods"][0]
    assert q1["status"] == "missed"  # 丙公司 never visited in Q1
    assert {o["name"]: (o["actual"], o["status"]) for o in q1["objects"]} == {
        "甲公司": (1, "met"), "乙公司": (1, "met"), "丙公司": (0, "missed")}
    assert visits["status"] == "missed"
    linked = rule(report, "linked-enterprises")
    assert linked["actual"] == 3 and linked["target"] == {"min": 3, "max": 3} and linked["status"] == "met"


def test_entry_after_as_of_is_not_counted(run, wang):
    run("log", "party-lecture", "--subject", wang, "--date", "2025-07-01")
    report = run("status", "--subject", wang, "--year", "2025", "--as-of", "2025-06-30", "--json").json
    assert rule(report, "party-lecture")["actual"] == 0


def test_log_prints_id_and_entries_json_fields(run, wang):
    r = run("log", "field-research", "--subject", wang, "--date", "2025-03-02", "--days", "1.5",
            "--four-no", "--title", "海阳港调研", "--place", "海阳港", "--people", "港务局", "--note", "码头",
            "--by", "李秘书")
    assert r.code == 0
    entry_id = r.out.strip()
    assert len(entry_id) == 36
    items = run("entries", "--json").json
    assert len(items) == 1
    e = items[0]
    for key in ("id", "subject", "kind", "date", "days", "four_no", "title", "place", "people", "note",
                "object", "recorded_by", "updated_at", "deleted", "subject_name", "object_name"):
        assert key in e, key
    assert e["id"] == entry_id and e["days"] == 1.5 and e["four_no"] is True
    assert e["recorded_by"] == "李秘书" and e["subject_name"] == "王明" and e["deleted"] is False


@pytest.mark.parametrize("query", ["港", "海阳", "海阳港", "港务局", "码头"])
def test_search_chinese_substrings(run, wang, query):
    run("log", "diary", "--subject", wang, "--date", "2025-03-02", "--title", "海阳港", "--people", "港务局",
        "--note", "码头问题")
    run("log", "diary", "--subject", wang, "--date", "2025-03-03", "--title", "农村道路")
    found = run("entries", "--search", query, "--json").json
    assert len(found) == 1 and found[0]["title"] == "海阳港"


def test_edit_keeps_history_and_delete_is_undoable(run, wang):
    entry_id = run("log", "diary", "--subject", wang, "--date", "2025-03-02", "--note", "旧").out.strip()
    assert run("edit", entry_id[:8], "--note", "新", "--by", "李秘书").code == 0
    versions = run("history", entry_id, "--json").json
    assert [v["note"] for v in versions] == ["旧", "新"]
    assert all("changed_by" in v and "changed_at" in v for v in versions)
    assert run("delete", entry_id).code == 0
    assert run("entries", "--json").json == []
    assert run("undelete", entry_id).code == 0
    assert [e["note"] for e in run("entries", "--json").json] == ["新"]


def test_confirm(run, wang):
    entry_id = run("log", "diary", "--subject", wang, "--date", "2025-03-02", "--by", "李秘书").out.strip()
    assert run("entries", "--json").json[0].get("confirmed_by") is None
    assert run("confirm", entry_id, "--by", "王明").code == 0
    assert run("entries", "--json").json[0]["confirmed_by"] == "王明"


def test_relative_dates(run, wang, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-05-10")
    assert run("log", "diary", "--subject", wang, "--date", "今天").code == 0
    assert run("log", "diary", "--subject", wang, "--date", "yesterday").code == 0
    assert [e["date"] for e in run("entries", "--json").json] == ["2025-05-09", "2025-05-10"]


def test_export_import_round_trip(run, wang, tmp_path, monkeypatch):
    run("link", wang, "enterprise", "甲公司", "--since", "2025-01-01")
    run("log", "enterprise-visit", "--subject", wang, "--date", "2025-02-01", "--object", "甲公司")
    bundle = tmp_path / "b.jsonl"
    assert run("export", bundle).code == 0
    lines = bundle.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["format"] == "dutylog-bundle" and header["version"] == 1 and header["records"] == 3
    assert json.loads(lines[-1])["type"] == "end"
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "other"))
    assert run("import", bundle).code == 0
    assert run("import", bundle).code == 0
    items = run("entries", "--json").json
    assert len(items) == 1 and items[0]["object_name"] == "甲公司"
    assert len(run("history", items[0]["id"], "--json").json) == 1


def test_export_since_takes_activities_from_that_day(run, wang, tmp_path, monkeypatch):
    for day in ("2025-01-05", "2025-03-02", "2025-06-30"):
        run("log", "diary", "--subject", wang, "--date", day)
    bundle = tmp_path / "since.jsonl"
    assert run("export", bundle, "--subject", wang, "--since", "2025-03-01").code == 0
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "office"))
    assert run("import", bundle).code == 0
    assert [e["date"] for e in run("entries", "--json").json] == ["2025-03-02", "2025-06-30"]


def test_major_items_deadline_rule(run, wang):
    # three items set in Q1, a fourth on 1 April does not count toward the Q1 duty
    for day, title in (("2025-01-10", "港口扩建"), ("2025-02-10", "园区招商"), ("2025-03-31", "乡村振兴"),
                       ("2025-04-01", "迟到事项")):
        assert run("log", "major-item", "--subject", wang, "--date", day, "--title", title).code == 0
    r = rule(run("status", "--subject", wang, "--year", "2025", "--as-of", "2025-06-30", "--json").json,
             "major-items")
    assert r["period"] == "year" and r["deadline"] == "2025-03-31"
    assert r["periods"] == [{"start": "2025-01-01", "end": "2025-03-31", "actual": 3, "status": "met"}]
    assert r["actual"] == 3 and r["status"] == "met" and r["target"] == {"min": 3, "max": 4}
