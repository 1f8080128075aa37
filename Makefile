# Two commands for a newcomer: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
NASHRA := $(BIN)/nashra

.PHONY: run test install install-test lint typecheck bench lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs come from the lock (requirements/*.txt): every package at one version, checked
# against its hashes, so two machines and a rebuilt release get the same site. Nashra itself
# is then installed without dependencies or a build environment of its own (its
# setuptools is in the lock too).
PIP_LOCKED := $(BIN)/python -m pip install --quiet --require-hashes --no-deps -r
PIP_SELF := $(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .

$(VENV)/.installed: requirements/run.txt | $(BIN)/python
	$(PIP_LOCKED) requirements/run.txt
	$(PIP_SELF)
	touch $@

# The W3C's current Nu HTML checker, for the tests' validation of every page (needs npm).
VNU_VERSION := 26.9.27

$(VENV)/.installed-test: requirements/test.txt Makefile | $(BIN)/python
	$(PIP_LOCKED) requirements/test.txt
	$(PIP_SELF)
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
	$(BIN)/ruff check nashra bench
	$(BIN)/mypy nashra bench
	$(BIN)/mypy --strict nashra/arabic
	$(BIN)/pytest

## Load the whole site with N articles and measure it (wrk; nginx when present):
## `make bench`, `make bench BENCH_ARGS="--articles 100000"`, with DATABASE_URL/REDIS_URL.
bench: install
	$(BIN)/python bench/site $(BENCH_ARGS)

## Write the lock again from pyproject.toml, keeping every pin it can:
## `make lock` after changing pyproject.toml, `make lock UPGRADE=wagtail` to move one
## package to its newest release allowed, `make lock UPGRADE=all` to move them all.
UV_VERSION := 0.13.9
LOCK_FOR := --universal --python-version 3.11 --generate-hashes --quiet \
	--custom-compile-command "make lock"
LOCK_UPGRADE := $(if $(filter all,$(UPGRADE)),--upgrade,$(if $(UPGRADE),--upgrade-package $(UPGRADE)))

lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	cd requirements && ../$(BIN)/uv pip compile ../pyproject.toml build.in --extra test \
		$(LOCK_FOR) $(LOCK_UPGRADE) -o test.txt
	cd requirements && ../$(BIN)/uv pip compile ../pyproject.toml build.in \
		$(LOCK_FOR) -c test.txt -o run.txt

lint: install-test
	$(BIN)/ruff check nashra bench

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
