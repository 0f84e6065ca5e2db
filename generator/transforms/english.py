"""Give each article ITS English title and abstract, matched by author names.

Pattern: an English byline spells the Chinese names in pinyin (ZENG Xianghong
= 曾向红), so authors decide, not the position in the list. Abstracts no
article claims stay on a back-matter page.
"""

from __future__ import annotations

import re

from ..cjk import name_spellings as spellings
from ..cjk import split_byline_en
from ..diagnostics import report
from ..model import Author, BackMatter, EnglishAbstract, Issue, Span


def letters(name_en: str) -> str:
    return re.sub(r"[^a-z]", "", name_en.lower()).replace("v", "u")


def pair_authors(names: list[str], names_en: list[str] | tuple[str, ...]) -> dict[str, str] | None:
    """Chinese name -> English name when every English name spells one author."""
    if not names or not names_en:
        return None
    out: dict[str, str] = {}
    for en in names_en:
        hit = next((n for n in names if n not in out and letters(en) in spellings(n)), None)
        if hit is None:
            return None
        out[hit] = en
    return out


_HEADING = re.compile(r"^(?:Abstracts?|ABSTRACTS?|英文摘要)$")


def _norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]", "", title.lower())


def match_english(issue: Issue) -> Issue:
    arts = list(issue.articles)
    claimed: set[int] = set()
    diags = []
    for i, art in enumerate(arts):
        names = [a.name for a in art.authors]
        title_en = next((t for t, au in issue.toc_en if pair_authors(names, split_byline_en(au))), None)
        for k, ab in enumerate(issue.english_abstracts):
            if k in claimed:
                continue
            pairs = pair_authors(names, ab.authors)
            if pairs is None and not (title_en and _norm(title_en) == _norm(ab.title)):
                continue
            claimed.add(k)
            if pairs is None and ab.authors:  # claimed by its title; the byline spells someone else
                diags.append(report("EN_BYLINE_MISMATCH", Span(issue.source, ab.byline_line or ab.line), title=ab.title[:60],
                                    byline=" & ".join(ab.authors), article=art.title, names="、".join(names)))
            authors = tuple(Author(a.name, a.affiliation, (pairs or {}).get(a.name, a.name_en)) for a in art.authors)
            arts[i] = art.with_(
                title_en=title_en or ab.title,
                abstract_en=ab.abstract,
                keywords_en=ab.keywords,
                authors=authors,
                printed=art.printed + ab.printed,
                abstract_en_index=k,
            )
            break
        else:
            if title_en:
                arts[i] = art.with_(title_en=title_en)
    return issue.with_(articles=tuple(arts), back_matter=_unclaimed(issue, claimed), diagnostics=issue.diagnostics + tuple(diags))


def _unclaimed(issue: Issue, claimed: set[int]) -> tuple[BackMatter, ...]:
    """The English-abstracts page keeps only the abstracts no article took."""
    left: list[EnglishAbstract] = [a for k, a in enumerate(issue.english_abstracts) if k not in claimed]
    out = []
    for bm in issue.back_matter:
        if bm.kind != "english_abstracts":
            out.append(bm)
            continue
        lines = tuple(ln for a in left for ln in a.lines)
        if lines:
            if issue.kind == "article":
                title = "英文摘要（本期其他文章）"
            else:  # the printed heading, or a name for abstracts printed without one
                title = bm.title if _HEADING.match(bm.title) else "英文摘要"
            out.append(BackMatter(bm.kind, title, lines, left[0].line, bm.slug))
    return tuple(out)
