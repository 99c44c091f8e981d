# The two commands: `make run` serves the demo, `make test` runs every check.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The public address the demo names itself by (links in mails, feeds, calendars, the sitemap).
BASE_URL ?= http://127.0.0.1:$(PORT)
MANAGE := $(BIN)/python manage.py

.PHONY: run test setup frontend lint messages clean loadtest bench lock audit

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed: install Python 3.11 and try again."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=25.1"

# Every package pinned with its hashes (runtime and dev group), so each install is the same and can be
# audited; the site itself on top, without resolving anything again. Reinstall only when they change,
# so a second `make run` is fast.
LOCK := requirements.lock
$(VENV)/.installed: $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --requirement $(LOCK)
	$(BIN)/pip install --quiet --no-deps --editable .
	@touch $@

# After changing the dependencies in pyproject.toml: pin them all again, with hashes, for every
# platform (needs the package registry). One command, so it is simply run again after a merge.
lock: | $(BIN)/python
	@test -x $(BIN)/uv || $(BIN)/pip install --quiet "uv>=0.13,<0.14"
	$(BIN)/uv pip compile pyproject.toml --group dev --universal --python-version 3.11 \
		--generate-hashes --quiet --output-file $(LOCK)

# The pinned packages against the vulnerability database (pip-audit); says so when it cannot reach it.
audit: $(VENV)/.installed
	$(BIN)/python .ci/audit.py

# Det Fælles Designsystem and axe-core come from npm; without Node the site still runs, unstyled.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo ""; \
		echo "*** Node.js (npm) is not installed: the design system (dkfds) cannot be installed,"; \
		echo "*** so pages are served without their styles and the browser tests cannot run."; \
		echo "*** Install Node.js 20 or newer and run the command again."; \
		echo ""; \
	fi

frontend: node_modules/.installed

setup: $(VENV)/.installed frontend

# --insecure: runserver serves the static files without DEBUG, so the site's own error pages show.
run: setup
	$(MANAGE) migrate --no-input
	BASE_URL=$(BASE_URL) $(MANAGE) load_demo
	@echo ""
	@echo "The site: $(BASE_URL)/   The admin: $(BASE_URL)/admin/"
	@echo ""
	BASE_URL=$(BASE_URL) $(MANAGE) runserver --insecure 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The tests in parallel, one worker process per core (pytest-xdist; see docs/development.md).
test: setup lint
	DJANGO_SETTINGS_MODULE=os2site.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=os2site.settings.test $(MANAGE) makemigrations --check --dry-run
	$(BIN)/pytest -n auto

# After adding or changing interface texts: collect them into the English catalogue
# (locale/en/LC_MESSAGES/django.po), translate the new entries, and run it again to compile the .mo.
# The compiled catalogue is committed, so the site runs without GNU gettext.
messages: $(VENV)/.installed
	@command -v xgettext >/dev/null || { echo "GNU gettext is needed: apt-get install gettext"; exit 1; }
	$(MANAGE) makemessages --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "tests/*" --ignore "static-collected/*" --no-obsolete --no-location
	$(MANAGE) makemessages --domain djangojs --locale en --ignore ".venv/*" --ignore "node_modules/*" --ignore "tests/*" --ignore "static-collected/*" --no-obsolete --no-location
	$(MANAGE) compilemessages --locale en --locale da --ignore ".venv/*" --ignore "node_modules/*"

# Three minutes of mixed readers and writers against gunicorn on a scratch PostgreSQL database
# (emptied and rebuilt!), killing the search engine and Redis under it. DURATION=600 for longer.
DURATION ?= 180
LOADTEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/os2site_loadtest
loadtest: setup
	$(BIN)/python -m tools.loadtest --duration $(DURATION) --database-url $(LOADTEST_DATABASE_URL)

# Serves a scratch copy with demo data plus generated volume through gunicorn and prints a table of
# service times, requests/s, queries and memory (BENCH_ARGS="--database-url postgres://…" for PostgreSQL).
bench: setup
	$(BIN)/python -m tools.bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules
