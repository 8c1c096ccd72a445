"""dutylog's package import graph, read from the code: Mermaid (default) or DOT text.

    python scripts/import_graph.py                 # Mermaid on stdout
    python scripts/import_graph.py --format dot    # Graphviz DOT on stdout
    python scripts/import_graph.py --write README.md   # refresh the picture in the README
    python scripts/import_graph.py --check README.md   # exit 1 if the README's is stale

Standard library only: every .py file under src/dutylog is parsed with `ast` (nothing is
imported), and each `import`/`from … import` naming dutylog (absolute or relative, at
module level or inside a function) becomes an edge between the top-level parts it joins:
the subpackages (domain, policy, store, services, cli, tui) and the shared modules (fmt,
i18n, textcells). A dotted arrow is an import made only inside functions (loaded when first
used). The third-party packages dutylog depends on are drawn too, so the picture shows
which layer touches Textual, SQLite helpers or Click. `make graph` prints it.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "dutylog"
# Top to bottom as the layers stand (pyproject.toml [tool.importlinter]); a part not listed
# here is drawn after them.
ORDER = ["cli", "tui", "services", "store", "fmt", "i18n", "textcells", "textsafe", "svgcells",
         "lexicon", "console", "sealing", "policy", "domain"]
# the shared words and leaf helpers (numbers and words, the console, safe text, SVG cell
# widths, sealed files), drawn as one group
WORDS = ("fmt", "i18n", "lexicon", "textcells", "console", "textsafe", "svgcells", "sealing")
SKIP = {"__init__", "__main__"}  # the package's own entry points: not a layer
EXTERNAL = {  # import name: how the README calls it
    "textual": "Textual", "rich": "Rich", "click": "Click", "sqlite_utils": "sqlite-utils",
    "platformdirs": "platformdirs", "chinese_calendar": "chinesecalendar",
}
START, END = "<!-- import-graph:start -->", "<!-- import-graph:end -->"


def is_part(name: str) -> bool:
    return (PACKAGE / name).is_dir() or (PACKAGE / f"{name}.py").is_file()


def part_of(path: Path) -> str:
    """'store' for src/dutylog/store/db.py, 'fmt' for src/dutylog/fmt.py."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def module_name(path: Path) -> list[str]:
    """['dutylog', 'store', 'db'] (a package's __init__ is the package)."""
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = ["dutylog", *rel.parts]
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path) -> list[tuple[str, bool]]:
    """(absolute module name, made at module level) for every import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = module_name(path)
    package = here if path.name == "__init__.py" else here[:-1]
    top_level = {id(node) for node in tree.body}
    # an import under `if TYPE_CHECKING:` or `try:` at module level still counts as module level
    for node in tree.body:
        if isinstance(node, (ast.If, ast.Try)):
            top_level.update(id(n) for n in ast.walk(node))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(alias.name, id(node) in top_level) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            # `from dutylog import fmt` imports the module dutylog.fmt; `__version__` is a name
            targets = [f"{name}.{alias.name}" if is_part(alias.name) else name for alias in node.names] \
                if name == "dutylog" else [name]
            out += [(t, id(node) in top_level) for t in targets]
    return out


def graph() -> tuple[list[str], dict[tuple[str, str], bool], set[str]]:
    """(parts in drawing order, {(importer, imported): any import at module level}, externals)."""
    edges: dict[tuple[str, str], bool] = defaultdict(bool)
    parts: set[str] = set()
    externals: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent == PACKAGE and path.stem in SKIP:
            continue
        src = part_of(path)
        parts.add(src)
        for name, eager in imported(path):
            pieces = name.split(".")
            if pieces[0] == "dutylog":
                if len(pieces) == 1 or pieces[1] in SKIP:
                    continue
                dst = pieces[1]
            elif pieces[0] in EXTERNAL:
                dst = pieces[0]
                externals.add(dst)
            else:
                continue
            if dst != src:
                edges[(src, dst)] |= eager
    parts.update(d for (_, d) in edges if d not in EXTERNAL)
    ordered = [p for p in ORDER if p in parts] + sorted(parts - set(ORDER))
    return ordered, dict(edges), externals


def label(part: str) -> str:
    return EXTERNAL.get(part) or (f"{part}/" if (PACKAGE / part).is_dir() else f"{part}.py")


def mermaid() -> str:
    parts, edges, externals = graph()
    lines = ["flowchart TD"]
    words = [p for p in parts if p in WORDS]
    lines += [f'    {p}["{label(p)}"]' for p in parts if p not in WORDS]
    if words:
        lines.append('    subgraph words["shared words (Textual-free)"]')
        lines += [f'        {p}["{label(p)}"]' for p in words]
        lines.append("    end")
    lines += [f'    {x}(["{label(x)}"])' for x in sorted(externals)]
    order = {p: i for i, p in enumerate(parts + sorted(externals))}
    for (src, dst), eager in sorted(edges.items(), key=lambda e: (order[e[0][0]], order[e[0][1]])):
        lines.append(f"    {src} {'-->' if eager else '-.->'} {dst}")
    lines.append("    classDef ext fill:#eee,stroke:#999,color:#555")
    if externals:
        lines.append(f"    class {','.join(sorted(externals))} ext")
    return "\n".join(lines) + "\n"


def dot() -> str:
    parts, edges, externals = graph()
    lines = ["digraph dutylog {", "    rankdir=TB;", '    node [shape=box, fontname="sans-serif"];']
    lines += [f'    {p} [label="{label(p)}"];' for p in parts]
    lines += [f'    {x} [label="{label(x)}", shape=ellipse, style=filled, fillcolor="#eeeeee"];'
              for x in sorted(externals)]
    order = {p: i for i, p in enumerate(parts + sorted(externals))}
    for (src, dst), eager in sorted(edges.items(), key=lambda e: (order[e[0][0]], order[e[0][1]])):
        lines.append(f"    {src} -> {dst}{'' if eager else ' [style=dashed]'};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def embedded(text: str) -> str:
    """The README block: the Mermaid text between the markers, in a fenced block."""
    return f"{START}\n```mermaid\n{text}```\n{END}"


def replace_block(doc: str, block: str) -> str:
    start, end = doc.find(START), doc.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"no {START} … {END} block to fill")
    return doc[:start] + block + doc[end + len(END):]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--format", choices=["mermaid", "dot"], default="mermaid")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="FILE", type=Path, help="replace the graph block in FILE")
    group.add_argument("--check", metavar="FILE", type=Path, help="exit 1 if FILE's graph block is stale")
    a = ap.parse_args(argv)
    if a.write or a.check:
        path = a.write or a.check
        doc = path.read_text(encoding="utf-8")
        new = replace_block(doc, embedded(mermaid()))
        if a.check:
            if new != doc:
                print(f"{path}: the import graph is stale; run `make graph`", file=sys.stderr)
                return 1
            return 0
        path.write_text(new, encoding="utf-8")
        return 0
    sys.stdout.write(mermaid() if a.format == "mermaid" else dot())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
