# Development commands. Every target that needs Python creates .venv first (see `venv`).
#
#   make run                 migrate an SQLite database, load the catalogue, serve on 127.0.0.1:$(PORT)
#   make test                the whole test suite (PYTEST_ARGS="-k admin -x" to pass arguments)
#   make lint                ruff
#   make check-migrations    fail when models and migrations disagree
#   make fixtures            rebuild fixtures/*.json from fixtures/sources/

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
.PHONY: help venv run test lint check-migrations fixtures

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

test: venv
	$(TEST_ENV) $(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .

check-migrations: venv
	$(MANAGE) makemigrations --check --dry-run

fixtures: venv
	$(MANAGE) build_fixtures
