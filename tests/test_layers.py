"""The layers import one way, and the CLI's non-TUI commands never load Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _modules_after(code: str, env=None) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True, env=env)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", ["dutylog.domain.progress", "dutylog.domain.workdays",
                                    "dutylog.domain.ledger", "dutylog.policy", "dutylog.store",
                                    "dutylog.services"])
def test_core_layers_do_not_import_textual(module):
    mods = _modules_after(f"import {module}")
    assert "textual" not in mods


def test_domain_imports_no_io_layers():
    mods = _modules_after("import dutylog.domain.progress, dutylog.domain.validate, dutylog.domain.ledger")
    assert not {"sqlite3", "sqlite_utils", "dutylog.store", "dutylog.cli", "click"} & mods


@pytest.mark.parametrize("args", [["--version"], ["status", "--help"], ["entries", "--json"]])
def test_cli_commands_do_not_import_textual(args, tmp_path):
    import os

    env = dict(os.environ, DUTYLOG_HOME=str(tmp_path / "h"))
    code = ("import sys\nfrom dutylog.cli import cli\nfrom dutylog.cli.common import run_guarded\n"
            f"run_guarded(cli, {args!r})")
    mods = _modules_after(code, env)
    assert "textual" not in mods
    assert "dutylog.tui" not in mods


def test_store_and_domain_do_not_import_cli_or_tui():
    mods = _modules_after("import dutylog.store, dutylog.policy, dutylog.domain.progress")
    assert not {m for m in mods if m.startswith(("dutylog.cli", "dutylog.tui", "dutylog.services"))}
