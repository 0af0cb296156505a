# Regie — the two commands of the README, and their helpers.
#   make run   set up and serve the demo on http://127.0.0.1:8000 (SQLite, DEBUG on)
#   make test  set up and run the whole suite on SQLite and, when reachable, PostgreSQL
#   make test-dates  the suite again with the clock moved to days that stress the calendar
#   make lock  rewrite requirements.lock (exact versions) from .venv; make audit checks it

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Where make test records that the PostgreSQL run really happened (.ci/run checks it).
PG_MARKER := var/test-postgresql.ok
# The suite runs in parallel over the machine's cores (pytest-xdist); PYTEST_WORKERS=0 runs
# it in one process.
PYTEST_WORKERS ?= auto
PYTEST := $(BIN)/pytest -q -n $(PYTEST_WORKERS)
# make test-dates runs the suite as if it were each of these moments (Europe/Amsterdam);
# by default the next last working day of a year, 29 February and day after Easter Monday.
TEST_DAYS ?= $(shell $(PYTHON) scripts/test_days.py)
# Exact versions of every dependency (scripts/lock_requirements.py); every install uses it.
LOCK := requirements.lock
# The OpenID provider (npm oidc-provider) the login tests run against (docs/oidc.md).
OIDC_TEST_PROVIDER := tests/oidc
# pip-audit lives in its own venv so its dependencies never move the application's.
AUDIT_VENV := var/audit-venv
AUDIT_SERVICE ?= pypi

.PHONY: run test test-dates install install-test browser lint test-sqlite test-postgresql messages clean lock audit audit-if-reachable

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/pip install --quiet -e . -c $(LOCK)
	touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml $(LOCK) $(OIDC_TEST_PROVIDER)/package-lock.json
	$(BIN)/pip install --quiet -e ".[test]" -c $(LOCK)
	cd $(OIDC_TEST_PROVIDER) && npm ci --no-audit --no-fund --silent
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	DEBUG=1 $(BIN)/regie migrate --noinput
	DEBUG=1 $(BIN)/regie demo --if-empty
	@echo
	@echo "Regie draait op http://127.0.0.1:8000  (stoppen: Ctrl+C)"
	@# The background-job worker (with its scheduler) is a second process on the file
	@# queue in var/queue: no broker server needed. It stops when the web server stops.
	DEBUG=1 $(BIN)/regie worker --beat --concurrency 1 --loglevel WARNING & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	  DEBUG=1 $(BIN)/regie runserver 127.0.0.1:8000

# Debian's Chromium for the Playwright browser tests (Playwright's own download does
# not work everywhere; the tests use /usr/bin/chromium).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium and chromium-driver"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver >/dev/null; }

lint: install-test
	$(BIN)/ruff check src tests $(wildcard benchmarks)
	DEBUG=0 SECRET_KEY=lint $(BIN)/regie makemigrations --check --dry-run >/dev/null
	@$(MAKE) --no-print-directory audit-if-reachable

test-sqlite: install-test browser
	env -u DATABASE_URL $(PYTEST)

test-postgresql: install-test browser
	@mkdir -p var; rm -f $(PG_MARKER)
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	if $(BIN)/python -c "import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$$url" 2>/dev/null; then \
	  echo "== PostgreSQL run ($$url)"; \
	  DATABASE_URL="$$url" $(PYTEST) && date -u +%FT%TZ > $(PG_MARKER); \
	else \
	  echo "== PostgreSQL not reachable at $$url: PostgreSQL run skipped"; \
	fi

test: lint test-sqlite test-postgresql

# The suite on SQLite with the clock moved (tests/clock.py): nothing may depend on the day
# it runs. One day alone: make test-dates TEST_DAYS=2028-02-29T00:30; pytest's own
# arguments in TEST_DATES_ARGS (.ci/run leaves out the browser tests there).
test-dates: install-test browser
	@set -e; for day in $(TEST_DAYS); do \
	  echo "== Suite as if it were $$day (Europe/Amsterdam)"; \
	  env -u DATABASE_URL REGIE_TEST_NOW=$$day $(PYTEST) $(TEST_DATES_ARGS); \
	done

messages: install-test
	cd src/regie && ../../$(BIN)/regie makemessages -l en --no-obsolete --no-location
	$(BIN)/python scripts/fill_translations.py
	msgfmt --check-format -o src/regie/locale/en/LC_MESSAGES/django.mo src/regie/locale/en/LC_MESSAGES/django.po

# After installing a new version into .venv (or changing pyproject's dependencies):
# write the lock again from what is installed, and commit it.
lock: install-test
	$(BIN)/python scripts/lock_requirements.py > $(LOCK).new && mv $(LOCK).new $(LOCK)

# Known vulnerabilities in the locked versions (docs/operations.md). Needs the network
# (the PyPI JSON API, or AUDIT_SERVICE=osv); --strict fails when a package could not be
# checked, so no answer never reads as "no vulnerabilities".
$(AUDIT_VENV)/bin/pip-audit:
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/pip install --quiet pip-audit

audit: $(AUDIT_VENV)/bin/pip-audit
	$(AUDIT_VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
	  --vulnerability-service $(AUDIT_SERVICE) -r $(LOCK)

# Part of make lint: the audit runs (and a vulnerability fails lint) when its service
# answers (scripts/audit_probe.py asks it about the locked Django); when it does not, lint
# says in capitals that nothing was checked and goes on, so CI without that network does
# not fail. AUDIT_REQUIRED=1 (release machines) makes an unreachable service fail.
audit-if-reachable:
	@if reason=$$($(PYTHON) scripts/audit_probe.py $(AUDIT_SERVICE) $(LOCK)); then \
	  $(MAKE) --no-print-directory audit; \
	elif [ "$(AUDIT_REQUIRED)" = 1 ]; then \
	  echo "== pip-audit: vulnerability service unreachable ($$reason); AUDIT_REQUIRED=1"; exit 1; \
	else \
	  echo "== pip-audit SKIPPED, NOTHING CHECKED: $$reason"; \
	  echo "   Run 'make audit' where $(AUDIT_SERVICE) answers (weekly, before every release)."; \
	fi

clean:
	rm -rf $(VENV) var build *.egg-info
