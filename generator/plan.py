"""Two phases, as pelican does: read every input first, then lay out and
render every page, because links (annual index, issue TOC, the citation
network of generator/network.py, an article's neighbours in another issue) need the corpus.

Reading order: each article's prev/next are the journal's articles before and after it
as printed (year, issue, first page; an issue's own order where pages are unknown),
across issues, so a single article of an issue is not an orphan. Each issue of which the
archive holds articles but no whole-issue source gets a page listing what it holds
(writers/issue_md.py held_issue_pages)."""

from __future__ import annotations

import multiprocessing
import posixpath
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from . import network
from .layout import (article_path, back_matter_path, document_path, issue_dir, issue_label, issue_page, journal_slug,
                     page_anchor, relative)
from .diagnostics import report
from .model import Diagnostic, Issue, Span
from .writers.article_md import NoteLink, article_page
from .writers.back_matter_md import back_matter_page
from .writers.indexes import index_pages
from .writers.issue_md import held_issue_pages, issue_page as issue_md



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


def reading_order(laid: list[tuple[Issue, list[str]]]) -> dict[str, dict]:
    """Article path -> its prev/next front matter: the neighbours in its journal's printed
    order across issues (issues with a year and number), or within its own issue (an
    issue without them); the neighbour's title, and its issue's label when that differs."""
    runs: dict[object, list[tuple]] = {}
    for k, (issue, paths) in enumerate(laid):
        if issue.kind == "document":
            continue
        dated = bool(issue.year and issue.number)
        key = journal_slug(issue.journal) if dated else ("source", k)
        if not dated and issue.kind != "issue":
            continue
        for n, (art, path) in enumerate(zip(issue.articles, paths)):
            if art.kind != "article":
                continue
            page = art.first_page if art.first_page is not None else float("inf")
            order = (issue.year or 0, issue.number or 0, page, k, n) if dated else (n,)
            runs.setdefault(key, []).append((order, path, art.title, (issue.year, issue.number)))
    out: dict[str, dict] = {}
    for run in runs.values():
        run.sort(key=lambda r: r[0])
        for i, (_order, path, _title, here) in enumerate(run):
            extra: dict = {}
            for side, j in (("prev", i - 1), ("next", i + 1)):
                if 0 <= j < len(run):
                    _o, other, title, there = run[j]
                    extra[side], extra[f"{side}_title"] = other, title
                    if there != here:
                        extra[f"{side}_issue"] = issue_label(*there)
            out[path] = extra
    return out


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
                 net: network.Network | None = None, order: dict[str, dict] | None = None) -> dict[str, tuple[dict, str]]:
    """Every page of one input: {path: (front matter, text)}. `order`: reading_order's."""
    net = net or network.Network()
    folder = issue_dir(issue.journal, issue.year, issue.number)
    prefix = "" if issue.kind == "issue" else posixpath.basename(paths[0])[:-3] + "-" if paths else ""
    back = [(bm, back_matter_path(folder, bm.slug, prefix)) for bm in issue.back_matter]
    own: dict[str, tuple[dict, str]] = {}
    if order is None:
        order = reading_order([(issue, paths)])
    for art, path in zip(issue.articles, paths):
        extra = dict(order.get(path, {}))
        if art.kind == "article":
            extra.update(_network_extra(net, path))
        own[path] = article_page(art, issue, extra, _note_links(net, issue, path))
    for bm, path in back:
        own[path] = back_matter_page(bm, issue, _Links(lookup, path), {})
    if issue.kind == "issue":
        index_path = issue_page(folder)
        links, arts = {}, {}
        for art, path in zip(issue.articles, paths):
            links[art.title] = relative(index_path, path)
            arts[art.title] = art
            if art.toc_index is not None:
                links[issue.toc[art.toc_index].title] = relative(index_path, path)
                arts[issue.toc[art.toc_index].title] = art
            if art.title_en:
                links["en:" + art.title_en] = relative(index_path, path)
        own[index_path] = issue_md(issue, links, [(bm.title, relative(index_path, p)) for bm, p in back], arts)
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
    order = reading_order(laid)
    for (issue, _paths), own in zip(laid, _rendered(laid, lookup, net, order, jobs, metas_wanted)):
        for path, (meta, text) in own.items():
            if path in owner and owner[path] != issue.source:
                diags.append(report("DUPLICATE_PAGE", Span(issue.source, 1), path=path, other=owner[path]))
            owner[path] = issue.source
            pages[path] = text
            if metas_wanted:
                metas[path] = meta
    return pages, metas, diags


# What the render workers read: set before they fork, so each starts with the models, the
# lookup, the network and the reading order in its memory and only the pages' text comes back.
_SHARED: tuple = ()


def _render_chunk(start: int, stop: int) -> list[dict[str, tuple[dict | None, str]]]:
    laid, lookup, net, order, metas_wanted = _SHARED
    out = []
    for issue, paths in laid[start:stop]:
        own = _issue_pages(issue, paths, lookup, net, order)
        out.append(own if metas_wanted else {path: (None, text) for path, (_m, text) in own.items()})
    return out


def _rendered(laid: list[tuple[Issue, list[str]]], lookup: dict[tuple, str], net: network.Network,
              order: dict[str, dict], jobs: int, metas_wanted: bool) -> Iterator[dict[str, tuple[dict | None, str]]]:
    """Each input's pages ({path: (front matter, text)}), in input order. With `jobs` above 1
    (and fork, where the workers inherit what they render from), by that many processes,
    each rendering runs of inputs: a page is a function of its input, the lookup, the
    network and the reading order, so the pages are those one process renders."""
    global _SHARED
    jobs = min(jobs, len(laid))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for issue, paths in laid:
            yield _issue_pages(issue, paths, lookup, net, order)
        return
    step = max(1, len(laid) // (jobs * 8))  # runs small enough to share the work evenly
    starts = range(0, len(laid), step)
    _SHARED = (laid, lookup, net, order, metas_wanted)
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
    """The whole content/ tree: every input's pages and the corpus pages (the pages of
    issues held in part, home, journal archives, indexes), which are built from the pages'
    front matter as written."""
    pages, metas, diags = render_pages(issues)
    for path, (meta, text) in held_issue_pages(metas).items():
        pages[path], metas[path] = text, meta
    pages.update(index_pages(metas))
    return pages, diags
