"""The built-in preset haiyang-2022-17 against shared/policy/CATALOG.md and CONTRACT.md.

Every row below is copied from the catalog's "Quantified duties" table (rule id, clause, roles,
period, target), not from the TOML file.
"""

import pytest

from dutylog.domain.rules import Target
from dutylog.policy import BUILTIN_ID, load_policy

POLICY = load_policy()
RULES = {r.id: r for r in POLICY.rules}
INF = None  # no max

# CONTRACT.md "Entry kinds (KIND)", in the contract's order: 28 kinds
CONTRACT_KINDS = [
    "field-research", "frontline-office", "diary", "party-lecture", "policy-report",
    "research-report", "research-topic", "petition-reception", "enterprise-visit",
    "indicator-dispatch", "investment-dispatch", "major-item", "major-item-report",
    "dlm-guidance", "org-life-attend", "org-life-guidance", "strict-governance-check",
    "party-building-check", "integrity-meeting", "integrity-talk", "court-case",
    "theory-study", "ideology-study", "party-group-dlm", "law-lecture", "service-project",
    "community-service", "patrol",
    # revision 2: the body kinds
    "learning-plan", "econ-weekly-dispatch", "econ-monthly-analysis", "investment-map-update",
    "investment-project-dispatch", "investment-bulletin", "investment-meeting",
    "major-items-list", "major-item-hearing",
]

# CATALOG.md: rule id → (clause, roles, metric, period, target min, target max)
CATALOG = {
    "research-days": (11, {"leader"}, "sum_days", "year", 60, INF),
    "research-four-no-share": (11, {"leader"}, "share_flagged", "year", 0.5, INF),
    "research-topics": (11, {"leader"}, "distinct_titles", "year", 1, 2),
    "research-report": (2, {"leader"}, "count", "year", 1, INF),
    "party-lecture": (2, {"leader"}, "count", "year", 1, INF),
    "policy-report": (2, {"leader"}, "count", "year", 1, INF),
    "frontline-office": (15, {"cadre"}, "count", "fortnight", 1, INF),
    "peoples-diary": (15, {"cadre"}, "count", "year", None, None),
    "petition-reception": (12, {"leader"}, "sum_days", "month", 1, INF),
    "enterprise-visits": (7, {"leader", "econ-dept-head"}, "per_object", "quarter", 1, INF),
    "linked-enterprises": (7, {"leader", "econ-dept-head"}, "links", "year", 3, 3),
    "indicator-dispatch": (6, {"leader"}, "count", "month", 1, INF),
    "investment-dispatch": (8, {"leader"}, "count", "month", 1, INF),
    "major-items": (18, {"leader"}, "distinct_titles", "window", 3, 4),
    "major-item-reports": (18, {"leader"}, "count", "quarter", 1, INF),
    "linked-town": (11, {"leader"}, "links", "year", 1, 1),
    "linked-village": (11, {"leader"}, "links", "year", 1, 1),
    "dlm-guidance": (22, {"leader"}, "count", "year", 1, INF),
    "org-life-attend": (22, {"leader"}, "count", "year", 1, INF),
    "org-life-guidance": (22, {"leader"}, "count", "year", 1, INF),
    "strict-governance-check": (23, {"leader"}, "count", "year", 1, INF),
    "party-building-check": (23, {"leader"}, "count", "year", 1, INF),
    "integrity-meeting": (27, {"party-group-member"}, "count", "quarter", 1, INF),
    "integrity-talks": (27, {"party-group-member"}, "per_object", "year", 1, INF),
    "court-appearance-rate": (26, {"leader", "dept-head"}, "rate", "year", 1.0, 1.0),
    "theory-study": (2, {"party-group"}, "count", "month", 1, INF),
    "ideology-study": (24, {"party-group"}, "count", "half", 1, INF),
    "party-group-dlm": (22, {"party-group"}, "count", "year", 1, INF),
    "law-lectures": (26, {"party-group"}, "count", "year", 2, INF),
    "service-projects": (15, {"party-member"}, "distinct_titles", "year", 3, 5),
    "community-service": (15, {"party-member"}, "count", "month", 1, INF),
    "patrols": (20, {"leader"}, "count", "year", None, None),
    # revision 2: the government's own duties, and the department's learning plan
    "learning-plan": (2, {"government", "dept-head"}, "count", "year", 1, INF),
    "econ-weekly-dispatch": (6, {"government"}, "count", "week", 1, INF),
    "econ-monthly-analysis": (6, {"government"}, "count", "month", 1, INF),
    "investment-map-update": (8, {"government"}, "count", "window", 1, INF),
    "investment-project-dispatch": (8, {"government"}, "count", "month", 1, INF),
    "investment-bulletin": (8, {"government"}, "count", "quarter", 1, INF),
    "investment-meeting": (8, {"government"}, "count", "quarter", 1, INF),
    "major-items-list": (18, {"government"}, "count", "year", 1, INF),
    "major-item-hearing": (18, {"government"}, "count", "quarter", 1, INF),
}

