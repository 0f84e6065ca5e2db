"""What Pagefind indexes of a page: the hidden metadata and filter block, the hidden
n-gram terms section, and the catalogue record of an article (see archive_site/pagefind.py)."""

from __future__ import annotations

import html

from generator import layout

from .service import HAN_RUN, simplified_runs

GRAMS_ID = "ja-search-terms"
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
    terms = [str(t) for t in (meta.get("title") or title, meta.get("subtitle"), *_authors(meta), *(meta.get("keywords") or []))
             if t]
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
    """The catalogue record of an article as a page for Pagefind (scope "record"): titles,
    authors, keywords and the Chinese abstract. Not the English abstract: it was 40 % of what
    Pagefind holds in memory per record (282 -> 169 KB without it, on the samples), and the
    page, searched as full text, has it."""
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
    return ('<html lang="zh"><head><title></title></head><body><article data-pagefind-body>'
            + pagefind_block(meta, title, SCOPE_RECORD) + "".join(parts)
            + grams_block(meta, title, str(meta.get("abstract") or ""))
            + "</article></body></html>")


# Ranking: words in these parts of theme/article.html count more than body text
# (Pagefind already weights <h1> at 7): an author's name or a keyword puts the article first.
WEIGHTS = {'<ul class="ja-authors">': 5.0, '<dd class="ja-keywords">': 4.0, '<dd class="ja-abstract">': 2.0}
