"""The static import contracts of pyproject.toml ([tool.importlinter]) hold, and they bite.

`make lint` runs `lint-imports` on the tree; here a temporary copy of the package is checked
once as it is (kept) and once with a forbidden import added (broken): the contracts see
every import, also one inside a function, which the run-time test in test_layers.py cannot.
The real tree is never touched.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dutylog"


def lint_imports(src: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the project's contracts, on the package found in `src`."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = "import sys\nfrom importlinter.cli import lint_imports_command\nsys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--no-cache", "--no-logo", str(ROOT / "pyproject.toml")],
                          cwd=src, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> Path:
    """A copy of src/dutylog (without caches) in a temporary src folder."""
    src = tmp_path_factory.mktemp("src")
    shutil.copytree(PACKAGE, src / "dutylog", ignore=shutil.ignore_patterns("__pycache__"))
    return src


def test_the_package_keeps_its_contracts(copy):
    r = lint_imports(copy)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


@pytest.mark.parametrize("where, line, contract", [
    ("tui/_probe.py", "import dutylog.store", "The CLI and the TUI never import the store"),
    ("cli/_probe.py", "def later():\n    from dutylog.store import paths\n",
     "The CLI and the TUI never import the store"),
    ("domain/_probe.py", "from dutylog.i18n import t", "The domain imports nothing of dutylog"),
    ("store/_probe.py", "from dutylog.services import Dutylog", "Layers"),
    ("services/_probe.py", "import textual", "Nothing below the TUI imports Textual"),
], ids=["tui-imports-store", "cli-imports-store-late", "domain-imports-words",
        "store-imports-services", "services-imports-textual"])
def test_a_forbidden_import_breaks_a_contract(copy, where, line, contract):
    probe = copy / "dutylog" / where
    probe.write_text(line + "\n", encoding="utf-8")
    try:
        r = lint_imports(copy)
    finally:
        probe.unlink()
    assert r.returncode != 0, r.stdout
    broken = r.stdout.split("Broken contracts", 1)[-1]
    assert contract in broken and f"dutylog.{where[:-3].replace('/', '.')}" in broken, r.stdout
