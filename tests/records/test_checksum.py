"""A bundle dutylog writes is well formed, an untouched copy imports, another tool's needs
no end line (CONTRACT "Merge bundles").

The refusals of a truncated or altered bundle (cut mid-line or at a line end, one byte
changed, a wrong count, the end line or a record line missing) are tested once, where the
message and its line number are checked and the whole database compared before and after:
tests/store/test_bundle_refusals.py. Through the command line (exit 2, one line, nothing
written) any cut or changed byte of an exported bundle is refused:
tests/faults/test_properties.py::test_damaged_dutylog_bundle_is_refused_whole, and one
cut by hand in tests/cli/test_refusals.py."""

from __future__ import annotations

import hashlib
import json

import pytest


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """The summaries below are checked in English (Chinese: tests/records/test_merge_day.py)."""
    monkeypatch.setenv("DUTYLOG_LANG", "en")



@pytest.fixture
def exported(run, tmp_path, monkeypatch):
    """A real export with 3 records (subject, link, entry); then a fresh, empty data folder."""
    run("subject", "add", "王明", "--role", "leader")
    run("link", "王明", "enterprise", "甲公司", "--since", "2025-01-01")
    run("log", "enterprise-visit", "--subject", "王明", "--date", "2025-02-01", "--object", "甲公司",
        "--note", "走访")
    path = tmp_path / "b.jsonl"
    assert run("export", path).code == 0
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "fresh"))
    return path


def test_the_export_is_well_formed(exported):
    lines = exported.read_bytes().split(b"\n")
    assert lines[-1] == b""  # ends with a newline
    header, end = json.loads(lines[0]), json.loads(lines[-2])
    assert header["records"] == 3 == len(lines) - 3
    assert end == {"type": "end", "sha256": hashlib.sha256(b"\n".join(lines[:-2]) + b"\n").hexdigest()}


def test_other_tools_need_no_end_line(run, exported):
    """Without "records" in the header (another tool wrote it) the end line is not required."""
    lines = exported.read_bytes().splitlines(keepends=True)
    header = json.loads(lines[0])
    del header["records"]
    exported.write_bytes((json.dumps(header, ensure_ascii=False) + "\n").encode() + b"".join(lines[1:-1]))
    r = run("import", exported)
    assert r.code == 0, r.err
    assert [e["note"] for e in run("entries", "--json").json] == ["走访"]


def test_untouched_copy_is_accepted(run, exported):
    assert run("import", exported).code == 0
    assert run("import", exported).out.startswith("added 0, updated 0, unchanged 3")
