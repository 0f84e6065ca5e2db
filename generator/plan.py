"""Two phases, as pelican does: read every input first, then lay out and
render every page, because links (annual index, issue TOC) need the corpus."""

from __future__ import annotations

import posixpath
import re

from .layout import article_path, back_matter_path, document_path, issue_dir, issue_page, relative
from .model import Diagnostic, Issue, Span
from .writers.article_md import article_page
from .writers.back_matter_md import back_matter_page
from .writers.issue_md import issue_page as issue_md



class _Links:
    """(year, issue, title) -> path relative to one page, computed only when asked."""

    def __init__(self, lookup: dict[tuple, str], page: str):
        self.lookup, self.page = lookup, page

    def get(self, key: tuple) -> str | None:
        target = self.lookup.get(key)
        return relative(self.page, target) if target else None


def article_paths(issue: Issue) -> list[str]:
    if issue.kind == "document":
        return [document_path(issue.articles[0].title)]
    folder = issue_dir(issue.journal, issue.year, issue.number)
    paths, seen = [], set()
    for art in issue.articles:
        p = article_path(folder, art.first_page, art.title)
        while p in seen:
            p = p[:-3] + "-2.md"
        seen.add(p)
        paths.append(p)
    return paths


def render(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    """All pages of all inputs: {relative path: text}."""
    pages: dict[str, str] = {}
    owner: dict[str, str] = {}
    diags: list[Diagnostic] = []
    lookup: dict[tuple, str] = {}
    laid = []
    for issue in issues:
        paths = article_paths(issue)
        laid.append((issue, paths))
        for art, path in zip(issue.articles, paths):
            lookup[(art.year, art.issue, re.sub(r"\s+", "", art.title))] = path
    for issue, paths in laid:
        folder = issue_dir(issue.journal, issue.year, issue.number)
        prefix = "" if issue.kind == "issue" else posixpath.basename(paths[0])[:-3] + "-" if paths else ""
        back = []
        for bm in issue.back_matter:
            back.append((bm, back_matter_path(folder, bm.slug, prefix)))
        index_path = issue_page(folder)
        own: dict[str, str] = {}
        for n, (art, path) in enumerate(zip(issue.articles, paths)):
            extra = {}
            if issue.kind == "issue":
                extra["prev"] = paths[n - 1] if n else None
                extra["next"] = paths[n + 1] if n + 1 < len(paths) else None
            own[path] = article_page(art, issue, extra)
        for bm, path in back:
            own[path] = back_matter_page(bm, issue, _Links(lookup, path), {})
        if issue.kind == "issue":
            links = {}
            for art, path in zip(issue.articles, paths):
                links[art.title] = relative(index_path, path)
                for e in issue.toc:
                    if re.sub(r"\s+", "", e.title) == re.sub(r"\s+", "", art.title):
                        links[e.title] = relative(index_path, path)
                if art.title_en:
                    links["en:" + art.title_en] = relative(index_path, path)
            own[index_path] = issue_md(issue, links, [(bm.title, relative(index_path, p)) for bm, p in back])
        for path, text in own.items():
            if path in owner and owner[path] != issue.source:
                diags.append(Diagnostic("DUPLICATE_PAGE", f"{path} also written from {owner[path]}", Span(issue.source, 1)))
            owner[path] = issue.source
            pages[path] = text
    return pages, diags
