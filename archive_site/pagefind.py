"""MkDocs hook: Pagefind search (replaces Material's built-in lunr search).

- on_post_page: article and document pages get `data-pagefind-body` on their
  <article> (so only they are indexed, without nav, header, footer) and a
  hidden block of Pagefind metadata (title, authors, journal, year, issue) and
  filters (journal, year, section, author, scope) read from the front matter.
- Each indexed page also goes to Pagefind as a catalogue record (record_doc:
  titles, authors, keywords, abstracts; filter scope=record) at URL#ja-record,
  which search.js searches first (see RECORD_ANCHOR below).
- Indexing runs in Pagefind's indexing service (search_index.PagefindService:
  the extended binary from the pagefind_bin_extended wheel, `--service`). When a core
  is free, on_pre_build starts it and each page is handed over as soon as MkDocs has
  converted it (on_page_content), so Pagefind parses and segments beside the build;
  otherwise the written pages are handed over in on_post_build. on_post_build has it
  write site_dir/pagefind/ and writes the t2s table (from the characters of the
  indexed pages, gathered on the way).
  JOURNAL_ARCHIVE_SEARCH=0 skips indexing; JOURNAL_ARCHIVE_SEARCH_OVERLAP=1/0 forces
  indexing beside / after the build; JOURNAL_ARCHIVE_SEARCH_STATS=<file> writes the
  indexing figures (time waited at the end, Pagefind's peak RSS) as JSON.

The search box itself is theme/partials/search.html + theme/assets/javascripts/search.js.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import time
from pathlib import Path

from . import nav
from .search_index import (HAN_RUN, PagefindService, idle_cpus, peak_rss_mb, simplified_runs, t2s_table,
                                    write_t2s)

log = logging.getLogger("mkdocs.hooks.pagefind")

INDEXED_KINDS = ("article", "document")
GRAMS_ID = "ja-search-terms"
# Each article is indexed twice: its page (scope "text") and a small catalogue record of it
# (scope "record": titles, authors, keywords, abstracts) at RECORD_ANCHOR of the same URL.
# search.js searches the records first: they answer title, author and keyword queries with
# small fragments and little work, while the full-text search over long pages, whose cost
# in Pagefind grows with results x matched locations, fills in behind.
SCOPE, SCOPE_TEXT, SCOPE_RECORD = "scope", "text", "record"
RECORD_ANCHOR = "#ja-record"
_ARTICLE_TAG = '<article class="md-content__inner md-typeset">'


def _span(attr: str, name: str, value) -> str:
    return f'<span data-pagefind-{attr}="{name}">{html.escape(str(value))}</span>'


def _authors(meta: dict) -> list[str]:
    return [a.get("name") for a in meta.get("authors") or [] if isinstance(a, dict) and a.get("name")]


def pagefind_block(meta: dict, title: str, scope: str = SCOPE_TEXT) -> str:
    authors = _authors(meta)
    parts = [_span("meta", "title", meta.get("title") or title), _span("filter", SCOPE, scope)]
    if authors:
        parts.append(_span("meta", "authors", "、".join(authors)))
    if meta.get("journal"):
        parts.append(_span("meta", "journal", meta["journal"]))
        parts.append(_span("filter", "journal", meta["journal"]))
    if meta.get("year"):
        parts.append(_span("meta", "year", meta["year"]))
        parts.append(_span("filter", "year", meta["year"]))
    if meta.get("issue"):
        parts.append(_span("meta", "issue", meta["issue"]))
    if meta.get("section"):
        parts.append(_span("filter", "section", meta["section"]))
    for name in authors:
        parts.append(_span("filter", "author", name))
    if meta.get("kind"):
        parts.append(_span("meta", "kind", meta["kind"]))
    # data-pagefind-ignore (= "index"): the text is not indexed twice, metadata and filters are still read
    return '<div hidden data-pagefind-ignore class="ja-pagefind-meta">' + "".join(parts) + "</div>"


def grams_block(meta: dict, title: str, text: str = "") -> str:
    """At the end of the article, under its own hidden heading, so that search.js can keep
    this section's text out of result excerpts (it uses another sub-result's excerpt):
    the 1-3 character runs of title, authors and keywords, and the simplified form of every
    passage of them and of `text` (the page) printed in traditional characters, so that
    simplified and traditional find each other both ways (search.js simplifies queries)."""
    terms = [str(t) for t in (meta.get("title") or title, *_authors(meta), *(meta.get("keywords") or [])) if t]
    simplified = simplified_runs(" ".join([*terms, text]))
    extra = f'<p>{html.escape(" ".join(simplified))}</p>' if simplified else ""
    return (f'<div hidden class="ja-pagefind-grams"><h2 id="{GRAMS_ID}">检索词</h2>'
            f'<p data-pagefind-weight="3">{html.escape(ngrams(terms))}</p>{extra}</div>')


def ngrams(terms) -> str:
    """'国家安全' -> '国 家 安 全 国家 家安 安全 国家安 家安全' (per run of Han characters).

    Pagefind segments the query in the browser (Intl.Segmenter), which splits names and
    rarer words into single characters (曾|向|红, 特|朗|普) that must each start an
    indexed word; jieba, at index time, keeps them whole (曾向红) or cuts them elsewhere.
    Pagefind matches a query word exactly when the index has it, by prefix otherwise, so
    title, authors and keywords are also indexed (hidden) as their runs of 1, 2 and 3
    characters: whatever the browser cuts them into, each piece is an indexed word."""
    out: list[str] = []
    for term in terms:
        for run in HAN_RUN.findall(str(term or "")):
            for n in (1, 2, 3):
                out.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return " ".join(dict.fromkeys(out))


def record_doc(meta: dict, title: str) -> str:
    """The catalogue record of an article as a page for Pagefind (scope "record")."""
    esc = html.escape
    people = [" ".join(filter(None, (a.get("name"), a.get("name_en")))) for a in meta.get("authors") or [] if isinstance(a, dict)]
    titles = [meta.get("subtitle"), meta.get("title_en")]
    keywords = [*(meta.get("keywords") or []), *(meta.get("keywords_en") or [])]
    parts = [f"<h1>{esc(str(meta.get('title') or title))}</h1>"]
    parts += [f"<p>{esc(str(t))}</p>" for t in titles if t]
    if any(people):
        parts.append(f'<p data-pagefind-weight="5">{esc("、".join(p for p in people if p))}</p>')
    if keywords:
        parts.append(f'<p data-pagefind-weight="4">{esc("；".join(map(str, keywords)))}</p>')
    if meta.get("abstract"):
        parts.append(f'<p data-pagefind-weight="2">{esc(str(meta["abstract"]))}</p>')
    if meta.get("abstract_en"):
        parts.append(f'<p lang="en">{esc(str(meta["abstract_en"]))}</p>')
    return ('<html lang="zh"><head><title></title></head><body><article data-pagefind-body>'
            + pagefind_block(meta, title, SCOPE_RECORD) + "".join(parts)
            + grams_block(meta, title, str(meta.get("abstract") or ""))
            + "</article></body></html>")


# Ranking: words in these parts of theme/article.html count more than body text
# (Pagefind already weights <h1> at 7): an author's name or a keyword puts the article first.
WEIGHTS = {'<ul class="ja-authors">': 5.0, '<dd class="ja-keywords">': 4.0, '<dd class="ja-abstract">': 2.0}


_state: dict = {"service": None, "chars": set()}
_TAG = re.compile(r"<[^>]*>")


def _enabled() -> bool:
    return os.environ.get("JOURNAL_ARCHIVE_SEARCH", "1") != "0"


def _stop() -> None:
    svc, _state["service"] = _state["service"], None
    if svc is not None:
        svc.close()


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
    _stop()
    _state.update(chars=set(), early=set(), later=[], env=None, nav=None, files=None, early_s=0.0)
    if _enabled():
        _state["started"] = time.perf_counter()
        _state["service"] = PagefindService() if _overlap() else None


def on_nav(nav, config, files):
    _state["nav"], _state["files"] = nav, files
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
    ctx = template.new_context(get_context(_state["nav"], _state["files"], config, page))
    ctx.vars["lang"] = env.get_template("partials/language.html").make_module(ctx.get_all())
    block = "".join(template.blocks["content"](ctx))
    return f'<html lang="zh"><head><title></title></head><body>{_ARTICLE_TAG}{block}</article></body></html>'


def on_page_content(html_content, page, config, files):
    """Hand the page to Pagefind now, while MkDocs is still converting the other pages
    (its templates are only rendered once every page is converted, so waiting for
    on_post_page would leave Pagefind idle for most of the build)."""
    svc = _state["service"]
    if svc is None or page.meta.get("kind") not in INDEXED_KINDS or _state["nav"] is None:
        return html_content
    t0 = time.perf_counter()
    try:
        page.content = html_content
        doc = mark_page(_render_article(page, config), page)
    except Exception as exc:  # noqa: BLE001 - fall back to indexing the final page in on_post_page
        log.debug("pagefind: early render of %s failed (%s), indexed after rendering", page.file.src_uri, exc)
        return html_content
    if "data-pagefind-body" in doc:
        _feed(svc, doc, page)
        _state["early"].add(page.file.src_uri)
    _state["early_s"] = _state.get("early_s", 0.0) + time.perf_counter() - t0
    return html_content


def _feed(svc, doc: str, page) -> None:
    """The page (scope "text") and its catalogue record (scope "record")."""
    url = "/" + page.url
    svc.add_html(doc, url)
    svc.add_html(record_doc(page.meta, page.title or ""), url + RECORD_ANCHOR)
    body = doc[doc.index("data-pagefind-body"):]
    _state["chars"].update(c for c in _TAG.sub(" ", body) if ord(c) > 0x2FFF)


def on_build_error(error):
    _stop()


def on_post_page(output, page, config):
    output = mark_page(output, page)
    if "data-pagefind-body" not in output or page.file.src_uri in _state["early"] or not _enabled():
        return output
    if _state["service"] is not None:
        _feed(_state["service"], output, page)
    else:  # indexed after the build, from the written file (not kept in memory meanwhile)
        _state["later"].append(page)
    return output


def mark_page(output, page):
    if page.meta.get("kind") not in INDEXED_KINDS or _ARTICLE_TAG not in output:
        return output
    tag = _ARTICLE_TAG[:-1] + " data-pagefind-body>"
    output = output.replace(_ARTICLE_TAG, tag + pagefind_block(page.meta, page.title or ""), 1)
    head, sep, tail = output.partition(tag)
    end = tail.find("</article>")
    if end >= 0:
        tail = tail[:end] + grams_block(page.meta, page.title or "", tail[:end]) + tail[end:]
    output = head + sep + tail
    for old, weight in WEIGHTS.items():
        output = output.replace(old, f'{old[:-1]} data-pagefind-weight="{weight}">', 1)
    return output


def on_post_build(config):
    if not _enabled():
        log.info("pagefind: skipped (JOURNAL_ARCHIVE_SEARCH=0)")
        return
    svc, overlap = _state["service"], True
    t0 = time.perf_counter()
    if svc is None:  # no free core during the build: index the written pages now
        svc, overlap = PagefindService(), False
        for page in _state["later"]:
            _feed(svc, Path(page.file.abs_dest_path).read_text(encoding="utf-8"), page)
        _state["later"] = []
    site = Path(config["site_dir"])
    peak = peak_rss_mb(svc.pid)
    try:
        svc.write(site / "pagefind", before_close=lambda: peak_rss_mb(svc.pid))
    finally:
        _state["service"] = None
    peak = max(peak or 0, svc.peak_mb or 0)
    table = t2s_table(_state["chars"])
    write_t2s(site, table)
    waited = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    if overlap:
        log.info("pagefind: early render + hand-over %.2f s", _state["early_s"])
    log.info("pagefind: %d documents (pages and their records) indexed %s, %.2f s after the last page "
             "(%.1f s since build start), peak RSS %.0f MB, bundle %.0f KB, t2s %d entries", svc.pages,
             "beside the build" if overlap else "after the build", waited,
             time.perf_counter() - _state["started"], peak, size / 1024, len(table))
    stats = os.environ.get("JOURNAL_ARCHIVE_SEARCH_STATS")
    if stats:
        Path(stats).write_text(json.dumps({"pages": svc.pages, "tail_s": waited, "peak_mb": peak,
                                           "bundle_bytes": size, "t2s_entries": len(table), "overlap": overlap}),
                               encoding="utf-8")
