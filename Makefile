# Målbild. `make run` serves the app, `make test` runs every test (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: install db run test test-fast bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

db: install
	$(PY) -m malbild.data.build

run: db
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

test: install
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not browser"

clean:
	rm -f data/dashboard.duckdb data/dashboard.duckdb.wal

.PHONY: deck snapshot

deck: db
	$(PY) -m malbild.export.deck --output build/malbild-genomgang.pptx

snapshot: db
	$(PY) -m malbild.export.snapshot --output build/malbild-oversikt.html

bench: install
	$(PY) -m tools.bench
