"""Bundle record types: their fields, how each is checked, and row <-> record conversion.

One table of field specs serves export, import, history versions and `entry_to_record`,
so the bundle format is written down once.
"""

from __future__ import annotations

import json
import math
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime, UTC
from typing import Any

from dutylog.domain.errors import InvalidInput
from dutylog.textsafe import clean_name, clean_text

# The store checks the shape of a vocabulary value (role, link, patrol and ledger type:
# a short lower-case code); which codes exist is the policy's word, checked by services.
HOLIDAY_KINDS = ("holiday", "workday")
ENUMS = {"holiday": HOLIDAY_KINDS}
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE_RE = re.compile(r"[a-z][a-z0-9-]{0,63}")


class BadValue(InvalidInput, ValueError):
    """A value a bundle field cannot hold: a coded refusal (`value.*` in
    lexicon/refusals.py, worded at the edge), raised without its field by the checks below
    and with it by `parse_record`. A ValueError too, as the store's callers catch it."""


def named(exc: InvalidInput, field: str) -> BadValue:
    """The same refusal, naming the field it is about."""
    return BadValue(code=exc.code, field=field, **exc.params)


@dataclass(frozen=True, slots=True)
class Field:
    name: str  # in the bundle
    column: str  # in the table
    kind: str  # see _check
    required: bool = False


@dataclass(frozen=True)
class Spec:
    type: str  # the bundle record "type"
    table: str
    fields: tuple[Field, ...]
    key: str = "id"
    history: str | None = None  # history.record_type, None: no history kept
    meta: bool = True  # has changed_by / change_reason / created_at columns

    @cached_property
    def columns(self) -> tuple[str, ...]:
        cols = tuple(f.column for f in self.fields)
        return cols + (("extra",) if self.type == "entry" else ())

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields)


_ID = Field("id", "id", "id", True)
_STAMP = Field("updated_at", "updated_at", "stamp", True)
_DELETED = Field("deleted", "deleted", "bool")
_SUBJECT = Field("subject", "subject_id", "ref:subject", True)

