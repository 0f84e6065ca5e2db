"""MkDocs hook: Pagefind search (replaces Material's built-in lunr search).

- on_post_page: article and document pages get `data-pagefind-body` on their
  <article> (so only they are indexed, without nav, header, footer) and a
  hidden block of Pagefind metadata (title, authors, journal, year, issue) and
  filters (journal, year, section, author, scope) read from the front matter.
- Each indexed page also goes to Pagefind as a catalogue record (search_docs.record_doc:
  titles, authors, keywords, abstracts; filter scope=record) at URL#ja-record,
  which search.js searches first (see search_docs.RECORD_ANCHOR).
- Indexing runs in Pagefind's indexing service (search_index.PagefindService:
  the extended binary from the pagefind_bin_extended wheel, `--service`), in shards
  (archive_site/shards.py): at most extra.search.text_shard pages per full-text bundle
  and extra.search.record_shard records per record bundle, one service at a time, so
  memory depends on the shard size, not on the archive. When a core is free, each page
  is handed over as soon as MkDocs has converted it (on_page_content), so Pagefind parses
  and segments beside the build; otherwise the pages as indexed wait in temporary files
  for on_post_build. The records are made from each page's front matter as it is indexed,
  wait in a temporary file and are indexed after the pages; then
  on_post_build writes bundles.json (the list of bundles) and the t2s table (from the
  characters of the indexed pages, gathered on the way).
  JOURNAL_ARCHIVE_SEARCH=0 skips indexing; JOURNAL_ARCHIVE_SEARCH_OVERLAP=1/0 forces
  indexing beside / after the build; JOURNAL_ARCHIVE_SEARCH_STATS=<file> writes the
  indexing figures (time waited at the end, Pagefind's peak RSS) as JSON.

The search box itself is theme/partials/search.html + theme/assets/javascripts/search.js.
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

from ..pages import nav
from .docs import (GRAMS_ID, RECORD_ANCHOR, SCOPE, SCOPE_RECORD, SCOPE_TEXT, WEIGHTS,  # noqa: F401
                          grams_block, ngrams, pagefind_block, record_doc)
from .service import BUNDLE, PagefindService, idle_cpus, t2s_table, write_t2s
from .shards import ShardWriter, write_manifest

# Documents per bundle (extra.search.text_shard / record_shard in mkdocs.yml): Pagefind's
# service holds a whole bundle in memory while indexing, ~2.7 MB per article page and
# ~0.17 MB per catalogue record (about 2.6 GB either way), so these bound the build's memory.
# One record bundle for up to 15,000 records: a first query fetches and searches it alone.
TEXT_SHARD, RECORD_SHARD = 1000, 15000
# With separate full-text bundles, a query with at least this many catalogue-record matches
# (extra.search.text_after) leaves the full text until the reader has paged past them.
TEXT_AFTER = 10

log = logging.getLogger("mkdocs.hooks.pagefind")

INDEXED_KINDS = ("article", "document")
_ARTICLE_TAG = '<article class="md-content__inner md-typeset">'


_state: dict = {"text": None, "chars": set()}
_TAG = re.compile(r"<[^>]*>")


def _enabled() -> bool:
    return os.environ.get("JOURNAL_ARCHIVE_SEARCH", "1") != "0"


def _stop() -> None:
    text, _state["text"] = _state["text"], None
    if text is not None:
        text.close()


def _shard_size(config, key: str, default: int) -> int:
    return int(((config.get("extra") or {}).get("search") or {}).get(key) or default)


def _overlap() -> bool:
    """Index beside the build only when a core is free for Pagefind: on a machine whose
    cores are all busy, the service and MkDocs would just take turns (slower than
    indexing after the build). JOURNAL_ARCHIVE_SEARCH_OVERLAP=1/0 forces it on/off."""
    mode = os.environ.get("JOURNAL_ARCHIVE_SEARCH_OVERLAP", "auto")
    if mode in ("0", "1"):
        return mode == "1"
    idle = idle_cpus()
    if idle is None:  # not Linux: fall back on the load average where there is one
        try:
            idle = (os.cpu_count() or 1) - os.getloadavg()[0]
        except (AttributeError, OSError):
            return False
    # MkDocs takes one core; Pagefind needs most of another
    return idle >= 1.6


def on_pre_build(config):
    _discard()
    _state.update(chars=set(), early=set(), later=[], indexed=0, records=None, env=None, nav=None, pages=None,
                  early_s=0.0, portal=None)
    if _enabled():
        _state["started"] = time.perf_counter()
        overlap = _overlap()
        _state["overlap"] = overlap
        _state["text"] = ShardWriter(config["site_dir"], "text", _shard_size(config, "text_shard", TEXT_SHARD))
        _state["text_early"] = overlap


def on_nav(nav, config, files):
    # the documentation pages listed once: MkDocs's get_context lists them from a Files object
    # on every call (10 ms per page on a 10,000-article archive, quadratic in all)
    _state["nav"], _state["pages"] = nav, files.documentation_pages()
    return nav


def _early_env(config):
    """A Jinja env for rendering only the `content` block of article.html before MkDocs's
    own template phase, with the same filters and globals (nav.install); an href may still
    lack its anchor then (hrefs are not indexed), the text is the same."""
    if _state["env"] is None:
        env = config.theme.get_env()
        nav.install(env)
        _state["env"] = env
    return _state["env"]


def _render_article(page, config) -> str:
    from mkdocs.commands.build import get_context

    env = _early_env(config)
    template = env.get_template(page.meta.get("template") or "main.html")
    ctx = template.new_context(get_context(_state["nav"], _state["pages"], config, page))
    ctx.vars["lang"] = env.get_template("partials/language.html").make_module(ctx.get_all())
    block = "".join(template.blocks["content"](ctx))
    return f'<html lang="zh"><head><title></title></head><body>{_ARTICLE_TAG}{block}</article></body></html>'


def on_page_content(html_content, page, config, files):
    """Hand the page to Pagefind now, while MkDocs is still converting the other pages
    (its templates are only rendered once every page is converted, so waiting for
    on_post_page would leave Pagefind idle for most of the build)."""
    if not _state.get("text_early") or page.meta.get("kind") not in INDEXED_KINDS or _state["nav"] is None:
        return html_content
    t0 = time.perf_counter()
    try:
        page.content = html_content
        doc = mark_page(_render_article(page, config), page)
    except Exception as exc:  # noqa: BLE001 - fall back to indexing the final page in on_post_page
        log.debug("pagefind: early render of %s failed (%s), indexed after rendering", page.file.src_uri, exc)
        return html_content
    if "data-pagefind-body" in doc:
        _feed(doc, "/" + page.url)
        _keep_record(page)
        _state["early"].add(page.file.src_uri)
    _state["early_s"] = _state.get("early_s", 0.0) + time.perf_counter() - t0
    return html_content


def _feed(doc: str, url: str) -> None:
    """The page (scope "text") to the current full-text shard."""
    _state["text"].add(doc, url)
    body = doc[doc.index("data-pagefind-body"):]
    _state["chars"].update(c for c in _TAG.sub(" ", body) if ord(c) > 0x2FFF)


def _keep_record(page) -> None:
    """The page's catalogue record (scope "record"), made from its front matter now and
    kept in a temporary file until the pages are indexed: MkDocs's page objects then need
    not keep the whole front matter to the end of the build (archive_site/spool.py)."""
    if _state["records"] is None:
        _state["records"] = tempfile.TemporaryFile("w+", encoding="utf-8")
    _state["records"].write(json.dumps([record_doc(page.meta, page.title or ""), "/" + page.url + RECORD_ANCHOR],
                                       ensure_ascii=False) + "\n")
    _state["indexed"] += 1


def _records():
    """(record HTML, URL) of every indexed page, in order."""
    f = _state["records"]
    if f is None:
        return
    f.seek(0)
    for line in f:
        yield json.loads(line)


def _close_records() -> None:
    f, _state["records"] = _state.get("records"), None
    if f is not None:
        f.close()


def _discard() -> None:
    """Stop the indexing service and drop the temporary records and pages."""
    _stop()
    _close_records()
    if _state.get("later_dir"):
        shutil.rmtree(_state.pop("later_dir"), ignore_errors=True)


def on_build_error(error):
    _discard()


def on_post_page(output, page, config):
    if page.meta.get("portal_sites"):  # a portal's home page (archive_site/portal.py)
        _state["portal"] = [str(u) for u in page.meta["portal_sites"]]
    written = mark_page(output, page, hidden=False)
    if "data-pagefind-body" not in written or page.file.src_uri in _state["early"] or not _enabled():
        return written
    _keep_record(page)
    if _state.get("text_early"):
        _feed(with_hidden(written, page), "/" + page.url)
    else:  # indexed after the build: the page as indexed waits in a temporary file
        if _state.get("later_dir") is None:
            _state["later_dir"] = tempfile.mkdtemp(prefix="ja-pagefind-")
        path = Path(_state["later_dir"]) / f"{len(_state['later'])}.html"
        path.write_text(with_hidden(written, page), encoding="utf-8")
        _state["later"].append((path, "/" + page.url))
    return written


_BODY_TAG = _ARTICLE_TAG[:-1] + " data-pagefind-body>"


def mark_page(output, page, hidden=True):
    """The article marked as what Pagefind indexes, its words weighted; with `hidden`, also
    the hidden metadata and search-terms blocks, which only the indexed copy needs (the
    written page goes without them: ~1.4 KB an article)."""
    if page.meta.get("kind") not in INDEXED_KINDS or _ARTICLE_TAG not in output:
        return output
    output = output.replace(_ARTICLE_TAG, _BODY_TAG, 1)
    for old, weight in WEIGHTS.items():
        output = output.replace(old, f'{old[:-1]} data-pagefind-weight="{weight}">', 1)
    return with_hidden(output, page) if hidden else output


def with_hidden(output, page):
    head, sep, tail = output.partition(_BODY_TAG)
    if not sep:
        return output
    end = tail.find("</article>")
    if end >= 0:
        tail = tail[:end] + grams_block(page.meta, page.title or "", tail[:end]) + tail[end:]
    return head + sep + pagefind_block(page.meta, page.title or "") + tail


def _index_records(records: ShardWriter) -> ShardWriter:
    """Every kept catalogue record to `records`, its last bundle written."""
    for doc, url in _records():
        records.add(doc, url)
    records.flush()
    return records


def _write_portal(site: Path, sites: list[str]) -> None:
    """A portal indexes nothing: an empty primary bundle (pagefind.js, its wasm) to search
    with, and bundles.json naming the journals' sites, whose bundles search.js merges."""
    PagefindService().write(site / BUNDLE)
    write_manifest(site, [], [], sites=sites)
    write_t2s(site, t2s_table(None))
    log.info("pagefind: portal over %d sites: %s", len(sites), " ".join(sites))


