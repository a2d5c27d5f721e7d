# Målbild. `make run` serves the app, `make test` runs every test (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: install db db-if-needed run test test-fast mutate bench clean serve-cluster loadgen capacity screenshots

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# `make db` rebuilds, but refuses (exit 2, nothing changed) over a database holding staff-entered rows or held by
# another process. run/deck/snapshot only build when the database is missing or stale, and keep entered rows.
db: install
	$(PY) -m malbild.build

db-if-needed: install
	$(PY) -m malbild.build --if-needed

run: db-if-needed
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true $(STREAMLIT_ARGS)

test: install
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not browser"

# Deliberate breakages (tools/mutate.py), one at a time on a temporary copy; fails if the tests miss one.
mutate: install
	$(PY) tools/mutate.py

# Removes the database only when it holds no staff-entered rows (else refuses, exit 2, nothing removed).
clean:
	if [ -x $(PY) ]; then $(PY) -m malbild.build --clean; fi

.PHONY: deck snapshot

deck: db-if-needed
	$(PY) -m malbild.deck --output build/malbild-genomgang.pptx

snapshot: db-if-needed
	$(PY) -m malbild.snapshot --output build/malbild-oversikt.html

bench: install
	$(PY) -m malbild.bench
	$(PY) tools/capacity.py --output build/capacity.md

screenshots: db-if-needed  ## every page at 1440x900, 1280x720 (presenting), 390x844, sv and en -> build/screenshots/
	$(PY) tools/screenshots.py

capacity: install  ## simultaneous sessions per page vs the one-chart reference, memory, scale-out (build/capacity.md)
	$(PY) tools/capacity.py --output build/capacity.md

N ?= 2
serve-cluster: db-if-needed  ## N app processes behind HAProxy on $(PORT) (needs: apt-get install haproxy)
	$(PY) tools/cluster.py --processes $(N) --port $(PORT)

loadgen: install  ## N sessions open a page at once over the websocket: make loadgen SESSIONS="1 25 50 100"
	$(PY) tools/loadgen.py --sessions $(or $(SESSIONS),1 25)
