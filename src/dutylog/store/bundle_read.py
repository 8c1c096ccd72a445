"""Reading a merge bundle: every line checked before anything is written.

`read_bundle` returns the records grouped by type, or raises
`BundleError("PATH: line N: reason")` for the first bad line. When the header states
`records`, the end line, the count and the checksum must all be right.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylog.domain.errors import BundleError
from dutylog.store.bundles import FORMAT, VERSION
from dutylog.store.specs import ENTRY, SPECS, parse_record

TAMPERED = "the bundle is truncated or altered"
EntryCheck = Callable[[dict], "str | None"]


@dataclass
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    older_kept: int = 0


@dataclass
class Bundle:
    path: Path
    header: dict[str, Any]
    records: dict[str, list[tuple[int, dict]]]  # type -> [(line number, record)]

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.records.values())

    def fail(self, line: int, reason: str) -> BundleError:
        return BundleError(f"{self.path}: line {line}: {reason}")


def _split(data: bytes) -> list[bytes]:
    """The lines, each with its own "\\n" (the last one may lack it)."""
    parts = data.split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _load(raw: bytes, number: int, fail) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise fail(number, "not UTF-8 text") from None
    if number == 1:
        text = text.removeprefix("\ufeff")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(number, f"not a JSON object ({exc.msg})") from None
    if not isinstance(value, dict):
        raise fail(number, "not a JSON object")
    return value


def _checksum_ok(expected: Any, lines: list[bytes]) -> bool:
    """SHA-256 of every line before the end line, each with its "\\n"; also accepted: the
    same without the final newline, or the lines without their newlines (other tools)."""
    if not isinstance(expected, str):
        return False
    expected = expected.strip().lower()
    body = b"".join(lines)
    candidates = [body]
    if body.endswith(b"\n"):
        candidates.append(body[:-1])
    candidates.append(b"".join(line.rstrip(b"\r\n") for line in lines))
    return any(hashlib.sha256(c).hexdigest() == expected for c in candidates)


def read_bundle(path: Path, validate_entry: EntryCheck | None = None) -> Bundle:
    path = Path(path)
    bundle = Bundle(path, {}, {t: [] for t in SPECS})
    fail = bundle.fail
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BundleError(f"{path}: cannot read it: {exc.strerror or exc}") from exc
    lines = _split(data)
    if not lines or not lines[0].strip():
        raise fail(1, f"no header; a bundle starts with "
                      f'{{"format": "{FORMAT}", "version": {VERSION}, …}}')
    header = _load(lines[0], 1, fail)
    if header.get("format") != FORMAT:
        raise fail(1, f'the header\'s "format" is {header.get("format")!r}, not "{FORMAT}"')
    version = header.get("version")
    if version != VERSION or isinstance(version, bool):
        raise fail(1, f"bundle version {version!r} is not supported (only {VERSION})")
    stated = header.get("records")
    if stated is not None and (not isinstance(stated, int) or isinstance(stated, bool)
                               or stated < 0):
        raise fail(1, f'"records" must be a count, not {stated!r}')
    bundle.header = header

    filled = [i for i, line in enumerate(lines) if line.strip()]
    last = filled[-1]
    end = None
    if last > 0:
        try:
            tail = json.loads(lines[last].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            tail = None
        if isinstance(tail, dict) and tail.get("type") == "end":
            end = last
            if not _checksum_ok(tail.get("sha256"), lines[:last]):
                raise fail(last + 1, f"the checksum does not match: {TAMPERED}")
    if stated is not None and end is None:
        raise fail(len(lines) + 1, f"the end line is missing: {TAMPERED}")
    stop = end if end is not None else len(lines)
    count = sum(1 for i in filled if 0 < i < stop)
    if stated is not None and count != stated:
        raise fail(stop + 1, f"the header states {stated} records but there are {count}: "
                             f"{TAMPERED}")

    first_line: dict[tuple[str, str], int] = {}
    for index in filled:
        if index == 0 or index >= stop:
            continue
        number = index + 1
        raw = _load(lines[index], number, fail)
        kind = raw.get("type")
        if kind == "end":
            raise fail(number, f"an end line before the last line: {TAMPERED}")
        spec = SPECS.get(kind)
        if spec is None:
            raise fail(number, f"unknown record type {kind!r}; accepted: "
                               f"{', '.join(SPECS)}")
        try:
            record = parse_record(spec, raw)
        except ValueError as exc:
            raise fail(number, str(exc)) from None
        if spec is ENTRY and validate_entry is not None:
            shown = {"type": "entry", **{f.name: record[f.name] for f in ENTRY.fields},
                     **record["extra"]}
            problem = validate_entry(shown)
            if problem:
                raise fail(number, problem)
        key = (kind, record[spec.key])
        if key in first_line:
            raise fail(number, f"{kind} {record[spec.key]} appears twice "
                               f"(also on line {first_line[key]})")
        first_line[key] = number
        bundle.records[kind].append((number, record))
    return bundle
