"""Every refusal: exit 2, one line on stderr, no traceback, database unchanged."""

from __future__ import annotations

import hashlib
import json

import pytest


@pytest.fixture
def seeded(run, dutylog_home):
    assert run("subject", "add", "王明", "--role", "leader", "--role", "cadre").code == 0
    assert run("link", "王明", "enterprise", "甲公司", "--since", "2025-01-01").code == 0
    assert run("log", "diary", "--subject", "王明", "--date", "2025-03-02").code == 0
    return dutylog_home / "dutylog.db"


def snapshot(run):
    return (run("entries", "--json", "--deleted").out, run("subject", "list", "--json").out,
            run("links", "王明", "--json").out)


def bundle(tmp_path, lines, name="bad.jsonl"):
    p = tmp_path / name
    p.write_text("\n".join(json.dumps(x, ensure_ascii=False) if not isinstance(x, str) else x
                           for x in lines) + "\n", encoding="utf-8")
    return p


HEADER = {"format": "dutylog-bundle", "version": 1, "created": "2025-07-01T09:00:00+08:00", "source": "t"}
SUBJ = "11111111-1111-4111-8111-111111111111"
ENTRY = {"type": "entry", "id": "22222222-2222-4222-8222-222222222222", "subject": SUBJ,
         "kind": "diary", "date": "2025-03-02", "days": None, "four_no": False, "title": None,
         "place": None, "people": None, "note": None, "object": None, "recorded_by": "x",
         "updated_at": "2025-03-02T08:00:00+08:00", "deleted": False}
SUBJECT = {"type": "subject", "id": SUBJ, "name": "李华", "roles": ["leader"],
           "updated_at": "2025-01-02T08:00:00+08:00"}

BAD = [
    ("log", "diary", "--subject", "王明", "--date", "2025-02-30"),
    ("log", "diary", "--subject", "王明", "--date", "2099-01-01"),
    ("log", "diary", "--subject", "王明", "--date", "tomorrow"),
    ("log", "diary", "--subject", "王明", "--date", "2025/02/30"),
    ("log", "field-research", "--subject", "王明", "--date", "2025-03-02", "--days", "0"),
    ("log", "field-research", "--subject", "王明", "--date", "2025-03-02", "--days", "-1"),
    ("log", "field-research", "--subject", "王明", "--date", "2025-03-02", "--days", "abc"),
    ("log", "field-research", "--subject", "王明", "--date", "2025-03-02", "--days", "nan"),
    ("log", "field-research", "--subject", "王明", "--date", "2025-03-02", "--days", "0.3"),
    ("log", "no-such-kind", "--subject", "王明", "--date", "2025-03-02"),
    ("log", "diary", "--subject", "张三", "--date", "2025-03-02"),
    ("log", "diary", "--date", "2025-03-02"),
    ("log", "diary", "--subject", "王明"),
    ("log", "research-topic", "--subject", "王明", "--date", "2025-03-02"),
    ("log", "major-item", "--subject", "王明", "--date", "2025-03-02", "--title", "  "),
    ("log", "service-project", "--subject", "王明", "--date", "2025-03-02"),
    ("log", "enterprise-visit", "--subject", "王明", "--date", "2025-03-02"),
    ("log", "enterprise-visit", "--subject", "王明", "--date", "2025-03-02", "--object", "乙公司"),
    ("log", "integrity-talk", "--subject", "王明", "--date", "2025-03-02"),
    ("log", "integrity-talk", "--subject", "王明", "--date", "2025-03-02", "--object", "甲公司"),
    ("log", "court-case", "--subject", "王明", "--date", "2025-03-02", "--appeared", "maybe"),
    ("log", "patrol", "--subject", "王明", "--date", "2025-03-02", "--patrol", "sea"),
    ("log", "diary", "--subject", "王明", "--date", "1999-12-31"),  # before 2000
    ("log", "diary", "--subject", "王明", "--date", "0001-01-01"),
    ("log", "field-research", "--subject", "王明", "--date", "yesterday", "--days", "3"),  # past today
    ("log", "enterprise-visit", "--subject", "王明", "--date", "2024-12-31", "--object", "甲公司"),  # before its link
    ("log", "diary", "--subject", "王明", "--date", "2025-03-02", "--appeared", "yes"),
    ("log", "diary", "--subject", "王明", "--date", "2025-03-02", "--bogus"),
    ("subject", "add", "王明", "--role", "leader"),
    ("subject", "add", "赵六", "--role", "mayor"),
    ("subject", "add", "赵六"),
    ("subject", "add", "  ", "--role", "leader"),
    ("link", "王明", "factory", "某厂"),
    ("link", "张三", "enterprise", "某厂"),
    ("link", "王明", "enterprise", "甲公司"),
    ("link", "王明", "town", "某镇", "--since", "2025-13-01"),
    ("status", "--subject", "张三"),
    ("status", "--subject", "王明", "--year", "twenty"),
    ("status", "--subject", "王明", "--as-of", "2025-02-29"),
    ("status",),
    ("entries", "--kind", "nope"),
    ("entries", "--from", "2025-03-40"),
    ("entries", "--subject", "张三"),
    ("edit", "zzzzzzzz", "--note", "x"),
    ("edit", "abc", "--note", "x"),
    ("delete", "00000000-0000-4000-8000-000000000000"),
    ("undelete", "abc"),
    ("history", "abcdefgh"),
    ("confirm", "abcdefgh", "--by", "王明"),
    ("import", "/nonexistent/bundle.jsonl"),
    ("policy", "use", "/nonexistent/policy.toml"),
    ("nosuchcommand",),
]


