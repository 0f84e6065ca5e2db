"""An issue's table-of-contents page: masthead, how many of the issue's articles the
archive holds, the TOC by section (one list whose columns line up across sections:
title, authors, pages; names as names: no print spacing, no break inside, in the
byline's spelling with the TOC's noted where they differ), English TOC.

An issue held only in part (single articles converted on their own) gets a page too,
made from its articles' front matter (held_issue_pages)."""

from __future__ import annotations

from ..layout import folder_of, issue_label, issue_page as issue_index, page_range, relative, url_of
from ..model import Article, Issue, TocEntry
from ..text import split_byline
from .. import meta as schema
from .frontmatter import front_matter
from .escape import html_text, md_link, md_link_text, md_text


def issue_title(issue: Issue) -> str:
    return f"{issue.journal} {issue_label(issue.year, issue.number)}"


def _toc_from_articles(issue: Issue) -> tuple[TocEntry, ...]:
    """An issue printed without a table of contents: list its articles in order."""
    return tuple(TocEntry(a.first_page, a.title, " ".join(x.name for x in a.authors), a.section, a.line) for a in issue.articles)


def _names(names: list[str], toc: list[str] | None = None) -> str:
    """Names, each kept on one line, without the print spacing; `toc`: the TOC's spelling,
    when it differs (noted after them)."""
    out = " ".join(f'<span class="ja-name">{md_text(n)}</span>' for n in names)
    if toc:
        out += f'<span class="ja-toc-variant">（目录作“{md_text(" ".join(toc))}”）</span>'
    return out


def _entry(title: str, url: str | None, defs: dict[str, str], names: str, first: int | None, last: int | None) -> str:
    """One line of the TOC: title, authors, pages (archive.css lines the three up as columns,
    and on a phone puts authors and pages under the title)."""
    text = md_link(title, url, defs) if url else md_text(title)
    pages = page_range(first, last)
    pages = f'<span class="ja-pages"><span class="ja-sr">第 </span>{pages}<span class="ja-sr"> 页</span></span>' if pages else ""
    return f'- <span class="ja-toc-title">{text}</span> <span class="ja-toc-authors">{names}</span> {pages}'.rstrip()


def _list(lines: list[str]) -> str:
    return '<div class="ja-issue-toc" markdown>\n\n' + "\n".join(lines) + "\n\n</div>"


def _masthead(issue: Issue) -> str:
    """The printed masthead: the journal's name as printed, then the issue's facts."""
    name, *facts = [html_text(m) for m in issue.masthead]  # a raw HTML block: Markdown leaves it alone
    inner = f'<span class="ja-masthead-name">{name}</span>'
    if facts:
        inner += f' <span class="ja-masthead-facts">{" ".join(facts)}</span>'
    return f'<p class="ja-masthead">{inner}</p>'


def _authors_of(e: TocEntry, art: Article | None) -> tuple[list[str], list[str]]:
    """(names shown, the TOC's names when the byline spells them otherwise)."""
    toc = split_byline(e.authors_raw) if e.authors_raw else []
    if art is not None and art.authors:
        return [a.name for a in art.authors], list(art.toc_authors)
    return toc, []


def issue_page(issue: Issue, links: dict[str, str], back: list[tuple[str, str]],
               arts: dict[str, Article] | None = None) -> tuple[dict, str]:
    """(front matter, page text). `links`: article title -> page path relative to this page;
    `back`: (title, path); `arts`: article title -> the article (its byline and last page)."""
    arts = arts or {}
    toc = issue.toc or _toc_from_articles(issue)
    sections: list[dict] = []
    for e in toc:
        if not sections or sections[-1]["name"] != e.section:
            sections.append({"name": e.section, "articles": []})
        url = links.get(e.title)
        art = arts.get(e.title)
        names, variant = _authors_of(e, art)
        entry = {"title": e.title, "authors": names}
        if variant:
            entry["toc_authors"] = variant
        entry["first_page"] = e.page
        entry["last_page"] = art.last_page if art is not None and e.page is not None else None
        entry["url"] = url_of(url) if url else None
        if e.printed:
            entry["printed"] = e.printed  # the TOC line as printed (provenance: the list shows it rearranged)
        sections[-1]["articles"].append(entry)
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
        "complete": True,
        "sections": sections,
        "toc_en": [{"title": t, "authors": a} for t, a in issue.toc_en],
        "back_matter": [{"title": t, "url": url_of(p)} for t, p in back],
    }
    out = [_masthead(issue)] if issue.masthead else []
    held = sum(1 for e in toc if links.get(e.title))
    out.append(f'<p class="ja-holdings">{_holdings(len(toc), held)}</p>')
    defs = {}
    for sec in sections:
        out.append(f"## {md_text(sec['name'])}" if sec["name"] else "## 目录")
        lines = []
        for a in sec["articles"]:
            lines.append(_entry(a["title"], links.get(a["title"]), defs, _names(a["authors"], a.get("toc_authors")),
                                a["first_page"], a["last_page"]))
        out.append(_list(lines))
    english = [(t, a) for t, a in issue.toc_en if links.get("en:" + t) or a]  # not the bare "Abstracts" line
    if english:
        out.append("## 英文目录")
        items = []
        for title, authors in english:
            url = links.get("en:" + title)
            text = md_link(title, url, defs) if url else md_text(title)
            items.append(f"- {text}" + (f" — {md_text(authors)}" if authors else ""))
        out.append('<div lang="en" markdown>\n\n' + "\n".join(items) + "\n\n</div>")
    if back:
        out.append("## 其他")
        out.append("\n".join(f"- [{md_link_text(t)}]({p})" for t, p in back))
    if defs:
        out.append("\n".join(f"[{t}]: {u}" for t, u in defs.items()))
    meta = schema.dump("issue", meta)
    return meta, front_matter(meta) + "\n" + "\n\n".join(out) + "\n"


