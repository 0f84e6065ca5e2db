"""Two phases, as pelican does: read every input first, then lay out and
render every page, because links (annual index, issue TOC, the citation
network of generator/network.py) need the corpus."""

from __future__ import annotations

import multiprocessing
import posixpath
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from . import network
from .layout import article_path, back_matter_path, document_path, issue_dir, issue_label, issue_page, page_anchor, relative
from .diagnostics import report
from .model import Diagnostic, Issue, Span
from .writers.article_md import NoteLink, article_page
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


def _network_extra(net: network.Network, path: str) -> dict:
    """An article's cited_by and related entries, as its front matter holds them."""
    def drop(entry: dict, *keys: str) -> dict:
        return {k: v for k, v in entry.items() if k not in keys and v is not None}

    return {"cited_by": [drop(e, "year", "number") for e in net.cited_by.get(path, [])],
            "related": [drop(e, "year", "number") for e in net.related.get(path, [])]}


def _note_links(net: network.Network, issue: Issue, path: str) -> dict[tuple[int, int], NoteLink]:
    """(note, reference index) -> the link the note gets to the article it cites."""
    out = {}
    journal = network.journal_key(issue.journal)
    for (note, idx), (target, page) in net.links.get(path, {}).items():
        t = net.targets[target]
        where = "本刊" if t.journal == journal else f"《{t.journal}》"
        href = relative(path, target) + (f"#{page_anchor(page)}" if page else "")
        out[(note, idx)] = NoteLink(target, href, f"{where} {issue_label(t.year, t.number)}")
    return out


def _issue_pages(issue: Issue, paths: list[str], lookup: dict[tuple, str],
                 net: network.Network | None = None) -> dict[str, tuple[dict, str]]:
    """Every page of one input: {path: (front matter, text)}."""
    net = net or network.Network()
    folder = issue_dir(issue.journal, issue.year, issue.number)
    prefix = "" if issue.kind == "issue" else posixpath.basename(paths[0])[:-3] + "-" if paths else ""
    back = [(bm, back_matter_path(folder, bm.slug, prefix)) for bm in issue.back_matter]
    own: dict[str, tuple[dict, str]] = {}
    for n, (art, path) in enumerate(zip(issue.articles, paths)):
        extra = {}
        if issue.kind == "issue":
            extra["prev"] = paths[n - 1] if n else None
            extra["next"] = paths[n + 1] if n + 1 < len(paths) else None
        if art.kind == "article":
            extra.update(_network_extra(net, path))
        own[path] = article_page(art, issue, extra, _note_links(net, issue, path))
    for bm, path in back:
        own[path] = back_matter_page(bm, issue, _Links(lookup, path), {})
    if issue.kind == "issue":
        index_path = issue_page(folder)
        links = {}
        for art, path in zip(issue.articles, paths):
            links[art.title] = relative(index_path, path)
            if art.toc_index is not None:
                links[issue.toc[art.toc_index].title] = relative(index_path, path)
            if art.title_en:
                links["en:" + art.title_en] = relative(index_path, path)
        own[index_path] = issue_md(issue, links, [(bm.title, relative(index_path, p)) for bm, p in back])
    return own


def render_pages(issues: list[Issue], jobs: int = 1,
                 metas_wanted: bool = True) -> tuple[dict[str, str], dict[str, dict], list[Diagnostic]]:
    """All pages of all inputs: ({path: text}, {path: front matter}, diagnostics). With `jobs`
    above 1, the inputs' pages are rendered by that many processes (see `_rendered`); without
    `metas_wanted`, the front matters are not returned ({}) and not sent between processes."""
    pages: dict[str, str] = {}
    metas: dict[str, dict] = {}
    owner: dict[str, str] = {}
    diags: list[Diagnostic] = []
    lookup: dict[tuple, str] = {}
    laid = []
    for issue in issues:
        paths = article_paths(issue)
        laid.append((issue, paths))
        for art, path in zip(issue.articles, paths):
            lookup[(art.year, art.issue, "".join(art.title.split()))] = path
    net = network.build(laid)
    diags += net.diagnostics
    for (issue, _paths), own in zip(laid, _rendered(laid, lookup, net, jobs, metas_wanted)):
        for path, (meta, text) in own.items():
            if path in owner and owner[path] != issue.source:
                diags.append(report("DUPLICATE_PAGE", Span(issue.source, 1), path=path, other=owner[path]))
            owner[path] = issue.source
            pages[path] = text
            if metas_wanted:
                metas[path] = meta
    return pages, metas, diags


# What the render workers read: set before they fork, so each starts with the models, the
# lookup and the network in its memory and only the pages' text comes back.
_SHARED: tuple = ()


def _render_chunk(start: int, stop: int) -> list[dict[str, tuple[dict | None, str]]]:
    laid, lookup, net, metas_wanted = _SHARED
    out = []
    for issue, paths in laid[start:stop]:
        own = _issue_pages(issue, paths, lookup, net)
        out.append(own if metas_wanted else {path: (None, text) for path, (_m, text) in own.items()})
    return out


def _rendered(laid: list[tuple[Issue, list[str]]], lookup: dict[tuple, str], net: network.Network, jobs: int,
              metas_wanted: bool) -> Iterator[dict[str, tuple[dict | None, str]]]:
    """Each input's pages ({path: (front matter, text)}), in input order. With `jobs` above 1
    (and fork, where the workers inherit what they render from), by that many processes,
    each rendering runs of inputs: a page is a function of its input, the lookup and the
    network, so the pages are those one process renders."""
    global _SHARED
    jobs = min(jobs, len(laid))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for issue, paths in laid:
            yield _issue_pages(issue, paths, lookup, net)
        return
    step = max(1, len(laid) // (jobs * 8))  # runs small enough to share the work evenly
    starts = range(0, len(laid), step)
    _SHARED = (laid, lookup, net, metas_wanted)
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk in pool.map(_render_chunk, starts, [s + step for s in starts]):
                yield from chunk
    finally:
        _SHARED = ()


def render(issues: list[Issue], jobs: int = 1) -> tuple[dict[str, str], list[Diagnostic]]:
    """All pages of all inputs: {relative path: text}."""
    pages, _metas, diags = render_pages(issues, jobs, metas_wanted=False)
    return pages, diags


def render_all(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    """The whole content/ tree: every input's pages and the corpus pages (home, journal
    archives, indexes), which are built from the pages' front matter as written."""
    pages, metas, diags = render_pages(issues)
    pages.update(index_pages(metas))
    return pages, diags
