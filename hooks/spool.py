"""MkDocs loads this file; the hook lives in archive_site/spool.py."""

from archive_site.spool import *  # noqa: F401,F403