# the kind each rule counts (CONTRACT: "Each maps to the rule of the same duty in CATALOG.md")
RULE_KINDS = {
    "research-days": "field-research", "research-four-no-share": "field-research",
    "research-topics": "research-topic", "research-report": "research-report",
    "party-lecture": "party-lecture", "policy-report": "policy-report",
    "frontline-office": "frontline-office", "peoples-diary": "diary",
    "petition-reception": "petition-reception", "enterprise-visits": "enterprise-visit",
    "indicator-dispatch": "indicator-dispatch", "investment-dispatch": "investment-dispatch",
    "major-items": "major-item", "major-item-reports": "major-item-report",
    "dlm-guidance": "dlm-guidance", "org-life-attend": "org-life-attend",
    "org-life-guidance": "org-life-guidance", "strict-governance-check": "strict-governance-check",
    "party-building-check": "party-building-check", "integrity-meeting": "integrity-meeting",
    "integrity-talks": "integrity-talk", "court-appearance-rate": "court-case",
    "theory-study": "theory-study", "ideology-study": "ideology-study",
    "party-group-dlm": "party-group-dlm", "law-lectures": "law-lecture",
    "service-projects": "service-project", "community-service": "community-service",
    "patrols": "patrol",
    **{k: k for k in ("learning-plan", "econ-weekly-dispatch", "econ-monthly-analysis",
                      "investment-map-update", "investment-project-dispatch", "investment-bulletin",
                      "investment-meeting", "major-items-list", "major-item-hearing")},
}


def test_policy_identity():
    assert POLICY.id == BUILTIN_ID == "haiyang-2022-17"
    assert POLICY.document == "海政发〔2022〕17号"
    assert POLICY.title.zh and POLICY.title.en


def test_exactly_the_41_catalog_rules():
    assert len(CATALOG) == 41
    assert len(POLICY.rules) == 41
    assert len(set(RULES)) == 41  # no duplicate id
    assert set(RULES) == set(CATALOG)


def test_roles_are_the_catalog_roles():
    # in the catalog's order (CONTRACT: "roles are listed in the catalog's order")
    assert POLICY.role_ids == ("leader", "party-group-member", "dept-head", "econ-dept-head", "cadre",
                               "party-member", "party-group", "government")
    assert all(r.name.zh and r.name.en for r in POLICY.roles)


def test_role_implications_are_closed_over():
    assert POLICY.expand_roles(["econ-dept-head"]) == ("dept-head", "econ-dept-head", "cadre")
    assert POLICY.expand_roles(["leader"]) == ("leader", "cadre")
    assert POLICY.expand_roles(["party-group-member"]) == ("party-group-member",)
    assert POLICY.expand_roles(["government", "leader"]) == ("leader", "cadre", "government")


def test_every_contract_kind_present():
    assert len(CONTRACT_KINDS) == 37
    assert sorted(POLICY.kind_ids) == sorted(CONTRACT_KINDS)
    assert all(k.name.zh and k.name.en for k in POLICY.kinds)


def test_every_rule_kind_exists():
    kinds = set(POLICY.kind_ids)
    for r in POLICY.rules:
        if r.metric == "links":
            continue  # an assignment, not an activity
        assert r.kinds, r.id
        assert set(r.kinds) <= kinds, r.id


@pytest.mark.parametrize("rule_id", sorted(RULE_KINDS))
def test_rule_counts_the_kind_of_its_duty(rule_id):
    assert RULES[rule_id].kinds == (RULE_KINDS[rule_id],)


def test_every_kind_feeds_a_rule():
    fed = {k for r in POLICY.rules for k in r.kinds}
    assert fed == set(CONTRACT_KINDS)


@pytest.mark.parametrize("rule_id", sorted(CATALOG))
def test_rule_matches_catalog(rule_id):
    clause, roles, metric, period, lo, hi = CATALOG[rule_id]
    r = RULES[rule_id]
    assert r.clause == clause
    assert set(r.roles) == roles
    assert r.metric == metric
    assert r.period == period
    assert r.target == Target(lo, hi)
    assert r.title.zh.strip() and r.title.en.strip()
    assert r.duty.strip()


def test_linked_enterprises_role_targets():
    r = RULES["linked-enterprises"]
    # "= 3 (leader), = 2 (econ-dept-head)"; a link rule has min = max
    assert r.target_for(("leader",)) == Target(3, 3)
    assert r.target_for(("econ-dept-head",)) == Target(2, 2)
    assert r.link_type == "enterprise"
    assert RULES["linked-town"].link_type == "town"
    assert RULES["linked-village"].link_type == "village"


def test_per_object_rules_link_types():
    assert RULES["enterprise-visits"].link_type == "enterprise"
    assert RULES["integrity-talks"].link_type == "department-head"
    # the kinds name the object they concern
    assert POLICY.kind("enterprise-visit").object_type == "enterprise"
    assert POLICY.kind("integrity-talk").object_type == "department-head"
    assert "object" in POLICY.kind("enterprise-visit").required
    assert "object" in POLICY.kind("integrity-talk").required


def test_major_items_window_is_q1():
    assert RULES["major-items"].window == ("01-01", "03-31")


def test_share_and_rate_flags():
    assert RULES["research-four-no-share"].flag == "four_no"
    assert RULES["research-four-no-share"].pace is False
    assert RULES["court-appearance-rate"].flag == "appeared"
    assert RULES["court-appearance-rate"].pace is False


def test_title_required_kinds():
    # CONTRACT: --title is required for research-topic, major-item and service-project
    required = {k.id for k in POLICY.kinds if "title" in k.required}
    assert required == {"research-topic", "major-item", "service-project"}
    # --object is required for enterprise-visit and integrity-talk
    assert {k.id for k in POLICY.kinds if "object" in k.required} == {"enterprise-visit", "integrity-talk"}


def test_day_based_kinds():
    # the two rules that sum days: research-days (field-research) and petition-reception
    day_based = {k.id for k in POLICY.kinds if k.day_based}
    assert {"field-research", "petition-reception"} <= day_based
    assert "days" in POLICY.kind("field-research").fields
    assert "four_no" in POLICY.kind("field-research").fields
    assert "appeared" in POLICY.kind("court-case").fields
    assert "patrol" in POLICY.kind("patrol").fields


def test_contract_example_title_and_unit():
    r = RULES["research-days"]
    assert (r.title.zh, r.unit) == ("基层调研走访天数", "days")
