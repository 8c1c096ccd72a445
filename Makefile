# Every target builds its own virtual environment: nothing is assumed installed.
PYTHON ?= python3
VENV   := .venv
ifeq ($(OS),Windows_NT)
  BIN := $(VENV)/Scripts
else
  BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed
PYTEST := $(BIN)/python -m pytest -q

.PHONY: run test test-fast test-serial lint graph policy-cache bench screenshots documents demo kit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/dutylog

# The shape of the code (CONTRIBUTING.md "Checks"): import contracts, lint, types.
lint: $(STAMP)
	$(BIN)/lint-imports --no-cache --no-logo
	$(BIN)/python -m ruff check .
	$(BIN)/python -m mypy

# Everything, on every core: the fault tests that must not share a moment (kill -9 aimed
# inside a timed import, two writers at once) carry an xdist_group and run one by one.
test: lint
	$(PYTEST) -n auto --dist loadgroup

# The same tests in one process (to compare, or to debug one failure).
test-serial: lint
	$(PYTEST)

# The pure core and the use cases, in seconds: run it after every edit.
test-fast: $(STAMP)
	$(PYTEST) tests/domain tests/policy tests/services

# The package import graph, drawn from the code (standard library only, no venv): printed
# as Mermaid and refreshed in README.md ("How it is built"); `--format dot` for Graphviz.
graph:
	$(PYTHON) scripts/import_graph.py --write README.md
	$(PYTHON) scripts/import_graph.py

# The shipped preset's parsed copy, read instead of parsing the TOML on every command;
# run after editing src/dutylog/policy/haiyang-2022-17.toml (tests fail until then).
policy-cache: $(STAMP)
	$(BIN)/python scripts/policy_cache.py

bench: $(STAMP)
	$(BIN)/python bench/run.py

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/documents.py

# The demo year's Word and Excel reports and a picture of the Word report's first page
# (screenshots/report-demo.*); the picture needs LibreOffice and pdftoppm.
documents: $(STAMP)
	$(BIN)/python scripts/documents.py

demo: $(STAMP)
	$(BIN)/dutylog demo

# The offline install kit: dist/dutylog-kit-<version>/ and its .zip (standard library + pip).
# The first build downloads wheels from PyPI into build/kit-cache/; later builds need no network.
kit: | $(BIN)/python
	$(BIN)/python scripts/make_kit.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
