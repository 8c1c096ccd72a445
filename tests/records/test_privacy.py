"""Privacy: dutylog never opens a socket, and its data folder is private (0700 / 0600).

Socket creation is made to fail for the whole CLI flow and for a TUI session: any attempt
raises and is recorded, so a swallowed failure still fails the test.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
from datetime import date

import pytest

POSIX = os.name == "posix"


class NetworkUsed(AssertionError):
    pass


def block_network(monkeypatch) -> list[str]:
    """Make every way of creating a socket raise; returns the list of attempts."""
    attempts: list[str] = []

    def refuse(what):
        def _refuse(*args, **kwargs):
            attempts.append(what)
            raise NetworkUsed(f"dutylog tried to use the network: {what}{args!r}")
        return _refuse

    monkeypatch.setattr(socket.socket, "__init__", refuse("socket.socket"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair", "create_server"):
        monkeypatch.setattr(socket, name, refuse(f"socket.{name}"))
    return attempts


@pytest.fixture
def no_network(monkeypatch):
    attempts = block_network(monkeypatch)
    yield attempts
    assert attempts == [], attempts


def private(home) -> list[str]:
    """Every path under `home` whose mode is wider than 0700 (folders) / 0600 (files)."""
    wrong = []
    for root, dirs, files in os.walk(home):
        for d in [root, *(os.path.join(root, x) for x in dirs)]:
            if stat.S_IMODE(os.stat(d).st_mode) != 0o700:
                wrong.append(f"{d} {oct(os.stat(d).st_mode)}")
        for f in files:
            p = os.path.join(root, f)
            if stat.S_IMODE(os.stat(p).st_mode) != 0o600:
                wrong.append(f"{p} {oct(os.stat(p).st_mode)}")
    return wrong


def test_cli_flow_without_network(run, no_network, dutylog_home, tmp_path, monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2025-06-30")

    def ok(*args):
        r = run(*args)
        assert r.code == 0, (args, r.err)
        return r.out.strip()

    ok("subject", "add", "王明", "--role", "leader", "--role", "cadre")
    ok("link", "王明", "enterprise", "甲公司", "--since", "2025-01-01")
    ok("log", "field-research", "--subject", "王明", "--date", "2025-03-02", "--four-no", "--place", "海阳港")
    ok("log", "enterprise-visit", "--subject", "王明", "--date", "2025-02-01", "--object", "甲公司")
    secret = ok("log", "diary", "--subject", "王明", "--date", "2025-06-01", "--note", "机密", "--sensitive")
    pending = ok("log", "frontline-office", "--subject", "王明", "--date", "2025-01-03", "--by", "李秘书")
    ok("edit", pending, "--place", "凤城街道")
    ok("confirm", pending, "--by", "王明")
    ok("history", pending, "--json")
    ok("status", "--subject", "王明", "--json")
    ok("entries", "--search", "海阳", "--json")
    ok("ledger", "add", "supervision", "--subject", "王明", "--opened", "2025-03-01", "--due", "2025-03-20")
    ok("leave", "request", "--subject", "王明", "--requested", "2025-04-01", "--depart", "2025-04-05",
       "--return", "2025-04-07")
    bundle = tmp_path / "out.jsonl"
    ok("export", bundle)
    assert secret not in bundle.read_text(encoding="utf-8")  # sensitive entries stay home
    ok("export", tmp_path / "all.jsonl", "--include-sensitive")
    assert secret in (tmp_path / "all.jsonl").read_text(encoding="utf-8")
    for fmt in ("md", "csv", "ics"):
        ok("report", "--subject", "王明", "--year", "2025", "--format", fmt, "--out", dutylog_home / f"r.{fmt}")
    assert "机密" not in (dutylog_home / "r.csv").read_text(encoding="utf-8-sig")
    copy = ok("backup", "create")
    ok("backup", "list")
    ok("backup", "restore", copy, "--yes")
    monkeypatch.setenv("DUTYLOG_HOME", str(tmp_path / "office"))
    ok("import", bundle)
    assert len(run("entries", "--json").json) == 3  # everything but the sensitive diary
    if POSIX:
        assert private(dutylog_home) == []
        assert private(tmp_path / "office") == []


async def test_tui_session_without_network(monkeypatch, dutylog_home):
    """The event loop (made before the test starts) has its self-pipe already; from here on
    nothing may create a socket."""
    from dutylog.services import Dutylog, LogRequest
    from dutylog.tui.app import make_app
    from dutylog.tui.commands_export import ExportCommands
    from dutylog.tui.screens.review import ReviewScreen

    attempts = block_network(monkeypatch)
    svc = Dutylog.open(today=date(2025, 6, 30))
    try:
        svc.add_subject("王明", ["leader", "cadre"])
        svc.log(LogRequest("diary", "王明", date(2025, 6, 1), note="记", by="李秘书"))
        app = make_app(svc, today=date(2025, 6, 30))
        app.animation_level = "none"
        app.COMMANDS = type(app).COMMANDS | {ExportCommands}
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await app.push_screen(ReviewScreen("王明"))
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            hits = [h async for h in ExportCommands(app.screen).discover()]
            hits[0].command()
            await pilot.pause()
            app.screen.query_one("#export-path").value = str(dutylog_home / "report.md")
            await pilot.press("enter")
            await pilot.pause()
        assert svc.pending("王明") == []
    finally:
        svc.close()
    assert attempts == []
    assert (dutylog_home / "report.md").exists()
    if POSIX:
        assert private(dutylog_home) == []


@pytest.mark.skipif(not POSIX, reason="POSIX modes")
def test_modes_even_with_a_lax_umask(run, dutylog_home):
    old = os.umask(0o002)
    try:
        assert run("subject", "add", "王明", "--role", "leader").code == 0
        assert run("backup", "create").code == 0
        assert run("report", "--subject", "王明", "--out", dutylog_home / "r.md").code == 0
    finally:
        os.umask(old)
    assert private(dutylog_home) == []


def test_guard_really_blocks(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.org", 80))
    no_network.clear()
    assert "socket" in sys.modules
