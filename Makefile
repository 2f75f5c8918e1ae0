# The two commands the README promises: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-deps setup lint reader-score bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 8000

run: $(STAMP)
	$(BIN)/rehabit serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test-deps:
	scripts/install-test-deps

test: test-deps lint
	REHABIT_REQUIRE_POSTGRES=1 scripts/with-postgres $(BIN)/python -m pytest

reader-score: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/score_reader.py --gold ../shared/corpus/dev --cmd 'rehabit read --format json {}'

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