def _holdings(listed: int, held: int) -> str:
    """How many of the issue's articles the archive holds."""
    if held == listed:
        return f"本期 {listed} 篇文章，本档案全部收录。"
    return f"本期目录 {listed} 篇文章，本档案收录其中 {held} 篇。"


def held_issues(metas: dict[str, dict]) -> dict[str, list[str]]:
    """{issue page path: its pages in `metas`} of each issue held in part (see held_issue_pages),
    without rendering anything."""
    groups: dict[str, list[str]] = {}
    for path, m in metas.items():
        if m.get("kind") in ("article", "back-matter") and m.get("journal") and m.get("year") and m.get("issue"):
            groups.setdefault(folder_of(path), []).append(path)
    out = {}
    for folder, paths in sorted(groups.items()):
        index_path = issue_index(folder)
        if index_path not in metas and any(metas[p]["kind"] == "article" for p in paths):
            out[index_path] = paths
    return out


def held_issue_pages(metas: dict[str, dict]) -> dict[str, tuple[dict, str]]:
    """{path: (front matter, text)}: a page for each issue (journal, year and number known)
    of which the archive holds articles but no whole-issue source, listing them in printed
    order with the issue's other pages (English abstracts, …) that their sources hold.
    `metas`: content path -> front matter of every converted page."""
    out: dict[str, tuple[dict, str]] = {}
    for index_path, paths in held_issues(metas).items():
        articles = sorted((p for p in paths if metas[p]["kind"] == "article"),
                          key=lambda p: (metas[p].get("first_page") is None, metas[p].get("first_page") or 0, p))
        first = metas[articles[0]]
        entries, lines, defs = [], [], {}
        for p in articles:
            m = metas[p]
            names = [a["name"] for a in m.get("authors") or [] if a.get("name")]
            url = relative(index_path, p)
            entries.append({"title": m["title"], "authors": names, "first_page": m.get("first_page"),
                            "last_page": m.get("last_page"), "url": url_of(url)})
            lines.append(_entry(m["title"], url, defs, _names(names), m.get("first_page"), m.get("last_page")))
        back = sorted(p for p in paths if metas[p]["kind"] == "back-matter")
        sources = sorted({metas[p]["source"] for p in paths})
        meta = schema.dump("issue", {
            "source": ", ".join(sources), "template": "issue.html",
            "title": f"{first['journal']} {issue_label(first['year'], first['issue'])}",
            "journal": first["journal"], "journal_printed": None, "issn": next((metas[p].get("issn") for p in articles if metas[p].get("issn")), None),
            "year": first["year"], "issue": first["issue"],
            "total_issue": next((metas[p].get("total_issue") for p in articles if metas[p].get("total_issue")), None),
            "frequency": None, "published": next((metas[p].get("published") for p in articles if metas[p].get("published")), None),
            "complete": False, "sections": [{"name": None, "articles": entries}], "toc_en": [],
            "back_matter": [{"title": metas[p]["title"], "url": url_of(relative(index_path, p))} for p in back],
        })
        n = len(articles)
        body = [f'<p class="ja-holdings">本档案收录本期文章 {n} 篇（本期未整期收录）。</p>', "## 目录", _list(lines)]
        if back:
            body += ["## 其他", "\n".join(f"- [{md_link_text(metas[p]['title'])}]({relative(index_path, p)})" for p in back)]
        if defs:
            body.append("\n".join(f"[{t}]: {u}" for t, u in defs.items()))
        out[index_path] = (meta, front_matter(meta) + "\n" + "\n\n".join(body) + "\n")
    return out