SUBJECT = Spec("subject", "subjects", (
    _ID, Field("name", "name", "name", True), Field("roles", "roles", "roles", True), _STAMP,
    Field("since", "since", "opt_date"),
), history="subject")
LINK = Spec("link", "links", (
    _ID, _SUBJECT, Field("link_type", "link_type", "code", True),
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
    Field("patrol", "patrol", "opt_code"), Field("confirmed_by", "confirmed_by", "opt_text"),
    Field("sensitive", "sensitive", "bool"),
), history="entry")
LEDGER = Spec("ledger", "ledger_items", (
    _ID, _SUBJECT, Field("ledger_type", "type", "code", True),
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


_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def is_uuid(value: Any) -> bool:
    """8-4-4-4-12 hexadecimal digits (either case)."""
    return isinstance(value, str) and len(value) == 36 and _UUID_RE.fullmatch(value) is not None


def check_date(value: Any) -> str:
    if not isinstance(value, str) or len(value) != 10 or not _DATE_RE.fullmatch(value):
        raise BadValue(code="value.not_a_date", given=_brief(value))
    try:
        date.fromisoformat(value)
    except ValueError:  # 2025-02-30
        raise BadValue(code="value.no_such_day", given=value) from None
    return value


FIRST_STAMP_YEAR = 2000


def check_stamp(value: Any) -> str:
    """An ISO timestamp with its zone, from 2000 on. One with a zone is kept as written
    (the versions' order and `seen` lists compare it as text); one without a zone is
    read as this machine's local time and written in UTC with its zone (issue 12: a
    zone-less 0001 or 9999 stamp crashed imports). Not later than the importer's clock:
    the importer checks that (bundle_check), it knows the clock."""
    if not isinstance(value, str) or len(value) < 16 or len(value) > 40 \
            or not _DATE_RE.match(value):
        raise BadValue(code="value.not_a_stamp", given=_brief(value))
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise BadValue(code="value.not_a_stamp", given=_brief(value)) from None
    if stamp.year < FIRST_STAMP_YEAR:
        raise BadValue(code="value.stamp_too_early", given=value, first=FIRST_STAMP_YEAR)
    if stamp.tzinfo is None:
        try:
            stamp = stamp.astimezone().astimezone(UTC)
        except (OverflowError, ValueError, OSError):
            raise BadValue(code="value.stamp_out_of_range", given=value) from None
        return stamp.isoformat(timespec="microseconds")
    try:
        stamp.astimezone(UTC)
    except OverflowError:
        raise BadValue(code="value.stamp_out_of_range", given=value) from None
    return value


def _uuid(value: Any) -> str:
    if not is_uuid(value):
        raise BadValue(code="value.not_a_uuid", given=_brief(value))
    return value.lower()


# What the CLI accepts (domain.validate.MAX_TEXT for texts; services for names): a bundle
# is held to the same (issue 12, finding 7: 1 MB names).
MAX_TEXT = 4000
MAX_NAME = 200


def _string(value: Any, most: int) -> str:
    if not isinstance(value, str):
        raise BadValue(code="value.not_a_string", given=_brief(value))
    if len(value) > most:
        raise BadValue(code="value.too_long", length=len(value), most=most)
    return value


def _brief(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _text(value: Any) -> str:
    """One line of text: control characters removed (textsafe.clean_text)."""
    return clean_text(_string(value, MAX_TEXT), multiline=False)


def _lines(value: Any) -> str:
    """Text of several lines (a note): control characters but tab and newline removed."""
    return clean_text(_string(value, MAX_TEXT))


def _name(value: Any) -> str:
    """A name, as names are compared: NFKC, invisible characters gone, spaces folded."""
    name = clean_name(_string(value, MAX_NAME))
    if not name:
        raise BadValue(code="value.empty_name", given=_brief(value))
    return name


def _opt_name(value: Any) -> str:
    return clean_name(_string(value, MAX_NAME)) or None  # type: ignore[return-value]


def _bool(value: Any) -> bool:
    if value is not True and value is not False:
        raise BadValue(code="value.not_bool", given=_brief(value))
    return value


def _days(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise BadValue(code="value.days_not_a_number", given=_brief(value))
    try:
        number = float(value)
    except OverflowError:  # an integer of hundreds of digits
        raise BadValue(code="value.days_not_a_number", given=_brief(value)) from None
    if not math.isfinite(number) or number <= 0:
        raise BadValue(code="value.days_not_positive", given=_brief(value))
    return number


def check_code(value: Any) -> str:
    """A vocabulary code of the policy: lower-case letters, digits and '-', at most 64."""
    if not isinstance(value, str) or not _CODE_RE.fullmatch(value):
        raise BadValue(code="value.not_a_code", given=_brief(value))
    return sys.intern(value)


def _roles(value: Any) -> list[str]:
    if not isinstance(value, list) or not value or len(value) > 32:
        raise BadValue(code="value.roles_list")
    return list(dict.fromkeys(check_code(role) for role in value))


def _enum(name: str):
    accepted = ENUMS[name]

    def check(value: Any) -> str:
        if value not in accepted:
            raise BadValue(code="value.not_one_of", given=_brief(value), accepted=list(accepted))
        return value
    return check


def _ref(value: Any) -> str:
    return sys.intern(_uuid(value))  # a few distinct values repeated: share one copy


def _day(value: Any) -> str:
    return sys.intern(check_date(value))


def _short(value: Any) -> str:
    value = clean_name(_string(value, MAX_NAME))  # "text" fields: who recorded it, a name
    return sys.intern(value) if len(value) <= 32 else value


def _short_name(value: Any) -> str:
    value = _name(value)
    return sys.intern(value) if len(value) <= 32 else value


_CHECKS = {"id": _uuid, "ref:subject": _ref, "ref:link": _ref, "ref:ledger": _ref,
           "text": _short, "name": _short_name, "date": _day, "stamp": check_stamp,
           "bool": _bool, "days": _days, "roles": _roles, "code": check_code,
           **{f"enum:{n}": _enum(n) for n in ENUMS}}
_MISSING = object()


def _plan(spec: Spec) -> list[tuple]:
    """(name, check, value when null or absent — _MISSING: refused) for each field."""
    plan = []
    for f in spec.fields:
        optional = f.kind.startswith("opt_")
        base = f.kind[4:] if optional else f.kind
        if optional or base == "days":
            null = None
        else:
            null = {"bool": False, "text": ""}.get(base, _MISSING)
        check = _CHECKS[base]
        if base == "text" and optional:
            check = {"note": _lines, "confirmed_by": _opt_name}.get(f.name, _text)
        plan.append((f.name, check, f.required, null))
    return plan


_PLANS: dict[str, list[tuple]] = {}


def parse_record(spec: Spec, raw: dict) -> dict:
    """Check one bundle record; return it normalised (every field present, plus "seen"
    and, for entries, "extra"). Raises BadValue (a coded refusal) naming the field."""
    plan = _PLANS.get(spec.type) or _PLANS.setdefault(spec.type, _plan(spec))
    out: dict[str, Any] = {}
    for name, check, required, null in plan:
        value = raw.get(name)
        if value is None:
            if required and name not in raw:
                raise BadValue(code="value.missing", field=name, type=spec.type)
            if null is _MISSING:
                raise BadValue(code="value.null", field=name)
            out[name] = null
            continue
        try:
            out[name] = check(value)
        except BadValue as exc:
            raise named(exc, name) from None
    seen = raw.get("seen") or []
    if not isinstance(seen, list) or not all(isinstance(s, str) for s in seen):
        raise BadValue(code="value.seen", field="seen")
    out["seen"] = sorted(set(seen)) if seen else []
    if spec.type == "ledger":
        # the diary entry that raised the item (kept in ledger_sources, not a column)
        source = raw.get("entry")
        if source is not None:
            try:
                source = _ref(source)
            except BadValue as exc:
                raise named(exc, "entry") from None
        out["entry"] = source
    if spec.type == "entry":
        names = spec.names
        more = raw.keys() - names - _SKIP  # (set arithmetic in C: usually nothing)
        out["extra"] = {k: v for k, v in raw.items() if k in more} if more else {}
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
