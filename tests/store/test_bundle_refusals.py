"""Bundles refused whole: truncated, altered, miscounted, bad lines. Nothing changes."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest

from dutylog.domain.errors import BundleError

from .bundle_helpers import dump, open_home, write_lines
from .conftest import entry

SID = "0b5e6a8e-0000-4000-8000-000000000001"
LID = "0b5e6a8e-0000-4000-8000-000000000002"
EID = "0b5e6a8e-0000-4000-8000-000000000003"
STAMP = "2025-07-01T09:00:00+08:00"
SUBJECT = {"type": "subject", "id": SID, "name": "赵六", "roles": ["cadre"], "updated_at": STAMP}
LINK = {"type": "link", "id": LID, "subject": SID, "link_type": "enterprise", "name": "丙公司",
        "since": None, "until": None, "updated_at": STAMP}
ENTRY = {"type": "entry", "id": EID, "subject": SID, "kind": "diary", "date": "2025-03-02",
         "updated_at": STAMP}


@pytest.fixture
def copy(store, wang):
    """A store with data, and its dump before any refused import."""
    store.entries.add_entry(entry(wang, title="已有"))
    return store


@pytest.fixture
def good(copy, tmp_path):
    """Another copy's bundle: a subject and three entries."""
    path = tmp_path / "good.jsonl"
    with open_home(tmp_path, "other") as other:
        w = other.subjects.add_subject("孙七", ["leader"])
        for i in range(3):
            other.entries.add_entry(entry(w, note=f"第{i}条"))
        other.bundles.export_bundle(path)
    return path


def refused(store, path, match: str, validate_record=None):
    before = dump(store)
    with pytest.raises(BundleError, match=match) as info:
        store.bundles.import_bundle(path, validate_record=validate_record)
    message = str(info.value)
    assert message.startswith(f"{path}: line ") and "\n" not in message
    assert dump(store) == before
    return message


def test_good_bundle_imports(copy, good):
    assert copy.bundles.import_bundle(good).added == 4


