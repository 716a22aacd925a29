# Development commands. Every target that needs Python creates .venv first (see `venv`).
#
#   make run                 migrate an SQLite database, load the catalogue, serve on 127.0.0.1:$(PORT)
#   make test                the whole test suite (PYTEST_ARGS="-k admin -x" to pass arguments), browser tests included
#   make browser-deps        Chromium (apt) and axe-core (npm ci) for the browser tests; quick when present
#   make messages            update locale/*/django.po from the code and compile the .mo files (needs GNU gettext)
#   make lint                ruff
#   make check-migrations    fail when models and migrations disagree
#   make fixtures            rebuild fixtures/*.json from fixtures/sources/
#   make map                 rebuild regions/data/world.json (the map of /statistics/) from world-atlas in node_modules
#   make bench               the benchmark on PostgreSQL at 1k, 10k, 100k practices into benchmarks/README.md (~15 min)
#   make bench-writes        load with writes: 16 readers, 2 API editors, 30 s, gunicorn with Redis; checks no stale read or lost write (~1 min)
#   make backup              catalogue, history, users and tokens into BACKUP (default backups/catalogue-<UTC time>.jsonl.gz)
#   make restore BACKUP=f    load a backup into an empty migrated database (DATABASE_URL); FORCE=1 replaces what it holds

PYTHON ?= python3
VENV ?= .venv
PORT ?= 8000
PYTEST_ARGS ?=

BIN := $(VENV)/bin
PY := $(BIN)/python
# Reinstall only when the dependencies change: the stamp is newer than pyproject.toml otherwise.
STAMP := $(VENV)/.installed

# Commands that do not serve requests run with debug on, so they need no secret key.
MANAGE := DJANGO_DEBUG=1 $(PY) manage.py

# Tests run with production-like settings (DJANGO_DEBUG unset) over plain HTTP.
TEST_ENV := env -u DJANGO_DEBUG \
	DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-test-only-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz}" \
	DJANGO_HTTPS="$${DJANGO_HTTPS:-0}"

.DEFAULT_GOAL := help
.PHONY: help venv run test lint check-migrations fixtures map browser-deps messages bench bench-deps bench-writes backup restore

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --disable-pip-version-check --quiet -e '.[dev]'
	touch $(STAMP)

run: venv
	$(MANAGE) migrate --noinput
	$(MANAGE) load_catalogue
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: venv browser-deps
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

# The browser tests (tests/browser, marker `browser`) drive Debian's Chromium through Playwright
# (never a downloaded browser) and inject axe-core from node_modules. Installs only what is missing.
CHROMIUM_PATH ?= /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js

browser-deps: $(AXE)
	@test -x "$(CHROMIUM_PATH)" || { \
		echo "installing chromium (apt)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null || { \
		echo "installing npm (apt)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(AXE)

# Translations: the .po files are edited by hand; the compiled .mo files are committed, so serving
# them needs no gettext tool. Run this after changing interface strings, then translate the new ones.
messages: venv
	$(MANAGE) makemessages -l es -l fr -l de --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=tests --ignore=benchmarks --ignore=test-artifacts
	$(MANAGE) compilemessages --ignore=.venv

lint: venv
	$(BIN)/ruff check .

check-migrations: venv
	$(MANAGE) makemigrations --check --dry-run

fixtures: venv
	$(MANAGE) build_fixtures

# The world map's data (README.md, "The world map's data"): Natural Earth boundaries from the npm
# package world-atlas (a devDependency, installed by `npm ci` with axe-core), projected, simplified
# and written to regions/data/world.json, which is committed; nothing reads node_modules at run time.
map: venv $(AXE)
	$(MANAGE) build_world_map

# Backups (README.md, "Backups"): the database DATABASE_URL names, or db.sqlite3. The file holds password
# hashes and API tokens; it is written readable by its owner only.
backup: BACKUP ?= backups/catalogue-$(shell date -u +%Y%m%d-%H%M%S).jsonl.gz
backup: venv
	$(MANAGE) backup_catalogue $(BACKUP)

restore: venv
	@test -n "$(BACKUP)" || { echo "make restore BACKUP=backups/catalogue-....jsonl.gz [FORCE=1]"; exit 2; }
	$(MANAGE) migrate --noinput
	$(MANAGE) restore_catalogue $(BACKUP) $(if $(filter 1,$(FORCE)),--force)

# The benchmark (benchmarks/README.md): not part of `make test` or CI. It needs PostgreSQL on
# 127.0.0.1:5432 (started here when its cluster is installed but down), Debian's wrk, and Datasette
# with sqlite-utils in a virtualenv of their own. BENCH_ARGS="--sizes 1000,10000" to pass arguments;
# BENCH_DATABASE_URL to use another database (dropped and created; its name must contain "bench").
BENCH_VENV ?= .bench-venv
BENCH_ARGS ?=
BENCH_STAMP := $(BENCH_VENV)/.installed

bench: venv bench-deps
	BENCH_VENV=$(BENCH_VENV) $(PY) benchmarks/bench.py $(BENCH_ARGS)

# Load with writes (benchmarks/writes.py, its part of benchmarks/README.md): PostgreSQL as above and
# Redis on 127.0.0.1:6379, whose DB 7 it empties (BENCH_REDIS_URL for another). BENCH_WRITES_ARGS=
# "--without-redis" for each worker's own cache; BENCH_WRITES_DATABASE_URL (dropped; "bench" in its name).
BENCH_WRITES_ARGS ?=

bench-writes: venv
	$(PY) benchmarks/writes.py $(BENCH_WRITES_ARGS)

bench-deps: $(BENCH_STAMP)
	@command -v wrk >/dev/null || { \
		echo "installing wrk (apt)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk; }
	@if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 && command -v pg_ctlcluster >/dev/null; then \
		echo "starting PostgreSQL"; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
	fi

$(BENCH_STAMP): benchmarks/requirements-datasette.txt
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --disable-pip-version-check --quiet -r benchmarks/requirements-datasette.txt
	touch $(BENCH_STAMP)
