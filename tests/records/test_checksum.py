"""A bundle dutylog wrote is refused whole when truncated or altered (CONTRACT "Merge bundles")."""

from __future__ import annotations

import hashlib
import json

import pytest


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


def refused(run, path, *words):
    r = run("import", path)
    assert r.code == 2, (r.out, r.err)
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    for word in words:
        assert word in r.err, r.err
    assert run("subject", "list", "--json").json == []  # nothing written
    return r.err


def test_the_export_is_well_formed(exported):
    lines = exported.read_bytes().split(b"\n")
    assert lines[-1] == b""  # ends with a newline
    header, end = json.loads(lines[0]), json.loads(lines[-2])
    assert header["records"] == 3 == len(lines) - 3
    assert end == {"type": "end", "sha256": hashlib.sha256(b"\n".join(lines[:-2]) + b"\n").hexdigest()}


def test_truncated(run, exported):
    data = exported.read_bytes()
    exported.write_bytes(data[: len(data) // 2])
    refused(run, exported)


def test_truncated_at_a_line_end(run, exported):
    lines = exported.read_bytes().splitlines(keepends=True)
    exported.write_bytes(b"".join(lines[:-2]))  # the last record and the end line are gone
    refused(run, exported, "end line is missing")


def test_one_altered_byte(run, exported):
    data = exported.read_bytes()
    at = data.index(b"2025-02-01")
    exported.write_bytes(data[:at + 9] + b"2" + data[at + 10:])  # 2025-02-01 → 2025-02-02
    refused(run, exported, "checksum")


def test_wrong_count(run, exported):
    """The header says 4 records; the checksum is recomputed, so only the count is wrong."""
    lines = exported.read_bytes().splitlines(keepends=True)
    header = json.loads(lines[0])
    header["records"] = 4
    body = (json.dumps(header, ensure_ascii=False) + "\n").encode() + b"".join(lines[1:-1])
    exported.write_bytes(body + (json.dumps({"type": "end", "sha256": hashlib.sha256(body).hexdigest()})
                                 + "\n").encode())
    refused(run, exported, "4 records", "3")


def test_missing_end_line(run, exported):
    lines = exported.read_bytes().splitlines(keepends=True)
    exported.write_bytes(b"".join(lines[:-1]))
    refused(run, exported, "end line is missing")


def test_record_removed_and_checksum_kept(run, exported):
    lines = exported.read_bytes().splitlines(keepends=True)
    exported.write_bytes(b"".join([lines[0], lines[1], lines[2], lines[-1]]))  # entry line removed
    refused(run, exported)


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
