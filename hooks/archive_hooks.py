"""MkDocs loads this file; the hook lives in archive_site/nav.py."""

from archive_site.nav import *  # noqa: F401,F403
