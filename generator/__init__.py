"""journal-archive: Chinese journal texts -> Markdown pages -> MkDocs site."""

__version__ = "0.1.0"
