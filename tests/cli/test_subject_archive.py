"""`dutylog subject archive|restore` and `subject list --all` (issue 14 part 1)."""

from __future__ import annotations


def test_archive_and_restore_from_the_command_line(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-06-18")
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    assert run("subject", "add", "李华", "--role", "dept-head").code == 0
    r = run("subject", "archive", "李华", "--by", "李秘书")
    assert r.code == 0, r.err
    assert [s["name"] for s in run("subject", "list", "--json").json] == ["王明"]
    everyone = run("subject", "list", "--all", "--json").json
    assert [(s["name"], s["archived"]) for s in everyone] == [("王明", None), ("李华", "2025-06-18")]
    again = run("subject", "archive", "李华")
    assert again.code == 2 and "李华 已于 2025-06-18 归档" in again.err and "\n" not in again.err.strip()
    assert run("subject", "restore", "李华").code == 0
    assert [s["name"] for s in run("subject", "list", "--json").json] == ["王明", "李华"]
    assert "archived" not in run("subject", "list", "--json").json[0]  # the contract's shape
    nobody = run("subject", "archive", "赵六")
    assert nobody.code == 2 and "赵六" in nobody.err
