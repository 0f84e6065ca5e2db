# make site   : create .venv, install, convert sources/ into content/, build site/
# make test   : the whole test suite (converter, site build, browser) and ruff; installs what it needs
#               (the venv, node_modules from package-lock.json; as root on Debian, chromium and npm)
# make test-nobrowser : the same without the tests that drive Chromium (the Pages workflow runs it)
# make serve  : live preview on http://127.0.0.1:8000
# make site JOURNAL=gjwtyj : one journal's own site (build/gjwtyj/content -> build/gjwtyj/site),
#               for an archive larger than one GitHub Pages site (README: Publishing)
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
JOURNAL ?=
CONTENT := $(if $(JOURNAL),build/$(JOURNAL)/content,content)
SITE := $(if $(JOURNAL),build/$(JOURNAL)/site,site)

.PHONY: site content test test-nobrowser serve bench bench-search bench-lighthouse portal clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

content: $(STAMP)
	JOURNAL_ARCHIVE_CACHE=.cache/convert $(PY) -m generator build --sources sources --content $(CONTENT) $(if $(JOURNAL),--journal $(JOURNAL))

# site/pagefind/ (the search index) is written at the end of mkdocs build by hooks/pagefind_hook.py
# (archive_site/search/service.py: Pagefind extended binary from the pagefind[extended] wheel).
# Incremental: only the pages whose Markdown (or what they show of other pages) changed are
# rendered again, and the search shards holding them (archive_site/incremental.py); the
# first build, or one after a change of code, theme or mkdocs.yml, is clean. make site CLEAN=1: always clean.
site: content
	JOURNAL_ARCHIVE_CONTENT=$(CONTENT) $(PY) -m archive_site.build --site-dir $(SITE) $(if $(CLEAN),--clean)

# The portal of per-journal sites: its search box searches every journal's bundles.
# make portal SITES="gjwtyj=https://u.github.io/archive-gjwtyj/ ddmgpl=https://u.github.io/archive-ddmgpl/"
portal: $(STAMP)
	$(PY) -m archive_site.portal --content build/portal/content $(SITES)
	JOURNAL_ARCHIVE_CONTENT=build/portal/content $(VENV)/bin/mkdocs build --strict --site-dir build/portal/site

# npm packages the tests run (citeproc-js, axe-core; lighthouse for the bench), as the lock file pins them
$(NODE_STAMP): package-lock.json package.json
	@sh tests/prerequisites.sh npm
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NODE_STAMP)

test: $(STAMP) $(NODE_STAMP)
	@sh tests/prerequisites.sh chromium
	$(VENV)/bin/ruff check --quiet .
	$(PY) -m pytest -q
	JA_PYTHON=$(PY) node --test tests/js/

# every test but those that drive Chromium (what .github/workflows/pages.yml runs before deploying)
test-nobrowser: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/ruff check --quiet .
	$(PY) -m pytest -q -m "not browser"

# Live preview of site/ (the folder make site builds): every change to sources/, mkdocs.yml or
# theme/ converts what changed and rebuilds incrementally (archive_site/serve.py)
serve: content
	JOURNAL_ARCHIVE_CACHE=.cache/convert $(PY) -m archive_site.serve --content $(CONTENT) --site-dir $(SITE)

bench: $(STAMP)
	$(PY) bench/convert_speed.py

bench-search: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/search_bench.py --articles 200 2000

# Lighthouse (npm) mobile on the sample article, gzip-served, against Debian chromium (CHROME_PATH)
bench-lighthouse: site $(NODE_STAMP)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) bench/lighthouse.py /gjwtyj/2025/06/p022/ /ddmgpl/2025/01/p064/

clean:
	rm -rf site build .pytest_cache
