"""Every test gets its own data folder: DUTYLOG_HOME points at a temporary directory."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest


@pytest.fixture(autouse=True)
def dutylog_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("DUTYLOG_HOME", str(home))
    monkeypatch.delenv("DUTYLOG_TODAY", raising=False)
    monkeypatch.delenv("DUTYLOG_LANG", raising=False)
    return home


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


@pytest.fixture
def run(capsys):
    """Run the real command line in-process: run("log", "diary", ...) -> Result."""
    from dutylog.cli import cli
    from dutylog.cli.common import run_guarded

    def _run(*args: str) -> Result:
        capsys.readouterr()
        code = run_guarded(cli, [str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run
