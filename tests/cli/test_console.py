"""Chinese Windows consoles and files (issue 10 §2): output redirected under a GBK code page
never crashes, an ASCII glyph set for the legacy console, and hand-saved policy and holiday
files load as UTF-8 with or without BOM or as GBK."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _cli(home, *args, **env):
    full = {k: v for k, v in os.environ.items() if k != "DUTYLOG_ASCII"}
    full.update(DUTYLOG_HOME=str(home), DUTYLOG_TODAY="2025-11-28", **env)
    return subprocess.run([sys.executable, "-m", "dutylog", *args], capture_output=True, env=full)


@pytest.fixture
def home(tmp_path):
    home = tmp_path / "h"
    assert _cli(home, "subject", "add", "王明", "--role", "leader", "--since", "2025-01-01").returncode == 0
    # a rare character GBK cannot encode (CJK Extension B), in the user's own text
    assert _cli(home, "log", "field-research", "--subject", "王明", "--date", "2025-03-01",
                "--title", "𠀀村调研").returncode == 0
    return home


@pytest.mark.parametrize("args", [["status", "--subject", "王明"], ["entries", "--json"],
                                  ["entries"], ["history", "--help"]])
def test_redirected_output_under_gbk_is_utf8_and_exits_0(home, args):
    r = _cli(home, *args, PYTHONIOENCODING="cp936")
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    text = r.stdout.decode("utf-8")  # readable: UTF-8, whatever the code page
    if args[0] == "status":
        assert "░" in text and "基层调研走访天数" in text
    if args == ["entries", "--json"]:
        assert "𠀀村调研" in text


def test_refusals_under_gbk_are_one_readable_line(home):
    r = _cli(home, "status", "--subject", "不存在", PYTHONIOENCODING="cp936")
    assert r.returncode == 2
    assert r.stderr.decode("utf-8").count("\n") == 1


def test_ascii_glyphs(home):
    r = _cli(home, "--ascii", "status", "--subject", "王明")
    text = r.stdout.decode("utf-8")
    assert r.returncode == 0
    assert "#" in text or "-" in text
    for glyph in "░█✓✗·─▲":
        assert glyph not in text, glyph
    r = _cli(home, "status", "--subject", "王明", DUTYLOG_ASCII="1")
    assert "░" not in r.stdout.decode("utf-8")


def _save_glyphs(home, glyphs):
    from dutylog.services import Dutylog, ui

    svc = Dutylog.open(home)
    try:
        ui.save_glyphs(svc, glyphs)
    finally:
        svc.close()


def test_saved_ascii_glyphs_apply_to_the_cli_and_the_environment_wins(home):
    """The glyph set saved in the TUI's settings draws the CLI's status too (issue 10 §3);
    DUTYLOG_ASCII=0 or 1 still wins over it, and `--ascii` over a saved "unicode"."""
    _save_glyphs(home, "ascii")
    saved = _cli(home, "status", "--subject", "王明").stdout.decode("utf-8")
    assert "王明" in saved or "基层调研" in saved
    for glyph in "░█✓✗·─▲":
        assert glyph not in saved, glyph
    assert "░" in _cli(home, "status", "--subject", "王明", DUTYLOG_ASCII="0").stdout.decode("utf-8")
    _save_glyphs(home, "unicode")
    assert "░" in _cli(home, "status", "--subject", "王明").stdout.decode("utf-8")
    assert "░" not in _cli(home, "--ascii", "status", "--subject", "王明").stdout.decode("utf-8")
    assert "░" not in _cli(home, "status", "--subject", "王明", DUTYLOG_ASCII="1").stdout.decode("utf-8")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_policy_saved_with_bom_or_in_gbk_loads(home, tmp_path, encoding):
    exported = tmp_path / "p.toml"
    assert _cli(home, "policy", "export", str(exported)).returncode == 0
    saved = tmp_path / f"{encoding}.toml"
    saved.write_bytes(exported.read_text(encoding="utf-8").encode(encoding))
    r = _cli(home, "policy", "use", str(saved))
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")


def test_a_binary_policy_is_refused_in_one_line(home, tmp_path):
    junk = tmp_path / "junk.toml"
    junk.write_bytes(bytes(range(128, 256)) * 4)
    r = _cli(home, "policy", "use", str(junk))
    assert r.returncode == 2
    err = r.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "UTF-8" in err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_holiday_file_with_bom_or_in_gbk_loads(home, tmp_path, encoding):
    notice = tmp_path / "notice.txt"
    notice.write_bytes("# 国务院办公厅通知\n2027-02-06..2027-02-12 holiday 春节\n2027-02-14 workday 春节调休\n"
                       .encode(encoding))
    r = _cli(home, "holidays", "import", str(notice))
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    listed = _cli(home, "holidays", "list", "2027", "--json")
    assert "春节" in listed.stdout.decode("utf-8")
