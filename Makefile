# Two commands on a fresh machine: `make report`, then `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup report extract test lab bench clean lock

# The package's bytecode is compiled here, so that no process (notebook kernels, workers) compiles the sources again,
# also where PYTHONDONTWRITEBYTECODE is set (as in many container images); only changed modules are recompiled.
setup: $(STAMP)
	@$(PY) -m compileall -q analysis

# Exact versions from requirements.lock, so a study re-runs with the same numbers a year later.
$(STAMP): pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# After changing dependencies in pyproject.toml: resolve them afresh and pin the result.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	( echo "# Exact versions installed by make setup (Python 3.11); regenerate with make lock."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable --disable-pip-version-check ) > requirements.lock
	rm -rf .venv-lock

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
	rm -rf build figures/*.pdf figures/*.png figures/notebooks figures/tables figures/manifest.json
