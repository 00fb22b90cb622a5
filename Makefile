# Two commands on a fresh machine: `make report`, then `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup report extract test lab bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(STAMP)

extract: setup
	$(PY) -m analysis extract

report: setup
	$(PY) -m analysis report

test: setup
	$(PY) -m pytest

lab: setup
	$(VENV)/bin/jupyter lab notebooks

bench: setup
	$(PY) -m analysis bench

clean:
	rm -rf build figures/*.pdf figures/*.png figures/notebooks figures/tables figures/.pages figures/manifest.json
