"""MkDocs hook (listed last): keep a large build's memory flat, and report progress.

MkDocs converts every page's Markdown to HTML before it renders any template, and
keeps each page's Markdown and HTML to the end of the build: on a 10,000-article
archive that alone is gigabytes. So, after every other hook has seen it:

- on_page_content: the page's HTML goes to a temporary file (page.content is left
  empty) and its Markdown source is dropped;
- on_page_context: the HTML is read back just before the page's template is rendered;
- on_post_page: it is dropped again once the page is written.

Progress: MkDocs prints nothing between reading the pages and "Documentation built";
this logs a line every PROGRESS pages of each phase (converted, written).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path

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


def on_page_content(html, page, config, files):
    _tick("converted", "converted")
    folder = _state.get("dir")
    if folder is None:
        return html
    path = folder / f"{len(_state['files'])}.html"
    path.write_text(html, encoding="utf-8")
    _state["files"][page.file.src_uri] = path
    page.markdown = ""  # not None: Page.title is None while markdown is
    return ""


def on_page_context(context, page, config, nav):
    path = _state["files"].get(page.file.src_uri) if _state.get("files") else None
    if path is not None:
        page.content = path.read_text(encoding="utf-8")
    return context


def on_post_page(output, page, config):
    path = _state["files"].pop(page.file.src_uri, None) if _state.get("files") else None
    if path is not None:
        page.content = None
        path.unlink(missing_ok=True)
    _tick("written", "written")
    return output


def on_post_build(config):
    _cleanup()


def on_build_error(error):
    _cleanup()
