"""MkDocs loads this file; the hook lives in archive_site/pages/nav.py."""

from archive_site.pages.nav import *  # noqa: F401,F403
