"""Writers: model -> Markdown strings. `site.py` is the only module that touches the disk."""
