"""MkDocs hook: Pagefind search (replaces Material's built-in lunr search).

- on_post_page: article and document pages get `data-pagefind-body` on their
  <article> (so only they are indexed, without nav, header, footer) and a
  hidden block of Pagefind metadata (title, authors, journal, year, issue) and
  filters (journal, year, section, author, scope) read from the front matter.
- Each indexed page also goes to Pagefind as a catalogue record (docs.record_doc:
  titles, authors, keywords, abstracts; filter scope=record) at URL#ja-record,
  which search.js searches first (see docs.RECORD_ANCHOR).
- Indexing runs in Pagefind's indexing service (service.PagefindService:
  the extended binary from the pagefind_bin_extended wheel, `--service`), in shards
  (shards.py): at most extra.search.text_shard pages per full-text bundle
  and extra.search.record_shard records per record bundle, one service at a time, so
  memory depends on the shard size, not on the archive. When a core is free, each page
  is handed over as soon as MkDocs has converted it (on_page_content), so Pagefind parses
  and segments beside the build; otherwise the pages as indexed wait in temporary files
  for on_post_build. The records are made from each page's front matter as it is indexed,
  wait in a temporary file and are indexed after the pages; then
  on_post_build writes bundles.json (the list of bundles) and search.json (browser.py:
  what the search box shares with Python, and the t2s table of the characters of the
  indexed pages, gathered on the way).
  JOURNAL_ARCHIVE_SEARCH=0 skips indexing; JOURNAL_ARCHIVE_SEARCH_OVERLAP=1/0 forces
  indexing beside / after the build; JOURNAL_ARCHIVE_SEARCH_STATS=<file> writes the
  indexing figures (time waited at the end, Pagefind's peak RSS) as JSON.

Settings: extra.search (archive_site/config.py SearchConfig), checked in on_config. The
state of a build is one object, `hooks` (a PagefindIndex); the module's on_* names are its
methods, which hooks/pagefind_hook.py hands to MkDocs.

The search box itself is theme/partials/search.html + theme/assets/javascripts/search-core.js
(query shaping, whole-string check, excerpt choice) + search.js (the page and Pagefind).
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

from generator.cjk import t2s_table

from ..config import SearchConfig, section
from .. import incremental
from ..pages import deps, nav
from ..pages.compact import compact_html
from ..preview import deferred
from . import browser
from .docs import ARTICLE_TAG, INDEXED_KINDS, RECORD_ANCHOR, SHOWN_KEYS, chars_of as _chars, mark_page, record_doc, with_hidden
from .service import BUNDLE, PagefindService, overlap
from .rebuild import Plan as _Plan, finish_clean, report
from .shards import ShardWriter, ends_shard, shard_name, write_manifest

log = logging.getLogger("mkdocs.hooks.pagefind")

_TAG = re.compile(r"<[^>]*>")


def _enabled() -> bool:
    return os.environ.get("JOURNAL_ARCHIVE_SEARCH", "1") != "0"


class PagefindIndex:
    """One build's search index: the settings, the shard writers, the pages waiting to be
    indexed, the kept catalogue records and the characters seen (for the t2s table).

    The full-text shards are shards.cuts() of the indexed pages, in page order. A clean build
    streams the pages into them as they come (the first text_shard pages wait in temporary
    files until it is known whether the archive needs separate shards at all, or one bundle
    of pages and records); an incremental build (archive_site/incremental.py) indexes again
    only the shards holding a page it rendered, or whose pages changed, from the pages as
    written, and the record bundles when a record changed."""

    def __init__(self):
        self.settings = section({}, "search", SearchConfig)
        self.text: ShardWriter | None = None
        self.early: set[str] = set()  # pages indexed as MkDocs converted them
        self.pending: list[tuple[str, str, Path]] = []  # (src, URL, document file): not yet in a shard
        self.spool_dir: str | None = None
        self.separate = False  # the pages go into full-text shards of their own (not one bundle with the records)
        self.chunk: list[str] = []  # the current shard's pages (a clean build)
        self.chunks: list[tuple[str, list[str]]] = []  # (folder, pages) of the full-text shards, in order
        self.chars: dict[str, set[str]] = {}  # folder -> characters of its pages
        self.records = None  # temporary file of (src, record HTML, URL) lines
        self.indexed = 0
        self.plan = None  # an incremental build's: the shards to index again
        self.env = self.nav = self.pages = self.portal = None
        self.overlap = self.text_early = False
        self.early_s = 0.0
        self.started = time.perf_counter()

    def on_config(self, config):
        self.settings = section(config, "search", SearchConfig)
        return config

    def _stop(self) -> None:
        text, self.text = self.text, None
        if text is not None:
            text.close()

    def on_pre_build(self, config):
        self._discard()
        self.early, self.pending, self.indexed, self.records = set(), [], 0, None
        self.separate, self.chunk, self.chunks, self.chars, self.plan = False, [], [], {}, None
        self.env = self.nav = self.pages = self.portal = None
        self.early_s = 0.0
        self.overlap = self.text_early = False
        if _enabled():
            self.started = time.perf_counter()
            self.overlap = self.text_early = not incremental.hooks.incremental and overlap()
            self.text = ShardWriter(config["site_dir"], "text", self.settings.text_shard, cuts=True)

    def on_nav(self, nav, config, files):
        # the documentation pages listed once: MkDocs's get_context lists them from a Files object
        # on every call (10 ms per page on a 10,000-article archive, quadratic in all)
        self.nav, self.pages = nav, files.documentation_pages()
        if _enabled() and incremental.hooks.incremental:
            self.plan = _Plan(self, files)
        return nav

    def _early_env(self, config):
        """A Jinja env for rendering only the `content` block of article.html before MkDocs's
        own template phase, with the same filters and globals (nav.install); an href may still
        lack its anchor then (hrefs are not indexed), the text is the same."""
        if self.env is None:
            env = config.theme.get_env()
            nav.install(env)
            self.env = env
        return self.env

    def _render_article(self, page, config) -> str:
        from mkdocs.commands.build import get_context

        env = self._early_env(config)
        template = env.get_template(page.meta.get("template") or "main.html")
        ctx = template.new_context(get_context(self.nav, self.pages, config, page))
        ctx.vars["lang"] = env.get_template("partials/language.html").make_module(ctx.get_all())
        block = "".join(template.blocks["content"](ctx))
        return f'<html lang="zh"><head><title></title></head><body>{ARTICLE_TAG}{block}</article></body></html>'

    def on_page_content(self, html_content, page, config, files):
        """Hand the page to Pagefind now, while MkDocs is still converting the other pages
        (its templates are only rendered once every page is converted, so waiting for
        on_post_page would leave Pagefind idle for most of the build)."""
        if not self.text_early or page.meta.get("kind") not in INDEXED_KINDS or self.nav is None:
            return html_content
        t0 = time.perf_counter()
        try:
            page.content = html_content
            with deps.paused():  # the early render feeds Pagefind only: the page's HTML is rendered later
                doc = mark_page(self._render_article(page, config), page)
        except Exception as exc:  # noqa: BLE001 - fall back to indexing the final page in on_post_page
            log.debug("pagefind: early render of %s failed (%s), indexed after rendering", page.file.src_uri, exc)
            return html_content
        if "data-pagefind-body" in doc:
            self._keep_record(page)
            self._index(page.file.src_uri, "/" + page.url, doc)
            self.early.add(page.file.src_uri)
        self.early_s += time.perf_counter() - t0
        return html_content

    def _spool(self, doc: str) -> Path:
        if self.spool_dir is None:
            self.spool_dir = tempfile.mkdtemp(prefix="ja-pagefind-")
        path = Path(self.spool_dir) / f"{self.indexed}-{len(self.pending)}.html"
        path.write_text(doc, encoding="utf-8")
        return path

    def _index(self, src: str, url: str, doc: str) -> None:
        """A clean build: the page into its full-text shard (or waiting, while the archive may
        still turn out to fit one bundle)."""
        if self.separate:
            self._shard(src, url, doc)
            return
        self.pending.append((src, url, self._spool(doc)))
        if len(self.pending) >= self.settings.text_shard:
            self._separate()

    def _separate(self) -> None:
        self.separate = True
        pending, self.pending = self.pending, []
        for src, url, path in pending:
            self._shard(src, url, path.read_text(encoding="utf-8"))
            path.unlink()

    def _shard(self, src: str, url: str, doc: str) -> None:
        if not self.chunk:
            self.chunks.append((shard_name(url), self.chunk))
        name = self.chunks[-1][0]
        self.text.add(doc, url)
        self.chunk.append(src)
        self.chars.setdefault(name, set()).update(_chars(doc))
        if ends_shard(url, len(self.chunk), self.settings.text_shard):
            self.text.cut(name)
            self.chunk = []

    def _keep_record(self, page) -> None:
        """The page's catalogue record (scope "record"), made from its front matter now and
        kept in a temporary file until the pages are indexed: MkDocs's page objects then need
        not keep the whole front matter to the end of the build (archive_site/pages/spool.py).
        The incremental build keeps it in its manifest too, with what the search blocks show."""
        if self.records is None:
            self.records = tempfile.TemporaryFile("w+", encoding="utf-8")
        src = page.file.src_uri
        record = [record_doc(page.meta, page.title or ""), "/" + page.url + RECORD_ANCHOR]
        self.records.write(json.dumps([src, *record], ensure_ascii=False) + "\n")
        incremental.hooks.put(src, "search", {"record": record, "title": page.title or "",
                                              "meta": {k: page.meta[k] for k in SHOWN_KEYS if k in page.meta}})
        self.indexed += 1

    def _kept_records(self):
        """(record HTML, URL) of every indexed page, in page order (a kept page's from the manifest)."""
        new = {}
        if self.records is not None:
            self.records.seek(0)
            for line in self.records:
                src, doc, url = json.loads(line)
                new[src] = (doc, url)
        for f in self.pages or []:
            if f.src_uri in new:
                yield new[f.src_uri]
            elif incremental.hooks.skipped(f.src_uri) and incremental.hooks.get(f.src_uri, "search"):
                yield tuple(incremental.hooks.get(f.src_uri, "search")["record"])

    def _discard(self) -> None:
        """Stop the indexing service and drop the temporary records and pages."""
        self._stop()
        records, self.records = self.records, None
        if records is not None:
            records.close()
        if self.spool_dir:
            shutil.rmtree(self.spool_dir, ignore_errors=True)
            self.spool_dir = None

    def on_build_error(self, error):
        self._discard()

    def on_post_page(self, output, page, config):
        if page.meta.get("portal_sites"):  # a portal's home page (archive_site/portal.py)
            self.portal = [str(u) for u in page.meta["portal_sites"]]
        written = mark_page(output, page, hidden=False)
        src = page.file.src_uri
        if "data-pagefind-body" not in written or src in self.early or not _enabled():
            return written
        self._keep_record(page)
        doc = with_hidden(compact_html(written), page)  # as the page is written (spool.py compacts it)
        if self.plan is not None:
            self.plan.rendered(src, self._spool(doc))
        else:
            self._index(src, "/" + page.url, doc)
        return written

    def _index_records(self, records: ShardWriter) -> ShardWriter:
        """Every kept catalogue record to `records`, its last bundle written."""
        for doc, url in self._kept_records():
            records.add(doc, url)
        records.flush()
        return records

    def _write_portal(self, site: Path, sites: list[str]) -> None:
        """A portal indexes nothing: an empty primary bundle (pagefind.js, its wasm) to search
        with, and bundles.json naming the journals' sites, whose bundles search.js merges."""
        PagefindService().write(site / BUNDLE)
        write_manifest(site, [], [], sites=sites, text_after=self.settings.text_after)
        browser.write(site, t2s_table())
        log.info("pagefind: portal over %d sites: %s", len(sites), " ".join(sites))

    def on_post_build(self, config):
        deferred.do(self._write_bundles, config)  # make serve: after the pages are shown

    def _write_bundles(self, config):
        if not _enabled():
            log.info("pagefind: skipped (JOURNAL_ARCHIVE_SEARCH=0)")
            return
        t0 = time.perf_counter()
        site = Path(config["site_dir"])
        if self.portal and not self.indexed and not self.pending and self.plan is None:
            self._stop()
            self._write_portal(site, self.portal)
            return
        try:
            bundles, peak = self.plan.finish(site) if self.plan is not None else finish_clean(self, site)
        finally:
            self._discard()
        state = {"combined": not bundles[1], "chunks": self.chunks, "records": bundles[0],
                 "chars": {k: "".join(sorted(v)) for k, v in self.chars.items()},
                 "pages": [f.src_uri for f in self.pages or [] if f.page is not None and f.page.meta.get("kind") in INDEXED_KINDS]}
        incremental.hooks.site_files["search"] = state
        write_manifest(site, *bundles, text_after=self.settings.text_after)
        table = t2s_table(set().union(*self.chars.values()))
        browser.write(site, table)
        report(self, site, time.perf_counter() - t0, bundles, peak, len(table))

hooks = PagefindIndex()
on_config, on_pre_build, on_nav, on_page_content = hooks.on_config, hooks.on_pre_build, hooks.on_nav, hooks.on_page_content
on_post_page, on_build_error, on_post_build = hooks.on_post_page, hooks.on_build_error, hooks.on_post_build
