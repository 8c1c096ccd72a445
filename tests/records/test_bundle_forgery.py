"""Issue 12, finding 7: bundles forge and amplify.

A bundle set `confirmed_by` (bypassing `confirm`) and cleared `sensitive`; the header's
`source` was stored on every record (a 1 MB bundle made the database 100 MB); values the
CLI refuses were accepted (NUL bytes, 1 MB names, names differing only by a trailing
U+3000 or a zero-width space); a lone surrogate or a 400-digit `days` exited 1; a bundle
re-saved by Notepad with a BOM or CRLF was refused as "truncated or altered".
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from .conftest import S1, entry, subject, uid, write_bundle

TODAY = "2025-06-18"
LATER = "2025-06-01T08:00:00+08:00"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)


def logged_by_secretary(run, tmp_path, **more) -> dict:
    """An entry a secretary recorded for 王明, as it is here."""
    path = write_bundle(tmp_path / "first.jsonl", [
        subject(), entry(1, "2025-03-02T08:00:00+08:00", by="秘书", **more)])
    assert run("import", path).code == 0
    return run("entries", "--json").json[0]


def again(rec: dict, **changes) -> dict:
    out = {k: v for k, v in rec.items() if k not in ("subject_name", "object_name")}
    out.update({"type": "entry", "updated_at": LATER, **changes})
    return out


@pytest.mark.parametrize("seen, by, kept", [
    ([], "王明", None),  # no history: a forged confirmation
    (["2025-01-01T00:00:00+08:00"], "王明", None),  # a history that is not ours
    (["2025-03-02T08:00:00+08:00"], "王明", "王明"),  # made on top of our version: kept
    (["2025-03-02T08:00:00+08:00"], "张三", None),  # not the subject: `confirm` refuses it
])
def test_a_confirmation_arrives_only_with_its_version(run, tmp_path, seen, by, kept):
    ours = logged_by_secretary(run, tmp_path)
    path = write_bundle(tmp_path / "b.jsonl", [subject(), again(ours, confirmed_by=by, seen=seen,
                                                                note="改")])
    r = run("import", path)
    assert r.code == 0, r.err
    (now,) = run("entries", "--json").json
    assert now["note"] == "改"  # the newer version applies
    assert now["confirmed_by"] == kept


def test_a_new_entry_arrives_confirmed_only_with_a_history(run, tmp_path):
    path = write_bundle(tmp_path / "b.jsonl", [
        subject(),
        entry(1, LATER, by="秘书", confirmed_by="王明"),
        entry(2, LATER, by="秘书", confirmed_by="王明", seen=["2025-03-02T08:00:00+08:00"])])
    assert run("import", path).code == 0
    got = {e["id"]: e["confirmed_by"] for e in run("entries", "--json").json}
    assert got == {uid(1): None, uid(2): "王明"}


def test_a_bundle_cannot_clear_sensitive_without_our_version(run, tmp_path):
    ours = logged_by_secretary(run, tmp_path, sensitive=True)
    assert ours["sensitive"] is True
    path = write_bundle(tmp_path / "b.jsonl", [subject(), again(ours, sensitive=False)])
    assert run("import", path).code == 0
    assert run("entries", "--json").json[0]["sensitive"] is True
    agreed = again(ours, sensitive=False, updated_at="2025-06-02T08:00:00+08:00",
                   seen=[LATER, ours["updated_at"]])
    path = write_bundle(tmp_path / "c.jsonl", [subject(), agreed])
    assert run("import", path).code == 0
    # made on top of ours? ours is now the first bundle's version (LATER): it is in seen
    assert run("entries", "--json").json[0]["sensitive"] is False


def test_the_source_is_not_copied_onto_every_record(run, tmp_path, dutylog_home):
    source = "办公室电脑" + "x" * 1_000_000
    records = [subject()] + [entry(n, LATER, note=f"n{n}") for n in range(1, 201)]
    path = write_bundle(tmp_path / "b.jsonl", records, source=source)
    assert run("import", path).code == 0
    conn = sqlite3.connect(dutylog_home / "dutylog.db")
    try:
        longest = conn.execute("SELECT max(length(changed_by)) FROM entries").fetchone()[0]
        history = conn.execute("SELECT max(length(changed_by)) FROM history").fetchone()[0]
        kept = conn.execute("SELECT value FROM settings WHERE key LIKE 'import-source:%'").fetchall()
    finally:
        conn.close()
    assert longest <= 40 and (history or 0) <= 40
    assert [len(v) for (v,) in kept] == [200]
    assert (dutylog_home / "dutylog.db").stat().st_size < 2_000_000


@pytest.mark.parametrize("name", ["王明\u3000", "王\u200b明", "\ufeff王明", "王明\x00"])
def test_names_that_look_the_same_are_the_same(run, tmp_path, name):
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    other = "22222222-2222-4222-8222-222222222222"
    path = write_bundle(tmp_path / "b.jsonl", [subject(name=name, sid=other)])
    assert run("import", path).code == 0, run("import", path).err
    assert [s["name"] for s in run("subject", "list", "--json").json] == ["王明"]


@pytest.mark.parametrize("line, words", [
    ('{"type": "subject", "id": "' + S1 + '", "name": "王\\ud800明", "roles": ["leader"], '
     '"updated_at": "2025-01-02T08:00:00+08:00"}', "lone surrogate"),
    (json.dumps(entry(1, LATER, days=int("9" * 400), kind="field-research")), "days"),
    (json.dumps(entry(1, LATER)).replace('"days": null', '"days": ' + "9" * 5000), "number"),
    (json.dumps(subject(name="名" * 300_000), ensure_ascii=False), "at most 200"),
    (json.dumps(entry(1, LATER, note="长" * 4001)), "at most 4000"),
], ids=["surrogate", "days-400-digits", "days-5000-digits", "long-name", "long-note"])
def test_bad_values_are_refused_with_their_line(run, monkeypatch, tmp_path, line, words):
    monkeypatch.setenv("DUTYLOG_LANG", "en")
    header = {"format": "dutylog-bundle", "version": 1, "source": "t"}
    first = json.dumps(subject()) if "subject" not in line[:20] else json.dumps(
        {"type": "holiday", "date": "2025-10-01", "kind": "holiday",
         "updated_at": LATER})
    path = tmp_path / "b.jsonl"
    path.write_text("\n".join([json.dumps(header), first, line]) + "\n", encoding="utf-8")
    r = run("import", path)
    assert r.code == 2, (r.code, r.err[:300])
    assert "line 3:" in r.err and words in r.err, r.err[:300]
    assert len(r.err) < 600


def test_a_bundle_saved_again_by_notepad_is_accepted(run, tmp_path):
    path = write_bundle(tmp_path / "b.jsonl", [subject(), entry(1, LATER, note="记事本")])
    data = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n"))
    r = run("import", path)
    assert r.code == 0, r.err
    assert run("entries", "--json").json[0]["note"] == "记事本"
    altered = tmp_path / "c.jsonl"
    altered.write_bytes(path.read_bytes().replace("记事本".encode(), "记事薄".encode()))
    r = run("import", altered)
    assert r.code == 2 and "第 4 行：校验和不符：捆包被截断或被改动过" in r.err


def test_a_bad_line_is_worded_in_the_runs_language(run, monkeypatch, tmp_path):
    """The line number is a value and the reason a code: 第 N 行 in Chinese, line N in English;
    the policy's checks on a record follow the language too."""
    path = tmp_path / "b.jsonl"
    header = {"format": "dutylog-bundle", "version": 1, "source": "t"}
    path.write_text("\n".join([json.dumps(header), json.dumps(subject()), '{"type": "x"}']) + "\n",
                    encoding="utf-8")
    r = run("import", path)
    assert r.code == 2 and "：第 3 行：未知的记录类型 'x'；可用：subject、" in r.err, r.err
    late = {**subject(), "since": "2999-01-01"}
    other = tmp_path / "c.jsonl"
    other.write_text("\n".join([json.dumps(header), json.dumps(late)]) + "\n", encoding="utf-8")
    r = run("import", other)
    assert r.code == 2 and "：第 2 行：起始日期：2999-01-01 晚于今天" in r.err, r.err
    monkeypatch.setenv("DUTYLOG_LANG", "en")
    r = run("import", path)
    assert r.code == 2 and ": line 3: unknown record type 'x'; accepted: subject, " in r.err, r.err
