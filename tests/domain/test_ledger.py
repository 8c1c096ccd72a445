"""Ledger due days, 蓝黄红 colours, lateness and leave compliance (clauses 3, 9, 14).

Hand-computed dates; 2026 facts checked against the chinesecalendar package.
"""

import re
from datetime import date

import pytest

from dutylog.domain.errors import InvalidInput
from dutylog.domain.ledger import (
    TripStatus,
    check_ledger_type,
    colour,
    compliant,
    default_due,
    has_default_due,
    late,
    notice_days,
    resolve_due,
    trip_open,
    trip_status,
    validate_trip,
)
from dutylog.domain.rules import LedgerType, Text
from dutylog.domain.workdays import WorkCalendar, WorkdayResult
from dutylog.i18n import words
from dutylog.policy import load_policy

CAL = WorkCalendar()
POLICY = load_policy(None)  # the preset's [[ledger_types]]

said = words("en").refusal  # a refusal in English, as its code words it


def lt(type_id: str) -> LedgerType:
    return check_ledger_type(POLICY, type_id)


# ---- types and due days -----------------------------------------------------------------


def test_preset_types():
    assert POLICY.ledger_type_ids == ("supervision", "cosign", "minutes", "rectification",
                                      "petition-case", "follow-up")
    assert {t.id for t in POLICY.ledger_types if has_default_due(t)} == {
        "supervision", "cosign", "minutes"}
    assert all(t.due_workdays == 3 for t in POLICY.ledger_types if has_default_due(t))


@pytest.mark.parametrize("kind", ["supervision", "cosign", "minutes"])
def test_default_due_three_working_days(kind):
    # Thu 2026-02-12: Fri 13, make-up Sat 14, then Spring Festival until Mon 23 -> Tue 24.
    assert default_due(lt(kind), date(2026, 2, 12), CAL) == WorkdayResult(date(2026, 2, 24), False)
    # Tue 2026-09-29: Wed 30, National Day 1-7 Oct, Thu 8, Fri 9.
    assert default_due(lt(kind), date(2026, 9, 29), CAL) == WorkdayResult(date(2026, 10, 9), False)


def test_default_due_estimated_in_uncovered_year():
    assert default_due(lt("supervision"), date(2027, 3, 5), CAL) == WorkdayResult(
        date(2027, 3, 10), True
    )


def test_default_due_follows_the_policy():
    five = LedgerType("letter", Text("来函", "letter"), due_workdays=5)
    # Fri 2026-03-06 + 5 working days: Mon 9 … Fri 13.
    assert default_due(five, date(2026, 3, 6), CAL) == WorkdayResult(date(2026, 3, 13), False)


@pytest.mark.parametrize("kind", ["rectification", "petition-case", "follow-up"])
def test_due_required(kind):
    with pytest.raises(InvalidInput) as err:
        default_due(lt(kind), date(2026, 3, 2), CAL)
    assert re.search("--due", said(err.value)), said(err.value)
    assert err.value.field == "due"


def test_unknown_type_refused():
    with pytest.raises(InvalidInput) as err:
        check_ledger_type(POLICY, "letter")
    assert re.search("accepted: supervision, cosign", said(err.value)), said(err.value)
    assert err.value.field == "type" and "\n" not in said(err.value)


def test_resolve_due():
    assert resolve_due(lt("minutes"), date(2026, 3, 6), None, CAL) == WorkdayResult(
        date(2026, 3, 11), False
    )
    given = resolve_due(lt("rectification"), date(2027, 3, 1), date(2027, 4, 1), CAL)
    assert given == WorkdayResult(date(2027, 4, 1), False)  # a given date is never a guess
    with pytest.raises(InvalidInput):
        resolve_due(lt("follow-up"), date(2026, 3, 6), date(2026, 3, 5), CAL)
    with pytest.raises(InvalidInput):
        resolve_due(lt("follow-up"), date(2026, 3, 6), None, CAL)


# ---- colours ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "as_of", "expected"),
    [
        (date(2026, 3, 11), date(2026, 3, 11), "yellow"),  # due today: 0 left
        (date(2026, 3, 9), date(2026, 3, 6), "yellow"),  # Fri -> Mon: 1 left across a weekend
        (date(2026, 3, 11), date(2026, 3, 9), "blue"),  # Mon -> Wed: 2 left
        (date(2026, 3, 11), date(2026, 3, 12), "red"),  # overdue by one day
        (date(2026, 3, 9), date(2026, 3, 7), "yellow"),  # Sat, due Mon
        # Spring Festival: Fri 13 -> Tue 24 leaves Sat 14 (调休) and Tue 24: 2 -> blue
        (date(2026, 2, 24), date(2026, 2, 13), "blue"),
        # on Sat 14 only Tue 24 is left -> yellow, although 10 calendar days remain
        (date(2026, 2, 24), date(2026, 2, 14), "yellow"),
        # National Day: Wed 30 Sep -> Fri 9 Oct leaves Thu 8, Fri 9 -> blue
        (date(2026, 10, 9), date(2026, 9, 30), "blue"),
        (date(2026, 10, 9), date(2026, 10, 1), "blue"),
        (date(2026, 10, 9), date(2026, 10, 8), "yellow"),
    ],
)
def test_colour_open(due, as_of, expected):
    assert colour(due, None, as_of, CAL) == expected


