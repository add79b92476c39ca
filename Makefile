# serverlab: `make lab` to learn, `make test` to check everything. `make help` lists the rest.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.serverlab-installed
PYTHON ?= python3

.PHONY: help setup lab test test-fast lint bench soak clean

help:
	@echo "make lab        set up on first use, then open the course in JupyterLab (127.0.0.1)"
	@echo "make test       set up on first use, then run every test (real servers, notebooks, browser)"
	@echo "make test-fast  the helper and lab-app tests only"
	@echo "make lint       ruff on everything, mypy --strict on helpers/"
	@echo "make bench      measured ratios side by side (writes bench-results/)"
	@echo "make soak       the long reliability suite"
	@echo "make clean      stop leftover lab and lab-server processes, remove caches"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	$(PY) -m helpers.labsetup
	touch $(STAMP)

setup: $(STAMP)

lab: $(STAMP)
	$(PY) -m helpers.labsetup --launch

test: $(STAMP)
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not slow and not browser"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m benchmarks

soak: $(STAMP)
	$(PY) -m pytest tests/test_reliability.py --soak

clean:
	-$(PY) -m helpers.labsetup --stop-labs
	-$(PY) -m helpers.cleanup
	rm -rf .pytest_cache .ruff_cache .mypy_cache test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
