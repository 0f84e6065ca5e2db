"""MkDocs loads this file; the hook lives in archive_site/pagefind.py."""

from archive_site.pagefind import *  # noqa: F401,F403
