"""scripts/import_graph.py: the README's architecture picture is the code's import graph."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts" / "import_graph.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_readme_picture_is_current():
    assert load().main(["--check", str(ROOT / "README.md")]) == 0, "run `make graph`"


def test_the_graph_has_the_layers_and_their_imports():
    parts, edges, externals = load().graph()
    assert parts[:4] == ["cli", "tui", "services", "store"] and parts[-2:] == ["policy", "domain"]
    assert edges[("services", "store")] is True  # at module level
    assert edges[("cli", "tui")] is False  # only inside a function: Textual loads on demand
    assert "textual" in externals
    assert not [e for e in edges if e[0] == "domain" and e[1] in parts]  # the domain imports no part
    assert [e for e in edges if e[1] == "textual"] == [("tui", "textual")]


def test_relative_imports_resolve(tmp_path, monkeypatch):
    mod = load()
    pkg = tmp_path / "dutylog"
    (pkg / "store").mkdir(parents=True)
    (pkg / "domain").mkdir()
    (pkg / "fmt.py").write_text("", encoding="utf-8")
    (pkg / "domain" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "store" / "__init__.py").write_text("from ..domain import x\n", encoding="utf-8")
    (pkg / "store" / "db.py").write_text(
        "from . import queries\nfrom dutylog import fmt, __version__\n"
        "def later():\n    import textual\n", encoding="utf-8")
    monkeypatch.setattr(mod, "PACKAGE", pkg)
    parts, edges, externals = mod.graph()
    assert edges == {("store", "domain"): True, ("store", "fmt"): True, ("store", "textual"): False}
    assert "store -.-> textual" in mod.mermaid() and "store -> textual [style=dashed];" in mod.dot()
