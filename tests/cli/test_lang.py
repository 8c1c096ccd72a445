"""One language layer on the command line: Chinese by default, English with `--lang en`,
DUTYLOG_LANG or the saved setting; refusals worded from their code in both languages."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import click
import pytest

from dutylog.i18n import words
from dutylog.lexicon.refusals import REFUSALS

from .test_refusals import BAD, seeded  # noqa: F401  (seeded: the fixture of those refusals)

CJK = re.compile(r"[\u4e00-\u9fff]")
SRC = Path(__file__).resolve().parents[2] / "src" / "dutylog"


@pytest.fixture
def zh(monkeypatch):
    """The default a user gets: no DUTYLOG_LANG, no saved setting."""
    monkeypatch.delenv("DUTYLOG_LANG", raising=False)


def chinese(text: str, besides: str = "") -> bool:
    """Chinese characters in `text` beyond those of `besides` (the names typed)."""
    return bool(set(CJK.findall(text)) - set(besides))


# ---------------------------------------------------------------- help
def test_top_help_is_chinese_by_default_and_english_with_lang_en(run, zh):
    r = run("--help")
    assert r.code == 0
    assert r.out.startswith("用法: dutylog") and "选项:" in r.out and "命令:" in r.out
    assert "登记一项活动；输出新记录的编号。" in r.out  # log's line in the list
    assert "显示本帮助并退出。" in r.out and "显示版本并退出。" in r.out
    e = run("--lang", "en", "--help")
    assert e.out.startswith("Usage: dutylog") and "Record one activity; prints the new entry's id." in e.out
    assert "用法" not in e.out and "登记一项活动" not in e.out


def test_log_help_in_both_languages(run, zh):
    r = run("log", "--help")
    assert r.code == 0
    for line in ("用法: dutylog log [OPTIONS] KIND", "登记一项活动；输出新记录的编号。", "谁的活动。",
                 "[必填]", "天数（可按半天：0.5、1.5 …）。", "这次走访是四不两直。"):
        assert line in r.out, line
    e = run("--lang", "en", "log", "--help")
    for line in ("Usage: dutylog log [OPTIONS] KIND", "Whose activity it is.", "[required]",
                 "Days spent (half days allowed: 0.5, 1.5 …).", "Show this message and exit."):
        assert line in e.out, line


def _commands(group: click.Group, ctx: click.Context, path: tuple[str, ...] = ()):
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, ctx, (*path, name))


OPTION_OR_METAVAR = re.compile(r"(?<![\w])(-{1,2}[\w-]+|\[[^\]]*\]|[A-Z][A-Z_.|]+\b)")


def untranslated(help_text: str, names: set[str]) -> list[str]:
    """Lines of a help page with English words left once option names, metavars and
    command names are set aside."""
    left = []
    for line in help_text.splitlines():
        if line.startswith("用法:"):
            continue
        rest = OPTION_OR_METAVAR.sub(" ", line)
        words_left = [w for w in re.findall(r"[A-Za-z][A-Za-z']+", rest) if w not in names]
        if words_left and not CJK.search(rest):
            left.append(line)
    return left


def test_every_command_help_is_chinese(run, zh):
    """Each registered command's --help, in Chinese: no English help line is left (option
    names, metavars and command names aside)."""
    from dutylog.cli import cli

    ctx = click.Context(cli, info_name="dutylog")
    found = list(_commands(cli, ctx))
    assert len(found) > 30
    names = {n for path, _ in found for n in path} | {"dutylog"}
    pages = {(): run("--help")} | {path: run(*path, "--help") for path, _ in found}
    bad = {}
    for path, r in pages.items():
        assert r.code == 0, (path, r.err)
        if lines := untranslated(r.out, names):
            bad[" ".join(path)] = lines
    assert not bad


# ---------------------------------------------------------------- choosing the language
def test_lang_env_and_saved_setting_switch_to_english(run, monkeypatch):
    monkeypatch.setenv("DUTYLOG_LANG", "en")
    assert run("--help").out.startswith("Usage:")
    assert run("--lang", "zh", "--help").out.startswith("用法:")  # --lang wins over the env
    monkeypatch.delenv("DUTYLOG_LANG")
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    assert run("--help").out.startswith("用法:")
    from dutylog.services import Dutylog, ui

    svc = Dutylog.open()
    try:
        ui.save_lang(svc, "en")
    finally:
        svc.close()
    assert run("--help").out.startswith("Usage:")  # the saved setting
    r = run("status", "--subject", "张三")
    assert r.code == 2 and r.err.startswith("dutylog: subject: no subject named '张三'")
    assert run("--lang", "zh", "--help").out.startswith("用法:")


def test_help_creates_no_data_folder(run, zh, dutylog_home):
    assert run("--help").code == 0 and run("log", "--help").code == 0
    assert not dutylog_home.exists()


def test_table_headers_follow_the_language(run, zh):
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    assert run("log", "diary", "--subject", "王明", "--date", "today").code == 0
    head = run("entries").out.splitlines()[0]
    assert "日期" in head and "类别" in head and "Date" not in head
    head = run("--lang", "en", "entries").out.splitlines()[0]
    assert "Date" in head and "Kind" in head and "日期" not in head
    status = run("status", "--subject", "王明").out
    assert "职责" in status and "状态" in status
    assert "Duty" in run("--lang", "en", "status", "--subject", "王明").out
    assert run("backup", "create").code == 0
    assert run("backup", "list").out.split()[:2] == ["时间", "大小"]
    assert run("--lang", "en", "backup", "list").out.split()[:2] == ["taken", "size"]
    assert "收到" in run("ledger", "list").out or "没有台账事项。" in run("ledger", "list").out
    assert run("--lang", "en", "ledger", "list").out.strip() == "No ledger items."


# ---------------------------------------------------------------- refusals
@pytest.mark.parametrize("args", BAD, ids=[" ".join(a)[:60] for a in BAD])
def test_every_refusal_has_chinese_and_english_wording(run, seeded, zh, args):  # noqa: F811
    typed = "".join(args)
    r = run(*args)
    assert r.code == 2 and r.err.startswith("dutylog: ") and len(r.err.strip().splitlines()) == 1
    assert chinese(r.err, typed), r.err
    assert "[" not in r.err.replace("[必填]", "")  # no code left unworded
    e = run("--lang", "en", *args)
    assert e.code == 2 and e.err.startswith("dutylog: ") and e.err != r.err
    assert not re.search("[：；“”（）]", e.err), e.err  # English punctuation: not the Chinese line
    assert re.search(r"\b[a-zA-Z]{2,} [a-z]{2,}\b", e.err), e.err


def test_usage_errors_in_chinese(run, zh):
    assert run("log", "diary", "--date", "today").err.startswith("dutylog: 缺少选项 '--subject'（查看：dutylog log --help）")
    assert "没有命令 'frobnicate'" in run("frobnicate").err
    assert "'--lang' 的值不对：'fr' 不是以下之一：'zh', 'en'" in run("--lang", "fr", "roles").err
    assert "没有选项 '--bogus'" in run("entries", "--bogus").err
    assert "多余的参数" in run("roles", "x", "y").err


def _codes_raised() -> dict[str, set[str]]:
    """Every refusal code named in src/, with the values its raise sites give."""
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            keywords = {k.arg: k.value for k in node.keywords if k.arg}
            code = keywords.get("code")
            if code is None and getattr(node.func, "attr", None) == "refusal_code" and node.args:
                code = node.args[0]
            if isinstance(code, ast.Constant) and isinstance(code.value, str):
                given = set(keywords) - {"code", "field"}
                found.setdefault(code.value, set()).update(given or set())
    return found


def test_every_refusal_code_has_both_wordings():
    raised = _codes_raised()
    assert len(raised) > 60
    missing = sorted(set(raised) - set(REFUSALS))
    assert not missing, f"codes without wording in lexicon/refusals.py: {missing}"
    for code, (zh_text, en_text) in REFUSALS.items():
        assert zh_text.strip() and en_text.strip(), code
        assert CJK.search(zh_text) or "：" in zh_text, code  # Chinese words, or Chinese punctuation around values
        for text in (zh_text, en_text):
            names = {n for _, n, _, _ in string.Formatter().parse(text) if n}
            unknown = names - raised.get(code, set()) - {"field"}
            assert not unknown, (code, text, unknown)


def test_plain_refusals_still_print_as_they_are():
    """A refusal raised the older way, with text, is shown as it is in both languages."""
    from dutylog.domain.errors import InvalidInput

    exc = InvalidInput("ledger: something new went wrong", "ledger")
    assert words("zh").refusal(exc) == words("en").refusal(exc) == "ledger: something new went wrong"
    coded = InvalidInput(code="date.future", field="date", when="2099-01-01", today="2025-06-30")
    assert words("zh").refusal(coded) == "日期：2099-01-01 晚于今天（2025-06-30）；不能登记将来的日子"
    assert words("en").refusal(coded).startswith("date: 2099-01-01 is in the future")


def test_policy_show_names_its_vocabulary_in_the_runs_language(run, monkeypatch):
    out = run("policy", "show").out.splitlines()
    assert out[1].startswith("  角色：leader、") and out[4].startswith("  台账类型：supervision (3 个工作日)")
    monkeypatch.setenv("DUTYLOG_LANG", "en")
    out = run("policy", "show").out.splitlines()
    assert out[1].startswith("  roles: leader, ") and "supervision (3 working days)" in out[4]
