"""Issue 11: the reasons a bundle line or a policy file is refused are coded and worded in the
run's language, not English inside a Chinese frame ("第 3 行：days: must be a number …").

Through the real command line: `import` of a hand-written bundle, `policy use` of a broken
copy of the preset; each refusal is one line, exit 2, and changes nothing.
"""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

from .conftest import entry, subject, uid, write_bundle

STAMP = "2025-03-02T08:00:00+08:00"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-06-18")


def dump(home) -> list[str]:
    conn = sqlite3.connect(home / "dutylog.db")
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def refused(run, home, path, *lang: str) -> str:
    """The one line `import PATH` is refused with; the database as it was."""
    before = dump(home)
    r = run(*lang, "import", path)
    assert r.code == 2, (r.code, r.err)
    assert len(r.err.strip().splitlines()) == 1, r.err
    assert dump(home) == before
    return r.err.strip()


@pytest.fixture
def home(run, dutylog_home, today):
    assert run("subject", "add", "李四", "--role", "cadre").code == 0  # the database exists
    return dutylog_home


def test_a_bad_days_value_is_refused_in_chinese_then_in_english(run, home, tmp_path):
    path = write_bundle(tmp_path / "b.jsonl", [subject(), entry(1, STAMP, days="2")])
    assert refused(run, home, path) == f"dutylog: {path}：第 3 行：天数：须为数字，不能是 '2'"
    assert refused(run, home, path, "--lang", "en") == (
        f"dutylog: {path}: line 3: days: must be a number of days, not '2'")


def test_a_bad_timestamp_is_refused_in_chinese_then_in_english(run, home, tmp_path):
    path = write_bundle(tmp_path / "b.jsonl", [subject(), entry(1, STAMP), entry(2, "yesterday")])
    assert refused(run, home, path) == f"dutylog: {path}：第 4 行：修改时间：时间不是 ISO 格式：'yesterday'"
    assert refused(run, home, path, "--lang", "en") == (
        f"dutylog: {path}: line 4: updated_at: not an ISO timestamp: 'yesterday'")
    early = write_bundle(tmp_path / "c.jsonl", [subject(), entry(1, "1999-12-31T23:59:59+08:00")])
    assert refused(run, home, early).endswith("：第 3 行：修改时间：1999-12-31T23:59:59+08:00 早于 2000 年")
    assert refused(run, home, early, "--lang", "en").endswith(
        ": line 3: updated_at: 1999-12-31T23:59:59+08:00 is before 2000")


OTHER = "22222222-2222-4222-8222-222222222222"


@pytest.mark.parametrize("records, zh, en", [
    ([subject(), entry(1, STAMP, kind=None)], "类别：不能为空（null）", "kind: must not be null"),
    ([subject(), {k: v for k, v in entry(1, STAMP).items() if k != "kind"}],
     "entry 记录缺少“类别”", "entry record without 'kind'"),
    ([subject(), entry(1, STAMP, id="123")], "编号：不是 UUID 编号：'123'", "id: not a UUID: '123'"),
    ([subject(), entry(1, STAMP, date="2025-02-30")], "日期：日历上没有 2025-02-30 这一天",
     "date: 2025-02-30 is not a day on the calendar"),
    ([subject(), entry(1, STAMP, date="2025/3/2")], "日期：不是 YYYY-MM-DD 格式的日期：'2025/3/2'",
     "date: not a date YYYY-MM-DD: '2025/3/2'"),
    ([subject(), entry(1, STAMP, days=-1)], "天数：须大于 0，不能是 -1", "days: must be more than 0, not -1"),
    ([subject(), entry(1, STAMP, four_no="yes")], "四不两直：须是 true 或 false，不能是 'yes'",
     "four_no: must be true or false, not 'yes'"),
    ([subject(), entry(1, STAMP, title=5)], "标题：须是文字（加引号的字符串），不能是 5",
     "title: must be a string, not 5"),
    ([subject(), entry(1, STAMP, note="长" * 4001)], "备注：共 4001 个字符，最多 4000 个",
     "note: is 4001 characters; at most 4000 are accepted"),
    ([subject(), entry(1, STAMP, patrol="Sea!")], "巡查类型：须是由小写字母、数字和“-”组成的代码，不能是 'Sea!'",
     "patrol: must be a code of lower-case letters, digits and '-', not 'Sea!'"),
    ([subject(), entry(1, STAMP, seen="x")], "已见版本：须是时间的列表", "seen: must be a list of timestamps"),
    ([{**subject(), "roles": []}], "角色：须是角色的列表（至少一个）", "roles: must be a non-empty list of roles"),
    ([{**subject(), "name": "\u200b "}], "名称：名称不能为空，收到 '\\u200b '",
     "name: must be a non-empty name, not '\\u200b '"),
    ([subject(), {"type": "holiday", "date": "2025-10-01", "kind": "rest", "updated_at": STAMP}],
     "类别：'rest' 不在可选值之中；可选：holiday、workday", "kind: 'rest' is not one of holiday, workday"),
    ([subject(), entry(1, STAMP, subject=OTHER)], f"对象 {OTHER} 既不在捆包中，也不在数据库中",
     f"subject {OTHER} is neither in the bundle nor in the database"),
    ([subject(), entry(1, STAMP, object=OTHER)], f"联系对象 {OTHER} 既不在捆包中，也不在数据库中",
     f"object {OTHER} is neither a link in the bundle nor in the database"),
    ([subject(), subject(sid=OTHER)], "对象“王明”在捆包中以不同编号出现了两次",
     "subject '王明' appears twice in the bundle under different ids"),
    ([subject(), {"type": "ledger_progress", "id": uid(5), "item": OTHER, "date": "2025-03-01",
                  "updated_at": STAMP}],
     f"台账事项 {OTHER} 既不在捆包中，也不在数据库中", f"ledger item {OTHER} is neither in the bundle nor in the database"),
    ([subject(), entry(1, "2099-01-01T00:00:00+08:00")],
     "修改时间：2099-01-01T00:00:00+08:00 比这台电脑的时钟超前一天以上", "updated_at: 2099-01-01T00:00:00+08:00 is more than a day ahead of this computer's clock"),
], ids=["null", "missing", "uuid", "no-such-day", "not-a-date", "days-negative", "bool", "string",
        "too-long", "code", "seen", "roles", "empty-name", "enum", "subject-unknown", "object-unknown",
        "subject-twice", "item-unknown", "stamp-ahead"])
