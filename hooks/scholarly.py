"""MkDocs loads this file; the hook lives in archive_site/scholarly.py."""

from archive_site.scholarly import *  # noqa: F401,F403
