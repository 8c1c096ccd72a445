"""One truth everywhere (issue 9 §4): the dashboard, the `status` table, the 述职 report
and `status --json` show the same actual, target and status for every rule.

The scenario, worked out by hand. Today (DUTYLOG_TODAY) is Sunday 30 November 2025, the
last day of November, still running. 王明 is a leader and a Party-group member, tracked
from 1 January 2025.
- enterprises: 甲 and 乙 linked all year; 丙 until 30 June, handed over to 丁 from 1 July.
  On the evaluation day (30 Nov) 甲, 乙, 丁 are linked: 3 of =3 → met (not "4 over").
- department heads 刘建国, 陈志强, 孙红, all year; one integrity talk (刘建国, 3 March):
  1 of 3 heads → "1 / 3位", missing 陈志强、孙红; the JSON actual is talks so far = 1;
  expected = 1 × 3 × 334/365 = 2.745… → 2.75 > 1 head done → behind.
- petition reception: one day in each month January–October, none in November yet:
  November ends today and is still running → open, "今天截止" (not ✗); 10 of 12 months met.
- field research: 10 days, 6 of them 四不两直: share 0.6 ≥ 0.5 mid-year → on_track, 达标中;
  research days 10 of ≥60, shortfall 50 > 32 days left (1–31 Dec, today counted: 31 + 1)
  → unreachable, "剩余 32 天，还差 50 天".
"""

from __future__ import annotations

import json
import re

import pytest

from dutylog.fmt import rule_line

TODAY = "2025-11-30"


@pytest.fixture
def scenario(run, monkeypatch, tmp_path):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    ok = lambda *a: run(*a).code == 0 or pytest.fail(run(*a).err)  # noqa: E731
    ok("subject", "add", "王明", "--role", "leader", "--role", "party-group-member", "--since", "2025-01-01")
    for name in ("甲公司", "乙公司", "丙公司"):
        ok("link", "王明", "enterprise", name, "--since", "2025-01-01")
    ok("unlink", "王明", "enterprise", "丙公司", "--until", "2025-06-30")
    ok("link", "王明", "enterprise", "丁公司", "--since", "2025-07-01")
    for name in ("刘建国", "陈志强", "孙红"):
        ok("link", "王明", "department-head", name, "--since", "2025-01-01")
    ok("log", "integrity-talk", "--subject", "王明", "--date", "2025-03-03", "--object", "刘建国")
    for month in range(1, 11):
        ok("log", "petition-reception", "--subject", "王明", "--date", f"2025-{month:02d}-10")
    for day in range(1, 11):
        extra = ["--four-no"] if day <= 6 else []
        ok("log", "field-research", "--subject", "王明", "--date", f"2025-04-{day:02d}", *extra)
    ok("log", "enterprise-visit", "--subject", "王明", "--date", "2025-05-06", "--object", "丙公司")
    return "王明"


def _by_rule(svc, lang):
    from dutylog.services.ui import dashboard
    from dutylog.tui.widgets.rules_list import rule_text

    data = dashboard(svc, "王明")
    return {r.rule.id: rule_text(r, data.as_of, lang, svc.policy).plain for _, rs in data.sections for r in rs}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_three_outputs_agree_rule_by_rule(run, scenario, tmp_path, lang):
    from dutylog.services import Dutylog

    report = run("status", "--subject", "王明", "--json").json
    table = run("--lang", lang, "status", "--subject", "王明").out
    out = tmp_path / "r.md"
    assert run("--lang", lang, "report", "--subject", "王明", "--year", "2025", "--format", "md",
               "--out", out).code == 0
    md = out.read_text(encoding="utf-8")
    with Dutylog.open() as svc:
        dash = _by_rule(svc, lang)
        results = {r.rule.id: r for r in svc.progress("王明").results}
        as_of = svc.today
        assert set(dash) == set(results) == {r["id"] for r in report["rules"]}
        for r in report["rules"]:
            res = results[r["id"]]
            line = rule_line(res, svc.policy, as_of, lang)
            # the JSON and the words come from the same result
            assert (res.status, res.actual, res.expected) == (r["status"], r["actual"], r["expected"])
            title = res.rule.title.get(lang)
            shown = f"{line.mark} {line.word}"
            # the status table: one row with the same progress and status words
            row = next(x for x in table.splitlines() if x.startswith(title))
            assert line.progress in row and shown in row, (r["id"], row)
            # the report's overview table
            md_row = next(x for x in md.splitlines() if x.startswith(f"| {_md(title)} |"))
            assert f"| {_md(line.progress)} |" in md_row and f"| {shown} |" in md_row, (r["id"], md_row)
            # the dashboard
            assert line.progress in dash[r["id"]] and shown in dash[r["id"]], (r["id"], dash[r["id"]])
            if line.detail:
                assert _md(line.detail) in md_row
                assert f"{title}: {line.detail}" in table


