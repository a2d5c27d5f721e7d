# Målbild. `make run` serves the app, `make test` runs every test (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: install db run test test-fast bench clean serve-cluster loadgen capacity

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

db: install
	$(PY) -m malbild.build

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
	$(PY) -m malbild.deck --output build/malbild-genomgang.pptx

snapshot: db
	$(PY) -m malbild.snapshot --output build/malbild-oversikt.html

bench: install
	$(PY) -m malbild.bench
	$(PY) tools/capacity.py --output build/capacity.md

capacity: install  ## simultaneous sessions per page vs the one-chart reference, memory, scale-out (build/capacity.md)
	$(PY) tools/capacity.py --output build/capacity.md

N ?= 2
serve-cluster: db  ## N app processes behind HAProxy on $(PORT) (needs: apt-get install haproxy)
	$(PY) tools/cluster.py --processes $(N) --port $(PORT)

loadgen: install  ## N sessions open a page at once over the websocket: make loadgen SESSIONS="1 25 50 100"
	$(PY) tools/loadgen.py --sessions $(or $(SESSIONS),1 25)
