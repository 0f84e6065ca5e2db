"""MkDocs hook (listed last): keep a large build's memory flat, trim the written
pages' indentation (archive_site/compact.py), and report progress.

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
"""

from __future__ import annotations

import logging
import pickle
import shutil
import tempfile
import time
from pathlib import Path

from .compact import compact_html

log = logging.getLogger("mkdocs.hooks.spool")

PROGRESS = 500
_state: dict = {"dir": None}


def _cleanup() -> None:
    folder, _state["dir"] = _state.get("dir"), None
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def on_pre_build(config):
    _cleanup()
    _state.update(dir=Path(tempfile.mkdtemp(prefix="ja-spool-")), files={}, total=0, converted=0, written=0,
                  started=time.perf_counter())


def on_files(files, config):
    _state["total"] = len(files.documentation_pages())
    return files


def _tick(key: str, verb: str) -> None:
    _state[key] += 1
    n, total = _state[key], _state["total"]
    if n % PROGRESS == 0 or n == total:
        log.info("%s %d of %d pages (%.0f s)", verb, n, total, time.perf_counter() - _state["started"])


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


def on_page_content(html, page, config, files):
    _tick("converted", "converted")
    folder = _state.get("dir")
    if folder is None:
        return html
    _check_own_anchors(page, config, files)
    path = folder / f"{len(_state['files'])}.pickle"
    kept = {"content": html, "toc": page.toc, "meta": page.meta}
    path.write_bytes(pickle.dumps(kept, pickle.HIGHEST_PROTOCOL))
    _state["files"][page.file.src_uri] = path
    page.markdown = ""  # not None: Page.title is None while markdown is
    page.toc = []
    page.meta = _slim(page.meta)
    return ""


def on_page_context(context, page, config, nav):
    path = _state["files"].get(page.file.src_uri) if _state.get("files") else None
    if path is not None:
        kept = pickle.loads(path.read_bytes())
        page.content, page.toc, page.meta = kept["content"], kept["toc"], kept["meta"]
    return context


def on_post_page(output, page, config):
    path = _state["files"].pop(page.file.src_uri, None) if _state.get("files") else None
    if path is not None:
        page.content = None
        page.toc = []
        page.meta = _slim(page.meta)
        path.unlink(missing_ok=True)
    _tick("written", "written")
    return compact_html(output)


def on_post_build(config):
    _cleanup()


def on_build_error(error):
    _cleanup()
