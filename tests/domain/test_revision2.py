"""Revision 2 of the policy and of the evaluation day, with every expectation worked out by hand
from shared/policy/CATALOG.md ("Changes in revision 2") and shared/CONTRACT.md ("The
evaluation day (revision 2)", "status --json", "Ledgers, leave and working days").

Calendar landmarks used in the comments (2025 is not a leap year, 1 Jan 2025 is a Wednesday):
  day-of-year of a month's last day: Jan 31, Feb 59, Mar 90, Apr 120, May 151, Jun 181,
  Jul 212, Aug 243, Sep 273, Oct 304, Nov 334, Dec 365.
  So 10 Nov = day 314, 1 Dec = day 335, 17 Dec = day 351.
Fortnight k (1-based) = days 14(k-1)+1 … 14k; the 26th runs to 31 Dec.

Contract sentences leaned on:
  (RUN)  "a period whose last day is `as_of` is `open`, not `missed`" while as_of is today
         and the day runs; "Pace (`expected`) still counts `as_of` as elapsed".
  (TRK)  "A period that ended before that day has status `untracked` … and does not make a
         rule `missed`"; "a period is `untracked` only when it ended before the tracked-from
         day (the period holding that day is tracked)"; rule status `untracked` = "every
         period of the year untracked".
  (SHR)  shares and rates "are `on_track` at or above the minimum while the year runs and
         `met` only once it has ended".
  (UNR)  "`unreachable` … a day-based minimum whose shortfall exceeds the calendar days left
         in the year (today counted while it runs), or a 100 % rate after one
         non-appearance. After the year it is `missed`." "Days left in the year count from
         `as_of` while it is today and runs, else from the day after."
  (LNK)  link rules: "`actual` is the number of distinct objects linked on the evaluation
         day …; `expected` is null; `met` at the target, `over` above it, `behind` below it
         while the year runs, `missed` below it once the year has ended." "A link rule's
         year period has the rule's actual and status."
  (OBJ)  per-object rules: "an object is one name, whatever its spans in the period; a
         period with no object is not met (`open` while it runs, `missed` once ended); the
         rule's `actual` is the number of visits or talks in the year so far."
  (Y)    yearly rule: "`over` above max, `met` at or above min, `missed` when the year has
         ended below min, `behind` below `expected`, else `on_track`".
  (S)    shorter periods: "`missed` when any period is missed, `met` when every period of
         the year is met, else `on_track`".
  (WK)   "`periods` has 53 or 54 weeks …: Monday–Sunday, the first and last week cut at the
         year's ends."
  (LV)   "A trip is `compliant` when `requested` is at least 3 calendar days before `depart`,
         or it is an emergency with `requested` no later than `depart`".
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from dutylog.domain.ledger import compliant, trip_status
from dutylog.domain.model import Entry, Link
from dutylog.domain.periods import periods_of_year
from dutylog.domain.progress import EvalDay, evaluate
from dutylog.policy import load_policy

D = date
POLICY = load_policy()
_ids = itertools.count(1)


def E(kind: str, when: date, **kw) -> Entry:
    return Entry(f"r2e{next(_ids)}", "s1", kind, when, **kw)


def L(link_id: str, link_type: str, name: str, since: date | None = None,
      until: date | None = None) -> Link:
    return Link(link_id, "s1", link_type, name, since, until)


def ev(roles, entries=(), links=(), *, as_of: date, running: bool = False,
       tracked_from: date | None = None, year: int | None = None) -> dict:
    """Rule id → RuleResult for a subject holding `roles` (expanded through the policy)."""
    year = as_of.year if year is None else year
    day = EvalDay(as_of, running=running, tracked_from=tracked_from)
    results = evaluate(POLICY.rules, POLICY.expand_roles(list(roles)), list(entries),
                       list(links), year, day)
    return {r.rule.id: r for r in results}


def one(rule_id, roles, entries=(), links=(), **kw):
    return ev(roles, entries, links, **kw)[rule_id]


def st(result) -> list[str]:
    return [p.status for p in result.periods]


def research(start: date, n: float, four_no: bool = False) -> list[Entry]:
    """field-research entries adding up to `n` days: whole days on consecutive dates from
    `start`, then a half day if `n` has one."""
    whole = int(n)
    out = [E("field-research", start + timedelta(i), days=1.0, four_no=four_no)
           for i in range(whole)]
    if n - whole:
        out.append(E("field-research", start + timedelta(whole), days=n - whole, four_no=four_no))
    return out


def monthly(kind: str, months, **kw) -> list[Entry]:
    return [E(kind, D(2025, m, 15), **kw) for m in months]


# ============================================================ the last day of a period (RUN)


def test_month_last_day_running_is_open_then_missed():
    # petition-reception: ≥ 1 day each month. One day in each of Jan–May, none in June.
    entries = monthly("petition-reception", range(1, 6), days=1.0)
    # 30 Jun running (today): June's last day is as_of → June open; Jul–Dec future;
    # no period missed, not all met → on_track (S).
    r = one("petition-reception", ["leader"], entries, as_of=D(2025, 6, 30), running=True)
    assert st(r) == ["met"] * 5 + ["open"] + ["future"] * 6
    assert r.status == "on_track"
    # 30 Jun evaluated at its end (not today): June ended unmet → missed → rule missed (S).
    r = one("petition-reception", ["leader"], entries, as_of=D(2025, 6, 30), running=False)
    assert st(r) == ["met"] * 5 + ["missed"] + ["future"] * 6
    assert r.status == "missed"
    # 1 Jul running: June ended on 30 Jun < 1 Jul → missed; July open.
    r = one("petition-reception", ["leader"], entries, as_of=D(2025, 7, 1), running=True)
    assert st(r) == ["met"] * 5 + ["missed", "open"] + ["future"] * 5
    assert r.status == "missed"


def test_month_last_day_running_met_on_the_day():
    # A reception logged on 30 Jun itself, evaluated 30 Jun while it runs: June met.
    entries = monthly("petition-reception", range(1, 6), days=1.0) + [
        E("petition-reception", D(2025, 6, 30), days=0.5), E("petition-reception", D(2025, 6, 30), days=0.5)]
    r = one("petition-reception", ["leader"], entries, as_of=D(2025, 6, 30), running=True)
    # 0.5 + 0.5 = 1 day ≥ 1 → met
    assert st(r)[5] == "met"
    assert r.periods[5].actual == 1
    assert r.status == "on_track"


def test_quarter_last_day_running_is_open_then_missed():
    # integrity-meeting (party-group-member): ≥ 1 each quarter. Q1 met (15 Feb), Q2 none.
    entries = [E("integrity-meeting", D(2025, 2, 15))]
    r = one("integrity-meeting", ["party-group-member"], entries, as_of=D(2025, 6, 30), running=True)
    assert st(r) == ["met", "open", "future", "future"]
    assert r.status == "on_track"
    r = one("integrity-meeting", ["party-group-member"], entries, as_of=D(2025, 6, 30), running=False)
    assert st(r) == ["met", "missed", "future", "future"]
    assert r.status == "missed"
    # the next day, even while it runs, Q2 has ended
    r = one("integrity-meeting", ["party-group-member"], entries, as_of=D(2025, 7, 1), running=True)
    assert st(r) == ["met", "missed", "open", "future"]
    assert r.status == "missed"


def test_fortnight_last_day_running_is_open_then_missed():
    # frontline-office, fortnight 1 = 1–14 Jan, fortnight 2 = 15–28 Jan.
    # One session on 5 Jan (fortnight 1), none in fortnight 2.
    entries = [E("frontline-office", D(2025, 1, 5))]
    r = one("frontline-office", ["leader"], entries, as_of=D(2025, 1, 28), running=True)
    assert (r.periods[1].start, r.periods[1].end) == (D(2025, 1, 15), D(2025, 1, 28))
    assert st(r) == ["met", "open"] + ["future"] * 24
    assert r.status == "on_track"
    r = one("frontline-office", ["leader"], entries, as_of=D(2025, 1, 28), running=False)
    assert st(r) == ["met", "missed"] + ["future"] * 24
    assert r.status == "missed"
    r = one("frontline-office", ["leader"], entries, as_of=D(2025, 1, 29), running=True)
    assert st(r) == ["met", "missed", "open"] + ["future"] * 23


def test_last_fortnight_of_year_on_31_december():
    # The 26th fortnight = days 351…365 = 17–31 Dec 2025 (15 days). One session in every
    # other fortnight (on its first day), none in the 26th.
    fps = periods_of_year("fortnight", 2025)
    entries = [E("frontline-office", p.start) for p in fps[:25]]
    r = one("frontline-office", ["leader"], entries, as_of=D(2025, 12, 31), running=True)
    assert st(r) == ["met"] * 25 + ["open"]
    assert r.status == "on_track"
    r = one("frontline-office", ["leader"], entries, as_of=D(2025, 12, 31), running=False)
    assert st(r) == ["met"] * 25 + ["missed"]
    assert r.status == "missed"
    # with a session on 31 Dec every period is met → met (S)
    r = one("frontline-office", ["leader"], entries + [E("frontline-office", D(2025, 12, 31))],
            as_of=D(2025, 12, 31), running=False)
    assert st(r) == ["met"] * 26
    assert r.status == "met"


def test_yearly_rule_on_31_december_running_is_not_missed():
    # research-report ≥ 1 a year, none written. 31 Dec running: the year has not ended, so
    # not missed; expected = 1 × 365/365 = 1 (as_of counted as elapsed); 0 < 1 → behind (Y).
    r = one("research-report", ["leader"], as_of=D(2025, 12, 31), running=True)
    assert st(r) == ["open"]
    assert r.expected == pytest.approx(1.0)
    assert r.status == "behind"
    # 31 Dec at its end: the year ended below min → missed
    r = one("research-report", ["leader"], as_of=D(2025, 12, 31), running=False)
    assert st(r) == ["missed"]
    assert r.status == "missed"


def test_deadline_window_last_day():
    # major-items: 3–4 items in 1 Jan – 31 Mar (90 days). Two items set by 31 Mar.
    entries = [E("major-item", D(2025, 2, 1), title="甲"), E("major-item", D(2025, 3, 1), title="乙")]
    # 31 Mar running: window not ended; pace 3 × 90/90 = 3; 2 < 3 → behind; period open.
    r = one("major-items", ["leader"], entries, as_of=D(2025, 3, 31), running=True)
    assert st(r) == ["open"]
    assert r.status == "behind"
    # 31 Mar at its end: window ended with 2 < 3 → missed
    r = one("major-items", ["leader"], entries, as_of=D(2025, 3, 31), running=False)
    assert st(r) == ["missed"]
    assert r.status == "missed"


def test_pace_counts_as_of_while_running():
    # research-days, 30 Jun 2025 = day 181: expected = 60 × 181 / 365 = 29.7534 whether or
    # not the day still runs. 31.5 days done ≥ 29.75 → on_track.
    entries = research(D(2025, 2, 1), 31.5)
    for running in (True, False):
        r = one("research-days", ["leader"], entries, as_of=D(2025, 6, 30), running=running)
        assert r.expected == pytest.approx(29.7534, abs=0.005)  # JSON rounds to 2 places: 29.75
        assert r.actual == pytest.approx(31.5)
        assert r.status == "on_track"
        assert st(r) == ["open"]


# ============================================================ tracked from (TRK)

TF = D(2025, 11, 10)  # day 314
ASOF_TF = D(2025, 11, 28)


@pytest.mark.parametrize("running", [True, False])
def test_untracked_months(running):
    # petition-reception, tracked from 10 Nov, evaluated 28 Nov, no entries:
    # Jan–Oct ended before 10 Nov → untracked; Nov holds 10 Nov and as_of → open; Dec future.
    # Nothing missed, not everything met → on_track (untracked does not make it missed).
    r = one("petition-reception", ["leader"], as_of=ASOF_TF, running=running, tracked_from=TF)
    assert st(r) == ["untracked"] * 10 + ["open", "future"]
    assert r.status == "on_track"
    # a reception on 20 Nov: November met, still on_track
    r = one("petition-reception", ["leader"], [E("petition-reception", D(2025, 11, 20), days=1.0)],
            as_of=ASOF_TF, running=running, tracked_from=TF)
    assert st(r) == ["untracked"] * 10 + ["met", "future"]
    assert r.status == "on_track"


def test_untracked_month_boundary():
    # tracked from 1 Nov: October ended 31 Oct < 1 Nov → untracked.
    r = one("petition-reception", ["leader"], as_of=ASOF_TF, tracked_from=D(2025, 11, 1))
    assert st(r)[9] == "untracked"
    # tracked from 31 Oct: October holds that day → tracked; ended unmet → missed → rule missed.
    r = one("petition-reception", ["leader"], as_of=ASOF_TF, tracked_from=D(2025, 10, 31))
    assert st(r) == ["untracked"] * 9 + ["missed", "open", "future"]
    assert r.status == "missed"


def test_untracked_fortnights():
    # 10 Nov = day 314; (314 − 1) // 14 = 22 → fortnight 23 = days 309…322 = 5–18 Nov.
    # Fortnights 1–22 end by day 308 = 4 Nov < 10 Nov → untracked.
    # Fortnight 24 = days 323…336 = 19 Nov – 2 Dec holds 28 Nov → open; 25, 26 future.
    fps = periods_of_year("fortnight", 2025)
    assert (fps[21].end, fps[22].start, fps[22].end) == (D(2025, 11, 4), D(2025, 11, 5), D(2025, 11, 18))
    assert (fps[23].start, fps[23].end) == (D(2025, 11, 19), D(2025, 12, 2))
    # no session in fortnight 23: it is tracked (holds 10 Nov) and ended → missed.
    r = one("frontline-office", ["leader"], as_of=ASOF_TF, tracked_from=TF)
    assert st(r) == ["untracked"] * 22 + ["missed", "open", "future", "future"]
    assert r.status == "missed"
    # a session on 12 Nov: fortnight 23 met → on_track
    r = one("frontline-office", ["leader"], [E("frontline-office", D(2025, 11, 12))],
            as_of=ASOF_TF, tracked_from=TF)
    assert st(r) == ["untracked"] * 22 + ["met", "open", "future", "future"]
    assert r.status == "on_track"


def test_untracked_quarters_and_window():
    # integrity-meeting: Q1–Q3 end by 30 Sep < 10 Nov → untracked; Q4 (1 Oct – 31 Dec) holds
    # 10 Nov and 28 Nov → open. → on_track.
    r = one("integrity-meeting", ["party-group-member"], as_of=ASOF_TF, tracked_from=TF)
    assert st(r) == ["untracked"] * 3 + ["open"]
    assert r.status == "on_track"
    # major-items: its only period (1 Jan – 31 Mar) ended before 10 Nov → untracked,
    # every period untracked → rule untracked (not missed, though nothing was set).
    r = one("major-items", ["leader"], as_of=ASOF_TF, tracked_from=TF)
    assert st(r) == ["untracked"]
    assert r.status == "untracked"
    # investment-map-update (the government's deadline rule) likewise
    r = one("investment-map-update", ["government"], as_of=ASOF_TF, tracked_from=TF)
    assert st(r) == ["untracked"]
    assert r.status == "untracked"


def test_yearly_rule_of_a_year_before_tracked_from_is_untracked():
    # Year 2024, closed (as_of 31 Dec 2024), subject tracked from 10 Nov 2025: the year
    # 2024 ended before that day → every period of every rule below is untracked → rule
    # status untracked (neither met nor missed).
    res = ev(["leader"], as_of=D(2024, 12, 31), tracked_from=TF)
    for rid in ("research-report", "party-lecture", "research-days", "petition-reception",
                "frontline-office", "major-items", "major-item-reports", "dlm-guidance"):
        r = res[rid]
        assert set(st(r)) == {"untracked"}, rid
        assert r.status == "untracked", rid


def test_yearly_rule_in_tracked_year_is_tracked():
    # 2025 holds 10 Nov → the year period is tracked. research-report none on 28 Nov:
    # period open, rule not untracked.
    r = one("research-report", ["leader"], as_of=ASOF_TF, tracked_from=TF)
    assert st(r) == ["open"]
    assert r.status != "untracked"
    # closed year 2025 with no report → missed
    r = one("research-report", ["leader"], as_of=D(2025, 12, 31), tracked_from=TF)
    assert st(r) == ["missed"]
    assert r.status == "missed"


# ============================================================ shares and rates (SHR, UNR)


def test_four_no_share_at_minimum_mid_year_is_on_track_then_met():
    # 10 days 四不两直 + 10 days not: share = 10 / 20 = 0.5 ≥ 0.5.
    entries = research(D(2025, 2, 1), 10, True) + research(D(2025, 3, 1), 10, False)
    r = one("research-four-no-share", ["leader"], entries, as_of=D(2025, 6, 30))
    assert r.actual == pytest.approx(0.5)
    assert r.expected is None
    assert r.status == "on_track"
    assert st(r) == ["open"]
    # 31 Dec while it runs: the year has not ended → still on_track
    r = one("research-four-no-share", ["leader"], entries, as_of=D(2025, 12, 31), running=True)
    assert r.status == "on_track"
    # the closed year: met
    r = one("research-four-no-share", ["leader"], entries, as_of=D(2025, 12, 31))
    assert r.status == "met"
    assert st(r) == ["met"]
    assert r.as_dict()["expected"] is None


def test_four_no_share_is_of_days_not_entries():
    # 2 entries × 1.5 days 四不两直 = 3 days; 1 entry × 2 days not: share 3 / 5 = 0.6 (by
    # entries it would be 2/3). Above 0.5 → on_track mid-year.
    entries = [E("field-research", D(2025, 2, 3), days=1.5, four_no=True),
               E("field-research", D(2025, 2, 4), days=1.5, four_no=True),
               E("field-research", D(2025, 2, 5), days=2.0, four_no=False)]
    r = one("research-four-no-share", ["leader"], entries, as_of=D(2025, 6, 30))
    assert r.actual == pytest.approx(0.6)
    assert r.status == "on_track"


def test_four_no_share_below_minimum():
    # 3 days 四不两直 of 7: 3/7 = 0.4286 < 0.5: mid-year below min (min in place of
    # expected) → behind; after the year → missed.
    entries = research(D(2025, 2, 1), 3, True) + research(D(2025, 3, 1), 4, False)
    r = one("research-four-no-share", ["leader"], entries, as_of=D(2025, 6, 30))
    assert r.actual == pytest.approx(3 / 7)
    assert r.status == "behind"
    r = one("research-four-no-share", ["leader"], entries, as_of=D(2025, 12, 31))
    assert r.status == "missed"


@pytest.mark.parametrize("roles", [["leader"], ["dept-head"], ["econ-dept-head"]])
def test_court_rate_one_non_appearance(roles):
    # appeared 1 Mar, did not appear 1 Apr: 1 / 2 = 0.5; 100 % can no longer be reached
    # this year → unreachable mid-year; after the year → missed.
    entries = [E("court-case", D(2025, 3, 1), appeared=True),
               E("court-case", D(2025, 4, 1), appeared=False)]
    r = one("court-appearance-rate", roles, entries, as_of=D(2025, 6, 30))
    assert r.actual == pytest.approx(0.5)
    assert r.status == "unreachable"
    # even a later appearance cannot repair it: 2/3
    r = one("court-appearance-rate", roles, entries + [E("court-case", D(2025, 5, 1), appeared=True)],
            as_of=D(2025, 6, 30))
    assert r.actual == pytest.approx(2 / 3)
    assert r.status == "unreachable"
    r = one("court-appearance-rate", roles, entries, as_of=D(2025, 12, 31))
    assert r.status == "missed"
    assert st(r) == ["missed"]


def test_court_rate_all_appeared():
    # 2 / 2 = 1.0 = min = max: on_track while the year runs, met after (not over).
    entries = [E("court-case", D(2025, 3, 1), appeared=True),
               E("court-case", D(2025, 4, 1), appeared=True)]
    r = one("court-appearance-rate", ["leader"], entries, as_of=D(2025, 6, 30))
    assert r.actual == pytest.approx(1.0)
    assert r.status == "on_track"
    r = one("court-appearance-rate", ["leader"], entries, as_of=D(2025, 12, 31))
    assert r.status == "met"
    assert st(r) == ["met"]


@pytest.mark.parametrize("entries", [[], [E("court-case", D(2025, 3, 1))]],
                         ids=["no-case", "outcome-unknown"])
def test_court_rate_no_judged_case(entries):
    # no case with a known outcome: actual null; on_track mid-year; met after the year.
    r = one("court-appearance-rate", ["leader"], entries, as_of=D(2025, 6, 30))
    assert r.actual is None
    assert r.as_dict()["actual"] is None
    assert r.status == "on_track"
    r = one("court-appearance-rate", ["leader"], entries, as_of=D(2025, 12, 31))
    assert r.actual is None
    assert r.status == "met"


# ============================================================ unreachable research days (UNR)


def test_research_days_unreachable_boundary_running():
    # as_of 1 Dec 2025 (day 335) running: days left = 1–31 Dec = 31.
    # expected = 60 × 335 / 365 = 55.068.
    # 29 days → shortfall 31 = days left → still reachable; 29 < 55.07 → behind.
    r = one("research-days", ["leader"], research(D(2025, 2, 1), 29), as_of=D(2025, 12, 1), running=True)
    assert r.days_left == 31
    assert r.expected == pytest.approx(55.068, abs=0.005)  # 55.07 at 2 places
    assert r.status == "behind"
    # 28.5 days → shortfall 31.5 > 31 → unreachable
    r = one("research-days", ["leader"], research(D(2025, 2, 1), 28.5), as_of=D(2025, 12, 1), running=True)
    assert r.status == "unreachable"
    # 28 days → shortfall 32 > 31 → unreachable
    r = one("research-days", ["leader"], research(D(2025, 2, 1), 28), as_of=D(2025, 12, 1), running=True)
    assert r.status == "unreachable"


def test_research_days_unreachable_boundary_not_running():
    # as_of 1 Dec 2025 evaluated at its end: days left = 2–31 Dec = 30.
    # 30 days → shortfall 30 = 30 → behind (30 < 55.07)
    r = one("research-days", ["leader"], research(D(2025, 2, 1), 30), as_of=D(2025, 12, 1))
    assert r.days_left == 30
    assert r.status == "behind"
    # 29 days → shortfall 31 > 30 → unreachable (the same 29 days were reachable while 1 Dec ran)
    r = one("research-days", ["leader"], research(D(2025, 2, 1), 29), as_of=D(2025, 12, 1))
    assert r.status == "unreachable"


def test_research_days_unreachable_on_31_december():
    # 31 Dec running: 1 day left (today). 59 days → shortfall 1 = 1 → reachable; expected
    # 60 × 365/365 = 60 > 59 → behind. 58.5 → shortfall 1.5 > 1 → unreachable.
    r = one("research-days", ["leader"], research(D(2025, 1, 1), 59), as_of=D(2025, 12, 31), running=True)
    assert r.days_left == 1
    assert r.status == "behind"
    r = one("research-days", ["leader"], research(D(2025, 1, 1), 58.5), as_of=D(2025, 12, 31), running=True)
    assert r.status == "unreachable"
    # closed year: below 60 → missed (unreachable becomes missed after the year)
    for n in (59, 58.5):
        r = one("research-days", ["leader"], research(D(2025, 1, 1), n), as_of=D(2025, 12, 31))
        assert r.days_left == 0
        assert r.status == "missed"


def test_research_days_mid_year_days_left():
    # 30 Jun = day 181: running → 365 − 181 + 1 = 185 days left; at its end → 184.
    assert one("research-days", ["leader"], as_of=D(2025, 6, 30), running=True).days_left == 185
    assert one("research-days", ["leader"], as_of=D(2025, 6, 30)).days_left == 184
    # 0 days done, shortfall 60 < 184 → reachable → behind
    assert one("research-days", ["leader"], as_of=D(2025, 6, 30)).status == "behind"


# ============================================================ link rules (LNK)


def _handover_links():
    # A hands over to B: A's last day 30 Jun, B's first day 1 Jul; C and D throughout.
    return [L("lA", "enterprise", "甲公司", None, D(2025, 6, 30)),
            L("lB", "enterprise", "乙公司", D(2025, 7, 1), None),
            L("lC", "enterprise", "丙公司"),
            L("lD", "enterprise", "丁公司")]


@pytest.mark.parametrize("as_of", [D(2025, 6, 30), D(2025, 7, 1), D(2025, 9, 30)])
def test_leader_handover_mid_year_is_met(as_of):
    # 30 Jun: A, C, D = 3; 1 Jul and later: B, C, D = 3 (4 names in the year, but 3 on the
    # evaluation day) → met, not over. expected null; year period = rule's actual and status.
    r = one("linked-enterprises", ["leader"], links=_handover_links(), as_of=as_of)
    assert r.actual == 3
    assert r.expected is None
    assert r.status == "met"
    assert [(p.actual, p.status) for p in r.periods] == [(3, "met")]
    d = r.as_dict()
    assert d["target"] == {"min": 3, "max": 3}
    assert d["expected"] is None
    assert d["periods"] == [{"start": "2025-01-01", "end": "2025-12-31", "actual": 3, "status": "met"}]


def test_leader_handover_closed_year():
    # closed year, evaluated on 31 Dec: B, C, D = 3 → met
    r = one("linked-enterprises", ["leader"], links=_handover_links(), as_of=D(2025, 12, 31))
    assert (r.actual, r.status) == (3, "met")
    assert [(p.actual, p.status) for p in r.periods] == [(3, "met")]


def test_leader_link_ended_before_31_december_closed_year_is_missed():
    # C's last day 15 Dec: on 31 Dec only B, D (and not A) are linked = 2 < 3 → missed.
    links = _handover_links()
    links[2] = L("lC", "enterprise", "丙公司", None, D(2025, 12, 15))
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 12, 31))
    assert (r.actual, r.status) == (2, "missed")
    assert [(p.actual, p.status) for p in r.periods] == [(2, "missed")]
    # mid-December while the year runs (16 Dec): 2 < 3 → behind
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 12, 16))
    assert (r.actual, r.status) == (2, "behind")


def test_leader_overlapping_handover_is_over():
    # A kept until 31 Jul, B from 1 Jul: on 15 Jul A, B, C, D = 4 > 3 → over.
    links = _handover_links()
    links[0] = L("lA", "enterprise", "甲公司", None, D(2025, 7, 31))
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 7, 15))
    assert (r.actual, r.status) == (4, "over")
    # on 1 Aug A has gone: 3 → met
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 8, 1))
    assert (r.actual, r.status) == (3, "met")


def test_relinking_same_enterprise_counts_once():
    # 甲 linked twice (ids a1 until 30 Jun, a2 from 30 Jun — both active on 30 Jun), plus 丙
    # and 丁: distinct names on 30 Jun = {甲, 丙, 丁} = 3 → met (not 4 → over).
    links = [L("a1", "enterprise", "甲公司", None, D(2025, 6, 30)),
             L("a2", "enterprise", "甲公司", D(2025, 6, 30), None),
             L("c", "enterprise", "丙公司"), L("d", "enterprise", "丁公司")]
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 6, 30))
    assert (r.actual, r.status) == (3, "met")
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 12, 31))
    assert (r.actual, r.status) == (3, "met")


def test_econ_dept_head_target_two():
    # econ-dept-head: = 2.
    one_link = [L("e1", "enterprise", "甲公司")]
    r = one("linked-enterprises", ["econ-dept-head"], links=one_link, as_of=D(2025, 6, 30))
    assert r.as_dict()["target"] == {"min": 2, "max": 2}
    assert (r.actual, r.status, r.expected) == (1, "behind", None)   # 1 < 2, year running
    r = one("linked-enterprises", ["econ-dept-head"], links=one_link, as_of=D(2025, 12, 31))
    assert (r.actual, r.status) == (1, "missed")                     # 1 < 2, year ended
    assert [(p.actual, p.status) for p in r.periods] == [(1, "missed")]
    two = one_link + [L("e2", "enterprise", "乙公司")]
    assert one("linked-enterprises", ["econ-dept-head"], links=two, as_of=D(2025, 6, 30)).status == "met"
    three = two + [L("e3", "enterprise", "丙公司")]
    assert one("linked-enterprises", ["econ-dept-head"], links=three, as_of=D(2025, 6, 30)).status == "over"


def test_leader_below_target_behind_then_missed():
    # leader with 2 enterprises: 2 < 3 → behind mid-year, missed for the closed year
    links = [L("e1", "enterprise", "甲公司"), L("e2", "enterprise", "乙公司")]
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 6, 30))
    assert (r.actual, r.status) == (2, "behind")
    assert [(p.actual, p.status) for p in r.periods] == [(2, "behind")]
    r = one("linked-enterprises", ["leader"], links=links, as_of=D(2025, 12, 31))
    assert (r.actual, r.status) == (2, "missed")


def test_linked_town_handover():
    # town 东村镇 until 30 Jun, town 西村镇 from 1 Jul: 1 on either day → met (= 1).
    links = [L("t1", "town", "东村镇", None, D(2025, 6, 30)), L("t2", "town", "西村镇", D(2025, 7, 1))]
    for as_of in (D(2025, 6, 30), D(2025, 7, 1), D(2025, 12, 31)):
        r = one("linked-town", ["leader"], links=links, as_of=as_of)
        assert (r.actual, r.status, r.expected) == (1, "met", None), as_of
        assert [(p.actual, p.status) for p in r.periods] == [(1, "met")]
    # overlap on 30 Jun (西村镇 from 30 Jun): 2 > 1 → over
    links2 = [links[0], L("t2", "town", "西村镇", D(2025, 6, 30))]
    r = one("linked-town", ["leader"], links=links2, as_of=D(2025, 6, 30))
    assert (r.actual, r.status) == (2, "over")
    # enterprise links do not count for the town rule; no town → behind / missed
    ent = [L("e1", "enterprise", "甲公司")]
    assert one("linked-town", ["leader"], links=ent, as_of=D(2025, 6, 30)).status == "behind"
    assert one("linked-town", ["leader"], links=ent, as_of=D(2025, 12, 31)).status == "missed"


# ============================================================ per-object rules (OBJ)


def _relinked_enterprises():
    # 甲 linked twice: link L1 until 15 Apr, link L2 (another id, same name) from 1 May;
    # 乙 throughout.
    return [L("L1", "enterprise", "甲公司", None, D(2025, 4, 15)),
            L("L2", "enterprise", "甲公司", D(2025, 5, 1), None),
            L("L3", "enterprise", "乙公司")]


def _objs(period):
    return sorted((o.name, o.actual, o.status) for o in (period.objects or []))


def test_enterprise_visits_relinked_keeps_earlier_visits():
    entries = [E("enterprise-visit", D(2025, 2, 10), object_id="L1"),
               E("enterprise-visit", D(2025, 2, 20), object_id="L3"),
               E("enterprise-visit", D(2025, 4, 10), object_id="L1"),   # 甲 under its first link
               E("enterprise-visit", D(2025, 6, 1), object_id="L3")]
    r = one("enterprise-visits", ["leader"], entries, _relinked_enterprises(), as_of=D(2025, 6, 30))
    # Q1: 甲 1, 乙 1 → met. Q2: 甲 is one object (spans L1 1–15 Apr and L2 from 1 May) with
    # the 10 Apr visit → 1 → met; 乙 1 → met. Q3, Q4 future. Rule actual = 4 visits so far.
    assert st(r) == ["met", "met", "future", "future"]
    assert _objs(r.periods[0]) == [("乙公司", 1, "met"), ("甲公司", 1, "met")]
    assert _objs(r.periods[1]) == [("乙公司", 1, "met"), ("甲公司", 1, "met")]
    assert r.actual == 4
    assert r.status == "on_track"
    # Q3: a visit to 甲 on 1 Aug under L2, none to 乙.
    entries3 = entries + [E("enterprise-visit", D(2025, 8, 1), object_id="L2")]
    # 30 Sep running: 乙 open, Q3 open → on_track
    r = one("enterprise-visits", ["leader"], entries3, _relinked_enterprises(), as_of=D(2025, 9, 30), running=True)
    assert st(r) == ["met", "met", "open", "future"]
    assert _objs(r.periods[2]) == [("乙公司", 0, "open"), ("甲公司", 1, "met")]
    assert r.status == "on_track"
    assert r.actual == 5
    # 30 Sep at its end: 乙 missed → Q3 missed → rule missed
    r = one("enterprise-visits", ["leader"], entries3, _relinked_enterprises(), as_of=D(2025, 9, 30))
    assert st(r) == ["met", "met", "missed", "future"]
    assert _objs(r.periods[2]) == [("乙公司", 0, "missed"), ("甲公司", 1, "met")]
    assert r.status == "missed"


def test_enterprise_visits_quarter_without_enterprise():
    # The only enterprise is linked from 1 Apr: Q1 has no object.
    links = [L("E1", "enterprise", "甲公司", D(2025, 4, 1))]
    # 31 Mar running: Q1 (no object) open, not met
    r = one("enterprise-visits", ["leader"], [], links, as_of=D(2025, 3, 31), running=True)
    assert st(r) == ["open", "future", "future", "future"]
    assert r.status == "on_track"
    # 31 Mar at its end: Q1 missed
    r = one("enterprise-visits", ["leader"], [], links, as_of=D(2025, 3, 31))
    assert st(r) == ["missed", "future", "future", "future"]
    assert r.status == "missed"
    # 15 May with a visit on 20 Apr: Q1 missed (no object), Q2 met
    r = one("enterprise-visits", ["leader"], [E("enterprise-visit", D(2025, 4, 20), object_id="E1")],
            links, as_of=D(2025, 5, 15))
    assert st(r) == ["missed", "met", "future", "future"]
    assert r.as_dict()["periods"][0]["objects"] == []
    assert r.status == "missed"
    assert r.actual == 1


def test_integrity_talks_per_department_head():
    links = [L("D1", "department-head", "张局长"), L("D2", "department-head", "李局长")]
    talks = [E("integrity-talk", D(2025, 3, 1), object_id="D1"),
             E("integrity-talk", D(2025, 5, 1), object_id="D1"),
             E("integrity-talk", D(2025, 7, 5), object_id="D2")]   # after 30 Jun
    # 30 Jun: talks so far = 2 (the 5 Jul talk is after as_of); 张 2 met, 李 0 open; year open
    r = one("integrity-talks", ["party-group-member"], talks, links, as_of=D(2025, 6, 30))
    assert r.actual == 2
    assert st(r) == ["open"]
    assert _objs(r.periods[0]) == [("张局长", 2, "met"), ("李局长", 0, "open")]
    # closed year: 张 2, 李 1 → met; actual 3
    r = one("integrity-talks", ["party-group-member"], talks, links, as_of=D(2025, 12, 31))
    assert r.actual == 3
    assert st(r) == ["met"]
    assert r.status == "met"
    # closed year without 李's talk: actual 2 ≥ 1, but 李 missed → period missed → missed
    r = one("integrity-talks", ["party-group-member"], talks[:2], links, as_of=D(2025, 12, 31))
    assert r.actual == 2
    assert st(r) == ["missed"]
    assert _objs(r.periods[0]) == [("张局长", 2, "met"), ("李局长", 0, "missed")]
    assert r.status == "missed"


def test_integrity_talk_relinked_head_keeps_talk():
    # 李局长 linked as D2 until 30 Jun, again as D3 from 1 Jul; talk on 1 Mar under D2.
    links = [L("D1", "department-head", "张局长"),
             L("D2", "department-head", "李局长", None, D(2025, 6, 30)),
             L("D3", "department-head", "李局长", D(2025, 7, 1))]
    talks = [E("integrity-talk", D(2025, 2, 1), object_id="D1"),
             E("integrity-talk", D(2025, 3, 1), object_id="D2")]
    r = one("integrity-talks", ["party-group-member"], talks, links, as_of=D(2025, 12, 31))
    assert _objs(r.periods[0]) == [("张局长", 1, "met"), ("李局长", 1, "met")]
    assert r.status == "met"


# ============================================================ weeks (WK)


def test_weeks_of_2025():
    # 1 Jan 2025 = Wednesday → week 1 = Wed 1 – Sun 5 Jan. Full weeks from Mon 6 Jan to
    # Sun 28 Dec: 365 − 5 − 3 = 357 days = 51 weeks. Last week = Mon 29 – Wed 31 Dec.
    # 1 + 51 + 1 = 53 weeks.
    ws = periods_of_year("week", 2025)
    assert len(ws) == 53
    assert (ws[0].start, ws[0].end) == (D(2025, 1, 1), D(2025, 1, 5))
    assert (ws[1].start, ws[1].end) == (D(2025, 1, 6), D(2025, 1, 12))
    assert (ws[-1].start, ws[-1].end) == (D(2025, 12, 29), D(2025, 12, 31))
    assert all(w.start.weekday() == 0 for w in ws[1:])
    assert all(w.end.weekday() == 6 for w in ws[:-1])
    assert all(b.start == a.end + timedelta(1) for a, b in itertools.pairwise(ws))


def test_weeks_of_2012_are_54():
    # 1 Jan 2012 = Sunday (a one-day week), 2012 is a leap year (366 days), 31 Dec 2012 =
    # Monday (a one-day week). Between: Mon 2 Jan – Sun 30 Dec = 364 days = 52 weeks.
    # 1 + 52 + 1 = 54.
    ws = periods_of_year("week", 2012)
    assert len(ws) == 54
    assert (ws[0].start, ws[0].end) == (D(2012, 1, 1), D(2012, 1, 1))
    assert (ws[1].start, ws[1].end) == (D(2012, 1, 2), D(2012, 1, 8))
    assert (ws[-1].start, ws[-1].end) == (D(2012, 12, 31), D(2012, 12, 31))


@pytest.mark.parametrize("year,n,last", [
    (2024, 53, (D(2024, 12, 30), D(2024, 12, 31))),   # 1 Jan Mon, 366 = 52×7 + 2
    (2018, 53, (D(2018, 12, 31), D(2018, 12, 31))),   # 1 Jan Mon, 365 = 52×7 + 1
    (2026, 53, (D(2026, 12, 28), D(2026, 12, 31))),   # 1 Jan Thu: 1–4 Jan, 5 Jan – 27 Dec = 51 weeks, 28–31 Dec
])
def test_weeks_other_years(year, n, last):
    ws = periods_of_year("week", year)
    assert len(ws) == n
    assert (ws[-1].start, ws[-1].end) == last


def test_econ_weekly_dispatch_for_government():
    # One dispatch in week 1 (2 Jan) and on every Monday from 6 Jan to 22 Dec (weeks 2–52:
    # (356 − 6)/7 + 1 = 51 Mondays) → 52 entries, none in week 53 (29–31 Dec).
    entries = [E("econ-weekly-dispatch", D(2025, 1, 2))] + [
        E("econ-weekly-dispatch", D(2025, 1, 6) + timedelta(7 * i)) for i in range(51)]
    assert entries[-1].date == D(2025, 12, 22)
    r = one("econ-weekly-dispatch", ["government"], entries, as_of=D(2025, 12, 31), running=True)
    assert len(r.periods) == 53
    assert r.as_dict()["period"] == "week"
    assert st(r) == ["met"] * 52 + ["open"]
    assert r.status == "on_track"
    r = one("econ-weekly-dispatch", ["government"], entries, as_of=D(2025, 12, 31))
    assert st(r) == ["met"] * 52 + ["missed"]
    assert r.status == "missed"
    r = one("econ-weekly-dispatch", ["government"], entries + [E("econ-weekly-dispatch", D(2025, 12, 29))],
            as_of=D(2025, 12, 31))
    assert st(r) == ["met"] * 53
    assert r.status == "met"


def test_econ_weekly_dispatch_across_new_year():
    # A dispatch on Mon 30 Dec 2024 belongs to 2024's last week (30–31 Dec 2024), not to
    # 2025's first week (1–5 Jan 2025).
    entries = [E("econ-weekly-dispatch", D(2024, 12, 30))]
    r = one("econ-weekly-dispatch", ["government"], entries, as_of=D(2025, 1, 5))
    assert st(r)[0] == "missed"
    assert r.periods[0].actual == 0
    assert r.status == "missed"
    r = one("econ-weekly-dispatch", ["government"], entries, as_of=D(2025, 1, 5), running=True)
    assert st(r)[0] == "open"
    r = one("econ-weekly-dispatch", ["government"], entries, as_of=D(2024, 12, 31))
    assert (r.periods[-1].start, r.periods[-1].end) == (D(2024, 12, 30), D(2024, 12, 31))
    assert st(r)[-1] == "met"


# ============================================================ roles


def test_expand_roles_in_catalog_order():
    # econ-dept-head → dept-head → cadre; listed in the catalog's order:
    # leader, party-group-member, dept-head, econ-dept-head, cadre, party-member, party-group, government
    assert POLICY.expand_roles(["econ-dept-head"]) == ("dept-head", "econ-dept-head", "cadre")
    assert POLICY.expand_roles(["leader"]) == ("leader", "cadre")
    assert POLICY.expand_roles(["party-group-member", "leader"]) == ("leader", "party-group-member", "cadre")
    assert POLICY.expand_roles(["government"]) == ("government",)
    assert POLICY.expand_roles(["party-group-member"]) == ("party-group-member",)


GOVERNMENT_RULES = {"learning-plan", "econ-weekly-dispatch", "econ-monthly-analysis",
                    "investment-map-update", "investment-project-dispatch", "investment-bulletin",
                    "investment-meeting", "major-items-list", "major-item-hearing"}

LEADER_RULES = {  # the catalog's `leader` rows (22) + `cadre` rows (2)
    "research-days", "research-four-no-share", "research-topics", "research-report",
    "party-lecture", "policy-report", "petition-reception", "enterprise-visits",
    "linked-enterprises", "indicator-dispatch", "investment-dispatch", "major-items",
    "major-item-reports", "linked-town", "linked-village", "dlm-guidance", "org-life-attend",
    "org-life-guidance", "strict-governance-check", "party-building-check",
    "court-appearance-rate", "patrols",
    "frontline-office", "peoples-diary"}


def _rule_ids(roles):
    return set(ev(roles, as_of=D(2025, 6, 30)))


def test_government_gets_exactly_the_nine_body_rules():
    assert len(GOVERNMENT_RULES) == 9
    assert _rule_ids(["government"]) == GOVERNMENT_RULES


def test_party_group_member_rules():
    assert _rule_ids(["party-group-member"]) == {"integrity-meeting", "integrity-talks"}


def test_leader_rules():
    ids = _rule_ids(["leader"])
    assert {"frontline-office", "peoples-diary"} <= ids          # through cadre
    assert not {"integrity-meeting", "integrity-talks"} & ids    # a non-Party vice mayor
    assert ids == LEADER_RULES
    # a leader who is also a Party-group member gets both integrity rules too
    assert _rule_ids(["leader", "party-group-member"]) == LEADER_RULES | {"integrity-meeting", "integrity-talks"}


def test_dept_head_rules():
    # dept-head: court-appearance-rate, learning-plan; through cadre: frontline-office, peoples-diary
    assert _rule_ids(["dept-head"]) == {"court-appearance-rate", "learning-plan",
                                        "frontline-office", "peoples-diary"}
    # econ-dept-head adds the enterprise rules
    assert _rule_ids(["econ-dept-head"]) == {"court-appearance-rate", "learning-plan",
                                             "frontline-office", "peoples-diary",
                                             "linked-enterprises", "enterprise-visits"}


def test_party_group_and_party_member_have_no_revision2_rules():
    assert not {"integrity-meeting", "integrity-talks", "learning-plan"} & _rule_ids(["party-group"])
    assert _rule_ids(["party-member"]) == {"service-projects", "community-service"}


# ============================================================ emergency leave (LV)


def test_emergency_reported_after_departure_is_not_compliant():
    # depart 1 Jun, emergency reported 3 Jun: requested > depart → not compliant.
    assert compliant(D(2025, 6, 3), D(2025, 6, 1), True) is False
    # reported on the departure day: requested = depart → compliant
    assert compliant(D(2025, 6, 1), D(2025, 6, 1), True) is True
    # reported the day before: compliant (emergency, before departure)
    assert compliant(D(2025, 5, 31), D(2025, 6, 1), True) is True


def test_ordinary_request_needs_three_days():
    assert compliant(D(2025, 5, 29), D(2025, 6, 1), False) is True    # 3 days
    assert compliant(D(2025, 5, 30), D(2025, 6, 1), False) is False   # 2 days
    assert compliant(D(2025, 6, 3), D(2025, 6, 1), False) is False    # after departure


def test_trip_status_late_emergency():
    # requested 3 Jun, depart 1 Jun, return 5 Jun, emergency, 销假 5 Jun, as of 10 Jun:
    # notice_days = 1 Jun − 3 Jun = −2; not compliant; not open (back recorded).
    s = trip_status(D(2025, 6, 3), D(2025, 6, 1), D(2025, 6, 5), True, D(2025, 6, 5), D(2025, 6, 10))
    assert (s.notice_days, s.compliant, s.open) == (-2, False, False)
    # the same trip reported on 1 Jun: notice 0, compliant
    s = trip_status(D(2025, 6, 1), D(2025, 6, 1), D(2025, 6, 5), True, None, D(2025, 6, 10))
    assert (s.notice_days, s.compliant, s.open) == (0, True, True)
