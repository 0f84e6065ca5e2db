"""Two phases, as pelican does: read every input first, then lay out and
render every page, because links (annual index, issue TOC, the citation
network of generator/network.py, an article's neighbours in another issue) need the corpus.

Laying out an input (`lay_out`) gives its pages and everything the other
inputs' pages show of it (a `Laid`: its articles' paths and titles, its
network extract, its pages' front matter as the corpus pages read it). From
the inputs laid out, a `World` holds what a page shows of the others (prev and
next, the annual indexes' links, the citation network); a page is a function of
its own input and `World.facts(path)`. So a change to the archive re-renders
only its own pages, the pages whose facts changed and the corpus pages
(generator/archive/plan.py), from the Laid kept in the archive index
(generator/archive/index.py), without reading the other inputs.

Reading order: each article's prev/next are the journal's articles before and after it
as printed (year, issue, first page; an issue's own order where pages are unknown),
across issues, so a single article of an issue is not an orphan. Each issue of which the
archive holds articles but no whole-issue source gets a page listing what it holds
(writers/issue_md.py held_issue_pages), one of the corpus pages.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field

from . import network
from .layout import (article_path, back_matter_path, document_path, issue_dir, issue_label, issue_page, journal_slug, page_anchor,
                     relative)
from .diagnostics import report
from .model import Diagnostic, Issue, Span
from .writers.article_md import NoteLink, article_meta, article_page
from .writers.back_matter_md import back_matter_page
from .writers.indexes import corpus_paths, index_pages
from .writers.issue_md import held_issue_pages, held_issues, issue_page as issue_md

# What the corpus pages (generator/writers/indexes.py, portal.py) do not read of a page's
# front matter: left out of Laid.metas (tests/test_plan_incremental.py checks the pages agree).
CORPUS_SKIPS = ("references", "cited_by", "related", "prev", "next", "abstract", "abstract_en", "funding", "citation",
                "printed", "pages", "entries", "clc", "article_no", "doc_code", "template", "editor",
                "prev_title", "next_title", "prev_issue", "next_issue", "toc_authors")


class _Links:
    """(year, issue, title) -> path relative to one page, computed only when asked."""

    def __init__(self, lookup: dict[tuple, str], page: str, asked: list | None = None):
        self.lookup, self.page, self.asked = lookup, page, asked

    def get(self, key: tuple) -> str | None:
        if self.asked is not None:
            self.asked.append(key)
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


def _back_paths(issue: Issue, paths: list[str]) -> list[str]:
    folder = issue_dir(issue.journal, issue.year, issue.number)
    prefix = "" if issue.kind == "issue" else posixpath.basename(paths[0])[:-3] + "-" if paths else ""
    return [back_matter_path(folder, bm.slug, prefix) for bm in issue.back_matter]


def title_key(title: str) -> str:
    """An article's title as the annual indexes look it up (white space out)."""
    return re.sub(r"\s+", "", title)


@dataclass
class Laid:
    """One input laid out: its pages, and what the pages of the other inputs show of it."""

    source: str
    kind: str
    articles: list[str]  # its article (or document) pages, in the issue's order
    back: list[str]  # its back-matter pages
    index: str | None  # its issue page (a whole issue's)
    titles: dict[tuple, str]  # (year, issue, title) -> article page: what the annual indexes link to
    net: network.Extract
    run: list[tuple] = field(default_factory=list)  # its articles in the reading order: (sort key, page, title, (year, issue))
    run_key: object = None  # the run they belong to: the journal (a dated input), or the input alone
    wants: dict[str, list[tuple]] = field(default_factory=dict)  # back-matter page -> the titles its annual index asks for
    metas: dict[str, dict] = field(default_factory=dict)  # page -> front matter as the corpus pages read it

    def pages(self) -> list[str]:
        """Every page of the input, in the order they are written."""
        return [*self.articles, *self.back, *([self.index] if self.index else [])]


