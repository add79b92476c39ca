# serverlab: `make lab` to learn, `make test` to check everything. `make help` lists the rest.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.serverlab-installed
DEV_STAMP := $(VENV)/.serverlab-dev-installed
# Exact versions the course was proven on (make lock regenerates them from pyproject.toml):
# the course lock is what a learner gets (make lab, the hub, a hub image), the dev lock adds the test tools.
COURSE_LOCK := requirements/course.lock
DEV_LOCK    := requirements/dev.lock
LOCK_ARGS   := --universal --python-version 3.11 --quiet
# The rehearsal hub's shared course environment: outside /root as root (learners must read it), as TLJH's /opt/tljh/user.
HUB_ENV    ?= $(if $(filter 0,$(shell id -u)),/opt/serverlab/hub-env,$(CURDIR)/.hub-env)
HUB_PYTHON ?= $(firstword $(wildcard /usr/bin/python3) $(PYTHON))
HUB_STAMP  := $(HUB_ENV)/.serverlab-hub-installed
LEARNERS   ?= 3
# The class config's sign-in (deploy/jupyterhub_config.d/serverlab.py): native, or shared-password (workshop).
SIGN_IN    ?= native
PYTHON ?= python3

.PHONY: help setup lab test test-fast lint bench soak site clean lock hub hub-env hub-stop

help:
	@echo "make lab        set up on first use, then open the course in JupyterLab (127.0.0.1)"
	@echo "make lab-ko     the same for the Korean edition (notebooks/ko/): Korean interface, serverlab-ko kernel"
	@echo "make test       set up on first use, then run every test (real servers, notebooks, browser)"
	@echo "make test-fast  the helper and lab-app tests only"
	@echo "make lint       ruff on everything, mypy --strict on helpers/, mypy on the calls every notebook makes"
	@echo "make bench      measured ratios side by side (writes bench-results/)"
	@echo "make soak       the long suites: reliability, a class on the hub, 04 and 06-09 under CPU limits, the rest in the browser, the whole site, every Korean notebook"
	@echo "make site       build the executed course as a static site (build/site/html), then say how to view it"
	@echo "make lock       regenerate requirements/*.lock from pyproject.toml (uv)"
	@echo "make hub        rehearse a class with the deployed class config: LEARNERS=3 (root: real Unix users)"
	@echo "make hub-stop   stop the rehearsal hub, every learner's server, remove the learner accounts"
	@echo "make clean      stop leftover lab and lab-server processes, remove caches"

$(STAMP): pyproject.toml $(COURSE_LOCK)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(COURSE_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	$(PY) -m helpers.cli.labsetup
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) $(DEV_LOCK)
	$(PY) -m pip install --quiet -r $(DEV_LOCK)
	touch $(DEV_STAMP)

setup: $(STAMP)

lock:
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet "uv>=0.5"
	$(VENV)/bin/uv pip compile pyproject.toml --extra hub $(LOCK_ARGS) -o $(COURSE_LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml --extra hub --extra dev --extra site -c $(COURSE_LOCK) $(LOCK_ARGS) -o $(DEV_LOCK)

$(HUB_STAMP): $(COURSE_LOCK) hub/proxy/package-lock.json
	$(HUB_PYTHON) -m venv $(HUB_ENV)
	$(HUB_ENV)/bin/python -m pip install --quiet --upgrade pip
	$(HUB_ENV)/bin/python -m pip install --quiet -r $(COURSE_LOCK)
	mkdir -p $(HUB_ENV)/chp && cp hub/proxy/package.json hub/proxy/package-lock.json $(HUB_ENV)/chp/
	npm ci --prefix $(HUB_ENV)/chp --no-audit --no-fund --silent
	touch $(HUB_STAMP)

hub-env: $(HUB_STAMP)
	if $(HUB_ENV)/bin/python -m hub status; then echo "not reinstalling the course under a running hub"; \
	else $(HUB_ENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .; fi

hub: hub-env
	$(HUB_ENV)/bin/python -m hub start --learners $(LEARNERS) --sign-in $(SIGN_IN) --course $(CURDIR)

hub-stop:
	if [ -x $(HUB_ENV)/bin/python ]; then $(HUB_ENV)/bin/python -m hub stop; else echo "no rehearsal hub"; fi

lab: $(STAMP)
	$(PY) -m helpers.cli.labsetup --launch

# 한국어판: notebooks/ko/00 in JupyterLab's Korean interface, on the serverlab-ko kernel (SERVERLAB_LANG=ko).
.PHONY: lab-ko
lab-ko: $(STAMP)
	$(PY) -m helpers.cli.labsetup --launch-ko

test: $(DEV_STAMP)
	$(PY) -m pytest

test-fast: $(DEV_STAMP)
	$(PY) -m pytest -m "not slow and not browser"

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(PY) tests/typecheck_notebooks.py

bench: $(DEV_STAMP)
	$(PY) -m benchmarks

soak: $(DEV_STAMP)
	$(PY) -m pytest tests/notebooks/test_reliability.py tests/hub/test_hub.py tests/notebooks/test_class_load.py tests/notebooks/test_cpu_limits.py tests/notebooks/test_browser.py tests/notebooks/test_site.py tests/notebooks/test_korean.py --soak -m soak

# The executed course as a static site (site/README.md): every notebook run for real (cached by jupyter-cache
# while its code is unchanged), offline pages. ONLY="00 02" builds those notebooks alone (and their solutions).
site: $(DEV_STAMP)
	$(PY) site/build.py $(if $(ONLY),--only $(ONLY))

# The course's Python: the .venv's where `make setup` made one, else python3 (a hub's terminal has the
# course environment first on PATH and no .venv). A failure stops make: nothing is hidden.
CLEAN_PY = $(if $(wildcard $(PY)),$(PY),$(PYTHON))

clean:
	$(CLEAN_PY) -m helpers.cli.labsetup --stop-labs
	$(CLEAN_PY) -m helpers.cli.cleanup
	rm -rf .pytest_cache .ruff_cache .mypy_cache test-artifacts
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
