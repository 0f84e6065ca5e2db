"""journal-archive's site half: MkDocs hooks, citations, search.

Reads the converter's output (content/) and nothing else of it: it imports
`generator.layout` (journals, paths, URLs, labels) and `generator.meta` (the
front-matter schema), never a reader, transform or writer. The files in
hooks/ are one-line shims that MkDocs loads; the code lives here:

- nav.py        navigation, index anchors and labels for the templates, Markdown copies
- scholarly.py  citations, Highwire/JSON-LD metadata, RIS/BibTeX/CSL-JSON, Atom feed
- csl.py        one CSL-JSON record per article and its renderings (citeproc-py)
- pagefind.py   Pagefind search index (search_index.py: the Pagefind service and t2s table)
"""
