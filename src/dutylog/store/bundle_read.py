"""Reading a merge bundle: every line checked before anything is written.

`open_bundle` checks the header, end line, count and checksum in one streaming pass;
`Bundle.iter_records` then reads the records line by line, raising
`BundleError("PATH: line N: reason")` for the first bad line (nothing is held whole).
When the header states `records`, the end line, the count and the checksum must all be
right.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylog.console import MAX_LINE_BYTES, check_input_file
from dutylog.domain.errors import BundleError, InvalidInput
from dutylog.i18n import words
from dutylog.store.bundles import FORMAT, VERSION
from dutylog.store.specs import ENTRY, SPECS, parse_record

TAMPERED = "the bundle is truncated or altered"  # (the wording of the code bundle.tampered)
BOM = "\ufeff".encode()
# The caller's check of one record (services checks the policy's vocabulary: kinds, roles,
# link, patrol and ledger types): the record as {"type": …, field: value …} -> a one-line
# reason to refuse the bundle (a coded refusal, worded in the run's language), or None.
RecordCheck = Callable[[dict], "str | Exception | None"]


@dataclass(frozen=True)
class ImportConflict:
    """A record changed on both sides, resolved by its stamp: which version was kept.
    Worded at the edge (`worded(w)`, the catalog's `conflict.*`); str() in English, as logs
    and the older callers read it."""

    type: str  # the record type: entry, subject, link …
    label: str  # what names it beside its type: "1a2b3c4d 2025-03-02 diary", a name, an id
    incoming_won: bool
    ours: str  # the two versions' stamps
    incoming: str

    def worded(self, w) -> str:
        what = f"{w('conflict.' + self.type)} {self.label}"
        key = "conflict.incoming_won" if self.incoming_won else "conflict.ours_kept"
        return w(key, what=what, ours=self.ours, incoming=self.incoming)

    def __str__(self) -> str:
        return self.worded(words("en"))


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[ImportConflict] = field(default_factory=list)
    older_kept: int = 0


@dataclass
class Bundle:
    """A bundle whose header and checksum were checked (`open_bundle`). Its records are
    read again, line by line, by `iter_records` (never all in memory: issue 12);
    `records` holds what the importer chose to keep (the small kinds)."""

    path: Path
    header: dict[str, Any]
    records: dict[str, list[tuple[int, dict]]]  # type -> [(line number, record)]
    end: int | None = None  # the end line's number, when there is one
    count: int = 0  # record lines (not the header, not the end line)
    counts: dict[str, int] = field(default_factory=dict)  # entries read (by type)

    @property
    def total(self) -> int:
        return self.count

    def fail(self, line: int | None, reason: str | Exception | None = None, *,
             code: str | None = None, **params: Any) -> BundleError:
        """The refusal of line `line`: its reason a code with values (worded at the edge,
        "第 N 行：…" in Chinese), a coded refusal, or (a value check's) plain text."""
        if code is not None:
            reason = InvalidInput(code=code, **params)
        refused = BundleError(code="bundle.line", path=self.path, line=line, reason=reason)
        # str() in English, as logs and the older callers read it; the edge words the code
        refused.args = (words("en").refusal(refused),)
        return refused

    def iter_records(self, validate_record: RecordCheck | None = None):
        """(line number, type, record) of every record line, parsed and checked (each
        also by `validate_record`, when given); raises BundleError for the first bad
        line. Duplicates are the caller's to find."""
        try:
            with self.path.open("rb") as fh:
                fh.readline(MAX_LINE_BYTES + 1)
                yield from _records(self, fh, self.end, validate_record)
        except OSError as exc:
            raise _unreadable(self.path, exc) from exc


def _load(raw: bytes, number: int, fail) -> Any:
    if number == 1 and raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:  # decoded here: json.loads(bytes) first guesses among UTF-8/16/32, line by line
        value = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise fail(number, code="bundle.not_utf8") from None
    except json.JSONDecodeError as exc:
        raise fail(number, code="bundle.not_json", why=exc.msg) from None
    except ValueError:  # an integer of thousands of digits
        raise fail(number, code="bundle.number_too_long") from None
    except RecursionError:
        raise fail(number, code="bundle.too_deep") from None
    if not isinstance(value, dict):
        raise fail(number, code="bundle.not_object")
    if _SURROGATE_ESCAPE.search(raw):
        try:
            json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise fail(number, code="bundle.lone_surrogate") from None
    return value


_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def _other_checksums(path: Path, end_line: int) -> set[str]:
    """What other tools may have hashed: the lines before the end line without the very
    last newline, or without any of their newlines."""
    joined, bare, lines = hashlib.sha256(), hashlib.sha256(), hashlib.sha256()
    pending = b""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            if number >= end_line:
                break
            joined.update(pending)
            stripped = raw.rstrip(b"\r\n")
            joined.update(raw[:-1] if raw.endswith(b"\n") else raw)
            pending = b"\n" if raw.endswith(b"\n") else b""
            bare.update(stripped)
            # the lines' content, as dutylog wrote them: a BOM and CRLF added by Notepad
            # (issue 12) do not alter a bundle
            if number == 1 and stripped.startswith(BOM):
                stripped = stripped[len(BOM):]
            lines.update(stripped + b"\n")
    return {joined.hexdigest(), bare.hexdigest(), lines.hexdigest()}


def _lines(fh, fail, first: int = 1):
    """(number, bytes) of each line, refusing one longer than MAX_LINE_BYTES (a file of
    zeros with no newline is never read whole)."""
    number = first - 1
    while raw := fh.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(raw) > MAX_LINE_BYTES:
            raise fail(number, code="bundle.line_too_long", mib=MAX_LINE_BYTES >> 20)
        yield number, raw


def _scan(bundle: Bundle, fh) -> tuple[int | None, int, int]:
    """First pass, without parsing records: find the end line, check its checksum, count
    the records. Returns (end line number or None, record count, number of lines)."""
    digest = hashlib.sha256()
    number, count = 0, 0
    last: tuple[int, bytes, str] | None = None
    for number, raw in _lines(fh, bundle.fail):
        if raw.strip() and number > 1:
            count += 1
            # the digest of everything before this line, should it be the end line
            last = (number, raw, digest.hexdigest() if b"end" in raw else "")
        digest.update(raw)
    if last is None:
        return None, count, number
    end_number, raw, before = last
    try:
        tail = json.loads(raw)
    except (ValueError, RecursionError):
        return None, count, number
    if not isinstance(tail, dict) or tail.get("type") != "end":
        return None, count, number
    expected = tail.get("sha256")
    expected = expected.strip().lower() if isinstance(expected, str) else ""
    if expected != before and expected not in _other_checksums(bundle.path, end_number):
        raise bundle.fail(end_number, code="bundle.checksum")
    return end_number, count - 1, number


def open_bundle(path: Path) -> Bundle:
    """Check the file, its header, end line, count and checksum, streaming (no record
    kept); the records are then read with `Bundle.iter_records`."""
    path = Path(path)
    bundle = Bundle(path, {}, {t: [] for t in SPECS})
    fail = bundle.fail
    try:
        check_input_file(path)  # a regular file, not too big: a FIFO or /dev/zero refused
    except BundleError:
        raise
    except InvalidInput as exc:
        if exc.code:
            raise BundleError(field=exc.field, code=exc.code, **exc.params) from None
        raise BundleError(str(exc)) from None
    try:
        with path.open("rb") as fh:
            first = fh.readline(MAX_LINE_BYTES + 1)
            if len(first) > MAX_LINE_BYTES:
                raise fail(1, code="bundle.first_line_too_long", mib=MAX_LINE_BYTES >> 20)
            if not first.strip():
                raise fail(1, code="bundle.no_header", format=FORMAT, version=VERSION)
            header = _load(first, 1, fail)
            _check_header(bundle, header)
            fh.seek(0)
            end, count, lines = _scan(bundle, fh)
            stated = header.get("records")
            if stated is not None and end is None:
                raise fail(lines + 1, code="bundle.no_end")
            if stated is not None and count != stated:
                raise fail(end, code="bundle.count", stated=stated, count=count)
    except OSError as exc:
        refused = BundleError(code="bundle.unreadable", path=path, why=exc.strerror or exc)
        refused.args = (words("en").refusal(refused),)
        raise refused from exc
    bundle.end, bundle.count = end, count
    return bundle


def read_bundle(path: Path, validate_record: RecordCheck | None = None) -> Bundle:
    """The whole bundle in memory (small bundles, tools): `open_bundle`, then every
    record, a duplicate refused naming both lines."""
    bundle = open_bundle(path)
    first_line: dict[tuple[str, str], int] = {}
    for number, kind, record in bundle.iter_records(validate_record):
        key = (kind, record[SPECS[kind].key])
        if key in first_line:
            raise bundle.fail(number, duplicate(kind, key[1], first_line[key]))
        first_line[key] = number
        bundle.records[kind].append((number, record))
    return bundle


def duplicate(kind: str, key: str, first: int) -> InvalidInput:
    """The reason a record is refused as a duplicate (coded: worded at the edge)."""
    return InvalidInput(code="bundle.twice", kind=kind, key=key, other=first)


def _unreadable(path: Path, exc: OSError) -> BundleError:
    refused = BundleError(code="bundle.unreadable", path=path, why=exc.strerror or exc)
    refused.args = (words("en").refusal(refused),)  # str() in English, as logs read it
    return refused


def _check_header(bundle: Bundle, header: dict) -> None:
    fail = bundle.fail
    if header.get("format") != FORMAT:
        raise fail(1, code="bundle.format", given=repr(header.get("format")), format=FORMAT)
    version = header.get("version")
    if version != VERSION or isinstance(version, bool):
        raise fail(1, code="bundle.version", given=repr(version), version=VERSION)
    stated = header.get("records")
    if stated is not None and (not isinstance(stated, int) or isinstance(stated, bool)
                               or stated < 0):
        raise fail(1, code="bundle.records_count", given=repr(stated))
    bundle.header = header


def _records(bundle: Bundle, fh, end: int | None, validate_record: RecordCheck | None):
    """Parse and check every record line (line 1 already read), yielding
    (number, type, record); each record also goes to `validate_record`, when given."""
    fail = bundle.fail
    for number, raw in _lines(fh, fail, 2):
        if end is not None and number >= end:
            break
        if not raw.strip():
            continue
        obj = _load(raw, number, fail)
        kind = obj.get("type")
        if kind == "end":
            raise fail(number, code="bundle.early_end")
        spec = SPECS.get(kind) if isinstance(kind, str) else None
        if spec is None:
            raise fail(number, code="bundle.record_type", given=repr(kind), accepted=list(SPECS))
        try:
            record = parse_record(spec, obj)
        except ValueError as exc:  # specs.BadValue: a coded refusal naming the field
            raise fail(number, exc) from None
        if validate_record is not None:
            shown = {"type": kind, **{f.name: record[f.name] for f in spec.fields}}
            if spec is ENTRY:
                shown.update(record["extra"])
            problem = validate_record(shown)
            if problem:
                raise fail(number, problem)
        yield number, kind, record
