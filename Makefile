# Two commands on a fresh machine (Python 3.11+): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501

.PHONY: run test test-fast setup bench build-data browser clean

run: $(VENV)/.runtime
	$(PY) scripts/serve.py dashboard.py --server.port $(PORT)

test: $(VENV)/.dev browser
	$(PY) -m pytest

# Everything but the browser tests: seconds, not minutes.
test-fast: $(VENV)/.dev
	$(PY) -m pytest -m "not browser"

# Only the virtual environment, for the command lines in the README (exports).
setup: $(VENV)/.runtime

# This app against a naive app and an empty app, in Chromium: prints a table, writes JSON.
bench: $(VENV)/.dev browser
	$(PY) benchmarks/run.py

# Rebuild data/base and data/features from the public-domain packages (see data/README.md).
build-data: $(VENV)/.build
	$(PY) scripts/build_base.py
	$(PY) scripts/build_features.py
	$(PY) scripts/link_round_features.py

browser:
	@sh scripts/ensure_chromium.sh

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(VENV)/.runtime $@

$(VENV)/.build: requirements-build.txt requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-build.txt
	touch $(VENV)/.runtime $@

clean:
	rm -rf $(VENV) static/vendor .pytest_cache test-artifacts