@pytest.mark.parametrize("args", BAD, ids=[" ".join(a)[:60] for a in BAD])
def test_refused(run, seeded, args):
    before = snapshot(run)
    r = run(*args)
    assert r.code == 2, (r.code, r.err)
    assert len(r.err.strip().splitlines()) == 1, r.err
    assert "Traceback" not in r.err and r.err.startswith("dutylog: ")
    assert snapshot(run) == before


def test_refusal_names_accepted_kinds(run, seeded):
    r = run("log", "no-such-kind", "--subject", "王明", "--date", "2025-03-02")
    assert "field-research" in r.err and "patrol" in r.err


def test_edit_refusals_change_nothing(run, seeded):
    entry_id = run("entries", "--json").json[0]["id"]
    before = snapshot(run)
    for args in (("--date", "2099-01-01"), ("--days", "-2"), ("--kind", "research-topic"),
                 ("--kind", "nope"), ("--object", "没有的公司")):
        r = run("edit", entry_id, *args)
        assert r.code == 2, args
        assert len(r.err.strip().splitlines()) == 1
    assert snapshot(run) == before
    assert len(run("history", entry_id, "--json").json) == 1


BAD_BUNDLES = [
    ["not json at all"],
    [{"format": "something-else", "version": 1}],
    [dict(HEADER, version=99)],
    [HEADER, SUBJECT, dict(ENTRY, kind="nope")],
    [HEADER, SUBJECT, dict(ENTRY, date="2025-02-30")],
    [HEADER, SUBJECT, dict(ENTRY, days=-1)],
    [HEADER, SUBJECT, dict(ENTRY, id="not-a-uuid")],
    [HEADER, SUBJECT, dict(ENTRY, subject="33333333-3333-4333-8333-333333333333")],
    [HEADER, dict(SUBJECT, roles=["emperor"]), ENTRY],
    [HEADER, SUBJECT, {"type": "mystery", "id": SUBJ}],
    [HEADER, SUBJECT, dict(ENTRY, kind="research-topic")],
    [dict(HEADER, records=2), SUBJECT, ENTRY],
    [dict(HEADER, records=3), SUBJECT, ENTRY, {"type": "end", "sha256": "0" * 64}],
]


@pytest.mark.parametrize("lines", BAD_BUNDLES)
def test_bad_bundle_refused_whole(run, seeded, tmp_path, lines):
    before = snapshot(run)
    r = run("import", bundle(tmp_path, lines))
    assert r.code == 2, r.err
    assert len(r.err.strip().splitlines()) == 1 and "line" in r.err.lower() or "bundle" in r.err.lower()
    assert snapshot(run) == before


def test_foreign_bundle_without_records_accepted(run, seeded, tmp_path):
    r = run("import", bundle(tmp_path, [HEADER, SUBJECT, ENTRY]))
    assert r.code == 0, r.err
    assert {e["subject_name"] for e in run("entries", "--json").json} == {"王明", "李华"}


def test_truncated_dutylog_bundle_refused(run, seeded, tmp_path):
    good = tmp_path / "good.jsonl"
    assert run("export", good).code == 0
    data = good.read_bytes()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[: len(data) * 2 // 3])
    r = run("import", cut)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1


def test_checksum_matches_lines_before_end(run, seeded, tmp_path):
    good = tmp_path / "good.jsonl"
    run("export", good)
    raw = good.read_bytes()
    body, end = raw.rstrip(b"\n").rsplit(b"\n", 1)
    assert json.loads(end)["sha256"] == hashlib.sha256(body + b"\n").hexdigest()


def test_unwritable_data_folder(run, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("DUTYLOG_HOME", str(blocker / "sub"))
    r = run("subject", "list")
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err
