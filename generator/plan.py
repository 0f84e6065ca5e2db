"""Two phases, as pelican does: read every input first, then lay out and
render every page, because links (annual index, issue TOC) need the corpus."""

from __future__ import annotations

import posixpath

from .layout import article_path, back_matter_path, document_path, issue_dir, issue_page, relative
from .diagnostics import report
from .model import Diagnostic, Issue, Span
from .writers.article_md import article_page
from .writers.back_matter_md import back_matter_page
from .writers.indexes import index_pages
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


def _back_paths(issue: Issue, paths: list[str]) -> list[tuple]:
    folder = issue_dir(issue.journal, issue.year, issue.number)
    prefix = "" if issue.kind == "issue" else posixpath.basename(paths[0])[:-3] + "-" if paths else ""
    return [(bm, back_matter_path(folder, bm.slug, prefix)) for bm in issue.back_matter]


def _own_pages(issue: Issue, paths: list[str]) -> tuple[dict[str, tuple[dict, str]], dict[str, tuple[dict, str]]]:
    """The pages of one input that need nothing of the others: ({article path: page}, {issue page path: page})."""
    folder = issue_dir(issue.journal, issue.year, issue.number)
    back = _back_paths(issue, paths)
    articles: dict[str, tuple[dict, str]] = {}
    for n, (art, path) in enumerate(zip(issue.articles, paths)):
        extra = {}
        if issue.kind == "issue":
            extra["prev"] = paths[n - 1] if n else None
            extra["next"] = paths[n + 1] if n + 1 < len(paths) else None
        articles[path] = article_page(art, issue, extra)
    index: dict[str, tuple[dict, str]] = {}
    if issue.kind == "issue":
        index_path = issue_page(folder)
        links = {}
        for art, path in zip(issue.articles, paths):
            links[art.title] = relative(index_path, path)
            if art.toc_index is not None:
                links[issue.toc[art.toc_index].title] = relative(index_path, path)
            if art.title_en:
                links["en:" + art.title_en] = relative(index_path, path)
        index[index_path] = issue_md(issue, links, [(bm.title, relative(index_path, p)) for bm, p in back])
    return articles, index


def _issue_pages(issue: Issue, paths: list[str], lookup: dict[tuple, str], own_pages) -> dict[str, tuple[dict, str]]:
    """Every page of one input: {path: (front matter, text)}: its articles, its back matter (whose
    annual index links into the whole corpus, `lookup`), its issue page."""
    articles, index = own_pages
    own = dict(articles)
    for bm, path in _back_paths(issue, paths):
        own[path] = back_matter_page(bm, issue, _Links(lookup, path), {})
    own.update(index)
    return own


class Pages:
    """Lays out and renders the pages of the inputs given one by one (`add`, while the others
    are still converting), then of all of them (`finish`): the back matter's annual index
    links into the whole corpus, so it is rendered last."""

    def __init__(self):
        self.lookup: dict[tuple, str] = {}
        self.laid: list[tuple] = []

    def add(self, issue: Issue) -> None:
        paths = article_paths(issue)
        for art, path in zip(issue.articles, paths):
            self.lookup[(art.year, art.issue, "".join(art.title.split()))] = path
        self.laid.append((issue, paths, _own_pages(issue, paths)))

    def finish(self) -> tuple[dict[str, str], dict[str, dict], list[Diagnostic]]:
        """All pages of all inputs: ({path: text}, {path: front matter}, diagnostics)."""
        pages: dict[str, str] = {}
        metas: dict[str, dict] = {}
        owner: dict[str, str] = {}
        diags: list[Diagnostic] = []
        for issue, paths, own_pages in self.laid:
            for path, (meta, text) in _issue_pages(issue, paths, self.lookup, own_pages).items():
                if path in owner and owner[path] != issue.source:
                    diags.append(report("DUPLICATE_PAGE", Span(issue.source, 1), path=path, other=owner[path]))
                owner[path] = issue.source
                pages[path], metas[path] = text, meta
        return pages, metas, diags


def render_pages(issues: list[Issue]) -> tuple[dict[str, str], dict[str, dict], list[Diagnostic]]:
    """All pages of all inputs: ({path: text}, {path: front matter}, diagnostics)."""
    layout = Pages()
    for issue in issues:
        layout.add(issue)
    return layout.finish()


def render(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    """All pages of all inputs: {relative path: text}."""
    pages, _metas, diags = render_pages(issues)
    return pages, diags


def render_all(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    """The whole content/ tree: every input's pages and the corpus pages (home, journal
    archives, indexes), which are built from the pages' front matter as written."""
    pages, metas, diags = render_pages(issues)
    pages.update(index_pages(metas))
    return pages, diags
