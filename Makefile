# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NASHRA := $(BIN)/nashra

.PHONY: run test install install-test lint typecheck bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The W3C's current Nu HTML checker, for the tests' validation of every page (needs npm).
VNU_VERSION := 26.9.27

$(VENV)/.installed-test: pyproject.toml Makefile | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	npm install --silent --no-audit --no-fund --prefix $(VENV)/vnu vnu-jar@$(VNU_VERSION)
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Serve the demo site at http://127.0.0.1:8000 (migrate, demo content, admin account).
run: install
	$(NASHRA) migrate --no-input
	$(NASHRA) demo --if-empty
	$(NASHRA) create_admin
	$(NASHRA) serve

## Run the whole test suite (SQLite unless DATABASE_URL says otherwise).
test: install-test
	$(BIN)/ruff check nashra
	$(BIN)/mypy nashra
	$(BIN)/mypy --strict nashra/arabic
	$(BIN)/pytest

## Load the whole site with N articles and measure it (wrk; nginx when present):
## `make bench`, `make bench BENCH_ARGS="--articles 100000"`, with DATABASE_URL/REDIS_URL.
bench: install
	$(BIN)/python bench/site $(BENCH_ARGS)

lint: install-test
	$(BIN)/ruff check nashra

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
