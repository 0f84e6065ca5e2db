"""MkDocs hook (listed last): keep a large build's memory flat, trim the written
pages' indentation (archive_site/pages/compact.py), and report progress.

MkDocs converts every page's Markdown to HTML before it renders any template, and
keeps each page's Markdown and HTML to the end of the build: on a 10,000-article
archive that alone is gigabytes. Besides, every page keeps what only its own template
needs (its table of contents, page.meta["scholarly"]: ~15 KB) and what MkDocs checks
after the last page (every id on it and every link to an anchor: ~19 KB, most of them
its own notes). So, after every other hook has seen it:

- on_page_content: the page's HTML, table of contents and front matter (with the
  scholarly record) go to a temporary file (page.content is left empty, page.meta keeps
  only what other pages and the end of the build read: KEEP) and its Markdown source is
  dropped; its links to its own anchors are checked now, as MkDocs would check them at
  the end, and its ids are kept in a compact form (AnchorIds) for links from other pages;
- on_page_context: they are read back just before the page's template is rendered;
- on_post_page: they are dropped again once the page is written.

Progress: MkDocs prints nothing between reading the pages and "Documentation built";
this logs a line every PROGRESS pages of each phase (converted, written).

The state of a build is one object, `hooks` (a Spool); the module's on_* names are its
methods, which hooks/spool.py hands to MkDocs.
"""

from __future__ import annotations

import logging
import pickle
import shutil
import tempfile
import time
from pathlib import Path

from ..preview import deferred
from . import size
from .compact import compact_html

log = logging.getLogger("mkdocs.hooks.spool")

PROGRESS = 500

# What other pages, the nav and the hooks' on_post_build read of a page's front matter;
# the rest waits on disk until the page's own template is rendered.
KEEP = ("title", "kind", "journal", "year", "issue", "first_page", "last_page", "published", "section",
        "anchors", "template", "hide", "portal_sites")


def _slim(meta: dict) -> dict:
    return {k: meta[k] for k in KEEP if k in meta}


class AnchorIds:
    """A page's ids for MkDocs's check of links from other pages (`anchor in ids`), in
    one string: a few bytes per id instead of a set entry's ~80."""

    __slots__ = ("_ids",)

    def __init__(self, ids):
        self._ids = "\n" + "\n".join(ids) + "\n"

    def __contains__(self, anchor) -> bool:
        return isinstance(anchor, str) and "\n" not in anchor and f"\n{anchor}\n" in self._ids


def _check_own_anchors(page, config, files) -> None:
    """Check the page's links to its own anchors now (MkDocs's check, same messages) and
    keep only its links to other pages for MkDocs's check at the end."""
    links = page.links_to_anchors
    own = links.pop(page.file, None) if links else None
    if own:
        page.links_to_anchors = {page.file: own}
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        page.links_to_anchors = links
    if page.present_anchor_ids is not None:
        page.present_anchor_ids = AnchorIds(page.present_anchor_ids)


class Spool:
    """One build's temporary folder, the spooled pages in it, and the progress counts."""

    def __init__(self):
        self.dir: Path | None = None
        self.files: dict[str, Path] = {}
        self.total = self.converted = self.written = 0
        self.started = time.perf_counter()

    def _cleanup(self) -> None:
        folder, self.dir = self.dir, None
        if folder:
            shutil.rmtree(folder, ignore_errors=True)

    def on_pre_build(self, config):
        self._cleanup()
        self.dir = Path(tempfile.mkdtemp(prefix="ja-spool-"))
        self.files, self.total, self.converted, self.written = {}, 0, 0, 0
        self.started = time.perf_counter()

    def on_files(self, files, config):
        self.total = len(files.documentation_pages())
        return files

    def _tick(self, key: str, verb: str) -> None:
        n = getattr(self, key) + 1
        setattr(self, key, n)
        if n % PROGRESS == 0 or n == self.total:
            log.info("%s %d of %d pages (%.0f s)", verb, n, self.total, time.perf_counter() - self.started)

    def on_page_content(self, html, page, config, files):
        self._tick("converted", "converted")
        if self.dir is None:
            return html
        _check_own_anchors(page, config, files)
        path = self.dir / f"{len(self.files)}.pickle"
        kept = {"content": html, "toc": page.toc, "meta": page.meta}
        path.write_bytes(pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
        self.files[page.file.src_uri] = path
        page.markdown = ""  # not None: Page.title is None while markdown is
        page.toc = []
        page.meta = _slim(page.meta)
        return ""

    def on_page_context(self, context, page, config, nav):
        path = self.files.get(page.file.src_uri)
        if path is not None:
            kept = pickle.loads(path.read_bytes())
            page.content, page.toc, page.meta = kept["content"], kept["toc"], kept["meta"]
        return context

    def on_post_page(self, output, page, config):
        path = self.files.pop(page.file.src_uri, None)
        if path is not None:
            page.content = None
            page.toc = []
            page.meta = _slim(page.meta)
            path.unlink(missing_ok=True)
        self._tick("written", "written")
        return compact_html(output)

    def on_post_build(self, config):
        self._cleanup()
        # the last hook: the site is complete (search bundles included; make serve: once they are)
        if config is not None:
            deferred.do(size.warn if deferred.preview else size.check, config)

    def on_build_error(self, error):
        self._cleanup()


hooks = Spool()
on_pre_build, on_files, on_page_content = hooks.on_pre_build, hooks.on_files, hooks.on_page_content
on_page_context, on_post_page, on_post_build, on_build_error = (hooks.on_page_context, hooks.on_post_page,
                                                                 hooks.on_post_build, hooks.on_build_error)
