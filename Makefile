# Two set-up commands: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
PY := .venv/bin/python
PIP := .venv/bin/pip
APT_PACKAGES := tesseract-ocr tesseract-ocr-chi-sim poppler-utils fonts-noto-cjk fonts-wqy-microhei fonts-arphic-ukai
# Handwriting and brush faces the generator writes filled-in values with.
APT_PACKAGES += fonts-lxgw-wenkai fonts-arphic-gkai00mp fonts-seto fonts-aoyagi-soseki fonts-kouzan-mouhitsu fonts-klee
APT_TEST_PACKAGES := chromium
APT_BENCH_PACKAGES := wrk
export DAGSTER_HOME := $(CURDIR)/var/dagster

.PHONY: install system-packages test-system-packages demo test lint ui serve worker instance \
        bench-system-packages bench-ocr bench-backfill bench-linkage bench-linkage-scale bench-validation \
        bench-registry bench-scale bench-window bench-histories law-cases clean

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

bench-system-packages:
	@missing=$$(for p in $(APT_BENCH_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
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

# The Dagster home's dagster.yaml, from the repository's and the settings (HUNYIN_DAGSTER_PG_URL
# moves the instance to PostgreSQL); rewritten only when it changes.
instance: .venv/.installed
	@$(PY) -m pipelines.instance >/dev/null

demo: install instance
	.venv/bin/hunyin demo

test: test-system-packages .venv/.installed instance
	$(PY) -m pytest -q

lint: .venv/.installed
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy hunyin ocr warehouse validation batch registry assets pipelines cli
	.venv/bin/lint-imports --no-cache

ui: install instance
	.venv/bin/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

# A Celery worker of the distributed deployment (HUNYIN_EXECUTOR=celery, HUNYIN_BROKER_URL):
# one OCR step per core's worth of HUNYIN_OCR_THREADS at a time.
WORKER_CONCURRENCY ?= $(shell echo $$(( $$(nproc) / $${HUNYIN_OCR_THREADS:-1} > 0 ? $$(nproc) / $${HUNYIN_OCR_THREADS:-1} : 1 )))
worker: install instance
	.venv/bin/celery -A pipelines.workers worker -Q ocr,dagster --concurrency $(WORKER_CONCURRENCY) -l info

serve: install
	.venv/bin/hunyin serve

# Reads the sample scans and two generated batches unlike them (fonts, damage, resolution, seals;
# values typed, and values handwritten in faces held out of tuning), beside a plain full-page
# RapidOCR pass; prints accuracy, share accepted and pages per second.
bench-ocr: install
	$(PY) -m bench.ocr --count 40

# Generates ~1.2 M ledger rows once (cached in var/bench), imports them twice into a throwaway DB.
bench-backfill: .venv/.installed
	$(PY) -m bench.backfill

bench-validation: .venv/.installed
	$(PY) -m bench.validation --rows 1200000 --runs 3

# Links the bench-backfill prefecture (~2.4 M parties) in a throwaway PostgreSQL database, scores
# it against the generator's truth, then loads GET /api/v1/status with 16 clients for 10 s;
# beside it links and scores a noisy history (100 k couples, a quarter of rows as clerks wrote).
bench-linkage: .venv/.installed
	$(PY) -m bench.linkage

# The person linkage rebuilt on generated histories of 50 k to 400 k parties, chunked and in one
# piece: time and peak memory against size, and what they come to for the province.
bench-linkage-scale: .venv/.installed
	$(PY) -m bench.linkage_scale

# Registry latencies over HTTP on a throwaway PostgreSQL database, and 20 rounds of ten offices
# registering one couple at once (each round should end one 201, nine 409).
bench-registry: .venv/.installed
	$(PY) -m bench.registry --calls 200 --rounds 20

# Held-out law cases: a new random draw of every family on both sides of each boundary, over
# HTTP against a throwaway PostgreSQL store (a fixed draw runs in `make test`).
law-cases: .venv/.installed
	$(PY) -m bench.law_cases --per-family 20

# Whole histories through the contract commands only: a clean and a noisy 30 k-couple history
# imported with `hunyin import-ledger`, every person asked for through GET /api/v1/status.
bench-histories: .venv/.installed
	$(PY) -m bench.histories --couples 30000

# The window at peak: builds (once, then kept) the bench-backfill prefecture with import-ledger
# and linking in a PostgreSQL database of its own, serves it with `hunyin serve`, and loads
# /healthz, status, eligibility and registration with wrk (16 connections, 10 s each).
bench-window: bench-system-packages .venv/.installed
	$(PY) -m bench.window

# One generated batch of 200 pages read in process, by one and by two Celery workers on this
# machine (Redis at 127.0.0.1:6379): pages/s, efficiency of two workers, the queue's cost per page.
bench-scale: install
	$(PY) -m bench.scale --pages 200 --slice 25

clean:
	rm -rf var/hunyin.db* var/dagster var/reports var/gx var/inbox var/page-xml
