"""Bundle record types: their fields, how each is checked, and row <-> record conversion.

One table of field specs serves export, import, history versions and `entry_to_record`,
so the bundle format is written down once.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from dutylog.domain.model import LINK_TYPES, PATROL_TYPES, ROLES

LEDGER_TYPES = ("supervision", "cosign", "minutes", "rectification", "petition-case", "follow-up")
HOLIDAY_KINDS = ("holiday", "workday")
ENUMS = {
    "link": LINK_TYPES,
    "patrol": PATROL_TYPES,
    "ledger": LEDGER_TYPES,
    "holiday": HOLIDAY_KINDS,
}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # in the bundle
    column: str  # in the table
    kind: str  # see _check
    required: bool = False


@dataclass(frozen=True, slots=True)
class Spec:
    type: str  # the bundle record "type"
    table: str
    fields: tuple[Field, ...]
    key: str = "id"
    history: str | None = None  # history.record_type, None: no history kept
    meta: bool = True  # has changed_by / change_reason / created_at columns

    @property
    def columns(self) -> tuple[str, ...]:
        cols = tuple(f.column for f in self.fields)
        return cols + (("extra",) if self.type == "entry" else ())

    @property
    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)

    @property
    def refs(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if "ref:" in f.kind)


_ID = Field("id", "id", "id", True)
_STAMP = Field("updated_at", "updated_at", "stamp", True)
_DELETED = Field("deleted", "deleted", "bool")
_SUBJECT = Field("subject", "subject_id", "ref:subject", True)

SUBJECT = Spec("subject", "subjects", (
    _ID, Field("name", "name", "name", True), Field("roles", "roles", "roles", True), _STAMP,
), history="subject")
LINK = Spec("link", "links", (
    _ID, _SUBJECT, Field("link_type", "link_type", "enum:link", True),
    Field("name", "name", "name", True), Field("since", "since", "opt_date"),
    Field("until", "until", "opt_date"), _STAMP, _DELETED,
), history="link")
ENTRY = Spec("entry", "entries", (
    _ID, _SUBJECT, Field("kind", "kind", "name", True), Field("date", "date", "date", True),
    Field("days", "days", "days"), Field("four_no", "four_no", "bool"),
    Field("title", "title", "opt_text"), Field("place", "place", "opt_text"),
    Field("people", "people", "opt_text"), Field("note", "note", "opt_text"),
    Field("object", "object_id", "opt_ref:link"), Field("recorded_by", "recorded_by", "text"),
    _STAMP, _DELETED, Field("appeared", "appeared", "opt_bool"),
    Field("patrol", "patrol", "opt_enum:patrol"), Field("confirmed_by", "confirmed_by", "opt_text"),
    Field("sensitive", "sensitive", "bool"),
), history="entry")
LEDGER = Spec("ledger", "ledger_items", (
    _ID, _SUBJECT, Field("ledger_type", "type", "enum:ledger", True),
    Field("title", "title", "opt_text"), Field("note", "note", "opt_text"),
    Field("opened", "opened", "date", True), Field("due", "due", "opt_date"),
    Field("due_given", "due_given", "bool"), Field("closed", "closed", "opt_date"),
    _STAMP, _DELETED,
), history="ledger")
PROGRESS = Spec("ledger_progress", "ledger_progress", (
    _ID, Field("item", "item_id", "ref:ledger", True), Field("date", "date", "date", True),
    Field("note", "note", "opt_text"), Field("recorded_by", "recorded_by", "text"), _STAMP,
))
TRIP = Spec("trip", "trips", (
    _ID, _SUBJECT, Field("requested", "requested", "date", True),
    Field("depart", "depart", "date", True), Field("return", "return_date", "date", True),
    Field("emergency", "emergency", "bool"), Field("destination", "destination", "opt_text"),
    Field("back", "back", "opt_date"), _STAMP, _DELETED,
), history="trip")
HOLIDAY = Spec("holiday", "holidays", (
    Field("date", "date", "date", True), Field("kind", "kind", "enum:holiday", True),
    Field("name", "name", "opt_text"), _STAMP,
), key="date", meta=False)

SPECS: dict[str, Spec] = {s.type: s for s in (SUBJECT, LINK, ENTRY, LEDGER, PROGRESS, TRIP, HOLIDAY)}
ORDER = tuple(SPECS)  # the order records are written and applied in
BY_HISTORY = {s.history: s for s in SPECS.values() if s.history}
_SKIP = frozenset({"type", "seen", "subject_name", "object_name"})


def is_uuid(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 36 and _UUID_RE.fullmatch(value) is not None


def check_date(value: Any) -> str:
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        raise ValueError(f"not a date YYYY-MM-DD: {value!r}")
    date.fromisoformat(value)  # raises for 2025-02-30
    return value


def check_stamp(value: Any) -> str:
    if not isinstance(value, str) or not _DATE_RE.match(value) or len(value) < 16:
        raise ValueError(f"not an ISO timestamp: {value!r}")
    datetime.fromisoformat(value)
    return value


def _check(field: Field, value: Any) -> Any:
    """The checked, normalised bundle value of one present field; ValueError if invalid."""
    kind = field.kind
    optional = kind.startswith("opt_")
    if optional:
        kind = kind[4:]
    if value is None:
        if optional or kind == "days":
            return None
        if kind == "bool":
            return False
        if kind == "text":
            return ""
        raise ValueError("must not be null")
    if kind in ("id", "ref:subject", "ref:link", "ref:ledger"):
        if not is_uuid(value):
            raise ValueError(f"not a UUID: {value!r}")
        return value.lower()
    if kind in ("text", "name"):
        if not isinstance(value, str):
            raise ValueError(f"must be a string, not {value!r}")
        if kind == "name" and not value.strip():
            raise ValueError("must not be empty")
        return value
    if kind == "date":
        return check_date(value)
    if kind == "stamp":
        return check_stamp(value)
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"must be true or false, not {value!r}")
        return value
    if kind == "days":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"must be a number, not {value!r}")
        if not math.isfinite(value) or value <= 0:
            raise ValueError(f"must be more than 0, not {value!r}")
        return float(value)
    if kind == "roles":
        if not isinstance(value, list) or not value:
            raise ValueError("must be a non-empty list of roles")
        for role in value:
            if role not in ROLES:
                raise ValueError(f"unknown role {role!r}; accepted: {', '.join(ROLES)}")
        return list(dict.fromkeys(value))
    if kind.startswith("enum:"):
        accepted = ENUMS[kind[5:]]
        if value not in accepted:
            raise ValueError(f"{value!r} is not one of {', '.join(accepted)}")
        return value
    raise AssertionError(kind)


def parse_record(spec: Spec, raw: dict) -> dict:
    """Check one bundle record; return it normalised (every field present, plus "seen"
    and, for entries, "extra"). Raises ValueError naming the field."""
    out: dict[str, Any] = {}
    for field in spec.fields:
        if field.name not in raw:
            if field.required:
                raise ValueError(f"{spec.type} record without {field.name!r}")
            out[field.name] = _check(field, None)
            continue
        try:
            out[field.name] = _check(field, raw[field.name])
        except ValueError as exc:
            raise ValueError(f"{field.name}: {exc}") from None
    seen = raw.get("seen") or []
    if not isinstance(seen, list) or not all(isinstance(s, str) for s in seen):
        raise ValueError("seen: must be a list of timestamps")
    out["seen"] = sorted(set(seen))
    if spec.type == "entry":
        out["extra"] = {k: v for k, v in raw.items() if k not in spec.names and k not in _SKIP}
    return out


def record_to_row(spec: Spec, record: dict) -> dict[str, Any]:
    """Column values of a normalised record (ids not yet mapped through aliases)."""
    row: dict[str, Any] = {}
    for field in spec.fields:
        value = record[field.name]
        if field.kind in ("bool", "opt_bool") and value is not None:
            value = int(value)
        elif field.kind == "roles":
            value = json.dumps(value, ensure_ascii=False)
        row[field.column] = value
    if spec.type == "entry":
        row["extra"] = dump_extra(record.get("extra"))
    return row


def dump_extra(extra: dict | None) -> str | None:
    """The stored text of an entry's extra fields (None when there are none)."""
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None


def row_to_record(spec: Spec, row: Any) -> dict[str, Any]:
    """The bundle record of a stored row (sqlite3.Row or dict of columns)."""
    record: dict[str, Any] = {"type": spec.type}
    for field in spec.fields:
        value = row[field.column]
        if field.kind == "bool":
            value = bool(value)
        elif field.kind == "opt_bool" and value is not None:
            value = bool(value)
        elif field.kind == "roles":
            value = json.loads(value)
        elif field.kind == "days" and value is not None:
            value = float(value)
        record[field.name] = value
    if spec.type == "entry" and row["extra"]:
        for key, value in json.loads(row["extra"]).items():
            record.setdefault(key, value)
    return record


def content(spec: Spec, row: Any) -> tuple:
    """What two versions must share to be the same version (everything but the stamp)."""
    return tuple(row[c] for c in spec.columns if c != "updated_at")


def canonical(spec: Spec, row: Any) -> str:
    """A deterministic text of a version, to break ties between equal timestamps."""
    return json.dumps([row[c] for c in spec.columns], ensure_ascii=False, default=str)