def test_truncated_mid_line(copy, good, tmp_path):
    data = good.read_bytes()
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(data[: len(data) // 2])
    refused(copy, cut, "truncated or altered")


def test_truncated_at_a_line_end(copy, good, tmp_path):
    rows = good.read_bytes().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(b"".join(rows[:-2]))
    msg = refused(copy, cut, "end line is missing: the bundle is truncated or altered")
    assert f"line {len(rows) - 1}:" in msg


def test_one_altered_byte(copy, good, tmp_path):
    data = bytearray(good.read_bytes())
    data[data.index("第1条".encode())] ^= 0x01
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(bytes(data))
    refused(copy, bad, "checksum does not match: the bundle is truncated or altered")


def test_wrong_count_with_a_right_checksum(copy, good, tmp_path):
    rows = good.read_bytes().splitlines(keepends=True)
    header = json.loads(rows[0])
    header["records"] += 1
    body = (json.dumps(header, ensure_ascii=False) + "\n").encode() + b"".join(rows[1:-1])
    bad = tmp_path / "count.jsonl"
    bad.write_bytes(body + (json.dumps({"type": "end", "sha256":
                                        hashlib.sha256(body).hexdigest()}) + "\n").encode())
    refused(copy, bad, "states 5 records but there are 4: the bundle is truncated or altered")


def test_missing_end_line(copy, good, tmp_path):
    rows = good.read_bytes().splitlines(keepends=True)
    bad = tmp_path / "noend.jsonl"
    bad.write_bytes(b"".join(rows[:-1]))
    refused(copy, bad, "end line is missing")


def test_a_line_dropped_from_the_middle(copy, good, tmp_path):
    rows = good.read_bytes().splitlines(keepends=True)
    bad = tmp_path / "gap.jsonl"
    bad.write_bytes(b"".join(rows[:2] + rows[3:]))
    refused(copy, bad, "truncated or altered")


def test_bundle_without_records_needs_no_end_line(store, tmp_path):
    path = write_lines(tmp_path / "tool.jsonl", [SUBJECT, LINK, ENTRY], checksum=False,
                       records=False)
    summary = store.bundles.import_bundle(path)
    assert summary.added == 3
    assert store.entries.get_entry(EID).kind == "diary"
    assert store.entries.get_entry(EID).four_no is False and store.entries.get_entry(EID).days is None


@pytest.mark.parametrize("newline, hashed", [
    ("\n", lambda h, rows: "\n".join([h, *rows])),  # without the final newline
    ("\n", lambda h, rows: "".join([h, *rows])),  # without any newline
    ("\r\n", lambda h, rows: "".join([h, *rows])),  # Windows line ends, without newlines
    ("\r\n", lambda h, rows: "\r\n".join([h, *rows]) + "\r\n"),  # the exact bytes
])
def test_other_tools_checksums_are_accepted(store, tmp_path, newline, hashed):
    rows = [json.dumps(r, ensure_ascii=False) for r in (SUBJECT, ENTRY)]
    header = json.dumps({"format": "dutylog-bundle", "version": 1, "records": 2})
    digest = hashlib.sha256(hashed(header, rows).encode()).hexdigest().upper()
    path = tmp_path / "v.jsonl"
    path.write_bytes(newline.join([header, *rows, json.dumps({"type": "end", "sha256": digest})])
                     .encode())
    assert store.bundles.import_bundle(path).added == 2


def test_bom_and_blank_lines_are_tolerated(store, tmp_path):
    path = tmp_path / "bom.jsonl"
    text = "\n".join([json.dumps({"format": "dutylog-bundle", "version": 1}),
                      json.dumps(SUBJECT, ensure_ascii=False), "", "  ",
                      json.dumps(ENTRY)]) + "\n\n"
    path.write_bytes("\ufeff".encode() + text.encode())
    assert store.bundles.import_bundle(path).added == 2


def _entry(**changes):
    rec = dict(ENTRY, id=str(uuid.UUID(int=42)))
    rec.update(changes)
    return {k: v for k, v in rec.items() if v != "DROP"}


BAD_LINES = [
    ("{not json", "not a JSON object"),
    ("[1, 2]", "not a JSON object"),
    ({"type": "meeting", "id": EID}, "unknown record type 'meeting'"),
    (_entry(kind="DROP"), "entry record without 'kind'"),
    (_entry(id="123"), "id: not a UUID"),
    (_entry(subject="nope"), "subject: not a UUID"),
    (_entry(date="2025-02-30"), "date"),
    (_entry(date="2025/03/02"), "not a date YYYY-MM-DD"),
    (_entry(updated_at="yesterday"), "updated_at: not an ISO timestamp"),
    (_entry(four_no="yes"), "four_no: must be true or false"),
    (_entry(deleted=1), "deleted: must be true or false"),
    (_entry(days=0), "days: must be more than 0"),
    (_entry(days=-1), "days: must be more than 0"),
    (_entry(days="1"), "days: must be a number"),
    (_entry(patrol="Sea!"), "patrol: must be a code of lower-case letters"),
    (_entry(title=5), "title: must be a string"),
    (_entry(subject=str(uuid.UUID(int=7))), "is neither in the bundle nor in the database"),
    (_entry(object=str(uuid.UUID(int=8))), "neither a link in the bundle nor in the database"),
    (dict(SUBJECT, id=str(uuid.UUID(int=9)), name="钱八", roles=["Boss"]), "roles: must be a code"),
    (dict(SUBJECT, id=str(uuid.UUID(int=9)), name="钱八", roles=[]), "roles"),
    (dict(LINK, id=str(uuid.UUID(int=9)), link_type="工厂"), "link_type: must be a code"),
    (dict(ENTRY), "entry " + EID + " appears twice \\(also on line 4\\)"),
    ({"type": "end", "sha256": "0"}, "end line before the last line"),
    (dict(ENTRY, type=["entry"]), "unknown record type"),
    (dict(ENTRY, type={}), "unknown record type"),
    ("[" * 100000 + "]" * 100000, "nested too deeply"),
]


@pytest.mark.parametrize("line, reason", BAD_LINES)
def test_bad_line_refused_with_its_number(copy, tmp_path, line, reason):
    rows = [SUBJECT, LINK, ENTRY, line, dict(ENTRY, id=str(uuid.UUID(int=99)))]
    for checksum in (True, False):
        path = write_lines(tmp_path / f"bad{checksum}.jsonl", rows, checksum=checksum,
                           records=checksum)
        msg = refused(copy, path, reason)
        assert ": line 5: " in msg  # header is line 1


def test_object_linked_to_another_subject(copy, wang, tmp_path):
    other = copy.subjects.add_link(wang.id, "enterprise", "王的公司")
    path = write_lines(tmp_path / "o.jsonl", [SUBJECT, dict(ENTRY, object=other.id)])
    refused(copy, path, "line 3: object .* is linked to another subject")


def test_caller_validation_refuses_an_entry(copy, tmp_path):
    path = write_lines(tmp_path / "k.jsonl", [SUBJECT, ENTRY, dict(ENTRY, id=str(uuid.UUID(int=5)),
                                                                   kind="dancing")])
    check = lambda rec: f"unknown kind {rec['kind']!r}" if rec.get("kind", "diary") != "diary" else None  # noqa: E731
    refused(copy, path, "line 4: unknown kind 'dancing'", validate_record=check)


# ---- the policy's vocabulary: the store checks a code's shape, services which codes exist --

LEDGER = {"type": "ledger", "id": str(uuid.UUID(int=11)), "subject": SID, "ledger_type": "supervision",
          "title": "督办", "opened": "2025-03-03", "due": "2025-03-06", "due_given": False,
          "updated_at": STAMP}


@pytest.fixture
def policy_check(copy):
    """The check services hands the store's bundle reader (the built-in policy)."""
    from dutylog.services import Dutylog

    return Dutylog(copy).validate_bundle_record


def test_policy_vocabulary_accepted(copy, tmp_path, policy_check):
    path = write_lines(tmp_path / "ok.jsonl", [SUBJECT, LINK, dict(ENTRY, kind="patrol", patrol="bay"),
                                               LEDGER])
    assert copy.bundles.import_bundle(path, validate_record=policy_check).added == 4


@pytest.mark.parametrize("bad, reason", [
    (dict(SUBJECT, roles=["cadre", "emperor"]),
     "roles: unknown role 'emperor'; accepted: leader, party-group-member, dept-head"),
    (dict(LINK, link_type="factory"),
     "link_type: unknown link type 'factory'; accepted: enterprise, department-head, town, village"),
    (dict(ENTRY, kind="patrol", patrol="sea"),
     "patrol: 'sea' is not a patrol type; accepted: river, bay, forest"),
    (dict(LEDGER, ledger_type="letter"),
     "ledger_type: unknown ledger type 'letter'; accepted: supervision, cosign, minutes"),
], ids=["role", "link-type", "patrol", "ledger-type"])
def test_policy_vocabulary_refused_whole(copy, tmp_path, policy_check, bad, reason):
    """An unknown role, link type, patrol or ledger type refuses the whole bundle, naming
    the line; nothing is written, not even the good records before it."""
    rows = [SUBJECT, LINK, ENTRY, LEDGER]
    at = next(i for i, r in enumerate(rows) if r["type"] == bad["type"])
    rows[at] = bad
    for checksum in (True, False):
        path = write_lines(tmp_path / f"v{checksum}.jsonl", rows, checksum=checksum, records=checksum)
        msg = refused(copy, path, reason, validate_record=policy_check)
        assert f": line {at + 2}: " in msg  # header is line 1
    # without the policy's check the store takes any well-formed code
    assert copy.bundles.import_bundle(path).added == 4


@pytest.mark.parametrize("header, reason", [
    ({"format": "csv", "version": 1}, 'format'),
    ({"format": "dutylog-bundle", "version": 2}, "version 2 is not supported"),
    ({"format": "dutylog-bundle", "version": 1, "records": "3"}, '"records" must be a count'),
])
def test_bad_header(copy, tmp_path, header, reason):
    path = tmp_path / "h.jsonl"
    path.write_text(json.dumps(header) + "\n" + json.dumps(SUBJECT) + "\n", "utf-8")
    assert ": line 1: " in refused(copy, path, reason)


def test_empty_and_unreadable(copy, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    refused(copy, empty, "line 1: no header")
    with pytest.raises(BundleError) as info:
        copy.bundles.import_bundle(tmp_path / "missing.jsonl")
    from dutylog.i18n import words

    assert "cannot read" in words("en").refusal(info.value)


def test_not_utf8(copy, tmp_path):
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(json.dumps({"format": "dutylog-bundle", "version": 1}).encode() + b"\n"
                     + json.dumps(SUBJECT, ensure_ascii=False).encode("gbk") + b"\n")
    refused(copy, path, "line 2: not UTF-8")


def test_renaming_onto_another_subjects_name(copy, wang, tmp_path):
    path = write_lines(tmp_path / "r1.jsonl", [SUBJECT])
    copy.bundles.import_bundle(path)
    renamed = dict(SUBJECT, name="王明", updated_at="2025-07-02T09:00:00+08:00")
    refused(copy, write_lines(tmp_path / "r2.jsonl", [renamed]), "line 2: subject name '王明'")


def test_late_failure_rolls_everything_back(copy, tmp_path):
    """Everything is checked before the first write; even so, a write failing midway
    leaves nothing behind (one transaction)."""
    path = write_lines(tmp_path / "ok.jsonl", [SUBJECT, LINK, ENTRY])
    before = dump(copy)
    copy.conn.execute("CREATE TRIGGER boom BEFORE INSERT ON entries BEGIN "
                      "SELECT RAISE(ABORT, 'disk on fire'); END")
    try:
        with pytest.raises(Exception, match="disk on fire"):
            copy.bundles.import_bundle(path)
    finally:
        copy.conn.execute("DROP TRIGGER boom")
    assert dump(copy) == before
