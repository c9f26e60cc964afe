# Two set-up commands: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
APT_PACKAGES := tesseract-ocr tesseract-ocr-chi-sim poppler-utils fonts-noto-cjk
APT_TEST_PACKAGES := chromium
export DAGSTER_HOME := $(CURDIR)/var/dagster

.PHONY: install system-packages test-system-packages demo test lint ui serve \
        bench-ocr bench-backfill bench-linkage clean

# Debian packages: installed only when missing, so a second run is quick and offline-safe.
system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

test-system-packages: system-packages
	@missing=$$(for p in $(APT_TEST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

.venv/bin/python:
	python3 -m venv .venv
	$(PIP) install -q -U pip

# Re-installed only when pyproject.toml changes.
.venv/.installed: pyproject.toml | .venv/bin/python
	$(PIP) install -q -e ".[dev]"
	touch $@

install: system-packages .venv/.installed

var/dagster/dagster.yaml: dagster.yaml
	@mkdir -p var/dagster
	cp dagster.yaml $@

demo: install var/dagster/dagster.yaml
	.venv/bin/hunyin demo

test: test-system-packages .venv/.installed var/dagster/dagster.yaml
	$(PY) -m pytest -q

lint: .venv/.installed
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy hunyin ocr validation warehouse registry assets pipelines

ui: install var/dagster/dagster.yaml
	.venv/bin/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

serve: install
	.venv/bin/hunyin serve

# Generates ~1.2 M ledger rows once (cached in var/bench), imports them twice into a throwaway DB.
bench-backfill: .venv/.installed
	$(PY) bench/backfill.py

clean:
	rm -rf var/hunyin.db* var/dagster var/reports var/gx var/inbox
