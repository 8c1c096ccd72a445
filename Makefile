# Every target builds its own virtual environment: nothing is assumed installed.
PYTHON ?= python3
VENV   := .venv
ifeq ($(OS),Windows_NT)
  BIN := $(VENV)/Scripts
else
  BIN := $(VENV)/bin
endif
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshots demo kit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/dutylog

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

demo: $(STAMP)
	$(BIN)/dutylog demo

# The offline install kit: dist/dutylog-kit-<version>/ and its .zip (standard library + pip).
# The first build downloads wheels from PyPI into build/kit-cache/; later builds need no network.
kit: | $(BIN)/python
	$(BIN)/python scripts/make_kit.py

clean:
	rm -rf $(VENV) build dist .pytest_cache
