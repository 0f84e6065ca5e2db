"""What Pagefind indexes of a page: the article marked as the indexed body with its
words weighted (mark_page), the hidden metadata and filter block, the hidden n-gram
terms section, and the catalogue record of an article (see archive_site/search/pagefind.py).
The names the search box shares with them (the terms section's id and heading, the
record anchor, the scope filter) are written for it by archive_site/search/browser.py."""

from __future__ import annotations

import functools
import html
import re

from generator import layout
from generator.cjk import HAN_RUN, t2s_table

from .service import LANGUAGE

GRAMS_ID = "ja-search-terms"
GRAMS_HEADING = "检索词"  # the hidden terms section's heading (its text is indexed with the page)
# Each article is indexed twice: its page (scope "text") and a small catalogue record of it
# (scope "record": titles, authors, keywords, abstracts) at RECORD_ANCHOR of the same URL.
# search.js searches the records first: they answer title, author and keyword queries with
# small fragments and little work, while the full-text search over long pages, whose cost
# in Pagefind grows with results x matched locations, fills in behind.
SCOPE, SCOPE_TEXT, SCOPE_RECORD = "scope", "text", "record"
RECORD_ANCHOR = "#ja-record"


def _span(attr: str, name: str, value) -> str:
    return f'<span data-pagefind-{attr}="{name}">{html.escape(str(value))}</span>'


def _authors(meta: dict) -> list[str]:
    return [a.get("name") for a in meta.get("authors") or [] if isinstance(a, dict) and a.get("name")]


