"""MkDocs hook: the incremental site build (issue 24). A page's HTML is a function of its own
content/ file (and its date: the sitemap's lastmod, the online citation's access date), the
site's code, theme and configuration (one key: `site_key`), and what it reads of other pages
while it is rendered (archive_site/pages/deps.py notes each lookup and the value it got).
`python -m archive_site.build` (make site) builds MkDocs "dirty" when a manifest of the last
build of the same site folder holds the same site key: then a page is read, converted and
rendered only when its file changed or a value it read of another page did; every other page
keeps its written files, and what the site-wide files need of it (its front matter as others
read it, its anchors, its feed entry, its search record, ...) comes from the manifest. Files of
pages that are gone are deleted; the site-wide files (sitemap, feed, archive.jsonl.gz, search
bundles: archive_site/search/pagefind.py) are written as a clean build writes them, so the
site is the same file for file (tests/test_site_incremental.py builds both ways and compares).

Without the manifest, or with another site key, the build is clean (every page), and writes
the manifest for the next one; plain `mkdocs build` and `mkdocs serve` build clean and write none. The manifest lives in
.cache/site-build/ (one per site folder); it is removed when a build starts and written when
it ends, so a build that fails or is killed leaves none and the next build is clean.

The state of a build is one object, `hooks` (a PageCache); hooks/incremental.py hands its
methods to MkDocs. Other hooks keep per-page data for skipped pages with put()/get().
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import posixpath
import re
import shutil
import tempfile
from pathlib import Path

from generator import meta as schema
from generator.unchanged import StatMemo, status

from .pages import deps
from .pages.spool import KEEP, AnchorIds
from .preview import deferred
from .site_key import site_key

log = logging.getLogger("mkdocs.hooks.incremental")

def manifest_path(config) -> Path:
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    site = str(Path(config["site_dir"]).resolve())
    return root / ".cache" / "site-build" / (hashlib.sha256(site.encode()).hexdigest()[:16] + ".pickle")


class PageCache:
    """One build: clean or incremental, the manifest of the last build, the records of this one."""

    def __init__(self):
        self.driver = False  # set by archive_site/build.py: MkDocs runs dirty, this hook decides
        self.force_clean = False
        self.incremental = False
        self.old: dict = {}  # the last build's page records (src -> record)
        self.records: dict[str, dict] = {}  # this build's
        self.dirty: set[str] = set()  # pages read and rendered in this build
        self.key = ""
        self.path: Path | None = None
        self.files = None
        self.site_files: dict = {}  # what the site-wide files' hooks keep between builds (search: pagefind.py)
        self.kinds: dict[str, str | None] = {}  # an incremental build's pages' kinds, known before they are read
        self.date_of = None  # src -> the date its HTML shows (scholarly/hook.py sets it: git or mtime)
        # one process building again and again (make serve): the manifest as it last wrote it, while
        # the file is that one, and each page's hash while its file is unchanged (generator/unchanged.py)
        self._written: tuple[tuple, dict] | None = None
        self._hashes = StatMemo()

    # ---------------------------------------------------------------- per-page data of other hooks

    def put(self, src: str, name: str, value) -> None:
        self.records.setdefault(src, {}).setdefault("data", {})[name] = value

    def get(self, src: str, name: str, default=None):
        """What a hook put() for page `src` in this build, or (a skipped page) in the last one."""
        record = self.records.get(src) or {}
        return (record.get("data") or {}).get(name, default)

    def skipped(self, src: str) -> bool:
        return self.incremental and src not in self.dirty

    # ---------------------------------------------------------------- hooks

    def on_config(self, config):
        self.path = manifest_path(config)
        self.key = site_key(config)
        self.old, self.incremental = {}, False
        if self.driver and not self.force_clean:
            try:
                saved = self._read_manifest()
                if saved.get("key") == self.key and Path(config["site_dir"]).is_dir():
                    self.old, self.incremental = saved["pages"], True
                    self.site_files = saved.get("site", {})
            except Exception:  # none, or unreadable: a clean build
                pass
        return config

    def _read_manifest(self) -> dict:
        with self.path.open("rb") as fh:
            st = status(os.fstat(fh.fileno()))
            if self._written is not None and self._written[0] == st:
                return self._written[1]
            return pickle.loads(fh.read())

    def on_pre_build(self, config):
        self.path.unlink(missing_ok=True)  # a build that does not finish leaves no manifest
        deferred.drop()  # a preview build never finished: its manifest was never written either
        self.records, self.dirty = {}, set()
        if self.driver and not self.incremental:  # MkDocs runs dirty under the driver: clean here
            from mkdocs import utils

            log.info("incremental: clean build (no manifest of a build of this site with this code and configuration)")
            utils.clean_directory(config["site_dir"])

    def _own_key(self, f) -> str:
        st = os.stat(f.abs_src_path)
        digest = self._hashes.get(f.abs_src_path, st)
        if digest is None:
            digest = hashlib.sha256(Path(f.abs_src_path).read_bytes()).hexdigest()
            self._hashes.put(f.abs_src_path, st, digest)
        return digest + "|" + (self.date_of(f.src_uri) if self.date_of else "")

    def on_files(self, files, config):
        self.files = files
        docs = files.documentation_pages()
        keys = {f.src_uri: self._own_key(f) for f in docs}
        if not self.incremental:
            self.dirty = set(keys)
            self._keys = keys
            return files
        changed = {src for src, k in keys.items() if (self.old.get(src) or {}).get("key") != k}
        views = {src: self._view_now(src, files, changed) for src in keys}
        self.kinds = {src: views[src][2] for src in keys}
        dirty = set(changed)
        for src in keys:
            if src in dirty:
                continue
            for dep, value in (self.old[src].get("deps") or {}).items():
                if self._value_now(dep, views, files) != value:
                    dirty.add(src)
                    break
        self.dirty, self._keys = dirty, keys
        for f in docs:
            f.is_modified = (lambda d: (lambda: d))(f.src_uri in dirty)
        log.info("incremental: %d of %d pages to render (%d changed)", len(dirty), len(keys), len(changed))
        return files

    def _view_now(self, src: str, files, changed: set[str]):
        """What page `src` will show the others in this build: (view, anchors)."""
        if src not in changed:
            old = self.old[src]
            keep = old.get("keep") or {}
            return old["view"], keep.get("anchors") or {}, keep.get("kind")
        f = files.get_file_from_path(src)
        fm = schema.parse(Path(f.abs_src_path).read_text(encoding="utf-8"))
        title = fm.get("title")
        return deps.view(title if title is not None else ("untitled", src), f.url, fm), fm.get("anchors") or {}, fm.get("kind")

    def _value_now(self, dep: tuple, views: dict, files):
        """The value lookup `dep` (deps.py) will get in this build."""
        kind, src = dep[0], dep[1]
        view, anchors, _kind = views.get(src) or (None, {}, None)
        if kind == "page":
            return view
        if kind == "anchor":
            return anchors.get(dep[2], "")
        if kind == "file":
            return view is not None
        return ("unknown",)  # a lookup this code does not know: render the page

    def on_nav(self, nav, config, files):
        """Every page gets its Page object now (MkDocs makes those of pages outside the nav while
        it reads them, too late for a skipped page), and a skipped page what others read of it."""
        from mkdocs.structure.pages import Page

        for f in files.documentation_pages():
            page = f.page if f.page is not None else Page(None, f, config)
            if not self.skipped(f.src_uri):
                continue
            old = self.old[f.src_uri]
            page.markdown = ""
            page.meta = dict(old["keep"])
            page._title_from_render = old.get("rendered_title")
            page.update_date = old["update_date"]
            page.present_anchor_ids = AnchorIds(old["ids"].split("\n")) if old.get("ids") is not None else None
            self.records[f.src_uri] = {**old, "data": dict(old.get("data") or {})}
        return nav

    def on_pre_page(self, page, config, files):
        record = self.records.setdefault(page.file.src_uri, {})
        record["deps"] = deps.start()
        record.setdefault("data", {})["outputs"] = [page.file.dest_uri]
        return page

    def add_output(self, src: str, rel: str) -> None:
        """A file page `src` writes into site/ besides its page (a download, its Markdown copy)."""
        self.records.setdefault(src, {}).setdefault("data", {}).setdefault("outputs", []).append(rel)

    def on_page_markdown(self, markdown, page, config, files):
        """The pages its Markdown links to: a link to a page that goes would fail the clean
        build (--strict), so it must fail this one too: the page is rendered again."""
        folder = posixpath.dirname(page.file.src_uri)
        for target in set(_MD_LINK.findall(markdown)):
            src = posixpath.normpath(posixpath.join(folder, target))
            deps.note(("file", src), files.get_file_from_path(src) is not None)
        return markdown

    def on_page_content(self, html, page, config, files):
        record = self.records[page.file.src_uri]
        record["key"] = self._keys[page.file.src_uri]
        record["keep"] = {k: page.meta[k] for k in KEEP if k in page.meta}
        record["rendered_title"] = page._title_from_render
        record["view"] = deps.view(page.title, page.url, page.meta)
        record["update_date"] = page.update_date
        ids = page.present_anchor_ids
        record["ids"] = None if ids is None else "\n".join(sorted(ids))
        deps.stop()
        return html

    def on_page_context(self, context, page, config, nav):
        deps.resume(self.records[page.file.src_uri]["deps"])
        return context

    def on_post_page(self, output, page, config):
        deps.stop()
        self.dirty.add(page.file.src_uri)
        return output

    def on_build_error(self, error):
        deps.stop()
        deferred.drop()
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    def on_post_build(self, config):
        deps.stop()
        docs = {f.src_uri for f in self.files.documentation_pages()}
        if self.incremental:
            self._sweep(config, docs)
        if not self.driver:  # plain `mkdocs build` / `mkdocs serve` (a temporary folder): no manifest
            return
        pages = {src: r for src, r in self.records.items() if src in docs and "key" in r}
        deferred.do(self._write_manifest, pages)

    def _write_manifest(self, pages: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        saved = {"key": self.key, "pages": pages, "site": self.site_files}
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(saved, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, self.path)
        self._written = (status(self.path.stat()), saved)

    def outputs(self, src: str) -> list[str]:
        """The files page `src` wrote into site/ (its page, downloads, Markdown copy)."""
        return list((self.records.get(src) or {}).get("data", {}).get("outputs", []))

    def _sweep(self, config, docs: set[str]) -> None:
        """Delete what pages that are gone wrote (nothing else of the last build is stale: a
        page kept has its files, a page rendered rewrote its own)."""
        site = Path(config["site_dir"]).resolve()
        keep = {p for src in docs for p in self.outputs(src)}
        folders = set()
        for src, old in self.old.items():
            if src in docs and src not in self.dirty:
                continue
            for rel in (old.get("data") or {}).get("outputs", []):
                if rel not in keep:
                    path = (site / rel).resolve()
                    if site in path.parents and path.is_file():
                        path.unlink()
                        folders.add(path.parent)
        for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
            while folder != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


_MD_LINK = re.compile(r"\]\(([^()\s#]+\.md)(?:#[^()\s]*)?\)")

hooks = PageCache()
on_config, on_pre_build, on_files, on_nav = hooks.on_config, hooks.on_pre_build, hooks.on_files, hooks.on_nav
on_pre_page, on_page_markdown = hooks.on_pre_page, hooks.on_page_markdown
on_page_content, on_page_context = hooks.on_page_content, hooks.on_page_context
on_post_page, on_build_error, on_post_build = hooks.on_post_page, hooks.on_build_error, hooks.on_post_build

__all__ = ["PageCache", "hooks", "manifest_path", "shutil", "site_key"]
