"""MkDocs loads this file; the hook lives in archive_site/pages/spool.py."""

from archive_site.pages.spool import *  # noqa: F401,F403
