# Regie: two commands on a fresh machine, `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q
MANAGE := $(BIN)/python manage.py

.PHONY: run test check lint typecheck migrations-check security audit demo lock clean serve reminders screenshots vendor bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Stamp files make installs happen once per change of the lock files.
$(VENV)/.base: requirements/base.txt | $(BIN)/python
	$(PIP) install --require-hashes -r requirements/base.txt
	touch $@

$(VENV)/.test: requirements/test.txt $(VENV)/.base
	$(PIP) install --require-hashes -r requirements/test.txt
	touch $@

# The local demo runs without the second factor (A6) unless asked, so the demo logins work
# without an authenticator app; production refuses to start with it off.
DEMO_TWO_FACTOR ?= false
# The demo shows the app's own 404/403/500 pages, as a family would see them; Django's
# debug pages (with the list of every URL) only when asked for: make run DEBUG=true.
# --insecure: runserver serves the static files itself with DEBUG off.
DEBUG ?= false

run: $(VENV)/.base
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo
	@echo "Two-factor sign-in for professionals: $(DEMO_TWO_FACTOR) (make run DEMO_TWO_FACTOR=true turns it on)."
	@echo "Debug pages: $(DEBUG) (make run DEBUG=true shows Django's debug pages instead of Regie's own)."
	DEBUG=$(DEBUG) REGIE_REQUIRE_TWO_FACTOR=$(DEMO_TWO_FACTOR) $(MANAGE) runserver --insecure 127.0.0.1:8000

demo: $(VENV)/.base
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo

lint: $(VENV)/.test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.test
	$(BIN)/mypy regie tests

migrations-check: $(VENV)/.test
	$(MANAGE) makemigrations --check --dry-run

# bandit: no medium or high findings; waivers are `# nosec` comments with a reason.
security: $(VENV)/.test
	$(BIN)/bandit -q -r regie -x '*/migrations/*' --severity-level medium

# Known vulnerabilities in the locked dependencies. Needs the network; fails when a
# package cannot be looked up (--strict), never passes silently.
$(VENV)/.audit: requirements/audit.txt $(VENV)/.test
	$(PIP) install --require-hashes -r requirements/audit.txt
	touch $@

audit: $(VENV)/.audit
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements/base.txt
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements/test.txt

check: lint typecheck migrations-check security

# pytest exits 5 when it collected no tests: that is a broken suite, not a pass. The suite
# runs in one process per core (pytest-xdist), a test file per process at a time, so that
# `make test` stays well under 10 minutes on 2 cores (issue 13).
TEST_PROCESSES ?= auto
# Extra pytest arguments, e.g. PYTEST_ARGS="-m 'not crawl'" (.ci/run on PostgreSQL).
PYTEST_ARGS ?=

test: $(VENV)/.test check
	$(BIN)/pytest -n $(TEST_PROCESSES) --dist loadfile $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests" >&2; fi; exit $$status

# Refresh the lock files from requirements/*.in (needs pip-tools in the venv).
lock: $(VENV)/.test
	$(PIP) install pip-tools
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o base.txt base.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o test.txt test.in
	cd requirements && ../$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o audit.txt audit.in

# Refresh the vendored NL Design System CSS and htmx from frontend/package-lock.json
# (needs Node and npm; running Regie does not).
vendor:
	frontend/vendor.sh

clean:
	rm -rf $(VENV) db.sqlite3 var

# Production-like (docs/deploy.md): production settings, PostgreSQL with two roles
# (migrations as the owner from MIGRATE_DATABASE_URL, the app as the role of DATABASE_URL,
# which may only read and insert on the access log), static files by WhiteNoise, gunicorn,
# the task worker (reminder e-mails), the reminder command every REMINDER_INTERVAL seconds
# and the access-log sealer, all stopped together with Ctrl-C.
PORT ?= 8001
HOST ?= 127.0.0.1
WEB_CONCURRENCY ?= 3
REMINDER_INTERVAL ?= 300
SERVE_NEEDS := SECRET_KEY REGIE_AUDIT_KEY REGIE_TRUSTED_PROXY_COUNT ALLOWED_HOSTS DATABASE_URL \
  MIGRATE_DATABASE_URL
