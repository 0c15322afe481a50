# The two commands: `make run` (the product on embedded defaults) and `make test` (the suite).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO_PASSWORD ?= partnership-demo
HOST ?= 127.0.0.1
PORT ?= 8000
# Links in emails point here; set SITE_URL yourself when people reach the product another way.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test test-fuzz test-any-day install install-test assets lint format clean bench

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
	SITE_URL='$(SITE_URL)' $(PY) manage.py load_demo --password '$(DEMO_PASSWORD)' --skip-sign-ins
	HOST='$(HOST)' PORT=$(PORT) WEB_PORT=$(PORT) SITE_URL='$(SITE_URL)' \
	DEMO_PASSWORD='$(DEMO_PASSWORD)' PYTHONUNBUFFERED=1 $(VENV)/bin/honcho start

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

test: install-test lint
	$(PY) -m pytest $(PYTEST_ARGS)

# The property suite (tests/fuzz) with many random examples per form and filter instead of the
# few fixed ones `make test` runs; FUZZ_EXAMPLES sets how many (300 by default).
test-fuzz: install-test
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -p no:cacheprovider tests/fuzz $(PYTEST_ARGS)

# The suite with every process it starts (live servers, Celery workers, Chromium) living 400
# days ahead, then 200 days back, through libfaketime: no test may depend on today's date.
# FAKETIME_FORCE_MONOTONIC_FIX=0: with the fix on, Chromium hangs before its first page.
FAKETIME_LIB = $(shell $(PY) -c 'import libfaketime, pathlib; print(pathlib.Path(libfaketime.__file__).parent / "vendor/libfaketime/src/libfaketime.so.1")' 2>/dev/null)
ANY_DAY_SHIFTS ?= +400d -200d

test-any-day: install-test
	@failed=""; for shift in $(ANY_DAY_SHIFTS); do \
	  echo "== the suite with the clock moved $$shift"; \
	  LD_PRELOAD=$(FAKETIME_LIB) FAKETIME=$$shift DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0 \
	    $(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS) || failed="$$failed $$shift"; \
	done; \
	if [ -n "$$failed" ]; then echo "== failed at:$$failed"; exit 1; fi; \
	echo "== passed at $(ANY_DAY_SHIFTS)"

# Benchmarks at partnership scale on the local PostgreSQL and Redis (README, "Benchmarks").
bench: $(VENV)/.installed-bench
	$(PY) -m bench.run $(BENCH_ARGS)

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules var
