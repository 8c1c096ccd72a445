"""Shared plumbing of the fault tests: the real program in subprocesses, raw database checks.

Every test gets its own DUTYLOG_HOME (the autouse fixture of tests/conftest.py); the `cli`
fixture runs `python -m dutylog` there with a pinned today, so nothing depends on the clock.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2025-12-31"  # the generated bundles run to 31 December; none may be in the future
SUBJECT = "测试员"
UUID_LEN = 36


def dutylog_cmd(*args) -> list[str]:
    return [sys.executable, "-m", "dutylog", *map(str, args)]


class CLI:
    """`python -m dutylog …` on one data folder."""

    def __init__(self, home: Path):
        self.home = Path(home)
        self.env = {**os.environ, "DUTYLOG_HOME": str(self.home), "DUTYLOG_TODAY": TODAY,
                    "DUTYLOG_LANG": "en"}
        self.env.pop("DUTYLOG_DEBUG", None)

    @property
    def db(self) -> Path:
        return self.home / "dutylog.db"

    def __call__(self, *args, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
        return subprocess.run(dutylog_cmd(*args), env=self.env, capture_output=True, text=True,
                              timeout=timeout, **kw)

    def ok(self, *args, **kw) -> str:
        r = self(*args, **kw)
        assert r.returncode == 0, f"{args}: exit {r.returncode}: {r.stderr}"
        return r.stdout

    def popen(self, *args, **kw) -> subprocess.Popen:
        return subprocess.Popen(dutylog_cmd(*args), env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, **kw)

    def clone(self, home: Path) -> CLI:
        """A copy of this data folder (the database and its WAL) at `home`."""
        shutil.rmtree(home, ignore_errors=True)
        shutil.copytree(self.home, home)
        return CLI(home)


def one_error_line(stderr: str) -> str:
    """The single line a refusal prints (no traceback)."""
    assert "Traceback" not in stderr, stderr
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got: {stderr!r}"
    assert lines[0].startswith("dutylog: "), lines[0]
    return lines[0]


def integrity(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("PRAGMA integrity_check")]
    finally:
        conn.close()


def ids(db: Path, table: str) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute(f"SELECT id FROM {table}")}
    finally:
        conn.close()


def bundle_ids(path: Path) -> dict[str, set[str]]:
    """{table: ids} of the records a bundle holds."""
    tables = {"subject": "subjects", "link": "links", "entry": "entries",
              "ledger": "ledger_items", "ledger_progress": "ledger_progress", "trip": "trips"}
    out: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            rec = json.loads(line)
            table = tables.get(rec.get("type"))
            if table:
                out.setdefault(table, set()).add(rec["id"])
    return out


def load_generate():
    """bench/generate.py as a module (bench/ is not a package)."""
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture
def cli(dutylog_home) -> CLI:
    return CLI(dutylog_home)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """A data folder with one leader, two links and a few entries, made once by the CLI."""
    cli = CLI(tmp_path_factory.mktemp("seeded") / "home")
    cli.ok("subject", "add", SUBJECT, "--role", "leader", "--role", "cadre")
    cli.ok("link", SUBJECT, "enterprise", "甲公司", "--since", "2025-01-01")
    cli.ok("link", SUBJECT, "department-head", "财政局王局长", "--since", "2025-01-01")
    cli.ok("log", "diary", "--subject", SUBJECT, "--date", "2025-03-02", "--note", "走访留格庄镇")
    cli.ok("log", "field-research", "--subject", SUBJECT, "--date", "2025-03-03", "--days", "1.5",
           "--four-no", "--place", "发城镇")
    cli.ok("log", "enterprise-visit", "--subject", SUBJECT, "--date", "2025-04-01", "--object", "甲公司")
    return cli.home


@pytest.fixture
def seeded(cli, seeded_template) -> CLI:
    """This test's own copy of the seeded data folder."""
    return CLI(seeded_template).clone(cli.home)
