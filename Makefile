# make site   : create .venv, install, convert sources/ into content/, build site/
# make test   : the whole test suite (converter, site build, browser)
# make serve  : live preview on http://127.0.0.1:8000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site content test serve bench bench-search bench-lighthouse clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

content: $(STAMP)
	JOURNAL_ARCHIVE_CACHE=.cache/convert $(PY) -m generator build --sources sources --content content

# site/pagefind/ (the search index) is written at the end of mkdocs build by hooks/pagefind_hook.py
# (generator/search_index.py: Pagefind extended binary from the pagefind[extended] wheel).
site: content
	$(VENV)/bin/mkdocs build --strict --site-dir site

test: $(STAMP)
	$(PY) -m pytest -q

serve: content
	$(VENV)/bin/mkdocs serve

bench: $(STAMP)
	$(PY) bench/convert_speed.py

bench-search: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/search_bench.py --articles 200 2000

# Lighthouse (npm) mobile on the sample article, gzip-served, against Debian chromium (CHROME_PATH)
bench-lighthouse: site
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) bench/lighthouse.py /gjwtyj/2025/06/p022/ /ddmgpl/2025/01/p064/

clean:
	rm -rf site .pytest_cache
