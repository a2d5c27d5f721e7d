# Målbild. `make help` lists the targets; `make run` serves the app, `make test` runs every test (see README.md).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: help install db db-if-needed run lint test test-fast mutate deck snapshot bench capacity screenshots serve-cluster \
	loadgen texts clean
.DEFAULT_GOAL := help

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 15

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)  ## make .venv with the app, the test tools and the linters

# `make db` rebuilds, but refuses (exit 2, nothing changed) over a database holding staff-entered rows or held by
# another process. run/deck/snapshot only build when the database is missing or stale, and keep entered rows.
db: install  ## rebuild data/dashboard.duckdb from the CSV files in data/
	$(PY) -m malbild.data.build

db-if-needed: install  ## build the database only when it is missing or stale
	$(PY) -m malbild.data.build --if-needed

run: db-if-needed  ## serve the app on http://localhost:$(PORT)
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true $(STREAMLIT_ARGS)

lint: install  ## ruff (check, format --check), mypy on the package, pylint's duplicate-code check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/pylint malbild pages app.py

test: install  ## every test, the browser tests included
	$(PY) -m pytest

test-fast: install  ## every test but the browser tests
	$(PY) -m pytest -m "not browser"

mutate: install  ## deliberate breakages (tools/mutate.py), one at a time on a copy; fails if the tests miss one
	$(PY) tools/mutate.py

deck: db-if-needed  ## write the walk-through as build/malbild-genomgang.pptx
	$(PY) -m malbild.export.deck --output build/malbild-genomgang.pptx

snapshot: db-if-needed  ## write the offline HTML snapshot build/malbild-oversikt.html
	$(PY) -m malbild.export.snapshot --output build/malbild-oversikt.html

# The capacity baseline: the commit before issue 11's per-session work, measured beside the working tree.
CAPACITY_BASELINE ?= 7d0eabd

bench: install  ## measure build, page and load times (docs/benchmarks.md) and capacity before/after (takes minutes)
	$(PY) -m tools.bench
	$(PY) -m tools.bench_add_report
	$(PY) tools/capacity.py --baseline $(CAPACITY_BASELINE) --output build/capacity.md

screenshots: db-if-needed  ## every page at 1440x900, 1280x720 (presenting), 390x844, sv and en -> build/screenshots/
	$(PY) tools/screenshots.py

capacity: install  ## simultaneous sessions per page vs the one-chart reference, memory, scale-out (build/capacity.md)
	$(PY) tools/capacity.py --output build/capacity.md

N ?= 2
serve-cluster: db-if-needed  ## N app processes behind HAProxy on $(PORT) (needs: apt-get install haproxy)
	$(PY) tools/cluster.py --processes $(N) --port $(PORT)

loadgen: install  ## N sessions open a page at once over the websocket: make loadgen SESSIONS="1 25 50 100"
	$(PY) tools/loadgen.py --sessions $(or $(SESSIONS),1 25)

# The texts' gettext catalogues (malbild/texts/locale, docs/texts.md): the keys given to t() and N_() extracted into
# malbild.pot, every language's .po updated from it (new keys empty, unused keys dropped), then compiled to .mo.
LOCALE := malbild/texts/locale
texts: install  ## extract the text keys, update every catalogue (.po) and compile them (.mo, committed)
	PYTHONPATH=. $(VENV)/bin/pybabel extract -F babel.cfg --no-default-keywords -k t -k N_ --no-location \
		--sort-output --omit-header -o $(LOCALE)/malbild.pot malbild pages app.py
	$(VENV)/bin/pybabel update -i $(LOCALE)/malbild.pot -d $(LOCALE) -D malbild --no-fuzzy-matching \
		--ignore-obsolete --omit-header -w 120
	$(PY) tools/add_texts.py --compile  # as pybabel compile, without its time stamp (the .mo files are committed)

clean:  ## remove the database, unless it holds staff-entered rows (then refuse, exit 2, nothing removed)
	if [ -x $(PY) ]; then $(PY) -m malbild.data.build --clean; fi
