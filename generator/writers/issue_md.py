"""An issue's table-of-contents page: masthead, TOC by section (names as names: no
print spacing, no break inside), English TOC."""

from __future__ import annotations

from ..layout import issue_label, url_of
from ..model import Issue, TocEntry
from ..text import split_byline
from .. import meta as schema
from .frontmatter import front_matter
from .inline import escape_html


def issue_title(issue: Issue) -> str:
    return f"{issue.journal} {issue_label(issue.year, issue.number)}"


def _ref(title: str) -> str:
    """A shortcut reference link: the printed title stays contiguous in the text."""
    return "[" + title.replace("[", "\\[").replace("]", "\\]") + "]"


def _toc_from_articles(issue: Issue) -> tuple[TocEntry, ...]:
    """An issue printed without a table of contents: list its articles in order."""
    return tuple(TocEntry(a.first_page, a.title, " ".join(x.name for x in a.authors), a.section, a.line) for a in issue.articles)


def _names(authors_raw: str) -> str:
    """'曾向红 张 宇' -> two names, each kept on one line, without the print spacing."""
    names = split_byline(authors_raw) if authors_raw else []
    return " ".join(f'<span class="ja-name">{escape_html(n)}</span>' for n in names)


def _masthead(issue: Issue) -> str:
    """The printed masthead: the journal's name as printed, then the issue's facts."""
    name, *facts = [escape_html(m) for m in issue.masthead]
    inner = f'<span class="ja-masthead-name">{name}</span>'
    if facts:
        inner += f' <span class="ja-masthead-facts">{" ".join(facts)}</span>'
    return f'<p class="ja-masthead">{inner}</p>'


def issue_page(issue: Issue, links: dict[str, str], back: list[tuple[str, str]]) -> tuple[dict, str]:
    """(front matter, page text). `links`: article title -> page path relative to this page; `back`: (title, path)."""
    toc = issue.toc or _toc_from_articles(issue)
    sections: list[dict] = []
    for e in toc:
        if not sections or sections[-1]["name"] != e.section:
            sections.append({"name": e.section, "articles": []})
        url = links.get(e.title)
        sections[-1]["articles"].append({
            "title": e.title,
            "authors": split_byline(e.authors_raw) if e.authors_raw else [],
            "first_page": e.page,
            "url": url_of(url) if url else None,
        })
    meta = {
        "kind": "issue",
        "source": issue.source,
        "template": "issue.html",
        "title": issue_title(issue),
        "journal": issue.journal,
        "journal_printed": issue.journal_printed,
        "issn": issue.issn,
        "year": issue.year,
        "issue": issue.number,
        "total_issue": issue.total_number,
        "frequency": issue.frequency,
        "published": issue.published,
        "sections": sections,
        "toc_en": [{"title": t, "authors": a} for t, a in issue.toc_en],
        "back_matter": [{"title": t, "url": url_of(p)} for t, p in back],
    }
    out = [_masthead(issue)] if issue.masthead else []
    defs = {}
    for sec in sections:
        out.append(f"## {sec['name']}" if sec["name"] else "## 目录")
        rows = ["| 页码 | 篇名 | 作者 |", "|---:|---|---|"]
        for e in toc:
            if e.section != sec["name"]:
                continue
            url = links.get(e.title)
            title = _ref(e.title) if url else escape_html(e.title)
            if url:
                defs[e.title] = url
            # the first page as printed; the site shows the range (archive_site/pages/nav.py page_ranges)
            page = e.page if e.page is not None else ""
            rows.append(f"| {page} | {title} | {_names(e.authors_raw)} |")
        out.append("\n".join(rows))
    english = [(t, a) for t, a in issue.toc_en if links.get("en:" + t) or a]  # not the bare "Abstracts" line
    if english:
        out.append("## 英文目录")
        items = []
        for title, authors in english:
            url = links.get("en:" + title)
            text = _ref(title) if url else escape_html(title)
            if url:
                defs[title] = url
            items.append(f"- {text}" + (f" — {escape_html(authors)}" if authors else ""))
        out.append('<div lang="en" markdown>\n\n' + "\n".join(items) + "\n\n</div>")
    if back:
        out.append("## 其他")
        out.append("\n".join(f"- [{escape_html(t)}]({p})" for t, p in back))
    if defs:
        out.append("\n".join(f"{_ref(t)}: {u}" for t, u in defs.items()))
    meta = schema.dump("issue", meta)
    return meta, front_matter(meta) + "\n" + "\n\n".join(out) + "\n"
