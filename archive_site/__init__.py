"""journal-archive's site half: MkDocs hooks, citations, search.

Reads the converter's output (content/) and nothing else of it: it imports the
contract — `generator.layout` (journals, paths, URLs, labels), `generator.meta` (the
front-matter schema) and `generator.cjk` (the rules about Chinese text) — never a
reader, transform or writer. The files in hooks/ are one-line shims that MkDocs
loads; the code lives here:

- config.py   the settings in mkdocs.yml (extra.scholarly, extra.search, extra.source_url),
              typed and checked when the configuration is loaded
- pages/      nav.py (hook: navigation, labels and links for the templates, the schema check,
              Markdown copies), typeset.py (a Python-Markdown extension: heading ids and levels,
              CJK punctuation), spool.py (hook: a large build's memory), compact.py
- cite/       csl.py (one CSL-JSON record per article and its forms), render.py (citeproc-py),
              romanise.py (APA 7 pinyin), affiliation.py (printed bios), exports.py (RIS, BibTeX),
              citeproc_speed.py, styles/ (the CSL files)
- scholarly/  hook.py (hook: head metadata, downloads, archive.jsonl.gz, feed), linked_data.py
              (JSON-LD, description), jats.py and jats_body.py (JATS XML), feed.py (Atom, sitemap
              dates, robots.txt), rights.py (the licence), doi.py (DOIs from a Crossref prefix),
              signpost.py (FAIR signposting links), harvest.py (records spooled for the files written
              at the end), oai.py (OAI-PMH Static Repository), crossref.py (deposit), doaj.py
- search/     pagefind.py (hook: the Pagefind index, in shards: shards.py), docs.py (what a page is
              indexed as), service.py (Pagefind's indexing service), browser.py (search.json: what
              the search box shares with Python)
- portal.py   the home page of a portal over per-journal sites (python -m archive_site.portal)
"""
