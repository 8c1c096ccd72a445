"""Ledger tests: a subject and a pinned today (2026-10-15 unless a test pins another)."""

from __future__ import annotations

import sqlite3

import pytest


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setenv("DUTYLOG_TODAY", "2026-10-15")
    return "2026-10-15"


@pytest.fixture
def wang(run, today):
    r = run("subject", "add", "王明", "--role", "leader", "--role", "cadre")
    assert r.code == 0, r.err
    return "王明"


@pytest.fixture
def snapshot(dutylog_home):
    """A dump of every table, to show a refusal changed nothing."""

    def _dump():
        conn = sqlite3.connect(dutylog_home / "dutylog.db")
        try:
            tables = [r[0] for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "ORDER BY name")]
            return {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables}
        finally:
            conn.close()

    return _dump


def refused(result) -> bool:
    lines = result.err.strip().splitlines()
    return result.code == 2 and len(lines) == 1 and "Traceback" not in result.err
