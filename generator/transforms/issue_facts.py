"""Spread facts between the issue and its articles.

Sections and start pages come from the TOC; the journal, year and issue of a
single article come from its printed citation line; the ISSN from article
numbers. Disagreements become diagnostics, never silent fixes:
- a masthead whose year or number contradicts the article numbers (ISSUE_MISMATCH, an error);
- a TOC entry whose title, page or authors differ from the article's (the TOC's names are
  kept as the article's `toc_authors`: the pages show the byline's, with the TOC's noted);
- an article printed without a byline, whose authors come from the TOC (BYLINE_MISSING).
"""

from __future__ import annotations

import difflib
import re

from ..layout import issue_label, journal_by_issn
from ..diagnostics import report
from ..model import Article, Author, Diagnostic, Issue, Span, TocEntry
from ..text import split_byline, to_simplified


def _key(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _names(art: Article) -> str:
    return "".join(a.name for a in art.authors)


def toc_entry_for(art: Article, toc: tuple[TocEntry, ...]) -> TocEntry | None:
    """The article's TOC entry: the same title; else the same start page and authors
    (a title corrected on one side only); else a title at least 80% alike."""
    if not toc:
        return None
    same = next((e for e in toc if _key(e.title) == _key(art.title)), None)
    if same is not None:
        return same
    if art.first_page is not None and art.authors:
        by_page = next((e for e in toc if e.page == art.first_page and _key(e.authors_raw) == _names(art)), None)
        if by_page is not None:
            return by_page
    best, ratio = None, 0.0
    for e in toc:
        r = difflib.SequenceMatcher(None, _key(e.title), _key(art.title)).ratio()
        if r > ratio:
            best, ratio = e, r
    return best if ratio >= 0.8 else None


def _issue_from_articles(issue: Issue) -> Issue:
    """An issue without a masthead (or a single article) learns its facts from the
    articles' printed citation lines and numbers."""
    cited = next((a for a in issue.articles if a.journal or a.year), None)
    issn = issue.issn or next((a.issn for a in issue.articles if a.issn), None)
    if cited is None:
        return issue.with_(issn=issn)
    journal = issue.journal or (to_simplified(cited.journal) if cited.journal else None)
    return issue.with_(issn=issn, journal=journal or journal_by_issn(issn),
                       year=issue.year or cited.year, number=issue.number or cited.issue)


def _identity_diags(issue: Issue) -> list[Diagnostic]:
    """The masthead's year and number against those the articles print (article numbers, citation lines)."""
    if not (issue.year and issue.number) or not issue.masthead:
        return []
    printed = [(a.year, a.issue) for a in issue.articles if a.year and a.issue]
    other = sorted({p for p in printed if p != (issue.year, issue.number)})
    if not other:
        return []
    said = "、".join(issue_label(y, n) for y, n in other)
    return [report("ISSUE_MISMATCH", Span(issue.source, issue.number_line or 1), masthead=issue_label(issue.year, issue.number),
                   n=len([p for p in printed if p in other]), total=len(printed), said=said)]


def _toc_diags(art: Article, entry: TocEntry, src: str) -> list[Diagnostic]:
    out = []
    span = Span(src, entry.line)
    if _key(entry.title) != _key(art.title):
        out.append(report("TOC_TITLE_MISMATCH", span, toc=entry.title, title=art.title))
    if art.first_page is not None and entry.page != art.first_page:
        out.append(report("TOC_PAGE_MISMATCH", span, toc_page=entry.page, page=art.first_page, title=art.title))
    toc_names, byline = _key(entry.authors_raw), _names(art)
    if toc_names and byline and toc_names != byline:
        out.append(report("TOC_AUTHOR_MISMATCH", span, toc=entry.authors_raw, byline=" ".join(a.name for a in art.authors)))
    return out


def _byline(art: Article, entry: TocEntry | None, src: str) -> tuple[dict, list[Diagnostic]]:
    """An article printed without a byline: its authors from the TOC (or, already, from its author notes)."""
    if art.kind != "article" or any(k == "byline" for k, _ in art.printed):
        return {}, []
    span = Span(src, art.line)
    if art.authors:
        return {}, [report("BYLINE_MISSING", span, title=art.title, where="the author notes", where_zh="作者简介",
                           names="、".join(a.name for a in art.authors))]
    if entry is not None and entry.authors_raw.strip():
        names = split_byline(entry.authors_raw)
        return {"authors": tuple(Author(n) for n in names)}, [
            report("BYLINE_MISSING", span, title=art.title, where="the table of contents", where_zh="目录", names="、".join(names))]
    return {}, []


def _title(art: Article, entry: TocEntry | None, src: str) -> tuple[dict, list[Diagnostic]]:
    """An article whose title line is lost (the reader found none before its byline) takes the
    title its TOC entry prints (matched by first page and authors) or its own citation line
    (【引用】《…》); with neither, it stays untitled and validate reports it as an error."""
    if art.title or art.kind != "article":
        return {}, []
    span = Span(src, art.line)
    if entry is not None and entry.title.strip():
        return {"title": entry.title}, [report("TITLE_LINE_MISSING", span, title=entry.title, where="its TOC entry",
                                               where_zh="目录")]
    cited = art.cited_title
    if cited:
        return {"title": cited}, [report("TITLE_LINE_MISSING", span, title=cited, where="its citation line",
                                         where_zh="引用格式")]
    return {}, []


def spread_facts(issue: Issue) -> Issue:
    src = issue.source
    issue = _issue_from_articles(issue)
    diags = _identity_diags(issue)
    arts = []
    matched: set[int] = set()
    for art in issue.articles:
        entry = toc_entry_for(art, issue.toc)
        upd: dict = {"journal": issue.journal, "year": issue.year or art.year, "issue": issue.number or art.issue}
        if issue.issn and not art.issn:
            upd["issn"] = issue.issn
        changes, d = _byline(art, entry, src)
        upd.update(changes)
        diags += d
        changes, d = _title(art, entry, src)
        upd.update(changes)
        diags += d
        if entry is not None:
            upd["toc_index"] = issue.toc.index(entry)
            matched.add(upd["toc_index"])
            upd["section"] = entry.section
            if art.first_page is None:
                upd["first_page"] = entry.page
            d = _toc_diags(art.with_(**upd), entry, src)
            if any(x.code == "TOC_AUTHOR_MISMATCH" for x in d):
                upd["toc_authors"] = tuple(split_byline(entry.authors_raw))  # shown beside the byline, found by search
            diags += d
        elif issue.toc:
            diags.append(report("ARTICLE_NOT_IN_TOC", Span(src, art.line), title=art.title))
        arts.append(art.with_(**upd))
    for k, e in enumerate(issue.toc):
        if k not in matched:
            diags.append(report("TOC_NO_ARTICLE", Span(src, e.line), title=e.title, page=e.page))
    return issue.with_(articles=tuple(arts), diagnostics=issue.diagnostics + tuple(diags))
