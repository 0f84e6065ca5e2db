"""Pages: navigation, labels and links for the templates (nav.py), render-time typesetting
(typeset.py, a Python-Markdown extension), and the memory of a large build (spool.py, compact.py)."""
