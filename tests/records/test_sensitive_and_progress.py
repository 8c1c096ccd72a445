"""Sensitive entries stay out of bundles and reports unless asked; the import progress bar."""

from __future__ import annotations

import io
import json

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The summaries below are checked in English (Chinese: tests/records/test_merge_day.py)."""
    monkeypatch.setenv("DUTYLOG_LANG", "en")



@pytest.fixture
def wang(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-06-30")
    run("subject", "add", "王明", "--role", "leader", "--role", "cadre")
    plain = run("log", "diary", "--subject", "王明", "--date", "2025-06-01", "--note", "公开").out.strip()
    secret = run("log", "frontline-office", "--subject", "王明", "--date", "2025-06-02", "--note", "机密",
                 "--sensitive").out.strip()
    return plain, secret


def entry_ids(path) -> list[str]:
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["records"] == len(lines) - 2  # the header's count still matches
    return [r["id"] for r in lines if r.get("type") == "entry"]


def test_bundles_leave_sensitive_entries_out_unless_asked(run, wang, tmp_path):
    plain, secret = wang
    assert run("export", tmp_path / "a.jsonl").code == 0
    assert entry_ids(tmp_path / "a.jsonl") == [plain]
    assert run("export", tmp_path / "b.jsonl", "--include-sensitive").code == 0
    assert entry_ids(tmp_path / "b.jsonl") == [plain, secret]
    assert run("export", tmp_path / "c.jsonl", "--subject", "王明", "--since", "2025-01-01").code == 0
    assert entry_ids(tmp_path / "c.jsonl") == [plain]


def test_export_to_a_destination_and_sensitivity(run, wang, tmp_path):
    plain, secret = wang
    assert run("export", tmp_path / "1.jsonl", "--to", "office").code == 0
    assert entry_ids(tmp_path / "1.jsonl") == [plain]
    assert run("export", tmp_path / "2.jsonl", "--to", "office").out.startswith("0 records")
    # asking for sensitive entries too is a wider selection: it is not hidden by the mark above
    assert run("export", tmp_path / "3.jsonl", "--to", "office", "--include-sensitive").code == 0
    assert entry_ids(tmp_path / "3.jsonl") == [plain, secret]
    # an entry no longer sensitive is a change the office has not had yet
    assert run("edit", secret, "--not-sensitive").code == 0
    assert run("export", tmp_path / "4.jsonl", "--to", "office").code == 0
    assert entry_ids(tmp_path / "4.jsonl") == [secret]


def test_the_flag_travels_with_the_entry(run, wang, tmp_path, monkeypatch):
    plain, secret = wang
    run("export", tmp_path / "all.jsonl", "--include-sensitive")
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "secretary"))
    assert run("import", tmp_path / "all.jsonl").code == 0
    assert [e["sensitive"] for e in run("entries", "--json").json] == [False, True]
    run("export", tmp_path / "onward.jsonl")  # the secretary's laptop keeps it out too
    assert entry_ids(tmp_path / "onward.jsonl") == [plain]
    run("report", "--subject", "王明", "--year", "2025", "--format", "ics", "--out", tmp_path / "c.ics")
    assert "BEGIN:VEVENT" not in (tmp_path / "c.ics").read_text(encoding="utf-8")  # the session is sensitive
    run("report", "--subject", "王明", "--year", "2025", "--format", "ics", "--force", "--out", tmp_path / "c.ics",
        "--include-sensitive")
    assert (tmp_path / "c.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT") == 1


@pytest.fixture
def big_bundle(hb, tmp_path):
    records = [hb.subject()] + [hb.entry(n, hb.t(8), note=f"第{n}条", date=f"2025-0{1 + n % 5}-1{n % 10}")
                                for n in range(1, 601)]
    return hb.write_bundle(tmp_path / "big.jsonl", records)


def test_progress_bar_on_a_terminal(run, big_bundle, monkeypatch):
    import dutylog.cli.progress as progress

    monkeypatch.setattr(progress, "_is_tty", lambda stream: True)
    r = run("import", big_bundle)
    assert r.code == 0, r.err
    assert "100% 601/601" in r.err and r.err.endswith("\n") and "\r" in r.err
    assert r.out.splitlines() == ["added 601, updated 0, unchanged 0, conflicts resolved 0"]


def test_no_progress_bar_when_not_a_terminal(run, big_bundle):
    r = run("import", big_bundle)
    assert r.code == 0 and r.err == ""
    assert len(run("entries", "--json").json) == 600


def test_progress_bar_draws_each_percent_once():
    from dutylog.cli.progress import ImportProgress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    out = Tty()
    bar = ImportProgress(out)
    for done in range(0, 1001):
        bar(done, 1000)
    bar.close()
    text = out.getvalue()
    assert text.count("\r") == 101 and text.endswith("100% 1000/1000\n")
    small = Tty()
    ImportProgress(small)(5, 10)  # a small bundle: no bar
    assert small.getvalue() == ""


def test_a_large_file_says_it_is_being_checked(tmp_path):
    from dutylog.cli.progress import MIN_BYTES, ImportProgress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    big = tmp_path / "big.jsonl"
    big.write_bytes(b"x" * MIN_BYTES)
    out = Tty()
    bar = ImportProgress(out)
    bar.start(big)
    bar(1000, 1000)
    bar.close()
    first, second = out.getvalue().split("\r")[1:]
    assert "checking big.jsonl (5 MB)" in first
    assert second.rstrip().endswith("100% 1000/1000") and second.endswith("\n")
    quiet = io.StringIO()  # not a terminal: nothing at all
    ImportProgress(quiet).start(big)
    assert quiet.getvalue() == ""
