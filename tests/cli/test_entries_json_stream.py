"""`entries --json` is written as it is made (issue 14 §7): the same JSON value as before
(CONTRACT: an array of entries), one entry a line."""

from __future__ import annotations

import json


def test_the_same_value_streamed(run, monkeypatch):
    from dutylog.cli import common

    monkeypatch.setenv("DUTYLOG_TODAY", "2025-05-10")
    assert run("entries", "--json").out == "[]\n"
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    for day in range(1, 8):
        assert run("log", "diary", "--subject", "王明", "--date", f"2025-05-0{day}",
                   "--note", f"第{day}篇 \"引号\"\n换行").code == 0
    chunks = []
    real = common.click.echo
    monkeypatch.setattr(common.click, "echo", lambda text, **kw: chunks.append(text) or real(text, **kw))
    monkeypatch.setattr(common.echo_json_texts, "__defaults__", (3,))  # chunks of 3 entries
    r = run("entries", "--json")
    value = json.loads(r.out)
    assert [e["note"] for e in value] == [f"第{d}篇 \"引号\"\n换行" for d in range(1, 8)]
    assert value[0]["subject_name"] == "王明"
    assert len(r.out.splitlines()) == 9  # "[", 7 entries, "]"
    assert len(chunks) == 3  # 3 + 3 entries, then the last one and the closing bracket