def test_every_reason_of_a_bundle_line_is_worded_in_both_languages(run, home, tmp_path, records, zh, en):
    path = write_bundle(tmp_path / "b.jsonl", records)
    line = len(records) + 1
    chinese = refused(run, home, path)
    assert chinese.startswith(f"dutylog: {path}：第 ") and zh in chinese, chinese
    assert not re.search(r"\b(must|not a|record without|neither|twice|ahead)\b", chinese), chinese
    english = refused(run, home, path, "--lang", "en")
    assert english.startswith(f"dutylog: {path}: line ") and en in english, english
    assert not CJK.search(english.replace("王明", "").replace("长", "")), english
    if "ahead" not in en:  # (the stamp from the future: found after every line was read)
        assert f"第 {line} 行：" in chinese and f"line {line}: " in english


def test_an_entry_linked_to_another_subjects_object_is_refused_in_chinese(run, home, tmp_path):
    link = {"type": "link", "id": uid(7), "subject": OTHER, "link_type": "enterprise", "name": "甲公司",
            "since": "2025-01-01", "updated_at": STAMP}
    path = write_bundle(tmp_path / "b.jsonl", [subject(), subject(sid=OTHER, name="张三"), link,
                                               entry(1, STAMP, object=uid(7))])
    assert refused(run, home, path).endswith(f"：第 5 行：联系对象 {uid(7)} 是另一个对象的联系")


# ---------------------------------------------------------------- policy files
def _copy_with_a_duplicate_rule(run, tmp_path):
    exported = tmp_path / "mine.toml"
    assert run("policy", "export", exported).code == 0
    text = exported.read_text(encoding="utf-8")
    first = text.index("[[rules]]")
    block = text[first:text.index("[[rules]]", first + 1)]
    rule_id = re.search(r'id = "([^"]+)"', block)[1]
    broken = tmp_path / "broken.toml"
    broken.write_text(text + "\n" + block, encoding="utf-8")
    return broken, rule_id


def test_a_policy_with_a_duplicate_rule_id_is_refused_in_chinese(run, home, tmp_path):
    broken, rule_id = _copy_with_a_duplicate_rule(run, tmp_path)
    before = run("policy", "show", "--json").out
    r = run("policy", "use", broken)
    assert r.code == 2 and len(r.err.strip().splitlines()) == 1, r.err
    assert r.err.strip() == f"dutylog: 政策文件 {broken}：规则 {rule_id}：编号重复（前面已有同一编号的规则）"
    e = run("--lang", "en", "policy", "use", broken)
    assert e.code == 2 and e.err.strip() == f"dutylog: {broken}: rule {rule_id}: duplicate rule id"
    assert run("policy", "show", "--json").out == before  # still the built-in preset


@pytest.mark.parametrize("old, new, zh", [
    ('due_workdays = 3', 'due_workdays = 0', "台账类型 supervision：due_workdays 须是 1 至 60 之间的整数（工作日数），不能是 0"),
    ('[[link_types]]', '[[link_types]]\n[[link_types]]', "联系类型：缺少 id"),
    ('metric = "sum_days"', 'metric = "sum_hours"', "规则 research-days：metric 'sum_hours' 不是可用的计量方式；可用：count、"),
])
def test_a_broken_policy_copy_is_refused_in_chinese(run, home, tmp_path, old, new, zh):
    exported = tmp_path / "mine.toml"
    assert run("policy", "export", exported).code == 0
    text = exported.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    r = run("policy", "use", broken)
    assert r.code == 2 and r.err.startswith(f"dutylog: 政策文件 {broken}：{zh}"), r.err
    assert json.loads(run("policy", "show", "--json").out)["source"] == "builtin"
