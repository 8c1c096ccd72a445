"""`dutylog roles`: the policy's roles, each with the roles it implies (closed over)."""

from __future__ import annotations


def test_roles_text_shows_what_each_role_implies(run):
    r = run("roles")
    assert r.code == 0, r.err
    lines = {line.split()[0]: line for line in r.out.splitlines()}
    assert list(lines)[:4] == ["leader", "party-group-member", "dept-head", "econ-dept-head"]
    assert "经济发展服务部门主要负责人" in lines["econ-dept-head"]
    assert lines["econ-dept-head"].endswith("→ dept-head, cadre")  # closed over dept-head → cadre
    assert lines["leader"].endswith("→ cadre")
    assert "→" not in lines["cadre"] and "→" not in lines["party-group-member"]


def test_roles_json(run):
    r = run("roles", "--json")
    assert r.code == 0, r.err
    by_id = {x["id"]: x for x in r.json}
    assert list(by_id) == ["leader", "party-group-member", "dept-head", "econ-dept-head", "cadre",
                           "party-member", "party-group", "government"]
    assert by_id["econ-dept-head"]["implies"] == ["dept-head", "cadre"]
    assert by_id["dept-head"]["implies"] == ["cadre"] and by_id["cadre"]["implies"] == []
    assert by_id["leader"]["short"] == "市政府领导" and by_id["leader"]["short_en"] == "leader"


def test_roles_in_english(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_LANG", "en")  # what --lang en sets, undone after the test
    r = run("roles")
    assert r.code == 0, r.err
    assert any(line.startswith("econ-dept-head") and "economic-development" in line
               for line in r.out.splitlines())


def test_role_help_names_no_fixed_list(run):
    r = run("subject", "add", "--help")
    assert r.code == 0
    assert "dutylog roles" in r.out and "econ-dept-head" not in r.out
