"""Windows details (issue 10 §7): a data folder on a network share, a report file still open
in Excel, the restore hint quoted for the user's shell."""

from __future__ import annotations

import os
from pathlib import Path, PureWindowsPath

import pytest

from dutylog.store.paths import readonly_uri


def test_a_network_share_gives_a_uri_sqlite_accepts():
    uri = readonly_uri(PureWindowsPath(r"\\server\share\数据\dutylog.db"))
    # no host (SQLite refuses one): the share is in the path
    assert uri == "file:////server/share/%E6%95%B0%E6%8D%AE/dutylog.db?mode=ro"


def test_a_local_path_with_spaces(tmp_path):
    import sqlite3

    db = tmp_path / "a b" / "dutylog.db"
    db.parent.mkdir()
    sqlite3.connect(db).close()
    conn = sqlite3.connect(readonly_uri(db), uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    conn.close()


def test_a_report_open_in_excel_is_refused_with_a_hint(run, tmp_path, monkeypatch):
    assert run("subject", "add", "王明", "--role", "leader").code == 0
    out = tmp_path / "r.csv"
    out.write_text("old", encoding="utf-8")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")  # what Windows says while Excel holds it

    monkeypatch.setattr(os, "replace", locked)
    r = run("report", "--subject", "王明", "--year", "2025", "--format", "csv", "--force", "--out", out)
    assert r.code == 2 and "Excel/WPS" in r.err and r.err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "old"  # nothing half-written
    assert not list(tmp_path.glob(".r.csv*"))  # the temporary file is gone


@pytest.mark.parametrize("system, expected", [("posix", "'/tmp/my backups/x.db'"),
                                               ("nt", '"/tmp/my backups/x.db"')])
def test_the_restore_hint_is_quoted_for_the_shell(monkeypatch, system, expected):
    from dutylog.store import backup

    monkeypatch.setattr(backup, "os", __import__("types").SimpleNamespace(name=system))
    assert backup.restore_command(Path("/tmp/my backups/x.db")) == f"dutylog backup restore {expected}"
