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
        raise InvalidInput(code="date.future", field="date", when=when, today=today)
    if when.year < FIRST_YEAR:
        raise InvalidInput(code="date.too_early", field="date", when=when, first=FIRST_YEAR)
    if days is not None and days <= 0:
        raise InvalidInput(code="days.not_positive", field="days", days=days)
    if days is not None and when <= today and days > (today - when).days + 1:
        # a stay of several days is one entry dated on its first day: it cannot have lasted
        # longer than from that day to today
        most = (today - when).days + 1
        raise InvalidInput(code="days.past_today", field="days", days=f"{days:g}", when=when, today=today,
                           most=most)
    if "title" in k.required and not (title or "").strip():
        raise InvalidInput(code="entry.title_required", field="title", kind=k.id, kind_name=k.name)
    if "object" in k.required and not object_id:
        raise InvalidInput(code="entry.object_required", field="object", kind=k.id, kind_name=k.name,
                           object_type=k.object_type or "object")
    if appeared is not None and "appeared" not in k.fields:
        raise InvalidInput(code="entry.appeared_not_here", field="appeared", kind=k.id, kind_name=k.name)
    if patrol is not None:
        if "patrol" not in k.fields:
            raise InvalidInput(code="entry.patrol_not_here", field="patrol", kind=k.id, kind_name=k.name)
        if policy.patrol_type(patrol) is None:
            raise InvalidInput(code="entry.patrol_unknown", field="patrol", text=patrol,
                               accepted=list(policy.patrol_type_ids))
    for name, value in (texts or {}).items():
        if value is not None and len(value) > MAX_TEXT:
            raise InvalidInput(code="text.too_long", field=name, length=len(value), most=MAX_TEXT)
        if value is not None and "\x00" in value:
            raise InvalidInput(code="text.nul", field=name)


def parse_yes_no(text: str | None, field: str) -> bool | None:
    if text is None:
        return None
    value = text.strip().lower()
    if value in ("yes", "y", "true", "1", "是"):
        return True
    if value in ("no", "n", "false", "0", "否"):
        return False
    raise InvalidInput(code="yes_no", field=field, text=text)
