# Two commands that work on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UNVOTE := $(VENV)/bin/unvote
SHARED ?= ../shared/data

.PHONY: demo test bench snapshot browser clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	touch $@

demo: $(VENV)/.installed
	$(UNVOTE) demo

test: $(VENV)/.installed
	$(PY) -m pytest -q -n 2 --dist loadgroup

bench: $(VENV)/.installed
	$(PY) -m benchmarks

# Rebuild the bundled snapshot from the raw sources (the same command takes in newer raw files).
snapshot: $(VENV)/.installed
	$(UNVOTE) data build --from $(SHARED)

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
