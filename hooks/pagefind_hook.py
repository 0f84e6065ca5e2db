"""MkDocs hook: Pagefind search (replaces Material's built-in lunr search).

- on_post_page: article and document pages get `data-pagefind-body` on their
  <article> (so only they are indexed, without nav, header, footer) and a
  hidden block of Pagefind metadata (title, authors, journal, year, issue) and
  filters (journal, year, section, author) read from the front matter.
- on_post_build: runs generator.search_index (the Pagefind extended binary from
  the pagefind_bin_extended wheel, then the t2s table) over site_dir.
  JOURNAL_ARCHIVE_SEARCH=0 skips indexing (bench/search_bench.py times it apart).

The search box itself is theme/partials/search.html + theme/assets/javascripts/search.js.
"""

from __future__ import annotations

import html
import logging
import os
import re
import sys
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.pagefind")

INDEXED_KINDS = ("article", "document")
GRAMS_ID = "ja-search-terms"
_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_ARTICLE_TAG = '<article class="md-content__inner md-typeset">'


def _span(attr: str, name: str, value) -> str:
    return f'<span data-pagefind-{attr}="{name}">{html.escape(str(value))}</span>'


def pagefind_block(meta: dict, title: str) -> str:
    authors = [a.get("name") for a in meta.get("authors") or [] if isinstance(a, dict) and a.get("name")]
    parts = [_span("meta", "title", meta.get("title") or title)]
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
    block = '<div hidden data-pagefind-ignore class="ja-pagefind-meta">' + "".join(parts) + "</div>"
    # Pagefind segments the query in the browser (Intl.Segmenter), which splits names and
    # rarer words into single characters (曾|向|红, 特|朗|普) that must each start an
    # indexed word; jieba, at index time, keeps them whole (曾向红) or cuts them elsewhere.
    # Pagefind matches a query word exactly when the index has it, by prefix otherwise, so
    # title, authors and keywords are also indexed (hidden) as their runs of 1, 2 and 3
    # characters: whatever the browser cuts them into, each piece is an indexed word.
    return block


def grams_block(meta: dict, title: str) -> str:
    """At the end of the article, under its own hidden heading, so that search.js can keep
    this section's text out of result excerpts (it uses another sub-result's excerpt)."""
    authors = [a.get("name") for a in meta.get("authors") or [] if isinstance(a, dict) and a.get("name")]
    terms = [meta.get("title") or title, *authors, *(meta.get("keywords") or [])]
    return (f'<div hidden class="ja-pagefind-grams"><h2 id="{GRAMS_ID}">检索词</h2>'
            f'<p data-pagefind-weight="3">{html.escape(ngrams(terms))}</p></div>')


def ngrams(terms) -> str:
    """'国家安全' -> '国 家 安 全 国家 家安 安全 国家安 家安全' (per run of Han characters)."""
    out: list[str] = []
    for term in terms:
        for run in _HAN_RUN.findall(str(term or "")):
            for n in (1, 2, 3):
                out.extend(run[i : i + n] for i in range(len(run) - n + 1))
    return " ".join(dict.fromkeys(out))



# Ranking: words in these parts of theme/article.html count more than body text
# (Pagefind already weights <h1> at 7): an author's name or a keyword puts the article first.
WEIGHTS = {'<ul class="ja-authors">': 5.0, '<dd class="ja-keywords">': 4.0, '<dd class="ja-abstract">': 2.0}


def on_post_page(output, page, config):
    if page.meta.get("kind") not in INDEXED_KINDS or _ARTICLE_TAG not in output:
        return output
    tag = _ARTICLE_TAG[:-1] + " data-pagefind-body>"
    output = output.replace(_ARTICLE_TAG, tag + pagefind_block(page.meta, page.title or ""), 1)
    head, sep, tail = output.partition(tag)
    end = tail.find("</article>")
    if end >= 0:
        tail = tail[:end] + grams_block(page.meta, page.title or "") + tail[end:]
    output = head + sep + tail
    for old, weight in WEIGHTS.items():
        output = output.replace(old, f'{old[:-1]} data-pagefind-weight="{weight}">', 1)
    return output


def on_post_build(config):
    if os.environ.get("JOURNAL_ARCHIVE_SEARCH", "1") == "0":
        log.info("pagefind: skipped (JOURNAL_ARCHIVE_SEARCH=0)")
        return
    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.insert(0, root)
    from generator.search_index import build_index

    info = build_index(Path(config["site_dir"]))
    log.info("pagefind: indexed in %.2f s, bundle %.0f KB, t2s %d entries",
             info["pagefind_s"], info["bundle_bytes"] / 1024, info["t2s_entries"])
