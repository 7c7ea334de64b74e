# Two commands do everything: `make run` serves the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint typecheck unit safety bench soak check clean screenshots translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The secret key is made once and kept, so a restart loses no one's answers.
instance/config.py:
	mkdir -p instance
	$(BIN)/python -c "import secrets; print('SECRET_KEY =', repr(secrets.token_hex(32)))" > $@

run: $(STAMP) instance/config.py
	$(BIN)/flask --app screener run --debug

test: lint typecheck unit safety

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(STAMP)
	$(BIN)/mypy screener

# Every test, on every core; a module's tests stay together, so each expensive fixture
# (a browser walk, a server) is built once.
unit: $(STAMP)
	$(BIN)/pytest -n auto --dist loadscope

# The inner loop while editing: every test but the slow ones (servers, browsers, builds,
# exhaustive comparisons), on every core; `make test` runs them all.
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow" -n auto

check: $(STAMP)
	$(BIN)/screener check questions.yaml

# The shipped questionnaire's safety proof over every combination of answers, then its
# scenario files (the content tests, tests/content, run on it as part of `unit`).
safety: $(STAMP)
	$(BIN)/screener check questions.yaml
	$(BIN)/screener test

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py
	@if command -v wrk >/dev/null; then $(BIN)/python benchmarks/bench_http.py; \
	else echo "HTTP benchmarks skipped: wrk is not installed; install it with: sudo apt-get install wrk"; \
	$(BIN)/python benchmarks/budget.py; fi

# Five minutes of load on four workers, counting every error (after the HTTP benchmarks).
soak: $(STAMP)
	$(BIN)/python benchmarks/bench_http.py --soak 300 --workers 4

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis

screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

# Extract interface strings and merge new ones into the Spanish catalogue (then translate them).
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l --no-location --omit-header -o screener/web/translations/messages.pot .
	$(BIN)/pybabel update -i screener/web/translations/messages.pot -d screener/web/translations --ignore-obsolete --no-fuzzy-matching
