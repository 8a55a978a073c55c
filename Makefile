# The two commands a new machine needs: `make serve` and `make test`.
# Each installs what it needs first (a virtual environment; Debian's chromium and
# axe-core for the browser tests).

VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
ADDR   ?= 127.0.0.1:8000

.PHONY: install serve build check test test-fast browser-deps bench bench-smoke lint clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip install --quiet --no-deps 'pygiftparser==1.1' 'yattag>=1.15'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(VENV)/bin/cxportal serve --dev-addr $(ADDR)

build: $(STAMP)
	$(VENV)/bin/cxportal build

check: $(STAMP)
	$(VENV)/bin/cxportal check

# Debian's Chromium (never a downloaded browser), axe-core and scorm-again (an LMS's side of SCORM,
# for the export tests) from the npm registry, and
# poppler-utils' pdftotext to read the printed certificate, and Debian's nginx (the intranet server in
# front of the LRS in the learning-records test; the test starts its own on a free 127.0.0.1 port).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -f node_modules/axe-core/axe.min.js -a -f node_modules/scorm-again/dist/scorm12.min.js || npm install --no-save --no-audit --no-fund --silent axe-core@4 scorm-again@3
	@command -v pdftotext >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; }
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

# Both cores; a test file stays in one worker (its module fixtures are built once), and the
# sites every file reads are built once per run (tests/conftest.py once_per_run).
PYTEST := $(VENV)/bin/pytest -q -n 2 --dist loadfile

test: $(STAMP) browser-deps lint
	$(PYTEST)

test-fast: $(STAMP)
	$(PYTEST) -m "not browser"

bench: $(STAMP)
	$(PY) benchmarks/build.py 10 100 --serve

# CI runs the benchmark only as a smoke run: it must work, its figures are not judged.
bench-smoke: $(STAMP)
	$(PY) benchmarks/build.py 10 --runs 1

# Lint, formatting and types: part of `make test`.
lint: $(STAMP)
	$(VENV)/bin/ruff check cxportal macros tests benchmarks
	$(VENV)/bin/ruff format --check cxportal macros tests benchmarks
	$(VENV)/bin/mypy

clean:
	rm -rf site .site-staging-* $(VENV) node_modules
