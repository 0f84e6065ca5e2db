"""MkDocs loads this file; the hook lives in archive_site/scholarly/hook.py."""

from archive_site.scholarly.hook import *  # noqa: F401,F403
