"""Checks on one activity before it is stored, shared by `log`, `edit`, the TUI form and import."""

from __future__ import annotations

from datetime import date

from .errors import InvalidInput
from .rules import Kind, Policy

MAX_TEXT = 4000
FIRST_YEAR = 2000  # the document is of 2022; nothing before 2000 is a real entry


def check_kind(policy: Policy, kind: str) -> Kind:
    """The Kind a user named: its id, Chinese name or prefix, English name or pinyin
    initials (domain.kinds); refused in one line otherwise."""
    from .kinds import resolve_kind

    k = policy.kind(kind)
    return k if k is not None else resolve_kind(policy, kind)


def check_entry(policy: Policy, *, kind: str, when: date, today: date, days: float | None,
                title: str | None, object_id: str | None, appeared: bool | None,
                patrol: str | None, texts: dict[str, str | None] | None = None) -> None:
    """Raise InvalidInput naming the field when an activity cannot be recorded as given."""
    k = check_kind(policy, kind)
    if when > today:
        raise InvalidInput(f"date: {when} is in the future (today is {today}); future activities cannot be logged", "date")
    if when.year < FIRST_YEAR:
        raise InvalidInput(f"date: {when} is before {FIRST_YEAR}; check the year", "date")
    if days is not None and days <= 0:
        raise InvalidInput(f"days: {days} must be more than 0", "days")
    if days is not None and when <= today and days > (today - when).days + 1:
        # a stay of several days is one entry dated on its first day: it cannot have lasted
        # longer than from that day to today
        most = (today - when).days + 1
        raise InvalidInput(f"days: {days:g} days from {when} would run past today ({today}); "
                           f"at most {most} — date a longer stay on its first day", "days")
    if "title" in k.required and not (title or "").strip():
        raise InvalidInput(f"title: --title is required for {kind} (its rule counts distinct titles)", "title")
    if "object" in k.required and not object_id:
        kind_word = k.object_type or "linked object"
        raise InvalidInput(f"object: --object is required for {kind} (name the linked {kind_word})", "object")
    if appeared is not None and "appeared" not in k.fields:
        raise InvalidInput(f"appeared: --appeared only applies to court-case, not {kind}", "appeared")
    if patrol is not None:
        if "patrol" not in k.fields:
            raise InvalidInput(f"patrol: --patrol only applies to patrol, not {kind}", "patrol")
        if policy.patrol_type(patrol) is None:
            accepted = ", ".join(policy.patrol_type_ids)
            raise InvalidInput(f"patrol: {patrol!r} is not a patrol type; accepted: {accepted}", "patrol")
    for name, value in (texts or {}).items():
        if value is not None and len(value) > MAX_TEXT:
            raise InvalidInput(f"{name}: text is {len(value)} characters; at most {MAX_TEXT} are kept", name)
        if value is not None and "\x00" in value:
            raise InvalidInput(f"{name}: contains a NUL character", name)


def parse_yes_no(text: str | None, field: str) -> bool | None:
    if text is None:
        return None
    value = text.strip().lower()
    if value in ("yes", "y", "true", "1", "是"):
        return True
    if value in ("no", "n", "false", "0", "否"):
        return False
    raise InvalidInput(f"{field}: {text!r} is not yes or no", field)
