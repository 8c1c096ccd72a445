"""Schema upgrades: a database of every released schema version, opened by today's code,
keeps every row.

The fixtures (tests/fixtures/schema/vN.db) are made by tests/fixtures/schema/make_fixture.py
through the public command line, with rows in every table. When a migration is added, run
that script once: it writes the next vN.db, and this test covers it from then on. Tests
work on copies; the committed files are never written.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from .conftest import CLI, ROOT, integrity

FIXTURES = sorted((ROOT / "tests" / "fixtures" / "schema").glob("v*.db"),
                  key=lambda p: int(p.stem[1:]))
SKIP_TABLES = ("sqlite_", "entries_fts")  # SQLite's own and the FTS shadow tables


def test_there_is_a_fixture_for_the_current_schema(tmp_path):
    """The newest fixture holds the migrations today's code applies (else: run the script)."""
    assert FIXTURES, "no schema fixtures: run tests/fixtures/schema/make_fixture.py"
    cli = CLI(tmp_path / "fresh")
    cli.ok("subject", "list", "--json")
    assert migrations(cli.db) == migrations(FIXTURES[-1]), \
        "the schema changed: run tests/fixtures/schema/make_fixture.py and commit the new vN.db"


def migrations(db: Path) -> list[str]:
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    finally:
        conn.close()


def dump(db: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """{table: (columns, rows)} of every table but SQLite's own and FTS shadows."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
                 if not r[0].startswith(SKIP_TABLES)]
        out = {}
        for name in names:
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            out[name] = (cols, conn.execute(f'SELECT * FROM "{name}"').fetchall())
        return out
    finally:
        conn.close()


def project(db: Path, table: str, cols: list[str]) -> set[tuple]:
    conn = sqlite3.connect(db)
    try:
        sel = ", ".join(f'"{c}"' for c in cols)
        return set(conn.execute(f'SELECT {sel} FROM "{table}"').fetchall())
    finally:
        conn.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(params=FIXTURES, ids=[p.name for p in FIXTURES])
def upgraded(request, tmp_path):
    """(fixture, its rows before, a CLI on an upgraded copy)."""
    fixture: Path = request.param
    digest = sha(fixture)
    before = dump(fixture)
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(fixture, home / "dutylog.db")
    cli = CLI(home)
    cli.ok("subject", "list", "--json")  # opens it: pending migrations are applied here
    yield fixture, before, cli
    assert sha(fixture) == digest, "a test wrote into a committed fixture"


def test_every_table_has_rows_in_the_fixture(upgraded):
    fixture, before, _ = upgraded
    empty = [t for t, (_, rows) in before.items() if not rows]
    assert not empty, f"{fixture.name}: empty tables prove nothing: {empty}"


def test_upgrade_keeps_every_row(upgraded):
    fixture, before, cli = upgraded
    assert integrity(cli.db) == ["ok"]
    assert migrations(cli.db)[: len(migrations(fixture))] == migrations(fixture)
    for table, (cols, rows) in before.items():
        if table == "desk_memo":  # a memo, not data: a file from elsewhere forgets it (store/memo.py)
            continue
        after = project(cli.db, table, cols)
        lost = set(rows) - after
        assert not lost, f"{fixture.name}: {table} lost {len(lost)} of {len(rows)} rows"


def test_upgraded_database_works(upgraded):
    fixture, before, cli = upgraded
    n_entries = len(before["entries"][1])
    listed = json.loads(cli.ok("entries", "--json", "--deleted"))
    assert len(listed) == n_entries
    assert {e["id"] for e in listed} == {r[before["entries"][0].index("id")] for r in before["entries"][1]}
    # the full-text index came along: 3+ characters (trigram) and 1-2 characters (LIKE)
    assert len(json.loads(cli.ok("entries", "--json", "--search", "曹家庄村"))) >= 1
    assert len(json.loads(cli.ok("entries", "--json", "--search", "饮水"))) >= 1
    status = json.loads(cli.ok("status", "--subject", "王明", "--year", "2025", "--json"))
    assert status["rules"]
    # revision 2 (m004): every subject has a since day — the day it was added, for one
    # that existed before — and its roles come back with the implied ones
    subjects = json.loads(cli.ok("subject", "list", "--json"))
    assert all(s["since"] for s in subjects)
    assert "cadre" in next(s for s in subjects if s["name"] == "王明")["roles"]
    # history survived: the edited entry still lists its earlier version
    edited = next(e for e in listed if e["kind"] == "field-research")
    assert len(json.loads(cli.ok("history", edited["id"], "--json"))) >= 2
    # and it takes new writes
    new = cli.ok("log", "diary", "--subject", "王明", "--date", "2025-07-01").strip()
    assert new in {e["id"] for e in json.loads(cli.ok("entries", "--json"))}