def lay_out(issue: Issue, metas: bool = True, ready: dict | None = None) -> Laid:
    """`issue`'s pages and what the other inputs' pages need of it (metas: the corpus pages' view).
    `ready`, if given, gets the back-matter pages that read nothing of the other inputs, as
    source_pages renders them ({path: (front matter, text)}: rendered here to learn what they ask)."""
    paths = article_paths(issue)
    back = _back_paths(issue, paths)
    titles = {(art.year, art.issue, title_key(art.title)): path for art, path in zip(issue.articles, paths)}
    folder = issue_dir(issue.journal, issue.year, issue.number)
    laid = Laid(issue.source, issue.kind, paths, back, issue_page(folder) if issue.kind == "issue" else None, titles,
                network.extract(issue, paths))
    _place(laid, issue)
    for bm, path in zip(issue.back_matter, back):
        asked: list[tuple] = []
        meta, text = back_matter_page(bm, issue, _Links({}, path, asked), {})
        if asked:
            laid.wants[path] = asked
        elif ready is not None:
            ready[path] = (meta, text)
        if metas:
            laid.metas[path] = corpus_meta(meta)
    if metas:
        for art, path in zip(issue.articles, paths):
            laid.metas[path] = corpus_meta(article_meta(art, issue, {}))
        if laid.index:
            laid.metas[laid.index] = corpus_meta(_issue_index(issue, paths, back)[1][0])
    return laid


def corpus_meta(meta: dict) -> dict:
    return {k: v for k, v in meta.items() if k not in CORPUS_SKIPS}


def _place(laid: Laid, issue: Issue) -> None:
    """The input's articles in its journal's reading order (issues with a year and number), or
    in its own issue's (an issue without them; a document or an undated single article: none)."""
    if issue.kind == "document":
        return
    dated = bool(issue.year and issue.number)
    if not dated and issue.kind != "issue":
        return
    laid.run_key = journal_slug(issue.journal) if dated else ("source", issue.source)
    for n, (art, path) in enumerate(zip(issue.articles, laid.articles)):
        if art.kind != "article":
            continue
        page = art.first_page if art.first_page is not None else float("inf")
        order = (issue.year or 0, issue.number or 0, page, issue.source, n) if dated else (n,)
        laid.run.append((order, path, art.title, (issue.year, issue.number)))


def reading_order(laid: list[Laid]) -> dict[str, dict]:
    """The reading order, defined once: article page -> its prev/next front matter (the
    neighbour's page and title, and its issue's label when that differs). Only what `laid`
    holds is read, so a change of the archive finds the pages whose neighbours change
    (World.facts) whatever the rule."""
    runs: dict[object, list[tuple]] = {}
    for one in laid:
        if one.run:
            runs.setdefault(one.run_key, []).extend(one.run)
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


class World:
    """What the pages of every input laid out show of each other."""

    def __init__(self, laid: list[Laid]):
        self.lookup: dict[tuple, str] = {}
        for one in laid:
            self.lookup.update(one.titles)
        self.net = network.build([one.net for one in laid])
        self.order = reading_order(laid)
        self.diagnostics: list[Diagnostic] = list(self.net.diagnostics)
        owner: dict[str, str] = {}
        for one in laid:
            for path in one.pages():
                if path in owner and owner[path] != one.source:
                    self.diagnostics.append(report("DUPLICATE_PAGE", Span(one.source, 1), path=path, other=owner[path]))
                owner[path] = one.source
        self.laid = laid

    def facts(self, laid: Laid, path: str) -> tuple:
        """Everything page `path` of `laid` shows of the other pages: equal facts, equal page."""
        if path in laid.wants:
            return tuple((k, self.lookup.get(k)) for k in laid.wants[path])
        if path == laid.index or path not in laid.articles:
            return ()
        net = self.net
        links = net.links.get(path, {})
        targets = tuple(sorted((k, v, net.targets[v[0]].journal, net.targets[v[0]].year, net.targets[v[0]].number)
                               for k, v in links.items()))
        return (self.order.get(path), targets, net.cited_by.get(path), net.related.get(path))

    def corpus_metas(self) -> dict[str, dict]:
        """Every page's front matter as the corpus pages read it (with who cites each article)."""
        metas: dict[str, dict] = {}
        cited_by = self.net.cited_by
        for one in self.laid:
            for path, m in one.metas.items():
                if path in cited_by:
                    m = {**m, "cited_by": [{"path": e["path"]} for e in cited_by[path]]}
                metas[path] = m
        return metas


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