def test_colour_closed():
    assert colour(date(2026, 3, 11), date(2026, 3, 10), date(2026, 3, 20), CAL) == "closed"
    assert colour(date(2026, 3, 11), date(2026, 3, 15), date(2026, 3, 20), CAL) == "closed"
    assert colour(date(2026, 3, 11), date(2026, 3, 11), date(2026, 3, 11), CAL) == "closed"


def test_colour_closed_after_as_of_is_open_on_that_day():
    assert colour(date(2026, 3, 11), date(2026, 3, 15), date(2026, 3, 12), CAL) == "red"


def test_warning_window_configurable():
    # Mon -> Wed: 2 working days left.
    assert colour(date(2026, 3, 11), None, date(2026, 3, 9), CAL, warning_days=2) == "yellow"
    assert colour(date(2026, 3, 11), None, date(2026, 3, 10), CAL, warning_days=0) == "blue"
    assert colour(date(2026, 3, 11), None, date(2026, 3, 11), CAL, warning_days=0) == "yellow"
    with pytest.raises(InvalidInput):
        colour(date(2026, 3, 11), None, date(2026, 3, 9), CAL, warning_days=-1)


def test_colour_follows_user_holidays():
    # 2027: Fri 2027-01-01 (元旦) is an estimated holiday; as of Thu 2026-12-31, due Mon
    # 2027-01-04 is 1 working day away. A user entry making 1 Jan a workday gives 2.
    assert colour(date(2027, 1, 4), None, date(2026, 12, 31), CAL) == "yellow"
    cal = WorkCalendar({date(2027, 1, 1): True})
    assert colour(date(2027, 1, 4), None, date(2026, 12, 31), cal) == "blue"


# ---- late ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("closed", "as_of", "expected"),
    [
        (None, date(2026, 3, 11), False),  # open, due today
        (None, date(2026, 3, 12), True),  # open, past due
        (date(2026, 3, 11), date(2026, 3, 20), False),  # closed on the due day
        (date(2026, 3, 12), date(2026, 3, 20), True),  # closed a day late
        (date(2026, 3, 9), date(2026, 3, 9), False),
        (date(2026, 3, 15), date(2026, 3, 10), False),  # as of the 10th it was open, not due
    ],
)
def test_late(closed, as_of, expected):
    assert late(date(2026, 3, 11), closed, as_of) is expected


# ---- leave (clause 3) ---------------------------------------------------------------------


def test_notice_and_compliance():
    assert notice_days(date(2026, 3, 2), date(2026, 3, 5)) == 3
    assert compliant(date(2026, 3, 2), date(2026, 3, 5), emergency=False)  # exactly 3 days
    assert notice_days(date(2026, 3, 3), date(2026, 3, 5)) == 2
    assert not compliant(date(2026, 3, 3), date(2026, 3, 5), emergency=False)
    assert compliant(date(2026, 3, 5), date(2026, 3, 5), emergency=True)  # same-day report
    assert notice_days(date(2026, 3, 6), date(2026, 3, 5)) == -1  # asked after leaving
    assert not compliant(date(2026, 3, 6), date(2026, 3, 5), emergency=False)
    # revision 2: an emergency reported after departure is not compliant either
    assert not compliant(date(2026, 3, 6), date(2026, 3, 5), emergency=True)
    # calendar days, not working days: across the Spring Festival break
    assert compliant(date(2026, 2, 14), date(2026, 2, 17), emergency=False)


def test_trip_open():
    ret = date(2026, 3, 8)
    assert not trip_open(ret, None, date(2026, 3, 8))  # return day itself: not yet open
    assert trip_open(ret, None, date(2026, 3, 9))  # day after, no 销假
    assert not trip_open(ret, date(2026, 3, 8), date(2026, 3, 20))  # 销假 recorded
    assert not trip_open(ret, date(2026, 3, 12), date(2026, 3, 20))  # late 销假 still closes it
    assert trip_open(ret, date(2026, 3, 12), date(2026, 3, 10))  # as of the 10th: not yet back


def test_trip_status():
    status = trip_status(
        date(2026, 3, 3), date(2026, 3, 5), date(2026, 3, 8), False, None, date(2026, 3, 9)
    )
    assert status == TripStatus(notice_days=2, compliant=False, open=True)


def test_validate_trip():
    validate_trip(date(2026, 3, 5), date(2026, 3, 5))  # day trip
    validate_trip(date(2026, 3, 5), date(2026, 3, 8), date(2026, 3, 8))
    with pytest.raises(InvalidInput) as err:
        validate_trip(date(2026, 3, 5), date(2026, 3, 4))
    assert err.value.field == "return"
    with pytest.raises(InvalidInput) as err:
        validate_trip(date(2026, 3, 5), date(2026, 3, 8), date(2026, 3, 4))
    assert err.value.field == "back"
