# Målbild. `make help` lists the targets; `make run` serves the app, `make test` runs every test (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: help install db run lint test test-fast deck snapshot bench clean
.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)  ## make .venv with the app, the test tools and the linters

db: install  ## build data/dashboard.duckdb from the CSV files in data/
	$(PY) -m malbild.data.build

run: db  ## serve the app on http://localhost:$(PORT)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

lint: install  ## ruff (check, format --check), mypy on the package, pylint's duplicate-code check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pylint malbild pages app.py

test: install  ## every test, the browser tests included
	$(PY) -m pytest

test-fast: install  ## every test but the browser tests
	$(PY) -m pytest -m "not browser"

deck: db  ## write the walk-through as build/malbild-genomgang.pptx
	$(PY) -m malbild.export.deck --output build/malbild-genomgang.pptx

snapshot: db  ## write the offline HTML snapshot build/malbild-oversikt.html
	$(PY) -m malbild.export.snapshot --output build/malbild-oversikt.html

bench: install  ## measure build, page and load times into docs/benchmarks.md (takes minutes)
	$(PY) -m tools.bench

clean:  ## remove the built database
	rm -f data/dashboard.duckdb data/dashboard.duckdb.wal
