"""Rule progress (CONTRACT.md "status --json") with every expected value worked out by hand.

The quotas are those of CATALOG.md as the built-in preset states them; each test writes its
arithmetic in a comment. Elapsed days use the landmarks: 30 Jun 2025 = day 181 of 365,
30 Jun 2024 = day 182 of 366, 10 Jul 2025 = day 191.

Contract sentences these tests lean on:
  (P) "`expected` is the pace value for a yearly target: min × elapsed days of the year ÷
      days in the year, with `as_of` counted as elapsed."
  (Y) "For a yearly rule: `over` above max, `met` at or above min, `missed` when the year has
      ended below min, `behind` below `expected`, else `on_track`."
  (S) "For a rule of shorter periods: `missed` when any period is missed, `met` when every
      period of the year is met, else `on_track`."
  (PS) period status: `met`, `missed` (ended unmet), `open` (contains as_of, unmet),
      `future`, or `over` (above a max).
  (O) per-object rules: each period lists objects "and is met only when every object is".
  (F) "A share rule … has `expected: null`; its status follows the yearly rule above with
      `min` in place of `expected`."
  (W) "A deadline rule (`major-items`) has one period, 1 January – 31 March: what is set
      later does not count toward it."
  (L) revision 2: "Link rules: `actual` is the number of distinct objects linked on the
      evaluation day … `expected` is null; `met` at the target, `over` above it, `behind`
      below it while the year runs, `missed` below it once the year has ended."
  (R2) revision 2: shares and rates are `on_track` at or above the minimum while the year
      runs and `met` only once it has ended; a 100 % rate after one non-appearance is
      `unreachable`. Roles are passed with their implied ones (policy.expand_roles).
  (A) "Entries dated after `as_of` are not counted."
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from dutylog.domain.model import Entry, Link
from dutylog.domain.progress import evaluate
from dutylog.policy import load_policy

D = date
POLICY = load_policy()
MID = D(2025, 6, 30)  # day 181 of 365
END = D(2025, 12, 31)
_ids = itertools.count(1)


def E(kind: str, when: date, **kw) -> Entry:
    return Entry(f"e{next(_ids)}", "s1", kind, when, **kw)


def L(link_type: str, name: str, since: date | None = None, until: date | None = None) -> Link:
    return Link(f"link-{name}", "s1", link_type, name, since, until)


def run(roles, entries=(), links=(), as_of=MID, year=None) -> dict[str, dict]:
    year = as_of.year if year is None else year
    roles = POLICY.expand_roles(roles)
    return {r.rule.id: r.as_dict() for r in evaluate(POLICY.rules, roles, list(entries), list(links), year, as_of)}


def rule(rule_id, roles, entries=(), links=(), as_of=MID, year=None) -> dict:
    return run(roles, entries, links, as_of, year)[rule_id]


def statuses(result: dict) -> list[str]:
    return [p["status"] for p in result["periods"]]


def days(*spec) -> list[Entry]:
    """field-research entries from (date, days, four_no) triples."""
    return [E("field-research", d, days=n, four_no=f) for d, n, f in spec]


LEADER = ("leader", "cadre")


# ---- the contract's own example ---------------------------------------------------------


def test_contract_example_research_days():
    # 10 + 10 + 10 + 1.5 = 31.5 days by 30 Jun; pace 60 × 181 / 365 = 29.7534 → 29.75 (P)
    entries = days((D(2025, 2, 3), 10, True), (D(2025, 3, 3), 10, False),
                   (D(2025, 5, 5), 10, True), (D(2025, 6, 30), 1.5, False))
    r = rule("research-days", ["leader", "cadre"], entries)
    assert {k: r[k] for k in ("id", "title", "unit", "period", "target", "actual", "expected", "status", "periods")} == {
        "id": "research-days", "title": "基层调研走访天数", "unit": "days", "period": "year",
        "target": {"min": 60, "max": None},
        "actual": 31.5, "expected": 29.75, "status": "on_track",
        "periods": [{"start": "2025-01-01", "end": "2025-12-31", "actual": 31.5, "status": "open"}],
    }


# ---- sum of days, yearly (research-days) --------------------------------------------------


def test_research_days_behind_pace():
    # 29 + 0.5 = 29.5 < 29.75 → behind (Y)
    r = rule("research-days", LEADER, days((D(2025, 1, 10), 29, False), (D(2025, 6, 1), 0.5, False)))
    assert (r["actual"], r["expected"], r["status"]) == (29.5, 29.75, "behind")


def test_research_days_met_before_year_end():
    # 60 ≥ min 60 → met, even mid-year (Y)
    r = rule("research-days", LEADER, days((D(2025, 3, 1), 30, True), (D(2025, 5, 1), 30, False)))
    assert (r["actual"], r["status"]) == (60, "met")
    assert statuses(r) == ["met"]


def test_research_days_missed_when_year_ended():
    # as_of 31 Dec: the year has ended; 59.5 < 60 → missed; pace 60 × 365/365 = 60
    r = rule("research-days", LEADER, days((D(2025, 4, 1), 59, True), (D(2025, 12, 31), 0.5, True)), as_of=END)
    assert (r["actual"], r["expected"], r["status"]) == (59.5, 60, "missed")
    assert statuses(r) == ["missed"]


def test_research_days_met_exactly_at_year_end():
    r = rule("research-days", LEADER, days((D(2025, 4, 1), 59.5, True), (D(2025, 12, 31), 0.5, True)), as_of=END)
    assert (r["actual"], r["status"]) == (60, "met")


def test_half_days_summed_and_default_one_day():
    # 0.5 + 1.5 + 1 + (no days given: a day-based kind defaults to 1) = 4.0
    entries = days((D(2025, 1, 2), 0.5, False), (D(2025, 1, 3), 1.5, False), (D(2025, 1, 4), 1, False))
    entries.append(E("field-research", D(2025, 1, 5)))
    assert rule("research-days", LEADER, entries)["actual"] == 4.0


def test_leap_year_pace():
    # 2024: 60 × 182 / 366 = 29.836 → 29.84; 29.5 < 29.84 → behind
    r = rule("research-days", LEADER, days((D(2024, 2, 29), 29.5, True)), as_of=D(2024, 6, 30))
    assert (r["actual"], r["expected"], r["status"]) == (29.5, 29.84, "behind")
    assert r["periods"][0]["end"] == "2024-12-31"


def test_leap_year_pace_on_1_march():
    # 1 Mar 2024 = day 61 (31 + 29 + 1): 60 × 61 / 366 = 10.0 exactly; 10 ≥ 10 → on_track
    r = rule("research-days", LEADER, days((D(2024, 1, 5), 10, True)), as_of=D(2024, 3, 1))
    assert (r["expected"], r["status"]) == (10, "on_track")


def test_entries_after_as_of_deleted_other_years_other_kinds_ignored():
    entries = [
        E("field-research", D(2025, 6, 30), days=1.0),  # on as_of: counts (A)
        E("field-research", D(2025, 7, 1), days=5.0),  # after as_of (A)
        E("field-research", D(2025, 3, 1), days=5.0, deleted=True),  # a tombstone
        E("field-research", D(2024, 12, 31), days=5.0),  # another year
        E("diary", D(2025, 3, 1)),  # another kind
    ]
    r = rule("research-days", LEADER, entries)
    assert r["actual"] == 1.0
    assert r["periods"][0]["actual"] == 1.0


def test_past_year_entries_of_next_year_ignored():
    # year 2024 evaluated as of 31 Dec 2024: the 2025 entry is out (and after as_of)
    entries = days((D(2024, 12, 31), 2, True), (D(2025, 1, 1), 7, True))
    r = rule("research-days", LEADER, entries, as_of=D(2024, 12, 31))
    assert (r["actual"], r["status"]) == (2, "missed")


# ---- share of days (research-four-no-share) ----------------------------------------------


def test_share_is_of_days_not_entries():
    # 3 days 四不两直 + 1 day not = 3 / 4 = 0.75 (two entries) → ≥ 0.5 mid-year → on_track (R2)
    r = rule("research-four-no-share", LEADER, days((D(2025, 3, 1), 3, True), (D(2025, 3, 5), 1, False)))
    assert r["actual"] == 0.75
    assert r["expected"] is None
    assert r["status"] == "on_track"
    # the same share once the year has ended → met
    assert rule("research-four-no-share", LEADER, days((D(2025, 3, 1), 3, True), (D(2025, 3, 5), 1, False)),
                as_of=END)["status"] == "met"
    assert r["target"] == {"min": 0.5, "max": None}


def test_share_by_days_differs_from_share_by_entries():
    # 1 day flagged, 2 days not: by days 1/3 < 0.5 → behind (by entries it would be 1/2 = met)
    r = rule("research-four-no-share", LEADER, days((D(2025, 3, 1), 1, True), (D(2025, 3, 5), 2, False)))
    assert r["actual"] == pytest.approx(1 / 3)
    assert (r["expected"], r["status"]) == (None, "behind")


def test_share_missed_when_year_ended():
    r = rule("research-four-no-share", LEADER, days((D(2025, 3, 1), 1, True), (D(2025, 3, 5), 2, False)), as_of=END)
    assert r["status"] == "missed"


def test_share_half_days_exactly_half_is_met():
    # 0.5 flagged / (0.5 + 0.5) = 0.5, "不低于50%": on_track mid-year (R2), met at year end
    r = rule("research-four-no-share", LEADER, days((D(2025, 3, 1), 0.5, True), (D(2025, 3, 2), 0.5, False)))
    assert (r["actual"], r["status"]) == (0.5, "on_track")
    r = rule("research-four-no-share", LEADER, days((D(2025, 3, 1), 0.5, True), (D(2025, 3, 2), 0.5, False)), as_of=END)
    assert (r["actual"], r["status"]) == (0.5, "met")


def test_share_without_days_yet():
    # nothing logged: actual 0.0, expected null, 0.0 < min 0.5 during the year → behind (F)
    r = rule("research-four-no-share", LEADER, [])
    assert (r["actual"], r["expected"], r["status"]) == (0, None, "behind")
    # the year ended with nothing: missed
    r = rule("research-four-no-share", LEADER, [], as_of=END)
    assert (r["actual"], r["expected"], r["status"]) == (0, None, "missed")


def test_share_ignores_entries_after_as_of():
    # only the 30 Jun entry counts: 0 flagged / 1 day = 0.0
    r = rule("research-four-no-share", LEADER, days((D(2025, 6, 30), 1, False), (D(2025, 7, 1), 9, True)))
    assert (r["actual"], r["status"]) == (0, "behind")


# ---- distinct titles (research-topics, service-projects, major-items) ---------------------


def test_research_topics_three_distinct_is_over():
    entries = [E("research-topic", D(2025, 1, 5), title=t) for t in ("乡村振兴", "Rural Roads", "海洋经济")]
    r = rule("research-topics", LEADER, entries)
    # 3 > max 2 → over (Y); the year period is over too (PS)
    assert (r["actual"], r["status"]) == (3, "over")
    assert r["target"] == {"min": 1, "max": 2}
    assert statuses(r) == ["over"]


def test_research_topics_same_title_counts_once():
    # "Rural Roads" and "  rural   ROADS " are one topic; "乡村振兴" twice is one → 2 distinct → met
    titles = ("Rural Roads", "  rural   ROADS ", "乡村振兴", "乡村振兴")
    r = rule("research-topics", LEADER, [E("research-topic", D(2025, 2, 1), title=t) for t in titles])
    assert (r["actual"], r["status"]) == (2, "met")


def test_research_topics_none_yet_is_behind():
    # pace 1 × 181 / 365 = 0.4959 → 0.5; 0 < 0.5 → behind
    r = rule("research-topics", LEADER, [])
    assert (r["actual"], r["expected"], r["status"]) == (0, 0.5, "behind")


@pytest.mark.parametrize(
    "n, as_of, status",
    [
        (2, END, "missed"),  # 2 < 3 at year end
        (3, MID, "met"),
        (5, MID, "met"),  # max 5 is inclusive
        (6, MID, "over"),
    ],
)
def test_service_projects_3_to_5(n, as_of, status):
    entries = [E("service-project", D(2025, 3, 1), title=f"项目{i}") for i in range(n)]
    r = rule("service-projects", ["party-member"], entries, as_of=as_of)
    assert r["target"] == {"min": 3, "max": 5}
    assert (r["actual"], r["status"]) == (n, status)


def test_major_items_set_after_q1_do_not_count():
    # A (1 Feb) and B (31 Mar) are inside 1 Jan – 31 Mar; C on 1 April is not (W) → 2 < 3,
    # the window has ended → missed
    entries = [E("major-item", D(2025, 2, 1), title="A"), E("major-item", D(2025, 3, 31), title="B"),
               E("major-item", D(2025, 4, 1), title="C")]
    r = rule("major-items", LEADER, entries)
    assert r["actual"] == 2
    assert r["status"] == "missed"
    assert r["target"] == {"min": 3, "max": 4}
    assert r["periods"] == [{"start": "2025-01-01", "end": "2025-03-31", "actual": 2, "status": "missed"}]


def test_major_items_met_on_31_march():
    entries = [E("major-item", D(2025, 3, d), title=t) for d, t in ((1, "A"), (15, "B"), (31, "C"))]
    r = rule("major-items", LEADER, entries, as_of=D(2025, 3, 31))
    assert (r["actual"], r["status"]) == (3, "met")
    assert statuses(r) == ["met"]


def test_major_items_five_is_over_and_duplicates_count_once():
    titles = ["A", "B", "C", "D", "E", " a "]  # " a " is A again
    r = rule("major-items", LEADER, [E("major-item", D(2025, 1, 20), title=t) for t in titles])
    assert (r["actual"], r["status"]) == (5, "over")
    titles = ["A", "B", "C", "D", "d"]
    r = rule("major-items", LEADER, [E("major-item", D(2025, 1, 20), title=t) for t in titles])
    assert (r["actual"], r["status"]) == (4, "met")


def test_major_items_window_in_leap_year():
    r = rule("major-items", LEADER, [E("major-item", D(2024, 2, 29), title="A")], as_of=D(2024, 12, 31))
    assert r["periods"] == [{"start": "2024-01-01", "end": "2024-03-31", "actual": 1, "status": "missed"}]


# ---- counts per month ---------------------------------------------------------------------


def test_indicator_dispatch_month_statuses():
    # Jan, Feb, Apr dispatched; as_of 15 Apr: Mar ended unmet → missed → the rule is missed (S)
    entries = [E("indicator-dispatch", D(2025, m, d)) for m, d in ((1, 10), (2, 10), (4, 3))]
    entries.append(E("indicator-dispatch", D(2025, 4, 16)))  # after as_of (A)
    r = rule("indicator-dispatch", LEADER, entries, as_of=D(2025, 4, 15))
    assert statuses(r) == ["met", "met", "missed", "met"] + ["future"] * 8
    assert [p["actual"] for p in r["periods"]] == [1, 1, 0, 1] + [0] * 8
    assert (r["actual"], r["expected"], r["status"]) == (3, None, "missed")
    assert (r["periods"][2]["start"], r["periods"][2]["end"]) == ("2025-03-01", "2025-03-31")


def test_investment_dispatch_current_month_open():
    entries = [E("investment-dispatch", D(2025, m, 28)) for m in (1, 2, 3)]
    r = rule("investment-dispatch", LEADER, entries, as_of=D(2025, 4, 15))
    # Jan–Mar met, Apr contains as_of and is unmet → open; no period missed → on_track (S)
    assert statuses(r) == ["met", "met", "met", "open"] + ["future"] * 8
    assert (r["actual"], r["status"]) == (3, "on_track")


def test_month_ends_on_as_of():
    # as_of 28 Feb 2025 is Feb's last day, counted as elapsed: Feb has ended unmet → missed
    r = rule("theory-study", ["party-group"], [E("theory-study", D(2025, 1, 5))], as_of=D(2025, 2, 28))
    assert statuses(r)[:3] == ["met", "missed", "future"]
    assert r["status"] == "missed"


def test_community_service_every_month_met():
    entries = [E("community-service", D(2025, m, 15)) for m in range(1, 13)]
    r = rule("community-service", ["party-member"], entries, as_of=END)
    assert statuses(r) == ["met"] * 12
    assert (r["actual"], r["status"]) == (12, "met")


def test_community_service_december_unmet_at_year_end():
    entries = [E("community-service", D(2025, m, 15)) for m in range(1, 12)]
    r = rule("community-service", ["party-member"], entries, as_of=END)
    assert statuses(r) == ["met"] * 11 + ["missed"]
    assert r["status"] == "missed"


# ---- sum of days per month (petition-reception) ------------------------------------------


def test_petition_reception_half_day_is_not_a_day():
    # Jan: 0.5 day < min 1 day, January has ended → missed; Feb open → rule missed (S)
    r = rule("petition-reception", LEADER, [E("petition-reception", D(2025, 1, 8), days=0.5)], as_of=D(2025, 2, 10))
    assert r["target"] == {"min": 1, "max": None}
    assert r["periods"][0]["actual"] == 0.5
    assert statuses(r)[:3] == ["missed", "open", "future"]
    assert (r["actual"], r["status"]) == (0.5, "missed")


def test_petition_reception_two_half_days_make_a_day():
    entries = [E("petition-reception", D(2025, 1, 8), days=0.5), E("petition-reception", D(2025, 1, 22), days=0.5)]
    r = rule("petition-reception", LEADER, entries, as_of=D(2025, 2, 10))
    assert r["periods"][0]["actual"] == 1
    assert statuses(r)[:2] == ["met", "open"]
    assert r["status"] == "on_track"


def test_petition_reception_leap_day_counts_in_february():
    entries = [E("petition-reception", D(2024, 1, 3), days=1), E("petition-reception", D(2024, 2, 29), days=1)]
    r = rule("petition-reception", LEADER, entries, as_of=D(2024, 3, 5))
    assert r["periods"][1] == {"start": "2024-02-01", "end": "2024-02-29", "actual": 1, "status": "met"}
    assert statuses(r)[:3] == ["met", "met", "open"]


# ---- counts per fortnight (frontline-office) ----------------------------------------------


def test_frontline_office_first_fortnight_missed():
    # as_of 20 Jan: fortnight 1 (1–14 Jan) ended without a session → missed; 2 (15–28 Jan) open
    r = rule("frontline-office", ["cadre"], [], as_of=D(2025, 1, 20))
    assert len(r["periods"]) == 26
    assert statuses(r) == ["missed", "open"] + ["future"] * 24
    assert r["status"] == "missed"


def test_frontline_office_boundaries():
    # 14 Jan → fortnight 1, 15 Jan → fortnight 2, 16 Dec → 25 (3–16 Dec), 31 Dec → 26 (17–31 Dec)
    entries = [E("frontline-office", d) for d in (D(2025, 1, 14), D(2025, 1, 15), D(2025, 12, 16), D(2025, 12, 31))]
    r = rule("frontline-office", ["cadre"], entries, as_of=END)
    actual = [p["actual"] for p in r["periods"]]
    assert actual[0] == 1 and actual[1] == 1 and actual[24] == 1 and actual[25] == 1
    assert sum(actual) == 4
    assert r["periods"][25] == {"start": "2025-12-17", "end": "2025-12-31", "actual": 1, "status": "met"}
    assert r["status"] == "missed"  # fortnights 3–24 ended empty


@pytest.mark.parametrize("year", [2024, 2025])
def test_frontline_office_whole_year_met(year):
    # one session on day 14k + 1 of each fortnight k = 0..25 (the catalog's definition)
    jan1 = D(year, 1, 1)
    entries = [E("frontline-office", jan1 + timedelta(days=14 * k)) for k in range(26)]
    r = rule("frontline-office", ["cadre"], entries, as_of=D(year, 12, 31))
    assert statuses(r) == ["met"] * 26
    assert (r["actual"], r["expected"], r["status"]) == (26, None, "met")


def test_frontline_office_leap_year_26th_starts_16_december():
    # 2024: day 351 = 16 Dec (335 + 16): a session on 16 Dec counts for the 26th, not the 25th
    r = rule("frontline-office", ["cadre"], [E("frontline-office", D(2024, 12, 16))], as_of=D(2024, 12, 31))
    assert r["periods"][25] == {"start": "2024-12-16", "end": "2024-12-31", "actual": 1, "status": "met"}
    assert r["periods"][24]["actual"] == 0


# ---- counts per quarter and per half -----------------------------------------------------


def test_integrity_meeting_quarter_missed():
    # Q1 met (1 Feb), Q2 none; as_of 1 Jul: Q2 ended unmet → missed; Q3 open
    r = rule("integrity-meeting", ["party-group-member"], [E("integrity-meeting", D(2025, 2, 1))], as_of=D(2025, 7, 1))
    assert statuses(r) == ["met", "missed", "open", "future"]
    assert r["status"] == "missed"


def test_major_item_reports_on_track():
    entries = [E("major-item-report", D(2025, 3, 31)), E("major-item-report", D(2025, 4, 1))]
    r = rule("major-item-reports", LEADER, entries, as_of=D(2025, 8, 1))
    assert statuses(r) == ["met", "met", "open", "future"]
    assert (r["actual"], r["status"]) == (2, "on_track")
    assert [(p["start"], p["end"]) for p in r["periods"]] == [
        ("2025-01-01", "2025-03-31"), ("2025-04-01", "2025-06-30"),
        ("2025-07-01", "2025-09-30"), ("2025-10-01", "2025-12-31")]


def test_ideology_study_halves():
    pg = ["party-group"]
    r = rule("ideology-study", pg, [], as_of=D(2025, 7, 1))
    assert statuses(r) == ["missed", "open"]
    assert r["status"] == "missed"
    r = rule("ideology-study", pg, [E("ideology-study", D(2025, 3, 3))], as_of=D(2025, 9, 1))
    assert statuses(r) == ["met", "open"]
    assert r["status"] == "on_track"
    r = rule("ideology-study", pg, [E("ideology-study", D(2025, 3, 3)), E("ideology-study", D(2025, 11, 20))], as_of=END)
    assert statuses(r) == ["met", "met"]
    assert (r["actual"], r["status"]) == (2, "met")
    assert [(p["start"], p["end"]) for p in r["periods"]] == [("2025-01-01", "2025-06-30"), ("2025-07-01", "2025-12-31")]


# ---- counts per year ---------------------------------------------------------------------

YEARLY_ONE = [
    ("research-report", "research-report", LEADER),
    ("party-lecture", "party-lecture", LEADER),
    ("policy-report", "policy-report", LEADER),
    ("dlm-guidance", "dlm-guidance", LEADER),
    ("org-life-attend", "org-life-attend", LEADER),
    ("org-life-guidance", "org-life-guidance", LEADER),
    ("strict-governance-check", "strict-governance-check", LEADER),
    ("party-building-check", "party-building-check", LEADER),
    ("party-group-dlm", "party-group-dlm", ("party-group",)),
]


@pytest.mark.parametrize("rule_id, kind, roles", YEARLY_ONE)
def test_yearly_at_least_once(rule_id, kind, roles):
    # none by 30 Jun: pace 1 × 181 / 365 = 0.4959 → 0.5; 0 < 0.5 → behind
    r = rule(rule_id, roles, [])
    assert r["target"] == {"min": 1, "max": None}
    assert (r["actual"], r["expected"], r["status"]) == (0, 0.5, "behind")
    assert statuses(r) == ["open"]
    # one on 30 Jun (as_of itself counts) → met
    r = rule(rule_id, roles, [E(kind, MID)])
    assert (r["actual"], r["status"]) == (1, "met")
    assert statuses(r) == ["met"]
    # none at year end: pace 1.0, year ended → missed
    r = rule(rule_id, roles, [E(kind, D(2026, 1, 1))], as_of=END)
    assert (r["actual"], r["expected"], r["status"]) == (0, 1, "missed")
    assert statuses(r) == ["missed"]


def test_law_lectures_two_a_year():
    pg = ["party-group"]
    # 1 by 30 Jun: pace 2 × 181 / 365 = 0.9918 → 0.99; 1 ≥ 0.99 → on_track
    r = rule("law-lectures", pg, [E("law-lecture", D(2025, 4, 1))])
    assert r["target"] == {"min": 2, "max": None}
    assert (r["actual"], r["expected"], r["status"]) == (1, 0.99, "on_track")
    # 1 by 10 Jul (day 191): 2 × 191 / 365 = 1.0466 → 1.05; 1 < 1.05 → behind
    r = rule("law-lectures", pg, [E("law-lecture", D(2025, 4, 1))], as_of=D(2025, 7, 10))
    assert (r["expected"], r["status"]) == (1.05, "behind")
    # 1 at year end → missed; 2 → met
    assert rule("law-lectures", pg, [E("law-lecture", D(2025, 4, 1))], as_of=END)["status"] == "missed"
    r = rule("law-lectures", pg, [E("law-lecture", D(2025, 4, 1)), E("law-lecture", D(2025, 5, 1))])
    assert (r["actual"], r["status"]) == (2, "met")


def test_rules_without_target_are_tracked_only():
    # peoples-diary and patrols: no number in the document → status none, counts shown
    r = rule("peoples-diary", ["cadre"], [E("diary", D(2025, 1, 3)), E("diary", D(2025, 2, 3))])
    assert r["target"] == {"min": None, "max": None}
    assert (r["actual"], r["expected"], r["status"]) == (2, None, "none")
    patrols = [E("patrol", D(2025, 3, 1), patrol="river"), E("patrol", D(2025, 4, 1), patrol="bay"),
               E("patrol", D(2025, 5, 1), patrol="river"), E("patrol", D(2025, 8, 1), patrol="forest")]
    r = rule("patrols", LEADER, patrols)  # the 1 Aug patrol is after as_of
    assert r["target"] == {"min": None, "max": None}
    assert (r["actual"], r["expected"], r["status"]) == (3, None, "none")


# ---- per linked object: enterprise visits per quarter -------------------------------------


def _objects(period: dict) -> dict[str, tuple]:
    return {o["name"]: (o["actual"], o["status"]) for o in period["objects"]}


def test_enterprise_visits_per_enterprise_per_quarter():
    e1, e2 = L("enterprise", "甲公司"), L("enterprise", "乙公司")
    e3 = L("enterprise", "丙公司", since=D(2025, 5, 10))  # linked mid-year: not required in Q1
    visits = [(e1, D(2025, 2, 1)), (e2, D(2025, 3, 31)), (e1, D(2025, 4, 2)), (e3, D(2025, 6, 1)),
              (e1, D(2025, 7, 10)), (e2, D(2025, 9, 1))]  # the last is after as_of
    entries = [E("enterprise-visit", d, object_id=ln.id) for ln, d in visits]
    r = rule("enterprise-visits", LEADER, entries, links=[e1, e2, e3], as_of=D(2025, 8, 15))
    q1, q2, q3, q4 = r["periods"]
    # Q1: 甲 1, 乙 1; 丙 not yet linked → every object met → met
    assert _objects(q1) == {"甲公司": (1, "met"), "乙公司": (1, "met")}
    assert (q1["actual"], q1["status"]) == (2, "met")
    # Q2: 甲 1 met, 乙 0 (quarter ended) missed, 丙 1 met → missed
    assert _objects(q2) == {"甲公司": (1, "met"), "乙公司": (0, "missed"), "丙公司": (1, "met")}
    assert (q2["actual"], q2["status"]) == (2, "missed")
    # Q3 contains 15 Aug: 甲 1 met, 乙 and 丙 0 open → open
    assert _objects(q3) == {"甲公司": (1, "met"), "乙公司": (0, "open"), "丙公司": (0, "open")}
    assert q3["status"] == "open"
    # Q4: future, every object listed
    assert _objects(q4) == {"甲公司": (0, "future"), "乙公司": (0, "future"), "丙公司": (0, "future")}
    assert q4["status"] == "future"
    # rule: a quarter missed → missed (S); 5 visits counted up to as_of; no pace for quarters
    assert (r["actual"], r["expected"], r["status"]) == (5, None, "missed")


def test_enterprise_visits_met_only_when_every_enterprise_is():
    # Q1: 甲 visited twice (2 ≥ 1 in total) but 乙 never → Q1 missed
    e1, e2 = L("enterprise", "甲公司"), L("enterprise", "乙公司")
    entries = [E("enterprise-visit", D(2025, 1, 5), object_id=e1.id), E("enterprise-visit", D(2025, 2, 5), object_id=e1.id)]
    r = rule("enterprise-visits", LEADER, entries, links=[e1, e2], as_of=D(2025, 4, 10))
    assert _objects(r["periods"][0]) == {"甲公司": (2, "met"), "乙公司": (0, "missed")}
    assert r["periods"][0]["status"] == "missed"
    assert r["status"] == "missed"


def test_enterprise_visits_whole_year_met_for_econ_dept_head():
    e1, e2 = L("enterprise", "甲公司"), L("enterprise", "乙公司")
    entries = [E("enterprise-visit", D(2025, m, 15), object_id=ln.id) for m in (2, 5, 8, 11) for ln in (e1, e2)]
    r = rule("enterprise-visits", ["econ-dept-head"], entries, links=[e1, e2], as_of=END)
    assert statuses(r) == ["met"] * 4
    assert (r["actual"], r["status"]) == (8, "met")


def test_enterprise_visits_ended_links():
    # 丁 unlinked before the year: never listed; 戊 unlinked on 31 May: listed in Q1, Q2 only
    e1 = L("enterprise", "甲公司")
    old = L("enterprise", "丁公司", since=D(2023, 1, 1), until=D(2024, 12, 31))
    gone = L("enterprise", "戊公司", until=D(2025, 5, 31))
    entries = [E("enterprise-visit", D(2025, 1, 5), object_id=ln.id) for ln in (e1, gone)]
    entries += [E("enterprise-visit", D(2025, 4, 5), object_id=ln.id) for ln in (e1, gone)]
    r = rule("enterprise-visits", LEADER, entries, links=[e1, old, gone], as_of=D(2025, 8, 1))
    names = [set(_objects(p)) for p in r["periods"]]
    assert names == [{"甲公司", "戊公司"}, {"甲公司", "戊公司"}, {"甲公司"}, {"甲公司"}]
    assert statuses(r) == ["met", "met", "open", "future"]
    assert r["status"] == "on_track"


# ---- per linked object: integrity talks per department head per year -----------------------


def test_integrity_talks_every_head():
    h1, h2 = L("department-head", "财政局长"), L("department-head", "商务局长")
    one = [E("integrity-talk", D(2025, 5, 1), object_id=h1.id)]
    r = rule("integrity-talks", PGM, one, links=[h1, h2], as_of=END)
    (year,) = r["periods"]
    assert _objects(year) == {"财政局长": (1, "met"), "商务局长": (0, "missed")}
    assert year["status"] == "missed"
    assert r["status"] == "missed"
    both = one + [E("integrity-talk", D(2025, 11, 1), object_id=h2.id)]
    r = rule("integrity-talks", PGM, both, links=[h1, h2], as_of=END)
    assert _objects(r["periods"][0]) == {"财政局长": (1, "met"), "商务局长": (1, "met")}
    assert (r["actual"], r["status"]) == (2, "met")


def test_integrity_talks_pace_with_one_head():
    h1 = L("department-head", "财政局长")
    # none by 30 Jun: pace 1 × 181 / 365 = 0.4959 → 0.5; 0 < 0.5 → behind; the year is open
    r = rule("integrity-talks", PGM, [], links=[h1])
    assert (r["actual"], r["expected"], r["status"]) == (0, 0.5, "behind")
    assert _objects(r["periods"][0]) == {"财政局长": (0, "open")}
    assert r["periods"][0]["status"] == "open"
    # one talk: at or above min → met
    r = rule("integrity-talks", PGM, [E("integrity-talk", D(2025, 3, 1), object_id=h1.id)], links=[h1])
    assert (r["actual"], r["status"]) == (1, "met")


# ---- links ------------------------------------------------------------------------------


def _ents(n, **kw):
    return [L("enterprise", f"企业{i}", **kw) for i in range(n)]


def test_linked_enterprises_leader_three():
    r = rule("linked-enterprises", LEADER, links=_ents(3))
    assert r["target"] == {"min": 3, "max": 3}  # (L) min = max = 3 for a leader
    assert (r["actual"], r["status"]) == (3, "met")
    assert statuses(r) == ["met"]


def test_linked_enterprises_four_is_over():
    r = rule("linked-enterprises", LEADER, links=_ents(4))
    assert (r["actual"], r["status"]) == (4, "over")
    assert statuses(r) == ["over"]


def test_linked_enterprises_econ_dept_head_two():
    r = rule("linked-enterprises", ["econ-dept-head"], links=_ents(2))
    assert r["target"] == {"min": 2, "max": 2}
    assert (r["actual"], r["status"]) == (2, "met")
    assert rule("linked-enterprises", ["econ-dept-head"], links=_ents(3))["status"] == "over"


def test_linked_enterprises_none_yet():
    # (L): no pace (expected null); 0 < 3 while the year runs → behind
    r = rule("linked-enterprises", LEADER, links=[])
    assert (r["actual"], r["expected"], r["status"]) == (0, None, "behind")
    # year over with 2 of 3 → missed
    assert rule("linked-enterprises", LEADER, links=_ents(2), as_of=END)["status"] == "missed"


def test_link_since_after_as_of_not_counted():
    links = _ents(3) + [L("enterprise", "新企业", since=D(2025, 9, 1))]
    r = rule("linked-enterprises", LEADER, links=links)
    assert (r["actual"], r["status"]) == (3, "met")
    # the same link counts once as_of reaches its start: 4 → over
    assert rule("linked-enterprises", LEADER, links=links, as_of=D(2025, 9, 1))["status"] == "over"


def test_link_ended_before_the_year_not_counted():
    links = _ents(3) + [L("enterprise", "旧企业", since=D(2023, 1, 1), until=D(2024, 12, 31))]
    assert rule("linked-enterprises", LEADER, links=links)["actual"] == 3
    # one that ended during the year is not linked on the evaluation day (30 Jun) → 2 (L)
    links = _ents(2) + [L("enterprise", "半年企业", until=D(2025, 3, 1))]
    assert rule("linked-enterprises", LEADER, links=links)["actual"] == 2


def test_other_link_types_do_not_count_as_enterprises():
    links = _ents(1) + [L("department-head", "局长"), L("town", "凤城街道"), L("village", "某村")]
    r = run(LEADER, links=links)
    assert r["linked-enterprises"]["actual"] == 1
    assert (r["linked-town"]["actual"], r["linked-town"]["status"]) == (1, "met")
    assert (r["linked-village"]["actual"], r["linked-village"]["status"]) == (1, "met")


def test_linked_town_two_is_over():
    r = rule("linked-town", LEADER, links=[L("town", "凤城街道"), L("town", "东村街道")])
    assert r["target"] == {"min": 1, "max": 1}
    assert (r["actual"], r["status"]) == (2, "over")


def test_leader_and_econ_dept_head_gets_leader_target():
    # preset: "the first of the rule's roles the subject holds wins"; rule roles = leader, econ-dept-head
    r = rule("linked-enterprises", ["econ-dept-head", "leader"], links=_ents(2))
    assert r["target"] == {"min": 3, "max": 3}


# ---- rate (court-appearance-rate) ---------------------------------------------------------


def test_court_rate_half_appeared():
    # 1 of 2 summoned cases appeared = 0.5 < 1.0: 100 % can no longer be reached → unreachable (R2)
    cases = [E("court-case", D(2025, 3, 1), appeared=True), E("court-case", D(2025, 4, 1), appeared=False)]
    r = rule("court-appearance-rate", LEADER, cases)
    assert r["target"] == {"min": 1, "max": 1}
    assert (r["actual"], r["expected"], r["status"]) == (0.5, None, "unreachable")
    # the year ended below 100 % → missed
    assert rule("court-appearance-rate", LEADER, cases, as_of=END)["status"] == "missed"


def test_court_rate_all_appeared():
    cases = [E("court-case", D(2025, 3, 1), appeared=True), E("court-case", D(2025, 4, 1), appeared=True),
             E("court-case", D(2025, 7, 1), appeared=False)]  # after as_of
    r = rule("court-appearance-rate", LEADER, cases)
    assert (r["actual"], r["status"]) == (1, "on_track")  # a rate can fall again (R2)
    assert rule("court-appearance-rate", LEADER, cases[:2], as_of=END)["status"] == "met"


def test_court_rate_no_case_yet():
    # nothing to judge: no rate; nothing is over, met, missed or behind → on_track
    r = rule("court-appearance-rate", LEADER, [])
    assert (r["actual"], r["expected"], r["status"]) == (None, None, "on_track")


def test_court_rate_outcome_not_recorded_is_not_judged():
    # preset reading: appeared ÷ cases with a recorded outcome → 1 / 1
    cases = [E("court-case", D(2025, 3, 1), appeared=True), E("court-case", D(2025, 4, 1), appeared=None)]
    assert rule("court-appearance-rate", LEADER, cases)["actual"] == 1


# ---- roles ------------------------------------------------------------------------------

LEADER_RULES = {
    "research-days", "research-four-no-share", "research-topics", "research-report", "party-lecture",
    "policy-report", "petition-reception", "enterprise-visits", "linked-enterprises",
    "indicator-dispatch", "investment-dispatch", "major-items", "major-item-reports", "linked-town",
    "linked-village", "dlm-guidance", "org-life-attend", "org-life-guidance",
    "strict-governance-check", "party-building-check",
    "court-appearance-rate", "patrols", "frontline-office", "peoples-diary",
}
GOVERNMENT_RULES = {
    "learning-plan", "econ-weekly-dispatch", "econ-monthly-analysis", "investment-map-update",
    "investment-project-dispatch", "investment-bulletin", "investment-meeting", "major-items-list",
    "major-item-hearing",
}


@pytest.mark.parametrize(
    "roles, ids",
    [
        (("party-group",), {"theory-study", "ideology-study", "party-group-dlm", "law-lectures"}),
        (("cadre",), {"frontline-office", "peoples-diary"}),
        (("party-member",), {"service-projects", "community-service"}),
        (("econ-dept-head",), {"enterprise-visits", "linked-enterprises", "learning-plan",
                               "court-appearance-rate", "frontline-office", "peoples-diary"}),
        (("dept-head",), {"learning-plan", "court-appearance-rate", "frontline-office", "peoples-diary"}),
        (("party-group-member",), {"integrity-meeting", "integrity-talks"}),
        (("government",), GOVERNMENT_RULES),
        (("leader",), LEADER_RULES),
        (("leader", "cadre"), LEADER_RULES),
        (("leader", "party-group-member"), LEADER_RULES | {"integrity-meeting", "integrity-talks"}),
        ((), set()),
    ],
)
def test_rules_apply_only_to_subject_roles(roles, ids):
    got = run(roles)
    assert set(got) == ids
    assert len(got) == len(ids)  # each rule once


def test_leader_has_24_rules():
    # revision 2: 24 of its own less the two integrity rules, plus cadre's two = 24
    assert len(LEADER_RULES) == 24
    assert len(run(("leader",))) == 24


def test_all_41_rules_for_all_roles():
    everyone = ("leader", "party-group-member", "econ-dept-head", "party-member", "party-group", "government")
    assert len(run(everyone)) == 41


PGM = ["party-group-member"]


def test_as_dict_per_object_shape():
    e1 = L("enterprise", "甲公司")
    r = rule("enterprise-visits", LEADER, [E("enterprise-visit", D(2025, 1, 5), object_id=e1.id)], links=[e1])
    assert r["periods"][0] == {"start": "2025-01-01", "end": "2025-03-31", "actual": 1, "status": "met",
                               "objects": [{"name": "甲公司", "actual": 1, "status": "met"}]}
    assert "objects" not in rule("integrity-meeting", PGM)["periods"][0]


def test_integrity_talks_not_met_while_a_head_is_pending():
    # 2 heads, 1 talk by 30 Jun. (Y) read alone would say "met" (1 talk ≥ min 1), but (O)
    # says the period "is met only when every object is": 商务局长 has had no talk, so the
    # year is open and the rule cannot be met yet.
    h1, h2 = L("department-head", "财政局长"), L("department-head", "商务局长")
    r = rule("integrity-talks", PGM, [E("integrity-talk", D(2025, 3, 1), object_id=h1.id)], links=[h1, h2])
    assert _objects(r["periods"][0]) == {"财政局长": (1, "met"), "商务局长": (0, "open")}
    assert r["periods"][0]["status"] == "open"
    assert r["status"] not in ("met", "missed", "over")


def test_enterprise_visits_without_any_link_is_not_met():
    # nothing linked: a quarter that ended has no object met → unmet and ended → missed (PS);
    # the missing links themselves show on linked-enterprises
    r = rule("enterprise-visits", LEADER, [], links=[], as_of=D(2025, 4, 10))
    assert r["periods"][0]["objects"] == []
    assert statuses(r) == ["missed", "open", "future", "future"]
    assert r["status"] == "missed"
