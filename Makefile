# Two entry points, both from a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench install install-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/run.txt
	$(BIN)/pip install --quiet --no-deps -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/pip install --quiet --no-deps -e .

run: install
	$(BIN)/irinsider demo

test: install-test
	$(BIN)/ruff check irinsider tests bench tools fuzz
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint: install-test
	$(BIN)/ruff check irinsider tests bench tools fuzz
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: install-test
	$(BIN)/python bench/accuracy.py

clean:
	rm -rf $(VENV) irinsider-demo.db* .pytest_cache