def _variants(meta: dict) -> list[str]:
    """The names as the issue's TOC prints them where they differ from the byline (toc_authors):
    indexed beside the byline's, so that either spelling finds the article."""
    return [str(n) for n in meta.get("toc_authors") or [] if n]


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
    if meta.get("year"):  # the label the result shows (generator.layout: '2025 年第 6 期')
        parts.append(_span("meta", "issue_label", layout.issue_label(meta.get("year"), meta.get("issue"))))
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
    the 1-3 character runs of title, subtitle, authors and keywords, and the simplified form of every
    passage of them and of `text` (the page) printed in traditional characters, so that
    simplified and traditional find each other both ways (search.js simplifies queries)."""
    terms = [str(t) for t in (meta.get("title") or title, meta.get("subtitle"), *_authors(meta), *_variants(meta),
                              *(meta.get("keywords") or [])) if t]
    simplified = simplified_runs(" ".join([*terms, text]))
    extra = f'<p>{html.escape(" ".join(simplified))}</p>' if simplified else ""
    return (f'<div hidden class="ja-pagefind-grams"><h2 id="{GRAMS_ID}">{GRAMS_HEADING}</h2>'
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
    """The catalogue record of an article as a page for Pagefind (scope "record"): titles,
    authors (and their spelling in the issue's TOC, where it differs), keywords and the Chinese abstract. Not the English abstract: it was 40 % of what
    Pagefind holds in memory per record (282 -> 169 KB without it, on the samples), and the
    page, searched as full text, has it."""
    esc = html.escape
    people = [" ".join(filter(None, (a.get("name"), a.get("name_en")))) for a in meta.get("authors") or [] if isinstance(a, dict)]
    titles = [meta.get("subtitle"), meta.get("title_en")]
    keywords = [*(meta.get("keywords") or []), *(meta.get("keywords_en") or [])]
    parts = [f"<h1>{esc(str(meta.get('title') or title))}</h1>"]
    parts += [f"<p>{esc(str(t))}</p>" for t in titles if t]
    people += [f"{n}（目录）" for n in _variants(meta)]
    if any(people):
        parts.append(f'<p data-pagefind-weight="5">{esc("、".join(p for p in people if p))}</p>')
    if keywords:
        parts.append(f'<p data-pagefind-weight="4">{esc("；".join(map(str, keywords)))}</p>')
    if meta.get("abstract"):
        parts.append(f'<p data-pagefind-weight="2">{esc(str(meta["abstract"]))}</p>')
    return ('<html lang="zh"><head><title></title></head><body><article data-pagefind-body>'
            + pagefind_block(meta, title, SCOPE_RECORD) + "".join(parts)
            + grams_block(meta, title, str(meta.get("abstract") or ""))
            + "</article></body></html>")


# Ranking: words in these parts of theme/article.html count more than body text
# (Pagefind already weights <h1> at 7): an author's name or a keyword puts the article first.
WEIGHTS = {'<ul class="ja-authors">': 5.0, '<dd class="ja-keywords">': 4.0, '<dd class="ja-abstract">': 2.0}


# The search filters a page carries (data-pagefind-filter) and their labels in the search box.
FILTERS = (("journal", "刊名"), ("year", "年份"), ("section", "栏目"), ("author", "作者"))


def simplified_runs(text: str) -> list[str]:
    """The runs of Han characters in `text` that hold traditional characters, converted
    to simplified (國際關係 -> 国际关系) with the table the search box converts queries
    with (generator/cjk.py t2s_table), each once: indexed beside the printed text, a
    simplified query finds a passage printed in traditional characters."""
    table = _traditional()
    found = table.keys() & set(text)  # most pages have none: one pass in C
    if not found:
        return []
    trad = re.compile("[" + re.escape("".join(found)) + "]")
    out: dict[str, None] = {}
    for run in HAN_RUN.findall(text):
        if trad.search(run):
            out["".join(table.get(c, c) for c in run)] = None
    return list(out)


@functools.lru_cache(maxsize=1)
def _traditional() -> dict[str, str]:
    return t2s_table()


# ---------------------------------------------------------------- the indexed page

INDEXED_KINDS = ("article", "document")
ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
BODY_TAG = ARTICLE_TAG[:-1] + " data-pagefind-body>"


def mark_page(output: str, page, hidden: bool = True) -> str:
    """The article marked as what Pagefind indexes, its words weighted; with `hidden`, also
    the hidden metadata and search-terms blocks, which only the indexed copy needs (the
    written page goes without them: ~1.4 KB an article)."""
    if page.meta.get("kind") not in INDEXED_KINDS or ARTICLE_TAG not in output:
        return output
    output = output.replace(ARTICLE_TAG, BODY_TAG, 1)
    for old, weight in WEIGHTS.items():
        output = output.replace(old, f'{old[:-1]} data-pagefind-weight="{weight}">', 1)
    return with_hidden(output, page) if hidden else output


def with_hidden(output: str, page) -> str:
    """The page as indexed: with the hidden blocks, and in the index's language (the pages say
    lang="zh-Hans", theme/partials/language.html; Pagefind keeps one index per language
    code, and the browser's zh-Hans falls back to zh)."""
    output = output.replace('<html lang="zh-Hans"', f'<html lang="{LANGUAGE}"', 1)
    head, sep, tail = output.partition(BODY_TAG)
    if not sep:
        return output
    end = tail.find("</article>")
    if end >= 0:
        tail = tail[:end] + grams_block(page.meta, page.title or "", tail[:end]) + tail[end:]
    return head + sep + pagefind_block(page.meta, page.title or "") + tail


# ---------------------------------------------------------------- what the incremental build keeps of a page

TAG = re.compile(r"<[^>]*>")


class Shown:
    """What with_hidden() reads of a page, for a page the incremental build kept (its front
    matter as the search blocks show it, kept in the build's manifest)."""

    def __init__(self, meta: dict, title: str):
        self.meta, self.title = meta, title


SHOWN_KEYS = ("title", "subtitle", "authors", "keywords", "journal", "year", "issue", "section", "kind")
_PAGER = re.compile(r'<nav class="ja-pager".*?</nav>', re.S)


def chars_of(doc: str) -> set[str]:
    """The characters of an indexed page's article (its neighbours' titles in the pager left
    out, as the early render may not know them): what the t2s table is made for."""
    body = doc.partition("data-pagefind-body")[2].split("</article>", 1)[0]
    return {c for c in TAG.sub(" ", _PAGER.sub("", body)) if ord(c) > 0x2FFF}
