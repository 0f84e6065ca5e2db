"""MkDocs loads this file; the hook lives in archive_site/search/pagefind.py."""

from archive_site.search.pagefind import *  # noqa: F401,F403
