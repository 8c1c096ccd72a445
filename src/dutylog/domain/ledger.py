"""Ledgers with a clock (台账) and trips out of the city (离海请假), per 海政发〔2022〕17号.

Clause 9: a supervision letter (督办件) gets feedback within 3 working days and is tracked
to closure under 蓝黄红 three-colour management. Clause 14: a document co-signature (会签)
and the issuing of meeting minutes (会议纪要) take at most 3 working days. Clause 19
(rectification after an interview), clause 12 (petition cases) and follow-ups carry a due
day set by whoever opened them. Clause 3: leaving the city needs a written request at
least 3 days before departure (an emergency is reported the same day), and a 销假 on
return.

Which ledger types exist, and whether a type's due day is N working days after opening or
must be given, is the policy's word (`[[ledger_types]]`): these functions take the
`LedgerType` (or the `Policy`) from the caller.

Pure functions over plain values: no clock reads ("as of" is always a parameter), no I/O.

"As of" reading: an item closed (or a trip 销假'd) *after* the as-of day was still open
on that day, so it is judged as open. With as-of = today this never arises, since dates
in the future are refused at the edges.
"""

from __future__ import annotations

import datetime as _dt
from typing import NamedTuple

from dutylog.domain.errors import InvalidInput
from dutylog.domain.rules import LedgerType, Policy
from dutylog.domain.workdays import WorkCalendar, WorkdayResult

COLOURS: tuple[str, ...] = ("blue", "yellow", "red", "closed")

#: Clause 3: the request must be made at least this many calendar days before departure.
LEAVE_NOTICE_DAYS = 3


def check_ledger_type(policy: Policy, ledger_type: str) -> LedgerType:
    """The policy's ledger type of that id (its `[[ledger_types]]`); refuse an unknown one."""
    found = policy.ledger_type(ledger_type)
    if found is None:
        raise InvalidInput(
            code="ledger.type_unknown", field="type", text=ledger_type,
            accepted=list(policy.ledger_type_ids),
        )
    return found


def has_default_due(ledger_type: LedgerType) -> bool:
    """True when the policy sets the due day (N working days after opening)."""
    return ledger_type.due_workdays is not None and not ledger_type.due_required


def default_due(ledger_type: LedgerType, opened: _dt.date, calendar: WorkCalendar) -> WorkdayResult:
    """The due day the policy sets for an item opened on ``opened``.

    Supervision (clause 9), co-signature and minutes (clause 14) in the preset: the 3rd
    working day after ``opened`` (``opened`` excluded, 调休 counted) — the type's
    ``due_workdays``. The result says whether it is estimated (a year the official
    calendar does not cover). A type whose due day must be given (rectification, petition
    cases, follow-ups: ``due_required``) is refused: InvalidInput asks for ``--due``.
    """
    if not has_default_due(ledger_type):
        raise InvalidInput(code="ledger.no_default_due", field="due", type=ledger_type.id)
    assert ledger_type.due_workdays is not None  # has_default_due checked it
    return calendar.add_workdays(opened, ledger_type.due_workdays)


def resolve_due(
    ledger_type: LedgerType,
    opened: _dt.date,
    due: _dt.date | None,
    calendar: WorkCalendar,
) -> WorkdayResult:
    """The due day of a new item: the given ``due`` (never estimated) or the default.

    A given due day before ``opened`` is refused.
    """
    if due is None:
        return default_due(ledger_type, opened, calendar)
    if due < opened:
        raise InvalidInput(code="ledger.due_before_opened", field="due", due=due, opened=opened)
    return WorkdayResult(due, False)


def _closed_as_of(closed: _dt.date | None, as_of: _dt.date) -> bool:
    return closed is not None and closed <= as_of


def colour(
    due: _dt.date,
    closed: _dt.date | None,
    as_of: _dt.date,
    calendar: WorkCalendar,
    warning_days: int = 1,
) -> str:
    """The 蓝黄红 colour (clause 9) of an item as of day A = ``as_of`` with due day D.

    ``closed`` when the item was closed on or before A. Otherwise ``red`` when A is after
    D (overdue); ``yellow`` when at most ``warning_days`` working days lie in (A, D] (the
    warning window; due today leaves 0 and is yellow); else ``blue`` (on schedule).
    """
    if isinstance(warning_days, bool) or not isinstance(warning_days, int) or warning_days < 0:
        raise InvalidInput(
            f"warning window must be 0 or more working days, got {warning_days!r}",
            field="warning_days",
        )
    if _closed_as_of(closed, as_of):
        return "closed"
    if as_of > due:
        return "red"
    # only whether more than `warning_days` working days are left matters: look no further
    # than a window that always holds that many (the longest break is under two weeks)
    horizon = min(due, as_of + _dt.timedelta(days=31 + 2 * warning_days))
    left = calendar.workdays_between(as_of, horizon).count
    return "yellow" if left <= warning_days else "blue"


def late(due: _dt.date, closed: _dt.date | None, as_of: _dt.date) -> bool:
    """True when the deadline was missed: closed after ``due``, or still open as of
    ``as_of`` with ``as_of`` past ``due``. Closing on the due day itself is on time."""
    if closed is not None and closed <= as_of:
        return closed > due
    return as_of > due


# ---- leave (clause 3) -------------------------------------------------------------


def notice_days(requested: _dt.date, depart: _dt.date) -> int:
    """Calendar days of notice: ``depart - requested`` (negative for a request made
    after departure)."""
    return (depart - requested).days


def compliant(requested: _dt.date, depart: _dt.date, emergency: bool) -> bool:
    """Clause 3: 提前3天书面请假 — the request is at least 3 calendar days before
    departure — or it is an emergency reported when leaving (紧急事项离岗同时报告), that is
    no later than the day of departure (revision 2: reported two days after leaving is not
    compliant, emergency or not).
    """
    days = notice_days(requested, depart)
    return days >= LEAVE_NOTICE_DAYS or (bool(emergency) and days >= 0)


def trip_open(return_date: _dt.date, back: _dt.date | None, as_of: _dt.date) -> bool:
    """Clause 3: 返海后及时销假 — a trip is open (flagged) when the as-of day is after
    its planned return day and no 销假 is recorded by then."""
    returned = back is not None and back <= as_of
    return not returned and as_of > return_date


def validate_trip(depart: _dt.date, return_date: _dt.date, back: _dt.date | None = None) -> None:
    """Refuse a trip whose dates contradict each other (InvalidInput naming the field).

    The return day may not be before departure, nor a 销假 before departure. A request
    dated after departure is accepted (it is reported as non-compliant unless emergency).
    """
    if return_date < depart:
        raise InvalidInput(code="leave.return_before_depart", field="return", back=return_date, depart=depart)
    if back is not None and back < depart:
        raise InvalidInput(code="leave.back_before_depart", field="back", back=back, depart=depart)


class TripStatus(NamedTuple):
    """What `leave list` shows for one trip."""

    notice_days: int
    compliant: bool
    open: bool


def trip_status(
    requested: _dt.date,
    depart: _dt.date,
    return_date: _dt.date,
    emergency: bool,
    back: _dt.date | None,
    as_of: _dt.date,
) -> TripStatus:
    """Notice days, compliance and open flag of one trip as of ``as_of`` (clause 3)."""
    return TripStatus(
        notice_days(requested, depart),
        compliant(requested, depart, emergency),
        trip_open(return_date, back, as_of),
    )
