"""Issue 12, finding 8: files and paths.

Importing a FIFO hung; /dev/zero was read without limit; `report --out` and `export`
replaced a device node with a regular file, followed a symlink planted at the temporary
name and overwrote an existing export without asking.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from .conftest import entry, subject, write_bundle

TODAY = "2025-06-18"


@pytest.fixture(autouse=True)
def today(monkeypatch, run):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    assert run("subject", "add", "王明", "--role", "leader").code == 0


def test_a_fifo_is_refused_at_once(tmp_path, dutylog_home):
    fifo = tmp_path / "stick.jsonl"
    os.mkfifo(fifo)
    env = {**os.environ, "DUTYLOG_HOME": str(dutylog_home), "DUTYLOG_TODAY": TODAY,
           "PYTHONPATH": os.pathsep.join(sys.path)}
    r = subprocess.run([sys.executable, "-m", "dutylog", "import", str(fifo)], env=env,
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 2, r.stderr
    assert "不是普通文件" in r.stderr and r.stderr.count("\n") == 1


def test_a_device_is_refused(run):
    r = run("import", "/dev/zero")
    assert r.code == 2 and "不是普通文件" in r.err


def test_a_line_without_end_is_refused(run, tmp_path):
    path = tmp_path / "zeros.jsonl"
    path.write_bytes(b'{"format": "dutylog-bundle", "version": 1}\n' + b"0" * (3 << 20))
    r = run("import", path)
    assert r.code == 2 and "第 2 行：一行超过 2 MiB：不是捆包" in r.err


def test_outputs_are_regular_files_and_are_not_replaced_unasked(run, tmp_path):
    tmp_path = tmp_path / "stick"
    tmp_path.mkdir()
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    for args in (("report", "--subject", "王明", "--year", "2025", "--out", fifo, "--force"),
                 ("export", fifo, "--force")):
        r = run(*args)
        assert r.code == 2 and "不是普通文件" in r.err, r.err
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    out = tmp_path / "b.jsonl"
    assert run("export", out).code == 0
    first = out.read_bytes()
    r = run("export", out)
    assert r.code == 2 and "--force" in r.err and out.read_bytes() == first
    report = tmp_path / "r.md"
    report.write_text("mine", encoding="utf-8")
    r = run("report", "--subject", "王明", "--year", "2025", "--out", report)
    assert r.code == 2 and "--force" in r.err and report.read_text(encoding="utf-8") == "mine"
    assert run("report", "--subject", "王明", "--year", "2025", "--out", report, "--force").code == 0
    assert report.read_text(encoding="utf-8").startswith("# 王明")
    assert run("export", out, "--force").code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.jsonl", "pipe.md", "r.md"]


def test_a_link_planted_at_the_temporary_name_is_not_followed(run, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    for name in (".r.md.tmp", ".r.md.sealing", ".b.jsonl.sealing"):
        (tmp_path / name).symlink_to(victim)
    assert run("report", "--subject", "王明", "--year", "2025", "--out", tmp_path / "r.md").code == 0
    assert victim.read_text(encoding="utf-8") == "keep"


def test_a_failed_write_leaves_no_temporary_file(run, tmp_path, monkeypatch):
    def broken(src, dst):
        raise OSError(28, "No space left on device")

    tmp_path = tmp_path / "stick"
    tmp_path.mkdir()
    monkeypatch.setattr(os, "replace", broken)
    r = run("report", "--subject", "王明", "--year", "2025", "--out", tmp_path / "r.md")
    assert r.code == 2
    assert list(tmp_path.iterdir()) == []


async def test_the_export_dialog_asks_before_replacing(svc_app, tmp_path):
    from dutylog.tui.screens.export_dialog import ExportDialog

    app = svc_app
    target = tmp_path / "r.md"
    target.write_text("mine", encoding="utf-8")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(ExportDialog("md", "王明", 2025))
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "r.md" in str(dialog.query_one("#export-error").render())
        assert target.read_text(encoding="utf-8") == "mine"
        await pilot.press("enter")  # asked: yes
        await pilot.pause()
        assert app.screen is not dialog
    assert target.read_text(encoding="utf-8").startswith("# 王明")


@pytest.fixture
def svc_app():
    from datetime import date

    from dutylog.services import Dutylog
    from dutylog.tui.app import make_app

    svc = Dutylog.open(today=date(2025, 6, 18))
    yield make_app(svc, today=date(2025, 6, 18), blink=False, theme="textual-dark",
                   animations=False)
    svc.close()


def test_a_plain_bundle_still_imports(run, tmp_path):
    path = write_bundle(tmp_path / "b.jsonl", [subject(), entry(1, "2025-03-02T08:00:00+08:00")])
    assert run("import", path).code == 0
