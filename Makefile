# Two commands: `make run` serves the demo, `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | md5sum | cut -c1-12)
PG_URL ?= postgres://trivsel:trivsel@127.0.0.1:5432/trivsel

.PHONY: run test lint test-sqlite test-postgres test-browser test-cluster services messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

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
