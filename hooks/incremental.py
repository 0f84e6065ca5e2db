"""MkDocs loads this file; the hook lives in archive_site/incremental.py."""

from archive_site.incremental import *  # noqa: F401,F403
from archive_site.incremental import on_build_error, on_config, on_files, on_nav, on_page_content, on_page_context, on_page_markdown, on_post_build, on_post_page, on_pre_build, on_pre_page  # noqa: F401
