"""Revision 2 through the command line: roles from the policy, --since, objects by date.

Today is pinned to 2025-11-28 (DUTYLOG_TODAY)."""

from __future__ import annotations

import pytest

TODAY = "2025-11-28"


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)


def ids(report):
    return [r["id"] for r in report["rules"]]


def test_status_lists_the_rules_of_each_role(run):
    assert run("subject", "add", "市政府", "--role", "government").code == 0
    assert run("subject", "add", "党组成员甲", "--role", "party-group-member").code == 0
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    gov = run("status", "--subject", "市政府", "--json").json
    assert gov["roles"] == ["government"]
    assert ids(gov) == ["learning-plan", "econ-weekly-dispatch", "econ-monthly-analysis",
                        "investment-map-update", "investment-project-dispatch", "investment-bulletin",
                        "investment-meeting", "major-items-list", "major-item-hearing"]
    weekly = next(r for r in gov["rules"] if r["id"] == "econ-weekly-dispatch")
    assert weekly["period"] == "week" and len(weekly["periods"]) == 53  # 2025: Wed 1 Jan … Wed 31 Dec
    assert ids(run("status", "--subject", "党组成员甲", "--json").json) == ["integrity-meeting", "integrity-talks"]
    leader = run("status", "--subject", "王明", "--json").json
    assert leader["roles"] == ["leader", "cadre"]  # the implied role included
    assert {"frontline-office", "peoples-diary"} <= set(ids(leader))
    assert not {"integrity-meeting", "integrity-talks"} & set(ids(leader))


def test_subject_since_defaults_to_today_and_is_listed(run):
    assert run("subject", "add", "王明", "--role", "econ-dept-head").code == 0
    assert run("subject", "add", "李华", "--role", "leader", "--since", "2025-03-01").code == 0
    listed = {s["name"]: s for s in run("subject", "list", "--json").json}
    assert listed["王明"]["since"] == TODAY and listed["李华"]["since"] == "2025-03-01"
    assert listed["王明"]["roles"] == ["dept-head", "econ-dept-head", "cadre"]
    r = run("subject", "add", "赵六", "--role", "leader", "--since", "2025-12-01")
    assert r.code == 2 and "晚于今天" in r.err  # the Chinese of "in the future"
    assert run("subject", "edit", "王明", "--since", "2025-01-01").code == 0
    assert {s["name"]: s for s in run("subject", "list", "--json").json}["王明"]["since"] == "2025-01-01"


def test_untracked_months_before_the_since_day(run):
    # tracked from 10 Nov: Jan–Oct untracked, November open (today runs), December future
    assert run("subject", "add", "王明", "--role", "leader", "--since", "2025-11-10").code == 0
    report = {r["id"]: r for r in run("status", "--subject", "王明", "--json").json["rules"]}
    petition = report["petition-reception"]
    assert [p["status"] for p in petition["periods"]] == ["untracked"] * 10 + ["open", "future"]
    assert petition["status"] == "on_track"
    assert report["major-items"]["status"] == "untracked"  # its window ended 31 March
    # a back-dated entry moves the tracked-from day earlier: March is then judged
    assert run("log", "petition-reception", "--subject", "王明", "--date", "2025-03-05").code == 0
    petition = {r["id"]: r for r in run("status", "--subject", "王明", "--json").json["rules"]}["petition-reception"]
    assert [p["status"] for p in petition["periods"]][:4] == ["untracked", "untracked", "met", "missed"]
    assert petition["status"] == "missed"


def test_a_role_added_in_a_policy_copy_is_accepted(run, tmp_path):
    copy = tmp_path / "mine.toml"
    assert run("policy", "export", copy).code == 0
    text = copy.read_text(encoding="utf-8")
    text = text.replace('[[roles]]\nid = "government"',
                        '[[roles]]\nid = "town-head"\nname = { zh = "镇长", en = "town head" }\nimplies = ["cadre"]\n'
                        '[[roles]]\nid = "government"', 1)
    copy.write_text(text, encoding="utf-8")
    assert run("policy", "use", copy).code == 0
    assert run("subject", "add", "张镇长", "--role", "town-head").code == 0
    report = run("status", "--subject", "张镇长", "--json").json
    assert report["roles"] == ["cadre", "town-head"] or report["roles"] == ["town-head", "cadre"]
    assert ids(report) == ["frontline-office", "peoples-diary"]
    r = run("subject", "add", "某人", "--role", "mayor")
    assert r.code == 2 and "town-head" in r.err


def test_objects_by_the_entry_date(run):
    ok = lambda *a: run(*a).code == 0 or pytest.fail(run(*a).err)  # noqa: E731
    ok("subject", "add", "王明", "--role", "leader", "--since", "2025-01-01")
    ok("link", "王明", "enterprise", "甲公司", "--since", "2025-01-01")
    ok("log", "enterprise-visit", "--subject", "王明", "--date", "2025-02-03", "--object", "甲公司")
    # ended on 30 April while a visit on 3 February stands: ending earlier is refused
    r = run("unlink", "王明", "enterprise", "甲公司", "--until", "2025-01-31")
    assert r.code == 2 and "2025-02-03" in r.err
    ok("unlink", "王明", "enterprise", "甲公司", "--until", "2025-04-30")
    # between the spans: refused, naming the span
    r = run("log", "enterprise-visit", "--subject", "王明", "--date", "2025-06-02", "--object", "甲公司")
    assert r.code == 2 and "2025-01-01 – 2025-04-30" in r.err
    ok("link", "王明", "enterprise", "甲公司", "--since", "2025-07-01")
    ok("log", "enterprise-visit", "--subject", "王明", "--date", "2025-08-04", "--object", "甲公司")
    entries = sorted(run("entries", "--json", "--kind", "enterprise-visit").json, key=lambda e: e["date"])
    links = {ln["since"]: ln["id"] for ln in run("links", "王明", "--json").json}
    # the February visit stays on the first link, the August one goes to the second
    assert [e["object"] for e in entries] == [links["2025-01-01"], links["2025-07-01"]]
    visits = {r["id"]: r for r in run("status", "--subject", "王明", "--json").json["rules"]}["enterprise-visits"]
    # one name, whatever its spans: Q1 met, Q2 (linked till 30 Apr) missed, Q3 met, Q4 open
    assert [p["status"] for p in visits["periods"]] == ["met", "missed", "met", "open"]
    assert [[o["name"] for o in p["objects"]] for p in visits["periods"]] == [["甲公司"]] * 4
    # edit moves the visit to a date outside every span: refused
    r = run("edit", entries[0]["id"], "--date", "2025-06-01")
    assert r.code == 2 and "不在与" in r.err  # was not linked on that day