def on_post_build(config):
    if not _enabled():
        log.info("pagefind: skipped (JOURNAL_ARCHIVE_SEARCH=0)")
        return
    text, overlap = _state["text"], _state["overlap"]
    t0 = time.perf_counter()
    site = Path(config["site_dir"])
    if _state["portal"] and not _state["indexed"] and not _state["later"]:
        _stop()
        _write_portal(site, _state["portal"])
        return
    try:
        if not overlap:  # no free core during the build: index the pages now, a shard at a time
            for i, (path, url) in enumerate(_state["later"], 1):
                _feed(path.read_text(encoding="utf-8"), url)
                path.unlink()
                if i % 500 == 0:
                    log.info("pagefind: %d of %d pages handed to the full-text index", i, len(_state["later"]))
            _state["later"] = []
        records_size = _shard_size(config, "record_shard", RECORD_SHARD)
        text.settle()
        if not text.bundles and text.svc is not None and text.docs <= records_size:
            # everything fits one bundle (a small archive): the records go into the same
            # service, written as the primary bundle; no second service to start
            records = text
            records.primary, records.size, records.name = True, text.docs + records_size + 1, "pages + records"
            _index_records(records)
            bundles = (records.bundles, [])
        else:
            text.flush()
            records = ShardWriter(site, "records", records_size, primary=True)
            try:
                _index_records(records)
            finally:
                records.close()
            bundles = (records.bundles, text.bundles)
    finally:
        _discard()
    write_manifest(site, *bundles, text_after=_shard_size(config, "text_after", TEXT_AFTER))
    table = t2s_table(_state["chars"])
    write_t2s(site, table)
    waited = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    peak = max(text.peak_mb, records.peak_mb)
    n = _state["indexed"]
    if overlap:
        log.info("pagefind: early render + hand-over %.2f s", _state["early_s"])
    log.info("pagefind: %d pages in %d full-text bundles, %d records in %d record bundles, indexed %s, "
             "%.2f s after the last page (%.1f s since build start), peak RSS %.0f MB, bundles %.0f KB, t2s %d entries",
             n, len(bundles[1]) or 1, n, len(bundles[0]),
             "beside the build" if overlap else "after the build", waited,
             time.perf_counter() - _state["started"], peak, size / 1024, len(table))
    stats = os.environ.get("JOURNAL_ARCHIVE_SEARCH_STATS")
    if stats:
        Path(stats).write_text(json.dumps({"pages": 2 * n, "tail_s": waited, "peak_mb": peak,
                                           "bundle_bytes": size, "t2s_entries": len(table), "overlap": overlap,
                                           "text_bundles": bundles[1], "record_bundles": bundles[0]}),
                               encoding="utf-8")