def _issue_index(issue: Issue, paths: list[str], back: list[str]) -> tuple[str, tuple[dict, str]]:
    index_path = issue_page(issue_dir(issue.journal, issue.year, issue.number))
    links, arts = {}, {}
    for art, path in zip(issue.articles, paths):
        links[art.title] = relative(index_path, path)
        arts[art.title] = art
        if art.toc_index is not None:
            links[issue.toc[art.toc_index].title] = relative(index_path, path)
            arts[issue.toc[art.toc_index].title] = art
        if art.title_en:
            links["en:" + art.title_en] = relative(index_path, path)
    return index_path, issue_md(issue, links, [(bm.title, relative(index_path, p)) for bm, p in zip(issue.back_matter, back)], arts)


def source_pages(issue: Issue, laid: Laid, world: World, only: set[str] | None = None,
                 ready: dict | None = None) -> dict[str, tuple[dict, str]]:
    """The pages of one input (those in `only`, if given): {path: (front matter, text)};
    `ready`: its back-matter pages lay_out rendered already (they ask nothing of `world`)."""
    net = world.net
    own: dict[str, tuple[dict, str]] = {}
    for art, path in zip(issue.articles, laid.articles):
        if only is not None and path not in only:
            continue
        extra = dict(world.order.get(path, {}))
        if art.kind == "article":
            extra.update(_network_extra(net, path))
        own[path] = article_page(art, issue, extra, _note_links(net, issue, path))
    for bm, path in zip(issue.back_matter, laid.back):
        if only is None or path in only:
            own[path] = ready[path] if ready and path in ready else back_matter_page(bm, issue, _Links(world.lookup, path), {})
    if laid.index and (only is None or laid.index in only):
        path, page = _issue_index(issue, laid.articles, laid.back)
        own[path] = page
    return own


def render_pages(issues: list[Issue]) -> tuple[dict[str, str], dict[str, dict], list[Diagnostic]]:
    """All pages of all inputs: ({path: text}, {path: front matter}, diagnostics). (`convert` on
    several processes: generator/together.py.)"""
    pages, metas, world = render_laid([(issue, lay_out(issue, metas=False)) for issue in issues])
    return pages, metas, world.diagnostics


def render_laid(laid: list[tuple[Issue, Laid]]) -> tuple[dict[str, str], dict[str, dict], World]:
    world = World([one for _issue, one in laid])
    pages: dict[str, str] = {}
    metas: dict[str, dict] = {}
    for issue, one in laid:
        for path, (meta, text) in source_pages(issue, one, world).items():
            pages[path], metas[path] = text, meta
    return pages, metas, world


def corpus_pages(metas: dict[str, dict]) -> dict[str, str]:
    """The pages made from the others' front matter (`metas`, as corpus_metas gives it): a
    page for each issue held in part, then home, journal archives, year pages and indexes."""
    metas = dict(metas)
    pages: dict[str, str] = {}
    for path, (meta, text) in held_issue_pages(metas).items():
        pages[path], metas[path] = text, corpus_meta(meta)
    pages.update(index_pages(metas))
    return pages


def corpus_page_paths(metas: dict[str, dict]) -> list[str]:
    """The paths corpus_pages(metas) writes, without rendering them (a held issue's page adds no
    journal or year the corpus pages' paths depend on: its articles have them)."""
    held = held_issues(metas)
    return [*held, *corpus_paths(metas)]


def render(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    """All pages of all inputs: {relative path: text}."""
    pages, _metas, diags = render_pages(issues)
    return pages, diags


def render_all(issues: list[Issue]) -> tuple[dict[str, str], list[Diagnostic]]:
    """The whole content/ tree: every input's pages and the corpus pages (the pages of
    issues held in part, home, journal archives, indexes), which are built from the pages'
    front matter as written."""
    laid = [(issue, lay_out(issue)) for issue in issues]
    pages, _metas, world = render_laid(laid)
    pages.update(corpus_pages(world.corpus_metas()))
    return pages, world.diagnostics
