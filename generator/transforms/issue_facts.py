"""Spread facts between the issue and its articles.

Sections and start pages come from the TOC; the journal, year and issue of a
single article come from its printed citation line; the ISSN from article
numbers. Disagreements become diagnostics, never silent fixes.
"""

from __future__ import annotations

import difflib
import re

from ..model import Diagnostic, Issue, Span, TocEntry
from ..text import to_simplified
from ..layout import journal_by_issn


def _key(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _toc_for(title: str, toc: tuple[TocEntry, ...]) -> TocEntry | None:
    best, ratio = None, 0.0
    for e in toc:
        r = difflib.SequenceMatcher(None, _key(e.title), _key(title)).ratio()
        if r > ratio:
            best, ratio = e, r
    return best if ratio >= 0.8 else None


def spread_facts(issue: Issue) -> Issue:
    diags: list[Diagnostic] = []
    src = issue.source
    # An issue without a masthead (or a single article) learns its facts from
    # the articles' printed citation lines.
    cited = next((a for a in issue.articles if a.journal or a.year), None)
    issn = issue.issn or next((a.issn for a in issue.articles if a.issn), None)
    changes: dict = {}
    if cited is not None:
        journal = issue.journal or (to_simplified(cited.journal) if cited.journal else None)
        changes = {
            "journal": journal or journal_by_issn(issn),
            "year": issue.year or cited.year,
            "number": issue.number or cited.issue,
        }
    issue = issue.with_(issn=issn, **changes)
    arts = []
    matched: set[int] = set()
    for art in issue.articles:
        entry = _toc_for(art.title, issue.toc) if issue.toc else None
        upd: dict = {"journal": issue.journal, "year": issue.year or art.year, "issue": issue.number or art.issue}
        if issue.issn and not art.issn:
            upd["issn"] = issue.issn
        if entry is not None:
            matched.add(issue.toc.index(entry))
            upd["section"] = entry.section
            if art.first_page is None:
                upd["first_page"] = entry.page
            elif entry.page != art.first_page:
                diags.append(Diagnostic("TOC_PAGE_MISMATCH", f"TOC says p.{entry.page}, article number says p.{art.first_page}: «{art.title}»", Span(src, entry.line)))
            toc_names = _key(entry.authors_raw)
            byline = "".join(a.name for a in art.authors)
            if toc_names and byline and toc_names != byline:
                diags.append(Diagnostic("TOC_AUTHOR_MISMATCH", f"TOC prints {entry.authors_raw!r}, byline {' '.join(a.name for a in art.authors)!r}", Span(src, entry.line)))
        elif issue.toc:
            diags.append(Diagnostic("ARTICLE_NOT_IN_TOC", f"article «{art.title}» is not in the table of contents", Span(src, art.line), "error"))
        arts.append(art.with_(**upd))
    for k, e in enumerate(issue.toc):
        if k not in matched:
            diags.append(Diagnostic("TOC_NO_ARTICLE", f"TOC entry «{e.title}» (p.{e.page}) has no article", Span(src, e.line), "error"))
    return issue.with_(articles=tuple(arts), diagnostics=issue.diagnostics + tuple(diags))
