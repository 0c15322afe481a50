# The two commands: `make run` (the product on embedded defaults) and `make test` (the suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_PASSWORD ?= partnership-demo
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test assets lint format clean bench

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@ $(VENV)/.installed

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.package-lock.json

install: $(VENV)/.installed assets

install-test: $(VENV)/.installed-test assets

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo --password '$(DEMO_PASSWORD)'
	@echo "Serving on http://$(HOST):$(PORT)/ with a Celery worker on the embedded broker (Ctrl-C stops both)"
	HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/honcho start

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: install-test lint
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks at partnership scale on the local PostgreSQL and Redis (README, "Benchmarks").
bench: $(VENV)/.installed-bench
	$(PY) -m bench.run $(BENCH_ARGS)

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules var
