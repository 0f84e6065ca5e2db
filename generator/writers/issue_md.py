"""An issue's table-of-contents page: masthead, TOC by section, English TOC."""

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
    out = []
    if issue.masthead:
        out.append("  \n".join(escape_html(m) for m in issue.masthead))
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
            rows.append(f"| {e.page if e.page is not None else ''} | {title} | {escape_html(e.authors_raw)} |")
        out.append("\n".join(rows))
    if issue.toc_en:
        out.append("## Table of Contents")
        items = []
        for title, authors in issue.toc_en:
            url = links.get("en:" + title)
            text = _ref(title) if url else escape_html(title)
            if url:
                defs[title] = url
            items.append(f"- {text}" + (f" — {escape_html(authors)}" if authors else ""))
        out.append("\n".join(items))
    if back:
        out.append("## 其他")
        out.append("\n".join(f"- [{escape_html(t)}]({p})" for t, p in back))
    if defs:
        out.append("\n".join(f"{_ref(t)}: {u}" for t, u in defs.items()))
    meta = schema.dump("issue", meta)
    return meta, front_matter(meta) + "\n" + "\n\n".join(out) + "\n"
