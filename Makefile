# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in messages (sign-in, confirmation, replies) point at the address the site is served on.
SITE_URL ?= http://127.0.0.1:$(PORT)
# The suite runs in two processes (pytest-xdist), each with its own test database, browser and live
# server: on a 2-core machine that takes about two thirds of the time of one. A process that runs out
# of tests takes some of the other's (worksteal), so neither sits idle at the end behind the other's
# slowest tests: measured, the run ends about 15 s after half the tests' total time, against about
# 45 s when each process keeps the tests it was handed.
TEST_WORKERS ?= 2
LOCAL := DJANGO_SETTINGS_MODULE=config.settings.local

.PHONY: audit-disclosure setup run test lint bench clean

$(BIN)/.installed: requirements/base.txt requirements/dev.txt requirements/lottery.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	$(BIN)/pip install --quiet -r requirements/lottery.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/app.css: static/scss/app.scss node_modules/.installed
	node_modules/.bin/sass --load-path=node_modules --style=compressed --no-source-map \
		--quiet-deps --silence-deprecation=import static/scss/app.scss $@

setup: $(BIN)/.installed node_modules/.installed static/build/app.css

## Serve the site with demo data on SQLite, Celery eager and email printed to the console.
run: setup
	$(LOCAL) SITE_URL=$(SITE_URL) $(BIN)/python manage.py migrate --no-input
	$(LOCAL) SITE_URL=$(SITE_URL) $(BIN)/python manage.py load_demo
	$(LOCAL) SITE_URL=$(SITE_URL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(LOCAL) $(BIN)/python manage.py makemigrations --check --dry-run

## Lint, migrations check and the whole test suite. Tests that need PostgreSQL (DATABASE_URL),
## Redis (REDIS_URL) or Chromium are skipped without them, unless REQUIRE_REAL_SERVICES=1.
test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

## A longer hunt for an equality table that gives someone away: new random populations each run.
audit-disclosure: setup
	EQUALITY_AUDIT_EXAMPLES=$${EQUALITY_AUDIT_EXAMPLES:-20000} $(BIN)/python -m pytest -q tests/recruitment/test_disclosure.py

## Benchmarks: one line each, ending in ratio=<measured> target=<target>. Not tests; CI skips them.
bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3
