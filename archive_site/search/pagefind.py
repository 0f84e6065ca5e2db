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
from ..pages import nav
from . import browser
from .docs import ARTICLE_TAG, INDEXED_KINDS, RECORD_ANCHOR, mark_page, record_doc, with_hidden
from .service import BUNDLE, PagefindService, overlap
from .shards import ShardWriter, write_manifest

log = logging.getLogger("mkdocs.hooks.pagefind")

_TAG = re.compile(r"<[^>]*>")


def _enabled() -> bool:
    return os.environ.get("JOURNAL_ARCHIVE_SEARCH", "1") != "0"


class PagefindIndex:
    """One build's search index: the settings, the shard writers, the pages waiting to be
    indexed, the kept catalogue records and the characters seen (for the t2s table)."""

    def __init__(self):
        self.settings = section({}, "search", SearchConfig)
        self.text: ShardWriter | None = None
        self.chars: set[str] = set()
        self.early: set[str] = set()  # pages indexed as MkDocs converted them
        self.later: list[tuple[Path, str]] = []  # pages as indexed, waiting for the end of the build
        self.later_dir: str | None = None
        self.records = None  # temporary file of (record HTML, URL) lines
        self.indexed = 0
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
        self.chars, self.early, self.later, self.indexed, self.records = set(), set(), [], 0, None
        self.env = self.nav = self.pages = self.portal = None
        self.early_s = 0.0
        self.overlap = self.text_early = False
        if _enabled():
            self.started = time.perf_counter()
            self.overlap = self.text_early = overlap()
            self.text = ShardWriter(config["site_dir"], "text", self.settings.text_shard)

    def on_nav(self, nav, config, files):
        # the documentation pages listed once: MkDocs's get_context lists them from a Files object
        # on every call (10 ms per page on a 10,000-article archive, quadratic in all)
        self.nav, self.pages = nav, files.documentation_pages()
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
            doc = mark_page(self._render_article(page, config), page)
        except Exception as exc:  # noqa: BLE001 - fall back to indexing the final page in on_post_page
            log.debug("pagefind: early render of %s failed (%s), indexed after rendering", page.file.src_uri, exc)
            return html_content
        if "data-pagefind-body" in doc:
            self._feed(doc, "/" + page.url)
            self._keep_record(page)
            self.early.add(page.file.src_uri)
        self.early_s += time.perf_counter() - t0
        return html_content

    def _feed(self, doc: str, url: str) -> None:
        """The page (scope "text") to the current full-text shard."""
        self.text.add(doc, url)
        body = doc[doc.index("data-pagefind-body"):]
        self.chars.update(c for c in _TAG.sub(" ", body) if ord(c) > 0x2FFF)

    def _keep_record(self, page) -> None:
        """The page's catalogue record (scope "record"), made from its front matter now and
        kept in a temporary file until the pages are indexed: MkDocs's page objects then need
        not keep the whole front matter to the end of the build (archive_site/pages/spool.py)."""
        if self.records is None:
            self.records = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.records.write(json.dumps([record_doc(page.meta, page.title or ""), "/" + page.url + RECORD_ANCHOR],
                                      ensure_ascii=False) + "\n")
        self.indexed += 1

    def _kept_records(self):
        """(record HTML, URL) of every indexed page, in order."""
        if self.records is None:
            return
        self.records.seek(0)
        for line in self.records:
            yield json.loads(line)

    def _discard(self) -> None:
        """Stop the indexing service and drop the temporary records and pages."""
        self._stop()
        records, self.records = self.records, None
        if records is not None:
            records.close()
        if self.later_dir:
            shutil.rmtree(self.later_dir, ignore_errors=True)
            self.later_dir = None

    def on_build_error(self, error):
        self._discard()

    def on_post_page(self, output, page, config):
        if page.meta.get("portal_sites"):  # a portal's home page (archive_site/portal.py)
            self.portal = [str(u) for u in page.meta["portal_sites"]]
        written = mark_page(output, page, hidden=False)
        if "data-pagefind-body" not in written or page.file.src_uri in self.early or not _enabled():
            return written
        self._keep_record(page)
        if self.text_early:
            self._feed(with_hidden(written, page), "/" + page.url)
        else:  # indexed after the build: the page as indexed waits in a temporary file
            if self.later_dir is None:
                self.later_dir = tempfile.mkdtemp(prefix="ja-pagefind-")
            path = Path(self.later_dir) / f"{len(self.later)}.html"
            path.write_text(with_hidden(written, page), encoding="utf-8")
            self.later.append((path, "/" + page.url))
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

    def _index_later(self) -> None:
        """No free core during the build: index the pages now, a shard at a time."""
        for i, (path, url) in enumerate(self.later, 1):
            self._feed(path.read_text(encoding="utf-8"), url)
            path.unlink()
            if i % 500 == 0:
                log.info("pagefind: %d of %d pages handed to the full-text index", i, len(self.later))
        self.later = []

    def on_post_build(self, config):
        if not _enabled():
            log.info("pagefind: skipped (JOURNAL_ARCHIVE_SEARCH=0)")
            return
        text = self.text
        t0 = time.perf_counter()
        site = Path(config["site_dir"])
        if self.portal and not self.indexed and not self.later:
            self._stop()
            self._write_portal(site, self.portal)
            return
        try:
            if not self.overlap:
                self._index_later()
            records_size = self.settings.record_shard
            text.settle()
            if not text.bundles and text.svc is not None and text.docs <= records_size:
                # everything fits one bundle (a small archive): the records go into the same
                # service, written as the primary bundle; no second service to start
                records = text
                records.primary, records.size, records.name = True, text.docs + records_size + 1, "pages + records"
                self._index_records(records)
                bundles = (records.bundles, [])
            else:
                text.flush()
                records = ShardWriter(site, "records", records_size, primary=True)
                try:
                    self._index_records(records)
                finally:
                    records.close()
                bundles = (records.bundles, text.bundles)
        finally:
            self._discard()
        write_manifest(site, *bundles, text_after=self.settings.text_after)
        table = t2s_table(self.chars)
        browser.write(site, table)
        self._report(site, time.perf_counter() - t0, bundles, max(text.peak_mb, records.peak_mb), len(table))

    def _report(self, site: Path, waited: float, bundles, peak: float, t2s_entries: int) -> None:
        size = sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file())
        n = self.indexed
        if self.overlap:
            log.info("pagefind: early render + hand-over %.2f s", self.early_s)
        log.info("pagefind: %d pages in %d full-text bundles, %d records in %d record bundles, indexed %s, "
                 "%.2f s after the last page (%.1f s since build start), peak RSS %.0f MB, bundles %.0f KB, t2s %d entries",
                 n, len(bundles[1]) or 1, n, len(bundles[0]),
                 "beside the build" if self.overlap else "after the build", waited,
                 time.perf_counter() - self.started, peak, size / 1024, t2s_entries)
        stats = os.environ.get("JOURNAL_ARCHIVE_SEARCH_STATS")
        if stats:
            Path(stats).write_text(json.dumps({"pages": 2 * n, "tail_s": waited, "peak_mb": peak,
                                               "bundle_bytes": size, "t2s_entries": t2s_entries, "overlap": self.overlap,
                                               "text_bundles": bundles[1], "record_bundles": bundles[0]}),
                                   encoding="utf-8")


hooks = PagefindIndex()
on_config, on_pre_build, on_nav, on_page_content = hooks.on_config, hooks.on_pre_build, hooks.on_nav, hooks.on_page_content
on_post_page, on_build_error, on_post_build = hooks.on_post_page, hooks.on_build_error, hooks.on_post_build
