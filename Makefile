# Thin wrappers: the logic lives in the `vestnik` command and in the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/vestnik

.PHONY: run test test-sqlite test-postgres test-browser install lock lint bench bench-comments clean messages api-schema

$(BIN)/vestnik: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(BIN)/vestnik

install: $(BIN)/vestnik

var/secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key

run: install var/secret_key
	$(BIN)/vestnik migrate --noinput -v 0
	$(BIN)/vestnik collectstatic --noinput -v 0
	$(BIN)/vestnik demo
	$(BIN)/vestnik serve

# The SQLite and PostgreSQL invocations run side by side (one core each on a 2-core
# machine; each prints when it ends), then the browser journeys on their own.
test: lint
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres
	$(MAKE) --no-print-directory test-browser

test-sqlite: install
	$(BIN)/python -m pytest tests --ignore=tests/browser

test-postgres: install
	DATABASE_URL=$(POSTGRES_TEST_URL) $(BIN)/python -m pytest tests --ignore=tests/browser

test-browser: install
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/python -m pytest tests/browser

lock:
	$(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --extra dev --output-file requirements.lock pyproject.toml

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	VESTNIK_CACHE=locmem $(BIN)/mypy

bench: install
	$(BIN)/python bench/scale.py

bench-comments: install
	$(BIN)/python bench/comments.py

clean:
	rm -rf $(VENV) var

# The content API's OpenAPI document (docs/api/openapi-v1.json), compared by a test.
api-schema: install
	VESTNIK_CACHE=locmem $(BIN)/vestnik api_schema

messages: install
	cd src/vestnik && VESTNIK_CACHE=locmem ../../$(BIN)/vestnik makemessages -l ru -l ky --ignore "demo/*" --no-obsolete
	cd src/vestnik && VESTNIK_CACHE=locmem ../../$(BIN)/vestnik compilemessages -l ru -l ky
