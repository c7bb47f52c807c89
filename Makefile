# Two commands: `make run` serves the demo, `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-12)
PG_URL ?= postgres://trivsel:trivsel@127.0.0.1:5432/trivsel
# `make run HOST=0.0.0.0` serves the laptop's network too, so a phone on the same Wi-Fi can
# join; the laptop's IPv4 addresses are then allowed as host names (unless ALLOWED_HOSTS is set).
HOST ?= 127.0.0.1
PORT ?= 8000
comma := ,
LAN_HOSTS = $(shell hostname -I 2>/dev/null | tr ' ' '\n' | grep -v : | paste -sd, -)
LOCAL_ONLY = $(filter 127.0.0.1 localhost,$(HOST))
RUN_URL = http://$(if $(LOCAL_ONLY),$(HOST),$(firstword $(subst $(comma), ,$(LAN_HOSTS)) $(HOST))):$(PORT)
RUN_ENV = SITE_URL="$${SITE_URL:-$(RUN_URL)}" $(if $(LOCAL_ONLY),,ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost,$(HOST),$(LAN_HOSTS)}")

.PHONY: run demo-reset test lint test-sqlite test-postgres test-browser test-cluster services messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The demo is loaded once; `make run RESET=1` or `make demo-reset` empties the database and
# loads it again with today's dates.
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(RUN_ENV) $(BIN)/python manage.py demo $(if $(RESET),--reset)
	$(if $(LOCAL_ONLY),,@echo "Telefoner på samme net: $(RUN_URL)/d/ - åbn konsollen på $(RUN_URL), så QR-koden peger dertil.")
	$(RUN_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

demo-reset: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo --reset

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run >/dev/null

services:
	bash scripts/ensure_test_services.sh

test-sqlite: $(STAMP) services
	$(BIN)/pytest -m "not browser" -p no:cacheprovider

test-postgres: $(STAMP) services
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -m "not browser" -p no:cacheprovider

# Browser tests use a SQLite *file*: the live server's threads each open their own
# connection, which an in-memory shared-cache database serves with table locks.
test-browser: $(STAMP) services
	rm -f /tmp/trivsel-browser-test.sqlite3*
	TEST_DATABASE_NAME=/tmp/trivsel-browser-test.sqlite3 $(BIN)/pytest -m browser -p no:cacheprovider

# Two granian processes behind Debian's nginx on one PostgreSQL (bench/cluster.py); the
# test is deselected from the other runs (tests/conftest.py).
test-cluster: $(STAMP) services
	$(BIN)/pytest -m cluster -p no:cacheprovider

test: lint test-sqlite test-postgres test-browser test-cluster

clean:
	rm -rf $(VENV) db.sqlite3*
