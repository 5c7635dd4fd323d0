# Two commands set up a fresh Debian machine and do the work:
#   make site   builds the site and all leaflets into site/
#   make test   runs every test (it builds the site first)
# Others: make serve (preview), make bench, make catalogs, make translations, make check-contacts, make lint
.DEFAULT_GOAL := site
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSTEM_STAMP := .cache/system-packages.ok

.PHONY: setup system site test serve bench catalogs translations check-contacts lint clean lock

setup: $(SYSTEM_STAMP) $(STAMP)

# System packages (fonts for the leaflets, Chromium and nginx for the tests). Needs root on Debian;
# otherwise the script prints the exact command to run.
$(SYSTEM_STAMP): scripts/system-packages.txt scripts/install-system-deps.sh
	bash scripts/install-system-deps.sh
	fc-cache -f >/dev/null 2>&1 || true
	@mkdir -p $(dir $@) && touch $@

# Every package, direct or not, from requirements.lock with its hash (pip refuses anything else).
# requirements.txt / requirements-dev.txt list what we use; `make lock` turns them into the lock file.
$(STAMP): requirements.lock pyproject.toml tests/validator/package-lock.json
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@# The project itself goes on the path with a .pth file (what an editable install does), so no
	@# unhashed build backend is downloaded.
	$(PY) -c 'import pathlib, site; pathlib.Path(site.getsitepackages()[0], "helpsite-project.pth").write_text("$(CURDIR)\n")'
	# The HTML validator (vnu.jar) for the tests; --ignore-scripts: it runs on Debian's Java, downloads none.
	npm ci --prefix tests/validator --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

# Regenerate requirements.lock (pinned versions and hashes) after changing requirements*.txt.
PIP_TOOLS := pip-tools==7.6.2
lock:
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	$(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras --no-emit-index-url \
		--no-emit-find-links --output-file requirements.lock requirements-dev.txt

site: setup
	$(PY) -m helpsite.build

test: site
	$(PY) -m pytest -n 2 --dist loadgroup

serve: setup
	$(PY) -m helpsite.i18n_compile
	HELPSITE_PREVIEW=1 $(VENV)/bin/mkdocs serve --no-strict

bench: site
	$(PY) scripts/bench_leaflets.py
	$(PY) scripts/bench_site.py
	$(PY) scripts/bench_browser.py

# Extract the interface and leaflet strings, merge them into every language's catalog, compile.
catalogs: setup
	$(VENV)/bin/pybabel extract -F babel.cfg --sort-output -o locales/messages.pot .
	$(PY) -m helpsite.i18n_compile --update

translations: setup
	$(PY) -m helpsite.translations

check-contacts: setup
	$(PY) -m helpsite.contacts.check

lint: setup
	$(PY) -m helpsite.lint
	$(PY) -m helpsite.contacts.check > /dev/null

clean:
	rm -rf site .site-* .site.lock .cache
