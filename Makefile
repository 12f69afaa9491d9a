# 招标文件负面清单审查 — developer entry points. `make` alone prints this help.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PORT ?= 8501
# Debian packages the project needs: LibreOffice for .doc/.wps/.rtf (and PDF examples), CJK fonts,
# poppler-utils (pdftoppm) for rendering checks, Chromium + driver for the browser test.
DEB_PACKAGES := libreoffice-writer fonts-noto-cjk poppler-utils chromium chromium-driver

.PHONY: help setup system-deps run test lint golden bench rules-docs clean

help:  ## show this help
	@echo "招标文件负面清单审查 — make targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt
	$(PIP) install -q --no-deps -e .
	touch $(STAMP)

setup: $(STAMP) system-deps  ## create .venv and install everything (Python + Debian packages)

system-deps:  ## install Debian packages (LibreOffice, CJK fonts, poppler, Chromium) if missing
	@bash scripts/system-deps.sh $(DEB_PACKAGES)

run: setup  ## start the review page (http://localhost:8501) with an example already checked
	$(VENV)/bin/streamlit run app.py --server.port $(PORT) --server.headless true

test: setup  ## run the whole test suite (rules, engine, loaders, reports, app, browser)
	$(PY) -m checker rules lint rules/
	$(PY) -m checker rules test rules/
	$(PY) -m checker rules docs --check
	$(PY) -m pytest

lint: $(STAMP)  ## ruff + rule lint
	$(VENV)/bin/ruff check checker tests app.py bench
	$(PY) -m checker rules lint rules/

golden: $(STAMP)  ## regenerate golden files (review the diff!)
	$(PY) tests/regen_golden.py

bench: setup  ## speed benchmarks → bench/RESULTS.md
	$(PY) bench/run.py

rules-docs: $(STAMP)  ## regenerate docs/rules.md from the rule YAML
	$(PY) -m checker rules docs

clean:  ## remove caches (keeps .venv)
	rm -rf .pytest_cache .ruff_cache build *.egg-info
