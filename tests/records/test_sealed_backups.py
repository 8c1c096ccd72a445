"""Issue 12, finding 10 (backups) and finding 9 (a TUI crash exited 0).

`backup create --encrypt` seals the copy (scrypt + ChaCha20-Poly1305, dutylog.sealing) and
removes the plain one; `backup restore` asks for the passphrase (or --passphrase-file);
a wrong passphrase or one altered byte refuses it and changes nothing."""

from __future__ import annotations

import pytest

TODAY = "2025-06-18"


@pytest.fixture(autouse=True)
def today(monkeypatch, run):
    monkeypatch.setenv("DUTYLOG_TODAY", TODAY)
    assert run("subject", "add", "王明", "--role", "leader").code == 0


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "pass.txt"
    path.write_text("海阳 office key 2025\n", encoding="utf-8")
    return path


def test_a_sealed_backup_round_trips(run, tmp_path, dutylog_home, secret):
    r = run("backup", "create", "--encrypt", "--passphrase-file", secret)
    assert r.code == 0, r.err
    sealed = dutylog_home / "backups" / r.out.strip().split("/")[-1]
    assert sealed.name.endswith(".db.sealed") and sealed.exists()
    assert not sealed.with_name(sealed.name.removesuffix(".sealed")).exists()  # no plain copy
    data = sealed.read_bytes()
    assert data.startswith(b"DUTYLOG-SEALED 1\n") and "王明".encode() not in data
    assert run("log", "diary", "--subject", "王明", "--date", TODAY, "--note", "后来").code == 0
    r = run("backup", "restore", sealed, "--yes")  # no terminal to ask on
    assert r.code == 2 and "passphrase" in r.err
    r = run("backup", "restore", sealed.name, "--yes", "--passphrase-file", secret)
    assert r.code == 0, r.err
    assert run("entries", "--json").json == []  # the entry logged after the backup went
    assert [s["name"] for s in run("subject", "list", "--json").json] == ["王明"]
    assert not list(dutylog_home.glob(".restore-*"))  # the opened copy is gone


def test_a_wrong_passphrase_or_an_altered_byte_is_refused(run, tmp_path, dutylog_home, secret):
    r = run("backup", "create", "--encrypt", "--passphrase-file", secret)
    sealed = dutylog_home / "backups" / r.out.strip().split("/")[-1]
    run("log", "diary", "--subject", "王明", "--date", TODAY, "--note", "留下")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the office key", encoding="utf-8")
    altered = tmp_path / "altered.db.sealed"
    data = bytearray(sealed.read_bytes())
    data[len(data) // 2] ^= 1
    altered.write_bytes(bytes(data))
    for file, key in ((sealed, wrong), (altered, secret)):
        r = run("backup", "restore", file, "--yes", "--passphrase-file", key)
        assert r.code == 2 and r.err.count("\n") == 1, r.err
        assert len(run("entries", "--json").json) == 1  # nothing replaced
    assert not list(dutylog_home.glob(".restore-*"))


async def test_a_crash_in_the_app_is_one_line_and_a_log(dutylog_home):
    from datetime import date

    from dutylog.domain.errors import DutylogError
    from dutylog.services import Dutylog
    from dutylog.tui.app import make_app
    from dutylog.tui.launch import CRASH_LOG, finish

    svc = Dutylog.open(today=date(2025, 6, 18))
    app = make_app(svc, today=date(2025, 6, 18), blink=False, theme="textual-dark",
                   animations=False)

    def boom() -> None:
        raise RuntimeError("模拟的故障\nsecond line")

    app.action_entries = boom
    try:
        with pytest.raises(RuntimeError):
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                await pilot.press("e")
                await pilot.pause()
    finally:
        svc.close()
    assert app.return_code == 1
    with pytest.raises(DutylogError) as caught:
        finish(app, dutylog_home)
    message = str(caught.value)
    assert "\n" not in message and "RuntimeError: 模拟的故障 second line" in message
    assert CRASH_LOG in message
    log = (dutylog_home / CRASH_LOG).read_text(encoding="utf-8")
    assert "Traceback" in log and "boom" in log
    assert (dutylog_home / CRASH_LOG).stat().st_mode & 0o777 == 0o600