# Access log: path without query string (it may hold search terms), status and timing.
ACCESS_LOG_FORMAT := {"time": "%(t)s", "method": "%(m)s", "path": "%(U)s", "status": "%(s)s", "bytes": "%(B)s", "duration_us": "%(D)s"}

serve: $(VENV)/.base
	@missing=""; for name in $(SERVE_NEEDS); do \
	  [ -n "$$(printenv $$name)" ] || missing="$$missing $$name"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make serve runs with production settings and needs these environment variables:$$missing" >&2; \
	  echo "e.g. SECRET_KEY=<50 random characters> REGIE_AUDIT_KEY=<32+ random bytes> REGIE_TRUSTED_PROXY_COUNT=0 ALLOWED_HOSTS=127.0.0.1,localhost MIGRATE_DATABASE_URL=postgres://regie_owner@host:5432/regie DATABASE_URL=postgres://regie_app@host:5432/regie make serve" >&2; \
	  exit 1; fi
	REGIE_ENVIRONMENT=production $(MANAGE) check --deploy --fail-level ERROR
	REGIE_ENVIRONMENT=production $(MANAGE) collectstatic --no-input -v 0
	REGIE_ENVIRONMENT=production DATABASE_URL="$$MIGRATE_DATABASE_URL" $(MANAGE) migrate --no-input
	REGIE_ENVIRONMENT=production DATABASE_URL="$$MIGRATE_DATABASE_URL" $(MANAGE) grant_app_role \
	  "$$($(BIN)/python -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).username)' "$$DATABASE_URL")"
	@export REGIE_ENVIRONMENT=production; \
	$(MANAGE) db_worker --queue-name '*' --no-reload & worker=$$!; \
	( while true; do $(MANAGE) run_reminders; sleep $(REMINDER_INTERVAL); done ) & reminders=$$!; \
	$(MANAGE) seal_access_log --every 5 -v 0 & sealer=$$!; \
	trap 'kill $$worker $$reminders $$sealer 2>/dev/null' EXIT INT TERM; \
	$(BIN)/gunicorn -c python:regie.gunicorn_conf regie.wsgi --bind $(HOST):$(PORT) --workers $(WEB_CONCURRENCY) \
	  --access-logfile - --access-logformat '$(ACCESS_LOG_FORMAT)' --error-logfile -

# One reminder run, for cron or a systemd timer every 5 minutes (idempotent).
reminders: $(VENV)/.base
	$(MANAGE) run_reminders

# Screenshots of the main pages at phone and desktop width into docs/screenshots/ (issue
# 5), from the demo data in a throwaway SQLite database, in Debian's Chromium.
screenshots: $(VENV)/.test
	@dir=$$(mktemp -d); trap 'rm -rf "$$dir"' EXIT; \
	export DATABASE_URL="sqlite:///$$dir/shots.sqlite3" REGIE_REQUIRE_TWO_FACTOR=false; \
	$(MANAGE) migrate --no-input -v 0 && \
	$(MANAGE) load_demo > /dev/null && \
	$(MANAGE) take_screenshots --out docs/screenshots

# The benchmark of issue 13 (docs/performance.md): fills the scratch PostgreSQL database at
# DATABASE_URL with BENCH_FAMILIES invented families (seed_scale; an existing fill of the
# same size is reused), serves it as in production (gunicorn, DEBUG off, WhiteNoise) and
# loads it with wrk (Debian's, installed when missing). `make bench BENCH_FAMILIES=100000`
# for the full size. Never point it at a real database: it writes invented families.
BENCH_FAMILIES ?= 2000
BENCH_ARGS ?=

bench: $(VENV)/.base
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; *) \
	  echo "make bench needs DATABASE_URL=postgres://user@host:5432/<scratch database>; it fills it with invented families" >&2; \
	  exit 1;; esac
	@command -v wrk >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(MANAGE) migrate --no-input -v 0
	REGIE_LOG_LEVEL=$${REGIE_LOG_LEVEL:-WARNING} $(MANAGE) bench --families $(BENCH_FAMILIES) $(BENCH_ARGS)
