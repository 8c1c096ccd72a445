"""Every test gets its own data folder: DUTYLOG_HOME points at a temporary directory."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

import pytest
from hypothesis import settings

# Hypothesis profiles: how many examples a property test without its own count gets
# (tests/faults/test_properties.py). "thorough" is the default and what `make test` runs;
# "quick" is for editing: `pytest --hypothesis-profile=quick` or HYPOTHESIS_PROFILE=quick.
settings.register_profile("thorough", max_examples=150)
settings.register_profile("quick", max_examples=60)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "thorough"))


@pytest.fixture(autouse=True)
def dutylog_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("DUTYLOG_HOME", str(home))
    monkeypatch.delenv("DUTYLOG_TODAY", raising=False)
    # Tests run in the default language, Chinese, unless they say otherwise (`--lang en`,
    # or monkeypatch.setenv("DUTYLOG_LANG", "en") as tests/faults do). To check a refusal's
    # English wording without the CLI: `words("en").refusal(exc)` (dutylog.i18n).
    monkeypatch.delenv("DUTYLOG_LANG", raising=False)
    monkeypatch.delenv("DUTYLOG_ASCII", raising=False)
    monkeypatch.setenv("DUTYLOG_BACKUP", "inline")  # the day's backup in the test's process
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