def _md(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(text.split()))


def test_hand_computed_words(run, scenario):
    from dutylog.services import Dutylog

    report = {r["id"]: r for r in run("status", "--subject", "王明", "--json").json["rules"]}
    # hand-over: 甲 乙 丁 linked on 30 Nov → 3 of =3, met, no pace
    assert (report["linked-enterprises"]["actual"], report["linked-enterprises"]["expected"],
            report["linked-enterprises"]["status"]) == (3, None, "met")
    talks = report["integrity-talks"]
    assert (talks["actual"], talks["expected"], talks["status"]) == (1, 2.75, "behind")
    petition = report["petition-reception"]
    assert petition["periods"][10] == {"start": "2025-11-01", "end": "2025-11-30", "actual": 0, "status": "open"}
    assert petition["status"] == "on_track"
    assert (report["research-four-no-share"]["actual"], report["research-four-no-share"]["status"]) == (0.6, "on_track")
    assert (report["research-days"]["actual"], report["research-days"]["status"]) == (10, "unreachable")
    with Dutylog.open() as svc:
        lines = {r.rule.id: rule_line(r, svc.policy, svc.today, "zh") for r in svc.progress("王明").results}
    assert lines["integrity-talks"].progress == "1 / 3位"
    assert lines["integrity-talks"].detail == "尚缺：陈志强、孙红"
    assert lines["petition-reception"].progress == "10 / 12月"
    assert lines["petition-reception"].word == "今天截止"
    assert lines["research-four-no-share"].word == "达标中"
    assert lines["research-days"].word == "无法完成"
    assert lines["research-days"].detail == "剩余 32 天，还差 50 天"
    assert lines["linked-enterprises"].progress == "3 / =3"
    assert lines["policy-report"].detail.startswith("文件未规定次数")


def test_the_same_day_seen_later_is_missed(run, scenario):
    # 30 November evaluated from 1 December (it has ended): November unmet → missed
    report = {r["id"]: r for r in run("status", "--subject", "王明", "--as-of", "2025-11-30", "--json").json["rules"]}
    assert report["petition-reception"]["periods"][10]["status"] == "open"  # as_of is today
    run_later = run  # the same command on the next day
    import os

    os.environ["DUTYLOG_TODAY"] = "2025-12-01"
    later = {r["id"]: r for r in run_later("status", "--subject", "王明", "--as-of", "2025-11-30", "--json").json["rules"]}
    assert later["petition-reception"]["periods"][10]["status"] == "missed"
    assert later["petition-reception"]["status"] == "missed"


def test_no_department_head_linked_says_so(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    assert run("subject", "add", "李华", "--role", "party-group-member", "--since", "2025-01-01").code == 0
    from dutylog.services import Dutylog

    with Dutylog.open() as svc:
        (talks,) = [r for r in svc.progress("李华").results if r.rule.id == "integrity-talks"]
        line = rule_line(talks, svc.policy, svc.today, "zh")
    assert line.progress == "—" and line.detail == "尚未联系部门负责人"
    assert json.dumps(talks.as_dict()["periods"][0]["objects"]) == "[]"
