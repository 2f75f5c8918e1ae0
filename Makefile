# The two commands the README promises: `make run` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test test-deps setup lint reader-score bench clean

APP_STAMP := $(VENV)/.app-stamp

# `make run` installs only what the app needs; `make test` (through $(STAMP)) adds the test tools.
# pip prints one line per package it collects, so minutes of downloading are never silent.
$(APP_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing rehabit and what it needs into $(VENV) (the first time takes a few minutes)..."
	$(BIN)/python -m pip install --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --disable-pip-version-check -e .
	scripts/install-ocr
	touch $(APP_STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Installing rehabit with its test tools into $(VENV)..."
	$(BIN)/python -m pip install --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --disable-pip-version-check -e '.[test]'
	$(BIN)/python -m compileall -q src
	touch $(APP_STAMP) $(STAMP)

setup: $(STAMP)

HOST ?= 127.0.0.1
PORT ?= 8000

# The sources' bytecode is written ahead (only what changed), as pip does for a plain install: where
# PYTHONDONTWRITEBYTECODE is set, every command would otherwise compile rehabit's modules each time it starts.
run: $(APP_STAMP)
	@$(BIN)/python -m compileall -q src
	$(BIN)/rehabit serve --host $(HOST) --port $(PORT)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test-deps:
	scripts/install-test-deps

test: test-deps lint
	REHABIT_REQUIRE_POSTGRES=1 scripts/with-postgres $(BIN)/python -m pytest

# Scores the reader on the shared dev corpus, on our own corpus (tests/reader/corpus), and on the real pages
# when their texts are rebuilt (REAL_TEXTS=dir, see ../shared/corpus/real/REBUILD.md; never commit them), and on
# the held-out real pages, tuning half A and untouched half B, all and other body parts only (HELDOUT_TEXTS=dir,
# see tests/reader/heldout/README.md; never commit them either).
READER_CMD = 'rehabit read --format json {}'
reader-score: $(STAMP)
	@echo "== dev (../shared/corpus/dev)"
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/score_reader.py --gold ../shared/corpus/dev --cmd $(READER_CMD) | tail -1
	@echo "== own (tests/reader/corpus)"
	@PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/score_reader.py --gold tests/reader/corpus --cmd $(READER_CMD) | tail -1
	@if [ -n "$(REAL_TEXTS)" ]; then \
		dir=$$(mktemp -d) && cp ../shared/corpus/real/*.json "$(REAL_TEXTS)"/r*.txt "$$dir"/ && \
		echo "== real (../shared/corpus/real with texts from $(REAL_TEXTS))" && \
		PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/score_reader.py --gold "$$dir" --cmd $(READER_CMD) | tail -1; \
		rm -rf "$$dir"; \
	else echo "== real: skipped (set REAL_TEXTS=dir of rebuilt texts)"; fi
	@if [ -n "$(HELDOUT_TEXTS)" ]; then \
		$(BIN)/python tests/reader/heldout/stage.py --texts "$(HELDOUT_TEXTS)" >/dev/null || \
			{ $(BIN)/python tests/reader/heldout/stage.py --texts "$(HELDOUT_TEXTS)"; exit 1; }; \
		for part in "A" "B" "A --other" "B --other"; do label=$$(echo $$part | sed "s/ --other/, other body parts/"); \
			dir=$$(mktemp -d) && $(BIN)/python tests/reader/heldout/stage.py --texts "$(HELDOUT_TEXTS)" --half $$part --out "$$dir" && \
			echo "== held-out half $$label (tests/reader/heldout, $$(ls "$$dir"/*.json | wc -l) pages; A tuning, B untouched)" && \
			PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python ../shared/tools/score_reader.py --gold "$$dir" --cmd $(READER_CMD) | tail -1; \
			rm -rf "$$dir"; \
		done; \
	else echo "== held-out: skipped (set HELDOUT_TEXTS=dir of rebuilt texts, see tests/reader/heldout/README.md)"; fi

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
